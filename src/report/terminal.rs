//! The terminal view: each flagged unit as a diagnostic in the manner of
//! rustc and ruff (`path:line:column`, the article's line(s) with the
//! trigger words underlined and coloured by label, each rule with its
//! reason), then counts per article and for the run.
//!
//! Colour is decided by the caller (`--color`, `NO_COLOR`, whether stdout
//! is a terminal); without it the output is plain text, which is what the
//! snapshot tests read.

use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};
use unicode_width::UnicodeWidthChar;

use super::{FileReport, FileSummary, LineIndex, Reporter, SentenceReport, Summary};
use crate::pipeline::lexicon::Label;
use crate::severity::Severity;

/// Prints every flagged unit as a diagnostic, a summary line per article
/// with flags, and one for the run.
pub struct TerminalReporter {
    palette: Palette,
}

impl TerminalReporter {
    /// A reporter that styles its output when `color` is true.
    pub fn new(color: bool) -> Self {
        TerminalReporter {
            palette: Palette { color },
        }
    }
}

impl Reporter for TerminalReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let index = LineIndex::new(&report.article.source);
        let p = self.palette;
        for s in report.sentences.iter().filter(|s| !s.labels.is_empty()) {
            let mut text = String::new();
            write_unit(&mut text, report, s, &index, p);
            out.write_all(text.as_bytes())?;
        }
        for n in &report.notices {
            // Same shape as a finding's header: where, severity[rule], why.
            writeln!(
                out,
                "{}: {}: {}",
                p.paint(
                    Style::new().bold(),
                    &format!("{}:{}:{}", report.path, n.line, n.column)
                ),
                p.paint(
                    p.severity(n.severity),
                    &format!("{}[{}]", n.severity, n.rule)
                ),
                n.message
            )?;
            let (text, _) = display(&n.text.split_whitespace().collect::<Vec<_>>().join(" "));
            writeln!(out, "  {} {text}", p.paint(p.gutter(), "|"))?;
            writeln!(
                out,
                "  {} {} {}\n",
                p.paint(p.gutter(), "="),
                n.rule,
                n.name
            )?;
        }
        if report.summary.flagged > 0 {
            writeln!(
                out,
                "{}: {}\n",
                p.paint(Style::new().bold(), &report.path),
                counts(&report.summary, p)
            )?;
        }
        if report.suppressed + report.baselined > 0 {
            writeln!(
                out,
                "{}: {} suppressed by comments, {} in the baseline\n",
                report.path, report.suppressed, report.baselined
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", run_summary(summary, self.palette))
    }
}

/// Styles text, or leaves it plain when colour is off.
#[derive(Debug, Clone, Copy)]
pub(super) struct Palette {
    pub(super) color: bool,
}

