//! Attribute: decisions that need more than one unit.
//!
//! A definite reference ("the study found", "these researchers said") is
//! `cited` when a source is named in the same paragraph, before or after,
//! and stays `vague` when none is. This is a stage of its own because it
//! reads state across units of a block; the matcher and the unit classifier
//! never look beyond their unit.

use crate::classify::{rules, Finding, Verdict};
use crate::lexicon::{Label, Role};
use crate::segment::Unit;

/// Resolves cross-unit attribution in place, then finishes every verdict.
pub fn resolve(units: &[Unit], verdicts: &mut [Verdict]) {
    let mut i = 0;
    while i < units.len() {
        let block = units[i].block;
        let mut j = i;
        while j < units.len() && units[j].block == block {
            j += 1;
        }
        let source_named = verdicts[i..j]
            .iter()
            .any(|v| v.findings.iter().any(|f| f.label == Label::Cited));
        if source_named {
            for v in &mut verdicts[i..j] {
                cite_references(v);
            }
        }
        i = j;
    }
    for v in verdicts.iter_mut() {
        v.finish();
    }
}

/// Turns the unit's definite references into citations.
fn cite_references(v: &mut Verdict) {
    let refs: Vec<Finding> = v
        .findings
        .iter()
        .filter(|f| f.role == Role::Reference)
        .cloned()
        .collect();
    for r in refs {
        v.findings.push(Finding {
            start: r.start,
            end: r.end,
            rule: rules::DEFINITE_REFERENCE.to_string(),
            label: Label::Cited,
            role: Role::Marker,
        });
    }
}
