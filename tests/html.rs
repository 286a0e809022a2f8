//! HTML input: exact spans, encodings, verdicts equal to Markdown, the corpus,
//! the `report --html` page and a real browser. The corpus and browser tests
//! are ignored unless asked for (see `support/env.rs`).

use std::path::{Path, PathBuf};

#[path = "support/env.rs"]
mod env;

use clauselint::document::{html, BlockKind, Document, Format};
use clauselint::finding::{ClauseStatus, FileReport};
use clauselint::lint::{lint_file, lint_source, Outcome};
use clauselint::rules::{self, builtin, RuleSet};
use clauselint::source::{decode_html, SourceFile};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/html")
        .join(name)
}

fn default_rules() -> RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(load_default_rules).clone()
}

fn load_default_rules() -> RuleSet {
    let packs: Vec<_> = builtin::default_names()
        .into_iter()
        .map(|n| builtin::find(n).expect("default pack").to_source())
        .collect();
    rules::load(&packs).expect("built-in packs load")
}

/// The default packs plus a test pack with an `occurs: {max: 1}` clause.
fn rules_with_max() -> RuleSet {
    let mut packs: Vec<_> = builtin::default_names()
        .into_iter()
        .map(|n| builtin::find(n).expect("default pack").to_source())
        .collect();
    let path = fixture("once.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    packs.push(rules::PackSource {
        file: SourceFile::new(path.display().to_string(), text),
        builtin: false,
    });
    rules::load(&packs).expect("packs load")
}

fn html_source(name: &str) -> (Vec<u8>, SourceFile) {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let decoded = decode_html(bytes.clone()).unwrap();
    (bytes, SourceFile::from_decoded(name, decoded))
}

fn status(report: &FileReport, rule: &str) -> ClauseStatus {
    report
        .clauses
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("no verdict for {rule}"))
        .status
}

#[test]
fn nested_inline_tags_entities_and_skipped_elements() {
    let (_, source) = html_source("nested-inline.html");
    let text = source.text();
    let doc = Document::parse(source.clone(), Format::Html);
    let blocks: Vec<(BlockKind, &str)> = doc
        .blocks()
        .iter()
        .map(|b| (b.kind, doc.text(b.range.clone())))
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "Home · Terms"),
            (BlockKind::Heading(1), "Acme Privacy Policy"),
            (
                BlockKind::Paragraph,
                "Acme's services are not directed to children. We do not knowingly collect personal information from children under 13."
            ),
            (BlockKind::Heading(2), "Cookies & tracking"),
            (
                BlockKind::ListItem,
                "Third-party advertising partners may place cookies on your device."
            ),
            (
                BlockKind::ListItem,
                "You can opt-out of marketing emails at any time."
            ),
            (BlockKind::TableCell, "Data"),
            (BlockKind::TableCell, "Email address"),
            (BlockKind::Heading(2), "Security"),
            (BlockKind::Paragraph, "We protect data."),
            (BlockKind::Paragraph, "It is encrypted at rest."),
            (BlockKind::Paragraph, "Acme Inc., 1 Main St."),
        ]
    );
    // Sections follow headings.
    assert_eq!(doc.sections().len(), 4);
    // Anchors are links (for the dangling-link-text detector).
    let links: Vec<&str> = doc
        .links()
        .iter()
        .map(|l| doc.text(l.clone()).trim())
        .collect();
    assert_eq!(links, ["Home", "Terms", "not directed", "opt-out"]);
    // Spans start and end on text, never inside a tag; entities map whole.
    let sentence = &doc.sentences()[3];
    assert_eq!(
        &text[sentence.span],
        "We do not <b>knowingly</b> collect personal information from children <em>under&nbsp;<strong>13</strong></em>."
    );
    assert_eq!(
        &text[doc.blocks()[1].span],
        "Acme&nbsp;Privacy <span class=\"x\">Policy"
    );
    let apostrophe = doc.folded().find('\'').unwrap();
    assert_eq!(&text[doc.span(apostrophe..apostrophe + 1)], "&#8217;");
    let dash = doc.folded().find("opt-out").unwrap() + 3;
    assert_eq!(&text[doc.span(dash..dash + 1)], "&#x2d;");

    let report = lint_source(&source, Format::Html, &default_rules());
    assert_eq!(status(&report, "children-under-13"), ClauseStatus::Present);
    assert_eq!(
        status(&report, "third-party-cookies"),
        ClauseStatus::Present
    );
    assert_eq!(status(&report, "opt-out"), ClauseStatus::Present);
    // Only <template>/<noscript> mention a breach: skipped, so missing.
    assert_eq!(
        status(&report, "breach-notification"),
        ClauseStatus::Missing
    );
    let kids = report
        .clauses
        .iter()
        .find(|c| c.rule == "children-under-13")
        .unwrap();
    assert_eq!(kids.matches.len(), 1);
    assert_eq!(&text[kids.matches[0]], &text[sentence.span]);
    // The missing clause is anchored on the heading of the section where it
    // belongs, exactly on the heading's text.
    let breach = report
        .findings
        .iter()
        .find(|f| f.rule == "breach-notification")
        .unwrap();
    assert_eq!(&text[breach.span], "Security");
}

