//! Classify: a unit's lexicon hits → a [`Verdict`], by the context rules.
//!
//! Hits say which phrases matched; context rules (registered in
//! [`rules::RULES`]) decide which of them hold: negation, the month May,
//! `can` of ability, hedges inside titles, bare verdicts under a hedge, and
//! cited over vague. Every removal is kept as a [`Suppressed`] record so a
//! report (and a test) can say which rule removed what.

pub mod negation;
pub mod rules;

use std::collections::BTreeSet;

use crate::pipeline::lexicon::words::{List, Words};
use crate::pipeline::lexicon::{Entry, Hit, Label, Role};

/// A phrase that holds: rule id, label and byte span in the unit's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub rule: String,
    pub label: Label,
    pub role: Role,
    /// For a `cited` finding: the source it binds to, as the sources stage
    /// registered it. `None` for the other labels.
    pub source: Option<crate::pipeline::sources::SourceRef>,
}

/// A finding a context rule removed, and the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub finding: Finding,
    pub by: &'static str,
}

/// The outcome for one unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub labels: BTreeSet<Label>,
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

impl Verdict {
    /// Ids of every rule that shaped this verdict: the findings' rules and
    /// the context rules that removed something.
    pub fn rules_applied(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|f| f.rule.as_str())
            .chain(self.suppressed.iter().map(|s| s.by))
            .collect()
    }

    /// Removes every finding of a label, recording `by` as the rule that
    /// removed it.
    pub fn suppress_label(&mut self, label: Label, by: &'static str) {
        self.suppress_where(by, |f| f.label == label);
    }

    /// Removes the findings of one rule, recording `by` as the rule that
    /// removed them.
    pub fn suppress_where_rule(&mut self, rule: &str, by: &'static str) {
        self.suppress_where(by, |f| f.rule == rule);
    }

    /// Removes every finding, recording `by` as the rule that removed it.
    pub fn suppress_all(&mut self, by: &'static str) {
        self.suppress_where(by, |_| true);
    }

    fn suppress_where(&mut self, by: &'static str, mut pred: impl FnMut(&Finding) -> bool) {
        crate::work::add(self.findings.len());
        let (gone, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut self.findings)
            .into_iter()
            .partition(|f| pred(f));
        self.findings = kept;
        self.suppressed
            .extend(gone.into_iter().map(|finding| Suppressed { finding, by }));
    }

    /// Recomputes `labels` from the findings, applying cited-over-vague.
    /// Called once the attribution stage has run.
    pub fn finish(&mut self) {
        if self.findings.iter().any(|f| f.label == Label::Cited) {
            self.suppress_where(rules::CITED_OVER_VAGUE, |f| f.label == Label::Vague);
        }
        self.findings.sort();
        // Two stages may find the same thing (a name that is both an agent
        // and a speaker): one finding per rule and span.
        self.findings
            .dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        self.labels = self.findings.iter().map(|f| f.label).collect();
    }
}

/// Applies the unit-level context rules to a unit's hits. `entries` is the
/// list the matcher was built from. The verdict's labels are set by
/// [`Verdict::finish`], after the attribution stage.
///
/// `heading` says the unit stands alone on its line with no closing
/// punctuation (a title or subhead).
pub fn classify_unit(
    text: &str,
    hits: &[Hit],
    entries: &[&Entry],
    heading: bool,
    words: &Words,
) -> Verdict {
    let mut v = Verdict {
        findings: hits
            .iter()
            .filter_map(|h| {
                let e = entries.get(h.entry)?;
                Some(Finding {
                    start: h.start,
                    end: h.end,
                    rule: e.id.clone(),
                    label: e.label,
                    role: e.role,
                    source: None,
                })
            })
            .collect(),
        ..Verdict::default()
    };
    let title_case = is_title_case(text);
    let quotes = quoted_titles(text);
    // Where the unit's first letter is: whether only punctuation stands
    // before a hit is then one comparison, not a scan of the unit's start
    // per hit.
    let first_letter = text
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    crate::work::add(first_letter);

    v.suppress_where(rules::MAY_MONTH, |f| {
        f.label == Label::Hedged && is_month_may(text, f, title_case, first_letter)
    });
    v.suppress_where(rules::NEGATED_MODAL, |f| {
        f.label == Label::Hedged
            && text[f.start..f.end].eq_ignore_ascii_case("could")
            && next_word(text, f.end).eq_ignore_ascii_case("not")
    });
    v.suppress_where(rules::CAN_ABILITY, |f| {
        f.label == Label::Hedged
            && (is_person_can(text, f) || is_permission_may(text, f) || is_ability_could(text, f))
    });
    v.suppress_where(rules::HEDGE_IN_TITLE, |f| {
        f.label == Label::Hedged && inside_one_of(&quotes, f)
    });
    v.suppress_where(rules::NEGATED_ABSOLUTE, |f| {
        f.label == Label::Absolute && negation::negator_before(text, f.start).is_some()
    });
    if v.findings.iter().any(|f| f.role == Role::Universal) && has_sample(text, words) {
        v.suppress_where(rules::SAMPLE_FINDING, |f| f.role == Role::Universal);
    }
    if heading && title_case && !has_reporting_verb(text) {
        v.suppress_where(rules::TOPIC_HEADING, |f| f.label == Label::Vague);
    }
    if v.findings.iter().any(|f| f.label == Label::Hedged) {
        v.suppress_where(rules::HEDGED_VERDICT, |f| f.role == Role::Verdict);
    }
    v
}

