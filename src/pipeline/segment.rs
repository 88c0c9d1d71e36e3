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
//!
//! Scraped news adds shapes of its own (rule ids `U…` in [`RULES`]):
//!
//! - the headline (the file's first line, standing alone before a blank
//!   line) is one unit, however many sentences it holds;
//! - a run-in heading or a sentence missing its full stop ends before a word
//!   that can only open a sentence ("How it works Two pathways…", "…in the
//!   world The link…"), before a byline ("…a new drug By Jane Smith"), and
//!   where a word runs into a capitalised one ("…than placeboPatients…",
//!   "SLOW TAKE-UPCopper…");
//! - after a full stop, a plain word with a lower-case sentence opener
//!   ("…it worked. in most cases…") or a web address starts a new unit;
//! - what belongs to the sentence before stays with it: reference markers
//!   ("… ARDS. (1,2)", "…risk.²"), a credit in brackets ("… Friday. (Photo:
//!   AP)"), a dash attribution ("… #COVID19. — Dr. Jane Roe (@roe)"), an
//!   ellipsis glued after a closing quote ("…suffering.”… …”We…");
//! - upper-case words are not titles ("…with MS. Melatonin…" ends, "Ms."
//!   does not), and a single capital after a common word is a name's
//!   letter ("vitamin D. Patients…" ends, "Anne K. Oduya" does not);
//! - a stray full stop at a unit's start ends nothing.

use crate::pipeline::ingest::{Block, Document};

/// A segmentation rule for scraped news: a stable id (`U…`, never reused),
/// a name, what it does, and examples that the tests run through the whole
/// plain-text path (text → the units it must give). The rules themselves are
/// the functions that cite their id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentRule {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    /// (text, its units) pairs.
    pub examples: &'static [(&'static str, &'static [&'static str])],
}

