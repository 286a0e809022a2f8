//! Choosing and loading rule packs from `--pack` and `--rules`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::PackArgs;
use crate::lint::io_message;
use crate::report::human;
use crate::rules::builtin::{self, BUILTIN_PACKS};
use crate::rules::{self, PackSource, RuleSet};
use crate::source::{decode, SourceFile};

/// Which built-in packs to load.
pub(crate) enum Builtins {
    /// The ones `--pack` names, or the defaults.
    Selected,
    /// Every built-in pack.
    All,
    /// None.
    None,
}

/// The profile names, for messages.
fn profile_names() -> String {
    builtin::PROFILES
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Loads the rule set, or writes what is wrong to `err` and returns `None`.
pub(crate) fn load(
    args: &PackArgs,
    builtins: Builtins,
    err: &mut dyn Write,
) -> io::Result<Option<RuleSet>> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    match builtins {
        Builtins::All => sources.extend(BUILTIN_PACKS.iter().map(builtin::BuiltinPack::to_source)),
        Builtins::None => {}
        Builtins::Selected => {
            let mut names: Vec<&'static str> = Vec::new();
            if args.packs.is_empty() && args.profiles.is_empty() {
                names = builtin::default_names();
            }
            for profile in &args.profiles {
                match builtin::profile(profile) {
                    Some(p) => names.extend(p.packs),
                    None => problems.push(format!(
                        "error: unknown profile `{profile}`; profiles are {}",
                        profile_names()
                    )),
                }
            }
            for name in &args.packs {
                match builtin::resolve(name) {
                    Some(packs) => names.extend(packs),
                    None => problems.push(format!(
                        "error: unknown pack `{name}`; built-in packs are {}, and `all`; profiles are {}",
                        BUILTIN_PACKS
                            .iter()
                            .map(|p| p.name)
                            .collect::<Vec<_>>()
                            .join(", "),
                        profile_names()
                    )),
                }
            }
            // In the order the packs are listed, each once; the linter's own
            // pack whatever was chosen.
            for p in BUILTIN_PACKS
                .iter()
                .filter(|p| p.always || names.contains(&p.name))
            {
                sources.push(p.to_source());
            }
        }
    }
    for path in &args.rules {
        match user_pack_files(path) {
            Ok(files) => {
                for file in files {
                    match read_pack(&file) {
                        Ok(src) => sources.push(src),
                        Err(e) => problems.push(e),
                    }
                }
            }
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        for p in problems {
            writeln!(err, "{p}")?;
        }
        return Ok(None);
    }
    match rules::load(&sources) {
        Ok(set) => Ok(Some(set)),
        Err(errors) => {
            err.write_all(human::rule_errors(&errors, false).as_bytes())?;
            let n = errors.len();
            writeln!(
                err,
                "error: could not load rules: {n} problem{}",
                if n == 1 { "" } else { "s" }
            )?;
            Ok(None)
        }
    }
}

fn user_pack_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("error: {}: {}", path.display(), io_message(&e)))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| format!("error: {}: {}", path.display(), io_message(&e)))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "error: {}: no .yaml or .yml rule packs in this directory",
            path.display()
        ));
    }
    Ok(files)
}

fn read_pack(path: &Path) -> Result<PackSource, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("error: {}: {}", path.display(), io_message(&e)))?;
    let text = decode(bytes).map_err(|e| format!("error: {}: {e}", path.display()))?;
    Ok(PackSource {
        file: SourceFile::new(path.to_string_lossy(), text),
        builtin: false,
    })
}
