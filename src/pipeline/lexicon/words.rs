//! Word lists: the vocabulary the context stages read, as data files.
//!
//! The sources stage (speakers, pointers, studies) and the scope rule
//! decide by the words around a hit: verbs of saying, titles before a name,
//! nouns that point back to a study, words of health. Those words live in
//! `lexicons/words/<list>.toml`, one file per list, so an editor can read
//! and extend them like any lexicon entry; a house folder's `words/` files
//! add words to (or `remove` words from) the built-in lists by name, as
//! Vale's styles extend one another.
//!
//! Every list is compiled into one table keyed by the lower-cased word, so
//! a token is looked up once and learns every list it belongs to (a
//! bitmask). A word ending in `*` is a prefix ("vaccin*" matches
//! "vaccine", "vaccination"); prefixes are kept by length, so a lookup costs
//! one hash probe per distinct prefix length, never a loop over words.

use std::collections::BTreeMap;

// Every token of every unit is looked up: a fast non-cryptographic hash
// (the keys are our own word lists, not attacker-chosen).
use rustc_hash::FxHashMap as HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::error::LexiconError;

/// The lists the stages know, each a bit in a token's mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum List {
    /// Verbs by which a source says, writes or reports ("said", "told").
    SpeechVerb,
    /// Verbs by which a source finds or does what a study does ("found",
    /// "tested", "enrolled"): a pronoun or pointer before one attributes a
    /// claim or a method to a source.
    SourceVerb,
    /// Titles before a name ("Dr", "Professor", "Sen").
    Title,
    /// Role nouns in an apposition or before a name ("virologist", "lead
    /// author", "spokeswoman").
    RoleNoun,
    /// Capitalised words that never name a source ("The", "Monday").
    NotName,
    /// Nouns that point back to a study or its report ("study", "findings").
    StudyNoun,
    /// Nouns that point back to the people behind a study or source
    /// ("researchers", "authors", "team").
    PeopleNoun,
    /// Nouns that point back to an organisation ("company", "agency").
    OrgNoun,
    /// Determiners that make a pointer definite ("the", "these", "their").
    PointerDeterminer,
    /// The last word of an organisation's name ("University", "Institute").
    OrgHead,
    /// Words of a study's design ("randomized", "double-blind", "cohort").
    DesignWord,
    /// Nouns that count a study's sample ("patients", "participants").
    SampleNoun,
    /// Adjectives of a country or people ("Chinese", "German").
    Nationality,
    /// Words that put a unit inside the guide's scope: health, treatment,
    /// safety and evidence ("vaccine", "symptoms", "study").
    HealthTerm,
    /// Words that stand between a speaker and the verb ("also", "has").
    SpeechFiller,
    /// Words of a personal, legal, political or business aside
    /// ("mayor", "lawsuit", "business", "traffic").
    AsideTerm,
    /// Verbs that open an instruction ("Wash", "Consult", "Avoid").
    ImperativeVerb,
    /// Numbers written as words ("six", "sixty", "dozens").
    NumberWord,
    /// Adjectives that rate an outcome ("the best results"): a study noun
    /// after one names outcomes in general, not a source's findings.
    EvaluativeWord,
}

impl List {
    /// Every list, in file-name order.
    pub const ALL: [List; 19] = [
        List::SpeechVerb,
        List::SourceVerb,
        List::Title,
        List::RoleNoun,
        List::NotName,
        List::StudyNoun,
        List::PeopleNoun,
        List::OrgNoun,
        List::PointerDeterminer,
        List::OrgHead,
        List::DesignWord,
        List::SampleNoun,
        List::Nationality,
        List::HealthTerm,
        List::SpeechFiller,
        List::AsideTerm,
        List::ImperativeVerb,
        List::NumberWord,
        List::EvaluativeWord,
    ];

    /// The list's name, as in its file's `list = "..."`.
    pub fn as_str(self) -> &'static str {
        match self {
            List::SpeechVerb => "speech-verbs",
            List::SourceVerb => "source-verbs",
            List::Title => "titles",
            List::RoleNoun => "role-nouns",
            List::NotName => "not-names",
            List::StudyNoun => "study-nouns",
            List::PeopleNoun => "people-nouns",
            List::OrgNoun => "org-nouns",
            List::PointerDeterminer => "pointer-determiners",
            List::OrgHead => "org-heads",
            List::DesignWord => "design-words",
            List::SampleNoun => "sample-nouns",
            List::Nationality => "nationalities",
            List::HealthTerm => "health-terms",
            List::SpeechFiller => "speech-fillers",
            List::AsideTerm => "aside-terms",
            List::ImperativeVerb => "imperative-verbs",
            List::NumberWord => "number-words",
            List::EvaluativeWord => "evaluative-words",
        }
    }

    /// This list's bit in a token's mask.
    pub const fn bit(self) -> u32 {
        1 << (self as u32)
    }

    fn parse(name: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// One list file, checked.
#[derive(Debug, Clone)]
pub struct WordList {
    pub list: List,
    pub summary: String,
    pub doc: String,
    /// Lower-case words; a trailing `*` marks a prefix.
    pub words: Vec<String>,
    /// Words a house file takes out of the list.
    pub remove: Vec<String>,
    /// Where the list was read from.
    pub origin: String,
}

/// The on-disk shape of a list file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    list: Spanned<String>,
    summary: Spanned<String>,
    doc: Spanned<String>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    remove: Vec<Spanned<String>>,
}

