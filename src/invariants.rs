//! Invariants every run keeps, whatever the input: the one place the fuzz
//! targets (`fuzz/`) and the property tests (`tests/properties.rs`) check
//! them, so both hold the pipeline to the same promise.
//!
//! Each check returns `Err` with what broke instead of panicking (the
//! library never panics); a fuzz target or a test turns the `Err` into a
//! crash. The promises:
//!
//! - every unit's span lies inside the input, on UTF-8 character
//!   boundaries, non-empty, in document order and not overlapping the
//!   previous unit (both in the source and in its block's text);
//! - every finding lies inside its unit, on character boundaries, and every
//!   reported finding's source span lies inside its sentence's;
//! - the same input gives the same output (the report is built twice and
//!   compared);
//! - errors are errors, never panics, and point inside the text they name.

use std::path::Path;

use crate::ci::config::{self, Config, FixedRule, Overrides, Policy};
use crate::pipeline::ingest::{self, InputFormat};
use crate::pipeline::Analysis;
use crate::report::{self, FileReport};
use crate::Settings;

/// Checks the spans of an analysis: units against the source and their
/// blocks, findings against their units.
pub fn check_analysis(a: &Analysis) -> Result<(), String> {
    let source = &a.doc.source;
    if a.verdicts.len() != a.units.len() {
        return Err(format!(
            "{} verdicts for {} units",
            a.verdicts.len(),
            a.units.len()
        ));
    }
    let mut prev: Option<&crate::pipeline::segment::Unit> = None;
    for (i, (u, v)) in a.units.iter().zip(&a.verdicts).enumerate() {
        let Some(block) = a.doc.blocks.get(u.block) else {
            return Err(format!("unit {i} {u:?}: no block {}", u.block));
        };
        if u.start > u.end || u.end > source.len() {
            return Err(format!(
                "unit {i} {u:?}: source span outside 0..{}",
                source.len()
            ));
        }
        if !source.is_char_boundary(u.start) || !source.is_char_boundary(u.end) {
            return Err(format!(
                "unit {i} {u:?}: source span not on character boundaries"
            ));
        }
        if u.text_start >= u.text_end || u.text_end > block.text.len() {
            return Err(format!(
                "unit {i} {u:?}: text span empty or outside its block (0..{})",
                block.text.len()
            ));
        }
        if !block.text.is_char_boundary(u.text_start) || !block.text.is_char_boundary(u.text_end) {
            return Err(format!(
                "unit {i} {u:?}: text span not on character boundaries"
            ));
        }
        if let Some(p) = prev {
            if p.block > u.block || p.end > u.start {
                return Err(format!(
                    "unit {i} {u:?} overlaps or precedes unit {} {p:?}",
                    i - 1
                ));
            }
            if p.block == u.block && p.text_end > u.text_start {
                return Err(format!(
                    "unit {i} {u:?} overlaps unit {} {p:?} in their block",
                    i - 1
                ));
            }
        }
        prev = Some(u);
        let text = u.text(&a.doc);
        for f in &v.findings {
            if f.start > f.end
                || f.end > text.len()
                || !text.is_char_boundary(f.start)
                || !text.is_char_boundary(f.end)
            {
                return Err(format!(
                    "unit {i} {u:?}: finding {f:?} outside its text (0..{}) or off a character boundary",
                    text.len()
                ));
            }
        }
    }
    Ok(())
}

/// Checks a report's offsets against its source: sentences inside the
/// source, in order; findings inside their sentence; notices inside the
/// source.
pub fn check_report(r: &FileReport) -> Result<(), String> {
    let source = &r.article.source;
    let mut prev_end = 0;
    for (i, s) in r.sentences.iter().enumerate() {
        if s.start > s.end || s.end > source.len() || s.start < prev_end {
            return Err(format!(
                "sentence {i} {}..{} outside 0..{} or before the previous end {prev_end}",
                s.start,
                s.end,
                source.len()
            ));
        }
        prev_end = s.end;
        for f in &s.findings {
            if f.start > f.end || f.start < s.start || f.end > s.end {
                return Err(format!(
                    "sentence {i} {}..{}: finding {} at {}..{} outside it",
                    s.start, s.end, f.rule, f.start, f.end
                ));
            }
        }
    }
    for n in &r.notices {
        if n.start > n.end || n.end > source.len() {
            return Err(format!(
                "notice {} at {}..{} outside 0..{}",
                n.rule,
                n.start,
                n.end,
                source.len()
            ));
        }
    }
    Ok(())
}