/// Every segmentation rule for scraped news, in id order.
pub const RULES: &[SegmentRule] = &[
    SegmentRule {
        id: "U101",
        name: "headline-is-one-unit",
        summary: "The file's first line, standing alone before a blank line and at most 256 bytes, is the headline: one unit.",
        examples: &[
            (
                "Is zinc safe? What we know\n\nIt is. Doses vary.",
                &["Is zinc safe? What we know", "It is.", "Doses vary."],
            ),
            ("One. Two.\nThree.", &["One.", "Two.", "Three."]),
        ],
    },
    SegmentRule {
        id: "U102",
        name: "run-in-before-opener",
        summary: "A unit ends before a capitalised word that only opens a sentence (The, This, It, They, Two…) when a word ending in a lower-case letter runs into it and a lower-case word follows it.",
        examples: &[
            (
                "How it works Two pathways have been described.",
                &["How it works", "Two pathways have been described."],
            ),
            (
                "Rates fell across the region The trend held in May.",
                &["Rates fell across the region", "The trend held in May."],
            ),
            (
                "Part Two of the series ran in The Lancet and This American Life.",
                &["Part Two of the series ran in The Lancet and This American Life."],
            ),
        ],
    },
    SegmentRule {
        id: "U103",
        name: "byline-after-text",
        summary: "A unit ends before a capitalised By that follows a lower-case word and precedes a capitalised name.",
        examples: &[
            (
                "Zinc trial shows mixed results By Mara Lind, Staff Writer",
                &["Zinc trial shows mixed results", "By Mara Lind, Staff Writer"],
            ),
            (
                "Drug Promoted By Officials Fails Trial",
                &["Drug Promoted By Officials Fails Trial"],
            ),
        ],
    },
    SegmentRule {
        id: "U104",
        name: "glued-words",
        summary: "A unit ends where a lower-case word of three or more letters, or an upper-case heading, runs into a capitalised word with no space (placeboPatients, SLOW TAKE-UPCopper).",
        examples: &[
            (
                "It did no better than placeboPatients in both arms slept well.",
                &["It did no better than placebo", "Patients in both arms slept well."],
            ),
            (
                "EARLY RESULTSThe trial enrolled 40 adults.",
                &["EARLY RESULTS", "The trial enrolled 40 adults."],
            ),
            (
                "Her iPhone and the COVIDSafe app use PubMed via @drLee and #stayHome.",
                &["Her iPhone and the COVIDSafe app use PubMed via @drLee and #stayHome."],
            ),
        ],
    },
    SegmentRule {
        id: "U105",
        name: "lower-case-or-address-start",
        summary: "After a plain word and a full stop, a lower-case sentence opener (in, the, it…) or a web address (https://, www.) starts a new unit.",
        examples: &[
            (
                "The dose was doubled. in most cases it helped.",
                &["The dose was doubled.", "in most cases it helped."],
            ),
            (
                "Thanks! https://t.co/abc123 — Jane Roe (@jroe) May 1, 2020",
                &["Thanks!", "https://t.co/abc123 — Jane Roe (@jroe) May 1, 2020"],
            ),
            (
                "Smith et al. found it, e.g. in mice, and \"It works.\" she said.",
                &["Smith et al. found it, e.g. in mice, and \"It works.\" she said."],
            ),
        ],
    },
    SegmentRule {
        id: "U106",
        name: "trailing-marker-stays",
        summary: "A reference marker ((1), [2-4], ²), a bracketed credit, a dash attribution or an ellipsis glued to a closing quote stays with the sentence before it.",
        examples: &[
            (
                "Zinc shortened colds. (1,3) It did not prevent them. [4–6]",
                &["Zinc shortened colds. (1,3)", "It did not prevent them. [4–6]"],
            ),
            ("It is rare.² Most recover.", &["It is rare.²", "Most recover."]),
            (
                "A nurse checks a patient in Oslo, Monday. (Photo: Kari Dahl, AP)",
                &["A nurse checks a patient in Oslo, Monday. (Photo: Kari Dahl, AP)"],
            ),
            (
                "We need the final data. — Dr. Jane Roe (@jroe) May 1, 2020",
                &["We need the final data. — Dr. Jane Roe (@jroe) May 1, 2020"],
            ),
            (
                "“We have the beds.”… …”We’ve never seen this,” he said.",
                &["“We have the beds.”…", "…”We’ve never seen this,” he said."],
            ),
        ],
    },
    SegmentRule {
        id: "U107",
        name: "capitals-before-full-stop",
        summary: "An upper-case word (MS, ST) is not a title abbreviation unless the next word is upper case too; a single capital after a common word (vitamin D) ends a sentence like a word, after a name or a function word it is an initial.",
        examples: &[
            (
                "It helped patients with MS. Melatonin did not.",
                &["It helped patients with MS.", "Melatonin did not."],
            ),
            (
                "Levels of vitamin D. Patients with low D fared worse.",
                &["Levels of vitamin D.", "Patients with low D fared worse."],
            ),
            (
                "Dr. Anne K. Oduya and Drs. Lee and Ms. Park met DR. SMITH.",
                &["Dr. Anne K. Oduya and Drs. Lee and Ms. Park met DR. SMITH."],
            ),
        ],
    },
    SegmentRule {
        id: "U108",
        name: "stray-stop",
        summary: "A terminator at the very start of a unit ends nothing; it stays with the sentence after it.",
        examples: &[(
            ". Hospitals used it. People with low levels fared worse.",
            &[". Hospitals used it.", "People with low levels fared worse."],
        )],
    },
];

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
        if index == 0 && is_headline(doc, block) {
            let end = trim_end(&block.text, 0, block.text.len());
            let start = skip_space(&block.text, 0).min(end);
            if end > start {
                units.push(unit_of(block, index, start, end));
            }
            continue;
        }
        for (s, e) in sentence_spans(&block.text) {
            units.push(unit_of(block, index, s, e));
        }
    }
    units
}

/// The longest line taken as a headline (`U101`); a longer first line
/// is body text of an article with no title.
const HEADLINE_MAX: usize = 256;

