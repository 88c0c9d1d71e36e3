//! GitLab Code Quality: a JSON array of issues (a subset of the Code
//! Climate spec) that a merge request's Code Quality widget shows.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{ci_path, FileReport, Reporter, Summary, CI_MIN_SEVERITY};
use crate::severity::Severity;

/// Buffers the issues and writes the array at the end.
#[derive(Default)]
pub struct GitlabReporter {
    issues: Vec<Issue>,
}

#[derive(Serialize)]
struct Issue {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: String,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    /// Unique per issue and stable across runs: path, rule, the unit's
    /// normalised text, and the occurrence of that triple.
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Note => "minor",
        Severity::Warning => "major",
        Severity::Error => "critical",
    }
}

impl Reporter for GitlabReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let path = ci_path(&report.path);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for d in report.diagnostics(CI_MIN_SEVERITY) {
            let unit = d.fingerprint();
            let n = seen.entry(unit.clone()).or_insert(0);
            *n += 1;
            let fingerprint = super::fingerprint(&format!("{path}\0{}\0{n}", d.rule), &unit);
            self.issues.push(Issue {
                kind: "issue",
                check_name: format!("claimscan/{}", d.rule),
                description: format!("{} {}: {}", d.rule, d.name, d.message),
                categories: ["Style"],
                severity: severity(d.severity),
                fingerprint,
                location: Location {
                    path: path.clone(),
                    positions: Positions {
                        begin: Position {
                            line: d.line,
                            column: d.column,
                        },
                        end: Position {
                            line: d.end_line,
                            column: d.end_column,
                        },
                    },
                },
            });
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.issues).map_err(io::Error::other)?;
        writeln!(out)
    }
}
