//! The `segment` view: every unit of a document with its byte span, line,
//! column and text, one JSON object a line. It is how segmentation is
//! debugged and tested on its own (Harper's debug views).

use std::io::{self, Write};

use serde::Serialize;

use super::LineIndex;
use crate::pipeline::ingest::Document;
use crate::pipeline::segment::Unit;

/// One unit as `claimscan segment` prints it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SegmentRecord {
    /// UTF-8 byte offsets into the file, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based line; 1-based column in characters.
    pub line: usize,
    pub column: usize,
    /// The unit's text as the reader sees it (character references decoded).
    pub text: String,
}

/// The records of a document's units, in document order.
pub fn records(doc: &Document, units: &[Unit]) -> Vec<SegmentRecord> {
    let index = LineIndex::new(&doc.source);
    units
        .iter()
        .map(|u| {
            let (line, column) = index.locate(u.start);
            SegmentRecord {
                start: u.start,
                end: u.end,
                line,
                column,
                text: u.text(doc).to_string(),
            }
        })
        .collect()
}

/// Writes the records as JSON Lines.
pub fn write_jsonl(records: &[SegmentRecord], out: &mut dyn Write) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
