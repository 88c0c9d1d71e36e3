//! CI pipelines: config discovery, merge and errors; suppression comments;
//! the baseline; exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use insta_cmd::get_cargo_bin;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn claimscan(dir: &Path) -> Command {
    let mut cmd = Command::new(get_cargo_bin("claimscan"));
    cmd.current_dir(dir);
    cmd
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `check --format json` and returns the exit code and the reports.
fn check_json(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let out = claimscan(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let reports = serde_json::from_slice(&out.stdout).unwrap_or_default();
    (out.status.code(), reports)
}

/// (rule, matched text) of every finding left in a report.
fn findings(report: &Value) -> Vec<(String, String)> {
    report["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["findings"].as_array().unwrap().iter())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["match"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn notices(report: &Value) -> Vec<(String, usize, String)> {
    report["notices"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| {
                    (
                        n["rule"].as_str().unwrap().to_string(),
                        n["line"].as_u64().unwrap() as usize,
                        n["text"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A temporary project: a folder with files written from (path, text).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const CURE: &str = "Acupuncture cures back pain.\n";
const HEDGE: &str = "Acupuncture may ease back pain for some people.\n";

// ---- exit codes -------------------------------------------------------

#[test]
fn exit_codes_follow_fail_on() {
    let dir = project(&[("cure.txt", CURE), ("hedge.txt", HEDGE)]);
    let code = |args: &[&str]| {
        claimscan(dir.path())
            .args(["check", "--isolated"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    // Default fail-on warning: an unsourced absolute claim fails...
    assert_eq!(code(&["cure.txt"]), Some(1));
    // ...a hedge (info) never does.
    assert_eq!(code(&["hedge.txt"]), Some(0));
    assert_eq!(code(&["--fail-on", "info", "hedge.txt"]), Some(1));
    assert_eq!(code(&["--fail-on", "error", "cure.txt"]), Some(0));
    assert_eq!(code(&["--fail-on", "never", "cure.txt"]), Some(0));
    // 2: usage, config and runtime errors.
    assert_eq!(code(&["--fail-on", "loud", "cure.txt"]), Some(2));
    assert_eq!(code(&["--format", "nope", "cure.txt"]), Some(2));
    assert_eq!(code(&["missing.txt", "cure.txt"]), Some(2));
    assert_eq!(code(&["--select", "A999", "cure.txt"]), Some(2));
}

#[test]
fn a_raised_severity_fails_a_stricter_fail_on() {
    let dir = project(&[
        ("cure.txt", CURE),
        (
            "claimscan.toml",
            "fail-on = \"error\"\n[severity]\ncure-claim = \"error\"\n",
        ),
    ]);
    let (code, reports) = check_json(dir.path(), &["cure.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(reports[0]["sentences"][0]["severity"], "error");
    let out = claimscan(dir.path())
        .args(["check", "--ignore", "A104", "cure.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

// ---- config -----------------------------------------------------------

#[test]
fn config_is_found_upward_and_isolated_skips_it() {
    let dir = project(&[
        ("claimscan.toml", "fail-on = \"never\"\n"),
        ("docs/deep/cure.txt", CURE),
    ]);
    let deep = dir.path().join("docs/deep");
    let code = |args: &[&str]| {
        claimscan(&deep)
            .arg("check")
            .args(args)
            .arg("cure.txt")
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--isolated"]), Some(1));
    std::fs::write(dir.path().join("strict.toml"), "fail-on = \"warning\"\n").unwrap();
    assert_eq!(code(&["--config", "../../strict.toml"]), Some(1));
    // Flags win over the file.
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
}

#[test]
fn config_command_prints_the_merged_result() {
    let dir = project(&[(
        "claimscan.toml",
        "fail-on = \"note\"\nignore = [\"H101\"]\nexclude = [\"drafts/\"]\n[severity]\nvague = \"error\"\n",
    )]);
    let out = claimscan(dir.path())
        .args([
            "config",
            "--fail-on",
            "error",
            "--ignore",
            "V101",
            "--exclude",
            "old/",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let merged: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(merged["fail-on"].as_str(), Some("error"));
    assert_eq!(merged["ignore"].as_array().unwrap().len(), 2);
    assert_eq!(merged["exclude"].as_array().unwrap().len(), 2);
    assert_eq!(merged["severity"]["vague"].as_str(), Some("error"));
    assert_eq!(merged["severity"]["absolute"].as_str(), Some("warning"));
    assert!(text.contains("# disabled rules: H101, V101"), "{text}");
    // The printed result is itself a valid config file.
    std::fs::write(dir.path().join("merged.toml"), &text).unwrap();
    let again = claimscan(dir.path())
        .args(["config", "--config", "merged.toml"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("fail-on = \"error\""));
}

#[test]
fn config_errors_name_file_line_and_column() {
    let dir = project(&[
        ("cure.txt", CURE),
        (
            "claimscan.toml",
            "fail-on = \"error\"\n[severity]\nvague = \"warning\"\nA104 = \"loud\"\n",
        ),
    ]);
    let out = claimscan(dir.path())
        .args(["check", "cure.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("claimscan.toml:4:8: bad severity `loud` for `A104`"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("claimscan.toml"),
        "fail-on = \"error\"\nselcet = [\"A101\"]\n",
    )
    .unwrap();
    let out = claimscan(dir.path())
        .args(["check", "cure.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimscan.toml:2:1: unknown field `selcet`"),
        "{}",
        stderr(&out)
    );

    std::fs::write(
        dir.path().join("claimscan.toml"),
        "ignore = [\"A101\", \"no-such-rule\"]\n",
    )
    .unwrap();
    let out = claimscan(dir.path()).args(["config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimscan.toml:1:19: unknown rule `no-such-rule`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_writes_a_starter_file_and_never_overwrites() {
    let dir = project(&[]);
    let out = claimscan(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("claimscan.toml")).unwrap();
    assert!(written.starts_with("# claimscan configuration"));
    let out = claimscan(dir.path()).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(dir.path().join("claimscan.toml"), "fail-on = \"error\"\n").unwrap();
    let out = claimscan(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claimscan.toml")).unwrap(),
        "fail-on = \"error\"\n"
    );
}

#[test]
fn include_and_exclude_pick_the_files_of_a_folder() {
    let dir = project(&[
        (
            "claimscan.toml",
            "exclude = [\"drafts/\"]\ninclude = [\"*.md\", \"*.mdx\"]\n",
        ),
        ("docs/a.md", CURE),
        ("docs/b.mdx", CURE),
        ("docs/c.txt", CURE),
        ("docs/drafts/d.md", CURE),
    ]);
    let (code, reports) = check_json(dir.path(), &["docs"]);
    assert_eq!(code, Some(1));
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/a.md", "docs/b.mdx"]);
    let (_, reports) = check_json(dir.path(), &["--exclude", "b.*", "docs"]);
    assert_eq!(reports.len(), 1);
    // A file named directly is read, unless --force-exclude (pre-commit).
    let (_, reports) = check_json(dir.path(), &["docs/drafts/d.md", "docs/a.md"]);
    assert_eq!(reports.len(), 2);
    let (code, reports) = check_json(
        dir.path(),
        &["--force-exclude", "docs/drafts/d.md", "docs/a.md"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["path"], "docs/a.md");
}

#[test]
fn extend_lexicons_are_relative_to_the_config_file() {
    let dir = project(&[
        ("claimscan.toml", "extend-lexicons = [\"house\"]\n"),
        (
            "house/tradition.toml",
            "id = \"V199\"\nname = \"appeal-to-tradition\"\nlabel = \"vague\"\nsummary = \"Appeals to tradition.\"\ndoc = \"d\"\nliterals = [\"used for centuries\"]\n",
        ),
        ("sub/a.txt", "It has been used for centuries.\n"),
    ]);
    let (code, reports) = check_json(&dir.path().join("sub"), &["a.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&reports[0]),
        [("V199".to_string(), "used for centuries".to_string())]
    );
}

// ---- suppressions -------------------------------------------------------

#[test]
fn markdown_suppression_comments() {
    let (code, reports) = check_json(&fixtures().join("ci"), &["--isolated", "suppress.md"]);
    assert_eq!(code, Some(1));
    let r = &reports[0];
    let left = findings(r);
    let rules: Vec<&str> = left
        .iter()
        .map(|(rule, m)| {
            let _ = m;
            rule.as_str()
        })
        .collect();
    // Unsuppressed: line 3, "completely" (A102 is not in the A103 region),
    // "risk-free" after the region ends, the hedge, and the two claims under
    // a misspelt directive and an unknown rule.
    assert_eq!(
        rules,
        ["A104", "A102", "A103", "H101", "A104", "A104"],
        "{left:?}"
    );
    assert!(!left
        .iter()
        .any(|(_, m)| m == "no side effects" || m == "Research shows"));
    assert_eq!(r["suppressed"], 5);
    let n = notices(r);
    assert_eq!(
        n,
        [
            ("S101".to_string(), 19, "A104".to_string()),
            ("S102".to_string(), 22, "A1O4".to_string()),
            (
                "S103".to_string(),
                25,
                "<!-- claimscan-disable-nextline -->".to_string()
            ),
            (
                "S101".to_string(),
                28,
                "<!-- claimscan-enable -->".to_string()
            ),
        ]
    );
}

#[test]
fn plain_text_suppression_lines() {
    let (_, reports) = check_json(&fixtures().join("ci"), &["--isolated", "suppress.txt"]);
    let r = &reports[0];
    let rules: Vec<String> = findings(r).into_iter().map(|(rule, _)| rule).collect();
    assert_eq!(rules, ["A104", "H101"]);
    assert_eq!(r["suppressed"], 2);
    assert_eq!(notices(r), [("S101".to_string(), 9, "V101".to_string())]);
}

#[test]
fn unused_suppressions_fail_only_when_raised() {
    let dir = project(&[(
        "a.md",
        "<!-- claimscan-disable-next-line A104 -->\n\nAcupuncture may ease back pain.\n",
    )]);
    let code = |args: &[&str]| {
        claimscan(dir.path())
            .args(["check", "--isolated"])
            .args(args)
            .arg("a.md")
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0), "an unused suppression is a note");
    assert_eq!(code(&["--fail-on", "note"]), Some(1));
    assert_eq!(
        code(&["--fail-on", "note", "--ignore", "unused-suppression"]),
        Some(0)
    );
}

#[test]
fn suppression_rules_are_listed_and_explained() {
    let dir = fixtures().join("ci");
    let out = claimscan(&dir)
        .args(["rules", "--isolated"])
        .output()
        .unwrap();
    let text = stdout(&out);
    for id in ["S101", "S102", "S103"] {
        assert!(text.contains(id), "{text}");
    }
    let out = claimscan(&dir)
        .args(["explain", "unused-suppression"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("S101 unused-suppression"));
}

/// Each suppression rule's examples: `flags` fire it, `allows` do not.
#[test]
fn suppression_rule_examples_hold() {
    for rule in claimscan::ci::suppress::NOTICE_RULES {
        for (text, should_fire) in rule
            .flags
            .iter()
            .map(|t| (t, true))
            .chain(rule.allows.iter().map(|t| (t, false)))
        {
            let dir = project(&[("a.md", text)]);
            let (_, reports) = check_json(dir.path(), &["--isolated", "a.md"]);
            let fired = notices(&reports[0]).iter().any(|(r, _, _)| r == rule.id);
            assert_eq!(fired, should_fire, "{} on {text:?}", rule.id);
        }
    }
}

// ---- baseline -----------------------------------------------------------

#[test]
fn baseline_survives_moving_a_paragraph() {
    let before = "Intro line without claims.\n\nAcupuncture cures back pain.\n\nResearch shows it is safe for everyone.\n\nA closing line.\n";
    // The paragraphs swapped and one reflowed over two lines.
    let after = "Research shows it is\nsafe for everyone.\n\nIntro line without claims.\n\nA closing line.\n\nAcupuncture cures back pain.\n";
    let dir = project(&[("a.txt", before)]);
    let out = claimscan(dir.path())
        .args([
            "check",
            "--isolated",
            "--write-baseline",
            "baseline.json",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["version"], 1);
    assert!(baseline["findings"].as_array().unwrap().len() >= 3);
    assert!(
        !baseline.to_string().contains("\"line\""),
        "no line numbers"
    );

    std::fs::write(dir.path().join("a.txt"), after).unwrap();
    let (code, reports) = check_json(
        dir.path(),
        &["--isolated", "--baseline", "baseline.json", "a.txt"],
    );
    assert_eq!(code, Some(0), "{reports:?}");
    assert!(findings(&reports[0]).is_empty());
    assert!(reports[0]["baselined"].as_u64().unwrap() >= 3);

    // A new claim is reported, the old ones still are not.
    std::fs::write(
        dir.path().join("a.txt"),
        format!("{after}\nIt eliminates pain.\n"),
    )
    .unwrap();
    let (code, reports) = check_json(
        dir.path(),
        &["--isolated", "--baseline", "baseline.json", "a.txt"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&reports[0]),
        [("A104".to_string(), "eliminates".to_string())]
    );

    // Editing a baselined sentence's words makes it new again.
    std::fs::write(
        dir.path().join("a.txt"),
        after.replace("back pain", "neck pain"),
    )
    .unwrap();
    let (code, reports) = check_json(
        dir.path(),
        &["--isolated", "--baseline", "baseline.json", "a.txt"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&reports[0]),
        [("A104".to_string(), "cures".to_string())]
    );
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = project(&[
        ("a.txt", CURE),
        ("b.json", "{\"version\": 1, \"findings\": [}"),
    ]);
    let out = claimscan(dir.path())
        .args(["check", "--isolated", "--baseline", "b.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("b.json:1:"), "{}", stderr(&out));
}
