//! Report: the pipeline's output as a [`FileReport`], and the formats that
//! print it.
//!
//! Line and column numbers are computed here, and only here. A [`Reporter`]
//! sees `FileReport`s and a run [`Summary`]; it never sees the matcher.

pub mod articles;
pub mod concise;
pub mod csv;
pub mod explain;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod schema;
pub mod segments;
pub mod terminal;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::pipeline::ingest::Block;
use crate::pipeline::lexicon::Label;
use crate::pipeline::sources::SourceKind;
use crate::pipeline::Analysis;
use crate::severity::Severity;
use crate::Settings;

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
    /// The article's text and blocks, for the views that show it (terminal
    /// snippets, HTML pages). Not part of the JSON report.
    #[serde(skip)]
    pub article: ArticleText,
    /// Findings about the article's suppression comments (unused, unknown
    /// rule, malformed), in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeReport>,
    /// Findings silenced by suppression comments.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// Findings left out because the baseline file lists them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub baselined: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A finding about a suppression comment rather than a claim.
#[derive(Debug, Clone, Serialize, PartialEq, JsonSchema)]
pub struct NoticeReport {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    /// UTF-8 byte offsets into the file, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based line and character column of `start`.
    pub line: usize,
    pub column: usize,
    /// 1-based line and character column just past the end.
    #[serde(skip)]
    pub end_line: usize,
    #[serde(skip)]
    pub end_column: usize,
    /// The comment or line as written.
    pub text: String,
    pub message: String,
}

/// What an article looks like: its source (for `line:column` and snippets)
/// and its blocks (paragraphs and headings, as a reader sees them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleText {
    /// The whole file as decoded; report offsets index into it.
    pub source: String,
    /// The blocks in document order, each mapped back to `source`.
    pub blocks: Vec<Block>,
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
    /// For a `cited` finding: the source it binds to and where the article
    /// introduced it, so an editor can check the binding. Absent for other
    /// labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceReport>,
    /// 1-based line and character column of `start`, and of the character
    /// just past the end (for SARIF and annotations; not in the JSON).
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub column: usize,
    #[serde(skip)]
    pub end_line: usize,
    #[serde(skip)]
    pub end_column: usize,
}

impl FindingReport {
    /// This finding's fingerprint in the unit `unit_text`: what the
    /// baseline records and the CI formats use to follow a finding across
    /// edits that move it.
    pub fn fingerprint(&self, unit_text: &str) -> String {
        fingerprint(&self.rule, unit_text)
    }
}