impl Palette {
    pub(super) fn paint(self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub(super) fn label(self, label: Label) -> Style {
        label_color(label).on_default()
    }

    pub(super) fn severity(self, severity: Severity) -> Style {
        let color = match severity {
            Severity::Error => AnsiColor::BrightRed,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Note => AnsiColor::Green,
            Severity::Info => AnsiColor::Cyan,
        };
        color.on_default().effects(Effects::BOLD)
    }

    fn gutter(self) -> Style {
        AnsiColor::BrightBlue.on_default().effects(Effects::BOLD)
    }
}

/// One colour per label, the same hues as the HTML report where a terminal
/// has them. The underline character (`^` for a problem, `-` otherwise)
/// and the label's name carry the meaning without colour.
fn label_color(label: Label) -> AnsiColor {
    match label {
        Label::Absolute => AnsiColor::Red,
        Label::Vague => AnsiColor::Magenta,
        Label::Hedged => AnsiColor::Blue,
        Label::Cited => AnsiColor::Green,
    }
}

/// The diagnostic's headline: what the labels mean for an editor.
pub(super) fn headline(labels: &[Label]) -> String {
    let has = |l| labels.contains(&l);
    let mut parts = Vec::new();
    if has(Label::Absolute) {
        parts.push(if has(Label::Cited) {
            "absolute claim with a citation"
        } else {
            "unsourced absolute claim"
        });
    }
    if has(Label::Vague) {
        parts.push("vague attribution");
    }
    if has(Label::Hedged) {
        parts.push("hedged claim");
    }
    if has(Label::Cited) && !has(Label::Absolute) {
        parts.push("cited claim");
    }
    parts.join("; ")
}

fn write_unit(
    out: &mut String,
    report: &FileReport,
    s: &SentenceReport,
    index: &LineIndex,
    p: Palette,
) {
    let severity = s.severity.unwrap_or(Severity::Info);
    let labels: Vec<&str> = s.labels.iter().map(|l| l.as_str()).collect();
    let _ = writeln!(
        out,
        "{}: {}: {}",
        p.paint(
            Style::new().bold(),
            &format!("{}:{}:{}", report.path, s.line, s.column)
        ),
        p.paint(
            p.severity(severity),
            &format!("{severity}[{}]", labels.join(", "))
        ),
        p.paint(Style::new().bold(), &headline(&s.labels)),
    );
    let rows = snippet_rows(report, s, index);
    let width = rows
        .iter()
        .map(|r| r.line.to_string().len())
        .max()
        .unwrap_or(1);
    let bar = p.paint(p.gutter(), "|");
    let pad = " ".repeat(width);
    let _ = writeln!(out, "{pad} {bar}");
    for row in &rows {
        let number = p.paint(p.gutter(), &format!("{:>width$}", row.line));
        let _ = writeln!(out, "{number} {bar} {}", row.text.trim_end());
        for mark in &row.marks {
            let f = &s.findings[mark.finding];
            let ch = if f.severity.is_problem() { "^" } else { "-" };
            let underline = format!(
                "{}{} {} {}",
                " ".repeat(mark.column),
                ch.repeat(mark.width.max(1)),
                f.rule,
                f.label
            );
            let _ = writeln!(out, "{pad} {bar} {}", p.paint(p.label(f.label), &underline));
        }
    }
    let _ = writeln!(out, "{pad} {bar}");
    let mut notes: Vec<_> = s.findings.iter().collect();
    notes.sort_by_key(|f| (f.start, f.end));
    // A rule that fired twice in the unit gives its reason once.
    let mut seen = Vec::new();
    notes.retain(|f| {
        let first = !seen.contains(&f.rule.as_str());
        seen.push(f.rule.as_str());
        first
    });
    for f in notes {
        let _ = writeln!(
            out,
            "{pad} {} {} {} ({}, {}): {}",
            p.paint(p.gutter(), "="),
            p.paint(p.label(f.label).effects(Effects::BOLD), &f.rule),
            f.name,
            p.paint(p.label(f.label), f.label.as_str()),
            p.paint(p.severity(f.severity), f.severity.as_str()),
            f.message
        );
    }
    // Where each cited finding's source was introduced, so an editor can
    // check the binding ("source: Science, line 3").
    let mut sources: Vec<(&str, &str, usize)> = s
        .findings
        .iter()
        .filter_map(|f| f.source.as_ref())
        .map(|src| (src.name.as_str(), src.kind.as_str(), src.line))
        .collect();
    sources.sort_by_key(|&(_, _, line)| line);
    sources.dedup();
    for (name, kind, line) in sources {
        let (name, _) = display(name);
        let _ = writeln!(
            out,
            "{pad} {} source: {name} ({kind}), line {line}",
            p.paint(p.gutter(), "=")
        );
    }
    let _ = writeln!(out);
}

/// One source line of a unit as shown, with the underlines under it.
struct Row {
    line: usize,
    text: String,
    marks: Vec<Mark>,
}

/// An underline: display columns from the start of the shown text.
struct Mark {
    finding: usize,
    column: usize,
    width: usize,
}

/// The unit's part of each source line it spans. Text before or after the
/// unit on the same line is elided as `…`, so a long paragraph on one
/// line shows just the sentence.
fn snippet_rows(report: &FileReport, s: &SentenceReport, index: &LineIndex) -> Vec<Row> {
    let source = report.article.source.as_str();
    if source.get(s.start..s.end).is_none() || s.start >= s.end {
        // No source to show (a report built without it): the unit's text.
        return vec![Row {
            line: s.line,
            text: display(&s.text).0,
            marks: Vec::new(),
        }];
    }
    let first = index.locate(s.start).0;
    let last = index.locate(s.end - 1).0;
    let mut rows = Vec::new();
    for line in first..=last {
        let (line_start, line_end) = index.line_span(line);
        let from = s.start.max(line_start);
        let to = s.end.min(line_end);
        if from >= to {
            continue;
        }
        let before = source.get(line_start..from).unwrap_or("");
        let after = source.get(to..line_end).unwrap_or("");
        let prefix = if before.trim().is_empty() { "" } else { "… " };
        let suffix = if after.trim().is_empty() { "" } else { " …" };
        let shown = source.get(from..to).unwrap_or("");
        let (text, _) = display(shown);
        let mut marks = Vec::new();
        for (i, f) in s.findings.iter().enumerate() {
            let a = f.start.max(from);
            let b = f.end.min(to);
            if a >= b {
                continue;
            }
            let column = display(prefix).1 + display(source.get(from..a).unwrap_or("")).1;
            let width = display(source.get(a..b).unwrap_or("")).1;
            marks.push(Mark {
                finding: i,
                column,
                width,
            });
        }
        marks.sort_by_key(|m| (m.column, m.finding));
        rows.push(Row {
            line,
            text: format!("{prefix}{text}{suffix}"),
            marks,
        });
    }
    rows
}

/// Text made safe and measurable for a terminal: tabs become four spaces,
/// line breaks a space, and other control characters (an escape sequence
/// in an article must not reach the terminal) U+FFFD. Returns the text and
/// its width in columns.
pub(super) fn display(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut width = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                out.push_str("    ");
                width += 4;
            }
            '\n' | '\r' => {
                out.push(' ');
                width += 1;
            }
            c if c.is_control() => {
                out.push('\u{FFFD}');
                width += 1;
            }
            c => {
                out.push(c);
                width += c.width().unwrap_or(0);
            }
        }
    }
    (out, width)
}

