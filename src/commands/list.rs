//! `clauselint rules`.

use serde::Serialize;
use std::io::{self, Write};

use super::packs::{self, Builtins};
use crate::cli::{ListFormat, PackArgs, RulesArgs};
use crate::exit::ExitStatus;
use crate::rules::builtin;

pub(super) fn run(
    args: &RulesArgs,
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
    let on_by_default = |pack: &str, builtin_pack: bool| {
        !builtin_pack || builtin::find(pack).is_some_and(|p| p.default)
    };
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Ref<'a> {
                cite: &'a str,
                url: Option<&'a str>,
            }
            #[derive(Serialize)]
            struct Item<'a> {
                id: &'a str,
                pack: &'a str,
                title: &'a str,
                severity: &'static str,
                kind: &'static str,
                default: bool,
                /// The profiles that turn the rule's pack on.
                profiles: Vec<&'static str>,
                references: Vec<Ref<'a>>,
            }
            let items: Vec<Item<'_>> = set
                .rules()
                .iter()
                .map(|r| {
                    let builtin_pack = set.packs().iter().any(|p| p.name == r.pack && p.builtin);
                    Item {
                        id: &r.id,
                        pack: &r.pack,
                        title: &r.title,
                        severity: r.severity.as_str(),
                        kind: if r.is_clause() { "clause" } else { "check" },
                        default: on_by_default(&r.pack, builtin_pack),
                        profiles: builtin::PROFILES
                            .iter()
                            .filter(|p| builtin_pack && p.packs.contains(&r.pack.as_str()))
                            .map(|p| p.name)
                            .collect(),
                        references: r
                            .references
                            .iter()
                            .map(|x| Ref {
                                cite: &x.cite,
                                url: x.url.as_deref(),
                            })
                            .collect(),
                    }
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&items).expect("plain structs")
            )?;
        }
        ListFormat::Human => {
            for pack in set.packs() {
                let state = if on_by_default(&pack.name, pack.builtin) {
                    "on by default"
                } else {
                    "enable with --pack"
                };
                let origin = if pack.builtin { "built-in" } else { "user" };
                writeln!(out, "{} ({origin}, {state})", pack.name)?;
                if let Some(d) = &pack.description {
                    writeln!(out, "  {}", d.trim())?;
                }
                for r in set.rules().iter().filter(|r| r.pack == pack.name) {
                    writeln!(out, "  {:<34} {:<8} {}", r.id, r.severity.as_str(), r.title)?;
                }
                writeln!(out)?;
            }
            writeln!(
                out,
                "Profiles (--profile NAME, or `packs: NAME` in .clauselint.yaml):"
            )?;
            for p in builtin::PROFILES {
                writeln!(out, "  {:<10} {}", p.name, p.packs.join(", "))?;
                writeln!(out, "  {:<10} for {}", "", p.description)?;
            }
        }
    }
    Ok(ExitStatus::Clean)
}
