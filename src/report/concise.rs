//! The concise view: one line per finding,
//! `path:line:column: severity label rule: message ("trigger words")`,
//! for grep and editors' quickfix lists (Vim's and Emacs's default
//! `file:line:col: message` patterns read it as is).

use std::io::{self, Write};

use anstyle::Style;

use super::terminal::{display, run_summary, Palette};
use super::{FileReport, LineIndex, Reporter, Summary};

/// Writes a line per finding as it goes, and the run's counts at the end.
pub struct ConciseReporter {
    palette: Palette,
}

impl ConciseReporter {
    /// A reporter that styles its output when `color` is true.
    pub fn new(color: bool) -> Self {
        ConciseReporter {
            palette: Palette { color },
        }
    }
}

impl Reporter for ConciseReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let p = self.palette;
        let index = LineIndex::new(&report.article.source);
        for s in &report.sentences {
            for f in &s.findings {
                // The finding's own position; without the source (a report
                // built elsewhere), the unit's.
                let (line, column) = if report.article.source.get(f.start..f.end).is_some() {
                    index.locate(f.start)
                } else {
                    (s.line, s.column)
                };
                writeln!(
                    out,
                    "{}: {} {} {}: {} (\"{}\")",
                    p.paint(
                        Style::new().bold(),
                        &format!("{}:{line}:{column}", report.path)
                    ),
                    p.paint(p.severity(f.severity), f.severity.as_str()),
                    p.paint(p.label(f.label), f.label.as_str()),
                    f.rule,
                    f.message,
                    display(&f.matched).0
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", run_summary(summary, self.palette))
    }
}
