//! `clauselint test-rules`.

use std::io::{self, Write};

use super::packs::{self, Builtins};
use crate::cli::{PackArgs, TestRulesArgs};
use crate::exit::ExitStatus;
use crate::rule_test::{self, ExampleFailure};

pub(super) fn run(
    args: &TestRulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let (pack_args, builtins) = if args.paths.is_empty() {
        (PackArgs::default(), Builtins::All)
    } else {
        (
            PackArgs {
                packs: Vec::new(),
                profiles: Vec::new(),
                rules: args.paths.clone(),
            },
            Builtins::None,
        )
    };
    let Some(set) = packs::load(&pack_args, builtins, err)? else {
        return Ok(ExitStatus::Error);
    };
    let results = rule_test::run(&set);
    let mut failed = 0;
    for t in &results {
        if t.failures.is_empty() {
            writeln!(out, "ok      {} ({} examples)", t.rule, t.examples)?;
            continue;
        }
        failed += 1;
        writeln!(
            out,
            "FAILED  {} ({} of {} examples wrong)",
            t.rule,
            t.failures.len(),
            t.examples
        )?;
        for f in &t.failures {
            match f {
                ExampleFailure::Missed { text } => {
                    writeln!(out, "    present example not detected: {text:?}")?;
                }
                ExampleFailure::Noisy { text, matched } => {
                    writeln!(
                        out,
                        "    absent example detected: {text:?}\n        matched: {matched:?}"
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "\n{} rules: {} validated, {} failing",
        results.len(),
        results.len() - failed,
        failed
    )?;
    Ok(if failed > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