/// The `check` pipeline on bytes, as `claimscan check` runs it on a file:
/// ingest, analyse, report, suppression comments.
fn check_once(
    bytes: &[u8],
    format: InputFormat,
    settings: &Settings,
) -> Result<Option<(Analysis, FileReport)>, String> {
    let path = Path::new("fuzz-input");
    let doc = match ingest::from_bytes(path, bytes.to_vec(), format) {
        Ok(doc) => doc,
        Err(e) => {
            let msg = e.to_string();
            if !msg.starts_with("fuzz-input: ") {
                return Err(format!("an ingest error does not name the file: {msg}"));
            }
            return Ok(None);
        }
    };
    if doc.source.len() != bytes.len() {
        return Err(format!(
            "decoded source is {} bytes, the input {}; offsets would not be file offsets",
            doc.source.len(),
            bytes.len()
        ));
    }
    let analysis = crate::pipeline::analyze(doc, settings);
    check_analysis(&analysis)?;
    let mut rep = report::file_report(&analysis, path, settings);
    let notices = crate::ci::suppress::apply(&analysis.doc.source, format, &mut rep, settings);
    crate::ci::suppress::attach_notices(&mut rep, &analysis.doc.source, &notices, settings);
    rep.recount();
    check_report(&rep)?;
    Ok(Some((analysis, rep)))
}

/// Ingests bytes in a format and runs the whole `check` pipeline twice,
/// checking every invariant and that both runs agree. An input that is not
/// UTF-8 text is fine as long as it is refused with an error naming the file.
pub fn check_bytes(bytes: &[u8], format: InputFormat, settings: &Settings) -> Result<(), String> {
    let first = check_once(bytes, format, settings)?;
    let second = check_once(bytes, format, settings)?;
    match (first, second) {
        (None, None) => Ok(()),
        (Some((_, a)), Some((_, b))) if a == b => Ok(()),
        _ => Err("the same input gave two different reports".into()),
    }
}

/// Parses a lexicon file and, when it is valid, compiles it and runs its own
/// examples through the matcher. Errors must point inside the text; hits
/// inside the example they were found in; two parses must agree.
pub fn check_lexicon(text: &str) -> Result<(), String> {
    let first = crate::pipeline::lexicon::load::parse_entry("fuzz.toml", text);
    let second = crate::pipeline::lexicon::load::parse_entry("fuzz.toml", text);
    if format!("{first:?}") != format!("{second:?}") {
        return Err("the same lexicon text parsed two ways".into());
    }
    let entry = match first {
        Ok(entry) => entry,
        Err(e) => return check_position("lexicon", text, e.line, e.column),
    };
    let matcher = match crate::pipeline::lexicon::Matcher::new(&[&entry]) {
        Ok(m) => m,
        Err(e) => return check_position("lexicon", text, e.line, e.column),
    };
    for example in entry.flags.iter().chain(&entry.allows) {
        for h in matcher.scan(example) {
            if h.start > h.end
                || h.end > example.len()
                || !example.is_char_boundary(h.start)
                || !example.is_char_boundary(h.end)
                || h.entry != 0
            {
                return Err(format!("hit {h:?} outside example {example:?}"));
            }
        }
    }
    Ok(())
}

