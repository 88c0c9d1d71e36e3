//! Attribute: decisions that need more than one unit (news attribution).
//!
//! The matcher and the unit classifier never look beyond their unit. This
//! stage reads state across the units of an article, as the guide's
//! decisions require:
//!
//! 1. **People named in the article.** A person introduced in an
//!    attributing frame ("said Dr. Jane Smith", "Nevan Krogan, a biologist
//!    at UCSF, warned") is remembered by first and last name, so a later
//!    "Smith said" or "said Jane" names the same source (rule C904), and a
//!    "she said" right after names her too.
//! 2. **Definite references** ("the study found", "the researchers said",
//!    "they reported") are `cited` when a source is named in the same
//!    paragraph, before or after, and stay `vague` when none is (C902).
//! 3. **Direct quotations.** Every unit of a quotation attributed, in one of
//!    its units or the unit next to it, to a named person or organisation
//!    is `cited`, also when the quotation runs over several units and
//!    paragraphs (C903). Hedges and absolutes inside it count as usual.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::pipeline::classify::{rules, Finding, Verdict};
use crate::pipeline::ingest::Document;
use crate::pipeline::lexicon::{Label, Role};
use crate::pipeline::segment::Unit;

/// What kind of source a register entry is.
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

/// Where a `cited` finding's source was introduced: the register entry a
/// unit binds to. Offsets are into the text of unit `unit`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRef {
    /// The source as the article names it ("Science", "Dr. Ana Ruiz").
    pub name: String,
    pub kind: SourceKind,
    /// The unit that introduced it, and the mention's byte span in that
    /// unit's text.
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

/// How many paragraphs back a `he said` / `she said` may find its person.
const PRONOUN_REACH: usize = 2;

/// Compiles one of this module's constant patterns.
#[expect(
    clippy::expect_used,
    reason = "constant patterns; a typo fails every test at once"
)]
fn compile(pattern: &str) -> Regex {
    // ASCII word boundaries keep the DFA engines in play (see the matcher).
    Regex::new(&crate::pipeline::lexicon::matcher::prepare(pattern))
        .expect("attribution pattern compiles")
}

/// Verbs of saying, reporting or recommending (present and past).
const SPEECH: &str = r"(?:said|says|say|told|tells|explained|explains|added|adds|noted|notes|wrote|writes|stated|states|warned|warns|cautioned|cautions|argued|argues|asked|continued|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|suggested|suggests|insisted|insists|recalled|acknowledged|acknowledges|concluded|concludes|observed|announced|announces|urged|urges|predicted|predicts|believes|believed|thinks|thought|explained|mentioned|mentions|pointed out|points out|agreed|agrees|admitted|admits|claimed|claims|hailed|recommended|recommends|advised|advises|reported|reports|expressed|described|describes|replied|tweeted|posted|brought up|raised|pointed to)";

/// Any verb of [`SPEECH`], found in one Aho-Corasick scan: the speaker
/// patterns all need one, so a unit without any skips them (most units).
static SPEECH_WORDS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    let words: Vec<String> = SPEECH
        .trim_start_matches("(?:")
        .trim_end_matches(')')
        .split('|')
        .flat_map(|w| {
            if w.contains("[sz]") {
                vec![w.replace("[sz]", "s"), w.replace("[sz]", "z")]
            } else {
                vec![w.to_string()]
            }
        })
        .collect();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .ok()
});

/// Whether a text has a verb of speech (or, if the automaton could not be
/// built, whether it may: every pattern then runs).
fn has_speech_verb(text: &str) -> bool {
    SPEECH_WORDS.as_ref().map_or(true, |ac| ac.is_match(text))
}

/// A title before a name.
const TITLE: &str = r"(?:Dr\.?|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Gov\.?|Governor|Sen\.?|Senator|Rep\.?|President|Secretary|Director|Minister|Chancellor|Mayor|Judge|Sir|Dame|Lord|Lady)";

/// A capitalised name word (Smith, O'Neil, Ocasio-Cortez).
const NAME_WORD: &str = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?";

