//! Hostile inputs, end to end: files and rule packs people will commit by
//! accident, generated at test time (nothing big is committed). Each case
//! checks for a clear message, the right exit code and no panic. Time is
//! bounded by keeping inputs small enough for a debug build; the 50 MB case
//! and the corpus case are ignored unless asked for (`cargo test --
//! --include-ignored`, as CI does; see docs/RELIABILITY.md).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use tempfile::TempDir;

#[path = "support/env.rs"]
mod env;
use env::clauselint;

const GOOD: &str = "# Privacy Policy\n\nWe do not knowingly collect data from children under 13.\n";

/// `clauselint check --color never ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    clauselint()
        .current_dir(dir)
        .args(["check", "--color", "never"])
        .args(args)
        .assert()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// No run may ever show the crash message or a Rust panic.
fn no_crash(a: &assert_cmd::assert::Assert) {
    let err = stderr_of(a);
    assert!(
        !err.contains("crashed") && !err.contains("panicked"),
        "crashed: {err}"
    );
}

fn code(a: &assert_cmd::assert::Assert) -> i32 {
    a.get_output().status.code().expect("exited normally")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

/// Checks one file that must be read and reported like any other (findings
/// are fine: exit 0 or 1, never 2), and returns the JSON report.
fn checks_cleanly(name: &str, bytes: &[u8]) -> serde_json::Value {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, bytes);
    let a = check(dir.path(), &["--format", "json", name]);
    no_crash(&a);
    assert!(matches!(code(&a), 0 | 1), "{name}: {}", stderr_of(&a));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{name}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{name}");
    json
}

// ---------------------------------------------------------------- documents

#[test]
fn empty_file() {
    let json = checks_cleanly("empty.md", b"");
    // Missing clauses anchor at 1:1 of an empty file, the only place there is.
    let f = &json["files"][0]["findings"][0]["span"];
    assert_eq!(
        (f["start"].as_u64(), f["line"].as_u64()),
        (Some(0), Some(1))
    );
}

#[test]
fn only_whitespace() {
    checks_cleanly("blank.md", b"   \n\t\n\r\n  \n");
    checks_cleanly("blank.txt", b"   \n\t\n\r\n  \n");
}

#[test]
fn bom_alone() {
    let json = checks_cleanly("bom.md", b"\xEF\xBB\xBF");
    let f = &json["files"][0]["findings"][0]["span"];
    // After the BOM, which is not counted as a column.
    assert_eq!(f["start"], 3);
    assert_eq!(f["column"], 1);
}

#[test]
fn utf16_with_bom_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "utf16.md", &le);
    let a = check(dir.path(), &["utf16.md"]);
    no_crash(&a);
    a.code(2)
        .stderr(predicate::str::contains("utf16.md").and(predicate::str::contains("UTF-16")));
}

#[test]
fn invalid_utf8_names_file_and_offset_and_others_are_still_checked() {
    let dir = TempDir::new().unwrap();
    let mut bad = b"# Privacy\n\nSome text ".to_vec();
    let offset = bad.len();
    bad.extend(b"\xC3\x28 more text\n");
    write(dir.path(), "bad.md", &bad);
    write(dir.path(), "good.md", GOOD);
    let a = check(dir.path(), &["--format", "short", "."]);
    no_crash(&a);
    a.code(2).stderr(
        predicate::str::contains("bad.md")
            .and(predicate::str::contains(format!("byte offset {offset}")))
            .and(predicate::str::contains("line 3")),
    );
    // good.md was checked: its findings are on stdout.
    let a = check(dir.path(), &["--format", "json", "."]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["files"][0]["path"], "good.md");
    assert_eq!(json["errors"][0]["path"], "bad.md");
}

#[test]
fn nul_bytes_are_skipped_with_a_note() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "binary.md", b"# Privacy\n\0\0\x01\x02binary");
    write(dir.path(), "good.md", GOOD);
    let a = check(dir.path(), &["--format", "json", "."]);
    no_crash(&a);
    assert!(matches!(code(&a), 0 | 1));
    assert!(
        stderr_of(&a).contains("note: binary.md: binary file (NUL byte at offset 10)"),
        "{}",
        stderr_of(&a)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 1);
}

