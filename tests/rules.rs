//! Context-rule fixtures: `fixtures/rules/<ID>.txt` is a small article in
//! which rule `<ID>` must apply (its first line says how). Each fixture's
//! units, labels and rule decisions are snapshotted.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;

use claimscan::pipeline::analyze_text;
use claimscan::Settings;

#[test]
fn context_rule_fixtures() {
    let settings = Settings::new(&[]).unwrap();
    insta::glob!("fixtures/rules/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let analysis = analyze_text(&text, &settings);
        let mut out = String::new();
        let mut applied = false;
        for (unit, verdict) in analysis.units.iter().zip(&analysis.verdicts) {
            let labels: Vec<&str> = verdict.labels.iter().map(|l| l.as_str()).collect();
            let unit_text = unit.text(&analysis.doc);
            writeln!(out, "[{}] {}", labels.join(","), unit_text).unwrap();
            for f in &verdict.findings {
                writeln!(
                    out,
                    "    + {} {} {:?}",
                    f.rule,
                    f.label,
                    &unit_text[f.start..f.end]
                )
                .unwrap();
            }
            for s in &verdict.suppressed {
                applied |= s.by == id;
                writeln!(
                    out,
                    "    - {} removed {} {:?}",
                    s.by,
                    s.finding.rule,
                    &unit_text[s.finding.start..s.finding.end]
                )
                .unwrap();
            }
            applied |= verdict.findings.iter().any(|f| f.rule == id);
        }
        assert!(
            applied,
            "rule {id} did not apply in its fixture {}:\n{out}",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}

#[test]
fn every_context_rule_has_a_fixture() {
    for r in claimscan::pipeline::classify::rules::RULES {
        let path = format!(
            "{}/tests/fixtures/rules/{}.txt",
            env!("CARGO_MANIFEST_DIR"),
            r.id
        );
        assert!(
            std::path::Path::new(&path).exists(),
            "no fixture for {} at {path}",
            r.id
        );
    }
}
