//! Units of scraped news (issue 12): the segmenter reproduces the units that
//! two independent annotators marked in 24 ReCOVery dev articles
//! (`tests/news-units/`), the measuring script agrees with the library, each
//! known shape of scraped text keeps its regression test, and the new rules
//! stay linear on hostile input.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use claimscan::pipeline::ingest::{self, InputFormat};
use claimscan::pipeline::segment;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/news-units")
}

#[derive(serde::Deserialize)]
struct Target {
    article: String,
    start: usize,
    end: usize,
    text: String,
}

fn targets() -> Vec<Target> {
    std::fs::read_to_string(data().join("dev.units.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// (reproduced, total, misses) over the dev targets.
fn measure() -> (usize, usize, Vec<String>) {
    let targets = targets();
    let articles: BTreeSet<&str> = targets.iter().map(|t| t.article.as_str()).collect();
    let mut spans = BTreeSet::new();
    for name in &articles {
        let doc = ingest::read_file(&data().join("articles").join(name)).unwrap();
        for u in segment::segment(&doc) {
            spans.insert((name.to_string(), u.start, u.end));
        }
    }
    let mut misses = Vec::new();
    for t in &targets {
        if !spans.contains(&(t.article.clone(), t.start, t.end)) {
            misses.push(format!(
                "{} [{}-{}] {:?}",
                t.article, t.start, t.end, t.text
            ));
        }
    }
    (targets.len() - misses.len(), targets.len(), misses)
}

#[test]
fn dev_articles_units_are_reproduced() {
    let targets = targets();
    assert_eq!(targets.len(), 765);
    assert_eq!(
        targets
            .iter()
            .map(|t| t.article.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        24
    );
    let (hit, total, misses) = measure();
    let share = hit as f64 / total as f64;
    // Issue 12's target is 97%; 761 of 765 were reproduced when the rules
    // were written (the misses are run-in headings ending in a colon).
    assert!(
        share >= 0.97 && misses.len() <= 4,
        "{hit} of {total} ({share:.4}); misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn measuring_script_agrees_with_the_library() {
    let (hit, total, _) = measure();
    let out = Command::new("python3")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/unit_spans.py"))
        .args([
            "--claimscan",
            env!("CARGO_BIN_EXE_claimscan"),
            "--min",
            "0.97",
        ])
        .arg(data().join("dev.units.jsonl"))
        .arg(data().join("articles"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!("reproduced {hit} of {total} target units: ")),
        "{summary}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("MISS ")).count(),
        total - hit
    );
    // Bad input is an error naming the file, not a traceback.
    let bad = Command::new("python3")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/unit_spans.py"))
        .args(["--claimscan", env!("CARGO_BIN_EXE_claimscan")])
        .arg(data().join("README.md"))
        .arg(data().join("articles"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(
        err.contains("README.md:1") && !err.contains("Traceback"),
        "{err}"
    );
}

fn units(text: &str) -> Vec<String> {
    let doc = ingest::from_bytes(Path::new("news.txt"), text.into(), InputFormat::Text).unwrap();
    segment::segment(&doc)
        .iter()
        .map(|u| doc.source[u.start..u.end].to_string())
        .collect()
}

/// A synthetic scraped article with every known shape; its units as a reader
/// of the guide marks them.
#[test]
fn scraped_article_shapes() {
    let article = "\
Is zinc the answer? What we know so far

Zinc trial shows mixed results By Mara Lind, Staff Writer

OSLO, Norway. (AP) — Clinics reopened on Monday.

How it works Two pathways have been described in the lab.

It did no better than placeboPatients in both arms slept well.

EARLY RESULTSThe trial enrolled 40 adults in Oslo.

It helped patients with COPD. Zinc intake was measured by Dr. Anne K. Oduya.

It helped patients with MS. Levels of vitamin D. Patients with low D fared worse.

The dose was doubled. in most cases it helped. 40 patients finished.

Zinc shortened colds. (1,3) It did not prevent them. [4]

A nurse checks a patient in Oslo, Monday. (Photo: Kari Dahl, AP)

We need the final data. — Dr. Jane Roe (@jroe) May 1, 2020

Thanks! https://t.co/abc123 — Jane Roe (@jroe) May 2, 2020

“We have the beds.”… …”We’ve never seen this,” he said.

Because of the food we eat,

no home is free of it.

. Hospitals used it. It was cheap.
";
    let expected = [
        "Is zinc the answer? What we know so far",
        "Zinc trial shows mixed results",
        "By Mara Lind, Staff Writer",
        "OSLO, Norway. (AP) — Clinics reopened on Monday.",
        "How it works",
        "Two pathways have been described in the lab.",
        "It did no better than placebo",
        "Patients in both arms slept well.",
        "EARLY RESULTS",
        "The trial enrolled 40 adults in Oslo.",
        "It helped patients with COPD.",
        "Zinc intake was measured by Dr. Anne K. Oduya.",
        "It helped patients with MS.",
        "Levels of vitamin D.",
        "Patients with low D fared worse.",
        "The dose was doubled.",
        "in most cases it helped.",
        "40 patients finished.",
        "Zinc shortened colds. (1,3)",
        "It did not prevent them. [4]",
        "A nurse checks a patient in Oslo, Monday. (Photo: Kari Dahl, AP)",
        "We need the final data. — Dr. Jane Roe (@jroe) May 1, 2020",
        "Thanks!",
        "https://t.co/abc123 — Jane Roe (@jroe) May 2, 2020",
        "“We have the beds.”…",
        "…”We’ve never seen this,” he said.",
        "Because of the food we eat,\n\nno home is free of it.",
        ". Hospitals used it.",
        "It was cheap.",
    ];
    assert_eq!(units(article), expected);
}

/// The new looks (run-in openers, glued words, bracketed groups, letters
/// before a full stop, comma lines across blank lines) on inputs built to
/// make an unbounded look quadratic; each must come back.
#[test]
fn news_rules_stay_linear_on_hostile_input() {
    let n = 200_000;
    let cases = [
        "aaaaB".repeat(n),
        "word The ".repeat(n),
        "SLOW TAKE-UPCopper ".repeat(n / 2),
        "It ends. (1,2) ".repeat(n / 2),
        format!("It ends. ({}", "x".repeat(4 * n)),
        "vitamin D. ".repeat(n / 2),
        format!("{}D. Patients", " ".repeat(4 * n)),
        "x,\n\n".repeat(n / 2),
        "’".repeat(n) + "aB",
        ". ".repeat(n),
        "…” …”".repeat(n / 2),
    ];
    for (k, text) in cases.iter().enumerate() {
        let doc = ingest::from_bytes(
            Path::new("hostile.txt"),
            text.clone().into_bytes(),
            InputFormat::Text,
        )
        .unwrap();
        let units = segment::segment(&doc);
        for u in &units {
            assert!(
                u.start <= u.end && u.end <= text.len() && text.is_char_boundary(u.start),
                "case {k}: {u:?}"
            );
        }
    }
}