/// `U101`: the block is the file's first line (after a byte-order
/// mark), one line of at most [`HEADLINE_MAX`] bytes, and a blank line
/// follows it.
fn is_headline(doc: &Document, block: &Block) -> bool {
    let (Some(first), Some(last)) = (block.pieces.first(), block.pieces.last()) else {
        return false;
    };
    let start = first.source_start;
    let end = last.source_start + last.source_len;
    let Some(before) = doc.source.get(..start) else {
        return false;
    };
    if !before.trim_start_matches('\u{feff}').is_empty()
        || end - start > HEADLINE_MAX
        || block.text.contains(['\n', '\r'])
    {
        return false;
    }
    let after = doc.source.get(end..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t']);
    let Some(rest) = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .or_else(|| after.strip_prefix('\r'))
    else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.starts_with(['\n', '\r'])
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
    "adm", "approx", "ca", "capt", "cf", "ch", "chap", "cmdr", "col", "cpl", "dr", "drs", "e.g",
    "eq", "eqs", "fig", "figs", "fr", "gen", "gov", "hon", "i.e", "lt", "maj", "messrs", "mr",
    "mrs", "ms", "mt", "mx", "n°", "nº", "nos", "nr", "pp", "pres", "prof", "profs", "p", "ref",
    "refs", "rep", "rev", "sen", "sgt", "st", "supt", "v", "viz", "vol", "vols", "vs",
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
    // Superscript digits are reference markers ("…risk.²"), U106.
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_' | '¹' | '²' | '³' | '⁰'..='⁹'
    )
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
        if c.is_uppercase() && i > start && run_in_at(text, start, i) {
            // U102-U104: a heading or sentence ran into this word.
            push_span(&mut spans, text, start, i);
            start = i;
            marker = ListMarker::parse(text, start);
            i = marker.end.max(i + c.len_utf8());
            continue;
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
    if i == start {
        // U108: a stray full stop ("\n. New York…") ends nothing.
        return no_cut;
    }
    // Not after an abbreviation or an initial ("A.W. (Tony) England").
    let group = trailing_group(text, run.end)
        .filter(|_| run.others > 0 || run.dots > 1 || !abbreviation_before(text, start, i));
    if let Some(group) = group {
        // U106: "… ARDS. (1,2)", "… Friday. (Photo: AP)" belong to the
        // sentence before; a sentence after the group starts a new unit,
        // a lone word closing the block ("(Getty Images) More") does not,
        // nor does a dash ("Calif. (AP) — The…"). Words in brackets that a
        // lower-case word continues ("[This was because] the…") open the
        // next sentence: the usual rules decide.
        let after = skip_space(text, group.end);
        let next = next_word(text, after);
        let lower = after < text.len() && next.first.is_lowercase();
        if group.numeric || !lower {
            let rest = &text[after..];
            let opens = next.first.is_uppercase()
                || next.first.is_ascii_digit()
                || rest.starts_with(|c: char| is_opener(c) || c == '…');
            let cut = after > group.end
                && after < text.len()
                && opens
                && !starts_dash(rest)
                && !lone_last_word(text, after);
            return Step {
                cut: cut.then_some(group.end),
                resume: group.end,
            };
        }
    }
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
    if after > run.end && starts_dash(&text[after..]) {
        // U106: a dash attribution or afterthought ("#COVID19. — Dr. Jane
        // Roe (@roe) May 1") goes with the sentence before.
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
        return cut_here(!next.first.is_lowercase() || next.address);
    }
    if run.spaced {
        if glued && run.dots >= 4 {
            // "compounds. . . . The": the period ends the sentence, the
            // ellipsis opens the next (an omission at its start).
            // The terminator at `i` may be an ellipsis character: cut after
            // it, on a character boundary.
            let first = text[i..].chars().next().map_or(1, char::len_utf8);
            return Step {
                cut: upper.then_some(i + first),
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
    let plain = run.end == i + 1;
    cut_here(period_ends(text, start, i, &next, plain))
}

/// U106: a bracketed group right after a sentence end (one space at most)
/// that is a reference marker ("(1,3)", "[4–6]") or a credit or aside with
/// no sentence end inside ("(Photo: Kari Dahl, AP)"); returns where it ends.
/// The group closes within [`GROUP_MAX`] bytes on the same line.
fn trailing_group(text: &str, from: usize) -> Option<Group> {
    let rest = text.get(from..)?;
    let rest_trimmed = rest.strip_prefix(' ').unwrap_or(rest);
    let open = rest_trimmed.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let body_start = from + (rest.len() - rest_trimmed.len()) + open.len_utf8();
    let window = bounded(text, body_start, GROUP_MAX);
    let k = window.find([close, open, '\n', '\r'])?;
    if !window[k..].starts_with(close) {
        return None;
    }
    let body = &window[..k];
    if body.trim().is_empty() {
        return None;
    }
    let numeric = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–' | ';'));
    if body.trim_start().starts_with("By ") {
        // "(By Lisa Jucca)": a byline is a unit of its own.
        return None;
    }
    if !numeric {
        // A sentence in brackets ("(See Fig. 2 for details.)") is a unit of
        // its own: no terminator may end a word inside.
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if is_terminator(c) && chars.peek().map_or(true, |n| n.is_whitespace()) {
                return None;
            }
        }
    }
    // The group's own closing punctuation goes with it: "(Jones, 2009).",
    // "(Links: …) )".
    let mut end = body_start + k + close.len_utf8();
    while let Some(c) = text[end..]
        .chars()
        .next()
        .filter(|&c| is_terminator(c) || is_closer(c))
    {
        end += c.len_utf8();
        if end - body_start > GROUP_MAX {
            break;
        }
    }
    Some(Group { end, numeric })
}

/// Whether the word before a period at `i` is an abbreviation or an initial
/// (in a list above, "U.S", "A.W", a single letter).
fn abbreviation_before(text: &str, start: usize, i: usize) -> bool {
    let Some((_, word)) = word_before(text, start, i) else {
        return false;
    };
    let lower = word.to_lowercase();
    [PREPOSITIVE, POSTPOSITIVE, CLOCK]
        .iter()
        .any(|list| list.contains(&lower.as_str()))
        || is_multi_period(word)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// A bracketed group after a sentence end ([`trailing_group`]).
struct Group {
    /// Where the closing bracket ends.
    end: usize,
    /// Only numbers and separators: a reference marker.
    numeric: bool,
}

/// The longest bracketed group [`trailing_group`] attaches, in bytes.
const GROUP_MAX: usize = 2 * LOOK;

/// `text[from..]`, cut to at most `len` bytes on a character boundary.
fn bounded(text: &str, from: usize, len: usize) -> &str {
    let mut end = (from + len).min(text.len());
    while end > from && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(from..end).unwrap_or("")
}

/// Whether the word at `at` is the last thing in the block (nothing but
/// white space after it).
fn lone_last_word(text: &str, at: usize) -> bool {
    let len = text[at..]
        .char_indices()
        .find(|&(k, c)| k >= LOOK || !c.is_alphanumeric())
        .map_or(text.len() - at, |(k, _)| k);
    len > 0 && len < LOOK && skip_space(text, at + len) >= text.len()
}

/// A dash that opens an attribution or an afterthought: an em dash, a
/// horizontal bar or `--` (a spaced en dash often opens navigation text,
/// "– READ MORE", and is left to the usual rules).
fn starts_dash(rest: &str) -> bool {
    rest.starts_with(['—', '―']) || rest.starts_with("--")
}

/// Capitalised words that only open a sentence: after a word that ends in
/// a lower-case letter and before a lower-case word, one of these starts a
/// new unit (U102). He, She, His, Her are left out (capitalised for God in
/// running text), and so are I and A (a pronoun, a letter name).
const RUN_IN_OPENERS: &[&str] = &[
    "it", "its", "our", "the", "their", "there", "these", "they", "this", "those", "we",
];

/// Number words that open a sentence after a run-in heading in lower case
/// ("How it works Two pathways…"); "Part Two of" keeps them (U102).
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// U102-U104: whether a unit ends right before the capital letter at `i`
/// (`i > start`). Every look is bounded by [`LOOK`].
fn run_in_at(text: &str, start: usize, i: usize) -> bool {
    let Some(prev) = text[..i].chars().next_back() else {
        return false;
    };
    let mut ahead = text[i..].chars();
    let (Some(c), Some(n1)) = (ahead.next(), ahead.next()) else {
        return false;
    };
    if !c.is_uppercase() {
        return false;
    }
    if prev == ' ' {
        opener_after_word(text, start, i)
    } else if prev.is_alphabetic() {
        n1.is_lowercase()
            && ahead.next().is_some_and(char::is_lowercase)
            && glued_capital(text, start, i, prev)
    } else {
        false
    }
}

/// U102 and U103: the capitalised word at `i`, after a space, opens a new
/// unit.
fn opener_after_word(text: &str, start: usize, i: usize) -> bool {
    let Some((_, before)) = word_before(text, start, i - 1) else {
        return false;
    };
    // A word or a web address ("…on rt.com The…"): letters, hyphens,
    // apostrophes, dots and slashes, not a number or a list ("a,b,c").
    let wordlike = before
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | '/'));
    if !wordlike || !before.ends_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let before_lower = before.to_lowercase();
    if STARTERS.contains(&before_lower.as_str()) {
        // "…of The", "…and This": a function word does not end a sentence.
        return false;
    }
    let all_lower = before
        .chars()
        .all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’'));
    let rest = &text[i..];
    let len = rest
        .char_indices()
        .find(|&(k, c)| k >= LOOK || !c.is_alphabetic())
        .map_or(rest.len(), |(k, _)| k);
    let word = &rest[..len];
    if len >= LOOK || !word.chars().skip(1).all(char::is_lowercase) {
        return false;
    }
    let mut after = rest[len..].chars();
    let (Some(space), Some(next)) = (after.next(), after.next()) else {
        return false;
    };
    if space != ' ' {
        return false;
    }
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if lower == "by" {
        // U103: "…mixed results By Mara Lind": a byline.
        return all_lower && next.is_uppercase();
    }
    if !next.is_lowercase() {
        return false;
    }
    if NUMBER_WORDS.contains(&lower) {
        // "How it works Two pathways…": only after a short heading in lower
        // case, not in a sentence ("…including Three young…").
        return all_lower && short_heading(&text[start..i]);
    }
    // After a capitalised word only The opens a sentence ("…Satanic Beliefs
    // The head…"); "CNBC Make It in April" is a name.
    RUN_IN_OPENERS.contains(&lower) && (all_lower || lower == "the")
}

/// Whether the unit so far reads as a short heading: at most six words and
/// no comma.
fn short_heading(so_far: &str) -> bool {
    so_far.len() <= LOOK && !so_far.contains(',') && so_far.split_whitespace().count() <= 6
}

/// U104: a word glued to the capitalised word at `i` with no space: a
/// lower-case word of three or more letters ("placeboPatients"), or an
/// upper-case heading that opens the unit ("EARLY RESULTSThe",
/// "SLOW TAKE-UPCopper"). Brand names (iPhone, PubMed, BioNTech), handles
/// and hashtags (@drLee, #stayHome) and addresses are not cut.
fn glued_capital(text: &str, start: usize, i: usize, prev: char) -> bool {
    let mut floor = start.max(i.saturating_sub(LOOK));
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    if prev.is_lowercase() {
        // A short prefix makes a name ("medRxiv", "bioRxiv") unless a word
        // that opens sentences follows ("lawThen").
        let rest = &text[i..];
        let len = rest
            .char_indices()
            .find(|&(k, c)| k >= LOOK || !c.is_alphabetic())
            .map_or(rest.len(), |(k, _)| k);
        let opener = STARTERS.contains(&rest[..len].to_lowercase().as_str());
        let needed = if opener { 3 } else { 4 };
        let mut letters = 0;
        for ch in text[floor..i].chars().rev() {
            if ch.is_alphabetic() {
                if !ch.is_lowercase() {
                    return false;
                }
                letters += 1;
                continue;
            }
            // The word must stand after white space or an opening bracket
            // or quote, not after '@', '#', '/', '.', a digit…
            return letters >= needed && (ch.is_whitespace() || is_opener(ch));
        }
        // The word runs back to the unit's start (or past the bound).
        floor == start && letters >= needed
    } else {
        // An upper-case heading from the unit's start.
        if i - start > 2 * LOOK {
            return false;
        }
        let heading = &text[start..i];
        let capitals_before = heading
            .chars()
            .rev()
            .take_while(|c| c.is_uppercase())
            .count();
        let rest = &text[i..];
        let len = rest
            .char_indices()
            .find(|&(k, c)| k >= LOOK || !c.is_alphabetic())
            .map_or(rest.len(), |(k, _)| k);
        let word = rest[..len].to_lowercase();
        capitals_before >= 2
            && heading.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !heading
                .chars()
                .any(|c| c.is_lowercase() || matches!(c, '/' | '@' | '#'))
            && (heading.contains(' ')
                || RUN_IN_OPENERS.contains(&word.as_str())
                || STARTERS.contains(&word.as_str()))
    }
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
        let closers_from = run.end;
        while let Some(c) = text[run.end..].chars().next().filter(|&c| is_closer(c)) {
            run.end += c.len_utf8();
        }
        if run.end > closers_from {
            // U106: an ellipsis glued after the closing quote ("beds.”… …”We")
            // says the quotation goes on; it stays with this sentence.
            let rest = &text[run.end..];
            let dots = if rest.starts_with('…') {
                '…'.len_utf8()
            } else if rest.starts_with("...") {
                3
            } else {
                0
            };
            if dots > 0
                && rest[dots..]
                    .chars()
                    .next()
                    .map_or(true, char::is_whitespace)
            {
                run.end += dots;
            }
        }
        run
    }
}

/// The word after a candidate boundary, past opening quotes and brackets.
struct NextWord<'a> {
    first: char,
    word: &'a str,
    /// The word is a web address (U105): it starts a unit even in lower case.
    address: bool,
}

