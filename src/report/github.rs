//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the runner turns into an annotation
//! on the pull request's diff.
//!
//! Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`): the
//! message escapes `%`, CR and LF; property values also escape `:` and `,`,
//! which delimit the command.

use std::io::{self, Write};

use super::{ci_path, FileReport, Reporter, Summary, CI_MIN_SEVERITY};
use crate::severity::Severity;

/// Streams one workflow command per finding at note or above.
pub struct GithubReporter;

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let file = escape_property(&ci_path(&report.path));
        for d in report.diagnostics(CI_MIN_SEVERITY) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note | Severity::Info => "notice",
            };
            // GitHub's end column is the last character's, not the one past it.
            let (end_line, end_column) = if d.end_column > 1 {
                (d.end_line, d.end_column - 1)
            } else {
                (d.end_line, d.end_column)
            };
            writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
                d.line,
                d.column,
                escape_property(&format!("{} {}", d.rule, d.name)),
                escape_data(&d.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_escape_differently() {
        assert_eq!(escape_data("50%: a, b\r\nc"), "50%25: a, b%0D%0Ac");
        assert_eq!(escape_property("50%: a, b\r\nc"), "50%25%3A a%2C b%0D%0Ac");
    }
}
