//! One canned report through each CI format: SARIF validated against the
//! official schema, GitHub annotations with characters that need escaping,
//! GitLab Code Quality and JUnit, each snapshotted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use claimscan::pipeline::lexicon::Label;
use claimscan::report::{
    FileReport, FileSummary, FindingReport, Format, NoticeReport, ReportOptions, SentenceReport,
    Summary,
};
use claimscan::severity::Severity;
use claimscan::Settings;

/// A report for `docs/a, b:c.md` with an unsourced absolute claim (warning),
/// a hedge (info, left out of CI formats), a cited absolute (note) and an
/// unknown-rule notice whose message has a comma, a colon, a per cent sign
/// and a newline.
fn canned() -> FileReport {
    let finding = |rule: &str,
                   name: &str,
                   label,
                   severity,
                   start,
                   end,
                   line,
                   column,
                   matched: &str,
                   message: &str| FindingReport {
        rule: rule.into(),
        name: name.into(),
        label,
        severity,
        start,
        end,
        matched: matched.into(),
        message: message.into(),
        source: None,
        line,
        column,
        end_line: line,
        end_column: column + matched.chars().count(),
    };
    let mut r = FileReport {
        schema_version: 1,
        path: "docs/a, b:c.md".into(),
        relative: PathBuf::from("a, b:c.md"),
        article: Default::default(),
        sentences: vec![
            SentenceReport {
                start: 0,
                end: 28,
                line: 1,
                column: 1,
                text: "Acupuncture cures back pain.".into(),
                labels: vec![Label::Absolute],
                severity: Some(Severity::Warning),
                findings: vec![finding(
                    "A104",
                    "cure-claim",
                    Label::Absolute,
                    Severity::Warning,
                    12,
                    17,
                    1,
                    13,
                    "cures",
                    "Cure language (cures, eliminates): promises 100% more\nthan evidence can.",
                )],
            },
            SentenceReport {
                start: 30,
                end: 49,
                line: 3,
                column: 1,
                text: "It may ease pain.".into(),
                labels: vec![Label::Hedged],
                severity: Some(Severity::Info),
                findings: vec![finding(
                    "H101",
                    "possibility-modal",
                    Label::Hedged,
                    Severity::Info,
                    33,
                    36,
                    3,
                    4,
                    "may",
                    "A possibility modal.",
                )],
            },
            SentenceReport {
                start: 50,
                end: 110,
                line: 4,
                column: 1,
                text: "A 2019 review in JAMA found it is completely safe.".into(),
                labels: vec![Label::Absolute, Label::Cited],
                severity: Some(Severity::Note),
                findings: vec![finding(
                    "A103",
                    "safety-absolute",
                    Label::Absolute,
                    Severity::Note,
                    84,
                    99,
                    4,
                    35,
                    "completely safe",
                    "A safety absolute denies any risk.",
                )],
            },
        ],
        summary: FileSummary::default(),
        notices: vec![NoticeReport {
            rule: "S102".into(),
            name: "unknown-rule-in-suppression".into(),
            severity: Severity::Warning,
            start: 140,
            end: 144,
            line: 6,
            column: 34,
            end_line: 6,
            end_column: 38,
            text: "A1O4".into(),
            message: "unknown rule `A1O4`, a typo?\nsee: claimscan rules".into(),
        }],
        suppressed: 0,
        baselined: 0,
    };
    r.recount();
    r
}

fn render(format: Format) -> String {
    let settings = Settings::new(&[]).unwrap();
    let mut reporter = format.reporter_with(ReportOptions {
        rules: settings.rule_docs(),
        ..ReportOptions::default()
    });
    let report = canned();
    let mut out = Vec::new();
    let mut summary = Summary::default();
    summary.add(&report);
    reporter.file(&report, &mut out).unwrap();
    reporter.finish(&summary, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = render(Format::Sarif);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator does reject a broken log, so the check above can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "loud".into();
    assert!(!validator.is_valid(&broken));

    // GitHub code scanning's requirements, beyond the schema.
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "{rule}");
        }
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
    }
    let results = run["results"].as_array().unwrap();
    // The info-level hedge is not a result; the others are.
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A104", "A103", "S102"]);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "docs/a%2C%20b%3Ac.md");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(r["partialFingerprints"].as_object().unwrap().len() == 1);
    }
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(results[1]["level"], "note");
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(render(Format::Sarif));
}

#[test]
fn github_annotations_escape_properties_and_messages_differently() {
    let text = render(Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        "::warning file=docs/a%2C b%3Ac.md,line=1,col=13,endLine=1,endColumn=17,title=A104 cure-claim::absolute \"cures\": Cure language (cures, eliminates): promises 100%25 more%0Athan evidence can."
    );
    assert!(
        lines[1].starts_with("::notice file=docs/a%2C b%3Ac.md,line=4,col=35,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].ends_with("title=S102 unknown-rule-in-suppression::unknown rule `A1O4`, a typo?%0Asee: claimscan rules"),
        "{}",
        lines[2]
    );
    insta::assert_snapshot!(text);
}

#[test]
fn gitlab_code_quality_snapshot() {
    let text = render(Format::Gitlab);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), 3);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.dedup();
    assert_eq!(prints.len(), 3, "fingerprints are unique per issue");
    for i in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].is_string(), "{i}");
        }
        assert_eq!(i["location"]["path"], "docs/a, b:c.md");
        assert!(
            i["location"]["positions"]["begin"]["line"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn junit_snapshot() {
    let text = render(Format::Junit);
    assert!(
        text.contains("<testsuites name=\"claimscan\" tests=\"3\" failures=\"2\""),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn every_sarif_result_names_a_described_rule() {
    // On real articles, context rules (C902, V902, C106...) give results as
    // lexicon rules do; each must point at its descriptor.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["check", "--format", "sarif", "--fail-on", "never"])
        .arg(root.join("corpus"))
        .arg(root.join("tests/dev/independent/articles"))
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let mut context = 0;
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let i = r["ruleIndex"]
            .as_u64()
            .unwrap_or_else(|| panic!("{id} has no ruleIndex")) as usize;
        assert_eq!(rules[i]["id"], id);
        context += usize::from(id.as_bytes().get(1) == Some(&b'9'));
    }
    assert!(
        context > 0,
        "no context-rule result in {} results",
        results.len()
    );
}
