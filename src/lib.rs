//! clauselint: a linter for privacy policies.
//!
//! It matches YAML rule packs against a policy (Markdown, HTML or plain text)
//! and reports clauses the law expects that are **missing**, clauses and
//! paragraphs that are **duplicated**, with exact source spans.
//!
//! # Architecture
//!
//! ```text
//! cli ──► commands ──► walk ──► lint ──► report
//!                                │
//!          source ──► document ──► engine ──► finding
//!                                  ▲    ▲
//!                   rules (data) ──┘    └── search (hits)
//! ```
//!
//! - [`source`]: bytes → text (decoding policy), [`source::Span`], line index.
//! - [`document`]: Markdown / HTML / plain text → blocks, sections,
//!   sentences, folded text with an exact map back to original byte offsets.
//! - [`rules`]: YAML packs → compiled [`rules::RuleSet`] (built-in packs
//!   embedded): rules as data.
//! - [`search`]: where every pattern of a rule set matches in a document
//!   ([`search::PatternSet::hits`]): fast forms, prebuilt automata, the
//!   literal gate.
//! - [`engine`]: pure `check(&Document, &RuleSet) -> FileReport`; no I/O. It
//!   judges clauses from the search's hits and runs the detectors.
//! - [`report`]: one [`report::Reporter`] per output format.
//! - [`commands`]: the subcommands; [`exit`]: the exit-code contract;
//!   [`config`]: the project configuration file (`.clauselint.yaml`);
//!   [`changes`]: diff mode; [`git`]: the git plumbing of `check --since`.
//!
//! `rules`, `document` and `source` import nothing from `engine`, `report` or
//! `commands`; `engine` knows the search only through `Hits`; only `report`
//! and `commands` produce text for people. `docs/architecture.md` has the
//! checklists for adding a rule key, a match operator, a format or a
//! detector.
//!
//! # Example
//!
//! ```
//! use clauselint::document::Format;
//! use clauselint::finding::ClauseStatus;
//! use clauselint::rules::{self, builtin};
//! use clauselint::source::SourceFile;
//!
//! let core = builtin::find("core").unwrap().to_source();
//! let rules = rules::load(&[core]).unwrap();
//! let policy = SourceFile::new("policy.md", "# Privacy\n\nWe do not knowingly collect data from children under 13.\n");
//! let report = clauselint::lint::lint_source(&policy, Format::Markdown, &rules);
//! let kids = report.clauses.iter().find(|c| c.rule == "children-under-13").unwrap();
//! assert_eq!(kids.status, ClauseStatus::Present);
//! assert_eq!(report.findings.len(), 3); // the other three core clauses are missing
//! ```

pub mod baseline;
pub mod changes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod document;
pub mod engine;
pub mod exit;
pub mod finding;
pub mod git;
pub mod lint;
mod parallel;
pub mod report;
pub mod rule_test;
pub mod rules;
pub mod scoring;
pub mod search;
pub mod sets;
pub mod source;
pub mod walk;
