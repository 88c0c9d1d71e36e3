//! The terminal view: one block per flagged unit, then counts.

use std::io::{self, Write};

use super::{FileReport, FileSummary, Reporter, Summary};

/// Prints `path:line:column`, the labels, the unit, and for each finding its
/// rule id, name, trigger words and reason.
pub struct TerminalReporter;

impl Reporter for TerminalReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for s in report.sentences.iter().filter(|s| !s.labels.is_empty()) {
            let labels: Vec<&str> = s.labels.iter().map(|l| l.as_str()).collect();
            writeln!(
                out,
                "{}:{}:{}: {}",
                report.path,
                s.line,
                s.column,
                labels.join(", ")
            )?;
            writeln!(out, "  | {}", one_line(&s.text))?;
            for f in &s.findings {
                writeln!(
                    out,
                    "  = {} {} [{}] \"{}\": {}",
                    f.rule,
                    f.name,
                    f.label,
                    one_line(&f.matched),
                    f.message
                )?;
            }
            writeln!(out)?;
        }
        for n in &report.notices {
            writeln!(
                out,
                "{}:{}:{}: {} {} [{}]: {}",
                report.path, n.line, n.column, n.rule, n.name, n.severity, n.message
            )?;
            writeln!(out, "  | {}\n", one_line(&n.text))?;
        }
        if report.summary.flagged > 0 {
            writeln!(out, "{}: {}\n", report.path, counts(&report.summary))?;
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
        let errors = if summary.errors > 0 {
            format!("; {}", count(summary.errors, "error"))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}, {}{errors}",
            count(summary.files, "file"),
            counts(&summary.totals)
        )
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn counts(c: &FileSummary) -> String {
    format!(
        "{}, {} flagged: {} absolute ({} unsourced), {} vague, {} hedged, {} cited",
        count(c.units, "unit"),
        c.flagged,
        c.absolute,
        c.unsourced_absolute,
        c.vague,
        c.hedged,
        c.cited
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