/// Capitalised words that start sentences or name things, never people.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Some",
    "Many",
    "Most",
    "Other",
    "Others",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Health",
    "Public",
    "Medical",
    "Researchers",
    "Scientists",
    "Experts",
    "Doctors",
    "Officials",
    "Study",
    "Studies",
    "Research",
    "New",
    "United",
    "North",
    "South",
    "East",
    "West",
    "White",
    "House",
    "State",
    "States",
    "City",
    "County",
    "University",
    "Institute",
    "Hospital",
    "College",
    "Center",
    "Centre",
    "Department",
    "Ministry",
    "National",
    "World",
    "Organization",
    "Organisation",
    "Government",
    "Prime",
    "Minister",
    "President",
    "Secretary",
    "Director",
    "Chief",
    "Professor",
    "Doctor",
    "Dr",
    "Covid",
    "Coronavirus",
    "Related",
    "Story",
    "Source",
    "Sources",
    "Read",
    "More",
    "Also",
    "Still",
    "However",
    "Yet",
    "So",
    "Now",
    "Then",
    "Here",
    "There",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Today",
    "Yesterday",
    "Mr",
    "Mrs",
    "Ms",
    "Sen",
    "Gov",
    "Rep",
    "Lancet",
    "Journal",
    "Science",
    "Nature",
    "Reuters",
    "News",
    "Times",
    "Post",
    "China",
    "America",
    "Europe",
    "Africa",
    "Asia",
    "Britain",
    "England",
    "London",
    "Paris",
    "Wuhan",
    "Chinese",
    "American",
    "British",
];

/// A full name in an attributing frame, capture 1: "said Dr. Jane Smith",
/// "Jane Smith, a biologist at Yale, warned", "according to John Edmunds".
static PERSON_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    let name = format!(
        r"(?:{TITLE}\s+{NAME_WORD}(?:\s+\p{{Lu}}\.)?(?:\s+{NAME_WORD})?|{NAME_WORD}(?:\s+\p{{Lu}}\.)?\s+{NAME_WORD})"
    );
    compile(&format!(
        r"(?:\b{SPEECH}|\baccording to|\bled by|\bquoted|\bsays)\s+({name})|({name})(?:’s|'s)?(?:,[^,;]{{1,120}},)?\s+(?:has |had |have |also |then |later |previously |further )?{SPEECH}\b|({name}),\s+\d{{1,3}},|,\s+({NAME_WORD}),\s+{SPEECH}\b|({name}),\s+(?:a|an|the|one of the)\s+(?:[\w-]+\s+){{0,3}}?(?:professor|director|researcher|researchers|scientist|biologist|virologist|epidemiologist|immunologist|physician|doctor|author|co-author|head|chief|leader|lead|expert|specialist|spokesperson|spokesman|spokeswoman|official|secretary|minister|president|founder|CEO|investigator|chair|dean|fellow|member|nurse|surgeon|pharmacist|economist|analyst)\b"
    ))
});

/// A person's title and name, wherever it stands ("Dr. Anthony Fauci").
static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:Dr\.?|Prof\.?|Professor)\s+({NAME_WORD}(?:\s+\p{{Lu}}\.)?(?:\s+{NAME_WORD})?)"
    ))
});

/// A speaker frame with a one-word name: "Barouch said", "said Olga",
/// "stated Igor", capture 1 or 2 is the name.
static SHORT_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b({NAME_WORD})(?:’s|'s)?(?:,[^,;]{{1,120}},|,)?\s+(?:has |had |also |then |later |previously |further )?{SPEECH}\b|\b{SPEECH}\s+(?:{TITLE}\s+)?({NAME_WORD})"
    ))
});

/// A pronoun speaker: "he said", "said she", "she added".
static PRONOUN_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i:\b(?:he|she)\s+(?:also |then |later |further )?{SPEECH}\b|\b{SPEECH}\s+(?:he|she)\b)"
    ))
});