/// Whether a lexicon file is a word list: it lies in a folder named `words`.
pub fn is_word_list(path: &str) -> bool {
    let p = path.replace('\\', "/");
    p.rsplit('/').nth(1) == Some("words")
}

/// Parses and checks one list file.
pub fn parse_list(path: &str, text: &str) -> Result<WordList, LexiconError> {
    let at = |offset: usize, message: String| {
        let (line, column) = super::load::line_col(text, offset);
        LexiconError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawList = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, e.message().trim().to_string())
    })?;
    let list = List::parse(raw.list.get_ref()).ok_or_else(|| {
        at(
            raw.list.span().start,
            format!(
                "unknown word list `{}`; expected one of {}",
                raw.list.get_ref(),
                List::ALL.map(List::as_str).join(", ")
            ),
        )
    })?;
    if raw.summary.get_ref().trim().is_empty() {
        return Err(at(raw.summary.span().start, "summary is empty".into()));
    }
    if raw.doc.get_ref().trim().is_empty() {
        return Err(at(raw.doc.span().start, "doc is empty".into()));
    }
    if raw.words.is_empty() && raw.remove.is_empty() {
        return Err(at(
            raw.list.span().start,
            "list has neither `words` nor `remove`; give at least one".into(),
        ));
    }
    let check = |w: &Spanned<String>| -> Result<String, LexiconError> {
        let word = w.get_ref().trim();
        let body = word.strip_suffix('*').unwrap_or(word);
        if body.is_empty() || body.contains('*') || body.chars().any(char::is_whitespace) {
            return Err(at(
                w.span().start,
                format!("bad word `{word}`: one word, no spaces; a trailing * makes it a prefix"),
            ));
        }
        if body.chars().any(char::is_uppercase) {
            return Err(at(
                w.span().start,
                format!(
                    "bad word `{word}`: words are matched ignoring case; write it in lower case"
                ),
            ));
        }
        Ok(word.to_string())
    };
    let words = raw.words.iter().map(check).collect::<Result<Vec<_>, _>>()?;
    let remove = raw
        .remove
        .iter()
        .map(check)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(WordList {
        list,
        summary: raw.summary.into_inner().trim().to_string(),
        doc: raw.doc.into_inner().trim().to_string(),
        words,
        remove,
        origin: path.to_string(),
    })
}

/// Every list compiled into one table: lower-cased word → mask of lists.
#[derive(Debug, Clone, Default)]
pub struct Words {
    exact: HashMap<Box<str>, u32>,
    /// The prefixes, bucketed by their first two bytes (a one-byte prefix
    /// under its byte and 0): a word is tested only against the few
    /// prefixes that start as it does.
    prefixes: HashMap<u16, Vec<(Box<str>, u32)>>,
    /// The files the lists came from, in load order, for `explain`.
    pub lists: Vec<WordList>,
}

impl Words {
    /// Compiles lists in order: a later file adds to (or removes from) what
    /// the earlier ones gave.
    pub fn new(lists: Vec<WordList>) -> Words {
        let mut sets: BTreeMap<List, std::collections::BTreeSet<String>> = BTreeMap::new();
        for l in &lists {
            let set = sets.entry(l.list).or_default();
            for w in &l.words {
                set.insert(w.clone());
            }
            for w in &l.remove {
                set.remove(w);
            }
        }
        let mut words = Words {
            lists,
            ..Words::default()
        };
        let mut prefixes: BTreeMap<String, u32> = BTreeMap::new();
        for (list, set) in sets {
            for w in set {
                if let Some(prefix) = w.strip_suffix('*') {
                    *prefixes.entry(prefix.to_string()).or_insert(0) |= list.bit();
                } else {
                    *words.exact.entry(w.into_boxed_str()).or_insert(0) |= list.bit();
                }
            }
        }
        for (p, m) in prefixes {
            words
                .prefixes
                .entry(two_bytes(&p))
                .or_default()
                .push((p.into_boxed_str(), m));
        }
        words
    }

