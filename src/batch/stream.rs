//! Stream: JSON Lines in, JSON Lines out, for pipelines.
//!
//! Each input line is a document `{"id": ..., "text": "..."}`; each output
//! line is `{"id", "sentences", "summary"}` with the same sentence fields as
//! the JSON report, in input order. A bad line gets `{"id", "line",
//! "error"}` and the stream goes on. Lines are read in batches and analysed
//! in parallel, so memory stays bounded however long the stream is.

use std::io::{self, BufRead, Write};
use std::path::Path;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::report::{self, FileSummary, SentenceReport};
use crate::Settings;

/// How many lines are analysed together.
pub const BATCH: usize = 512;

/// One input document.
#[derive(Debug, Deserialize)]
struct InputRecord {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
}

/// One output line for a document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OutputRecord {
    /// The input's `id`, as given (any JSON value; null when absent).
    pub id: serde_json::Value,
    /// Every unit, in document order, flagged or not. Offsets are into `text`.
    pub sentences: Vec<SentenceReport>,
    /// Counts over the units.
    pub summary: FileSummary,
}

/// One output line for a line that could not be read.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorRecord {
    /// The input's `id` when the line was JSON with one, else null.
    pub id: serde_json::Value,
    /// 1-based line number in the input.
    pub line: usize,
    /// What is wrong with the line.
    pub error: String,
}

/// Any output line: a document's result or an error record (for the
/// schema; a reader tells them apart by the `error` field).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum StreamLine {
    Document(OutputRecord),
    Error(ErrorRecord),
}

/// Counts of a finished stream.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StreamStats {
    pub documents: usize,
    pub errors: usize,
}

/// Reads documents from `input` until it ends and writes one line per
/// document to `output`, in order. Blank lines are skipped.
pub fn run(
    input: impl BufRead,
    output: &mut dyn Write,
    settings: &Settings,
) -> io::Result<StreamStats> {
    let mut stats = StreamStats::default();
    let mut batch: Vec<(usize, Result<String, String>)> = Vec::with_capacity(BATCH);
    for (index, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let line = match String::from_utf8(line) {
            Ok(s) => Ok(s),
            Err(e) => Err(format!(
                "not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )),
        };
        if line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
            continue;
        }
        batch.push((index + 1, line));
        if batch.len() == BATCH {
            flush(&mut batch, output, settings, &mut stats)?;
        }
    }
    flush(&mut batch, output, settings, &mut stats)?;
    output.flush()?;
    Ok(stats)
}

fn flush(
    batch: &mut Vec<(usize, Result<String, String>)>,
    output: &mut dyn Write,
    settings: &Settings,
    stats: &mut StreamStats,
) -> io::Result<()> {
    let lines: Vec<(Vec<u8>, bool)> = batch
        .par_iter()
        .map(|(n, line)| process(*n, line, settings))
        .collect();
    for (bytes, failed) in &lines {
        output.write_all(bytes)?;
        if *failed {
            stats.errors += 1;
        } else {
            stats.documents += 1;
        }
    }
    batch.clear();
    Ok(())
}

/// The output line (with its newline) for one input line, and whether it
/// is an error record.
fn process(line_no: usize, line: &Result<String, String>, settings: &Settings) -> (Vec<u8>, bool) {
    let record = match line {
        Err(e) => Err((serde_json::Value::Null, e.clone())),
        Ok(text) => parse(text),
    };
    let failed = record.is_err();
    let mut bytes = match record {
        Ok(doc) => {
            let analysis = crate::pipeline::analyze_text(&doc.text, settings);
            let report = report::file_report(&analysis, Path::new(""), settings);
            serde_json::to_vec(&OutputRecord {
                id: doc.id,
                sentences: report.sentences,
                summary: report.summary,
            })
        }
        Err((id, error)) => serde_json::to_vec(&ErrorRecord {
            id,
            line: line_no,
            error,
        }),
    }
    .unwrap_or_else(|e| {
        format!("{{\"id\":null,\"line\":{line_no},\"error\":\"cannot encode the result: {e}\"}}")
            .into_bytes()
    });
    bytes.push(b'\n');
    (bytes, failed)
}

/// Parses one line, keeping the id when the line is JSON but not a document.
fn parse(text: &str) -> Result<InputRecord, (serde_json::Value, String)> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| (serde_json::Value::Null, format!("not JSON: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    match value.get("text") {
        Some(serde_json::Value::String(_)) => {}
        Some(_) => return Err((id, "`text` is not a string".into())),
        None => return Err((id, "no `text` field".into())),
    }
    serde_json::from_value(value).map_err(|e| (id, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(input: &str) -> (Vec<serde_json::Value>, StreamStats) {
        let settings = Settings::new(&[]).unwrap();
        let mut out = Vec::new();
        let stats = run(input.as_bytes(), &mut out, &settings).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, stats)
    }

    #[test]
    fn documents_come_back_in_order_with_their_ids() {
        let input: String = (0..1200)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"It cures pain. Doc {i}.\"}}\n"))
            .collect();
        let (lines, stats) = stream(&input);
        assert_eq!(
            stats,
            StreamStats {
                documents: 1200,
                errors: 0
            }
        );
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(l["id"], i);
            assert_eq!(l["sentences"][0]["labels"][0], "absolute");
        }
    }

    #[test]
    fn bad_lines_get_an_error_and_the_stream_goes_on() {
        let (lines, stats) = stream("{\"id\": \"a\", \"text\": \"It may help.\"}\nnot json\n{\"id\": \"c\"}\n{\"id\": \"d\", \"text\": 5}\n\n{\"id\": \"e\", \"text\": \"Fine.\"}\n");
        assert_eq!(
            stats,
            StreamStats {
                documents: 2,
                errors: 3
            }
        );
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[1]["line"], 2);
        assert!(lines[1]["error"].as_str().unwrap().starts_with("not JSON"));
        assert_eq!(lines[2]["id"], "c");
        assert_eq!(lines[2]["error"], "no `text` field");
        assert_eq!(lines[3]["error"], "`text` is not a string");
        assert_eq!(lines[4]["id"], "e");
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let (lines, stats) = stream("");
        assert!(lines.is_empty());
        assert_eq!(stats, StreamStats::default());
    }
}