/// An organisation as the speaker: "said the CDC", "the WHO warned",
/// "a WHO official said", "the World Health Organization said".
static ORG_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    let org = r"(?:\p{Lu}{2,6}s?|(?:\p{Lu}[\p{Ll}&]+\s+){0,5}(?:Organi[sz]ation|Institute|Institutes|University|Agency|Administration|Department|Ministry|Centers?|Centres?|Council|Association|College|Hospital|Clinic|Foundation|Society|Academy|Commission|Service|Office|Government|Authority|Company|Corporation|Inc\.?|School of Medicine|Medical Center|Health))";
    compile(&format!(
        r"\b{SPEECH}\s+(?:the\s+)?{org}\b|\b(?:the\s+|a\s+|an\s+)?{org}(?:’s|'s)?(?:\s+(?:top\s+)?(?:official|officials|spokesperson|spokesman|spokeswoman|director|chief|scientists?|researchers?|experts?))?(?:,[^,;]{{1,120}},)?\s+(?:has |have |had |also |then |later |previously )?{SPEECH}\b"
    ))
});

/// What a unit's speaker frame (outside its quotations) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Speaker {
    None,
    /// "the researchers said", "they added": named only if the paragraph
    /// names a source.
    Definite,
    /// A named person or organisation (directly, by a remembered name, or
    /// by a pronoun whose person was just named).
    Named,
}

/// A direct quotation: the units it covers and its length in words.
#[derive(Debug, Default)]
struct Quotation {
    units: Vec<usize>,
    words: usize,
    /// Words of four letters or more, and how many of them are capitalised:
    /// a quotation in title case names a title, it does not report speech.
    long_words: usize,
    capitalised: usize,
    /// Introduced by "titled", "called"...: a title too.
    introduced_as_title: bool,
}

impl Quotation {
    fn is_title(&self) -> bool {
        self.introduced_as_title
            || (self.units.len() == 1
                && self.long_words >= 2
                && self.capitalised * 10 >= self.long_words * 7)
    }
}

/// Resolves cross-unit attribution in place, then finishes every verdict.
pub fn resolve(doc: &Document, units: &[Unit], verdicts: &mut [Verdict]) {
    let texts: Vec<&str> = units.iter().map(|u| u.text(doc)).collect();
    let (outside, quotations) = quotations(units, &texts);
    let (people, framed) = named_people(&texts);
    let mut person_blocks: BTreeSet<usize> = framed
        .iter()
        .zip(units)
        .filter(|(&f, _)| f)
        .map(|(_, u)| u.block)
        .collect();

    // C904: a remembered name or a resolved pronoun as the speaker.
    let mut speakers = vec![Speaker::None; units.len()];
    for (i, u) in units.iter().enumerate() {
        let text = outside[i].as_str();
        let mut named = Vec::new();
        let speech = has_speech_verb(text);
        let speakers_here = if speech {
            SHORT_SPEAKER.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for c in speakers_here {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            if people.contains(m.as_str()) {
                named.push(
                    c.get(0)
                        .map_or((m.start(), m.end()), |a| (a.start(), a.end())),
                );
            }
        }
        let near_person =
            (u.block.saturating_sub(PRONOUN_REACH)..=u.block).any(|b| person_blocks.contains(&b));
        if near_person && speech {
            named.extend(
                PRONOUN_SPEAKER
                    .find_iter(text)
                    .map(|m| (m.start(), m.end())),
            );
        }
        let already = verdicts[i]
            .findings
            .iter()
            .any(|f| f.label == Label::Cited && f.role == Role::Marker);
        if !named.is_empty() {
            // A person spoke here: a "he said" in the next paragraphs is them.
            person_blocks.insert(u.block);
        }
        if !named.is_empty()
            || (speech && ORG_SPEAKER.is_match(text))
            || PERSON_FRAME.is_match(text)
        {
            speakers[i] = Speaker::Named;
        }
        if !already {
            for (start, end) in named {
                cite(&mut verdicts[i], start, end, rules::NAMED_SPEAKER);
            }
        }
    }

    // C902: definite references, per paragraph.
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
        for k in i..j {
            let has_reference = verdicts[k]
                .findings
                .iter()
                .any(|f| f.role == Role::Reference);
            if has_reference && speakers[k] == Speaker::None {
                speakers[k] = Speaker::Definite;
            }
            if source_named {
                cite_references(&mut verdicts[k]);
                if speakers[k] == Speaker::Definite {
                    speakers[k] = Speaker::Named;
                }
            }
        }
        i = j;
    }

    // C903: every unit of an attributed direct quotation.
    let in_quotation: BTreeSet<usize> = quotations
        .iter()
        .flat_map(|q| q.units.iter().copied())
        .collect();
    for q in &quotations {
        let (Some(&first), Some(&last)) = (q.units.first(), q.units.last()) else {
            continue;
        };
        if (q.words < 4 && q.units.len() < 2) || q.is_title() {
            continue;
        }
        // The quotation's own units and the unit after it in the paragraph
        // say who speaks; failing that, the unit before it may.
        let mut own: Vec<usize> = q.units.clone();
        if last + 1 < units.len() && units[last + 1].block == units[last].block {
            own.push(last + 1);
        }
        let mut speaker = own
            .iter()
            .map(|&k| speakers[k])
            .max()
            .unwrap_or(Speaker::None);
        // The unit before counts when it is in the same paragraph, introduces
        // the quotation ("She added:"), or closes a quotation of its own
        // ("…," he said. ¶ "…"): the speaker goes on.
        if speaker == Speaker::None
            && first > 0
            && (units[first - 1].block == units[first].block
                || texts[first - 1].trim_end().ends_with(':')
                || in_quotation.contains(&(first - 1)))
        {
            speaker = speakers[first - 1];
        }
        if speaker == Speaker::Named {
            for &k in &q.units {
                let done = verdicts[k]
                    .findings
                    .iter()
                    .any(|f| f.rule == rules::QUOTED_SOURCE);
                if !done {
                    let end = texts[k].len();
                    cite(&mut verdicts[k], 0, end, rules::QUOTED_SOURCE);
                }
            }
        }
    }

    for v in verdicts.iter_mut() {
        v.finish();
    }
}

