//! Lexicons: rules as data files that editors read and extend.
//!
//! Each `lexicons/<label>/<name>.toml` holds one entry: a stable id, a name,
//! its label, phrases (`literals`) and/or regular expressions (`patterns`),
//! a summary, a doc and examples. [`load`] parses and checks them;
//! [`matcher`] compiles every entry into one automaton; [`words`] holds the
//! word lists the context stages read (`lexicons/words/`).

pub mod load;
pub mod matcher;
pub mod words;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use load::{load_builtin, load_builtin_words, load_dir, load_dir_all, Lexicon};
pub use matcher::{Hit, Matcher};

/// The four labels a unit can carry.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Absolute,
    Cited,
    Hedged,
    Vague,
}

impl Label {
    /// Every label, in the (alphabetical) order reports list them.
    pub const ALL: [Label; 4] = [Label::Absolute, Label::Cited, Label::Hedged, Label::Vague];

    /// The label's name as it appears in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Absolute => "absolute",
            Label::Cited => "cited",
            Label::Hedged => "hedged",
            Label::Vague => "vague",
        }
    }

    /// Parses a label name.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The id prefix of rules that give this label (C/V/H/A).
    pub fn id_prefix(self) -> char {
        match self {
            Label::Absolute => 'A',
            Label::Cited => 'C',
            Label::Hedged => 'H',
            Label::Vague => 'V',
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of source a `cited` entry names, and a register entry of the
/// sources stage is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A named journal, database or report series ("The Lancet").
    Journal,
    /// An organisation: agency, university, hospital, company.
    Organisation,
    /// A named person, with their role when the article gives one.
    Person,
    /// A news outlet named as the source ("Reuters reported").
    Outlet,
    /// A study identified by at least two specifics (year, size, place, design).
    Study,
    /// A reference marker, reference-list entry, DOI, PMID or URL.
    Reference,
    /// A named text or record a reader can look up.
    Text,
}

impl SourceKind {
    /// Every kind, in the order the JSON schema lists them.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Journal,
        SourceKind::Organisation,
        SourceKind::Person,
        SourceKind::Outlet,
        SourceKind::Study,
        SourceKind::Reference,
        SourceKind::Text,
    ];

    /// Parses a kind's name.
    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind's name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Journal => "journal",
            SourceKind::Organisation => "organisation",
            SourceKind::Person => "person",
            SourceKind::Outlet => "outlet",
            SourceKind::Study => "study",
            SourceKind::Reference => "reference",
            SourceKind::Text => "text",
        }
    }
}

/// How the context rules treat an entry's hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A marker: the label holds wherever the phrase does (after negation).
    #[default]
    Marker,
    /// An `absolute` that rests only on being a bare statement of efficacy:
    /// any hedge in the unit removes it.
    Verdict,
    /// A definite reference ("the study found"): `cited` when the sources
    /// stage binds it to a sourced mention, otherwise the entry's own label.
    Reference,
    /// An `absolute` universal quantity over people or cases ("no one",
    /// "everyone", "all patients"): over a study's own sample ("of the first
    /// 50 patients, no one died") it describes data, not the world (rule
    /// A903).
    Universal,
}

/// A phrase as `suggestions` keys are compared: lower case, runs of white
/// space as one space, trimmed.
pub fn phrase_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Entry {
    /// The hedged rewording this entry offers for a phrase it matched, if
    /// any: how many bytes at the start of `matched` it replaces, and the
    /// rewording. Closing punctuation a pattern took in ("works.") is kept
    /// out of the swap when the phrase without it is the key.
    pub fn suggestion(&self, matched: &str) -> Option<(usize, &str)> {
        if let Some(s) = self.suggestions.get(&phrase_key(matched)) {
            return Some((matched.len(), s.as_str()));
        }
        let trimmed = matched.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%');
        if trimmed.len() == matched.len() || trimmed.is_empty() {
            return None;
        }
        self.suggestions
            .get(&phrase_key(trimmed))
            .map(|s| (trimmed.len(), s.as_str()))
    }
}

/// One lexicon entry, checked and ready to compile.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub label: Label,
    pub role: Role,
    pub summary: String,
    pub doc: String,
    pub literals: Vec<String>,
    pub patterns: Vec<String>,
    /// Patterns that, where they overlap a hit, cancel it (Vale's exceptions).
    pub exceptions: Vec<String>,
    /// Examples that must fire this entry.
    pub flags: Vec<String>,
    /// Examples that must not.
    pub allows: Vec<String>,
    /// Hedged rewordings of an absolute phrase, keyed by the phrase as
    /// [`phrase_key`] folds it ("cures" → "may help relieve"); the
    /// language server offers them as quick fixes and `explain` prints them.
    pub suggestions: BTreeMap<String, String>,
    /// For a `cited` entry: the kind of source its hits name (`source =
    /// "journal"` in the file); the sources stage registers each hit as
    /// such a source.
    pub source: Option<SourceKind>,
    /// Where the entry was read from, for messages.
    pub origin: String,
}
