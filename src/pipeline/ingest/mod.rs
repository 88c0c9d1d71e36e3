//! Ingest: bytes of a file → a [`Document`] of text blocks.
//!
//! A block is a run of text that no sentence crosses (a paragraph, a heading,
//! a list item). Each block carries its own text plus a map back to byte
//! offsets in the original file, so later stages never need to know whether
//! the text came from plain text, Markdown or HTML.

pub mod html;
pub mod markdown;
pub mod text;

use std::path::{Path, PathBuf};

use crate::error::IngestError;

/// What kind of block a run of text is. Only used for display and for the
/// line rules of segmentation (a heading is one unit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    ListItem,
    QuestionAnswer,
    /// A table cell (Markdown or HTML `td`/`th`).
    TableCell,
    /// A figure caption, a definition term or description.
    Caption,
}

/// A contiguous piece of block text and where it sits in the source.
/// When `text_len == source_len` the bytes map one to one; otherwise (a
/// decoded character reference) the whole piece maps to the whole source span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub text_start: usize,
    pub text_len: usize,
    pub source_start: usize,
    pub source_len: usize,
}

/// A run of text that sentences never cross.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text to segment and match, as a reader sees it.
    pub text: String,
    /// Ordered, non-overlapping pieces covering `text`.
    pub pieces: Vec<Piece>,
}

impl Block {
    /// A block whose text is the source slice `start..end` verbatim.
    pub fn verbatim(kind: BlockKind, source: &str, start: usize, end: usize) -> Block {
        Block {
            kind,
            text: source[start..end].to_string(),
            pieces: vec![Piece {
                text_start: 0,
                text_len: end - start,
                source_start: start,
                source_len: end - start,
            }],
        }
    }

    /// Maps a byte offset in `text` to a byte offset in the source.
    /// `is_end` picks the end of a piece when the offset falls on its edge,
    /// so an exclusive end stays inside the span it closes.
    pub fn to_source(&self, offset: usize, is_end: bool) -> usize {
        let idx = self.pieces.partition_point(|p| {
            if is_end {
                p.text_start + p.text_len < offset
            } else {
                p.text_start + p.text_len <= offset
            }
        });
        let Some(piece) = self.pieces.get(idx).or_else(|| self.pieces.last()) else {
            return 0;
        };
        let within = offset.saturating_sub(piece.text_start);
        if piece.text_len == piece.source_len {
            piece.source_start + within.min(piece.source_len)
        } else if is_end && within > 0 || within >= piece.text_len {
            piece.source_start + piece.source_len
        } else {
            piece.source_start
        }
    }
}

/// The input formats claimscan reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: lines grouped into paragraphs.
    Text,
    /// Markdown (CommonMark and GitHub extensions).
    Markdown,
    /// HTML, a full saved page or a fragment.
    Html,
}

impl InputFormat {
    /// The format for a path, or `None` when its extension is not one claimscan reads.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "md" | "markdown" => Some(InputFormat::Markdown),
            "html" | "htm" => Some(InputFormat::Html),
            _ => None,
        }
    }
}

/// One article, read and split into blocks.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The whole file as UTF-8, byte-order mark and line endings kept, so
    /// offsets are offsets into the file.
    pub source: String,
    pub blocks: Vec<Block>,
}

/// Reads and decodes a file, then splits it into blocks by its format.
pub fn read_file(path: &Path) -> Result<Document, IngestError> {
    read_file_as(path, None)
}

/// Like [`read_file`], with the format given (`None`: by extension, and
/// plain text for an unknown one).
pub fn read_file_as(path: &Path, format: Option<InputFormat>) -> Result<Document, IngestError> {
    let meta = std::fs::metadata(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(IngestError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let format = format
        .or_else(|| InputFormat::from_path(path))
        .unwrap_or(InputFormat::Text);
    from_bytes(path, bytes, format)
}

/// Decodes bytes (UTF-8, with or without a byte-order mark) and splits them
/// into blocks. Anything else is an error naming the file and the offset.
pub fn from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    format: InputFormat,
) -> Result<Document, IngestError> {
    let source = decode(path, bytes)?;
    let blocks = match format {
        InputFormat::Text => text::blocks(&source),
        InputFormat::Markdown => markdown::blocks(&source),
        InputFormat::Html => html::blocks(&source),
    };
    Ok(Document {
        path: path.to_path_buf(),
        source,
        blocks,
    })
}

/// UTF-8 check with errors a person can act on.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, IngestError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let bom = if bytes[0] == 0xFF {
            "FF FE, little-endian"
        } else {
            "FE FF, big-endian"
        };
        return Err(IngestError::Utf16 {
            path: path.to_path_buf(),
            bom,
        });
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(offset).copied().unwrap_or(0);
        IngestError::NotUtf8 {
            path: path.to_path_buf(),
            offset,
            byte,
        }
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_kept_so_offsets_match_the_file() {
        let doc = from_bytes(
            Path::new("a.txt"),
            b"\xEF\xBB\xBFHello.".to_vec(),
            InputFormat::Text,
        )
        .unwrap();
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].pieces[0].source_start, 3);
        assert_eq!(doc.blocks[0].text, "Hello.");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = from_bytes(
            Path::new("bad.txt"),
            b"ok \xff no".to_vec(),
            InputFormat::Text,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("bad.txt") && msg.contains("byte offset 3"),
            "{msg}"
        );
    }

    #[test]
    fn utf16_is_named() {
        let err = from_bytes(
            Path::new("u.txt"),
            vec![0xFF, 0xFE, b'a', 0],
            InputFormat::Text,
        )
        .unwrap_err();
        assert!(err.to_string().contains("UTF-16"));
    }

    #[test]
    fn decoded_piece_maps_to_whole_source_span() {
        let block = Block {
            kind: BlockKind::Paragraph,
            text: "a&b".into(),
            pieces: vec![
                Piece {
                    text_start: 0,
                    text_len: 1,
                    source_start: 10,
                    source_len: 1,
                },
                Piece {
                    text_start: 1,
                    text_len: 1,
                    source_start: 11,
                    source_len: 5,
                },
                Piece {
                    text_start: 2,
                    text_len: 1,
                    source_start: 16,
                    source_len: 1,
                },
            ],
        };
        assert_eq!(block.to_source(0, false), 10);
        assert_eq!(block.to_source(1, false), 11);
        assert_eq!(block.to_source(2, true), 16);
        assert_eq!(block.to_source(2, false), 16);
        assert_eq!(block.to_source(3, true), 17);
    }
}