/// Adds a citation by a context rule over `start..end` of the unit.
fn cite(v: &mut Verdict, start: usize, end: usize, rule: &str) {
    v.findings.push(Finding {
        start,
        end,
        rule: rule.to_string(),
        label: Label::Cited,
        role: Role::Marker,
        source: None,
    });
}

/// Turns the unit's definite references into citations.
fn cite_references(v: &mut Verdict) {
    let refs: Vec<(usize, usize)> = v
        .findings
        .iter()
        .filter(|f| f.role == Role::Reference)
        .map(|f| (f.start, f.end))
        .collect();
    for (start, end) in refs {
        cite(v, start, end, rules::DEFINITE_REFERENCE);
    }
}

/// First and last names of the people named in attributing frames.
/// Also says, per text, whether it has any person frame or titled name, so
/// the callers need not run those patterns a second time.
fn named_people(texts: &[&str]) -> (BTreeSet<String>, Vec<bool>) {
    let mut people = BTreeSet::new();
    let mut framed = Vec::with_capacity(texts.len());
    for text in texts {
        let captures: Vec<regex::Captures<'_>> = PERSON_FRAME
            .captures_iter(text)
            .chain(TITLED_NAME.captures_iter(text))
            .collect();
        framed.push(!captures.is_empty());
        // PERSON_FRAME names its person in one of groups 1..=5, TITLED_NAME in 1.
        let names = captures
            .iter()
            .filter_map(|c| (1..=5).find_map(|k| c.get(k)));
        for m in names {
            for word in m.as_str().split_whitespace() {
                let word = word.trim_end_matches(['.', ',']);
                let is_name = word.chars().count() > 1
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().skip(1).any(char::is_lowercase)
                    && !NOT_NAMES.contains(&word)
                    && !is_title(word);
                if is_name {
                    people.insert(word.to_string());
                }
            }
        }
    }
    (people, framed)
}

fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Dr" | "Prof"
            | "Professor"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Gov"
            | "Governor"
            | "Sen"
            | "Senator"
            | "Rep"
            | "President"
            | "Secretary"
            | "Director"
            | "Minister"
            | "Chancellor"
            | "Mayor"
            | "Judge"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
    )
}

