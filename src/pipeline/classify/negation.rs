//! Negation and limitation scope for absolute markers.

/// Words that negate or limit what follows them in the same clause.
const NEGATORS: &[&str] = &[
    "no",
    "not",
    "without",
    "cannot",
    "nor",
    "hardly",
    "barely",
    "little",
    "minimal",
    "few",
    "lack",
    "lacks",
    "lacking",
    "none",
    "neither",
    "nothing",
    "unlikely",
    "rarely",
    "seldom",
    "hard",
    "difficult",
    "impossible",
];

/// Word pairs that start with a negator but do not negate.
const NOT_NEGATIONS: &[(&str, &str)] = &[
    ("not", "only"),
    ("not", "just"),
    ("no", "matter"),
    ("no", "wonder"),
    ("no", "longer"),
];

/// Words that end a clause: negation does not reach past them.
const CLAUSE_BREAKS: &[&str] = &[
    "and", "but", "or", "while", "although", "though", "because", "whereas", "yet",
];

/// How many words before a marker a negation may stand.
const WINDOW: usize = 6;

/// The byte span of a negator governing the text that starts at `at`, if any.
pub fn negator_before(text: &str, at: usize) -> Option<(usize, usize)> {
    text.get(..at)?;
    // Only the last few words can hold the negator: looking further back
    // for the clause start would make a long unit with many hits quadratic.
    let window = window_before(text, at, LOOK_BACK);
    crate::work::add(at - window);
    let before = &text[..at];
    // Stop at clause punctuation.
    let clause_start = before[window..]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '—' | '–'))
        .map_or(window, |(i, c)| window + i + c.len_utf8());
    let clause = &before[clause_start..];
    let words: Vec<(usize, &str)> = word_spans(clause).collect();
    for (k, &(off, word)) in words.iter().rev().take(WINDOW).enumerate() {
        let lower = word.to_lowercase();
        if CLAUSE_BREAKS.contains(&lower.as_str()) {
            return None;
        }
        let negates =
            NEGATORS.contains(&lower.as_str()) || lower.ends_with("n't") || lower.ends_with("n’t");
        if negates {
            let next = words.get(words.len() - k).map(|w| w.1.to_lowercase());
            let idiom =
                next.is_some_and(|n| NOT_NEGATIONS.iter().any(|(a, b)| *a == lower && *b == n));
            if !idiom {
                let start = clause_start + off;
                return Some((start, start + word.len()));
            }
        }
    }
    None
}

/// How far back, in bytes, a look for the words before a phrase goes:
/// room for [`WINDOW`] words of any ordinary length, and a bound that keeps
/// each look constant-time however long the unit is.
pub const LOOK_BACK: usize = 256;

/// The start of the window of at most `max` bytes before `at`, moved
/// forward to a character boundary and past a word the window would cut,
/// so the window holds whole words only.
pub fn window_before(text: &str, at: usize, max: usize) -> usize {
    let mut start = at.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start == 0 {
        return 0;
    }
    let cut_word = text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if cut_word {
        // Skip the rest of the cut word.
        start += text[start..at]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(at - start);
    }
    start
}

/// Words with their byte offsets (letters, digits, apostrophes).
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let skip = rest.find(|c: char| c.is_alphanumeric())?;
        let start = pos + skip;
        let len = text[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .unwrap_or(text.len() - start);
        pos = start + len;
        Some((start, &text[start..start + len]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_before_holds_whole_words_on_char_boundaries() {
        let t = "ééééé not proven";
        let at = t.find("proven").unwrap();
        let w = window_before(t, at, 6);
        assert_eq!(&t[w..at], " not ");
        assert_eq!(window_before(t, at, 100), 0);
        // A cut word is skipped, not read as a shorter word.
        let t = "cannot proven";
        assert_eq!(&t[window_before(t, 7, 4)..7], " ");
    }

    #[test]
    fn a_negator_is_found_at_the_end_of_a_long_clause() {
        let t = "word ".repeat(10_000) + "is not proven";
        let at = t.find("proven").unwrap();
        let (s, e) = negator_before(&t, at).unwrap();
        assert_eq!(&t[s..e], "not");
    }

    fn negated(text: &str, marker: &str) -> bool {
        negator_before(text, text.find(marker).unwrap()).is_some()
    }

    #[test]
    fn negations_in_scope() {
        assert!(negated("There is no cure for it.", "cure"));
        assert!(negated("It is not always painless.", "always"));
        assert!(negated("It doesn't cure anything.", "cure"));
        assert!(negated("There is no proven cure.", "cure"));
    }

    #[test]
    fn out_of_scope_or_idioms() {
        assert!(!negated("It is not only painless but quick.", "painless"));
        assert!(!negated(
            "No vaccine exists, and it always spreads.",
            "always"
        ));
        assert!(!negated("It cures pain.", "cures"));
    }
}
