//! Linear cost: the work a check does on one long unit grows with the
//! unit's length, not with its square.
//!
//! Nothing is timed. `claimscan::work` counts the bytes and items that the
//! pipeline's input-dependent loops walk (the matcher's passes, look-backs,
//! context rules, line and column lookups, report building); each input is
//! checked at 0.5 MB and at 2 MB, and the count must grow about 4x. A cost
//! that grows with hits per unit times unit length (a look-back to the
//! unit's start, a column counted from the line's start per finding) makes
//! the ratio 16x and fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::OnceLock;

use claimscan::Settings;

fn settings() -> &'static Settings {
    static S: OnceLock<Settings> = OnceLock::new();
    S.get_or_init(|| Settings::new(&[]).unwrap())
}

/// The work counted for a whole check of `text` as a plain-text file:
/// ingest, analysis, report, suppressions, JSON.
fn work_of(text: &str) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, text).unwrap();
    let (report, work) = claimscan::work::measure(|| {
        let r = claimscan::batch::check::check_file(&path, Path::new("long.txt"), settings(), None)
            .unwrap();
        serde_json::to_writer_pretty(std::io::sink(), &r).unwrap();
        r
    });
    let findings: usize = report.sentences.iter().map(|s| s.findings.len()).sum();
    assert!(
        findings > text.len() / 500,
        "{findings} findings: the input must fire many rules"
    );
    work
}

/// `piece` repeated to about `len` bytes.
fn repeated(piece: &str, len: usize) -> String {
    piece.repeat(len / piece.len() + 1)
}

/// Asserts the work of `make(2 MB)` is about 4x that of `make(0.5 MB)`.
fn assert_linear(make: impl Fn(usize) -> String) {
    let small = work_of(&make(500_000));
    let large = work_of(&make(2_000_000));
    assert!(large >= 2_000_000, "the counter saw only {large} units");
    let ratio = large as f64 / small as f64;
    eprintln!("work {small} at 0.5 MB, {large} at 2 MB: {ratio:.3}x");
    assert!(
        (3.6..=4.4).contains(&ratio),
        "work {small} at 0.5 MB, {large} at 2 MB: {ratio:.2}x for 4x the input"
    );
}

#[test]
fn one_sentence_with_no_end_repeated() {
    // The input: one unit, tens of thousands of hedged, vague and
    // absolute hits.
    assert_linear(|len| repeated("It may cure pain and research shows it works, ", len));
}

#[test]
fn every_rule_in_one_line() {
    // Every rule's own examples, full stops turned into commas, with
    // quotations, titles, months and negations among them.
    let mut pieces: Vec<String> = settings()
        .entries()
        .iter()
        .flat_map(|e| e.flags.iter().chain(&e.allows))
        .map(|s| s.replace(['.', '!', '?', '…', ';', ':'], ","))
        .collect();
    pieces.push("“it works,” said Dr, Jane Smith, and she added “it cures”,".into());
    pieces.push("a paper titled “Why It May Work”, in May 2020, you can ask,".into());
    let piece = pieces.join(" ") + " ";
    assert_linear(|len| repeated(&piece, len));
}

#[test]
fn many_lines_of_non_ascii_text() {
    // Columns are counted in characters: a long file of short non-ASCII
    // lines, and one long non-ASCII line.
    assert_linear(|len| {
        repeated(
            "Ça peut guérir — it may cure pain, “research shows”.\n",
            len,
        )
    });
    assert_linear(|len| repeated("Ça peut guérir — it may cure pain, “research shows”, ", len));
}
