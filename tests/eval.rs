//! Quality floors on the sample gold: the scores reached are kept here so
//! they never slip back. Also checks that `claimscan eval` gives the same
//! numbers as the reference scorer, `tools/score.py`.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use claimscan::measure::eval;
use claimscan::pipeline::analyze_file;
use claimscan::pipeline::lexicon::Label;
use claimscan::{report, Settings};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_reports(settings: &Settings) -> Vec<report::FileReport> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let a = analyze_file(p, settings).unwrap();
            report::file_report(&a, p.file_name().unwrap().as_ref(), settings)
        })
        .collect()
}

/// Floors: the scores reached on the sample gold (rounded down). Raise them
/// when the scores rise; never lower them to make a change pass.
const MACRO_F1_FLOOR: f64 = 0.99;
const LABEL_F1_FLOORS: [(Label, f64); 4] = [
    (Label::Absolute, 0.97),
    (Label::Cited, 0.99),
    (Label::Hedged, 0.99),
    (Label::Vague, 0.98),
];

#[test]
fn sample_gold_scores_hold() {
    let settings = Settings::new(&[]).unwrap();
    let gold = eval::read_gold(&root().join("tests/seeds.gold.jsonl")).unwrap();
    assert_eq!(gold.len(), 252);
    let scores = eval::score(&gold, &sample_reports(&settings));
    let table = eval::render(&scores);
    assert!(scores.missing.is_empty(), "{table}");
    assert!(
        scores.macro_f1 >= MACRO_F1_FLOOR,
        "macro F1 fell below {MACRO_F1_FLOOR}:\n{table}"
    );
    for (label, floor) in LABEL_F1_FLOORS {
        let f1 = scores.labels[&label].f1;
        assert!(
            f1 >= floor,
            "{label} F1 {f1:.3} fell below {floor}:\n{table}"
        );
    }
}

#[test]
fn eval_matches_reference_scorer() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_claimscan");
    let corpus = root().join("corpus");
    let status = Command::new(bin)
        .args(["check", "--format", "json", "--output-dir"])
        .arg(dir.path())
        .arg(&corpus)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "the samples have flagged units");
    let gold = root().join("tests/seeds.gold.jsonl");
    let reference = Command::new("python3")
        .arg(root().join("tests/tools/score.py"))
        .arg(&gold)
        .arg(dir.path())
        .arg("--json")
        .output()
        .expect("python3 runs");
    assert!(
        reference.status.success(),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let reference: serde_json::Value = serde_json::from_slice(&reference.stdout).unwrap();
    let ours = Command::new(bin)
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(ours.status.success());
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    for label in ["absolute", "cited", "hedged", "vague"] {
        for (theirs, mine) in [("tp", "tp"), ("fp", "fp"), ("fn", "fn")] {
            assert_eq!(
                reference["labels"][label][theirs], ours["labels"][label][mine],
                "{label} {theirs}"
            );
        }
        let f_ref = reference["labels"][label]["f1"].as_f64().unwrap();
        let f_ours = ours["labels"][label]["f1"].as_f64().unwrap();
        assert!(
            (f_ref - f_ours).abs() < 0.0015,
            "{label} F1 {f_ref} vs {f_ours}"
        );
    }
    let m_ref = reference["macro_f1"].as_f64().unwrap();
    let m_ours = ours["macro_f1"].as_f64().unwrap();
    assert!((m_ref - m_ours).abs() < 0.0015, "macro {m_ref} vs {m_ours}");
}
