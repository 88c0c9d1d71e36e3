//! Reading lexicon files: TOML → checked [`Entry`] values.
//!
//! Every fault (TOML syntax, an unknown field, a duplicate id, a bad regex,
//! an unknown label) is a [`LexiconError`] naming `file:line:column`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::words::{is_word_list, parse_list, WordList};
use super::{Entry, Label, Role, SourceKind};
use crate::error::LexiconError;

/// The built-in lexicon files, embedded at build time: (path, contents).
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_lexicons.rs"));

/// Ids that were used once and retired; never to be given to a new entry.
pub const RETIRED_IDS: &[&str] = &[];

/// The on-disk shape of an entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    role: Option<Spanned<String>>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    summary: Spanned<String>,
    doc: Spanned<String>,
    #[serde(default)]
    literals: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    allows: Vec<String>,
    /// Hedged rewordings, keyed by the phrase the entry matches.
    #[serde(default)]
    suggestions: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A set of entries ordered by id; later sources override earlier ones by id.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: BTreeMap<String, Entry>,
}

impl Lexicon {
    /// Adds entries, replacing any with the same id (a house style overriding
    /// a built-in entry).
    pub fn extend(&mut self, entries: Vec<Entry>) {
        for e in entries {
            self.entries.insert(e.id.clone(), e);
        }
    }
}

/// Loads the built-in lexicon entries (every embedded file but the word
/// lists).
pub fn load_builtin() -> Result<Vec<Entry>, LexiconError> {
    let mut out = Vec::new();
    for (path, text) in BUILTIN.iter().filter(|(p, _)| !is_word_list(p)) {
        out.push(parse_entry(path, text)?);
    }
    check_unique(&out)?;
    Ok(out)
}

/// Loads the built-in word lists (`lexicons/words/*.toml`).
pub fn load_builtin_words() -> Result<Vec<WordList>, LexiconError> {
    BUILTIN
        .iter()
        .filter(|(p, _)| is_word_list(p))
        .map(|(path, text)| parse_list(path, text))
        .collect()
}

/// Loads every entry under a folder (sorted, so errors and overrides are
/// deterministic); word lists in its `words/` folders are skipped (see
/// [`load_dir_all`]).
pub fn load_dir(dir: &Path) -> Result<Vec<Entry>, LexiconError> {
    Ok(load_dir_all(dir)?.0)
}

/// Loads every `*.toml` under a folder: the entries, and the word lists
/// (files in a folder named `words`).
pub fn load_dir_all(dir: &Path) -> Result<(Vec<Entry>, Vec<WordList>), LexiconError> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build()
    {
        let entry = entry.map_err(|e| LexiconError {
            path: dir.display().to_string(),
            line: 1,
            column: 1,
            message: format!("cannot read lexicon folder: {e}"),
        })?;
        let p = entry.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "toml") {
            files.push(p.to_path_buf());
        }
    }
    if files.is_empty() {
        return Err(LexiconError {
            path: dir.display().to_string(),
            line: 1,
            column: 1,
            message: "no lexicon files (*.toml) found in this folder".into(),
        });
    }
    let mut out = Vec::new();
    let mut lists = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f).map_err(|e| LexiconError {
            path: name.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
        })?;
        if is_word_list(&name) {
            lists.push(parse_list(&name, &text)?);
        } else {
            out.push(parse_entry(&name, &text)?);
        }
    }
    check_unique(&out)?;
    Ok((out, lists))
}

