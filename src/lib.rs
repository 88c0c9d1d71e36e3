//! claimscan: marks how each claim in a health article is supported.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (file → blocks) → [`segment`] (blocks → units) →
//! [`lexicon`] (units → hits, one automaton for every lexicon) →
//! [`classify`] (hits → verdict per unit, by context rules) →
//! [`attribute`] (verdicts that need the paragraph) → [`report`].

pub mod attribute;
pub mod classify;
pub mod error;
pub mod eval;
pub mod ingest;
pub mod lexicon;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod severity;
pub mod stream;
pub mod walk;

use std::path::{Path, PathBuf};

use classify::Verdict;
use error::{IngestError, LexiconError};
use ingest::Document;
use lexicon::{Entry, Lexicon, Matcher};
use segment::Unit;

/// Resolved settings: the lexicons and the matcher built from them, once,
/// then shared by reference across threads.
#[derive(Debug)]
pub struct Settings {
    /// Entries in id order; hits index into this list.
    entries: Vec<Entry>,
    matcher: Matcher,
}

impl Settings {
    /// The built-in lexicons, extended or overridden by each folder in turn.
    pub fn new(extra_lexicons: &[PathBuf]) -> Result<Settings, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.extend(lexicon::load_builtin()?);
        for dir in extra_lexicons {
            lexicon.extend(lexicon::load_dir(dir)?);
        }
        let entries: Vec<Entry> = lexicon.entries.into_values().collect();
        for e in &entries {
            if let Some(r) = classify::rules::RULES
                .iter()
                .find(|r| r.id == e.id || r.name == e.name)
            {
                return Err(LexiconError {
                    path: e.origin.clone(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "id `{}` or name `{}` is taken by the context rule {} {}; pick another",
                        e.id, e.name, r.id, r.name
                    ),
                });
            }
        }
        let refs: Vec<&Entry> = entries.iter().collect();
        let matcher = Matcher::new(&refs)?;
        Ok(Settings { entries, matcher })
    }

    /// The lexicon entries, in id order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The compiled lexicons (for benches and tools that scan directly).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// A lexicon entry by id or name.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(key) || e.name == key)
    }
}

/// A document with its units and their verdicts: the pipeline's output,
/// before any formatting.
#[derive(Debug)]
pub struct Analysis {
    pub doc: Document,
    pub units: Vec<Unit>,
    pub verdicts: Vec<Verdict>,
}

/// Runs segment → match → classify → attribute over a document.
pub fn analyze(doc: Document, settings: &Settings) -> Analysis {
    let units = segment::segment(&doc);
    let entries: Vec<&Entry> = settings.entries.iter().collect();
    let mut verdicts: Vec<Verdict> = units
        .iter()
        .map(|u| {
            let text = u.text(&doc);
            let hits = settings.matcher.scan(text);
            classify::classify_unit(text, &hits, &entries, is_heading(&doc, u))
        })
        .collect();
    attribute::resolve(&units, &mut verdicts);
    Analysis {
        doc,
        units,
        verdicts,
    }
}

/// Whether a unit is a heading: a heading block, or a whole short block with
/// no closing punctuation.
fn is_heading(doc: &Document, unit: &Unit) -> bool {
    let Some(block) = doc.blocks.get(unit.block) else {
        return false;
    };
    if block.kind == ingest::BlockKind::Heading {
        return true;
    }
    let text = unit.text(doc);
    let whole = unit.text_start == 0 && unit.text_end >= block.text.trim_end().len();
    let closed = text
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';', '…', '"', '”']);
    whole
        && !closed
        && block.kind == ingest::BlockKind::Paragraph
        && text.split_whitespace().count() <= 12
}

/// Reads a file and analyzes it.
pub fn analyze_file(path: &Path, settings: &Settings) -> Result<Analysis, IngestError> {
    Ok(analyze(ingest::read_file(path)?, settings))
}

/// Analyzes a string as a plain-text document (for tests and `explain`).
pub fn analyze_text(text: &str, settings: &Settings) -> Analysis {
    let doc = Document {
        path: PathBuf::from("<text>"),
        source: text.to_string(),
        blocks: ingest::text::blocks(text),
    };
    analyze(doc, settings)
}
