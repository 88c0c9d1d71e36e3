//! Baseline: today's findings recorded in a file, so a check reports only
//! new ones and a site can adopt claimscan without first fixing its archive.
//!
//! A finding is recorded as its path, its rule, and its fingerprint
//! ([`crate::report::FindingReport::fingerprint`]: the rule and the unit's
//! normalised text, not its line), with a count for repeats. Moving a
//! sentence or a paragraph, or reflowing its lines, keeps the fingerprint;
//! editing the sentence's words makes it a new finding.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::FileReport;

/// The version of the baseline file's shape.
pub const VERSION: u32 = 1;

/// One recorded finding (or several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// How many findings share this path, rule and fingerprint.
    pub count: usize,
    /// The unit's text when recorded, for people reading the file.
    #[serde(default)]
    pub text: String,
}

/// The baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// Reading a baseline file failed.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}:{column}: not a claimscan baseline: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: baseline version {found} is not supported (this claimscan writes version {VERSION}); write it again with --write-baseline")]
    Version { path: String, found: u32 },
}

/// Builds a baseline one report at a time, so a run that records one never
/// holds every report.
#[derive(Debug, Default)]
pub struct Recorder {
    /// (path, rule, fingerprint) → (count, the unit's text).
    counts: BTreeMap<(String, String, String), (usize, String)>,
}

impl Recorder {
    /// Records every finding of a report.
    pub fn add(&mut self, report: &FileReport) {
        for s in &report.sentences {
            for f in &s.findings {
                let key = (report.path.clone(), f.rule.clone(), f.fingerprint(&s.text));
                let e = self.counts.entry(key).or_insert((0, s.text.clone()));
                e.0 += 1;
            }
        }
    }

    /// The baseline of everything recorded.
    pub fn finish(self) -> Baseline {
        Baseline {
            version: VERSION,
            findings: self
                .counts
                .into_iter()
                .map(|((path, rule, fingerprint), (count, text))| Entry {
                    path,
                    rule,
                    fingerprint,
                    count,
                    text,
                })
                .collect(),
        }
    }
}

impl Baseline {
    /// Records every finding of the reports (notices about suppression
    /// comments are not recorded: fix the comment instead).
    pub fn from_reports(reports: &[FileReport]) -> Baseline {
        let mut recorder = Recorder::default();
        for r in reports {
            recorder.add(r);
        }
        recorder.finish()
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Io {
            path: name.clone(),
            message: e.to_string(),
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
            path: name.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if b.version != VERSION {
            return Err(BaselineError::Version {
                path: name,
                found: b.version,
            });
        }
        Ok(b)
    }

    /// Writes the baseline atomically, as pretty JSON in a stable order.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::report::write_atomic(path, &bytes)
    }

    /// Removes from a report the findings the baseline lists (each entry
    /// absorbs up to `count` findings), counts them in `report.baselined`
    /// and recomputes the report's labels and counts.
    pub fn filter(&self, report: &mut FileReport) {
        let mut left: BTreeMap<(String, String), usize> = self
            .findings
            .iter()
            .filter(|e| e.path == report.path)
            .map(|e| ((e.rule.clone(), e.fingerprint.clone()), e.count))
            .collect();
        if left.is_empty() {
            return;
        }
        let mut removed = 0;
        for s in &mut report.sentences {
            let text = s.text.clone();
            s.findings.retain(|f| {
                let fp = f.fingerprint(&text);
                match left.get_mut(&(f.rule.clone(), fp)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        report.baselined += removed;
        report.recount();
    }
}
