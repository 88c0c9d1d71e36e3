//! Words of a unit, found once: the sources stage reads tokens, never
//! rescans the text with patterns.
//!
//! A token is a word (letters and digits, with inner apostrophes and
//! hyphens: "O'Neil", "co-author"), a number ("1,162", "0.7") or one
//! punctuation character. Each word is looked up once in the word lists
//! ([`Words`]), so every later test of "is this a speech verb, a title, a
//! study noun" is a bit test. ASCII text takes a fast path with no
//! allocation; other words are lower-cased into a reused buffer.

use crate::pipeline::lexicon::words::{List, Words};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// One punctuation or symbol character (quotation marks included).
    Punct(char),
}

/// One token: byte offsets into the unit's text and what is known of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Word lists the lower-cased word belongs to ([`List::bit`]).
    pub lists: u32,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper case ("FDA", "NIH").
    pub upper: bool,
    /// Inside a direct quotation (set by the caller).
    pub quoted: bool,
}

impl Tok {
    /// Whether the token is in a word list.
    pub fn is(&self, list: List) -> bool {
        self.lists & list.bit() != 0
    }

    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// The token's text.
    pub fn text<'a>(&self, unit: &'a str) -> &'a str {
        unit.get(self.start..self.end).unwrap_or("")
    }
}

/// Longest word looked up in the lists; longer ones are in none.
const MAX_LOOKUP: usize = 48;

/// Splits a unit's text into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, words: &Words, out: &mut Vec<Tok>) {
    out.clear();
    let mut lower = String::with_capacity(MAX_LOOKUP);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        // A dotted acronym ("C.D.C.", "N.I.H.") is one word.
        if let Some(end) = dotted_acronym(text, start) {
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            out.push(Tok {
                start,
                end,
                kind: Kind::Word,
                lists: 0,
                cap: true,
                upper: true,
                quoted: false,
            });
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            let mut letters = usize::from(c.is_alphabetic());
            let mut uppers = usize::from(c.is_uppercase());
            let mut digits_only = c.is_ascii_digit();
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    letters += usize::from(n.is_alphabetic());
                    uppers += usize::from(n.is_uppercase());
                    digits_only &= n.is_ascii_digit();
                    end = i + n.len_utf8();
                    chars.next();
                    continue;
                }
                // Inner joiners: an apostrophe or hyphen between letters, a
                // comma or point between digits ("1,162", "0.7").
                let joins = match n {
                    '\'' | '’' | '-' => !digits_only,
                    ',' | '.' => digits_only,
                    _ => false,
                };
                if !joins {
                    break;
                }
                let after = text[i + n.len_utf8()..].chars().next();
                let continues = after.is_some_and(|a| {
                    if digits_only {
                        a.is_ascii_digit()
                    } else {
                        a.is_alphanumeric()
                    }
                });
                if !continues {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            let kind = if digits_only {
                Kind::Number
            } else {
                Kind::Word
            };
            let lists = if kind == Kind::Word && word.len() <= MAX_LOOKUP {
                lower.clear();
                if word.is_ascii() {
                    lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lower.extend(word.chars().flat_map(char::to_lowercase));
                    // A curly apostrophe looks up as a straight one.
                    if lower.contains('’') {
                        lower = lower.replace('’', "'");
                    }
                }
                words.mask(&lower)
            } else {
                0
            };
            out.push(Tok {
                start,
                end,
                kind,
                lists,
                cap: c.is_uppercase(),
                upper: letters >= 2 && uppers == letters,
                quoted: false,
            });
        } else {
            out.push(Tok {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(c),
                lists: 0,
                cap: false,
                upper: false,
                quoted: false,
            });
        }
    }
}

/// The end of a dotted acronym starting at `start`: two or more capital
/// letters each followed by a point ("U.S.", "C.D.C.").
fn dotted_acronym(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut k = start;
    let mut letters = 0;
    while k + 1 < bytes.len() && bytes[k].is_ascii_uppercase() && bytes[k + 1] == b'.' {
        letters += 1;
        k += 2;
    }
    // Not "A. Smith" (one initial) and not the start of a longer word.
    let next_is_letter = bytes.get(k).is_some_and(|b| b.is_ascii_alphanumeric());
    (letters >= 2 && !next_is_letter).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::lexicon::words::parse_list;

    fn words() -> Words {
        Words::new(vec![parse_list(
            "w/words/speech-verbs.toml",
            "list = \"speech-verbs\"\nsummary = \"s\"\ndoc = \"d\"\nwords = [\"said\", \"o'neil\"]\n",
        )
        .unwrap()])
    }

    #[test]
    fn words_numbers_and_punctuation() {
        let text = "“It works,” said Dr. O’Neil of 1,162 co-authors (FDA).";
        let mut toks = Vec::new();
        tokenize(text, &words(), &mut toks);
        let shown: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            shown,
            [
                "“",
                "It",
                "works",
                ",",
                "”",
                "said",
                "Dr",
                ".",
                "O’Neil",
                "of",
                "1,162",
                "co-authors",
                "(",
                "FDA",
                ")",
                "."
            ]
        );
        assert!(toks[5].is(List::SpeechVerb));
        assert!(
            toks[8].is(List::SpeechVerb),
            "curly apostrophe looks up as straight"
        );
        assert_eq!(toks[10].kind, Kind::Number);
        assert!(toks[13].upper && toks[13].cap);
        assert!(!toks[6].upper, "one letter upper is not an acronym");
    }

    #[test]
    fn dotted_acronyms_are_one_word() {
        let text = "The C.D.C. advises it; Anne K. Oduya agrees.";
        let mut toks = Vec::new();
        tokenize(text, &Words::default(), &mut toks);
        let shown: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            shown,
            ["The", "C.D.C.", "advises", "it", ";", "Anne", "K", ".", "Oduya", "agrees", "."]
        );
        assert!(toks[1].upper);
    }

    #[test]
    fn a_trailing_point_or_hyphen_is_not_joined() {
        let text = "in 2019. well- known";
        let mut toks = Vec::new();
        tokenize(text, &Words::default(), &mut toks);
        let shown: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(shown, ["in", "2019", ".", "well", "-", "known"]);
    }
}