#[test]
fn comments_are_reachable() {
    let (_, source) = html_source("nested-inline.html");
    let comments = html::comments(source.text());
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].text, " clauselint-disable repeated-words ");
    assert_eq!(
        &source.text()[comments[0].span],
        "<!-- clauselint-disable repeated-words -->"
    );
}

#[test]
fn crlf_spans_are_exact() {
    let (bytes, source) = html_source("crlf.html");
    assert!(!source.is_transcoded());
    let report = lint_source(&source, Format::Html, &default_rules());
    let breach = report
        .clauses
        .iter()
        .find(|c| c.rule == "breach-notification")
        .unwrap();
    assert_eq!(breach.status, ClauseStatus::Present);
    let span = source.original_span(breach.matches[0]);
    assert_eq!(
        &bytes[span.range()],
        b"If a security breach affects your personal\r\ninformation, we will notify you\r\nwithout undue delay."
    );
    let lc = source.line_col(breach.matches[0].start);
    assert_eq!((lc.line, lc.column), (4, 4));
    assert_eq!(status(&report, "opt-out"), ClauseStatus::Present);
}

#[test]
fn windows_1252_offsets_point_at_original_bytes() {
    let (bytes, source) = html_source("windows-1252.html");
    assert!(source.is_transcoded());
    assert!(source.text().contains("Our café’s site"));
    let report = lint_source(&source, Format::Html, &default_rules());
    let kids = report
        .clauses
        .iter()
        .find(|c| c.rule == "children-under-13")
        .unwrap();
    assert_eq!(kids.status, ClauseStatus::Present);
    let span = source.original_span(kids.matches[0]);
    let expected: &[u8] =
        b"Our caf\xe9\x92s site is not directed to children under 13 \x97 we don\x92t knowingly collect their data.";
    assert_eq!(&bytes[span.range()], expected);
    // Line and column come from the decoded text and agree with the original.
    let lc = source.line_col(kids.matches[0].start);
    assert_eq!((lc.line, lc.column), (4, 4));
    let cookies = report
        .clauses
        .iter()
        .find(|c| c.rule == "third-party-cookies")
        .unwrap();
    assert_eq!(cookies.status, ClauseStatus::Present);
}

#[test]
fn json_reports_original_byte_offsets_for_transcoded_files() {
    let path = fixture("windows-1252.html");
    let bytes = std::fs::read(&path).unwrap();
    let out = env::clauselint()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clause = json["files"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "children-under-13")
        .unwrap()
        .clone();
    let m = &clause["matches"][0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert!(bytes[s..e].starts_with(b"Our caf\xe9\x92s site"));
    assert!(bytes[s..e].ends_with(b"their data."));
    assert_eq!(
        (m["line"].as_u64(), m["column"].as_u64()),
        (Some(4), Some(4))
    );
}

#[test]
fn unsupported_charset_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sjis.html");
    std::fs::write(&path, b"<meta charset=\"shift_jis\"><p>\x82\xa0</p>").unwrap();
    let out = env::clauselint().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sjis.html"), "{err}");
    assert!(err.contains("unsupported charset `shift_jis`"), "{err}");
}

/// The Markdown fixtures, as (name, text).
fn markdown_fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        fixture("md"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown"),
    ] {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    out
}

