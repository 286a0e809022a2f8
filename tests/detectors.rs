//! Hygiene detectors and language detection, end to end through the CLI's
//! JSON output. Corpus tests need `../shared/corpus` (or
//! `$CLAUSELINT_SHARED/corpus`) and are ignored unless asked for (see
//! `support/env.rs`).

use serde_json::Value;
use std::path::PathBuf;

#[path = "support/env.rs"]
mod env;

const SEED: &str = "fixtures/markdown/localstack-privacy-2018.md";

fn check_json(args: &[&str]) -> (Value, i32) {
    let out = env::clauselint()
        .arg("check")
        .args(["--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out.status.code().unwrap_or(-1))
}

/// `(rule, message, text at span)` of every finding of the first file.
fn findings(json: &Value, text: &str) -> Vec<(String, String, String)> {
    json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let (s, e) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
                text[s..e].to_owned(),
            )
        })
        .collect()
}

fn of<'a>(all: &'a [(String, String, String)], rule: &str) -> Vec<&'a (String, String, String)> {
    all.iter().filter(|f| f.0 == rule).collect()
}

#[test]
fn seed_reports_the_hygiene_defects() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let (json, _) = check_json(&["--pack", "all", "--today", "2026-11-30", SEED]);
    let all = findings(&json, &text);

    let dup = of(&all, "duplicate-paragraph");
    assert_eq!(dup.len(), 1, "{all:#?}");
    assert!(dup[0]
        .2
        .starts_with("On some of the pages on our site we may also use small bits"));
    let related = &json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "duplicate-paragraph")
        .unwrap()["related"][0]["span"];
    assert_eq!(related["line"], 35);

    let rep = of(&all, "repeated-words");
    assert_eq!(rep.len(), 1, "{all:#?}");
    assert_eq!(rep[0].2, "parties to parties to");

    let moji = of(&all, "mojibake");
    assert_eq!(moji.len(), 1, "{all:#?}");
    assert_eq!(moji[0].2, "Â´");

    let stale = of(&all, "stale-policy");
    assert_eq!(stale.len(), 1, "{all:#?}");
    assert_eq!(stale[0].2, "Last Updated: September 23, 2015");
    assert!(stale[0].1.contains("2015-09-23"), "{}", stale[0].1);

    // "Find Google's privacy policy here.", "... your settings here.", "click here."
    let dangling: Vec<&str> = of(&all, "dangling-link-text")
        .iter()
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(dangling, ["here", "here", "click here"]);

    // Effective 2007 and last updated 2015 is not a conflict; nothing is a placeholder.
    assert!(of(&all, "conflicting-dates").is_empty(), "{all:#?}");
    assert!(of(&all, "placeholder").is_empty(), "{all:#?}");
    assert!(of(&all, "near-duplicate-paragraph").is_empty(), "{all:#?}");

    // Detectors never appear among the clause verdicts.
    for c in json["files"][0]["clauses"].as_array().unwrap() {
        let rule = c["rule"].as_str().unwrap();
        assert!(
            ![
                "duplicate-paragraph",
                "mojibake",
                "stale-policy",
                "placeholder"
            ]
            .contains(&rule),
            "{rule}"
        );
    }
}

#[test]
fn today_flag_moves_the_staleness_limit() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let (json, _) = check_json(&["--pack", "hygiene", "--today", "2016-09-22", SEED]);
    assert!(of(&findings(&json, &text), "stale-policy").is_empty());
    let (json, _) = check_json(&["--pack", "hygiene", "--today", "2016-09-24", SEED]);
    assert_eq!(of(&findings(&json, &text), "stale-policy").len(), 1);
}

#[test]
fn bad_today_is_a_usage_error() {
    for bad in ["2026-02-30", "30/11/2026", "yesterday"] {
        env::clauselint()
            .args(["check", "--today", bad, SEED])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("YYYY-MM-DD"));
    }
}

