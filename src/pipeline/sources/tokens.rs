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

    /// Whether the token is one of `words` (lower case), ignoring ASCII
    /// case: no allocation, for the short fixed lists the frames test.
    pub fn lower_in(&self, unit: &str, words: &[&str]) -> bool {
        let w = self.text(unit);
        words
            .iter()
            .any(|x| x.len() == w.len() && x.eq_ignore_ascii_case(w))
    }

    /// Whether the token is a first- or second-person pronoun (I, we, you,
    /// my, our, your, me, us, and I'm, I've, I'd, myself): a writer's own
    /// voice.
    pub fn is_person_pronoun(&self, unit: &str) -> Option<Person> {
        let w = self.text(unit);
        if !self.is_word() || w.len() > 8 {
            return None;
        }
        if !matches!(
            w.as_bytes().first(),
            Some(b'i' | b'I' | b'm' | b'M' | b'w' | b'W' | b'o' | b'O' | b'u' | b'U' | b'y' | b'Y')
        ) {
            return None;
        }
        let mut buf = [0u8; 8];
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        match &buf[..w.len()] {
            b"i" | b"me" | b"my" | b"myself" | b"i'm" | b"i've" | b"i'd" => Some(Person::First),
            b"i\xe2\x80\x99m" | b"i\xe2\x80\x99ve" | b"i\xe2\x80\x99d" => Some(Person::First),
            b"we" | b"our" | b"us" | b"you" | b"your" => Some(Person::Other),
            _ => None,
        }
    }

    /// The token's text.
    pub fn text<'a>(&self, unit: &'a str) -> &'a str {
        unit.get(self.start..self.end).unwrap_or("")
    }
}

/// Which person a pronoun speaks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    /// I, me, my.
    First,
    /// we, our, us, you, your.
    Other,
}

/// Longest word looked up in the lists; longer ones are in none.
const MAX_LOOKUP: usize = 48;

/// Splits a unit's text into tokens, appending to `out` (cleared first).
///
/// Bytes are read directly while they are ASCII (most of any English
/// article); a character is decoded only where a byte is not.
pub fn tokenize(text: &str, words: &Words, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut lower = String::with_capacity(MAX_LOOKUP);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b < 0x80 {
            char::from(b)
        } else {
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => c,
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        // A dotted acronym ("C.D.C.", "N.I.H.") is one word.
        if let Some(end) = c
            .is_ascii_uppercase()
            .then(|| dotted_acronym(text, start))
            .flatten()
        {
            out.push(Tok {
                start,
                end,
                kind: Kind::Word,
                lists: 0,
                cap: true,
                upper: true,
                quoted: false,
            });
            i = end;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(c),
                lists: 0,
                cap: false,
                upper: false,
                quoted: false,
            });
            i += c.len_utf8();
            continue;
        }
        let (end, letters, uppers, digits_only) = word_end(text, start);
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
        i = end;
    }
}

/// Where the word starting at `start` ends, with its letter count, its
/// upper-case letter count and whether it is all digits. Inner joiners: an
/// apostrophe or hyphen between letters, a comma or point between digits
/// ("1,162", "0.7").
fn word_end(text: &str, start: usize) -> (usize, usize, usize, bool) {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut letters = 0;
    let mut uppers = 0;
    let mut digits_only = true;
    loop {
        // The ASCII run first, byte by byte.
        while let Some(&b) = bytes.get(end) {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            if b.is_ascii_alphabetic() {
                letters += 1;
                digits_only = false;
                uppers += usize::from(b.is_ascii_uppercase());
            }
            end += 1;
        }
        let Some(n) = text.get(end..).and_then(|t| t.chars().next()) else {
            break;
        };
        if n.is_alphanumeric() {
            // A letter or digit outside ASCII ("é", "ü").
            letters += usize::from(n.is_alphabetic());
            uppers += usize::from(n.is_uppercase());
            digits_only &= n.is_ascii_digit();
            end += n.len_utf8();
            continue;
        }
        let joins = match n {
            '\'' | '’' | '-' => !digits_only,
            ',' | '.' => digits_only,
            _ => false,
        };
        if !joins || end == start {
            break;
        }
        let after = text[end + n.len_utf8()..].chars().next();
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
        end += n.len_utf8();
    }
    (end, letters, uppers, digits_only)
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