fn markdown_to_html(md: &str) -> String {
    use pulldown_cmark::{html::push_html, Options, Parser};
    let mut body = String::new();
    push_html(
        &mut body,
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
    );
    format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>t</title>\n<style>body {{}}</style></head>\n<body>\n{body}</body></html>\n")
}

/// What must not depend on the format: each clause's status and its matched
/// passages (as folded text), and the other findings' rules and passages.
fn verdicts(source: &SourceFile, format: Format, rules: &RuleSet) -> Vec<String> {
    let doc = Document::parse(source.clone(), format);
    let report = lint_source(source, format, rules);
    let folded_of = |span: clauselint::source::Span| -> String {
        // The folded text of the sentences the span covers.
        doc.sentences()
            .iter()
            .filter(|s| s.span.start >= span.start && s.span.end <= span.end)
            .map(|s| doc.text(s.range.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out: Vec<String> = report
        .clauses
        .iter()
        .map(|c| {
            let passages: Vec<String> = c.matches.iter().map(|&m| folded_of(m)).collect();
            format!("{} {} {:?}", c.rule, c.status.as_str(), passages)
        })
        .collect();
    out.extend(
        report
            .findings
            .iter()
            .filter(|f| !report.clauses.iter().any(|c| c.rule == f.rule))
            .map(|f| format!("{} {}", f.rule, f.message)),
    );
    out
}

#[test]
fn verdicts_on_html_renderings_equal_markdown_verdicts() {
    let rules = rules_with_max();
    let fixtures = markdown_fixtures();
    assert!(fixtures.len() >= 4);
    let mut statuses = std::collections::BTreeSet::new();
    for (name, md) in fixtures {
        let md_source = SourceFile::new(name.clone(), md.clone());
        let html_source = SourceFile::new(format!("{name}.html"), markdown_to_html(&md));
        let a = verdicts(&md_source, Format::Markdown, &rules);
        let b = verdicts(&html_source, Format::Html, &rules);
        assert_eq!(a, b, "verdicts differ for {name}");
        for v in &a {
            statuses.insert(v.split(' ').nth(1).unwrap_or("").to_owned());
        }
    }
    // The fixtures exercise every verdict, so the comparison means something.
    for s in ["present", "missing", "duplicated"] {
        assert!(
            statuses.contains(s),
            "no fixture has a {s} clause: {statuses:?}"
        );
    }
}

#[test]
#[ignore = "needs ../shared (the corpus's HTML pages)"]
fn corpus_html_pages_lint_without_errors() {
    let dir = env::shared_dir().join("corpus/html");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let rules = default_rules();
    let mut pages: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    let start = std::time::Instant::now();
    let check = |p: &PathBuf| {
        match lint_file(p, &p.display().to_string(), &rules) {
            Outcome::Checked { source, report } => {
                assert!(!report.clauses.is_empty());
                for c in &report.clauses {
                    for m in &c.matches {
                        // Spans start and end on text: never on `<` or `>`.
                        let t = &source.text()[m.range()];
                        assert!(
                            !t.starts_with('<') && !t.ends_with('>'),
                            "{}: {t:?}",
                            p.display()
                        );
                    }
                }
            }
            Outcome::Skipped { path, reason } => panic!("{path} skipped: {reason}"),
            Outcome::Failed { path, message } => panic!("{path} failed: {message}"),
        }
    };
    let bytes: u64 = pages
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for w in 0..workers {
            let pages = &pages;
            let check = &check;
            scope.spawn(move || pages.iter().skip(w).step_by(workers).for_each(check));
        }
    });
    eprintln!(
        "linted {} corpus HTML pages ({} KB) in {:?}",
        pages.len(),
        bytes / 1024,
        start.elapsed()
    );
}

/// A Chromium binary: `CLAUSELINT_CHROMIUM`, else `chromium`,
/// `chromium-browser` or `google-chrome` on the PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLAUSELINT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium with `args` and `url`, stdout to `stdout_file`,
/// killed after two minutes.
fn run_chromium(chromium: &Path, profile: &Path, args: &[&str], url: &str, stdout_file: &Path) {
    let out = std::fs::File::create(stdout_file).unwrap();
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            return;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Collects what a reader sees: every clause listed per file, and for every
/// link from a clause to a passage, where the passage is after a click.
const PROBE: &str = r#"<script>
(function () {
  var out = { clauses: [], jumps: [] };
  document.querySelectorAll("section.file").forEach(function (sec) {
    var file = sec.querySelector("h2").textContent;
    sec.querySelectorAll("li.clause").forEach(function (li) {
      out.clauses.push({ file: file, rule: li.getAttribute("data-rule"), status: li.getAttribute("data-status") });
    });
  });
  document.querySelectorAll("li.clause a.jump").forEach(function (a) {
    window.scrollTo(0, 0);
    var id = a.getAttribute("href").slice(1);
    a.click();
    var anchor = document.getElementById(id);
    var mark = anchor && anchor.parentElement;
    var r = mark ? mark.getBoundingClientRect() : { top: -1, bottom: -1 };
    out.jumps.push({
      rule: a.closest("li.clause").getAttribute("data-rule"), id: id,
      scrollY: window.scrollY, top: r.top, bottom: r.bottom, height: window.innerHeight,
      mark: mark ? mark.tagName : "", active: !!mark && mark.classList.contains("active"),
      focused: document.activeElement === anchor
    });
  });
  // Text contrast (WCAG 2 ratio) of every kind of coloured text on the page.
  function rgb(c) { var m = c.match(/[\d.]+/g) || []; return m.map(Number); }
  function lum(c) {
    var v = rgb(c).slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      var c = getComputedStyle(el).backgroundColor, a = rgb(c);
      if (a.length < 4 || a[3] > 0) { return c; }
    }
    return "rgb(255, 255, 255)";
  }
  out.contrast = [];
  document.querySelectorAll(".badge, mark.hit, a.back, .counts span, caption, header p, summary, figcaption a, td.bad, td.warn, a.jump, code, footer p").forEach(function (el) {
    var fg = lum(getComputedStyle(el).color), bg = lum(background(el));
    var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.contrast.push({ cls: el.tagName + "." + el.className, ratio: Math.round(ratio * 100) / 100 });
  });
  var pre = document.createElement("pre");
  pre.id = "e2e";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"#;

#[test]
#[ignore = "needs chromium (apt-get install chromium, or set CLAUSELINT_CHROMIUM)"]
fn report_in_headless_chromium() {
    let chromium = env::need(
        find_chromium(),
        "chromium: apt-get install chromium, or set CLAUSELINT_CHROMIUM",
    );
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&artifacts).unwrap();
    let report = artifacts.join("report.html");
    let inputs = [
        fixture("md/acme.md"),
        fixture("md/breach.md"),
        fixture("nested-inline.html"),
        fixture("windows-1252.html"),
    ];
    let status = env::clauselint()
        .arg("report")
        .arg("--html")
        .arg(&report)
        .arg("--rules")
        .arg(fixture("once.yaml"))
        .args(&inputs)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let page = std::fs::read_to_string(&report).unwrap();
    // Self-contained: nothing the browser would fetch.
    for needle in ["<link", "src=\"http", "src='http", "@import", "url(http"] {
        assert!(!page.contains(needle), "report references {needle}");
    }
    let probe = artifacts.join("report-probe.html");
    std::fs::write(&probe, page.replace("</body>", &format!("{PROBE}</body>"))).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let dom = artifacts.join("report-probe.dom.html");
    run_chromium(
        &chromium,
        profile.path(),
        &["--dump-dom"],
        &format!("file://{}", probe.display()),
        &dom,
    );
    let dom = std::fs::read_to_string(&dom).unwrap();
    let start = dom
        .find("<pre id=\"e2e\">")
        .expect("probe output in the DOM")
        + "<pre id=\"e2e\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let result: serde_json::Value = serde_json::from_str(&json).unwrap();

    // Every clause of the enabled packs is listed for every file.
    let mut packs: Vec<_> = builtin::default_names()
        .into_iter()
        .map(|n| builtin::find(n).unwrap().to_source())
        .collect();
    packs.push(rules::PackSource {
        file: SourceFile::new(
            "once.yaml",
            std::fs::read_to_string(fixture("once.yaml")).unwrap(),
        ),
        builtin: false,
    });
    let rules = rules::load(&packs).unwrap();
    let clause_ids: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.is_clause())
        .map(|r| r.id.as_str())
        .collect();
    let listed = result["clauses"].as_array().unwrap();
    assert_eq!(listed.len(), clause_ids.len() * inputs.len());
    for input in &inputs {
        let name = input.display().to_string();
        let mut mine: Vec<&str> = listed
            .iter()
            .filter(|c| name.ends_with(c["file"].as_str().unwrap()))
            .map(|c| c["rule"].as_str().unwrap())
            .collect();
        // Grouped by law, so in another order than the rules'.
        mine.sort_unstable();
        let mut all = clause_ids.clone();
        all.sort_unstable();
        assert_eq!(mine, all, "clauses listed for {name}");
    }
    // Every coloured text meets WCAG AA contrast (4.5:1).
    let contrast = result["contrast"].as_array().unwrap();
    assert!(contrast.len() > 20);
    for c in contrast {
        assert!(c["ratio"].as_f64().unwrap() >= 4.5, "low contrast: {c}");
    }
    // Clicking a clause's passage link scrolls its highlighted passage into view.
    let jumps = result["jumps"].as_array().unwrap();
    assert!(jumps.len() >= 10, "too few passage links: {}", jumps.len());
    let mut scrolled = 0;
    for j in jumps {
        let (top, bottom, height) = (
            j["top"].as_f64().unwrap(),
            j["bottom"].as_f64().unwrap(),
            j["height"].as_f64().unwrap(),
        );
        assert_eq!(j["mark"], "MARK", "{j}");
        assert!(
            top >= 0.0 && bottom <= height,
            "passage not in view after click: {j}"
        );
        assert_eq!(j["active"], true, "{j}");
        assert_eq!(j["focused"], true, "{j}");
        if j["scrollY"].as_f64().unwrap() > 0.0 {
            scrolled += 1;
        }
    }
    assert!(
        scrolled * 2 > jumps.len(),
        "most passages should need scrolling: {scrolled}/{}",
        jumps.len()
    );

    // A screenshot as a test artifact.
    let shot = artifacts.join("report.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &chromium,
        profile.path(),
        &[&format!("--screenshot={}", shot.display())],
        &format!("file://{}", report.display()),
        &artifacts.join("screenshot.log"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");

    // Printed to PDF (the print stylesheet starts each file on a new page).
    let pdf = artifacts.join("report.pdf");
    let _ = std::fs::remove_file(&pdf);
    run_chromium(
        &chromium,
        profile.path(),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &format!("file://{}", report.display()),
        &artifacts.join("pdf.log"),
    );
    let pdf = std::fs::read(&pdf).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let pages = pdf.windows(11).filter(|w| w == b"/Type /Page").count()
        - pdf.windows(12).filter(|w| w == b"/Type /Pages").count();
    assert!(
        pages > inputs.len(),
        "{pages} pages for {} files",
        inputs.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn report_page_escapes_policy_text_and_summarises_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Policy\n\n<img src=x onerror=alert(1)> We do not knowingly collect data from children under 13. </mark><script>alert(2)</script>\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.html"),
        "<h1>B</h1><p>Fish &amp; chips &lt;script&gt;alert(3)&lt;/script&gt; are served.</p>",
    )
    .unwrap();
    let out_path = dir.path().join("out/report.html");
    std::fs::create_dir_all(out_path.parent().unwrap()).unwrap();
    let out = env::clauselint()
        .arg("report")
        .arg("--html")
        .arg(&out_path)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("(2 files)"));
    let page = std::fs::read_to_string(&out_path).unwrap();
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;/mark&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(page.contains("Fish &amp; chips &lt;script&gt;alert(3)&lt;/script&gt;"));
    // One summary row per file, both clause verdict kinds, and help with citations.
    assert_eq!(page.matches("<th scope=\"row\">").count(), 2);
    assert_eq!(page.matches("<section class=\"file\"").count(), 2);
    assert!(page.contains("data-status=\"present\""));
    assert!(page.contains("data-status=\"missing\""));
    assert!(page.contains("<strong>Help:</strong>"));
    assert!(page.contains("href=\"https://www.law.cornell.edu/"));
    // Landmarks for assistive technology, and no way to fetch anything.
    for landmark in [
        "<header>",
        "<main id=\"main\"",
        "<nav aria-label=\"Files\">",
        "<footer>",
    ] {
        assert!(page.contains(landmark), "missing {landmark}");
    }
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn report_lists_unreadable_files_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(&bad, b"<meta charset=koi8-r><p>\xc1</p>").unwrap();
    let out_path = dir.path().join("r.html");
    let out = env::clauselint()
        .arg("report")
        .arg("--html")
        .arg(&out_path)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let page = std::fs::read_to_string(&out_path).unwrap();
    assert!(page.contains("Files that could not be checked"));
    assert!(page.contains("unsupported charset `koi8-r`"));
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn rules() -> &'static RuleSet {
        static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        RULES.get_or_init(load_default_rules)
    }

    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<li>",
        "<h2>",
        "</h2>",
        "<br/>",
        "<div class='x'>",
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "<svg>",
        "</svg>",
        "<head>",
        "<body>",
        "<template>",
        "<!--",
        "-->",
        "<!DOCTYPE html>",
        "&amp;",
        "&nbsp;",
        "&#8217;",
        "&#x110000;",
        "&#0;",
        "&notit;",
        "&copy",
        "&",
        "&#",
        ";",
        "<",
        ">",
        "\"",
        "é",
        "’",
        "\r\n",
        "\n",
        " ",
        "\u{feff}",
        "We do not collect data from children under 13.",
        "We will notify you of a breach.",
        "You may opt out. ",
        "Cookies",
        "e.g.",
        "<meta charset=latin1>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_tag_soup_parses_with_valid_spans(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            let source = SourceFile::new("p.html", text.clone());
            let doc = Document::parse(source.clone(), Format::Html);
            for b in doc.blocks() {
                prop_assert!(b.span.end <= text.len());
                prop_assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
            }
            for s in doc.sentences() {
                prop_assert!(text.get(s.span.range()).is_some());
            }
            let _ = lint_source(&source, Format::Html, rules());
            let _ = html::comments(&text);
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300), meta in 0..3usize) {
            let prefix: &[u8] = match meta {
                0 => b"",
                1 => b"<meta charset=windows-1252>",
                _ => b"<meta http-equiv=content-type content='text/html;charset=latin1'>",
            };
            let mut all = prefix.to_vec();
            all.extend(bytes);
            if let Ok(d) = decode_html(all.clone()) {
                if let Some(map) = &d.origin {
                    // Every character boundary maps into the file, monotonically.
                    let mut last = 0;
                    for (i, _) in d.text.char_indices() {
                        let o = map.original(i);
                        prop_assert!(o >= last && o <= all.len());
                        last = o;
                    }
                    prop_assert_eq!(map.original(d.text.len()), all.len());
                }
            }
        }
    }
}