    /// The lists a lower-cased word belongs to.
    pub fn mask(&self, lower: &str) -> u32 {
        let mut mask = self.exact.get(lower).copied().unwrap_or(0);
        // The greatest prefix not after the word: if the word starts with
        // it, it is the word's longest prefix; if not, the longest one the
        // word could have is no longer than their common start, so search
        // again in that. Each round shortens the word.
        if self.prefixes.is_empty() {
            return mask;
        }
        let bytes = lower.as_bytes();
        let mut test = |key: u16| {
            if let Some(bucket) = self.prefixes.get(&key) {
                for (p, m) in bucket {
                    if lower.starts_with(&**p) {
                        mask |= m;
                    }
                }
            }
        };
        if let Some(&first) = bytes.first() {
            test(u16::from(first) << 8);
            if let Some(&second) = bytes.get(1) {
                test((u16::from(first) << 8) | u16::from(second));
            }
        }
        mask
    }

    /// Whether a lower-cased word is in a list.
    pub fn is(&self, lower: &str, list: List) -> bool {
        self.mask(lower) & list.bit() != 0
    }

    /// The words of one list, sorted (for `explain` and tests).
    pub fn words_of(&self, list: List) -> Vec<String> {
        let mut out: Vec<String> = self
            .exact
            .iter()
            .filter(|(_, m)| **m & list.bit() != 0)
            .map(|(w, _)| w.to_string())
            .chain(
                self.prefixes
                    .values()
                    .flatten()
                    .filter(|(_, m)| *m & list.bit() != 0)
                    .map(|(w, _)| format!("{w}*")),
            )
            .collect();
        out.sort();
        out
    }
}

/// A prefix's (or word's) first two bytes as a bucket key (a one-byte
/// string pairs with 0).
fn two_bytes(w: &str) -> u16 {
    let b = w.as_bytes();
    (u16::from(b.first().copied().unwrap_or(0)) << 8) | u16::from(b.get(1).copied().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
list = "speech-verbs"
summary = "s"
doc = "d"
words = ["said", "says", "tweet*"]
"#;

    #[test]
    fn a_list_compiles_to_masks_with_prefixes() {
        let l = parse_list("lexicons/words/speech-verbs.toml", GOOD).unwrap();
        let w = Words::new(vec![l]);
        assert!(w.is("said", List::SpeechVerb));
        assert!(w.is("tweeted", List::SpeechVerb));
        assert!(!w.is("sad", List::SpeechVerb));
        assert!(!w.is("said", List::Title));
    }

    #[test]
    fn a_house_list_adds_and_removes() {
        let base = parse_list("a/words/x.toml", GOOD).unwrap();
        let house = parse_list(
            "house/words/x.toml",
            "list = \"speech-verbs\"\nsummary = \"s\"\ndoc = \"d\"\nwords = [\"quipped\"]\nremove = [\"says\"]\n",
        )
        .unwrap();
        let w = Words::new(vec![base, house]);
        assert!(w.is("quipped", List::SpeechVerb));
        assert!(!w.is("says", List::SpeechVerb));
        assert!(w.is("said", List::SpeechVerb));
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse_list("w.toml", &GOOD.replace("speech-verbs", "speach")).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("unknown word list `speach`"), "{err}");
        let err = parse_list("w.toml", &GOOD.replace("\"says\"", "\"Says\"")).unwrap_err();
        assert_eq!((err.line, err.column), (5, 18), "{err}");
        let err = parse_list("w.toml", &GOOD.replace("\"says\"", "\"two words\"")).unwrap_err();
        assert!(err.message.contains("one word"), "{err}");
    }

    /// The binary search over prefixes gives what testing every prefix
    /// would, on the built-in lists and the words of an article.
    #[test]
    fn prefix_search_equals_testing_every_prefix() {
        let lists = crate::pipeline::lexicon::load_builtin_words().unwrap();
        let words = Words::new(lists.clone());
        let mut naive: Vec<(String, u32)> = Vec::new();
        for l in &lists {
            for w in &l.words {
                if let Some(p) = w.strip_suffix('*') {
                    naive.push((p.to_string(), l.list.bit()));
                }
            }
        }
        let text = include_str!("../../../corpus/000_f97e5d5dc52a089f.txt").to_lowercase();
        let mut probes: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        probes.extend([
            "vaccine",
            "vaccinated",
            "heal",
            "healthy",
            "he",
            "h",
            "zzz",
            "immunity",
        ]);
        for w in probes {
            let exact = words.exact.get(w).copied().unwrap_or(0);
            let prefixed = naive
                .iter()
                .filter(|(p, _)| w.starts_with(p.as_str()))
                .fold(0, |m, (_, b)| m | b);
            assert_eq!(words.mask(w), exact | prefixed, "{w}");
        }
    }

    #[test]
    fn word_lists_are_found_by_folder() {
        assert!(is_word_list("lexicons/words/titles.toml"));
        assert!(is_word_list("house\\words\\titles.toml"));
        assert!(!is_word_list("lexicons/cited/words.toml"));
    }
}
