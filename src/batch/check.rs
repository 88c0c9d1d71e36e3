//! The `check` pipeline for one file: analyse → report → inline
//! suppressions → baseline, and the exit status a run's reports give.
//! [`check_file`] reads the file; [`check_document`] takes a document
//! already in memory (the language server's open buffers), so both run
//! the same steps.

use std::path::Path;

use crate::ci::baseline::Baseline;
use crate::error::IngestError;
use crate::pipeline::ingest::{self, Document, InputFormat};
use crate::report::{self, FileReport};
use crate::severity::Severity;
use crate::Settings;

/// Analyses one file and applies its suppression comments and, if given,
/// the baseline.
pub fn check_file(
    path: &Path,
    relative: &Path,
    settings: &Settings,
    baseline: Option<&Baseline>,
) -> Result<FileReport, IngestError> {
    let format = InputFormat::from_path(path).unwrap_or(InputFormat::Text);
    let doc = ingest::read_file_as(path, Some(format))?;
    Ok(check_document(doc, format, relative, settings, baseline))
}

/// [`check_file`] for a document held in memory rather than in a file (the
/// Python package's `check_text`): `bytes` are decoded as a file's would be
/// (UTF-8, no NUL byte; errors name `name` and the byte offset) and read in
/// the given format. `name` stands for the path in the report and errors.
pub fn check_bytes(
    name: &Path,
    bytes: Vec<u8>,
    format: InputFormat,
    settings: &Settings,
    baseline: Option<&Baseline>,
) -> Result<FileReport, IngestError> {
    let doc = ingest::from_bytes(name, bytes, format)?;
    Ok(check_document(doc, format, name, settings, baseline))
}

/// Analyses a document in memory (its blocks read as `format`, which picks
/// the suppression syntax) and applies its suppression comments and, if
/// given, the baseline: what [`check_file`] does after reading the file
/// (the language server's path too).
pub fn check_document(
    doc: Document,
    format: InputFormat,
    relative: &Path,
    settings: &Settings,
    baseline: Option<&Baseline>,
) -> FileReport {
    let analysis = crate::pipeline::analyze(doc, settings);
    let mut rep = report::file_report(&analysis, relative, settings);
    let notices = crate::ci::suppress::apply(&analysis.doc.source, format, &mut rep, settings);
    crate::ci::suppress::attach_notices(&mut rep, &analysis.doc.source, &notices, settings);
    rep.recount();
    if let Some(b) = baseline {
        b.filter(&mut rep);
    }
    rep
}

/// Whether any finding or notice is at or above `fail_on` (`None`: never).
pub fn fails(reports: &[FileReport], fail_on: Option<Severity>) -> bool {
    let Some(threshold) = fail_on else {
        return false;
    };
    reports
        .iter()
        .any(|r| r.max_severity().is_some_and(|s| s >= threshold))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_checked_as_the_same_file_would_be() {
        let settings = Settings::new(&[]).unwrap();
        let text = "# Notes\n\n<!-- claimscan-disable-next-line -->\nIt cures all pain.\n\nResearch shows it always works.\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, text).unwrap();
        let from_file = check_file(&path, &path, &settings, None).unwrap();
        let from_bytes = check_bytes(
            &path,
            text.as_bytes().to_vec(),
            InputFormat::Markdown,
            &settings,
            None,
        )
        .unwrap();
        assert_eq!(from_file, from_bytes);
        // The Markdown comment is a suppression, not text.
        assert_eq!(from_bytes.suppressed, 1);
        assert!(from_bytes.summary.flagged >= 1);
    }

    #[test]
    fn bad_bytes_are_an_error_naming_the_offset() {
        let settings = Settings::new(&[]).unwrap();
        let err = check_bytes(
            Path::new("doc 3"),
            b"Fine.\n\xff".to_vec(),
            InputFormat::Text,
            &settings,
            None,
        )
        .unwrap_err();
        assert!(
            matches!(err, IngestError::NotUtf8 { offset: 6, .. }),
            "{err}"
        );
        assert!(err.to_string().starts_with("doc 3: "), "{err}");
    }
}
