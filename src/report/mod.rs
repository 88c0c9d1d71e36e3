//! Report: the pipeline's output as a [`FileReport`], and the formats that
//! print it.
//!
//! Line and column numbers are computed here, and only here. A [`Reporter`]
//! sees `FileReport`s and a run [`Summary`]; it never sees the matcher.

pub mod articles;
pub mod csv;
pub mod json;
pub mod schema;
pub mod terminal;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use crate::lexicon::Label;
use crate::severity::{self, Severity};
use crate::{Analysis, Settings};

/// The version of the JSON report's shape. Bumped only with a migration note
/// in the README.
pub const SCHEMA_VERSION: u32 = 1;

/// One article's report.
#[derive(Debug, Clone, Serialize, PartialEq, JsonSchema)]
pub struct FileReport {
    /// The version of this shape; changes only with a migration note in the README.
    pub schema_version: u32,
    /// The path as given on the command line (or found under a folder).
    pub path: String,
    /// The path relative to the folder given, used to name report files.
    #[serde(skip)]
    pub relative: PathBuf,
    /// Every unit, in document order, flagged or not.
    pub sentences: Vec<SentenceReport>,
    /// Counts over the units.
    pub summary: FileSummary,
}

/// One unit.
#[derive(Debug, Clone, Serialize, PartialEq, JsonSchema)]
pub struct SentenceReport {
    /// UTF-8 byte offsets into the file, end exclusive.
    pub start: usize,
    /// UTF-8 byte offset into the file where the unit ends (exclusive).
    pub end: usize,
    /// 1-based line; 1-based column in characters.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// The unit's text.
    pub text: String,
    /// Sorted label names.
    pub labels: Vec<Label>,
    /// The highest severity among the findings; `null` when unflagged.
    pub severity: Option<Severity>,
    /// The phrases that gave the labels.
    pub findings: Vec<FindingReport>,
}

/// One phrase that gave a label.
#[derive(Debug, Clone, Serialize, PartialEq, JsonSchema)]
pub struct FindingReport {
    /// The rule's stable id (`A103`).
    pub rule: String,
    /// The rule's name (`safety-absolute`).
    pub name: String,
    /// The label the rule gives.
    pub label: Label,
    /// How much the finding matters.
    pub severity: Severity,
    /// UTF-8 byte offsets into the file, end exclusive.
    pub start: usize,
    /// UTF-8 byte offset where the trigger words end (exclusive).
    pub end: usize,
    /// The trigger words.
    #[serde(rename = "match")]
    pub matched: String,
    /// The rule's one-line summary: why this was flagged.
    pub message: String,
}

/// Counts for one article.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, JsonSchema)]
pub struct FileSummary {
    /// Units (sentences, headings, list items).
    pub units: usize,
    /// Units with at least one label.
    pub flagged: usize,
    /// Units labelled absolute.
    pub absolute: usize,
    /// Units labelled cited.
    pub cited: usize,
    /// Units labelled hedged.
    pub hedged: usize,
    /// Units labelled vague.
    pub vague: usize,
    /// Units labelled absolute and not cited: the finding that matters most.
    pub unsourced_absolute: usize,
    /// Units whose severity is a problem (warning or error).
    pub problems: usize,
}

impl FileSummary {
    fn add_unit(&mut self, labels: &[Label], severity: Option<Severity>) {
        self.units += 1;
        if severity.is_some_and(Severity::is_problem) {
            self.problems += 1;
        }
        if !labels.is_empty() {
            self.flagged += 1;
        }
        for l in labels {
            match l {
                Label::Absolute => self.absolute += 1,
                Label::Cited => self.cited += 1,
                Label::Hedged => self.hedged += 1,
                Label::Vague => self.vague += 1,
            }
        }
        if labels.contains(&Label::Absolute) && !labels.contains(&Label::Cited) {
            self.unsourced_absolute += 1;
        }
    }