/// A fingerprint of a rule and a unit's text: lower-cased, white space
/// collapsed, so reflowing or re-indenting a paragraph keeps it. 16 bytes
/// of SHA-256 in hex.
pub fn fingerprint(rule: &str, unit_text: &str) -> String {
    let normalised = unit_text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    h.update([0]);
    h.update(normalised.as_bytes());
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The source a `cited` finding binds to, as the article introduced it.
#[derive(Debug, Clone, Serialize, PartialEq, JsonSchema)]
pub struct SourceReport {
    /// The source as the article names it ("Science", "Dr. Ana Ruiz").
    pub name: String,
    /// journal, organisation, person, outlet, study, reference or text.
    pub kind: SourceKind,
    /// UTF-8 byte offsets into the file of the mention that introduced it,
    /// end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based line and character column of that mention.
    pub line: usize,
    pub column: usize,
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
///
/// A column is a count of characters from the line's start, and a line may
/// be a whole 20 MB file: counting from the line's start for every finding
/// would make a report quadratic in the line's length. The index keeps the
/// number of characters before every [`CHECKPOINT`]-th byte, so a column
/// costs at most one checkpoint's worth of counting (none on ASCII text).
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
    /// (byte, characters before it) at the character boundary at or before
    /// each multiple of [`CHECKPOINT`]; empty when the source is ASCII.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 1024;

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = source.as_bytes();
        crate::work::add(bytes.len());
        for (i, &b) in bytes.iter().enumerate() {
            // \n, \r\n and a lone \r each end a line.
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let mut checkpoints = Vec::new();
        if !source.is_ascii() {
            checkpoints.reserve(bytes.len() / CHECKPOINT + 1);
            let (mut at, mut chars) = (0, 0);
            let mut target = 0;
            while target <= bytes.len() {
                let mut b = target;
                while !source.is_char_boundary(b) {
                    b -= 1;
                }
                chars += source[at..b].chars().count();
                at = b;
                checkpoints.push((b, chars));
                target += CHECKPOINT;
            }
        }
        LineIndex {
            source,
            starts,
            checkpoints,
        }
    }

    /// Characters before `offset`, which lies on a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let k = (offset / CHECKPOINT).min(self.checkpoints.len() - 1);
        let (at, chars) = self.checkpoints[k];
        crate::work::add(offset - at);
        chars + self.source[at..offset].chars().count()
    }

    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = if self.source.get(start..offset).is_some() {
            self.chars_before(offset) - self.chars_before(start) + 1
        } else {
            1
        };
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
        crate::work::add(text.len() + verdict.findings.len());
        let findings: Vec<FindingReport> = verdict
            .findings
            .iter()
            .map(|f| {
                let (name, message) = rule_text(settings, &f.rule);
                let start = block.to_source(unit.text_start + f.start, false);
                let end = block.to_source(unit.text_start + f.end, true);
                let (line, column) = index.locate(start);
                let (end_line, end_column) = index.locate(end);
                let source = f
                    .source
                    .as_ref()
                    .and_then(|s| source_report(analysis, &index, s));
                FindingReport {
                    rule: f.rule.clone(),
                    name,
                    label: f.label,
                    severity: settings.severity_of(&f.rule, f.label, &labels),
                    start,
                    end,
                    matched: text.get(f.start..f.end).unwrap_or("").to_string(),
                    message,
                    source,
                    line,
                    column,
                    end_line,
                    end_column,
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
        article: ArticleText {
            source: doc.source.clone(),
            blocks: doc.blocks.clone(),
        },
        notices: Vec::new(),
        suppressed: 0,
        baselined: 0,
    }
}

/// A source reference in file coordinates.
fn source_report(
    analysis: &Analysis,
    index: &LineIndex<'_>,
    s: &crate::pipeline::sources::SourceRef,
) -> Option<SourceReport> {
    let unit = analysis.units.get(s.unit)?;
    let block = analysis.doc.blocks.get(unit.block)?;
    let start = block.to_source(unit.text_start + s.start, false);
    let end = block.to_source(unit.text_start + s.end, true);
    let (line, column) = index.locate(start);
    Some(SourceReport {
        name: s.name.clone(),
        kind: s.kind,
        start,
        end,
        line,
        column,
    })
}

impl FileReport {
    /// Recomputes each unit's labels and severity from its findings, and the
    /// counts, after findings were removed (suppressed or baselined).
    pub fn recount(&mut self) {
        let mut summary = FileSummary::default();
        for s in &mut self.sentences {
            let mut labels: Vec<Label> = s.findings.iter().map(|f| f.label).collect();
            labels.sort();
            labels.dedup();
            s.labels = labels;
            s.severity = s.findings.iter().map(|f| f.severity).max();
            summary.add_unit(&s.labels, s.severity);
        }
        self.summary = summary;
    }

    /// Every finding and notice at or above `min`, in source order: what
    /// the CI formats report.
    pub fn diagnostics(&self, min: Severity) -> Vec<Diagnostic<'_>> {
        let mut out: Vec<Diagnostic<'_>> = Vec::new();
        for s in &self.sentences {
            for f in s.findings.iter().filter(|f| f.severity >= min) {
                out.push(Diagnostic {
                    rule: &f.rule,
                    name: &f.name,
                    label: Some(f.label),
                    severity: f.severity,
                    start: f.start,
                    end: f.end,
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    message: format!("{} \"{}\": {}", f.label, one_line(&f.matched), f.message),
                    context: &s.text,
                });
            }
        }
        for n in self.notices.iter().filter(|n| n.severity >= min) {
            out.push(Diagnostic {
                rule: &n.rule,
                name: &n.name,
                label: None,
                severity: n.severity,
                start: n.start,
                end: n.end,
                line: n.line,
                column: n.column,
                end_line: n.end_line,
                end_column: n.end_column,
                message: n.message.clone(),
                context: &n.text,
            });
        }
        out.sort_by_key(|d| (d.start, d.end));
        out
    }

    /// The highest severity of any finding or notice.
    pub fn max_severity(&self) -> Option<Severity> {
        self.sentences
            .iter()
            .flat_map(|s| s.findings.iter().map(|f| f.severity))
            .chain(self.notices.iter().map(|n| n.severity))
            .max()
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finding or notice as the CI formats see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic<'a> {
    pub rule: &'a str,
    pub name: &'a str,
    /// The label a claim finding gives; `None` for a notice.
    pub label: Option<Label>,
    pub severity: Severity,
    /// UTF-8 byte offsets into the file, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based; the end is the position just past the last character.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    /// The unit's text (or the directive's), whose fingerprint identifies
    /// the finding across edits that move it.
    pub context: &'a str,
}

impl Diagnostic<'_> {
    /// The fingerprint of this finding or notice in its unit (see
    /// [`FindingReport::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.rule, self.context)
    }
}

fn rule_text(settings: &Settings, id: &str) -> (String, String) {
    if let Some(e) = settings.entry_by_id(id).or_else(|| settings.entry(id)) {
        (e.name.clone(), e.summary.clone())
    } else if let Some(r) = crate::pipeline::classify::rules::find(id) {
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
    /// One line per finding, `path:line:column: severity label rule: message`,
    /// for grep and editors' quickfix lists.
    Concise,
    /// One self-contained HTML page per article and an index.html (needs
    /// --output-dir).
    Html,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML: one test suite per article, one failed test per finding.
    Junit,
    /// CSV (RFC 4180): one row per unit, with a header row.
    Csv,
}

/// A rule's documentation, for formats that describe the rules they use
/// (SARIF's `tool.driver.rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    pub id: String,
    pub name: String,
    /// `None` for suppression rules.
    pub label: Option<Label>,
    pub summary: String,
    /// Markdown.
    pub doc: String,
    /// The severity a finding has when nothing raises or lowers it.
    pub default_severity: Severity,
}

