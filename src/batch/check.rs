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
    let doc = ingest::read_file(path)?;
    let format = InputFormat::from_path(path).unwrap_or(InputFormat::Text);
    Ok(check_document(doc, format, relative, settings, baseline))
}

/// Analyses a document in memory (its blocks read as `format`, which picks
/// the suppression syntax) and applies its suppression comments and, if
/// given, the baseline: what [`check_file`] does after reading the file.
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