#[test]
fn suppression_comments_work_in_html() {
    let html = "<!DOCTYPE html><html><head><!-- clauselint-disable-file breach-notification --></head>\n\
<body><h1>Policy</h1>\n<p>We run the the service.</p>\n<!-- clauselint-disable repeated-words -->\n\
<p>Cookies on your browser on your browser.</p>\n<!-- clauselint-enable -->\n<p>Ask us us anything.</p>\n</body></html>\n";
    let source = SourceFile::new("p.html", html);
    let report = lint_source(&source, Format::Html, &default_rules());
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), &html[f.span.range()]))
        .collect();
    assert!(
        !found.iter().any(|(r, _)| *r == "breach-notification"),
        "{found:?}"
    );
    let repeated: Vec<&str> = found
        .iter()
        .filter(|(r, _)| *r == "repeated-words")
        .map(|(_, t)| *t)
        .collect();
    assert_eq!(repeated, ["the the", "us us"], "{found:?}");
}

#[test]
fn sarif_byte_offsets_index_the_file_on_disk() {
    let path = fixture("windows-1252.html");
    let bytes = std::fs::read(&path).unwrap();
    let out = env::clauselint()
        .args(["check", "--format", "sarif", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let start = region["byteOffset"].as_u64().unwrap() as usize;
        let len = region["byteLength"].as_u64().unwrap() as usize;
        // The title heading, in windows-1252 bytes (é is one byte).
        assert_eq!(&bytes[start..start + len], b"Caf\xe9 R\xe9sum\xe9 Privacy");
    }
}
