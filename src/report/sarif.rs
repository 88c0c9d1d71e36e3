//! SARIF 2.1.0: one run, the rules in `tool.driver.rules`, one result per
//! finding at note or above. Shaped for GitHub code scanning: every result
//! has a `ruleId`, a message, a physical location with a relative
//! `artifactLocation.uri` and a region, and `partialFingerprints` that
//! follow the unit's text rather than its line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{ci_path, FileReport, Reporter, RuleDoc, Summary, CI_MIN_SEVERITY};
use crate::severity::Severity;

/// The key claimscan's fingerprint goes under in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "claimscanUnitText/v1";

/// Buffers results and writes the log at the end.
pub struct SarifReporter {
    rules: Vec<RuleDoc>,
    results: Vec<Value>,
}

impl SarifReporter {
    /// A reporter describing `rules` (every rule, in id order).
    pub fn new(rules: Vec<RuleDoc>) -> Self {
        SarifReporter {
            rules,
            results: Vec::new(),
        }
    }

    fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }
}

/// SARIF's level for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Info => "none",
    }
}

/// A rule doc's Markdown as plain text: headings dropped, paragraphs kept.
fn plain(doc: &str) -> String {
    doc.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn rule_descriptor(r: &RuleDoc) -> Value {
    let mut tags = vec!["claimscan".to_string()];
    tags.push(r.label.map_or("suppression".to_string(), |l| l.to_string()));
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": plain(&r.doc) },
        "help": { "text": plain(&r.doc), "markdown": r.doc },
        "defaultConfiguration": {
            "level": level(r.default_severity),
            "enabled": true,
        },
        "properties": { "tags": tags },
    })
}

impl Reporter for SarifReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let uri = uri_encode(&ci_path(&report.path));
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for d in report.diagnostics(CI_MIN_SEVERITY) {
            let fp = d.fingerprint();
            // Two identical findings in one unit text get distinct prints.
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": d.end_column,
                            "byteOffset": d.start,
                            "byteLength": d.end - d.start,
                        },
                    },
                }],
                "partialFingerprints": { FINGERPRINT_KEY: format!("{fp}:{n}") },
            });
            if let (Some(i), Some(obj)) = (self.rule_index(d.rule), result.as_object_mut()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = self.rules.iter().map(rule_descriptor).collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "claimscan",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    },
                },
                // Columns count characters, as in every claimscan report.
                "columnKind": "unicodeCodePoints",
                "invocations": [{ "executionSuccessful": summary.errors == 0 }],
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// Percent-encodes a relative path for a URI reference, keeping `/` and
/// the characters RFC 3986 leaves unreserved.
fn uri_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri_encode("docs/a b/ü.md"), "docs/a%20b/%C3%BC.md");
    }
}
