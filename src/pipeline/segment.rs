//! Segment: a [`Document`]'s blocks → units (sentences), as byte spans.
//!
//! Blocks never share a unit. Inside a block the splitter is rule-based, in
//! the manner of pragmatic_segmenter and pySBD, and runs in one forward pass
//! (every look around a candidate boundary is bounded, so time is linear in
//! the text):
//!
//! - a sentence ends at `.`, `!`, `?`, `…` (with any closing quotes and
//!   brackets) followed by white space and a word that can start a sentence;
//! - abbreviations come in classes: titles and reference words (Dr., Fig.,
//!   e.g.) never end a sentence; company and name suffixes (Co., Jr., etc.)
//!   end one before a capitalised word; multi-period abbreviations (U.S.,
//!   Ph.D.) and lone initials end one only before a word that typically opens
//!   a sentence (How, The, It…); clock times (a.m., p.m.) end one before such
//!   a word or a title unless the sentence so far is only a time phrase
//!   ("At 5 a.m. Mr. Smith…");
//! - numbers (2.5, $100.00), e-mail and web addresses keep their periods;
//! - ellipses follow the style-guide conventions: a spaced `. . .` marks an
//!   omission inside a sentence, `. . . .` or `....` can end one, a period
//!   glued to a word before `. . .` ends the sentence and the ellipsis opens
//!   the next, `[...]` is an omission;
//! - a list marker (`1.`, `2.)`, `a.`, `• 9.`) stays with its item, and an
//!   inline list ("1) one 2) two") is cut before each following marker;
//! - a period glued to a capitalised word ("world.Today") ends a sentence.

use crate::pipeline::ingest::{Block, Document};

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

/// How far the splitter looks back or ahead from a candidate boundary, in
/// bytes. No abbreviation, list marker or opening word is longer, and the
/// bound keeps the pass linear on hostile input (a 20 MB token).
const LOOK: usize = 64;

/// Titles and reference words (lower case, without the final period): always
/// followed by a name, a number or more of the sentence, so never an end.
const PREPOSITIVE: &[&str] = &[
    "adm", "approx", "ca", "capt", "cf", "ch", "chap", "cmdr", "col", "cpl", "dr", "e.g", "eq",
    "eqs", "fig", "figs", "fr", "gen", "gov", "hon", "i.e", "lt", "maj", "messrs", "mr", "mrs",
    "ms", "mt", "mx", "n°", "nº", "nos", "nr", "pp", "pres", "prof", "p", "ref", "refs", "rep",
    "rev", "sen", "sgt", "st", "supt", "v", "viz", "vol", "vols", "vs",
];

/// Abbreviations that often close a sentence: they end one before a
/// capitalised word, never before a lower-case one or a number.
const POSTPOSITIVE: &[&str] = &[
    "al", "apr", "assn", "aug", "ave", "bldg", "blvd", "bros", "bsc", "co", "corp", "dec", "dept",
    "esq", "est", "etc", "feb", "ft", "govt", "inc", "jan", "jr", "jul", "jun", "llc", "ltd",
    "mar", "md", "min", "mph", "msc", "no", "nov", "oct", "phd", "plc", "rd", "resp", "sec", "sep",
    "sept", "sq", "sr", "univ", "yr", "yrs",
];

/// Clock abbreviations: they close a clause ("left at 6 p.m."), so they end a
/// sentence before a word that opens one or a title (Mr., Dr.), unless the
/// sentence is only a time phrase so far.
const CLOCK: &[&str] = &["a.m", "p.m"];

/// Prepositions that open an introductory time phrase ("At 5 a.m.").
const TIME_PREPOSITIONS: &[&str] = &[
    "about", "after", "around", "at", "before", "by", "from", "since", "till", "until",
];

/// Words that typically open a sentence (function words, pronouns,
/// question words). After an abbreviation that can also close a sentence
/// (U.S., a lone initial), a sentence ends only before one of these.
const STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "many",
    "may",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "yet",
    "you",
    "your",
];

/// Glyphs that only ever mark a list item (a hyphen or an asterisk may be
/// punctuation, so they are markers only at the start of a block).
const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●', '○', '■', '□', '►', '▸'];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '_' | '¿' | '¡'
    )
}

