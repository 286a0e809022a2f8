//! clauselint: a linter for privacy policies.
//!
//! It matches YAML rule packs against a policy (Markdown or plain text) and
//! reports clauses the law expects that are **missing**, clauses and
//! paragraphs that are **duplicated**, with exact source spans.
//!
//! # Architecture
//!
//! ```text
//! cli ──► commands ──► walk ──► lint ──► document ──► engine ──► finding ──► report
//!                                  │          ▲            ▲
//!                                  └── source ┘     rules ─┘
//! ```
//!
//! - [`source`]: bytes → text (decoding policy), [`source::Span`], line index.
//! - [`document`]: Markdown / plain text → blocks, sections, sentences, folded
//!   text with an exact map back to original byte offsets.
//! - [`rules`]: YAML packs → compiled [`rules::RuleSet`] (built-in packs
//!   embedded), each regex with its required literals ([`rules::LiteralGate`])
//!   and a fast ASCII form ([`rules::Pattern`]).
//! - [`engine`]: pure `check(&Document, &RuleSet) -> FileReport`; no I/O. It
//!   searches each pattern only in the blocks holding its literals.
//! - [`report`]: human (codespan-reporting), short and JSON output.
//! - [`commands`]: the subcommands; [`exit`]: the exit-code contract;
//!   [`config`]: the project configuration file (`.clauselint.yaml`).
//!
//! `rules`, `document` and `source` import nothing from `engine`, `report` or
//! `commands`; only `report` and `commands` produce text for people.
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
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod document;
pub mod engine;
pub mod eval;
pub mod exit;
pub mod finding;
pub mod lint;
mod parallel;
pub mod report;
pub mod rule_test;
pub mod rules;
pub mod search;
pub mod source;
pub mod walk;