/// A 5 MB paragraph on one line: prose without a single newline.
fn long_line(target: usize) -> String {
    let sentence = "We may share your personal information with service providers who help us run the site, and we do not sell it. ";
    let mut s = String::from("# Privacy Policy ");
    while s.len() < target {
        s.push_str(sentence);
    }
    s
}

#[test]
fn five_mb_single_line() {
    let text = long_line(5 << 20);
    for name in ["long.md", "long.txt"] {
        let json = checks_cleanly(name, text.as_bytes());
        for f in json["files"][0]["findings"].as_array().unwrap() {
            assert_eq!(f["span"]["line"], 1);
        }
    }
}

#[test]
fn five_mb_single_line_human_output_stays_small() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "long.md", long_line(5 << 20));
    let a = check(dir.path(), &["long.md"]);
    no_crash(&a);
    assert_eq!(code(&a), 1);
    let out = stdout_of(&a);
    // Each diagnostic shows a window of the line, not the line.
    assert!(out.len() < 20_000, "{} bytes of output", out.len());
    assert!(out.contains("long.md:1:3"), "{out}");
    // Source lines ("1 │ …") fit in 100 columns (stdout is not a terminal).
    let mut source_lines = out.lines().filter(|l| l.starts_with("1 │"));
    assert!(source_lines.clone().count() > 0, "{out}");
    assert!(source_lines.all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn many_findings_on_one_long_line() {
    // 50,000 "the the" findings on a 400 KB line: columns must not cost a
    // scan from the start of the line each (that was quadratic).
    let n = 50_000;
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "the.md",
        format!("# T\n\n{}", "the the ".repeat(n)),
    );
    let a = check(dir.path(), &["--format", "short", "the.md"]);
    no_crash(&a);
    let out = stdout_of(&a);
    let repeated: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[repeated-words]"))
        .collect();
    assert_eq!(repeated.len(), n);
    // The last one starts at character 8 * (n - 1) + 1 of line 3.
    let last = format!("the.md:3:{}: ", 8 * (n - 1) + 1);
    assert!(repeated[n - 1].starts_with(&last), "{}", repeated[n - 1]);
    let a = check(dir.path(), &["the.md"]);
    no_crash(&a);
    // Each diagnostic shows a 100-column window of the line, not the line.
    assert!(stdout_of(&a).len() < 600 * n, "human output too big");
}

#[test]
fn hundred_thousand_nested_html_elements() {
    let n = 100_000;
    let mut block = String::new();
    block.push_str(&"<div>".repeat(n));
    block.push_str("We do not sell personal information.");
    block.push_str(&"</div>".repeat(n));
    let mut inline = String::from("# Title\n\nText ");
    inline.push_str(&"<span>".repeat(n));
    inline.push_str("inside");
    inline.push_str(&"</span>".repeat(n));
    inline.push('\n');
    // Nested block quotes and lists, which Markdown parsers build as trees.
    let quotes = format!("{} deep quote\n", ">".repeat(n));
    let mut lists = String::new();
    for i in 0..2_000 {
        let _ = writeln!(lists, "{}- item {i}", "  ".repeat(i));
    }
    for (name, text) in [
        ("block.md", block),
        ("inline.md", inline),
        ("quotes.md", quotes),
        ("lists.md", lists),
    ] {
        checks_cleanly(name, text.as_bytes());
    }
}

#[test]
#[ignore = "needs time: a 50 MB input, slow in debug builds"]
fn fifty_mb_file() {
    let para = "We collect the information you give us when you create an account, and we keep it for as long as the account is open.\n\n";
    let mut text = String::from("# Privacy Policy\n\n");
    let mut i = 0usize;
    while text.len() < 50 << 20 {
        // Numbered so paragraphs are not all duplicates of each other.
        let _ = write!(text, "{i}. {para}");
        i += 1;
    }
    checks_cleanly("big.md", text.as_bytes());
}