/// Sentence spans (byte offsets into `text`), trimmed of white space.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = skip_space(text, 0);
    let mut marker = ListMarker::parse(text, start);
    let mut i = marker.end;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if let Some(next) = marker.next.as_deref() {
            if follows_space(text, i) && marker_at(text, i, next, marker.bullet) {
                push_span(&mut spans, text, start, i);
                start = i;
                marker = ListMarker::parse(text, start);
                i = marker.end.max(i + c.len_utf8());
                continue;
            }
        }
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        let step = step_at(text, start, i);
        match step.cut {
            Some(end) => {
                push_span(&mut spans, text, start, end);
                start = skip_space(text, end);
                marker = ListMarker::parse(text, start);
                i = marker.end.max(start);
            }
            None => i = step.resume.max(i + c.len_utf8()),
        }
    }
    push_span(&mut spans, text, start, text.len());
    spans
}

fn push_span(spans: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let end = trim_end(text, start, end);
    if end > start {
        spans.push((start, end));
    }
}

/// What to do at a terminator: cut the sentence at `cut`, or go on scanning
/// from `resume`.
struct Step {
    cut: Option<usize>,
    resume: usize,
}

/// Decides whether the terminator at `i` ends the sentence begun at `start`.
fn step_at(text: &str, start: usize, i: usize) -> Step {
    let bytes = text.as_bytes();
    // `[...]` and `[…]` mark an omission inside a quotation.
    if i > 0 && bytes[i - 1] == b'[' {
        let close = i + text[i..]
            .find(|c: char| c != '.' && c != '…')
            .unwrap_or(text.len() - i);
        if text[close..].starts_with(']') {
            return Step {
                cut: None,
                resume: close + 1,
            };
        }
    }
    let run = Run::at(text, i);
    let after = skip_space(text, run.end);
    let no_cut = Step {
        cut: None,
        resume: run.end,
    };
    if after == run.end && run.end < text.len() {
        // Nothing between this and the next word: "2.5", "U.S.-based",
        // "Jr.'s", or two sentences typed without a space ("world.Today").
        return if run.end == i + 1 && glued_sentences(text, start, i) {
            Step {
                cut: Some(run.end),
                resume: run.end,
            }
        } else {
            no_cut
        };
    }
    if after >= text.len() {
        return no_cut;
    }
    let next = next_word(text, after);
    let upper = next.first.is_uppercase();
    let glued = i > start && !text[..i].ends_with(char::is_whitespace);
    let cut_here = |yes: bool| Step {
        cut: yes.then_some(run.end),
        resume: run.end,
    };
    if run.others > 0 {
        // ? and ! end a sentence unless the sentence goes on in lower case
        // ("Yahoo! in", "'Really?' he asked").
        return cut_here(!next.first.is_lowercase());
    }
    if run.spaced {
        if glued && run.dots >= 4 {
            // "compounds. . . . The": the period ends the sentence, the
            // ellipsis opens the next (an omission at its start).
            return Step {
                cut: upper.then_some(i + 1),
                resume: run.end,
            };
        }
        // A spaced ". . ." marks an omission; ". . . ." an omission and a
        // period.
        return cut_here(upper && (run.dots >= 4 || glued));
    }
    if run.dots >= 2 {
        return cut_here(upper);
    }
    cut_here(period_ends(text, start, i, &next))
}

/// A run of terminators from a candidate boundary, with spaced ellipsis dots
/// and closing quotes and brackets.
struct Run {
    end: usize,
    dots: usize,
    others: usize,
    spaced: bool,
}

impl Run {
    fn at(text: &str, i: usize) -> Run {
        let mut run = Run {
            end: i,
            dots: 0,
            others: 0,
            spaced: false,
        };
        let bytes = text.as_bytes();
        while let Some(c) = text[run.end..].chars().next() {
            match c {
                '.' => run.dots += 1,
                '…' => run.dots += 3,
                c if is_terminator(c) => run.others += 1,
                ' ' if run.others == 0 && bytes.get(run.end + 1) == Some(&b'.') => {
                    run.spaced = true;
                }
                _ => break,
            }
            run.end += c.len_utf8();
        }
        while let Some(c) = text[run.end..].chars().next().filter(|&c| is_closer(c)) {
            run.end += c.len_utf8();
        }
        run
    }
}

