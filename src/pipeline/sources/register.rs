//! The register: every source an article has introduced so far, in order.
//!
//! A mention is registered where the article introduces it (a journal, an
//! organisation, a person, an outlet, a study, a reference, a text, or an
//! unnamed group of people), with whether it is sourced. A pointer ("the
//! study", "the researchers", "she") binds to the most recent compatible
//! mention before it. Lookups are O(1): the register keeps the latest
//! mention of each kind and of each name word, so an article with
//! thousands of mentions costs no more per pointer than one with three.

use rustc_hash::FxHashMap as HashMap;

use crate::pipeline::lexicon::SourceKind;

/// What a mention is. `People` is an unnamed group ("scientists",
/// "researchers have found"): never a source a reader can look up, but a
/// pointer can bind to it, and is then vague.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Source(SourceKind),
    People,
}

impl Kind {
    fn slot(self) -> usize {
        match self {
            Kind::Source(k) => k as usize,
            Kind::People => SourceKind::ALL.len(),
        }
    }
}

const SLOTS: usize = SourceKind::ALL.len() + 1;

/// One registered mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: Kind,
    /// The source as the article names it.
    pub name: String,
    /// The unit that introduced it, and the mention's byte span there.
    pub unit: usize,
    pub start: usize,
    pub end: usize,
    /// Whether a reader could look it up.
    pub sourced: bool,
}

/// Where in the article something stands: unit, then byte offset.
pub type Position = (usize, usize);

/// The sources introduced so far.
#[derive(Debug, Default)]
pub struct Register {
    pub mentions: Vec<Mention>,
    /// Per kind, the latest mention's index.
    latest: [Option<usize>; SLOTS],
    /// Lower-cased name word (a surname, a one-word name, an acronym) →
    /// the latest mention with it.
    by_word: HashMap<String, usize>,
}

impl Register {
    /// Registers a mention; `words` are the name words a later one-word
    /// reference may use ("Smith", "Okafor", "CDC"). Returns its index.
    pub fn add<'a>(&mut self, m: Mention, words: impl IntoIterator<Item = &'a str>) -> usize {
        let index = self.mentions.len();
        self.latest[m.kind.slot()] = Some(index);
        for w in words {
            if w.chars().count() > 1 {
                self.by_word.insert(w.to_lowercase(), index);
            }
        }
        self.mentions.push(m);
        index
    }

    /// The latest mention of any of `kinds`.
    pub fn latest(&self, kinds: &[Kind]) -> Option<usize> {
        kinds.iter().filter_map(|k| self.latest[k.slot()]).max()
    }

    /// The latest mention with this name word (case ignored).
    pub fn by_word(&self, word: &str) -> Option<usize> {
        self.by_word.get(&word.to_lowercase()).copied()
    }

    /// A mention by index.
    pub fn get(&self, index: usize) -> Option<&Mention> {
        self.mentions.get(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(kind: Kind, name: &str, sourced: bool) -> Mention {
        Mention {
            kind,
            name: name.into(),
            unit: 0,
            start: 0,
            end: 0,
            sourced,
        }
    }

    #[test]
    fn latest_compatible_mention_wins() {
        let mut r = Register::default();
        let study = r.add(m(Kind::Source(SourceKind::Study), "a 2017 trial", true), []);
        let person = r.add(
            m(Kind::Source(SourceKind::Person), "Dr. Ana Ruiz", true),
            ["Ana", "Ruiz"],
        );
        let people = r.add(m(Kind::People, "scientists", false), []);
        assert_eq!(r.latest(&[Kind::Source(SourceKind::Study)]), Some(study));
        assert_eq!(
            r.latest(&[Kind::Source(SourceKind::Study), Kind::People]),
            Some(people)
        );
        assert_eq!(r.by_word("ruiz"), Some(person));
        assert_eq!(r.by_word("Dr"), None);
    }
}