#[test]
fn ten_thousand_tiny_files() {
    let dir = TempDir::new().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    for i in 0..10_000 {
        fs::write(docs.join(format!("p{i:05}.md")), format!("# P{i}\n\nHi.\n")).unwrap();
    }
    let a = check(dir.path(), &["--format", "json", "docs"]);
    no_crash(&a);
    assert_eq!(code(&a), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 10_000);
    let files = json["files"].as_array().unwrap();
    // Sorted by path whatever order the directory listed them in.
    assert_eq!(files[0]["path"], "docs/p00000.md");
    assert_eq!(files[9_999]["path"], "docs/p09999.md");
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "good.md", GOOD);
    symlink("b.md", d.join("a.md")).unwrap();
    symlink("a.md", d.join("b.md")).unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up")).unwrap();
    // Walking: links are not followed, so neither loop is entered.
    let a = check(d, &["--format", "json", "."]);
    no_crash(&a);
    assert_eq!(code(&a), 1, "{}", stderr_of(&a));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    // Named explicitly: an error naming the file, and the others still run.
    let a = check(d, &["--format", "json", "a.md", "good.md"]);
    no_crash(&a);
    assert_eq!(code(&a), 2);
    assert!(
        stderr_of(&a).contains("error: a.md: too many levels of symbolic links"),
        "{}",
        stderr_of(&a)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["summary"]["files"], 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "good.md", GOOD);
    // chmod 000 stops reads unless we are root (tests often run as root).
    let locked = write(d, "locked.md", GOOD);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let chmod_stops_reads = fs::read(&locked).is_err();
    // As root, chmod 000 does not stop reads: the /proc/self/mem case below
    // must then run, or nothing here would test an unreadable file.
    env::need(
        (chmod_stops_reads || Path::new("/proc/self/mem").exists()).then_some(()),
        "a file whose read fails: run as a non-root user, or on Linux (/proc/self/mem)",
    );
    if chmod_stops_reads {
        let a = check(d, &["locked.md", "good.md"]);
        no_crash(&a);
        a.code(2).stderr(predicate::str::contains(
            "error: locked.md: permission denied",
        ));
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    // A regular file whose read fails for anyone, root included: reading
    // /proc/self/mem at offset 0 fails with EIO (address 0 is never mapped).
    if Path::new("/proc/self/mem").exists() {
        symlink("/proc/self/mem", d.join("eio.md")).unwrap();
        let a = check(d, &["--format", "json", "eio.md", "good.md"]);
        no_crash(&a);
        assert_eq!(code(&a), 2);
        assert!(
            stderr_of(&a).contains("error: eio.md: input/output error"),
            "{}",
            stderr_of(&a)
        );
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
        assert_eq!(json["summary"]["files"], 1);
    }
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_not_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", GOOD);
    let fifo = dir.path().join("fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    env::need(
        made.is_ok_and(|s| s.success()).then_some(()),
        "`mkfifo` on PATH",
    );
    let args = ["--format", "short", "good.md", "/dev/zero", "fifo.md"];
    // Reading either would never end; both are refused up front.
    let a = check(dir.path(), &args);
    no_crash(&a);
    let err = stderr_of(&a);
    assert!(
        err.contains("error: /dev/zero: not a regular file"),
        "{err}"
    );
    assert!(err.contains("error: fifo.md: not a regular file"), "{err}");
    a.code(2).stdout(predicate::str::contains("good.md:1:3: "));
}

#[test]
fn directory_named_like_a_file() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("policy.md")).unwrap();
    // Empty: nothing to check is not an error.
    let a = check(dir.path(), &["policy.md"]);
    no_crash(&a);
    a.code(0)
        .stdout(predicate::str::contains("0 files checked"));
    // With a policy inside, it is walked like any directory.
    write(dir.path(), "policy.md/inner.md", GOOD);
    let a = check(dir.path(), &["--format", "short", "policy.md"]);
    no_crash(&a);
    a.code(1)
        .stdout(predicate::str::contains("policy.md/inner.md:1:3:"));
}

#[test]
fn path_with_spaces_and_non_ascii() {
    let dir = TempDir::new().unwrap();
    let name = "my policies/política de privacidad – ü 日本.md";
    write(dir.path(), name, GOOD);
    let a = check(dir.path(), &["--format", "json", "my policies"]);
    no_crash(&a);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(json["files"][0]["path"], name);
    let a = check(dir.path(), &["--format", "short", name]);
    a.code(1)
        .stdout(predicate::str::contains(format!("{name}:1:3: ")));
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.md");
    fs::write(dir.path().join(name), GOOD).unwrap();
    let a = check(dir.path(), &["--format", "short", "."]);
    no_crash(&a);
    // Shown lossily, but checked.
    a.code(1)
        .stdout(predicate::str::contains("caf\u{fffd}.md:1:3: "));
}

