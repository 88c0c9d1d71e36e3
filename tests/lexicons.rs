//! Every rule's own examples: each `flags` example fires the rule, each
//! `allows` example does not. Ids are unique and well formed; docs are not
//! empty. Lexicon entries and context rules are checked alike.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use claimscan::pipeline::analyze_text;
use claimscan::pipeline::classify::rules::RULES;
use claimscan::Settings;

fn settings() -> Settings {
    Settings::new(&[]).expect("built-in lexicons load")
}

/// The ids of the rules that shaped any unit of `text`: kept findings and
/// the context rules that removed something.
fn applied(settings: &Settings, text: &str) -> BTreeSet<String> {
    let analysis = analyze_text(text, settings);
    analysis
        .verdicts
        .iter()
        .flat_map(|v| v.rules_applied().into_iter().map(str::to_string))
        .collect()
}

/// Ids of the rules whose kept findings are in `text`.
fn kept(settings: &Settings, text: &str) -> BTreeSet<String> {
    let analysis = analyze_text(text, settings);
    analysis
        .verdicts
        .iter()
        .flat_map(|v| v.findings.iter().map(|f| f.rule.clone()))
        .collect()
}

#[test]
fn lexicon_examples_fire_and_allows_do_not() {
    let s = settings();
    let mut failures = Vec::new();
    for e in s.entries() {
        assert!(
            !e.flags.is_empty(),
            "{} ({}) has no `flags` example",
            e.id,
            e.origin
        );
        for ex in &e.flags {
            if !kept(&s, ex).contains(&e.id) {
                failures.push(format!("{} should flag: {ex}", e.id));
            }
        }
        for ex in &e.allows {
            if kept(&s, ex).contains(&e.id) {
                failures.push(format!("{} should not flag: {ex}", e.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn context_rule_examples_apply_and_allows_do_not() {
    let s = settings();
    let mut failures = Vec::new();
    for r in RULES {
        assert!(!r.flags.is_empty(), "{} has no example", r.id);
        for ex in r.flags {
            if !applied(&s, ex).contains(r.id) {
                failures.push(format!("{} should apply to: {ex}", r.id));
            }
        }
        for ex in r.allows {
            if applied(&s, ex).contains(r.id) {
                failures.push(format!("{} should not apply to: {ex}", r.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ids_and_names_are_unique_and_docs_present() {
    let s = settings();
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (id, name, doc, summary) in s
        .entries()
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.name.as_str(),
                e.doc.as_str(),
                e.summary.as_str(),
            )
        })
        .chain(RULES.iter().map(|r| (r.id, r.name, r.doc, r.summary)))
    {
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert!(names.insert(name.to_string()), "duplicate name {name}");
        assert!(doc.contains("## "), "{id}: doc has no sections");
        assert!(!summary.is_empty(), "{id}: empty summary");
        let prefix = id.chars().next().unwrap();
        assert!(
            "ACHV".contains(prefix) && id.len() == 4,
            "{id}: malformed id"
        );
    }
}

#[test]
fn every_lexicon_label_has_entries() {
    let s = settings();
    let labels: BTreeSet<_> = s.entries().iter().map(|e| e.label).collect();
    assert_eq!(labels.len(), 4);
}

/// The findings of entry `id` in `text`, as their matched phrases.
fn matched_phrases(settings: &Settings, text: &str, id: &str) -> Vec<String> {
    let analysis = analyze_text(text, settings);
    analysis
        .verdicts
        .iter()
        .zip(&analysis.units)
        .flat_map(|(v, u)| {
            let unit = u.text(&analysis.doc).to_string();
            v.findings
                .iter()
                .filter(|f| f.rule == id)
                .map(move |f| unit[f.start..f.end].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_suggestion_key_is_a_phrase_its_entry_matches_and_the_rewording_is_not_absolute() {
    let s = settings();
    let mut failures = Vec::new();
    let mut count = 0;
    for e in s.entries() {
        for (key, wording) in &e.suggestions {
            count += 1;
            // The key alone, or as the end of a sentence, is matched whole.
            let whole = [key.clone(), format!("It {key}."), format!("{key}.")]
                .iter()
                .any(|text| {
                    matched_phrases(&s, text, &e.id).iter().any(|m| {
                        e.suggestion(m)
                            .is_some_and(|(len, w)| len > 0 && w == wording)
                    })
                });
            if !whole {
                failures.push(format!(
                    "{}: `{key}` is not a phrase the entry matches",
                    e.id
                ));
            }
            // The rewording gives no absolute finding at all.
            for text in [wording.clone(), format!("It {wording}.")] {
                let a = analyze_text(&text, &s);
                if let Some(f) = a
                    .verdicts
                    .iter()
                    .flat_map(|v| &v.findings)
                    .find(|f| f.label == claimscan::pipeline::lexicon::Label::Absolute)
                {
                    failures.push(format!(
                        "{}: the rewording `{wording}` of `{key}` is itself absolute ({})",
                        e.id, f.rule
                    ));
                }
            }
        }
        // Where a `flags` example's phrase has a suggestion, the reworded
        // example is no longer flagged by the entry.
        for ex in &e.flags {
            for m in matched_phrases(&s, ex, &e.id) {
                let Some((len, wording)) = e.suggestion(&m) else {
                    continue;
                };
                let Some(at) = ex.find(m.as_str()) else {
                    continue;
                };
                let reworded = format!("{}{}{}", &ex[..at], wording, &ex[at + len..]);
                if !matched_phrases(&s, &reworded, &e.id).is_empty() {
                    failures.push(format!(
                        "{}: reworded example still flags: {reworded}",
                        e.id
                    ));
                }
            }
        }
    }
    assert!(count > 50, "only {count} suggestions");
    assert!(
        failures.is_empty(),
        "{} suggestion(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