/// The word after a candidate boundary, past opening quotes and brackets.
struct NextWord<'a> {
    first: char,
    word: &'a str,
}

fn next_word(text: &str, from: usize) -> NextWord<'_> {
    let mut pos = from;
    while let Some(c) = text[pos..].chars().next().filter(|&c| is_opener(c)) {
        pos += c.len_utf8();
        if pos - from > 8 {
            break;
        }
    }
    let rest = &text[pos..];
    let len = rest
        .char_indices()
        .find(|&(k, c)| k >= LOOK || !c.is_alphanumeric())
        .map_or(rest.len(), |(k, _)| k);
    NextWord {
        first: rest.chars().next().unwrap_or(' '),
        word: &rest[..len],
    }
}

/// The word before a period at `i`, from the last space or opening bracket
/// (never before `start`). `None` when it is longer than [`LOOK`].
fn word_before(text: &str, start: usize, i: usize) -> Option<(usize, &str)> {
    let floor = start.max(i.saturating_sub(LOOK));
    let mut ws = i;
    for (k, c) in text[..i].char_indices().rev() {
        if k < floor {
            return (floor == start).then_some((start, &text[start..i]));
        }
        if c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '[' | '«') {
            return Some((ws, &text[ws..i]));
        }
        ws = k;
    }
    Some((ws.max(start), &text[ws.max(start)..i]))
}

/// Whether a single period at `i`, followed by white space and `next`, ends
/// the sentence begun at `start`.
fn period_ends(text: &str, start: usize, i: usize, next: &NextWord) -> bool {
    if next.first.is_lowercase() {
        return false;
    }
    let Some((word_start, word)) = word_before(text, start, i) else {
        return true;
    };
    if word.is_empty() {
        return true;
    }
    if word.len() > 8 && !word.contains('.') {
        // Longer than any abbreviation: an ordinary word.
        return true;
    }
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    let upper = next.first.is_uppercase();
    let starter = || STARTERS.contains(&next.word.to_lowercase().as_str());
    if PREPOSITIVE.contains(&lower) {
        false
    } else if POSTPOSITIVE.contains(&lower) {
        upper
    } else if CLOCK.contains(&lower) {
        // "6 P.M. Mr. Smith then…", "at 6 p.m. They…", but not "4 p.m.
        // Monday", "1 p.m. ET" or "10 a.m. Dakar time".
        let title = PREPOSITIVE.contains(&next.word.to_lowercase().as_str());
        (starter() || title) && !only_time_phrase(&text[start..word_start])
    } else if is_multi_period(word)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
    {
        // U.S., Ph.D., E. (an initial) or I (the pronoun).
        starter()
    } else {
        true
    }
}