/// Whether a unit counts a study's sample: a number (or number word)
/// followed within two words by a sample noun ("50 patients", "six
/// primates", "all 40 control patients"; `lexicons/words/sample-nouns.toml`)
/// or a group of a study ("in the placebo group", "the participants").
fn has_sample(text: &str, words: &Words) -> bool {
    let spans: Vec<&str> = negation::word_spans(text).map(|(_, w)| w).collect();
    spans.iter().enumerate().any(|(i, w)| {
        let lower = w.to_lowercase();
        let number = w.chars().next().is_some_and(|c| c.is_ascii_digit())
            || words.is(&lower, List::NumberWord);
        let counted = number
            && spans[i + 1..]
                .iter()
                .take(3)
                .any(|n| words.is(&n.to_lowercase(), List::SampleNoun));
        let group = matches!(lower.as_str(), "participants" | "subjects" | "volunteers")
            || (lower == "group"
                && i > 0
                && matches!(
                    spans[i - 1].to_lowercase().as_str(),
                    "placebo" | "control" | "treatment" | "treated" | "study" | "vaccine"
                ));
        counted || group
    })
}

/// The word right after `at`, skipping spaces.
fn next_word(text: &str, at: usize) -> &str {
    next_words(text, at).next().unwrap_or("")
}

/// The words after `at`, counted as work as they are read.
fn next_words(text: &str, at: usize) -> impl Iterator<Item = &str> {
    let mut read = 0;
    negation::word_spans(&text[at..]).map(move |(off, w)| {
        crate::work::add(off + w.len() - read);
        read = off + w.len();
        w
    })
}

/// The word right before `at`, lower-cased.
fn prev_word(text: &str, at: usize) -> Option<String> {
    // A bounded window: the whole prefix would make a long unit quadratic.
    let from = negation::window_before(text, at, negation::LOOK_BACK);
    crate::work::add(at - from);
    negation::word_spans(&text[from..at])
        .last()
        .map(|(_, w)| lower(w))
}

/// A word in lower case, without the Unicode tables when it is ASCII.
fn lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const TIME_PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "through",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "during",
    "before",
    "after",
    "between",
    "and",
    "or",
    "to",
    "end",
    "throughout",
];

fn is_month_may(text: &str, f: &Finding, title_case: bool, first_letter: usize) -> bool {
    let word = &text[f.start..f.end];
    if !word.eq_ignore_ascii_case("may") {
        return false;
    }
    let next = next_word(text, f.end);
    if next.chars().next().is_some_and(|c| c.is_ascii_digit())
        || MONTHS.contains(&next.to_lowercase().as_str())
    {
        return true;
    }
    let prev = prev_word(text, f.start);
    if prev
        .as_deref()
        .is_some_and(|p| TIME_PREPOSITIONS.contains(&p) || MONTHS.contains(&p))
        && word == "May"
    {
        return true;
    }
    // A capital May inside a sentence of ordinary case is the month.
    // (`first_letter >= f.start`: only punctuation or a list marker stands
    // before it, so it starts the sentence.)
    word == "May" && prev.is_some() && !title_case && first_letter < f.start
}