/// Web address openings that start a unit after a sentence end (U105).
const ADDRESSES: &[&str] = &["http://", "https://", "www.", "pic.twitter.com/"];

fn next_word(text: &str, from: usize) -> NextWord<'_> {
    let mut pos = from;
    // Opening quotes and brackets, and an ellipsis that opens the sentence
    // with an omission ("…”We’ve never…", as scraped with a closing quote).
    while let Some(c) = text[pos..]
        .chars()
        .next()
        .filter(|&c| is_opener(c) || matches!(c, '…' | '.' | '”' | '’'))
    {
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
        address: ADDRESSES.iter().any(|a| text[from..].starts_with(a)),
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
/// the sentence begun at `start`. `plain`: nothing follows the period before
/// the white space (no closing quote or bracket).
fn period_ends(text: &str, start: usize, i: usize, next: &NextWord, plain: bool) -> bool {
    let Some((word_start, word)) = word_before(text, start, i) else {
        // Longer than any abbreviation: an ordinary word, which ends a
        // sentence before anything but lower case.
        return !next.first.is_lowercase() || next.address;
    };
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if next.address {
        // U105: "…by Fall. https://t.co/…", but not "see Fig. www…".
        return !PREPOSITIVE.contains(&lower);
    }
    if next.first.is_lowercase() {
        // U105: "…it worked. in most cases…"; not after an abbreviation
        // ("et al. found", "e.g. the") or a quotation ("'It is.' she said").
        return plain && lower_opener_follows(word, lower, next);
    }
    if word.is_empty() {
        return true;
    }
    if word.len() > 8 && !word.contains('.') {
        // Longer than any abbreviation: an ordinary word.
        return true;
    }
    let upper = next.first.is_uppercase();
    let starter = || STARTERS.contains(&next.word.to_lowercase().as_str());
    let acronym = is_upper_word(word) && !is_upper_word(next.word);
    if PREPOSITIVE.contains(&lower) && !acronym {
        // A title; U107: but an upper-case word is an acronym ("with MS.
        // Melatonin…") unless the text goes on in capitals ("DR. SMITH").
        false
    } else if POSTPOSITIVE.contains(&lower) {
        upper
    } else if CLOCK.contains(&lower) {
        // "6 P.M. Mr. Smith then…", "at 6 p.m. They…", but not "4 p.m.
        // Monday", "1 p.m. ET" or "10 a.m. Dakar time".
        let title = PREPOSITIVE.contains(&next.word.to_lowercase().as_str());
        (starter() || title) && !only_time_phrase(&text[start..word_start])
    } else if is_multi_period(word) {
        // U.S., Ph.D.
        starter()
    } else if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        // E. (an initial) or I (the pronoun); U107: the letter of a vitamin,
        // a virus type or a plan ("vitamin D. Patients…") ends like a word.
        starter() || letter_names_thing(text, start, word_start)
    } else {
        true
    }
}