fn temp_policy(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn near_duplicate_reports_both_copies_and_the_similarity() {
    let text = "# Privacy\n\n\
        We may share your personal information with our service providers who help us run the website, process payments, answer your questions and deliver our products to you.\n\n\
        We may share your personal information with our trusted service providers who help us run the website, process payments, answer your questions and deliver our products to you.\n";
    let (_dir, path) = temp_policy("p.md", text);
    let (json, _) = check_json(&["--pack", "hygiene", path.to_str().unwrap()]);
    let f = &json["files"][0]["findings"][0];
    assert_eq!(f["rule"], "near-duplicate-paragraph", "{json}");
    assert_eq!(f["span"]["line"], 5);
    assert_eq!(f["related"][0]["span"]["line"], 3);
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("% similar to line 3"), "{message}");
    let percent: u32 = message
        .split('(')
        .nth(1)
        .and_then(|s| s.split('%').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!((75..100).contains(&percent), "{percent}");
}

#[test]
fn placeholders_and_conflicting_dates() {
    let text = "# Privacy Policy\n\nLast updated: March 1, 2021\n\n\
        This policy applies to [Company Name] and its affiliates.\n\n\
        Last updated: June 5, 2019\n";
    let (_dir, path) = temp_policy("p.md", text);
    let (json, _) = check_json(&[
        "--pack",
        "hygiene",
        "--today",
        "2021-06-01",
        path.to_str().unwrap(),
    ]);
    let all = findings(&json, text);
    assert_eq!(of(&all, "placeholder")[0].2, "[Company Name]");
    let conflict = of(&all, "conflicting-dates");
    assert_eq!(conflict.len(), 1, "{all:#?}");
    assert_eq!(conflict[0].2, "Last updated: June 5, 2019");
    assert!(conflict[0].1.contains("2021-03-01 and 2019-06-05"));
    assert!(of(&all, "stale-policy").is_empty());
}

const FRENCH: &str = "# Politique de confidentialité\n\n\
    Nous collectons vos données personnelles lorsque vous utilisez nos services. \
    Les données sont conservées pour la durée nécessaire et ne sont pas vendues. \
    Vous pouvez exercer vos droits auprès de notre délégué à la protection des données. \
    Nous utilisons des cookies pour mesurer l'audience de notre site et pour vous proposer des \
    contenus adaptés à vos centres d'intérêt. Vous pouvez retirer votre consentement à tout moment \
    dans les paramètres de votre compte ou en nous écrivant.\n";

#[test]
fn unsupported_language_gets_one_note_instead_of_clause_verdicts() {
    let (_dir, path) = temp_policy("fr.md", FRENCH);
    let (json, code) = check_json(&["--pack", "all", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let file = &json["files"][0];
    assert_eq!(file["clauses"].as_array().unwrap().len(), 0, "{json}");
    let all = findings(&json, FRENCH);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].0, "unsupported-language");
    assert!(all[0].1.contains("French (fr)"), "{}", all[0].1);
    assert_eq!(all[0].2, "Politique de confidentialité");
    assert_eq!(file["findings"][0]["severity"], "info");
}

fn corpus() -> PathBuf {
    env::shared_dir().join("corpus")
}

#[test]
#[ignore = "needs ../shared (the corpus)"]
fn every_non_english_corpus_policy_gets_the_note_and_no_clause_verdicts() {
    let corpus = corpus();
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).unwrap();
    let expected: std::collections::HashMap<String, String> = manifest
        .lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let file = cols.first()?.strip_prefix("policies-non-en/")?;
            Some((file.to_owned(), (*cols.last()?).to_owned()))
        })
        .collect();
    let dir = corpus.join("policies-non-en");
    let (json, _) = check_json(&["--pack", "all", dir.to_str().unwrap()]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), expected.len());
    for f in files {
        let path = f["path"].as_str().unwrap();
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        assert!(f["clauses"].as_array().unwrap().is_empty(), "{path}");
        let notes: Vec<&Value> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "unsupported-language")
            .collect();
        assert_eq!(notes.len(), 1, "{path}");
        let code = format!("({})", expected[name]);
        assert!(
            notes[0]["message"].as_str().unwrap().contains(&code),
            "{path}: {} (manifest says {code})",
            notes[0]["message"]
        );
        for x in f["findings"].as_array().unwrap() {
            let rule = x["rule"].as_str().unwrap();
            assert!(
                [
                    "unsupported-language",
                    "duplicate-paragraph",
                    "near-duplicate-paragraph",
                    "mojibake"
                ]
                .contains(&rule),
                "{path}: {rule} is not language-neutral"
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared (the corpus)"]
fn no_english_corpus_policy_is_taken_for_another_language() {
    use clauselint::document::{language, Document, Format};
    use clauselint::source::SourceFile;
    let corpus = corpus();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(corpus.join("policies")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let mut text = std::fs::read_to_string(&path).unwrap();
        // Detection reads the first 20,000 words; parsing the rest of a
        // 700 KB policy only slows the test down.
        if let Some(cut) = text.get(200_000..).and_then(|rest| rest.find('\n')) {
            text.truncate(200_000 + cut);
        }
        let doc = Document::parse(
            SourceFile::new(path.display().to_string(), text),
            Format::Markdown,
        );
        checked += 1;
        match language::detect(doc.folded()) {
            Some(language::Language::English) | None => {}
            Some(other) => wrong.push(format!("{}: {}", path.display(), other.name())),
        }
    }
    println!(
        "{checked} English policies, {} taken for another language",
        wrong.len()
    );
    assert!(checked >= 400);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn html_links_and_template_bindings_are_not_defects() {
    let text = "<html><body><h1>Privacy</h1>\
        <p>To opt out of these ads, <a href=\"https://optout.example\">click here</a>.</p>\
        <p>Order from <span>{{data.restaurant.restaurantName}}</span> today.</p>\
        <p>To change your settings, click here.</p></body></html>";
    let (_dir, path) = temp_policy("p.html", text);
    let (json, _) = check_json(&["--pack", "hygiene", path.to_str().unwrap()]);
    let all = findings(&json, text);
    assert!(of(&all, "placeholder").is_empty(), "{all:#?}");
    let dangling = of(&all, "dangling-link-text");
    assert_eq!(dangling.len(), 1, "{all:#?}");
    let start = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "dangling-link-text")
        .unwrap()["span"]["start"]
        .as_u64()
        .unwrap() as usize;
    assert!(start > text.find("settings").unwrap());
    assert_eq!(&text[start..start + 10], "click here");
}

mod no_panics {
    use clauselint::document::Format;
    use clauselint::engine::{Context, Date};
    use clauselint::lint::lint_source_with;
    use clauselint::rules::{self, builtin};
    use clauselint::source::SourceFile;
    use proptest::prelude::*;

    /// Pieces the detectors look for, mixed with arbitrary text.
    const PIECES: &[&str] = &[
        "Last updated: ",
        "Effective ",
        "September 23, 2015",
        "2021-03-04",
        "04/03/2021",
        "Â´",
        "â€™",
        "\u{FFFD}",
        "ſep",
        "[Company Name]",
        "{{x}}",
        "click here",
        " here.",
        "[link](http://x)",
        "<a href=x>",
        "</a>",
        "\n\n",
        "- ",
        "# ",
        "We may share your personal information with our partners ",
        "nous nous ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn detectors_do_not_panic(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_owned),
                    "\\PC{0,12}",
                ],
                0..40,
            ),
            html in any::<bool>(),
        ) {
            let set = rules::load(&[builtin::find("hygiene").unwrap().to_source()]).unwrap();
            let text = parts.concat();
            let format = if html { Format::Html } else { Format::Markdown };
            let ctx = Context::new("2026-11-30".parse::<Date>().unwrap());
            let report = lint_source_with(&SourceFile::new("p", text.clone()), format, &set, &ctx);
            for f in &report.findings {
                prop_assert!(f.span.end <= text.len());
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }
    }
}