/// Parses and checks one entry file.
pub fn parse_entry(path: &str, text: &str) -> Result<Entry, LexiconError> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        LexiconError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawEntry = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, e.message().trim().to_string())
    })?;

    let id = raw.id.get_ref().trim().to_string();
    let label = Label::parse(raw.label.get_ref()).ok_or_else(|| {
        at(
            raw.label.span().start,
            format!(
                "unknown label `{}`; expected one of absolute, cited, hedged, vague",
                raw.label.get_ref()
            ),
        )
    })?;
    if !valid_id(&id, label) {
        return Err(at(
            raw.id.span().start,
            format!(
                "bad id `{id}`: an id is the label's letter ({}) and three digits, e.g. {}101",
                label.id_prefix(),
                label.id_prefix()
            ),
        ));
    }
    if RETIRED_IDS.contains(&id.as_str()) {
        return Err(at(
            raw.id.span().start,
            format!("id `{id}` is retired and may not be reused; pick a new one"),
        ));
    }
    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(at(
            raw.name.span().start,
            format!("bad name `{name}`: use lower-case words joined by hyphens"),
        ));
    }
    let role = match &raw.role {
        None => Role::Marker,
        Some(r) => match r.get_ref().as_str() {
            "marker" => Role::Marker,
            "verdict" if label == Label::Absolute => Role::Verdict,
            "universal" if label == Label::Absolute => Role::Universal,
            "reference" if label == Label::Vague => Role::Reference,
            other => {
                return Err(at(
                    r.span().start,
                    format!("bad role `{other}` for label {label}: `marker` for any label, `verdict` or `universal` for absolute, `reference` for vague"),
                ))
            }
        },
    };
    let source = match &raw.source {
        None => None,
        Some(s) if label == Label::Cited => {
            Some(SourceKind::parse(s.get_ref()).ok_or_else(|| {
                at(
                    s.span().start,
                    format!(
                        "unknown source kind `{}`; expected one of {}",
                        s.get_ref(),
                        SourceKind::ALL.map(SourceKind::as_str).join(", ")
                    ),
                )
            })?)
        }
        Some(s) => {
            return Err(at(
                s.span().start,
                format!("`source` is for cited entries only; this entry's label is {label}"),
            ))
        }
    };
    if raw.summary.get_ref().trim().is_empty() {
        return Err(at(raw.summary.span().start, "summary is empty".into()));
    }
    if raw.doc.get_ref().trim().is_empty() {
        return Err(at(raw.doc.span().start, "doc is empty".into()));
    }
    if raw.literals.is_empty() && raw.patterns.is_empty() {
        return Err(at(
            raw.id.span().start,
            "entry has neither `literals` nor `patterns`; give at least one".into(),
        ));
    }
    for lit in &raw.literals {
        if lit.get_ref().trim().is_empty() {
            return Err(at(lit.span().start, "empty literal".into()));
        }
    }
    for pat in raw.patterns.iter().chain(&raw.exceptions) {
        if let Err(e) = super::matcher::check_syntax(pat.get_ref()) {
            return Err(at(
                pat.span().start,
                format!(
                    "bad regular expression '{}': {}",
                    pat.get_ref(),
                    regex_reason(&e)
                ),
            ));
        }
        if pat.get_ref().is_empty() {
            return Err(at(pat.span().start, "empty pattern".into()));
        }
    }
    let suggestions = suggestions(&raw.suggestions, &at)?;
    Ok(Entry {
        id,
        name,
        label,
        role,
        summary: raw.summary.into_inner().trim().to_string(),
        doc: raw.doc.into_inner().trim().to_string(),
        literals: raw
            .literals
            .into_iter()
            .map(|s| s.into_inner().trim().to_string())
            .collect(),
        patterns: raw.patterns.into_iter().map(Spanned::into_inner).collect(),
        exceptions: raw
            .exceptions
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        flags: raw.flags,
        allows: raw.allows,
        suggestions,
        source,
        origin: path.to_string(),
    })
}

/// Checks an entry's `suggestions` table: keys and rewordings are not
/// empty, and no two keys are the same phrase (keys are compared as
/// [`super::phrase_key`] folds them: case-insensitive, white space collapsed).
fn suggestions(
    raw: &BTreeMap<Spanned<String>, Spanned<String>>,
    at: &dyn Fn(usize, String) -> LexiconError,
) -> Result<BTreeMap<String, String>, LexiconError> {
    // In file order, so a duplicate is reported where it is written second.
    let mut pairs: Vec<_> = raw.iter().collect();
    pairs.sort_by_key(|(k, _)| k.span().start);
    let mut out = BTreeMap::new();
    for (key, value) in pairs {
        let folded = super::phrase_key(key.get_ref());
        if folded.is_empty() {
            return Err(at(key.span().start, "empty phrase in `suggestions`".into()));
        }
        let wording = value
            .get_ref()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if wording.is_empty() {
            return Err(at(
                value.span().start,
                format!("empty rewording for `{}` in `suggestions`", key.get_ref()),
            ));
        }
        if out.insert(folded, wording).is_some() {
            return Err(at(
                key.span().start,
                format!(
                    "`{}` is already in `suggestions` (phrases are compared ignoring case and spacing)",
                    key.get_ref()
                ),
            ));
        }
    }
    Ok(out)
}

