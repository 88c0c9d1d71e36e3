//! Markdown (CommonMark with tables, footnotes, strikethrough, task lists and
//! front matter), parsed with pulldown-cmark.
//!
//! Headings, paragraphs, list items, block-quote paragraphs and table cells
//! become blocks. What is not prose a reader judges is left out: fenced and
//! indented code, inline code, raw HTML (comments included), link
//! destinations, images (URL and alt text) and YAML/TOML front matter.
//! pulldown-cmark's offset iterator gives each text event its source range,
//! so every piece of block text maps back to bytes of the original file;
//! where the parser decoded something (`&amp;`, `\*`) the piece maps the
//! decoded text to the whole source span.
//!
//! The parser keeps its own tree in an arena and walks it without
//! recursion, and this module keeps no stack of its own beyond counters, so
//! deep nesting (50,000 quotes) costs memory in proportion to the input and
//! never overflows the call stack.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Piece};

/// Splits a Markdown source into blocks.
pub fn blocks(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut builder = Builder::default();
    // Depth of elements whose content is not prose (code, images, front
    // matter, raw HTML blocks): text inside them is dropped.
    let mut hidden = 0usize;
    // Depth of list items and of headings and table cells, for the kind of
    // the block being built.
    let mut items = 0usize;
    let mut heading = false;
    let mut cell = false;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    if !matches!(tag, Tag::Image { .. }) {
                        builder.flush();
                    }
                    hidden += 1;
                }
                Tag::Heading { .. } => {
                    builder.flush();
                    heading = true;
                }
                Tag::TableCell => {
                    builder.flush();
                    cell = true;
                }
                Tag::Item => {
                    builder.flush();
                    items += 1;
                }
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow => builder.flush(),
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. } => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1);
                }
                TagEnd::Heading(_) => {
                    builder.kind = BlockKind::Heading;
                    builder.flush();
                    heading = false;
                }
                TagEnd::TableCell => {
                    builder.kind = BlockKind::TableCell;
                    builder.flush();
                    cell = false;
                }
                TagEnd::Item => {
                    builder.flush();
                    items = items.saturating_sub(1);
                }
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link => {}
                _ => builder.flush(),
            },
            Event::Text(text) if hidden == 0 => {
                builder.kind = kind(heading, cell, items);
                builder.push(source, &text, range);
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => {
                builder.kind = kind(heading, cell, items);
                builder.push(source, "\n", range);
            }
            Event::Rule => builder.flush(),
            // Inline code, raw HTML, math, footnote marks and task boxes are
            // not prose; text inside hidden elements is dropped.
            _ => {}
        }
    }
    builder.flush();
    builder.out
}

fn kind(heading: bool, cell: bool, items: usize) -> BlockKind {
    if heading {
        BlockKind::Heading
    } else if cell {
        BlockKind::TableCell
    } else if items > 0 {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    }
}

/// Collects the pieces of the block being built.
#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    text: String,
    pieces: Vec<Piece>,
    kind: BlockKind,
}

impl Builder {
    /// Appends `text`, which the parser read from `source[range]`.
    fn push(&mut self, source: &str, text: &str, range: std::ops::Range<usize>) {
        if text.is_empty() {
            return;
        }
        let verbatim = source.get(range.clone()) == Some(text);
        if verbatim {
            // Text next to the previous piece in the source extends it.
            if let Some(last) = self.pieces.last_mut() {
                if last.text_len == last.source_len
                    && last.source_start + last.source_len == range.start
                {
                    last.text_len += text.len();
                    last.source_len += text.len();
                    self.text.push_str(text);
                    return;
                }
            }
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            text_len: text.len(),
            source_start: range.start,
            source_len: if verbatim {
                text.len()
            } else {
                range.end - range.start
            },
        });
        self.text.push_str(text);
    }

    /// Ends the block being built; white space alone makes no block.
    fn flush(&mut self) {
        if !self.text.trim().is_empty() {
            self.out.push(Block {
                kind: self.kind,
                text: std::mem::take(&mut self.text),
                pieces: std::mem::take(&mut self.pieces),
            });
        } else {
            self.text.clear();
            self.pieces.clear();
        }
        self.kind = BlockKind::Paragraph;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(BlockKind, String)> {
        blocks(src).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn code_links_and_front_matter_are_not_text() {
        let src = "---\ntitle: Cures all\n---\n\n# Title\n\nSee [the trial](https://x.org/cure) and `cure()`.\n\n```\nit cures everything\n```\n";
        let got = texts(src);
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "Title".to_string()),
                (BlockKind::Paragraph, "See the trial and .".to_string())
            ]
        );
    }

    #[test]
    fn pieces_point_into_the_source() {
        let src = "> A quote\n> goes on &amp; ends.\n";
        let b = &blocks(src)[0];
        assert_eq!(b.text, "A quote\ngoes on & ends.");
        let amp = b.text.find('&').unwrap();
        assert_eq!(b.to_source(amp, false), src.find("&amp;").unwrap());
        assert_eq!(b.to_source(amp + 1, true), src.find("&amp;").unwrap() + 5);
        let goes = b.text.find("goes").unwrap();
        assert_eq!(b.to_source(goes, false), src.find("goes").unwrap());
    }

    #[test]
    fn list_items_and_cells_are_blocks() {
        let src = "- one\n  - nested\n- two\n\n| a | b |\n|---|---|\n| c | d |\n";
        let kinds: Vec<_> = texts(src);
        assert_eq!(
            kinds,
            [
                (BlockKind::ListItem, "one".to_string()),
                (BlockKind::ListItem, "nested".to_string()),
                (BlockKind::ListItem, "two".to_string()),
                (BlockKind::TableCell, "a".to_string()),
                (BlockKind::TableCell, "b".to_string()),
                (BlockKind::TableCell, "c".to_string()),
                (BlockKind::TableCell, "d".to_string()),
            ]
        );
    }
}
