//! The English Golden Rules for sentence boundaries (pySBD's 48 and the 4
//! more of pragmatic_segmenter; data and licence in `sbd-golden-rules/`).
//! Each text goes through the whole plain-text path (line grouping, then the
//! splitter), and every failing rule is named by id.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use claimscan::pipeline::ingest::{self, InputFormat};
use claimscan::pipeline::segment;

#[derive(serde::Deserialize)]
struct Rule {
    id: String,
    name: String,
    text: String,
    sentences: Vec<String>,
}

fn rules() -> Vec<Rule> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sbd-golden-rules");
    let mut rules = Vec::new();
    for file in ["en.jsonl", "en-pragmatic-extra.jsonl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            rules.push(serde_json::from_str::<Rule>(line).unwrap());
        }
    }
    rules
}

/// Units are spans of the source, so a line break inside a sentence is
/// kept; rule ps-en-41 expects it removed. Comparing with white space runs
/// collapsed treats both the same and nothing else.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn units(text: &str) -> Vec<String> {
    let doc = ingest::from_bytes(Path::new("rule.txt"), text.into(), InputFormat::Text).unwrap();
    segment::segment(&doc)
        .iter()
        .map(|u| collapse(&doc.source[u.start..u.end]))
        .collect()
}

#[test]
fn all_52_english_golden_rules_pass() {
    let rules = rules();
    assert_eq!(
        rules.len(),
        52,
        "48 pySBD rules and 4 pragmatic_segmenter rules"
    );
    let mut failures = Vec::new();
    for rule in &rules {
        let expected: Vec<String> = rule.sentences.iter().map(|s| collapse(s)).collect();
        let got = units(&rule.text);
        if got != expected {
            failures.push(format!(
                "{} ({}):\n  expected {expected:?}\n  got      {got:?}",
                rule.id, rule.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} Golden Rules fail:\n{}",
        failures.len(),
        rules.len(),
        failures.join("\n")
    );
}