/// What a reporter may need beyond the reports: the rules' docs and the
/// lowest severity CI formats report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// For `json`: one file per article in this folder.
    pub output_dir: Option<PathBuf>,
    /// Every rule, in id order.
    pub rules: Vec<RuleDoc>,
    /// The lowest severity that fails the run (`None`: never); JUnit marks
    /// only these findings as failed tests.
    pub fail_on: Option<Severity>,
    /// Whether the terminal formats may style their output.
    pub color: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            output_dir: None,
            rules: Vec::new(),
            fail_on: Some(Severity::Warning),
            color: false,
        }
    }
}

/// A report path as CI systems want it: relative to the working folder
/// when it lies under it, with `/` separators and no leading `./`.
pub fn ci_path(path: &str) -> String {
    let p = Path::new(path);
    let rel = if p.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| p.to_path_buf())
    } else {
        p.to_path_buf()
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

/// The lowest severity the CI formats (sarif, github, gitlab, junit)
/// report: `info` findings (hedged and cited units) are shown in the
/// terminal and JSON views only.
pub const CI_MIN_SEVERITY: Severity = Severity::Note;

impl Format {
    /// The reporter for this format.
    pub fn reporter(self, output_dir: Option<PathBuf>) -> Box<dyn Reporter> {
        self.reporter_with(ReportOptions {
            output_dir,
            ..ReportOptions::default()
        })
    }

    /// The reporter for this format, with the rules' docs.
    pub fn reporter_with(self, options: ReportOptions) -> Box<dyn Reporter> {
        match self {
            Format::Terminal => Box::new(terminal::TerminalReporter::new(options.color)),
            Format::Json => Box::new(json::JsonReporter::new(options.output_dir)),
            Format::Concise => Box::new(concise::ConciseReporter::new(options.color)),
            Format::Html => Box::new(html::HtmlReporter::new(
                options.output_dir.unwrap_or_else(|| PathBuf::from(".")),
            )),
            Format::Sarif => Box::new(sarif::SarifReporter::new(options.rules)),
            Format::Github => Box::new(github::GithubReporter),
            Format::Gitlab => Box::new(gitlab::GitlabReporter::default()),
            Format::Junit => Box::new(junit::JunitReporter::new(options.fail_on)),
            Format::Csv => Box::new(csv::CsvReporter::default()),
        }
    }
}

/// Writes a file atomically: a temporary file in the same folder, then a
/// rename, so a reader never sees half a report. No fsync: the rename is
/// what makes it atomic for readers, and a sync per article made a corpus
/// run spend more time waiting on the disk than analysing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], with the bytes written by `fill` into a buffered
/// writer: a large report is streamed to its temporary file instead of
/// being held whole in memory first.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // After Ctrl-C no new report is started (see `interrupt`).
    let tmp = crate::batch::interrupt::temp_file_in(dir)?;
    let tmp_path = tmp.path().to_path_buf();
    let written = write_and_persist(tmp, path, fill);
    // Renamed, or removed when `tmp` was dropped on an error.
    crate::batch::interrupt::untrack(&tmp_path);
    written
}

fn write_and_persist(
    tmp: tempfile::NamedTempFile,
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, tmp);
    fill(&mut out)?;
    let tmp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_layout_not_words() {
        let a = fingerprint("A104", "Acupuncture cures\n  back pain.");
        assert_eq!(a, fingerprint("A104", "acupuncture cures back pain."));
        assert_ne!(a, fingerprint("A104", "Acupuncture cures neck pain."));
        assert_ne!(a, fingerprint("A101", "Acupuncture cures back pain."));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn line_index_handles_all_line_endings() {
        let idx = LineIndex::new("ab\ncd\r\nef\rgh");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(4), (2, 2));
        assert_eq!(idx.locate(7), (3, 1));
        assert_eq!(idx.locate(10), (4, 1));
    }

    #[test]
    fn columns_count_characters_across_checkpoints() {
        // Long lines of mixed widths, so offsets fall on every side of a
        // checkpoint and inside multi-byte characters.
        let source = "aé€😀\n".repeat(700) + &"xé".repeat(3000) + "\nend";
        let idx = LineIndex::new(&source);
        let naive = |offset: usize| {
            let before = &source[..offset];
            let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            before[start..].chars().count() + 1
        };
        for offset in (0..=source.len()).filter(|&o| source.is_char_boundary(o)) {
            assert_eq!(idx.locate(offset).1, naive(offset), "offset {offset}");
        }
        // Not a character boundary: column 1, as before.
        assert_eq!(idx.locate(2).1, 1);
    }
}
