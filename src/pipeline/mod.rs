//! The pipeline, one module per stage, in the order they run:
//!
//! 1. [`ingest`]: a file's bytes → a [`Document`] of blocks (text, Markdown, HTML);
//! 2. [`segment`]: blocks → [`Unit`]s (sentences, headings, list items);
//! 3. [`lexicon`]: each unit → hits, every lexicon in one automaton;
//! 4. [`classify`]: a unit's hits → a [`Verdict`], by the unit-level context rules;
//! 5. [`sources`]: the article's source register: pointers, speakers and
//!    quotations bound to the sources introduced before them;
//! 6. [`scope`]: only health, treatment, safety and evidence claims carry
//!    labels; a unit that is a personal, legal or political aside loses
//!    them. Then each verdict's labels are set from its findings.
//!
//! The last stage, formatting, is [`crate::report`]; it sees only what this
//! module returns.

pub mod classify;
pub mod ingest;
pub mod lexicon;
pub mod scope;
pub mod segment;
pub mod sources;

use std::path::{Path, PathBuf};

use crate::error::IngestError;
use crate::Settings;
use classify::Verdict;
use ingest::Document;
use lexicon::Entry;
use segment::Unit;

/// A document with its units and their verdicts: the pipeline's output,
/// before any formatting.
#[derive(Debug)]
pub struct Analysis {
    pub doc: Document,
    pub units: Vec<Unit>,
    pub verdicts: Vec<Verdict>,
}

/// Runs segment → match → classify → sources → scope over a document.
pub fn analyze(doc: Document, settings: &Settings) -> Analysis {
    let units = segment::segment(&doc);
    let entries: Vec<&Entry> = settings.entries.iter().collect();
    let mut verdicts: Vec<Verdict> = units
        .iter()
        .map(|u| {
            let text = u.text(&doc);
            let mut hits = settings.matcher.scan(text);
            crate::work::add(hits.len());
            // Rules the configuration turns off never reach the classifier,
            // so the labels are what the enabled rules alone give.
            hits.retain(|h| settings.enabled.get(h.entry).copied().unwrap_or(true));
            classify::classify_unit(text, &hits, &entries, is_heading(&doc, u), &settings.words)
        })
        .collect();
    let topics = sources::resolve(&doc, &units, &mut verdicts, settings);
    scope::apply(&units, &topics, &mut verdicts);
    for v in &mut verdicts {
        v.finish();
    }
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
    crate::work::add(text.len());
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