    fn add(&mut self, o: &FileSummary) {
        self.units += o.units;
        self.flagged += o.flagged;
        self.absolute += o.absolute;
        self.cited += o.cited;
        self.hedged += o.hedged;
        self.vague += o.vague;
        self.unsourced_absolute += o.unsourced_absolute;
        self.problems += o.problems;
    }
}

/// Counts for a whole run.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    #[serde(flatten)]
    pub totals: FileSummary,
}

impl Summary {
    /// Adds one article's counts.
    pub fn add(&mut self, r: &FileReport) {
        self.files += 1;
        self.totals.add(&r.summary);
    }
}

/// Maps byte offsets to 1-based line and character column.
struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = source.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // \n, \r\n and a lone \r each end a line.
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { source, starts }
    }

    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .source
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Builds the report of an analysed document.
pub fn file_report(analysis: &Analysis, relative: &Path, settings: &Settings) -> FileReport {
    let doc = &analysis.doc;
    let index = LineIndex::new(&doc.source);
    let mut summary = FileSummary::default();
    let mut sentences = Vec::with_capacity(analysis.units.len());
    for (unit, verdict) in analysis.units.iter().zip(&analysis.verdicts) {
        let (line, column) = index.locate(unit.start);
        let labels: Vec<Label> = verdict.labels.iter().copied().collect();
        let block = &doc.blocks[unit.block];
        let text = unit.text(doc);
        let findings: Vec<FindingReport> = verdict
            .findings
            .iter()
            .map(|f| {
                let (name, message) = rule_text(settings, &f.rule);
                FindingReport {
                    rule: f.rule.clone(),
                    name,
                    label: f.label,
                    severity: severity::default_for(f.label, &labels),
                    start: block.to_source(unit.text_start + f.start, false),
                    end: block.to_source(unit.text_start + f.end, true),
                    matched: text.get(f.start..f.end).unwrap_or("").to_string(),
                    message,
                }
            })
            .collect();
        let severity = findings.iter().map(|f| f.severity).max();
        summary.add_unit(&labels, severity);
        sentences.push(SentenceReport {
            start: unit.start,
            end: unit.end,
            line,
            column,
            text: text.to_string(),
            labels,
            severity,
            findings,
        });
    }
    FileReport {
        schema_version: SCHEMA_VERSION,
        path: doc.path.display().to_string(),
        relative: relative.to_path_buf(),
        sentences,
        summary,
    }
}

fn rule_text(settings: &Settings, id: &str) -> (String, String) {
    if let Some(e) = settings.entry(id) {
        (e.name.clone(), e.summary.clone())
    } else if let Some(r) = crate::classify::rules::find(id) {
        (r.name.to_string(), r.summary.to_string())
    } else {
        (id.to_string(), String::new())
    }
}

/// A report format: streaming formats write in `file`, whole-run formats
/// buffer and write in `finish`.
pub trait Reporter {
    /// Called once per article, in input order.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;
    /// Called once at the end of the run.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Flagged units with their rules and trigger words, for people.
    Terminal,
    /// JSON: one report per article (an array on stdout, or one file per
    /// article with --output-dir).
    Json,
    /// CSV (RFC 4180): one row per unit, with a header row.
    Csv,
}

impl Format {
    /// The reporter for this format.
    pub fn reporter(self, output_dir: Option<PathBuf>) -> Box<dyn Reporter> {
        match self {
            Format::Terminal => Box::new(terminal::TerminalReporter),
            Format::Json => Box::new(json::JsonReporter::new(output_dir)),
            Format::Csv => Box::new(csv::CsvReporter::default()),
        }
    }
}

/// Writes a file atomically: a temporary file in the same folder, then a
/// rename, so a reader never sees half a report. No fsync: the rename is
/// what makes it atomic for readers, and a sync per article made a corpus
/// run spend more time waiting on the disk than analysing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".claimscan-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_all_line_endings() {
        let idx = LineIndex::new("ab\ncd\r\nef\rgh");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(4), (2, 2));
        assert_eq!(idx.locate(7), (3, 1));
        assert_eq!(idx.locate(10), (4, 1));
    }
}