fn valid_id(id: &str, label: Label) -> bool {
    let mut chars = id.chars();
    chars.next() == Some(label.id_prefix()) && id.len() == 4 && chars.all(|c| c.is_ascii_digit())
}

fn check_unique(entries: &[Entry]) -> Result<(), LexiconError> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for e in entries {
        if let Some(first) = seen.insert(&e.id, &e.origin) {
            return Err(LexiconError {
                path: e.origin.clone(),
                line: 1,
                column: 1,
                message: format!("duplicate id `{}` (already used by {first})", e.id),
            });
        }
        if let Some(first) = names.insert(&e.name, &e.origin) {
            return Err(LexiconError {
                path: e.origin.clone(),
                line: 1,
                column: 1,
                message: format!("duplicate name `{}` (already used by {first})", e.name),
            });
        }
    }
    Ok(())
}

/// Why a pattern failed, without the regex crate's echo of the rewritten
/// pattern.
fn regex_reason(e: &impl std::fmt::Display) -> String {
    let text = e.to_string();
    match text.rfind("error: ") {
        Some(i) => text[i + "error: ".len()..].trim().to_string(),
        None => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "V199"
name = "test-entry"
label = "vague"
summary = "s"
doc = "d"
literals = ["research shows"]
"#;

    #[test]
    fn parses_a_good_entry() {
        let e = parse_entry("x.toml", GOOD).unwrap();
        assert_eq!(e.id, "V199");
        assert_eq!(e.label, Label::Vague);
    }

    #[test]
    fn bad_regex_names_its_line_and_column() {
        let text = GOOD.replace(
            "literals = [\"research shows\"]",
            "patterns = [\n  'ok',\n  '(unclosed',\n]",
        );
        let err = parse_entry("lexicons/vague/x.toml", &text).unwrap_err();
        assert_eq!((err.line, err.column), (9, 3), "{err}");
        assert!(
            err.to_string()
                .starts_with("lexicons/vague/x.toml:9:3: bad regular expression"),
            "{err}"
        );
    }

    #[test]
    fn unknown_field_and_label_are_errors() {
        let err = parse_entry("x.toml", &format!("{GOOD}colour = 1\n")).unwrap_err();
        assert!(err.message.contains("unknown field"), "{err}");
        assert_eq!(err.line, 8);
        let err = parse_entry("x.toml", &GOOD.replace("\"vague\"", "\"vauge\"")).unwrap_err();
        assert!(err.message.contains("unknown label `vauge`"), "{err}");
        assert_eq!(err.line, 4);
    }

    #[test]
    fn suggestions_are_checked_and_folded() {
        let text = format!("{GOOD}[suggestions]\n\"Research  Shows\" = \"one study suggests\"\n");
        let e = parse_entry("x.toml", &text).unwrap();
        assert_eq!(
            e.suggestions.get("research shows").map(String::as_str),
            Some("one study suggests")
        );
        let text = format!(
            "{GOOD}[suggestions]\n\"research shows\" = \"a\"\n\"RESEARCH shows\" = \"b\"\n"
        );
        let err = parse_entry("x.toml", &text).unwrap_err();
        assert_eq!((err.line, err.column), (10, 1), "{err}");
        assert!(err.message.contains("already in `suggestions`"), "{err}");
        let text = format!("{GOOD}suggestions = {{ \"research shows\" = \" \" }}\n");
        let err = parse_entry("x.toml", &text).unwrap_err();
        assert_eq!((err.line, err.column), (8, 36), "{err}");
        let text = format!("{GOOD}suggestions = {{ \"research shows\" = 3 }}\n");
        let err = parse_entry("x.toml", &text).unwrap_err();
        assert_eq!(err.line, 8, "{err}");
    }

    #[test]
    fn id_must_match_label() {
        let err = parse_entry("x.toml", &GOOD.replace("V199", "H199")).unwrap_err();
        assert!(err.message.contains("bad id"), "{err}");
    }

    #[test]
    fn builtin_lexicons_load() {
        let entries = load_builtin().unwrap();
        assert!(entries.len() > 10);
    }
}
