//! Hostile structure stays cheap and safe: each input is built here (none is
//! committed), run through the whole pipeline, and must come back without a
//! panic or a stack overflow. Test threads have a 2 MiB stack, so any
//! recursion over the nesting depth would crash them. Times are not
//! asserted (benchmarks check speed); a quadratic path would make these
//! tests run for hours instead of seconds.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::OnceLock;

use claimscan::pipeline::ingest::{self, InputFormat};
use claimscan::pipeline::{analyze, Analysis};
use claimscan::Settings;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::new(&[]).unwrap())
}

fn run(name: &str, source: String, format: InputFormat) -> Analysis {
    let len = source.len();
    let doc = ingest::from_bytes(Path::new(name), source.into_bytes(), format).unwrap();
    let analysis = analyze(doc, settings());
    for u in &analysis.units {
        assert!(u.start <= u.end && u.end <= len, "{name}: {u:?}");
    }
    analysis
}

/// Ingest and segmentation only, for inputs whose later stages another case
/// already covers.
fn units(name: &str, source: String, format: InputFormat) -> usize {
    let doc = ingest::from_bytes(Path::new(name), source.into_bytes(), format).unwrap();
    claimscan::pipeline::segment::segment(&doc).len()
}

#[test]
fn html_with_100_000_nested_elements() {
    let depth = 100_000;
    let mut s = String::with_capacity(depth * 12);
    s.push_str("<html><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str("<p>Deep inside, the cure works.</p>");
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    let a = run("deep.html", s, InputFormat::Html);
    assert!(a
        .units
        .iter()
        .any(|u| u.text(&a.doc) == "Deep inside, the cure works."));

    // Inline elements, never closed.
    let mut s = String::from("<p>Start.");
    for _ in 0..depth {
        s.push_str("<span><b>");
    }
    s.push_str("Never closed.");
    run("deep-inline.html", s, InputFormat::Html);
}

#[test]
fn html_with_unclosed_and_misnested_tags() {
    let mut s = String::new();
    for i in 0..20_000 {
        s.push_str(&format!(
            "<div><p>Item {i} <b>bold <i>both</b> italic</i> &amp <table><td>cell {i}<tr>"
        ));
    }
    s.push_str("<script>never closed");
    run("unclosed.html", s, InputFormat::Html);
    let s = "<!-- unterminated comment ".repeat(100_000) + "<p>x" + &"<".repeat(100_000);
    run("comment.html", s, InputFormat::Html);
}

#[test]
fn markdown_with_50_000_nested_quotes_and_lists() {
    let depth = 50_000;
    let quotes = ">".repeat(depth) + " The quote cures all.\n";
    let a = run("quotes.md", quotes, InputFormat::Markdown);
    assert!(a
        .units
        .iter()
        .any(|u| u.text(&a.doc) == "The quote cures all."));
    let lists = "- ".repeat(depth) + "The item cures all.\n";
    run("lists.md", lists, InputFormat::Markdown);
    let numbered = "1. ".repeat(depth) + "Numbered.\n";
    run("numbered.md", numbered, InputFormat::Markdown);
    let mixed = "> - ".repeat(depth / 2) + "Mixed.\n";
    run("mixed.md", mixed, InputFormat::Markdown);
}

#[test]
fn a_20_mb_line_with_no_full_stop() {
    let line = "word, ".repeat(20_000_000 / 6);
    let a = run("line.txt", line.clone(), InputFormat::Text);
    assert_eq!(a.units.len(), 1);
    assert_eq!(units("line.md", line.clone(), InputFormat::Markdown), 1);
    assert_eq!(
        units("line.html", format!("<p>{line}</p>"), InputFormat::Html),
        1
    );
}

#[test]
fn dr_repeated_two_million_times() {
    let text = "Dr. ".repeat(2_000_000);
    let a = run("dr.txt", text, InputFormat::Text);
    assert_eq!(a.units.len(), 1);
    let dots = "U.S. ".repeat(1_000_000) + &". . . ".repeat(1_000_000);
    units("dots.txt", dots, InputFormat::Text);
    let glued = "a.Bc".repeat(1_000_000);
    units("glued.txt", glued, InputFormat::Text);
}

/// One unit of about `len` bytes made of every rule's own examples (full
/// stops turned into commas, so nothing ends the sentence), with quotation
/// marks and speakers among them: every literal, pattern and context rule
/// fires thousands of times in one long line. Each stage must stay linear in
/// it; a quadratic one would take hours here.
fn every_rule_in_one_line(len: usize) -> String {
    let mut pieces: Vec<String> = settings()
        .entries()
        .iter()
        .flat_map(|e| e.flags.iter().chain(&e.allows))
        .map(|s| s.replace(['.', '!', '?', '…', ';', ':'], ","))
        .collect();
    pieces.push("“it works,” said Dr, Jane Smith, and she added “it cures”,".into());
    pieces.push("\"no side effects\" Smith said,".into());
    let mut line = String::with_capacity(len + 1000);
    while line.len() < len {
        for p in &pieces {
            line.push_str(p);
            line.push(' ');
        }
    }
    line
}

#[test]
fn every_rule_on_a_2_mb_line_stays_linear() {
    let line = every_rule_in_one_line(2_000_000);
    let a = run("rules.txt", line.clone(), InputFormat::Text);
    assert!(a.units.len() < 100, "{} units", a.units.len());
    let findings: usize = a.verdicts.iter().map(|v| v.findings.len()).sum();
    assert!(findings > 10_000, "{findings} findings");
    claimscan::invariants::check_analysis(&a).unwrap();
    // The same through Markdown and HTML ingest.
    units("rules.md", line.clone(), InputFormat::Markdown);
    units("rules.html", format!("<p>{line}</p>"), InputFormat::Html);
}

#[test]
fn a_line_of_a_million_quotation_marks_stays_linear() {
    // Each opening mark looks back for "titled"/"called": only at the word
    // before it, never the whole line.
    let text = "“a” said Smith ".repeat(250_000) + &"\"".repeat(1_000_000);
    let a = run("quotes.txt", text, InputFormat::Text);
    claimscan::invariants::check_analysis(&a).unwrap();
}
