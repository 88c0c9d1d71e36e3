//! Each sample article's JSON report, snapshotted: any change to units,
//! labels or findings on the corpus shows up in review.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use claimscan::pipeline::analyze_file;
use claimscan::{report, Settings};

#[test]
fn sample_articles_json_reports() {
    let settings = Settings::new(&[]).unwrap();
    insta::glob!("../corpus", "*.txt", |path| {
        let analysis = analyze_file(path, &settings).unwrap();
        let name = std::path::Path::new(path.file_name().unwrap());
        let mut report = report::file_report(&analysis, name, &settings);
        // The absolute path differs between machines; the file name does not.
        report.path = name.display().to_string();
        insta::assert_json_snapshot!(report);
    });
}
