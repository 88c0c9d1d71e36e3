//! Positions and diagnostics: UTF-8 byte offsets (what every claimscan
//! type carries) ↔ LSP positions (line, UTF-16 code unit), and a
//! [`FileReport`] → the `Diagnostic`s the editor shows.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says and as
//! [`crate::report::LineIndex`] counts them. A position past the end of a
//! line is the line's end; one inside a surrogate pair is the character's
//! start. Severities map warning → Warning, note → Information, info →
//! Hint (error → Error).

use std::collections::BTreeMap;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, TextDocumentContentChangeEvent, Uri,
};

use crate::report::{FileReport, SourceReport};
use crate::severity::Severity;

/// The `source` every diagnostic carries.
pub const SOURCE: &str = "claimscan";

/// Where each line of a text starts, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }

    /// The byte range of line `line` (0-based) without its line ending,
    /// or `None` past the last line.
    fn line_span(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Some((start, end))
    }

    /// The LSP position of a byte offset (clamped to the text, and to the
    /// start of the character it falls in).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = utf16_len(text.get(start..offset).unwrap_or(""));
        Position::new(to_u32(line), to_u32(character))
    }

    /// The positions of many byte offsets, in one pass over the text: on a
    /// single 20 MB line, one [`LineMap::position`] per finding would walk
    /// the line once per finding.
    pub fn positions(&self, text: &str, offsets: &[usize]) -> BTreeMap<usize, Position> {
        let mut sorted: Vec<usize> = offsets.iter().map(|&o| floor_boundary(text, o)).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut out = BTreeMap::new();
        // The cursor: a byte offset, its line, and its UTF-16 column.
        let (mut at, mut line, mut column) = (0usize, 0usize, 0usize);
        for offset in sorted {
            let l = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
            if l != line {
                line = l;
                at = self.starts.get(l).copied().unwrap_or(0);
                column = 0;
            }
            column += utf16_len(text.get(at..offset).unwrap_or(""));
            at = offset;
            out.insert(offset, Position::new(to_u32(line), to_u32(column)));
        }
        // Callers look offsets up as given, rounded or not.
        for &o in offsets {
            if let Some(p) = out.get(&floor_boundary(text, o)).copied() {
                out.insert(o, p);
            }
        }
        out
    }

    /// The byte offset of an LSP position.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some((start, end)) = self.line_span(text, position.line as usize) else {
            return text.len();
        };
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units + c.len_utf16() > want {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The byte range of an LSP range (start before end).
    pub fn span(&self, text: &str, range: Range) -> (usize, usize) {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        (a.min(b), a.max(b))
    }

    /// The LSP range of a byte range.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies one `didChange` edit: a range replaced by new text, or, with no
/// range, the whole text replaced.
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => change.text.clone_into(text),
        Some(range) => {
            let (start, end) = LineMap::new(text).span(text, range);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The LSP severity of a claimscan severity.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
        Severity::Info => DiagnosticSeverity::HINT,
    }
}

/// Every finding and notice of a report as a diagnostic, in source order,
/// with the messages the CI formats print (`absolute "cures": …`). A
/// `cited` finding whose source is known points at the mention that
/// introduced it.
pub fn diagnostics(report: &FileReport, text: &str, lines: &LineMap, uri: &Uri) -> Vec<Diagnostic> {
    let all = report.diagnostics(Severity::Info);
    let sources: BTreeMap<(usize, usize, &str), &SourceReport> = report
        .sentences
        .iter()
        .flat_map(|s| &s.findings)
        .filter_map(|f| Some(((f.start, f.end, f.rule.as_str()), f.source.as_ref()?)))
        .collect();
    let mut offsets: Vec<usize> = all.iter().flat_map(|d| [d.start, d.end]).collect();
    offsets.extend(sources.values().flat_map(|s| [s.start, s.end]));
    let at = lines.positions(text, &offsets);
    let pos = |o: usize| at.get(&o).copied().unwrap_or_default();
    all.iter()
        .map(|d| {
            let related = sources.get(&(d.start, d.end, d.rule)).map(|s| {
                vec![DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), Range::new(pos(s.start), pos(s.end))),
                    message: format!(
                        "the source this claim binds to: {} ({})",
                        s.name,
                        s.kind.as_str()
                    ),
                }]
            });
            Diagnostic {
                range: Range::new(pos(d.start), pos(d.end)),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.to_string())),
                code_description: None,
                source: Some(SOURCE.to_string()),
                message: d.message.clone(),
                related_information: related,
                tags: None,
                data: None,
            }
        })
        .collect()
}

/// A diagnostic for a problem with the setup rather than the text (a bad
/// `claimscan.toml` or lexicon file), shown at the top of the document.
pub fn setup_error(message: &str) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: message.to_string(),
        related_information: None,
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn emoji_count_two_utf16_units_and_curly_quotes_one() {
        // 😀 is 4 bytes and 2 UTF-16 units; ’ and “ are 3 bytes and 1 unit.
        let text = "a😀b ’c“d";
        let map = LineMap::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(map.position(text, b), pos(0, 3));
        let c = text.find('c').unwrap();
        assert_eq!(map.position(text, c), pos(0, 6));
        let d = text.find('d').unwrap();
        assert_eq!(map.position(text, d), pos(0, 8));
        assert_eq!(map.offset(text, pos(0, 3)), b);
        assert_eq!(map.offset(text, pos(0, 6)), c);
        assert_eq!(map.offset(text, pos(0, 8)), d);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(map.offset(text, pos(0, 2)), 1);
    }

    #[test]
    fn crlf_lone_cr_and_lf_all_end_lines() {
        let text = "ab\r\ncd\ref\ngh";
        let map = LineMap::new(text);
        assert_eq!(map.position(text, 4), pos(1, 0));
        assert_eq!(map.position(text, 7), pos(2, 0));
        assert_eq!(map.position(text, 10), pos(3, 0));
        assert_eq!(map.offset(text, pos(1, 1)), 5);
        // Past the end of a line: the line's end, before its \r\n.
        assert_eq!(map.offset(text, pos(0, 99)), 2);
        assert_eq!(map.offset(text, pos(9, 0)), text.len());
        // The end of the text.
        assert_eq!(map.position(text, text.len()), pos(3, 2));
    }

    #[test]
    fn batch_positions_match_one_by_one() {
        let text = "“Cures” 😀 all.\r\nNext 😀 line ’s end.\nlast";
        let map = LineMap::new(text);
        let offsets: Vec<usize> = (0..=text.len()).rev().collect();
        let batch = map.positions(text, &offsets);
        for o in offsets {
            assert_eq!(batch[&o], map.position(text, o), "offset {o}");
        }
    }

    #[test]
    fn incremental_changes_use_utf16_ranges() {
        let mut text = String::from("Tea 😀 cures\r\ncolds.");
        // Replace "cures" (line 0, UTF-16 columns 7..12).
        apply_change(
            &mut text,
            &TextDocumentContentChangeEvent {
                range: Some(Range::new(pos(0, 7), pos(0, 12))),
                range_length: None,
                text: "may ease".into(),
            },
        );
        assert_eq!(text, "Tea 😀 may ease\r\ncolds.");
        // Insert at the start of line 1.
        apply_change(
            &mut text,
            &TextDocumentContentChangeEvent {
                range: Some(Range::new(pos(1, 0), pos(1, 0))),
                range_length: None,
                text: "“".into(),
            },
        );
        assert_eq!(text, "Tea 😀 may ease\r\n“colds.");
        apply_change(
            &mut text,
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
        );
        assert_eq!(text, "new");
    }
}
