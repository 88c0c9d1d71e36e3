//! A rule's documentation as `claimscan explain` prints it and the
//! language server's hover shows it: id, name, label, summary, doc, the
//! rule's own examples, its hedged rewordings and where it is defined. One
//! text for lexicon entries, context rules and suppression rules alike.

use std::fmt::Write;

use crate::ci::suppress;
use crate::pipeline::classify;
use crate::Settings;

/// The explanation of a rule (by id or name), or `None` when no rule has
/// that id or name.
pub fn explain(key: &str, settings: &Settings) -> Option<String> {
    let mut out = String::new();
    if let Some(e) = settings.entry(key) {
        let _ = write!(
            out,
            "{} {} ({})\n\n{}\n\n{}\n\n",
            e.id, e.name, e.label, e.summary, e.doc
        );
        examples(&mut out, &e.flags, &e.allows);
        if !e.suggestions.is_empty() {
            let _ = writeln!(out, "Hedged rewordings (quick fixes in `claimscan lsp`):");
            for (phrase, wording) in &e.suggestions {
                let _ = writeln!(out, "  {phrase} -> {wording}");
            }
            out.push('\n');
        }
        let _ = writeln!(out, "Defined in {}", e.origin);
    } else if let Some(r) = suppress::find(key) {
        let _ = write!(
            out,
            "{} {} (suppression comments)\n\n{}\n\n{}\n\n",
            r.id, r.name, r.summary, r.doc
        );
        examples(&mut out, r.flags, r.allows);
    } else if let Some(r) = classify::rules::find(key) {
        let _ = write!(
            out,
            "{} {} ({}, context rule)\n\n{}\n\n{}\n\n",
            r.id, r.name, r.label, r.summary, r.doc
        );
        examples(&mut out, r.flags, r.allows);
    } else {
        return None;
    }
    Some(out)
}

fn examples<S: AsRef<str>>(out: &mut String, flags: &[S], allows: &[S]) {
    if !flags.is_empty() {
        out.push_str("Flags:\n");
        for f in flags {
            let _ = writeln!(out, "  + {}", f.as_ref());
        }
    }
    if !allows.is_empty() {
        out.push_str("Does not flag:\n");
        for a in allows {
            let _ = writeln!(out, "  - {}", a.as_ref());
        }
    }
    out.push('\n');
}