#[test]
fn missing_path_is_an_error_and_others_still_run() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", GOOD);
    let a = check(dir.path(), &["--format", "short", "nope.md", "good.md"]);
    no_crash(&a);
    a.code(2)
        .stderr(predicate::str::contains(
            "nope.md: no such file or directory",
        ))
        .stdout(predicate::str::contains("good.md:1:3: "));
}

// ---------------------------------------------------------------- rule packs

const RULE_HEAD: &str = "pack: hostile\nrules:\n";

fn rule(id: &str, matcher: &str) -> String {
    format!(
        "  - id: {id}\n    title: t\n    severity: warning\n    message: m\n    match: {matcher}\n    examples: {{present: [\"x\"]}}\n"
    )
}

/// Loads a user pack with `check` on a small policy; returns the run.
fn with_pack(yaml: &str) -> assert_cmd::assert::Assert {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "pack.yaml", yaml);
    write(dir.path(), "p.md", GOOD);
    let a = check(
        dir.path(),
        &["--rules", "pack.yaml", "--format", "short", "p.md"],
    );
    no_crash(&a);
    a
}

#[test]
fn deeply_nested_match_trees_are_refused() {
    // Deeper than the compiler's limit but within YAML's.
    let mut tree = String::from("\"x\"");
    for _ in 0..40 {
        tree = format!("{{any: [{tree}]}}");
    }
    let a = with_pack(&format!("{RULE_HEAD}{}", rule("deep", &tree)));
    a.code(2)
        .stderr(predicate::str::contains("match tree is nested deeper than"));
    // Deeper than serde_yaml's recursion limit (128).
    let n = 400;
    let tree = format!("{}\"x\"{}", "{any: [".repeat(n), "]}".repeat(n));
    let a = with_pack(&format!("{RULE_HEAD}{}", rule("deeper", &tree)));
    a.code(2)
        .stderr(predicate::str::contains("recursion limit exceeded"));
    // 100,000 levels: refused before the YAML parser, which is quadratic in
    // flow nesting (this case took minutes before the check in yaml.rs).
    let n = 100_000;
    let tree = format!("{}\"x\"{}", "{any: [".repeat(n), "]}".repeat(n));
    let a = with_pack(&format!("{RULE_HEAD}{}", rule("deepest", &tree)));
    a.code(2)
        .stderr(predicate::str::contains("more than 1000 levels deep"));
    // Block-style nesting: 100,000 compact nested sequences, which the YAML
    // parser reads in linear time before the first level is refused.
    let yaml = format!(
        "{RULE_HEAD}  - id: block\n    match:\n      {}x\n",
        "- ".repeat(n)
    );
    let a = with_pack(&yaml);
    a.code(2)
        .stderr(predicate::str::contains("a list here needs a key"));
}

