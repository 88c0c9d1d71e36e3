//! CSV: one row per unit, for pandas, R and databases.
//!
//! RFC 4180 quoting by the `csv` crate: a field with a comma, quote or line
//! break is quoted, quotes doubled. Streaming: rows are written as each
//! article arrives.

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};

/// The header row.
pub const HEADER: [&str; 9] = [
    "path", "start", "end", "line", "column", "labels", "rules", "severity", "text",
];

/// Writes a header, then every unit of every article (flagged or not):
/// labels and rule ids joined with `;`, severity empty when unflagged.
#[derive(Debug, Default)]
pub struct CsvReporter {
    header_written: bool,
}

impl CsvReporter {
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            self.header_written = true;
            let mut w = csv::Writer::from_writer(out);
            w.write_record(HEADER).map_err(io_error)?;
            w.flush()?;
        }
        Ok(())
    }
}

/// The I/O error inside a CSV error, kind kept (a broken pipe must stay
/// one, so the run can end quietly when its reader goes away).
pub(crate) fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl Reporter for CsvReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.header(out)?;
        let mut w = csv::Writer::from_writer(out);
        for s in &report.sentences {
            let labels: Vec<&str> = s.labels.iter().map(|l| l.as_str()).collect();
            let mut rules: Vec<&str> = Vec::with_capacity(s.findings.len());
            for f in &s.findings {
                if !rules.contains(&f.rule.as_str()) {
                    rules.push(&f.rule);
                }
            }
            w.write_record([
                report.path.as_str(),
                &s.start.to_string(),
                &s.end.to_string(),
                &s.line.to_string(),
                &s.column.to_string(),
                &labels.join(";"),
                &rules.join(";"),
                s.severity.map_or("", |v| v.as_str()),
                &s.text,
            ])
            .map_err(io_error)?;
        }
        w.flush()
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        // An empty run still gets its header, so readers see the columns.
        self.header(out)
    }
}