/// Finds direct quotations across units. Returns each unit's text with its
/// quoted parts blanked (same byte offsets), and the quotations.
///
/// A quotation left open at the end of a paragraph goes on in the next one
/// when that opens with a quotation mark (the news convention); otherwise
/// it ends with its paragraph.
fn quotations(units: &[Unit], texts: &[&str]) -> (Vec<String>, Vec<Quotation>) {
    let mut outside = Vec::with_capacity(units.len());
    let mut found: Vec<Quotation> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, (u, text)) in units.iter().zip(texts).enumerate() {
        let new_block = i == 0 || units[i - 1].block != u.block;
        if new_block && open.is_some() && !text.trim_start().starts_with(['“', '"', '«']) {
            open = None;
        }
        let mut blanked = String::with_capacity(text.len());
        let lead = text.len() - text.trim_start().len();
        for (at, c) in text.char_indices() {
            let mark = matches!(c, '“' | '”' | '"' | '«' | '»');
            if mark && new_block && at == lead && open.is_some() {
                // The opening mark of a quotation that runs on from the
                // paragraph before.
                blank(&mut blanked, c);
                continue;
            }
            let opens = matches!(c, '“' | '«') || (c == '"' && open.is_none());
            let closes = matches!(c, '”' | '»') || (c == '"' && open.is_some());
            if opens && open.is_none() {
                // Only the word before counts: lower-casing the whole
                // prefix at every quotation mark would be quadratic.
                let before = last_word(&text[..at]).to_lowercase();
                found.push(Quotation {
                    introduced_as_title: ["titled", "entitled", "called", "headlined", "named"]
                        .iter()
                        .any(|w| before.ends_with(w)),
                    ..Quotation::default()
                });
                open = Some(found.len() - 1);
                blank(&mut blanked, c);
            } else if closes && open.is_some() {
                open = None;
                blank(&mut blanked, c);
            } else if let Some(q) = open {
                let quotation = &mut found[q];
                if quotation.units.last() != Some(&i) {
                    quotation.units.push(i);
                }
                let starts_word = c.is_alphanumeric()
                    && !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                if starts_word {
                    quotation.words += 1;
                    let word = text[at..]
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("");
                    if word.chars().count() > 3 {
                        quotation.long_words += 1;
                        if c.is_uppercase() {
                            quotation.capitalised += 1;
                        }
                    }
                }
                blank(&mut blanked, c);
            } else {
                blanked.push(c);
            }
        }
        outside.push(blanked);
    }
    (outside, found)
}

/// Blanks a character with as many spaces as its UTF-8 bytes, so offsets in
/// the blanked text are offsets in the unit's text (a finding in one is a
/// finding in the other).
fn blank(out: &mut String, c: char) {
    out.extend(std::iter::repeat(' ').take(c.len_utf8()));
}

/// How far back [`last_word`] looks, in bytes: the longest title verb
/// ("headlined") is nine.
const LAST_WORD_MAX: usize = 16;

/// The last word of a text, trailing white space ignored, cut to
/// [`LAST_WORD_MAX`] bytes so the cost does not grow with the text.
fn last_word(text: &str) -> &str {
    let t = text.trim_end();
    let mut start = t.len();
    for (i, c) in t.char_indices().rev() {
        if !c.is_alphanumeric() || t.len() - i > LAST_WORD_MAX {
            break;
        }
        start = i;
    }
    &t[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_remembered_by_first_and_last_name() {
        let (people, _) = named_people(&[
            "The drug works, said Dr. Jane Smith, who led the study.",
            "Nevan Krogan, a biologist at the University of California, warned that it may harm.",
            "The Lancet said nothing.",
        ]);
        for name in ["Jane", "Smith", "Nevan", "Krogan"] {
            assert!(people.contains(name), "{name} in {people:?}");
        }
        assert!(!people.contains("Lancet"));
    }

    #[test]
    fn speaker_frames() {
        assert!(PRONOUN_SPEAKER.is_match("“It works,” she said."));
        assert!(ORG_SPEAKER.is_match("A top WHO official warned on Wednesday."));
        assert!(ORG_SPEAKER.is_match("said the World Health Organization"));
        assert!(!ORG_SPEAKER.is_match("the researchers said"));
        assert!(SHORT_SPEAKER.is_match("Barouch said."));
    }
}
