//! Direct quotations across units and paragraphs.
//!
//! A quotation opens at “ « or a straight " and closes at ” » or the next
//! straight ". One left open at the end of a paragraph goes on in the next
//! paragraph when that opens with a quotation mark (the news convention);
//! otherwise it ends with its paragraph. Each unit learns which of its byte
//! ranges are quoted, so speaker frames are read outside quotations only.

use crate::pipeline::segment::Unit;

/// A direct quotation: the units it covers and what its words look like.
#[derive(Debug, Default, Clone)]
pub struct Quotation {
    pub units: Vec<usize>,
    pub words: usize,
    /// Words of four letters or more, and how many are capitalised: a
    /// quotation in title case names a title, it does not report speech.
    long_words: usize,
    capitalised: usize,
    /// Introduced by "titled", "called"…: a title too.
    introduced_as_title: bool,
}

impl Quotation {
    /// Whether the quotation is a title rather than speech.
    pub fn is_title(&self) -> bool {
        self.introduced_as_title
            || (self.units.len() == 1
                && self.long_words >= 2
                && self.capitalised * 10 >= self.long_words * 7)
    }
}

/// The quotations of an article, and for each unit its quoted byte ranges
/// (sorted, into the unit's text; quotation marks included).
#[derive(Debug, Default)]
pub struct Quotes {
    pub quotations: Vec<Quotation>,
    pub ranges: Vec<Vec<(usize, usize)>>,
}

/// Title verbs a quotation may follow ("a paper titled “…”").
const TITLE_VERBS: [&str; 5] = ["titled", "entitled", "called", "headlined", "named"];

/// How far back the title check looks, in bytes: the longest title verb
/// ("headlined") is nine.
const LAST_WORD_MAX: usize = 16;

/// Finds the quotations of an article.
pub fn find(units: &[Unit], texts: &[&str]) -> Quotes {
    let mut out = Quotes {
        quotations: Vec::new(),
        ranges: Vec::with_capacity(units.len()),
    };
    let mut open: Option<usize> = None;
    for (i, (u, text)) in units.iter().zip(texts).enumerate() {
        let new_block = i == 0 || units[i - 1].block != u.block;
        if new_block && open.is_some() && !text.trim_start().starts_with(['“', '"', '«']) {
            open = None;
        }
        // Most units hold no quotation mark and are in no quotation.
        if open.is_none() && !text.contains(['“', '”', '"', '«', '»']) {
            out.ranges.push(Vec::new());
            continue;
        }
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        // Where the current quoted range began in this unit.
        let mut from = open.map(|_| 0);
        let lead = text.len() - text.trim_start().len();
        let mut prev_alnum = false;
        for (at, c) in text.char_indices() {
            let mark = matches!(c, '“' | '”' | '"' | '«' | '»');
            if mark && new_block && at == lead && open.is_some() {
                // The opening mark of a quotation running on from the
                // paragraph before.
                prev_alnum = false;
                continue;
            }
            let opens = matches!(c, '“' | '«') || (c == '"' && open.is_none());
            let closes = matches!(c, '”' | '»') || (c == '"' && open.is_some());
            if opens && open.is_none() {
                let before = last_word(&text[..at]).to_lowercase();
                out.quotations.push(Quotation {
                    introduced_as_title: TITLE_VERBS.iter().any(|w| before.ends_with(w)),
                    ..Quotation::default()
                });
                open = Some(out.quotations.len() - 1);
                from = Some(at);
            } else if closes && open.is_some() {
                open = None;
                if let Some(f) = from.take() {
                    ranges.push((f, at + c.len_utf8()));
                }
            } else if let Some(q) = open {
                let quotation = &mut out.quotations[q];
                if quotation.units.last() != Some(&i) {
                    quotation.units.push(i);
                }
                if c.is_alphanumeric() && !prev_alnum {
                    quotation.words += 1;
                    let word_len = text[at..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric())
                        .take(4)
                        .count();
                    if word_len > 3 {
                        quotation.long_words += 1;
                        if c.is_uppercase() {
                            quotation.capitalised += 1;
                        }
                    }
                }
            }
            prev_alnum = c.is_alphanumeric();
        }
        if let Some(f) = from {
            ranges.push((f, text.len()));
        }
        out.ranges.push(ranges);
    }
    out
}

/// The last word of a text, trailing white space ignored, cut to
/// [`LAST_WORD_MAX`] bytes so the cost does not grow with the text.
fn last_word(text: &str) -> &str {
    let t = text.trim_end();
    let mut start = t.len();
    for (i, c) in t.char_indices().rev() {
        if !c.is_alphanumeric() || t.len() - i > LAST_WORD_MAX {
            break;
        }
        start = i;
    }
    &t[start..]
}

/// Whether a byte offset lies in one of a unit's quoted ranges.
pub fn is_quoted(ranges: &[(usize, usize)], at: usize) -> bool {
    let i = ranges.partition_point(|&(_, e)| e <= at);
    ranges.get(i).is_some_and(|&(s, _)| s <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(block: usize, len: usize) -> Unit {
        Unit {
            start: 0,
            end: len,
            block,
            text_start: 0,
            text_end: len,
        }
    }

    #[test]
    fn a_quotation_runs_over_units_and_paragraphs() {
        let texts = [
            "“It works.",
            "Nobody got worse,” said Dr. Lee.",
            "“We will go on.",
            "“And on,” she said.",
            "Done.",
        ];
        let units = [
            unit(0, texts[0].len()),
            unit(0, texts[1].len()),
            unit(1, texts[2].len()),
            unit(2, texts[3].len()),
            unit(3, texts[4].len()),
        ];
        let q = find(&units, &texts);
        assert_eq!(q.quotations.len(), 2);
        assert_eq!(q.quotations[0].units, vec![0, 1]);
        assert_eq!(q.quotations[1].units, vec![2, 3]);
        assert!(is_quoted(&q.ranges[1], 0));
        assert!(!is_quoted(&q.ranges[1], texts[1].find("said").unwrap()));
        assert!(q.ranges[4].is_empty());
    }

    #[test]
    fn titles_are_not_speech() {
        let texts = [
            "She wrote a paper titled “Could it help”.",
            "Read “Why Acupuncture May Work”.",
        ];
        let units = [unit(0, texts[0].len()), unit(1, texts[1].len())];
        let q = find(&units, &texts);
        assert!(q.quotations.iter().all(Quotation::is_title));
    }
}