/// People whose `can` states an ability, not a possibility.
const PERSONS: &[&str] = &[
    "you",
    "i",
    "we",
    "he",
    "she",
    "one",
    "doctor",
    "doctors",
    "physician",
    "physicians",
    "practitioner",
    "practitioners",
    "acupuncturist",
    "acupuncturists",
    "therapist",
    "therapists",
    "clinician",
    "clinicians",
    "provider",
    "providers",
    "nurse",
    "nurses",
    "surgeon",
    "surgeons",
    "specialist",
    "specialists",
    "pharmacist",
    "pharmacists",
    "dentist",
    "chiropractor",
    "chiropractors",
    "readers",
    "users",
    "team",
    "staff",
];

fn is_person_can(text: &str, f: &Finding) -> bool {
    let matched = &text[f.start..f.end];
    if !matched
        .get(..4)
        .is_some_and(|s| s.eq_ignore_ascii_case("can "))
    {
        return false;
    }
    prev_word(text, f.start).is_some_and(|w| PERSONS.contains(&w.as_str()))
}

/// Participles after `could be` that report what an experiment was able
/// to show ("could be detected"), not what might be.
const OBSERVED: &[&str] = &[
    "detected",
    "observed",
    "seen",
    "found",
    "identified",
    "demonstrated",
    "measured",
    "visualized",
    "visualised",
    "established",
    "isolated",
    "obtained",
    "recovered",
    "reproduced",
    "confirmed",
    "shown",
    "distinguished",
    "resolved",
    "purified",
    "amplified",
    "cloned",
    "determined",
    "traced",
    "localized",
    "localised",
    "mapped",
    "reached",
    "performed",
    "achieved",
    "used",
    "done",
    "made",
    "restored",
    "quantified",
    "verified",
    "assessed",
    "analyzed",
    "analysed",
    "evaluated",
    "recorded",
    "collected",
    "retrieved",
    "located",
    "contacted",
    "reached",
    "read",
    "calculated",
    "estimated",
    "tested",
];

/// `could` as the past of `can` of ability: "no binding could be detected",
/// "we could detect three sites". A person's `could` + verb, or `could
/// (not) be` + a participle of observing or doing.
fn is_ability_could(text: &str, f: &Finding) -> bool {
    let matched = &text[f.start..f.end];
    if !matched
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("could"))
    {
        return false;
    }
    let person = prev_word(text, f.start).is_some_and(|w| PERSONS.contains(&w.as_str()));
    let next: Vec<String> = next_words(text, f.start + 5).take(4).map(lower).collect();
    let mut k = 0;
    while next.get(k).is_some_and(|w| {
        matches!(
            w.as_str(),
            "not"
                | "also"
                | "only"
                | "still"
                | "easily"
                | "readily"
                | "clearly"
                | "reproducibly"
                | "consistently"
                | "all"
                | "then"
                | "now"
                | "no"
                | "longer"
                | "even"
        )
    }) {
        k += 1;
    }
    let observed = next.get(k).is_some_and(|w| w == "be")
        && next
            .get(k + 1)
            .is_some_and(|w| OBSERVED.contains(&w.as_str()));
    let observing = next.get(k).is_some_and(|w| OBSERVING.contains(&w.as_str()));
    (person && observing) || observed
}

/// Verbs of observing after a person's `could`: "we could detect", not "we
/// could eliminate" (a possibility).
const OBSERVING: &[&str] = &[
    "detect",
    "observe",
    "see",
    "find",
    "identify",
    "show",
    "demonstrate",
    "confirm",
    "measure",
    "trace",
    "restore",
    "isolate",
    "obtain",
    "reproduce",
    "distinguish",
    "localize",
    "localise",
    "map",
    "visualize",
    "visualise",
    "quantify",
    "verify",
    "recover",
    "clone",
    "purify",
];

