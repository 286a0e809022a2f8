//! `clauselint completions SHELL` and `clauselint man [SUBCOMMAND]`:
//! generated from the clap definition, so they never drift from the real
//! options.

use clap::CommandFactory;
use std::io::{self, Write};

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::exit::ExitStatus;

pub(super) fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> io::Result<ExitStatus> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "clauselint", out);
    Ok(ExitStatus::Clean)
}

pub(super) fn man(
    args: &ManArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let cmd = Cli::command();
    let page = match &args.subcommand {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => {
                let full = format!("clauselint-{name}");
                sub.clone()
                    .display_name(full.clone())
                    .bin_name(full)
                    .version(env!("CARGO_PKG_VERSION"))
            }
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
                writeln!(
                    err,
                    "error: no subcommand `{name}`; choose one of {}",
                    names.join(", ")
                )?;
                return Ok(ExitStatus::Error);
            }
        },
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(ExitStatus::Clean)
}