/// Nouns that take a capital letter as their name ("vitamin D", "hepatitis
/// B", "type A", "plan B"): a letter after one is not an initial (U107).
const LETTER_NOUNS: &[&str] = &[
    "appendix",
    "category",
    "class",
    "flu",
    "grade",
    "group",
    "hepatitis",
    "influenza",
    "level",
    "option",
    "part",
    "phase",
    "plan",
    "schedule",
    "section",
    "stage",
    "strain",
    "subtype",
    "tier",
    "type",
    "vitamin",
    "vitamins",
    "wave",
    "zone",
];

/// Abbreviations that are followed by a lower-case word ("incl. the",
/// "approx. two"), beside the lists above: a period after one never ends a
/// sentence before lower case (U105).
const BEFORE_LOWER: &[&str] = &[
    "abbr", "approx", "assoc", "cont", "esp", "excl", "ibid", "incl", "intl", "misc", "natl",
    "orig", "prev", "resp", "viz",
];

/// Whether the single letter at `letter_start` follows a noun it names
/// (U107).
fn letter_names_thing(text: &str, start: usize, letter_start: usize) -> bool {
    let before = text[start..letter_start].trim_end_matches(' ');
    let end = start + before.len();
    if end == letter_start {
        return false;
    }
    word_before(text, start, end)
        .is_some_and(|(_, w)| LETTER_NOUNS.contains(&w.to_lowercase().as_str()))
}

