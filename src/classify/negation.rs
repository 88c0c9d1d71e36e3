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
const WINDOW: usize = 5;

/// The byte span of a negator governing the text that starts at `at`, if any.
pub fn negator_before(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text.get(..at)?;
    // Stop at clause punctuation.
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '—' | '–'))
        .map_or(0, |(i, c)| i + c.len_utf8());
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
