//! JUnit XML, for CI systems that show test reports: one test suite per
//! article, one test case per finding at note or above. Findings at or
//! above `fail-on` are failed tests; lower ones pass, with the message as
//! output. An article with none gets one passing case.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{ci_path, FileReport, Reporter, Summary, CI_MIN_SEVERITY};
use crate::severity::Severity;

/// Buffers the suites and writes the document at the end.
pub struct JunitReporter {
    fail_on: Option<Severity>,
    suites: String,
    tests: usize,
    failures: usize,
}

impl JunitReporter {
    /// A reporter failing the test cases at or above `fail_on`.
    pub fn new(fail_on: Option<Severity>) -> Self {
        JunitReporter {
            fail_on,
            suites: String::new(),
            tests: 0,
            failures: 0,
        }
    }
}

/// Escapes text for XML content and attributes, and drops the characters
/// XML 1.0 cannot carry at all (control characters other than tab and line
/// breaks).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Reporter for JunitReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let path = ci_path(&report.path);
        let p = escape(&path);
        let diags = report.diagnostics(CI_MIN_SEVERITY);
        let mut cases = String::new();
        let mut failures = 0;
        for d in &diags {
            let name = escape(&format!("{} {} at {}:{}", d.rule, d.name, d.line, d.column));
            let body = escape(&format!(
                "{path}:{}:{}: {} {}: {}\n  | {}",
                d.line,
                d.column,
                d.severity,
                d.rule,
                d.message,
                d.context.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
            let failed = self.fail_on.is_some_and(|t| d.severity >= t);
            if failed {
                failures += 1;
                let _ = write!(
                    cases,
                    "    <testcase name=\"{name}\" classname=\"{p}\" file=\"{p}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{body}</failure>\n    </testcase>\n",
                    d.line,
                    escape(&d.message),
                    d.severity
                );
            } else {
                let _ = write!(
                    cases,
                    "    <testcase name=\"{name}\" classname=\"{p}\" file=\"{p}\" line=\"{}\">\n      <system-out>{body}</system-out>\n    </testcase>\n",
                    d.line
                );
            }
        }
        let tests = diags.len().max(1);
        if diags.is_empty() {
            let _ = writeln!(
                cases,
                "    <testcase name=\"no findings\" classname=\"{p}\" file=\"{p}\"/>"
            );
        }
        let _ = write!(
            self.suites,
            "  <testsuite name=\"{p}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n"
        );
        self.tests += tests;
        self.failures += failures;
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"claimscan\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            self.tests, self.failures, summary.errors
        )?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")
    }
}