#[test]
fn ten_thousand_rules_load() {
    let mut yaml = String::from(RULE_HEAD);
    for i in 0..10_000 {
        yaml.push_str(&rule(&format!("rule-{i}"), &format!("'\\bword{i}\\b'")));
    }
    let dir = TempDir::new().unwrap();
    write(dir.path(), "pack.yaml", &yaml);
    write(
        dir.path(),
        "p.md",
        "# T\n\nThis has word7 and word9999 in it.\n",
    );
    let a = check(
        dir.path(),
        &[
            "--rules",
            "pack.yaml",
            "--pack",
            "core",
            "--format",
            "json",
            "p.md",
        ],
    );
    no_crash(&a);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    let clauses = json["files"][0]["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 4 + 10_000);
    let present = clauses.iter().filter(|c| c["status"] == "present").count();
    assert_eq!(present, 2, "word7 and word9999");
}

#[test]
fn exploding_regexes_are_refused() {
    for re in [
        r"'\w{1000}\w{1000}\w{1000}'",
        r"'(((a{100}){100}){100})'",
        r"'[\p{L}\p{N}]{5000}'",
    ] {
        let a = with_pack(&format!("{RULE_HEAD}{}", rule("big", re)));
        a.code(2)
            .stderr(predicate::str::contains("regex is too large"));
    }
}

#[test]
fn alias_bombs_are_refused() {
    // Billion laughs inside a match tree.
    let mut yaml = format!("{RULE_HEAD}  - id: lol\n    title: t\n    severity: info\n    message: m\n    examples: {{present: [x]}}\n    match:\n      any:\n        - &l0 {{any: [lol]}}\n");
    for i in 1..=9 {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        let _ = writeln!(yaml, "        - &l{i} {{any: [{refs}]}}");
    }
    let a = with_pack(&yaml);
    a.code(2).stderr(predicate::str::contains("YAML aliases"));
    // One long string aliased many times (quadratic, not exponential).
    let big = "x".repeat(200_000);
    let refs = vec!["*b"; 20_000].join(", ");
    let yaml = format!("{RULE_HEAD}  - id: big\n    title: &b {big}\n    severity: info\n    message: m\n    match: x\n    examples: {{present: [{refs}]}}\n");
    let a = with_pack(&yaml);
    a.code(2).stderr(predicate::str::contains("YAML aliases"));
}

#[test]
fn rule_pack_that_is_not_yaml_or_not_utf8() {
    let a = with_pack("\u{0}\u{1}binary");
    a.code(2).stderr(predicate::str::contains("binary"));
    let a = with_pack("pack: [unclosed\n");
    a.code(2)
        .stderr(predicate::str::contains("invalid rule pack"));
    let a = with_pack("");
    a.code(2)
        .stderr(predicate::str::contains("invalid rule pack"));
}

// ---------------------------------------------------------------- panic hook

#[test]
fn panic_prints_bug_report_message_and_exits_2() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "boom.md", GOOD);
    write(dir.path(), "good.md", GOOD);
    let a = clauselint()
        .current_dir(dir.path())
        .env("CLAUSELINT_DEBUG_PANIC_ON", "boom.md")
        .args(["check", "--color", "never", "."])
        .assert();
    let a = a.code(2).stderr(
        predicate::str::contains("error: clauselint crashed while checking boom.md")
            .and(predicate::str::contains("This is a bug: please report it"))
            // Not the default hook, and no backtrace.
            .and(predicate::str::contains("panicked at").not())
            .and(predicate::str::contains("stack backtrace").not()),
    );
    // Exactly one report, even though rayon re-raises the panic.
    assert_eq!(stderr_of(&a).matches("clauselint crashed").count(), 1);
}

// ---------------------------------------------------------------- inputs untouched

/// The `--format` values `clauselint check --help` lists, so a format added
/// later is covered without editing this test.
fn output_formats() -> Vec<String> {
    let help = clauselint().args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let at = help.find("--format").expect("--format in help");
    let rest = &help[at..];
    // Short form: `[possible values: human, short, json]`.
    if let Some(i) = rest.find("[possible values: ") {
        let values = &rest[i + "[possible values: ".len()..];
        return values[..values.find(']').unwrap()]
            .split(',')
            .map(|v| v.trim().to_owned())
            .collect();
    }
    // Long form: `Possible values:` then one `- name: help` line per value.
    let list = &rest[rest
        .find("Possible values:")
        .expect("possible values listed")..];
    list.lines()
        .skip(1)
        .map(str::trim)
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].split(':').next().unwrap().trim().to_owned())
        .collect()
}