/// Verbs of permission: "you may also explore", "patients may choose".
const PERMISSION_VERBS: &[&str] = &[
    "explore",
    "want",
    "wish",
    "choose",
    "prefer",
    "consider",
    "ask",
    "contact",
    "call",
    "visit",
    "use",
    "try",
    "book",
    "schedule",
    "like",
    "opt",
    "return",
    "continue",
    "resume",
    "bring",
    "request",
    "discuss",
    "decide",
    "proceed",
    "leave",
    "enter",
    "apply",
    "submit",
    "register",
    "print",
    "share",
    "download",
    "cancel",
    "unsubscribe",
    "view",
    "access",
    "click",
    "select",
    "contact",
];
const PERMITTED: &[&str] = &[
    "you",
    "patients",
    "visitors",
    "readers",
    "guests",
    "users",
    "members",
    "customers",
];

fn is_permission_may(text: &str, f: &Finding) -> bool {
    if !text[f.start..f.end].eq_ignore_ascii_case("may")
        || !prev_word(text, f.start).is_some_and(|w| PERMITTED.contains(&w.as_str()))
    {
        return false;
    }
    let next: Vec<String> = next_words(text, f.end).take(2).map(lower).collect();
    let verb = match next.first().map(String::as_str) {
        Some("also" | "still" | "then" | "now" | "always") => next.get(1),
        _ => next.first(),
    };
    verb.is_some_and(|v| PERMISSION_VERBS.contains(&v.as_str()))
}

/// Verbs by which a headline asserts a finding ("Studies Show ...",
/// "Scientists Identify 69 Drugs"). Not the sources stage's word lists:
/// those hold nouns' forms too ("Case Studies", "Research Highlights").
const REPORTING_VERBS: &[&str] = &[
    "identify",
    "identifies",
    "discover",
    "discovers",
    "show",
    "shows",
    "prove",
    "proves",
    "suggest",
    "suggests",
    "find",
    "finds",
    "say",
    "says",
    "confirm",
    "confirms",
    "reveal",
    "reveals",
    "agree",
    "agrees",
    "claim",
    "claims",
    "report",
    "reports",
    "indicate",
    "indicates",
    "demonstrate",
    "demonstrates",
    "warn",
    "warns",
];

fn has_reporting_verb(text: &str) -> bool {
    crate::work::add(text.len());
    negation::word_spans(text).any(|(_, w)| REPORTING_VERBS.contains(&lower(w).as_str()))
}

/// Whether a unit is written in title case (a headline): most longer words
/// start with a capital.
fn is_title_case(text: &str) -> bool {
    title_case_with(text, 3)
}

/// Title case with at least `min_words` words of four letters or more.
fn title_case_with(text: &str, min_words: usize) -> bool {
    crate::work::add(text.len());
    let words: Vec<&str> = negation::word_spans(text)
        .map(|(_, w)| w)
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= min_words && capitalised * 10 >= words.len() * 7
}

/// Whether a finding lies inside one of `spans` (sorted, disjoint): only
/// the last span starting at or before it can hold it, found by a binary
/// search rather than a look at every span per finding.
fn inside_one_of(spans: &[(usize, usize)], f: &Finding) -> bool {
    let k = spans.partition_point(|&(s, _)| s <= f.start);
    k > 0 && f.end <= spans[k - 1].1
}

/// Spans of quoted text that are titles: in title case, or introduced by
/// "titled", "entitled", "called", "headlined".
fn quoted_titles(text: &str) -> Vec<(usize, usize)> {
    crate::work::add(text.len());
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(rel) = text[search..].find(['“', '"']) {
        let open = search + rel;
        let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let body_start = open + open_len;
        let Some(close_rel) = text[body_start..].find(['”', '"']) else {
            break;
        };
        let body_end = body_start + close_rel;
        let body = &text[body_start..body_end];
        let introduced = prev_word(text, open).is_some_and(|w| {
            matches!(
                w.as_str(),
                "titled" | "entitled" | "called" | "headlined" | "named"
            )
        });
        if introduced || title_case_with(body, 2) {
            out.push((body_start, body_end));
        }
        search = body_end + text[body_end..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_detection() {
        assert!(is_title_case("Acupuncture May Help With Back Pain"));
        assert!(!is_title_case("Acupuncture may help with back pain."));
    }

    #[test]
    fn quoted_title_spans() {
        let t = "A paper titled \"could it help\" and “Why Acupuncture May Work” but “it may,” she said.";
        let spans = quoted_titles(t);
        assert_eq!(spans.len(), 2);
        assert_eq!(&t[spans[0].0..spans[0].1], "could it help");
    }
}
