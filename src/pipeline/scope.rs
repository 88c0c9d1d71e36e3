//! Scope: only health, treatment, safety and evidence claims carry labels.
//!
//! The guide (version 2): "a marker in a personal, legal or political aside
//! gets none" ("Undoubtedly the traffic was awful", "Perhaps the mayor
//! should act"), and its adjudicated gold applies that to every label: a
//! named speaker's remark about politics, careers or business is not
//! `cited` either. The rule starts from the words the unit is about:
//!
//! - a unit is an **aside** when it has a word of politics, law, business
//!   or personal life (`lexicons/words/aside-terms.toml`: "mayor",
//!   "lawsuit", "business", "traffic") and no word of health, treatment,
//!   safety or evidence (`health-terms.toml`, with stems such as
//!   `vaccin*`, and the study nouns of `study-nouns.toml`);
//! - unless it opens with a word that refers back ("It", "This", "They")
//!   and the unit before it is in scope: "It is completely safe." after a
//!   unit about a vaccine speaks of the vaccine;
//! - a unit with neither kind of word is in scope: in a health article a
//!   plain sentence ("Samples were obtained on April 14.") is part of the
//!   health story;
//! - a unit that goes on a quotation begun in an earlier unit shares that
//!   unit's scope, as a unit opening with "It" or "They" does;
//! - an aside's findings are removed, each by the rule of its label (A950,
//!   C950, H950, V950), so a report and a test can say why a marker gave
//!   no label.
//!
//! A house style that writes about another domain extends the health-terms
//! list with its own words (a `words/health-terms.toml` in its lexicon
//! folder).

use crate::pipeline::classify::{rules, Verdict};
use crate::pipeline::lexicon::Label;
use crate::pipeline::segment::Unit;
use crate::pipeline::sources::Topic;

/// Whether each unit is in scope, by its topic and the unit before it.
pub fn in_scope(topics: &[Topic]) -> Vec<bool> {
    let mut out = Vec::with_capacity(topics.len());
    let mut previous = false;
    for t in topics {
        let here = t.health
            || (!t.aside && !t.personal)
            || ((t.anaphoric || t.continues_quote) && previous);
        out.push(here);
        previous = here;
    }
    out
}

/// Removes the findings of every unit that is an aside.
pub fn apply(units: &[Unit], topics: &[Topic], verdicts: &mut [Verdict]) {
    debug_assert_eq!(units.len(), topics.len());
    for ((v, here), t) in verdicts.iter_mut().zip(in_scope(topics)).zip(topics) {
        // An instruction's frequency word says how to act, not how sure a
        // claim is: "Wash hands often" is not hedged ("Consider acupuncture
        // as a potential option" still is).
        if t.imperative {
            v.suppress_where_rule(FREQUENCY_ENTRY, rules::ASIDE_HEDGED);
        }
        if here || v.findings.is_empty() {
            continue;
        }
        for label in Label::ALL {
            v.suppress_label(label, rule_for(label));
        }
    }
}

/// The lexicon entry of frequency and scope words (*often*, *usually*).
const FREQUENCY_ENTRY: &str = "H108";

/// The scope rule that removes findings of a label.
fn rule_for(label: Label) -> &'static str {
    match label {
        Label::Absolute => rules::ASIDE_ABSOLUTE,
        Label::Cited => rules::ASIDE_CITED,
        Label::Hedged => rules::ASIDE_HEDGED,
        Label::Vague => rules::ASIDE_VAGUE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(health: bool, aside: bool, anaphoric: bool) -> Topic {
        Topic {
            health,
            aside,
            anaphoric,
            continues_quote: false,
            imperative: false,
            personal: false,
            reports_data: false,
        }
    }

    #[test]
    fn asides_are_out_unless_they_speak_of_health() {
        let topics = [
            t(true, false, false),
            t(false, true, true),
            t(false, true, false),
            t(false, true, true),
            t(false, false, false),
            t(true, true, false),
        ];
        assert_eq!(in_scope(&topics), [true, true, false, false, true, true]);
    }

    #[test]
    fn a_quotation_keeps_its_scope() {
        let mut quote = t(false, true, false);
        quote.continues_quote = true;
        assert_eq!(in_scope(&[t(true, false, false), quote]), [true, true]);
        assert_eq!(in_scope(&[t(false, true, false), quote]), [false, false]);
    }
}
