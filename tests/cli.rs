//! The command line: exit codes, messages, and one bad file among good ones.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn claimscan() -> Command {
    let mut cmd = Command::new(get_cargo_bin("claimscan"));
    cmd.current_dir(fixtures());
    cmd
}

#[test]
fn exit_0_when_nothing_is_flagged() {
    assert_cmd_snapshot!(claimscan().args(["check", "clean.txt"]));
}

#[test]
fn exit_1_when_something_is_flagged() {
    assert_cmd_snapshot!(claimscan().args(["check", "flagged.txt"]));
}

#[test]
fn check_is_the_default_command() {
    let out = claimscan().arg("flagged.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exit_2_for_a_missing_file_and_the_others_still_run() {
    assert_cmd_snapshot!(claimscan().args(["check", "no-such-file.txt", "flagged.txt"]));
}

#[test]
fn not_utf8_is_an_error_and_the_good_file_still_gets_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimscan()
        .args(["check", "--format", "json", "--output-dir"])
        .arg(dir.path())
        .args(["latin1.txt", "flagged.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("latin1.txt")
            && stderr.contains("not UTF-8")
            && stderr.contains("byte offset 18"),
        "{stderr}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("flagged.txt.json")).unwrap())
            .unwrap();
    assert_eq!(report["sentences"][0]["labels"][0], "absolute");
    assert!(!dir.path().join("latin1.txt.json").exists());
}

#[test]
fn malformed_lexicon_names_file_line_and_column() {
    assert_cmd_snapshot!(claimscan().args(["check", "--lexicon", "bad-lexicon", "clean.txt"]));
}

#[test]
fn no_paths_is_a_usage_error() {
    let out = claimscan().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_doc_and_examples() {
    assert_cmd_snapshot!(claimscan().args(["explain", "A103"]));
}

#[test]
fn explain_knows_context_rules_by_name() {
    let out = claimscan()
        .args(["explain", "negated-absolute"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("A901 negated-absolute"));
}

#[test]
fn explain_unknown_rule_is_an_error() {
    let out = claimscan().args(["explain", "Z999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `Z999`"));
}

#[test]
fn rules_lists_every_rule() {
    assert_cmd_snapshot!(claimscan().arg("rules"));
}

#[test]
fn json_output_dir_mirrors_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = claimscan()
        .args(["check", "--format", "json", "--output-dir"])
        .arg(dir.path())
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".txt.json")), "{names:?}");
    for n in &names {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join(n)).unwrap()).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert!(v["sentences"].as_array().unwrap().len() > 10);
    }
}

#[test]
fn terminal_view_underlines_trigger_words() {
    assert_cmd_snapshot!(claimscan().args(["check", "editor.txt"]));
}

#[test]
fn concise_is_one_line_per_finding() {
    assert_cmd_snapshot!(claimscan().args(["check", "--format", "concise", "editor.txt"]));
}

fn has_escapes(cmd: &mut Command) -> bool {
    let out = cmd.output().unwrap();
    out.stdout.contains(&0x1b)
}

#[test]
fn colour_follows_the_flag_then_no_color_then_the_terminal() {
    // Piped (as here), auto means no colour.
    assert!(!has_escapes(claimscan().args(["check", "flagged.txt"])));
    assert!(!has_escapes(claimscan().args([
        "check",
        "--color",
        "never",
        "flagged.txt"
    ])));
    // The flag wins over NO_COLOR.
    assert!(has_escapes(claimscan().env("NO_COLOR", "1").args([
        "check",
        "--color",
        "always",
        "flagged.txt"
    ])));
    assert!(has_escapes(
        claimscan()
            .env("CLICOLOR_FORCE", "1")
            .args(["check", "flagged.txt"])
    ));
    assert!(!has_escapes(
        claimscan()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .args(["check", "flagged.txt"])
    ));
    assert!(has_escapes(claimscan().args([
        "check",
        "--format",
        "concise",
        "--color",
        "always",
        "flagged.txt"
    ])));
}

#[test]
fn html_needs_an_output_dir() {
    let out = claimscan()
        .args(["check", "--format", "html", "flagged.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output-dir"));
}

#[test]
fn html_output_dir_has_a_page_per_article_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = claimscan()
        .args(["check", "--format", "html", "--output-dir"])
        .arg(dir.path())
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 6, "{names:?}");
    assert_eq!(names[5], "index.html");
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    for n in &names[..5] {
        assert!(n.ends_with(".txt.html"), "{n}");
        assert!(index.contains(&format!("href=\"{n}\"")), "{n} not linked");
        let page = std::fs::read_to_string(dir.path().join(n)).unwrap();
        assert!(page.contains("<mark class=\"flag\""), "{n}");
        // Self-contained: nothing to fetch (article text is escaped, so
        // these can only come from the page's own markup and CSS).
        for needle in [" src=", "<link", "url(", "@import"] {
            assert!(!page.contains(needle), "{n} has {needle}");
        }
    }
}

/// Writes one lexicon entry file into `dir`.
fn write_entry(dir: &std::path::Path, file: &str, id: &str, name: &str, literal: &str) {
    std::fs::write(
        dir.join(file),
        format!(
            "id = \"{id}\"\nname = \"{name}\"\nlabel = \"hedged\"\nsummary = \"House hedge.\"\n\
             literals = [\"{literal}\"]\ndoc = \"\"\"\n## What it flags\nA house hedge.\n\"\"\"\n\
             flags = [\"It {literal} help.\"]\nallows = [\"It helps.\"]\n"
        ),
    )
    .unwrap();
}

/// The hedged labels `check --format json` gives each unit of `text`.
fn hedged_units(lexicons: &[&std::path::Path], text: &str) -> Vec<bool> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, text).unwrap();
    let mut cmd = claimscan();
    cmd.args(["check", "--format", "json"]);
    for l in lexicons {
        cmd.arg("--lexicon").arg(l);
    }
    let out = cmd.arg(&file).output().unwrap();
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    reports[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["labels"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l == "hedged")
        })
        .collect()
}

#[test]
fn house_lexicon_overrides_a_builtin_entry_by_id_and_adds_new_ones() {
    let text = "It may help.\n\nIt perchance helps.\n\nIt mayhap helps.\n";
    assert_eq!(hedged_units(&[], text), [true, false, false]);
    let house = tempfile::tempdir().unwrap();
    // Same id as the built-in possibility modal: replaces it.
    write_entry(
        house.path(),
        "modal.toml",
        "H101",
        "possibility-modal",
        "perchance",
    );
    assert_eq!(hedged_units(&[house.path()], text), [false, true, false]);
    // A second folder adds a new id; later folders extend earlier ones.
    let more = tempfile::tempdir().unwrap();
    write_entry(more.path(), "mayhap.toml", "H190", "mayhap", "mayhap");
    assert_eq!(
        hedged_units(&[house.path(), more.path()], text),
        [false, true, true]
    );
}
