//! The terminal view: one block per flagged unit, then counts.

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};

/// Prints `path:line:column`, the labels, the unit, and for each finding its
/// rule id, name, trigger words and reason.
#[derive(Default)]
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
            writeln!(out, "  | {}", s.text.replace(['\n', '\r'], " "))?;
            for f in &s.findings {
                writeln!(
                    out,
                    "  = {} {} [{}] \"{}\": {}",
                    f.rule,
                    f.name,
                    f.label,
                    f.matched.replace(['\n', '\r'], " "),
                    f.message
                )?;
            }
            writeln!(out)?;
        }
        let c = &report.summary;
        if c.flagged > 0 {
            writeln!(
                out,
                "{}: {} units, {} flagged: {} absolute ({} unsourced), {} vague, {} hedged, {} cited",
                report.path, c.units, c.flagged, c.absolute, c.unsourced_absolute, c.vague, c.hedged, c.cited
            )?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let t = &summary.totals;
        writeln!(
            out,
            "{} files, {} units, {} flagged: {} absolute ({} unsourced), {} vague, {} hedged, {} cited{}",
            summary.files,
            t.units,
            t.flagged,
            t.absolute,
            t.unsourced_absolute,
            t.vague,
            t.hedged,
            t.cited,
            if summary.errors > 0 { format!("; {} errors", summary.errors) } else { String::new() }
        )
    }
}
