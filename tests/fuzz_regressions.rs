//! Every input a fuzz target crashed on (`tests/fixtures/fuzz/<target>/`),
//! checked with the invariants the target checks, so a fixed bug stays
//! fixed. See `tests/fixtures/fuzz/README.md` for what each one found.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use claimscan::pipeline::ingest::InputFormat;
use claimscan::{invariants, Settings};

#[test]
fn every_fuzz_finding_keeps_the_invariants() {
    let settings = Settings::new(&[]).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut checked = 0;
    for target in std::fs::read_dir(&root).unwrap() {
        let dir = target.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let text = || String::from_utf8_lossy(&bytes).into_owned();
            let result = match name.as_str() {
                "text" => invariants::check_bytes(&bytes, InputFormat::Text, &settings),
                "markdown" => invariants::check_bytes(&bytes, InputFormat::Markdown, &settings),
                "html" => invariants::check_bytes(&bytes, InputFormat::Html, &settings),
                "lexicon" => invariants::check_lexicon(&text()),
                "config" => invariants::check_config(&text(), &settings),
                "stream" => invariants::check_stream(&bytes, &settings),
                other => panic!("unknown fuzz target folder {other}"),
            };
            if let Err(e) = result {
                panic!("{}: {e}", file.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 1);
}