/// U105: whether a plain word before a period and a lower-case sentence
/// opener after it ("…doubled. in most cases…") make a sentence end: the word
/// is an ordinary lower-case word of four or more letters with a vowel, not
/// an abbreviation, and the next word is one that opens sentences.
fn lower_opener_follows(word: &str, lower: &str, next: &NextWord) -> bool {
    let letters = word.chars().count();
    letters >= 4
        && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && word.contains(['a', 'e', 'i', 'o', 'u', 'y'])
        && ![PREPOSITIVE, POSTPOSITIVE, CLOCK, BEFORE_LOWER]
            .iter()
            .any(|list| list.contains(&lower))
        && STARTERS.contains(&next.word)
}

/// A word of two or more letters, all upper case ("MS", "COPD").
fn is_upper_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
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

    #[test]
    fn an_ellipsis_character_before_spaced_dots_cuts_on_a_char_boundary() {
        // Found by the property test: "…. . ." glued to a word.
        let text = "It research shows…. . . \"GDMX ...” Cs help? é Mr. é";
        for (s, e) in sentence_spans(text) {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }

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

    /// The units of `text` through the whole plain-text path (line grouping,
    /// the headline, the splitter).
    fn article_units(text: &str) -> Vec<String> {
        let doc = crate::pipeline::ingest::from_bytes(
            std::path::Path::new("rule.txt"),
            text.as_bytes().to_vec(),
            crate::pipeline::ingest::InputFormat::Text,
        )
        .unwrap();
        segment(&doc)
            .iter()
            .map(|u| doc.source[u.start..u.end].to_string())
            .collect()
    }

    #[test]
    fn every_news_rule_gives_its_examples() {
        let mut failures = Vec::new();
        for rule in RULES {
            assert!(!rule.examples.is_empty(), "{} has no example", rule.id);
            for (text, expected) in rule.examples {
                let got = article_units(text);
                if got != *expected {
                    failures.push(format!(
                        "{} ({}): {text:?}\n  expected {expected:?}\n  got      {got:?}",
                        rule.id, rule.name
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn news_rule_ids_are_unique_and_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert!(RULES
            .iter()
            .all(|r| r.id.starts_with('U') && !r.summary.is_empty()));
    }

    #[test]
    fn run_in_openers_need_a_lower_case_word_on_both_sides() {
        // U102: names and titles keep their capitals.
        for text in [
            "She read it in The Lancet and The New York Times.",
            "He works for CNBC Make It in New York.",
            "They met on the set of This Is Us last year.",
            "Praise Him for His mercy and trust in Him always.",
            "The vote was about Plan A and Vitamin A levels.",
            "Details at nih,gov,uk The trial was registered.",
        ] {
            assert_eq!(split(text), [text], "{text}");
        }
        assert_eq!(
            split("Cases rose sharply It was the worst week yet."),
            ["Cases rose sharply", "It was the worst week yet."]
        );
        // A number word ends only a short heading in lower case.
        assert_eq!(
            split("Six civilians, including Three young girls, were hurt."),
            ["Six civilians, including Three young girls, were hurt."]
        );
    }

    #[test]
    fn glued_words_spare_names_handles_and_addresses() {
        // U104.
        for text in [
            "Papers on medRxiv and bioRxiv cite the eHealth and mHealth data.",
            "See https://example.org/fooBar or email jane.doeSmith@example.org now.",
            "Follow @WHOTedros and #WearAMask on YouTube and PubMed.",
            "COVIDSafe users and the USAToday staff agreed.",
        ] {
            assert_eq!(split(text), [text], "{text}");
        }
        assert_eq!(
            split("It was signed into lawThen the virus came."),
            ["It was signed into law", "Then the virus came."]
        );
    }

    #[test]
    fn lower_case_after_a_full_stop_only_with_an_opener() {
        // U105: abbreviations and unknown words before lower case keep going.
        for text in [
            "Mix approx. two cups, incl. the water, e.g. from the tap.",
            "Smith et al. found the same.",
            "It rose 5 mg. per day.",
            "The ship sailed. officials said nothing.",
        ] {
            assert_eq!(split(text), [text], "{text}");
        }
        assert_eq!(
            split("Nobody knew the reason. there was no plan."),
            ["Nobody knew the reason.", "there was no plan."]
        );
        assert_eq!(
            split("Read it at www.example.org. www.example.org/more has more."),
            [
                "Read it at www.example.org.",
                "www.example.org/more has more."
            ]
        );
    }

    #[test]
    fn trailing_groups_and_what_follows_them() {
        // U106.
        assert_eq!(
            split("It fell in 2019. (Smith, 2020). Then it rose."),
            ["It fell in 2019. (Smith, 2020).", "Then it rose."]
        );
        assert_eq!(
            split("It was common. (See Fig. 2 for the data.) Then it rose."),
            [
                "It was common.",
                "(See Fig. 2 for the data.)",
                "Then it rose."
            ]
        );
        assert_eq!(
            split("It rose. [This was because] the rules changed."),
            ["It rose.", "[This was because] the rules changed."]
        );
        assert_eq!(
            split("It rose. (By Lisa Moor)"),
            ["It rose.", "(By Lisa Moor)"]
        );
        assert_eq!(
            split("OSLO, Norway. (AP) — The clinics reopened."),
            ["OSLO, Norway. (AP) — The clinics reopened."]
        );
        assert_eq!(
            split("Cited here. (Jones 2011), and again."),
            ["Cited here. (Jones 2011), and again."]
        );
        assert_eq!(split("It works. – READ MORE"), ["It works.", "– READ MORE"]);
    }

    #[test]
    fn stray_stops_and_ellipses_open_the_next_unit() {
        // U108 and the style-guide ellipsis: spaced dots after a full stop
        // open the next sentence.
        assert_eq!(
            split("“It is not representative. ... They sample fast.”"),
            ["“It is not representative.", "... They sample fast.”"]
        );
        assert_eq!(split("? Heavy rain fell."), ["? Heavy rain fell."]);
    }

    #[test]
    fn looks_stay_on_character_boundaries() {
        // Regression: the look back of U104 started inside a curly quote
        // 64 bytes before a capital ("…DeSantis’ briefing…").
        for pad in 0..8 {
            let text = format!(
                "{}’’’’’’’’’’’’’’’’’’’’’’aaaaB{} ICYMI a recap of Gov. DeSantis’ briefing today",
                "x".repeat(pad),
                "é".repeat(pad)
            );
            let spans = sentence_spans(&text);
            assert!(spans
                .iter()
                .all(|&(s, e)| text.is_char_boundary(s) && text.is_char_boundary(e)));
            let glued = format!(
                "{}{}Ab and {}.Cd",
                "’".repeat(30),
                "é".repeat(pad),
                "’".repeat(40)
            );
            sentence_spans(&glued);
            let group = format!("It ends. ({}", "é".repeat(70 + pad));
            sentence_spans(&group);
        }
    }

    #[test]
    fn list_marker_stays_with_first_sentence() {
        assert_eq!(
            split("1. Pain Relief: It helps. It lasts."),
            ["1. Pain Relief: It helps.", "It lasts."]
        );
    }
}