/// Every byte, the permissions and the modification time of every file under `dir`.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, fs::Permissions, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                stack.push(p);
            } else if m.is_file() {
                out.push((
                    p.clone(),
                    fs::read(&p).unwrap(),
                    m.permissions(),
                    m.modified().unwrap(),
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn inputs_are_never_modified() {
    let formats = output_formats();
    assert!(formats.len() >= 3, "{formats:?}");
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(
        d,
        "a.md",
        "# Privacy\n\nWe sell data. We sell data the the data.\n",
    );
    write(
        d,
        "b.txt",
        "Privacy\r\n\r\nWe do not knowingly collect data from children under 13.\r\n",
    );
    write(d, "bom.md", "\u{feff}# T\n\ntext\n");
    write(d, "bin.md", b"\0\0");
    write(d, "bad.md", b"ok \xff bad");
    write(
        d,
        "pack.yaml",
        format!("{RULE_HEAD}{}", rule("sells", "'\\bsell\\b'")),
    );
    let before = snapshot(d);
    for format in &formats {
        for extra in [
            &[][..],
            &["--rules", "pack.yaml"][..],
            &["--threads", "1"][..],
        ] {
            let mut args = vec!["--format", format.as_str()];
            args.extend_from_slice(extra);
            args.push(".");
            let a = check(d, &args);
            no_crash(&a);
        }
    }
    // Writing and reading a baseline touches only the baseline file.
    let elsewhere = TempDir::new().unwrap();
    let baseline = elsewhere.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    no_crash(&check(d, &["--write-baseline", baseline, "."]));
    assert!(Path::new(baseline).exists(), "the baseline was written");
    no_crash(&check(d, &["--baseline", baseline, "."]));
    let after = snapshot(d);
    assert_eq!(before.len(), after.len(), "files created or removed");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0);
        assert!(b.1 == a.1, "{} changed", b.0.display());
        assert_eq!(b.2, a.2, "{} permissions changed", b.0.display());
        assert_eq!(b.3, a.3, "{} modification time changed", b.0.display());
    }
}

// ---------------------------------------------------------------- the shared corpus

/// `../shared/corpus` (or `$CLAUSELINT_SHARED/corpus`), if present.
fn corpus() -> PathBuf {
    env::shared_dir().join("corpus")
}

/// Line and column of `offset` in `bytes`, recomputed from scratch: 1-based,
/// columns in characters, a leading BOM not counted.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut col = &text[start..offset];
    if start == 0 {
        col = col.strip_prefix('\u{feff}').unwrap_or(col);
    }
    (line, col.chars().count() + 1)
}

fn check_span(text: &str, span: &serde_json::Value, what: &str) {
    let n = |k: &str| usize::try_from(span[k].as_u64().unwrap()).unwrap();
    let (start, end) = (n("start"), n("end"));
    assert!(start <= end && end <= text.len(), "{what}: {span}");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {span}"
    );
    assert_eq!(
        line_col(text, start),
        (n("line"), n("column")),
        "{what}: start of {span}"
    );
    assert_eq!(
        line_col(text, end),
        (n("end_line"), n("end_column")),
        "{what}: end of {span}"
    );
}

/// Checks every span of a JSON report against the files it names (relative to `root`).
fn check_spans(root: &Path, json: &serde_json::Value) -> usize {
    let mut n = 0;
    for f in json["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        let text = fs::read_to_string(root.join(path)).unwrap();
        for c in f["clauses"].as_array().unwrap() {
            for m in c["matches"].as_array().unwrap() {
                check_span(&text, m, path);
                n += 1;
            }
        }
        for finding in f["findings"].as_array().unwrap() {
            check_span(&text, &finding["span"], path);
            n += 1;
            for r in finding["related"].as_array().unwrap() {
                check_span(&text, &r["span"], path);
                n += 1;
            }
        }
    }
    n
}

#[test]
#[ignore = "needs ../shared (the corpus)"]
fn shared_corpus_runs_deterministically_with_exact_spans() {
    let corpus = corpus();
    for set in ["policies", "policies-non-en"] {
        assert!(
            corpus.join(set).is_dir(),
            "{set} is not in {}",
            corpus.display()
        );
        let run = |extra: &[&str]| {
            let mut args = vec!["--format", "json", "--pack", "all", "--fail-on", "never"];
            args.extend_from_slice(extra);
            args.push(set);
            let a = check(&corpus, &args);
            no_crash(&a);
            assert_eq!(code(&a), 0, "{set}: {}", stderr_of(&a));
            stdout_of(&a)
        };
        let default = run(&[]);
        let single = run(&["--threads", "1"]);
        assert!(default == single, "{set}: --threads 1 output differs");
        let json: serde_json::Value = serde_json::from_str(&default).unwrap();
        assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{set}");
        let spans = check_spans(&corpus, &json);
        eprintln!(
            "{set}: {} files, {spans} spans checked",
            json["summary"]["files"]
        );
    }
}
