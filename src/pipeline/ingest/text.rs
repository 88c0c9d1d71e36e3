//! Plain text: lines grouped into blocks.
//!
//! A blank line ends a block. A line that stands on its own (a title, a list
//! item, a Q/A line) is its own block. A line break in the middle of a
//! sentence (the line ends without closing punctuation and the next starts in
//! lower case) joins the two lines, so the sentence stays one unit, but only
//! when the joined lines reach a sentence end: lines that never do (a menu, a
//! list of keywords) stay one block each. Scraped text sometimes breaks a
//! sentence with a blank line too ("…in our environment,\n\nno matter
//! how…"): a line ending in a comma joins the next across one blank line
//! when that line starts in lower case.

use super::{Block, BlockKind};

/// Splits plain text into blocks. Works on `\n`, `\r\n` and lone `\r` endings.
pub fn blocks(source: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // The open block: its kind and its lines as trimmed (start, end) source spans.
    let mut open: Option<(BlockKind, Vec<(usize, usize)>)> = None;
    let mut prev_line_end_char: Option<char> = None;
    // A blank line was seen since the open block's last line.
    let mut after_blank = false;
    // A byte-order mark is not text; offsets still count it.
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for (start, end) in lines(&source[bom..]).map(|(s, e)| (s + bom, e + bom)) {
        let line = &source[start..end];
        let trimmed_start = start + (line.len() - line.trim_start().len());
        let trimmed_end = start + line.trim_end().len();
        if trimmed_start >= trimmed_end {
            // Blank (or BOM-only) line: closes the open block, unless it
            // breaks a sentence after a comma (decided at the next line).
            if after_blank || prev_line_end_char != Some(',') {
                if let Some((kind, spans)) = open.take() {
                    close(&mut out, source, kind, &spans);
                }
                prev_line_end_char = None;
            }
            after_blank = true;
            continue;
        }
        let text = &source[trimmed_start..trimmed_end];
        let kind = line_kind(text);
        let joins = match (&open, prev_line_end_char) {
            (Some((open_kind, _)), Some(last)) => {
                kind == BlockKind::Paragraph
                    && continues(last, text)
                    && (!after_blank || *open_kind == BlockKind::Paragraph)
            }
            _ => false,
        };
        after_blank = false;
        match open.as_mut() {
            Some((_, spans)) if joins => spans.push((trimmed_start, trimmed_end)),
            _ => {
                if let Some((k, spans)) = open.take() {
                    close(&mut out, source, k, &spans);
                }
                open = Some((kind, vec![(trimmed_start, trimmed_end)]));
            }
        }
        prev_line_end_char = text.chars().next_back();
    }
    if let Some((kind, spans)) = open {
        close(&mut out, source, kind, &spans);
    }
    out
}

/// Emits a block of joined lines, or one block per line when the lines never
/// reach a sentence end (a run of menu entries or keywords is not a
/// sentence broken across lines).
fn close(out: &mut Vec<Block>, source: &str, kind: BlockKind, spans: &[(usize, usize)]) {
    let (Some(&(first, _)), Some(&(_, last))) = (spans.first(), spans.last()) else {
        return;
    };
    if spans.len() == 1 || spans.iter().any(|&(s, e)| has_sentence_end(&source[s..e])) {
        out.push(Block::verbatim(kind, source, first, last));
    } else {
        for &(s, e) in spans {
            out.push(Block::verbatim(kind, source, s, e));
        }
    }
}

/// Whether a line holds a sentence end: a terminator followed by white space,
/// a closing quote or bracket, or the end of the line.
fn has_sentence_end(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…')
            && chars.peek().map_or(true, |&n| {
                n.is_whitespace() || matches!(n, '"' | '”' | '’' | '\'' | ')')
            })
        {
            return true;
        }
    }
    false
}

/// Line spans (start, end) without their line terminators.
fn lines(source: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = source.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() && bytes[pos] != b'\n' && bytes[pos] != b'\r' {
            pos += 1;
        }
        let end = pos;
        if pos < bytes.len() {
            if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos += 2;
            } else {
                pos += 1;
            }
        }
        Some((start, end))
    })
}

/// Whether a line that follows one ending in `last` continues its sentence.
fn continues(last: char, next_line: &str) -> bool {
    let ends_open = !matches!(last, '.' | '!' | '?' | ':' | '…' | '"' | '”' | ')' | ']');
    let starts_lower = next_line.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && starts_lower
}

/// The kind of a line by its start: list markers and Q/A prefixes.
pub fn line_kind(line: &str) -> BlockKind {
    if is_list_item(line) {
        BlockKind::ListItem
    } else if is_qa_line(line) {
        BlockKind::QuestionAnswer
    } else {
        BlockKind::Paragraph
    }
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '◦' | '▪' | '–' | '+' | '⁃' | '‣' | '●') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &line[digits..];
            digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

fn is_qa_line(line: &str) -> bool {
    ["Q:", "A:", "Q.", "A.", "Question:", "Answer:"]
        .iter()
        .any(|p| line.starts_with(p) && line[p.len()..].starts_with(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        blocks(src).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blank_lines_and_titles_end_blocks() {
        assert_eq!(
            texts("Title\n\nOne. Two.\nHeading\nThree."),
            ["Title", "One. Two.", "Heading", "Three."]
        );
    }

    #[test]
    fn broken_sentence_joins() {
        let src = "It involves acupuncture,\nor a combination of both.\nNext";
        assert_eq!(
            texts(src),
            [
                "It involves acupuncture,\nor a combination of both.",
                "Next"
            ]
        );
    }

    #[test]
    fn list_items_and_qa_stand_alone() {
        let src = "Intro:\n  1. One thing.\n  2. another\n- dash\nQ: What?\nA: That.";
        assert_eq!(
            texts(src),
            [
                "Intro:",
                "1. One thing.",
                "2. another",
                "- dash",
                "Q: What?",
                "A: That."
            ]
        );
    }

    #[test]
    fn lines_that_never_reach_a_sentence_end_stay_apart() {
        assert_eq!(
            texts("features\ncontact manager\nevents, activities\n"),
            ["features", "contact manager", "events, activities"]
        );
        assert_eq!(
            texts("This is a sentence\ncut off in the middle because pdf."),
            ["This is a sentence\ncut off in the middle because pdf."]
        );
    }

    #[test]
    fn comma_joins_across_one_blank_line() {
        assert_eq!(
            texts("Because of the food we eat,\n\nno home is free of it.\n\nNext."),
            [
                "Because of the food we eat,\n\nno home is free of it.",
                "Next."
            ]
        );
        // Not across two blank lines, not before a capital, not without a
        // comma, and not when the lines never reach a sentence end.
        assert_eq!(
            texts("One thing,\n\n\nthen another.\nA list,\n\nAnother line.\nSymptoms\n\nfever, cough.\nred,\n\nblue"),
            [
                "One thing,",
                "then another.",
                "A list,",
                "Another line.",
                "Symptoms",
                "fever, cough.",
                "red,",
                "blue"
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(texts("A.\r\nB.\rC."), ["A.", "B.", "C."]);
    }
}