impl LineIndex<'_> {
    /// Byte span of a 1-based line, without its line terminator.
    fn line_span(&self, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let mut end = self.starts.get(line).copied().unwrap_or(self.source.len());
        let bytes = self.source.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (start, end)
    }
}

/// "42 units, 17 flagged, 5 problems: 5 absolute (3 unsourced), ..."
pub(super) fn counts(c: &FileSummary, p: Palette) -> String {
    let label = |l: Label, n: usize| {
        let text = format!("{n} {l}");
        if n > 0 {
            p.paint(p.label(l), &text)
        } else {
            text
        }
    };
    format!(
        "{}, {} flagged, {}: {} ({} unsourced), {}, {}, {}",
        count(c.units, "unit"),
        c.flagged,
        count(c.problems, "problem"),
        label(Label::Absolute, c.absolute),
        c.unsourced_absolute,
        label(Label::Vague, c.vague),
        label(Label::Hedged, c.hedged),
        label(Label::Cited, c.cited),
    )
}

/// The run's closing line.
pub(super) fn run_summary(summary: &Summary, p: Palette) -> String {
    let errors = if summary.errors > 0 {
        format!(
            "; {}",
            p.paint(p.severity(Severity::Error), &count(summary.errors, "error"))
        )
    } else {
        String::new()
    };
    format!(
        "{} {}, {}{errors}",
        p.paint(Style::new().bold(), "checked"),
        count(summary.files, "file"),
        counts(&summary.totals, p)
    )
}

/// "1 file", "2 files".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_neutralises_control_characters_and_measures_width() {
        let (text, width) = display("a\tb\u{1b}[31m界");
        assert_eq!(text, "a    b\u{FFFD}[31m界");
        assert_eq!(width, 1 + 4 + 1 + 1 + 4 + 2);
    }

    #[test]
    fn line_span_drops_terminators() {
        let idx = LineIndex::new("ab\r\ncd\n\nef");
        assert_eq!(idx.line_span(1), (0, 2));
        assert_eq!(idx.line_span(2), (4, 6));
        assert_eq!(idx.line_span(3), (7, 7));
        assert_eq!(idx.line_span(4), (8, 10));
    }

    #[test]
    fn headline_names_the_overstatement_first() {
        assert_eq!(
            headline(&[Label::Absolute, Label::Vague]),
            "unsourced absolute claim; vague attribution"
        );
        assert_eq!(
            headline(&[Label::Absolute, Label::Cited]),
            "absolute claim with a citation"
        );
        assert_eq!(headline(&[Label::Hedged]), "hedged claim");
    }
}
