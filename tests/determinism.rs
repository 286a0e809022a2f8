//! Parallel checking is deterministic: output is byte-identical for every
//! thread count, in every format. (Speed is measured by benches and
//! `scripts/bench.sh`, never by tests.)

use std::path::Path;

#[path = "support/env.rs"]
mod env;

const SEED: &str = include_str!("../fixtures/markdown/localstack-privacy-2018.md");

/// Writes `n` varied policies: slices of the seed, some with non-ASCII
/// names, duplicated paragraphs, repeated words, and an empty file.
fn corpus(dir: &Path, n: usize) {
    let paragraphs: Vec<&str> = SEED.split("\n\n").collect();
    for i in 0..n {
        let mut text = format!("# Policy {i}\n\n");
        let take = 3 + (i * 7) % paragraphs.len();
        for (j, p) in paragraphs.iter().cycle().skip(i).take(take).enumerate() {
            text.push_str(p);
            text.push_str("\n\n");
            if (i + j) % 5 == 0 {
                text.push_str(
                    "Contact Zoë Müller in Łódź about children under 13 and the the breach.\n\n",
                );
            }
        }
        if i % 4 == 0 {
            text.push_str(paragraphs[1]);
            text.push('\n');
        }
        let ext = if i % 3 == 0 { "txt" } else { "md" };
        std::fs::write(dir.join(format!("p{i:03}.{ext}")), text).unwrap();
    }
    std::fs::write(dir.join("empty.md"), "").unwrap();
}

fn check(dir: &Path, format: &str, threads: Option<&str>) -> (Vec<u8>, Vec<u8>, Option<i32>) {
    let mut cmd = env::clauselint();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--pack", "all", "--format", format, "."]);
    if let Some(t) = threads {
        cmd.args(["--threads", t]);
    }
    let out = cmd.output().unwrap();
    (out.stdout, out.stderr, out.status.code())
}

#[test]
fn output_is_identical_for_every_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 80);
    for format in ["human", "short", "json", "jsonl", "github"] {
        let one = check(dir.path(), format, Some("1"));
        assert!(!one.0.is_empty(), "{format}: no output");
        assert_eq!(one.2, Some(1), "{format}: findings expected");
        for threads in [None, Some("2"), Some("7")] {
            let other = check(dir.path(), format, threads);
            assert!(
                one == other,
                "{format}: output differs between --threads 1 and {threads:?}"
            );
        }
    }
}

/// With fewer files than threads, each file's patterns and detectors are
/// shared out over a thread pool (`engine::split`); the output stays the same.
#[test]
fn a_file_split_over_threads_gives_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 2);
    for format in ["human", "json"] {
        let one = check(dir.path(), format, Some("1"));
        assert_eq!(one.2, Some(1), "{format}: findings expected");
        for threads in ["2", "3", "8"] {
            let other = check(dir.path(), format, Some(threads));
            assert!(
                one == other,
                "{format}: output differs between --threads 1 and {threads}"
            );
        }
    }
}

#[test]
fn files_are_reported_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 60);
    let (stdout, _, _) = check(dir.path(), "short", Some("3"));
    let stdout = String::from_utf8(stdout).unwrap();
    let paths: Vec<&str> = stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert!(paths.len() > 60, "{stdout}");
    assert!(paths.windows(2).all(|w| w[0] <= w[1]), "not sorted");
}

#[test]
fn no_progress_bar_off_a_terminal_or_with_quiet() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 60);
    let (_, stderr, _) = check(dir.path(), "json", None);
    assert!(stderr.is_empty(), "{}", String::from_utf8_lossy(&stderr));
    let out = env::clauselint()
        .current_dir(dir.path())
        .args(["check", "--quiet", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 61);
}