/// Parses a config file and resolves it against the built-in rules; a valid
/// one must print (`claimscan config`) as a file that parses and resolves to
/// the same policy.
pub fn check_config(text: &str, settings: &Settings) -> Result<(), String> {
    let path = Path::new("claimscan.toml");
    let options = match config::parse(path, text) {
        Ok(o) => o,
        Err(crate::error::ConfigError::At { line, column, .. }) => {
            return check_position("config", text, line, column)
        }
        Err(e) => return Err(format!("config parse gave a non-positional error: {e}")),
    };
    let fixed: Vec<FixedRule> = crate::pipeline::classify::rules::RULES
        .iter()
        .map(|r| FixedRule {
            id: r.id,
            name: r.name,
        })
        .collect();
    let keys = settings.rule_keys();
    let resolve = |options, text: &str| {
        let config = Config {
            file: Some(config::ConfigFile {
                path: path.to_path_buf(),
                text: text.to_string(),
            }),
            options,
            overrides: Overrides::default(),
            // Absolute, as `Config::load` makes it (the current folder):
            // printed paths are then absolute and read back the same.
            base: "/claimscan-fuzz".into(),
        };
        Policy::resolve(&config, &keys, &fixed)
    };
    let policy = match resolve(options, text) {
        Ok(p) => p,
        Err(e) => {
            let msg = e.to_string();
            return if msg.contains("claimscan.toml") {
                Ok(())
            } else {
                Err(format!("a config error does not name the file: {msg}"))
            };
        }
    };
    let printed = policy.to_toml();
    let reparsed = config::parse(path, &printed).map_err(|e| {
        format!("`claimscan config` printed a file that does not parse: {e}\n{printed}")
    })?;
    let again = resolve(reparsed, &printed).map_err(|e| {
        format!("`claimscan config` printed a file that does not resolve: {e}\n{printed}")
    })?;
    if again.to_toml() != printed {
        return Err(format!(
            "the printed config does not round-trip:\n{printed}\n---\n{}",
            again.to_toml()
        ));
    }
    Ok(())
}

/// Runs `claimscan stream` over bytes twice: every output line is JSON, one
/// per non-blank input line, in order, sentence offsets inside their text,
/// and both runs agree.
pub fn check_stream(bytes: &[u8], settings: &Settings) -> Result<(), String> {
    let mut first = Vec::new();
    crate::batch::stream::run(bytes, &mut first, settings)
        .map_err(|e| format!("stream failed: {e}"))?;
    let mut second = Vec::new();
    crate::batch::stream::run(bytes, &mut second, settings)
        .map_err(|e| format!("stream failed: {e}"))?;
    if first != second {
        return Err("the same stream gave two different outputs".into());
    }
    let out = String::from_utf8(first).map_err(|e| format!("stream output not UTF-8: {e}"))?;
    let expected = bytes
        .split(|&b| b == b'\n')
        .filter(|l| std::str::from_utf8(l).map_or(true, |s| !s.trim().is_empty()))
        .count();
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != expected {
        return Err(format!(
            "{} output lines for {expected} non-blank input lines",
            lines.len()
        ));
    }
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("output line not JSON ({e}): {line}"))?;
        let Some(sentences) = value.get("sentences").and_then(|s| s.as_array()) else {
            if value.get("error").is_some_and(|e| e.is_string()) {
                continue;
            }
            return Err(format!("output line neither a result nor an error: {line}"));
        };
        let mut prev_end = 0;
        for s in sentences {
            let start = s["start"].as_u64().unwrap_or(u64::MAX);
            let end = s["end"].as_u64().unwrap_or(u64::MAX);
            if start > end || start < prev_end {
                return Err(format!("sentence {start}..{end} out of order: {line}"));
            }
            prev_end = end;
        }
    }
    Ok(())
}

/// An error's line and column must point inside the text (one past the
/// last line is allowed: the end of the file).
fn check_position(what: &str, text: &str, line: usize, column: usize) -> Result<(), String> {
    let lines = text.split('\n').count();
    if line == 0 || column == 0 || line > lines + 1 {
        return Err(format!(
            "{what} error at {line}:{column} outside a text of {lines} lines"
        ));
    }
    Ok(())
}
