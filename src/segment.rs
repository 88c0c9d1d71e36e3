//! Segment: a [`Document`]'s blocks → units (sentences), as byte spans.
//!
//! Blocks never share a unit. Inside a block, a sentence ends at `.`, `!`,
//! `?` or `…` (with any closing quotes and brackets) followed by white space
//! and a word that can start a sentence. Abbreviations (Dr., e.g., U.S.,
//! a.m., Fig.), initials and numbers (2.5) do not end a sentence.

use crate::ingest::{Block, Document};

/// One unit: a sentence, or a heading / list item / Q-A line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte offsets into the document source (end exclusive).
    pub start: usize,
    pub end: usize,
    /// Index of the block the unit lies in.
    pub block: usize,
    /// Byte offsets into the block's text.
    pub text_start: usize,
    pub text_end: usize,
}

impl Unit {
    /// The unit's text as the reader sees it.
    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        doc.blocks
            .get(self.block)
            .and_then(|b| b.text.get(self.text_start..self.text_end))
            .unwrap_or("")
    }
}

/// Splits every block of a document into units, in document order.
pub fn segment(doc: &Document) -> Vec<Unit> {
    let mut units = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        for (s, e) in sentence_spans(&block.text) {
            units.push(unit_of(block, index, s, e));
        }
    }
    units
}

fn unit_of(block: &Block, index: usize, s: usize, e: usize) -> Unit {
    Unit {
        start: block.to_source(s, false),
        end: block.to_source(e, true),
        block: index,
        text_start: s,
        text_end: e,
    }
}

/// Abbreviations that never end a sentence (compared lower-case, without
/// the final period).
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "mt", "sr", "jr", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "rev", "hon", "pres", "supt", "fig", "figs", "no", "nos", "vol", "vols",
    "pp", "p", "ch", "sec", "eq", "ref", "refs", "vs", "v", "e.g", "i.e", "cf", "al", "approx",
    "dept", "est", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "rd", "resp", "viz", "eds", "univ", "assn",
    "govt", "msc", "bsc", "phd", "md",
];

/// Words that often start a sentence: after an abbreviation that can also end
/// one (U.S., a.m.), a sentence is taken to end only before one of these.
const SENTENCE_STARTERS: &[&str] = &[
    "a", "an", "after", "as", "at", "being", "but", "did", "during", "for", "he", "her", "his",
    "how", "however", "i", "if", "in", "it", "its", "many", "millions", "more", "most", "my",
    "our", "she", "so", "some", "that", "the", "their", "there", "these", "they", "this", "those",
    "though", "to", "we", "what", "when", "where", "which", "while", "who", "why", "you", "your",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_')
}

/// Sentence spans (byte offsets into `text`), trimmed of white space.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = skip_space(text, 0);
    let bytes = text.as_bytes();
    let mut i = start;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // The run of terminators and closers: "?!", ".”", ".)".
        let mut end = i;
        for ch in text[i..].chars() {
            if is_terminator(ch) || is_closer(ch) {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        let after = skip_space(text, end);
        if after == end && end < text.len() {
            // No white space after: "2.5", "e.g.,", "U.S.-based".
            i = end;
            continue;
        }
        if after >= text.len() {
            break;
        }
        if ends_sentence(text, start, i, end, after) {
            spans.push((start, trim_end(text, start, end)));
            start = after;
        }
        i = after.max(i + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    let last_end = trim_end(text, start, text.len());
    if last_end > start {
        spans.push((start, last_end));
    }
    spans
}

/// Whether the terminator at `term` (run ending at `run_end`, next word at
/// `next`) ends the sentence that began at `start`.
fn ends_sentence(text: &str, start: usize, term: usize, run_end: usize, next: usize) -> bool {
    let next_char = text[next..].chars().next().unwrap_or(' ');
    let next_word: String = text[next..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if next_char.is_lowercase() {
        return false;
    }
    let run = &text[term..run_end];
    if !run.starts_with('.') || run.starts_with("..") {
        return true;
    }
    // A single period: look at the word before it.
    let word_start = text[..term]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_start = word_start.max(start);
    let word = &text[word_start..term];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // A list marker at the start of the unit ("1. Pain relief").
    if word_start == start && word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // An initial ("J. Smith").
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    // Multi-period abbreviations (U.S., a.m., Ph.D.): end only before a
    // common sentence starter.
    if word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
    {
        return SENTENCE_STARTERS.contains(&next_word.to_lowercase().as_str());
    }
    true
}

fn skip_space(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| from + i)
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One here. Two there! Three? Four"),
            ["One here.", "Two there!", "Three?", "Four"]
        );
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end() {
        assert_eq!(
            split("Dr. Lee saw 2.5 mg. It helped."),
            ["Dr. Lee saw 2.5 mg.", "It helped."]
        );
        assert_eq!(
            split("See Fig. 3 for data, e.g. pain. Done."),
            ["See Fig. 3 for data, e.g. pain.", "Done."]
        );
        assert_eq!(
            split("At 5 a.m. Mr. Smith went to the bank."),
            ["At 5 a.m. Mr. Smith went to the bank."]
        );
        assert_eq!(
            split("I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
    }

    #[test]
    fn quotes_close_a_sentence() {
        assert_eq!(
            split("“It works.” She said so. “Really?” he asked."),
            ["“It works.”", "She said so.", "“Really?” he asked."]
        );
    }

    #[test]
    fn list_marker_stays_with_first_sentence() {
        assert_eq!(
            split("1. Pain Relief: It helps. It lasts."),
            ["1. Pain Relief: It helps.", "It lasts."]
        );
    }
}