/// "U.S", "Ph.D", "E.U": short letter groups joined by periods.
fn is_multi_period(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

/// Whether the sentence so far is only an opening time phrase ("At 5",
/// "Shortly after 10:30"), which cannot be a sentence of its own.
fn only_time_phrase(so_far: &str) -> bool {
    if so_far.len() > LOOK {
        return false;
    }
    let words: Vec<&str> = so_far.split_whitespace().collect();
    let Some((last, lead)) = words.split_last() else {
        return false;
    };
    let is_clock = last
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    is_clock
        && lead.len() <= 2
        && lead
            .iter()
            .any(|w| TIME_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
}

/// Two sentences typed without a space: "world.Today", "1,000.That". Not in
/// addresses ("Jane.Doe@example.com", "www.Example.com") or after an
/// abbreviation ("St.Louis").
fn glued_sentences(text: &str, start: usize, i: usize) -> bool {
    let mut ahead = text[i + 1..].chars();
    let (Some(a), Some(b)) = (ahead.next(), ahead.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let Some((_, word)) = word_before(text, start, i) else {
        return false;
    };
    let last = word.rsplit('.').next().unwrap_or(word);
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    let ends_word = last.ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
    let lower = last.to_lowercase();
    let abbreviation = [PREPOSITIVE, POSTPOSITIVE, CLOCK]
        .iter()
        .any(|list| list.contains(&lower.as_str()));
    let token_end = text[i + 1..]
        .char_indices()
        .find(|&(k, c)| k >= LOOK || c.is_whitespace())
        .map_or(text.len(), |(k, _)| i + 1 + k);
    let address = |s: &str| s.contains('@') || s.contains("://") || s.contains('/');
    // A domain goes on past another period: "www.DearAbby.com".
    let ahead = text[i + 1..token_end].trim_end_matches(|c: char| !c.is_alphanumeric());
    ends_word
        && (letters >= 2 || last.chars().all(|c| c.is_ascii_digit() || c == ','))
        && !abbreviation
        && !address(word)
        && !word.eq_ignore_ascii_case("www")
        && !ahead.contains('.')
        && !address(ahead)
}

/// A list marker at the start of a unit ("1.", "2.)", "a.", "• 9."), and the
/// marker that would open the next item of the same list.
struct ListMarker {
    /// Where the marker ends (the unit's start when there is none).
    end: usize,
    /// The next item's marker, when the list can continue inline.
    next: Option<String>,
    /// Whether `next` is a bullet glyph (no capital letter needed after it).
    bullet: bool,
}

impl ListMarker {
    fn parse(text: &str, start: usize) -> ListMarker {
        let none = ListMarker {
            end: start,
            next: None,
            bullet: false,
        };
        let mut pos = start;
        let mut bullet = None;
        if let Some(c) = text[pos..].chars().next().filter(|c| BULLETS.contains(c)) {
            bullet = Some(c);
            pos += c.len_utf8();
            pos += text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len();
        }
        let rest = &text[pos..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (label_len, next_label) = if (1..=3).contains(&digits) {
            let n: u32 = rest[..digits].parse().unwrap_or(0);
            (digits, Some((n + 1).to_string()))
        } else {
            match rest.as_bytes() {
                [c, ..] if c.is_ascii_alphabetic() => {
                    let next = (*c != b'z' && *c != b'Z').then(|| char::from(c + 1).to_string());
                    (1, next)
                }
                _ => (0, None),
            }
        };
        let suffix = [".)", ")", "."]
            .into_iter()
            .find(|s| label_len > 0 && rest[label_len..].starts_with(s));
        let enumerated = suffix.filter(|s| {
            rest[label_len + s.len()..]
                .chars()
                .next()
                .map_or(true, char::is_whitespace)
        });
        if let Some(s) = enumerated {
            pos += label_len + s.len();
        }
        match (bullet, enumerated) {
            (Some(b), _) => ListMarker {
                end: pos,
                next: Some(b.to_string()),
                bullet: true,
            },
            (None, Some(s)) => ListMarker {
                end: pos,
                next: next_label.map(|l| l + s),
                bullet: false,
            },
            (None, None) => none,
        }
    }
}

/// Whether the next item's marker `next` starts at `i` (for an enumerator:
/// followed by white space and a capitalised word).
fn marker_at(text: &str, i: usize, next: &str, bullet: bool) -> bool {
    let Some(rest) = text[i..].strip_prefix(next) else {
        return false;
    };
    if bullet {
        return true;
    }
    let trimmed = rest.trim_start_matches([' ', '\t']);
    trimmed.len() < rest.len() && trimmed.starts_with(char::is_uppercase)
}

fn follows_space(text: &str, i: usize) -> bool {
    text[..i].ends_with(char::is_whitespace)
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
    fn clock_times_before_names_and_zones() {
        assert_eq!(
            split("Liftoff is set for 4:33 p.m. EDT. It was delayed."),
            ["Liftoff is set for 4:33 p.m. EDT.", "It was delayed."]
        );
        assert_eq!(
            split("He left at 6 p.m. Monday. She left at 7 p.m. They met."),
            [
                "He left at 6 p.m. Monday.",
                "She left at 7 p.m.",
                "They met."
            ]
        );
    }

    #[test]
    fn glued_sentences_but_not_domains() {
        assert_eq!(
            split("Write to www.DearAbby.com today. It said so.Then it ended."),
            [
                "Write to www.DearAbby.com today.",
                "It said so.",
                "Then it ended."
            ]
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
