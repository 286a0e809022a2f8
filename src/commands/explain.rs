//! `clauselint explain RULE`.

use std::io::{self, Write};

use super::packs::{self, Builtins};
use crate::cli::{ExplainArgs, PackArgs};
use crate::exit::ExitStatus;
use crate::rules::RuleKind;

pub(super) fn run(
    args: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let pack_args = PackArgs {
        packs: Vec::new(),
        profiles: Vec::new(),
        rules: args.rules.clone(),
    };
    let Some(set) = packs::load(&pack_args, Builtins::All, err)? else {
        return Ok(ExitStatus::Error);
    };
    let Some(rule) = set.rule(&args.rule) else {
        writeln!(
            err,
            "error: unknown rule `{}`; `clauselint rules` lists them",
            args.rule
        )?;
        return Ok(ExitStatus::Error);
    };
    writeln!(out, "{} — {}", rule.id, rule.title)?;
    writeln!(out, "pack: {}    severity: {}", rule.pack, rule.severity)?;
    match &rule.kind {
        RuleKind::Clause(m) => {
            let occurs = match m.occurs.max {
                Some(max) => format!("{} to {max}", m.occurs.min),
                None => format!("at least {}", m.occurs.min),
            };
            writeln!(
                out,
                "kind: clause, matched per {}, expected {occurs} time(s)",
                m.scope.as_str()
            )?;
        }
        RuleKind::Check(c) => {
            writeln!(out, "kind: built-in check `{}`", c.name())?;
        }
    }
    writeln!(out, "\nmessage: {}", rule.message)?;
    if let Some(d) = &rule.description {
        writeln!(out, "\nwhat counts:\n  {}", d.trim())?;
    }
    if let Some(h) = &rule.help {
        writeln!(out, "\nhelp:\n  {}", h.trim())?;
    }
    if !rule.references.is_empty() {
        writeln!(out, "\nreferences:")?;
        for r in &rule.references {
            match &r.url {
                Some(url) => writeln!(out, "  - {} <{url}>", r.cite)?,
                None => writeln!(out, "  - {}", r.cite)?,
            }
        }
    }
    for (title, list) in [
        ("present", &rule.examples.present),
        ("absent", &rule.examples.absent),
    ] {
        if !list.is_empty() {
            writeln!(out, "\nexamples ({title}):")?;
            for e in list {
                writeln!(out, "  - {e:?}")?;
            }
        }
    }
    Ok(ExitStatus::Clean)
}
