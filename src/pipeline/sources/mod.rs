//! Sources: the article's register of sources, and every unit's binding to
//! it. The stage after classification, before the final labels.
//!
//! The stages before it look at one unit at a time. News names a source
//! once and refers to it for the rest of the article ("the researchers",
//! "the team", "she", "the study"), usually one sentence a paragraph; the
//! guide (version 2) tracks sources through the whole article. This stage
//! walks the units in order and keeps a [`register`] of the sources
//! introduced so far:
//!
//! - **mentions**: every `cited` lexicon hit names a source of its entry's
//!   kind (`source = "journal"` in the file); titled and full names; studies
//!   identified by at least two specifics (rule C106); and unsourced
//!   mentions ("researchers have found", "a new study", "scientists"),
//!   which pointers can bind to but which a reader cannot look up;
//! - **speakers** by structure ([`frames`]): "…," NAME said / said NAME /
//!   NAME, ROLE, said / according to NAME / NAME wrote, told, added…, with
//!   NAME a capitalised name (titles, initials, particles) or a registered
//!   source; a named speaker makes the unit `cited` (C904), an unnamed one
//!   ("a professor at Imperial College said", "officials said") `vague`
//!   (V903);
//! - **pointers** ("the study", "the researchers", "the company", "he",
//!   "they found") bind to the most recent compatible mention, across
//!   paragraphs, to the end of the article: `cited` when it is sourced
//!   (C902), `vague` when it is not (V902);
//! - **quotations** over units and paragraphs keep their speaker (C903);
//!   an introducer with no claim of its own ("She added:") carries no label
//!   (C906).
//!
//! Every `cited` finding carries the [`SourceRef`] it binds to, so a report
//! can say "source: Science, line 3". The stage reads each unit's tokens
//! once ([`tokens`]) and looks every anchor's window up in bounded steps;
//! the register answers each binding in constant time.

pub mod frames;
pub mod quotes;
pub mod register;
pub mod tokens;

use crate::pipeline::classify::{rules, Finding, Verdict};
use crate::pipeline::ingest::Document;
use crate::pipeline::lexicon::words::List;
use crate::pipeline::lexicon::{Label, Role};
use crate::pipeline::segment::Unit;
use crate::Settings;

pub use crate::pipeline::lexicon::SourceKind;
use frames::{PointerClass, Speaker};
use register::{Kind, Mention, Register};
use tokens::Tok;

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

impl SourceRef {
    fn of(m: &Mention) -> Option<SourceRef> {
        match m.kind {
            Kind::Source(kind) if m.sourced => Some(SourceRef {
                name: m.name.clone(),
                kind,
                unit: m.unit,
                start: m.start,
                end: m.end,
            }),
            _ => None,
        }
    }
}

/// The longest introducer ("Professor of Molecular Biology at Nottingham
/// University, John Ball, warned:"), in words.
const INTRODUCER_WORDS: usize = 12;

/// What a unit's speaker frame resolved to, for its quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Nobody,
    /// An unnamed or unsourced speaker.
    Unsourced,
    /// A registered source.
    Source(usize),
}

/// What a binding came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// No compatible mention.
    Nothing,
    /// A mention a reader cannot look up.
    Unsourced,
    Source(usize),
}

const STUDY_LIKE: [Kind; 5] = [
    Kind::Source(SourceKind::Study),
    Kind::Source(SourceKind::Journal),
    Kind::Source(SourceKind::Reference),
    Kind::Source(SourceKind::Text),
    Kind::Source(SourceKind::Outlet),
];
const PEOPLE_LIKE: [Kind; 7] = [
    Kind::Source(SourceKind::Study),
    Kind::Source(SourceKind::Person),
    Kind::Source(SourceKind::Organisation),
    Kind::Source(SourceKind::Journal),
    Kind::Source(SourceKind::Reference),
    Kind::Source(SourceKind::Outlet),
    Kind::People,
];
const ORG_LIKE: [Kind; 1] = [Kind::Source(SourceKind::Organisation)];
const IT: [Kind; 5] = [
    Kind::Source(SourceKind::Organisation),
    Kind::Source(SourceKind::Study),
    Kind::Source(SourceKind::Journal),
    Kind::Source(SourceKind::Outlet),
    Kind::Source(SourceKind::Reference),
];
const PERSON: [Kind; 1] = [Kind::Source(SourceKind::Person)];
const THEY: [Kind; 6] = [
    Kind::Source(SourceKind::Study),
    Kind::Source(SourceKind::Organisation),
    Kind::Source(SourceKind::Person),
    Kind::Source(SourceKind::Journal),
    Kind::Source(SourceKind::Reference),
    Kind::People,
];

/// A unit's findings being built, with its text and tokens.
struct UnitWork<'a> {
    index: usize,
    text: &'a str,
    toks: &'a [Tok],
}

impl UnitWork<'_> {
    /// The text of tokens `first..last`.
    fn span(&self, first: usize, last: usize) -> (usize, usize) {
        let start = self.toks.get(first).map_or(0, |t| t.start);
        let end = last
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(start, |t| t.end);
        (start, end.max(start))
    }
}

/// What a unit's words say it is about, read on the same token pass, for
/// the scope stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Topic {
    /// It has a word of health, treatment, safety or evidence
    /// (`lexicons/words/health-terms.toml`, `study-nouns.toml`).
    pub health: bool,
    /// It has a word of a personal, legal, political or business aside
    /// (`lexicons/words/aside-terms.toml`).
    pub aside: bool,
    /// It opens with a word that refers back ("It", "This", "They",
    /// "These"): its subject is the previous unit's.
    pub anaphoric: bool,
    /// It goes on a quotation that began in an earlier unit: it speaks of
    /// what the quotation spoke of.
    pub continues_quote: bool,
    /// It is an instruction: it opens (after a list marker) with a verb of
    /// `lexicons/words/imperative-verbs.toml` ("Wash hands often").
    pub imperative: bool,
    /// It speaks in the first person singular (I, me, my) of nothing in
    /// the guide's scope: a personal aside ("Sometimes I think we are in a
    /// bad dream").
    pub personal: bool,
    /// It reports data: a number with a sample noun or a percentage, or a
    /// study noun ("Samples were obtained on April 14", "Eight percent of
    /// the group died"), in the writer's voice (no I, we, you; not a
    /// question).
    pub reports_data: bool,
}

/// Resolves the article's sources in place, and says what each unit is
/// about.
pub fn resolve(
    doc: &Document,
    units: &[Unit],
    verdicts: &mut [Verdict],
    settings: &Settings,
) -> Vec<Topic> {
    let texts: Vec<&str> = units.iter().map(|u| u.text(doc)).collect();
    let quotes = quotes::find(units, &texts);
    let mut reg = Register::default();
    let mut said = vec![Said::Nobody; units.len()];
    let mut introducer = vec![false; units.len()];
    let mut toks: Vec<Tok> = Vec::new();
    let mut topics = vec![Topic::default(); units.len()];
    // Units that go on a quotation begun in an earlier unit.
    let mut continues = vec![false; units.len()];
    for q in &quotes.quotations {
        for &u in q.units.iter().skip(1) {
            if let Some(c) = continues.get_mut(u) {
                *c = true;
            }
        }
    }
    for (i, text) in texts.iter().enumerate() {
        let Some(verdict) = verdicts.get_mut(i) else {
            break;
        };
        tokens::tokenize(text, settings.words(), &mut toks);
        if let Some(ranges) = quotes.ranges.get(i) {
            if !ranges.is_empty() {
                for t in toks.iter_mut() {
                    t.quoted = quotes::is_quoted(ranges, t.start);
                }
            }
        }
        let work = UnitWork {
            index: i,
            text,
            toks: &toks,
        };
        said[i] = unit_sources(&work, verdict, &mut reg, settings);
        if let Some(name) = embedded_post(&toks, text) {
            let index = if name.is_full() {
                person(&work, &name, &mut reg)
            } else {
                organisation(&work, &name, &mut reg)
            };
            let source = reg.get(index).and_then(SourceRef::of);
            // Every unit of the post's paragraph, up to its signature line.
            let block = units[i].block;
            let mut j = i + 1;
            while j > 0 && units[j - 1].block == block {
                j -= 1;
                if let Some(v) = verdicts.get_mut(j) {
                    let end = texts[j].len();
                    v.findings
                        .push(cite(0, end, rules::EMBEDDED_POST, source.clone()));
                }
            }
            said[i] = Said::Source(index);
        }
        topics[i] = topic(&toks, text);
        topics[i].continues_quote = continues.get(i).copied().unwrap_or(false);
        let words = toks.iter().filter(|t| t.is_word()).count();
        introducer[i] =
            said[i] != Said::Nobody && words <= INTRODUCER_WORDS && text.trim_end().ends_with(':');
    }
    attribute_quotations(units, &texts, &quotes, &said, &introducer, &reg, verdicts);
    continue_reports(units, &texts, &topics, verdicts);
    for (v, intro) in verdicts.iter_mut().zip(&introducer) {
        if *intro {
            v.suppress_all(rules::INTRODUCER);
        }
    }
    topics
}

/// The author of an embedded post, from its signature line: "— Scott
/// Gottlieb, MD (@ScottGottliebMD) April 29, 2020".
fn embedded_post(toks: &[Tok], text: &str) -> Option<frames::Name> {
    let dash = toks
        .iter()
        .position(|t| t.is_punct('—') || t.is_punct('–'))?;
    let at = (dash + 1..toks.len().min(dash + 10))
        .find(|&k| toks[k].is_punct('(') && toks.get(k + 1).is_some_and(|t| t.is_punct('@')))?;
    frames::name_at(toks, text, dash + 1).filter(|n| n.last <= at)
}

/// Words that refer back to the previous unit's subject when they open a
/// unit.
const ANAPHORS: [&str; 10] = [
    "it", "its", "this", "that", "these", "those", "they", "their", "such", "both",
];

/// What a unit is about, from its tokens.
fn topic(toks: &[Tok], text: &str) -> Topic {
    let health = toks
        .iter()
        .any(|t| t.is(List::HealthTerm) || t.is(List::StudyNoun));
    let aside = toks.iter().any(|t| t.is(List::AsideTerm));
    let first = toks.iter().find(|t| t.is_word());
    let anaphoric = first.is_some_and(|t| t.lower_in(text, &ANAPHORS));
    let own_voice =
        toks.iter().any(|t| t.is_person_pronoun(text).is_some()) || text.trim_end().ends_with('?');
    let counted = toks.iter().enumerate().any(|(k, t)| {
        frames::is_number_word(t, text)
            && toks[k + 1..].iter().take(3).any(|n| {
                n.is(List::SampleNoun)
                    || n.is_punct('%')
                    || n.text(text).eq_ignore_ascii_case("percent")
            })
    }) || toks.iter().any(|t| t.is(List::SampleNoun) && t.cap)
        || toks.first().is_some_and(|t| t.is(List::StudyNoun));
    // The first word after a list marker, capitalised as an instruction's is.
    let imperative = first.is_some_and(|t| t.cap && t.is(List::ImperativeVerb))
        && toks
            .iter()
            .skip_while(|t| !t.is_word())
            .nth(1)
            .map_or(true, |n| !n.is_punct(',') && !n.is_punct(':'));
    let personal = toks
        .iter()
        .any(|t| t.is_person_pronoun(text) == Some(tokens::Person::First));
    Topic {
        health,
        aside,
        anaphoric,
        continues_quote: false,
        imperative,
        personal,
        reports_data: counted && !own_voice,
    }
}

/// Registers a unit's mentions and binds its speakers and pointers, in
/// the order they stand. Returns what its speaker frame named.
fn unit_sources(
    w: &UnitWork<'_>,
    verdict: &mut Verdict,
    reg: &mut Register,
    settings: &Settings,
) -> Said {
    let toks = w.toks;
    // Mentions from the lexicons' cited hits, in text order.
    let mut hits: Vec<usize> = (0..verdict.findings.len())
        .filter(|&k| verdict.findings[k].label == Label::Cited)
        .collect();
    hits.sort_by_key(|&k| verdict.findings[k].start);
    // The cited hits' spans, sorted by start, with the furthest end reached
    // so far: whether a window overlaps any is one binary search.
    let cited_spans: Vec<(usize, usize)> = {
        let mut reach = 0;
        hits.iter()
            .map(|&k| {
                let f = &verdict.findings[k];
                reach = reach.max(f.end);
                (f.start, reach)
            })
            .collect()
    };
    let mut next_hit = 0;
    // Unsourced mentions from the vague appeals ("research shows",
    // "experts say").
    let mut appeals: Vec<(usize, usize, Kind)> = verdict
        .findings
        .iter()
        .filter(|f| f.label == Label::Vague && f.role != Role::Reference)
        .filter_map(|f| appeal_kind(&f.rule).map(|k| (f.start, f.end, k)))
        .collect();
    appeals.sort();
    let mut next_appeal = 0;
    let mut out = Said::Nobody;
    let mut added: Vec<Finding> = Vec::new();
    let title_case = is_title_case(toks);
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k];
        // Register every hit that starts before this token.
        while next_hit < hits.len() && verdict.findings[hits[next_hit]].start <= t.start {
            let f = &mut verdict.findings[hits[next_hit]];
            register_hit(w, f, reg, settings);
            next_hit += 1;
        }
        while next_appeal < appeals.len() && appeals[next_appeal].0 <= t.start {
            let (start, end, kind) = appeals[next_appeal];
            next_appeal += 1;
            // "The study found" is a pointer, not an appeal: a definite
            // determiner before the appeal makes it one.
            let at = toks.partition_point(|t| t.start < start);
            let definite = |k: usize| toks.get(k).is_some_and(|t| t.is(List::PointerDeterminer));
            if (at > 0 && definite(at - 1)) || definite(at) {
                continue;
            }
            // "researchers found" right after a named study is that study's
            // researchers: no new unsourced mention.
            let local = reg.latest(&PEOPLE_LIKE).filter(|&i| {
                reg.get(i)
                    .is_some_and(|m| m.sourced && m.unit + THEY_REACH >= w.index)
            });
            if local.is_some() {
                continue;
            }
            reg.add(
                Mention {
                    kind,
                    name: w.text.get(start..end).unwrap_or("").to_string(),
                    unit: w.index,
                    start,
                    end,
                    sourced: false,
                },
                [],
            );
        }
        if t.quoted || !t.is_word() {
            k += 1;
            continue;
        }
        // A speaker frame around a verb of saying.
        if t.is(List::SpeechVerb) {
            if let Some(frame) = frames::speaker_frame(toks, w.text, k) {
                let bound = bind_speaker(w, &frame.speaker, reg);
                let (start, end) = w.span(frame.first, frame.last);
                out = out.max_with(bound);
                push_binding(&mut added, reg, bound, start, end, Binding::Speaker);
                k += 1;
                continue;
            }
        }
        // A titled or full name, or an organisation, anywhere: a source the
        // article introduces (not in a title-case headline, whose every
        // phrase looks like a name). As the subject of a verb of saying or
        // finding it is the unit's speaker ("The C.D.C. advises…", "Dr.
        // Munster and his colleagues tested…").
        if t.cap && !title_case {
            let name = frames::name_at(toks, w.text, k).filter(|n| {
                // The first word of a unit is capitalised anyway: there a
                // name needs two words, a title or capitals.
                k > 0 || n.words.len() >= 2 || n.titled || n.acronym
            });
            if let Some(name) = name {
                let place = k > 0 && is_place_preposition(&toks[k - 1], w.text) && !name.titled;
                let index = if place {
                    None
                } else if name.is_full() {
                    Some(person(w, &name, reg))
                } else if name.org || name.acronym {
                    Some(organisation(w, &name, reg))
                } else {
                    None
                };
                if let Some(index) = index {
                    let subject = clause_start(toks, w.text, k)
                        || ((name.org || name.acronym) && after_the(toks, w.text, k));
                    let agent = subject
                        .then(|| agent_follows(toks, w.text, name.last))
                        .flatten();
                    if let Some(end_tok) = agent {
                        let (start, end) = w.span(name.first, end_tok);
                        push_binding(
                            &mut added,
                            reg,
                            Bound::Source(index),
                            start,
                            end,
                            Binding::Speaker,
                        );
                        out = out.max_with(Bound::Source(index));
                    }
                }
                k = name.last.max(k + 1);
                continue;
            }
        }
        // A study: identified by its specifics, or not.
        if let Some((first, last, specifics)) = frames::study_at(toks, w.text, k) {
            let (start, end) = w.span(first, k + 1);
            let window_end = w.span(first, last).1;
            let named = overlaps(&cited_spans, start, window_end)
                || overlaps_added(&added, start, window_end)
                || institution_after(toks, w.text, k + 1, reg).is_some();
            let identified = specifics.count() >= 2;
            // "an unusual study of the genes" after the article named its
            // study is that study again, unless it says it is another.
            let another = toks[first..last].iter().any(|t| {
                t.lower_in(
                    w.text,
                    &[
                        "another",
                        "other",
                        "second",
                        "separate",
                        "different",
                        "earlier",
                        "previous",
                        "new",
                    ],
                )
            });
            let known = reg
                .latest(&STUDY_LIKE)
                .filter(|&i| reg.get(i).is_some_and(|m| m.sourced));
            if specifics.count() == 0 && !named && !another && known.is_some() {
                k += 1;
                continue;
            }
            let index = reg.add(
                Mention {
                    kind: Kind::Source(SourceKind::Study),
                    name: w.text.get(start..end).unwrap_or("").to_string(),
                    unit: w.index,
                    start,
                    end,
                    sourced: identified || named,
                },
                [],
            );
            if identified {
                let source = reg.get(index).and_then(SourceRef::of);
                added.push(cite(start, end, rules::SPECIFIC_STUDY, source));
            }
            k += 1;
            continue;
        }
        // A pointer: "the study", "the researchers", "the company" (not
        // "this report", the article itself).
        if let Some(p) = frames::pointer_at(toks, w.text, k).filter(|p| !self_reference(w, *p)) {
            if p.last == k + 1 {
                let bound = bind_pointer_in(w, p, reg);
                let (start, end) = w.span(p.first, p.last);
                push_binding(&mut added, reg, bound, start, end, Binding::Pointer);
                k += 1;
                continue;
            }
        }
        // he, she, they + a verb of saying or finding.
        if let Some(sp) = frames::pronoun_agent(toks, w.text, k) {
            let bound = bind_speaker(w, &sp, reg);
            let (start, end) = w.span(k, k + 1);
            push_binding(&mut added, reg, bound, start, end, Binding::Pointer);
        }
        k += 1;
    }
    while next_hit < hits.len() {
        let f = &mut verdict.findings[hits[next_hit]];
        register_hit(w, f, reg, settings);
        next_hit += 1;
    }
    verdict.findings.extend(added);
    out
}

impl Said {
    /// The stronger of what the unit said so far and a new binding.
    fn max_with(self, b: Bound) -> Said {
        match (self, b) {
            (_, Bound::Source(i)) => Said::Source(i),
            (Said::Nobody, Bound::Unsourced) => Said::Unsourced,
            (s, _) => s,
        }
    }
}

/// Whether any span of `spans` (sorted by start, each with the furthest
/// end reached so far) overlaps `start..end`.
fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|&(s, _)| s < end);
    i > 0 && spans[i - 1].1 > start
}

/// Whether a cited finding added so far in this unit overlaps
/// `start..end`. Added findings come in text order, so only the last few
/// can reach the window; looking at a bounded tail keeps the cost flat.
fn overlaps_added(added: &[Finding], start: usize, end: usize) -> bool {
    added
        .iter()
        .rev()
        .take(8)
        .any(|f| f.label == Label::Cited && f.start < end && f.end > start)
}

/// Whether a binding came from a speaker frame or a pointer (they give
/// different rules).
#[derive(Debug, Clone, Copy)]
enum Binding {
    Speaker,
    Pointer,
}

/// Adds the finding a binding gives: cited with its source, or vague.
fn push_binding(
    out: &mut Vec<Finding>,
    reg: &Register,
    bound: Bound,
    start: usize,
    end: usize,
    by: Binding,
) {
    match bound {
        Bound::Source(i) => {
            let source = reg.get(i).and_then(SourceRef::of);
            let rule = match by {
                Binding::Speaker => rules::NAMED_SPEAKER,
                Binding::Pointer => rules::SOURCE_POINTER,
            };
            out.push(cite(start, end, rule, source));
        }
        Bound::Unsourced => {
            let rule = match by {
                Binding::Speaker => rules::UNNAMED_SPEAKER,
                Binding::Pointer => rules::UNSOURCED_POINTER,
            };
            out.push(Finding {
                start,
                end,
                rule: rule.to_string(),
                label: Label::Vague,
                role: Role::Marker,
                source: None,
            });
        }
        Bound::Nothing => {}
    }
}

/// A citation by a context rule.
fn cite(start: usize, end: usize, rule: &str, source: Option<SourceRef>) -> Finding {
    Finding {
        start,
        end,
        rule: rule.to_string(),
        label: Label::Cited,
        role: Role::Marker,
        source,
    }
}

/// The kind of unsourced mention a vague appeal makes: research shows →
/// a study nobody can look up; experts say → people nobody named.
fn appeal_kind(rule: &str) -> Option<Kind> {
    match rule {
        "V101" | "V105" => Some(Kind::Source(SourceKind::Study)),
        "V103" | "V106" => Some(Kind::People),
        _ => None,
    }
}

/// Registers the source a lexicon's cited hit names and points the finding
/// at it.
fn register_hit(w: &UnitWork<'_>, f: &mut Finding, reg: &mut Register, settings: &Settings) {
    if f.source.is_some() {
        return;
    }
    let Some(kind) = settings.source_kind(&f.rule) else {
        return;
    };
    // The name inside the hit: its longest capitalised run ("published in
    // the journal Science" → "Science"), else the hit itself.
    let toks = w.toks;
    let first = toks.partition_point(|t| t.start < f.start);
    let last = toks.partition_point(|t| t.start < f.end);
    let mut best: Option<frames::Name> = None;
    let mut k = first;
    while k < last {
        match frames::name_at(toks, w.text, k) {
            Some(n) if n.last <= last => {
                let longer = best
                    .as_ref()
                    .map_or(true, |b| n.last - n.first > b.last - b.first);
                k = n.last;
                if longer {
                    best = Some(n);
                }
            }
            _ => k += 1,
        }
    }
    // A "person" hit whose name is an organisation's ("The New York Times
    // … said") names the organisation.
    let kind = match &best {
        Some(n) if kind == SourceKind::Person && (n.org || n.acronym) => SourceKind::Organisation,
        _ => kind,
    };
    let (start, end, words): (usize, usize, Vec<&str>) = match &best {
        Some(n) if kind != SourceKind::Reference => {
            let (s, e) = w.span(n.first, n.last);
            let words = n
                .words
                .iter()
                .filter_map(|&(a, b)| w.text.get(a..b))
                .collect();
            (s, e, words)
        }
        _ => (f.start, f.end, Vec::new()),
    };
    // A person already registered by the same last name is the same source.
    let existing = (kind == SourceKind::Person)
        .then(|| words.last().and_then(|l| reg.by_word(l)))
        .flatten()
        .filter(|&i| reg.get(i).is_some_and(|m| m.sourced));
    let index = existing.unwrap_or_else(|| {
        reg.add(
            Mention {
                kind: Kind::Source(kind),
                name: one_line(w.text.get(start..end).unwrap_or("")),
                unit: w.index,
                start,
                end,
                sourced: true,
            },
            words,
        )
    });
    f.source = reg.get(index).and_then(SourceRef::of);
    // "a study by Amsterdam University Medical Centre", "a report from the
    // CDC": the hit introduces a study as well as its source, and "the
    // study" later binds to it.
    let name_first = best.as_ref().map_or(last, |n| n.first);
    let study = toks[first..name_first.min(toks.len())]
        .iter()
        .any(|t| t.is(List::StudyNoun));
    if study && kind != SourceKind::Study {
        if let Some(owner) = reg.get(index).map(|m| m.name.clone()) {
            reg.add(
                Mention {
                    kind: Kind::Source(SourceKind::Study),
                    name: one_line(&format!(
                        "{owner}: {}",
                        w.text.get(f.start..f.end).unwrap_or("")
                    )),
                    unit: w.index,
                    start: f.start,
                    end: f.end,
                    sourced: true,
                },
                [],
            );
        }
    }
}

/// A name on one line, at most 80 characters.
fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > 80 {
        let cut: String = joined.chars().take(79).collect();
        format!("{cut}…")
    } else {
        joined
    }
}

/// Registers a full name as a person (or finds the person already there)
/// and returns the mention.
fn person(w: &UnitWork<'_>, name: &frames::Name, reg: &mut Register) -> usize {
    let words: Vec<&str> = name
        .words
        .iter()
        .filter_map(|&(a, b)| w.text.get(a..b))
        .collect();
    if let Some(i) = words.last().and_then(|l| reg.by_word(l)).filter(|&i| {
        reg.get(i)
            .is_some_and(|m| m.sourced && m.kind == Kind::Source(SourceKind::Person))
    }) {
        return i;
    }
    let (start, end) = w.span(name.first, name.last);
    let kind = if name.org || name.acronym {
        SourceKind::Organisation
    } else {
        SourceKind::Person
    };
    reg.add(
        Mention {
            kind: Kind::Source(kind),
            name: one_line(w.text.get(start..end).unwrap_or("")),
            unit: w.index,
            start,
            end,
            sourced: true,
        },
        words,
    )
}

/// Whether most longer words of a unit are capitalised (a headline).
fn is_title_case(toks: &[Tok]) -> bool {
    let long: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.is_word() && t.end - t.start > 3)
        .collect();
    let caps = long.iter().filter(|t| t.cap).count();
    long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// Whether token `k` begins a clause: the unit's start, or after
/// punctuation, a quotation mark or a conjunction. A name elsewhere ("a
/// study in New York City found") is not the clause's subject.
fn clause_start(toks: &[Tok], text: &str, k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).and_then(|p| toks.get(p)) else {
        return true;
    };
    !prev.is_word()
        || prev.lower_in(
            text,
            &[
                "and", "but", "while", "when", "as", "then", "so", "because", "after", "before",
                "though", "although",
            ],
        )
}

/// Prepositions before a place: a full name after one ("in New York",
/// "from Hong Kong") is a place, not a person.
fn is_place_preposition(t: &Tok, text: &str) -> bool {
    t.is_word()
        && t.lower_in(
            text,
            &[
                "in",
                "from",
                "across",
                "near",
                "throughout",
                "to",
                "into",
                "around",
                "outside",
                "inside",
                "within",
                "toward",
                "towards",
            ],
        )
}

/// Whether the token before `k` is "the" not governed by a preposition:
/// "In recent weeks the Food and Drug Administration has issued…", but not
/// "a study at the Mayo Clinic found…".
fn after_the(toks: &[Tok], text: &str, k: usize) -> bool {
    let Some(the) = k.checked_sub(1) else {
        return false;
    };
    if !toks[the].text(text).eq_ignore_ascii_case("the") {
        return false;
    }
    let before = the
        .checked_sub(1)
        .map(|b| toks[b].text(text).to_ascii_lowercase());
    !before.is_some_and(|b| {
        matches!(
            b.as_str(),
            "in" | "at" | "from" | "of" | "by" | "with" | "for" | "to" | "on" | "into" | "through"
        )
    })
}

/// Whether a name at `last` is followed by a verb of saying or finding,
/// maybe after "and his colleagues": the name is the agent of a claim or a
/// method. Returns the token just past the verb.
fn agent_follows(toks: &[Tok], text: &str, last: usize) -> Option<usize> {
    let mut k = last;
    // "Dr. Munster and his colleagues tested…", "Dr. Lee's team found…".
    let rest: Vec<String> = toks[k..]
        .iter()
        .take(4)
        .map(|t| t.text(text).to_ascii_lowercase())
        .collect();
    if rest.first().is_some_and(|w| w == "and")
        && rest
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "his" | "her" | "their" | "colleagues"))
    {
        k += if rest.get(1).is_some_and(|w| w == "colleagues") {
            2
        } else {
            3
        };
    } else if rest.first().is_some_and(|w| w == "'s" || w == "’s") {
        k += 2;
    }
    // A place or an affiliation: "Dr. Joseph Varon at United General
    // Hospital in Houston, Texas, is using…"; a time: "the CDC in March
    // authorized…".
    let prep = |t: &Tok| {
        t.is_word() && t.lower_in(text, &["at", "of", "from", "in", "on", "last", "this"])
    };
    if toks.get(k).is_some_and(prep) {
        let mut n = k + 1;
        while n < toks.len() && n - k < 12 {
            let t = &toks[n];
            if (t.is_word()
                && (t.cap
                    || prep(t)
                    || t.text(text).eq_ignore_ascii_case("the")
                    || matches!(t.text(text), "week" | "month" | "year")))
                || t.is_punct(',')
                || t.kind == tokens::Kind::Number
            {
                n += 1;
            } else {
                break;
            }
        }
        k = n;
    }
    // An apposition: "Anthony Fauci, director of the NIAID, called…".
    if toks.get(k).is_some_and(|t| t.is_punct(',')) {
        if let Some(close) = (k + 1..toks.len().min(k + 24)).find(|&c| toks[c].is_punct(',')) {
            k = close + 1;
        }
    }
    let mut j = k;
    while j < toks.len() && j - k < 3 && toks[j].is_word() && toks[j].is(List::SpeechFiller) {
        j += 1;
    }
    let t = toks.get(j)?;
    // "tested positive" reports a result about a person, not their method.
    let tested_positive = toks
        .get(j + 1)
        .is_some_and(|n| n.lower_in(text, &["positive", "negative"]));
    (t.is_word()
        && !t.cap
        && !tested_positive
        && (t.is(List::SpeechVerb) || t.is(List::SourceVerb)))
    .then_some(j + 1)
}

/// Binds a speaker frame's speaker to the register.
fn bind_speaker(w: &UnitWork<'_>, speaker: &Speaker, reg: &mut Register) -> Bound {
    match speaker {
        Speaker::Name(name) => {
            let words: Vec<&str> = name
                .words
                .iter()
                .filter_map(|&(a, b)| w.text.get(a..b))
                .collect();
            if name.is_full() {
                return Bound::Source(person(w, name, reg));
            }
            // One word: a surname, a one-word organisation, an acronym.
            if let Some(i) = words.last().and_then(|l| reg.by_word(l)) {
                return bound_to(reg, i);
            }
            let (start, end) = w.span(name.first, name.last);
            let kind = if name.acronym || name.org {
                SourceKind::Organisation
            } else {
                SourceKind::Person
            };
            Bound::Source(reg.add(
                Mention {
                    kind: Kind::Source(kind),
                    name: one_line(w.text.get(start..end).unwrap_or("")),
                    unit: w.index,
                    start,
                    end,
                    sourced: true,
                },
                words,
            ))
        }
        Speaker::Pronoun { .. } => near(reg, reg.latest(&PERSON), w.index, PRONOUN_REACH),
        Speaker::They { .. } => near(reg, reg.latest(&THEY), w.index, THEY_REACH),

        Speaker::Pointer(p) => bind_pointer_in(w, *p, reg),
        // "it said" is most often a company or an agency.
        Speaker::It { .. } => {
            let org = reg
                .latest(&ORG_LIKE)
                .filter(|&i| reg.get(i).is_some_and(|m| m.unit + THEY_REACH >= w.index));
            org.or_else(|| reg.latest(&IT))
                .map_or(Bound::Nothing, |i| bound_to(reg, i))
        }
        Speaker::Office { first, head } => {
            let (start, end) = w.span(*first, head + 1);
            Bound::Source(reg.add(
                Mention {
                    kind: Kind::Source(SourceKind::Person),
                    name: one_line(w.text.get(start..end).unwrap_or("")),
                    unit: w.index,
                    start,
                    end,
                    sourced: true,
                },
                [],
            ))
        }
        Speaker::Unnamed { first, head, bare } => {
            // "Researchers also wrote…" after a named study: the study's
            // researchers, not an appeal to unnamed ones.
            let authors = w.toks.get(*head).is_some_and(|t| {
                t.lower_in(
                    w.text,
                    &["researchers", "scientists", "authors", "investigators"],
                )
            });
            if *bare && authors {
                if let Some(i) = reg
                    .latest(&STUDY_LIKE)
                    .filter(|&i| reg.get(i).is_some_and(|m| m.sourced))
                {
                    return Bound::Source(i);
                }
            }
            let (start, end) = w.span(*first, head + 1);
            reg.add(
                Mention {
                    kind: Kind::People,
                    name: w.text.get(start..end).unwrap_or("").to_string(),
                    unit: w.index,
                    start,
                    end,
                    sourced: false,
                },
                [],
            );
            Bound::Unsourced
        }
    }
}

/// Whether a pointer is the article speaking of itself: "this report",
/// "this story", "this article".
fn self_reference(w: &UnitWork<'_>, p: frames::Pointer) -> bool {
    let det = w.toks[p.first].text(w.text).to_ascii_lowercase();
    let noun = w.toks[p.last - 1].text(w.text).to_ascii_lowercase();
    det == "this"
        && matches!(
            noun.as_str(),
            "report" | "story" | "article" | "piece" | "post"
        )
}

/// Registers an organisation's name (or finds it already there, by its
/// full name or acronym) and returns the mention.
fn organisation(w: &UnitWork<'_>, name: &frames::Name, reg: &mut Register) -> usize {
    let (start, end) = w.span(name.first, name.last);
    let text = one_line(w.text.get(start..end).unwrap_or(""));
    let key = text.replace('.', "");
    if let Some(i) = reg.by_word(&key) {
        return i;
    }
    reg.add(
        Mention {
            kind: Kind::Source(SourceKind::Organisation),
            name: text,
            unit: w.index,
            start,
            end,
            sourced: true,
        },
        [key.as_str()],
    )
}

/// Binds a pointer in its unit: a name inside it ("the NYU results", "the
/// Oxford study") or an institution right after it ("the new research,
/// done at the Rocky Mountain Laboratories") names its source; a
/// possessive ("its study", "their findings") is the study of the latest
/// source of any kind. A study pointer so named is registered as a study of
/// its own, so later pointers bind to it.
fn bind_pointer_in(w: &UnitWork<'_>, p: frames::Pointer, reg: &mut Register) -> Bound {
    let toks = w.toks;
    let named = (p.first + 1..p.last.saturating_sub(1))
        .find(|&k| toks[k].cap && toks[k].is_word() && !toks[k].is(List::NotName))
        .and_then(|k| frames::name_at(toks, w.text, k))
        .or_else(|| institution_after(toks, w.text, p.last, reg));
    if let Some(name) = named {
        let source = if name.is_full() {
            person(w, &name, reg)
        } else {
            organisation(w, &name, reg)
        };
        return study_of(w, p, source, reg);
    }
    let possessive = toks
        .get(p.first)
        .is_some_and(|t| t.lower_in(w.text, &["its", "their", "his", "her"]));
    if possessive && p.class == PointerClass::Study {
        let local = reg
            .latest(&PEOPLE_LIKE)
            .filter(|&i| reg.get(i).is_some_and(|m| m.unit + THEY_REACH >= w.index));
        if let Some(i) = local {
            return match bound_to(reg, i) {
                Bound::Source(s) => study_of(w, p, s, reg),
                other => other,
            };
        }
        return Bound::Nothing;
    }
    bind_pointer(p.class, reg)
}

/// A study pointer named by a source: registered as that source's study.
fn study_of(w: &UnitWork<'_>, p: frames::Pointer, source: usize, reg: &mut Register) -> Bound {
    if p.class != PointerClass::Study {
        return Bound::Source(source);
    }
    let (start, end) = w.span(p.first, p.last);
    let owner = reg.get(source).map(|m| m.name.clone()).unwrap_or_default();
    let text = w.text.get(start..end).unwrap_or("");
    Bound::Source(reg.add(
        Mention {
            kind: Kind::Source(SourceKind::Study),
            name: one_line(&format!("{owner}: {text}")),
            unit: w.index,
            start,
            end,
            sourced: true,
        },
        [],
    ))
}

/// An institution named just after a pointer, in its clause: "the new
/// research, done **at the Rocky Mountain Laboratories**", "the study **by
/// Stanford University**".
fn institution_after(
    toks: &[Tok],
    text: &str,
    from: usize,
    reg: &Register,
) -> Option<frames::Name> {
    let mut k = from;
    while k < toks.len() && k - from < 8 {
        let t = &toks[k];
        if matches!(t.kind, tokens::Kind::Punct('.' | ';' | ':' | '?' | '!')) {
            return None;
        }
        if t.is_word() && t.lower_in(text, &["at", "by", "from", "of"]) {
            let mut n = k + 1;
            if toks
                .get(n)
                .is_some_and(|t| t.text(text).eq_ignore_ascii_case("the"))
            {
                n += 1;
            }
            if let Some(name) = frames::name_at(toks, text, n) {
                let known = toks
                    .get(name.last.saturating_sub(1))
                    .and_then(|t| reg.by_word(t.text(text)))
                    .is_some();
                if name.org || name.acronym || name.titled || known {
                    return Some(name);
                }
            }
        }
        k += 1;
    }
    None
}

/// Binds a pointer of a class to the latest compatible mention.
fn bind_pointer(class: PointerClass, reg: &Register) -> Bound {
    let kinds: &[Kind] = match class {
        PointerClass::Study => &STUDY_LIKE,
        PointerClass::People => &PEOPLE_LIKE,
        PointerClass::Org => &ORG_LIKE,
    };
    reg.latest(kinds)
        .map_or(Bound::Nothing, |i| bound_to(reg, i))
}

/// How many units back "he" or "she" may find their person: a pronoun far
/// from any named person is more often someone else (a patient, a
/// politician the article never named).
const PRONOUN_REACH: usize = 15;
/// How many units back "they" or a possessive may find their source.
const THEY_REACH: usize = 5;

/// A binding to mention `i` if it was introduced at most `reach` units
/// before unit `unit`.
fn near(reg: &Register, i: Option<usize>, unit: usize, reach: usize) -> Bound {
    match i.filter(|&i| reg.get(i).is_some_and(|m| m.unit + reach >= unit)) {
        Some(i) => bound_to(reg, i),
        None => Bound::Nothing,
    }
}

fn bound_to(reg: &Register, i: usize) -> Bound {
    if reg.get(i).is_some_and(|m| m.sourced) {
        Bound::Source(i)
    } else {
        Bound::Unsourced
    }
}

/// C907: a unit that goes on reporting a source's data, right after a unit
/// cited by that source (in its paragraph or the next), is cited by it:
/// "A hospital study by Mount Sinai found… ¶ Samples were obtained on April
/// 14 and 15. ¶ Each club was given 350 tests."
fn continue_reports(units: &[Unit], texts: &[&str], topics: &[Topic], verdicts: &mut [Verdict]) {
    let mut last_source: Option<(usize, SourceRef)> = None;
    for (i, verdict) in verdicts.iter_mut().enumerate() {
        let own = verdict
            .findings
            .iter()
            .find(|f| f.label == Label::Cited)
            .and_then(|f| f.source.clone());
        if let Some(s) = own {
            last_source = Some((i, s));
            continue;
        }
        let has_own_source = verdict
            .findings
            .iter()
            .any(|f| f.label == Label::Cited || f.label == Label::Vague);
        let Some((at, source)) = last_source.clone() else {
            continue;
        };
        let near = i == at + 1
            && units
                .get(i)
                .zip(units.get(at))
                .is_some_and(|(u, a)| u.block <= a.block + 1);
        if near && !has_own_source && topics.get(i).is_some_and(|t| t.reports_data) {
            let end = texts.get(i).map_or(0, |t| t.len());
            verdict
                .findings
                .push(cite(0, end, rules::CONTINUED_REPORT, Some(source.clone())));
            last_source = Some((i, source));
        }
    }
}

/// C903: every unit of a direct quotation whose speaker is a registered
/// source is cited, with that source.
fn attribute_quotations(
    units: &[Unit],
    texts: &[&str],
    quotes: &quotes::Quotes,
    said: &[Said],
    introducer: &[bool],
    reg: &Register,
    verdicts: &mut [Verdict],
) {
    let in_quotation: std::collections::BTreeSet<usize> = quotes
        .quotations
        .iter()
        .flat_map(|q| q.units.iter().copied())
        .collect();
    // Units already cited as quoted: a unit holding many quotations is
    // cited once, without rescanning its findings for each.
    let mut quoted_cited = vec![false; verdicts.len()];
    for q in &quotes.quotations {
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
        let mut speaker = own.iter().find_map(|&k| match said.get(k) {
            Some(Said::Source(i)) => Some(*i),
            _ => None,
        });
        let before = first.checked_sub(1);
        if speaker.is_none() {
            if let Some(b) = before {
                let counts = units[b].block == units[first].block
                    || introducer.get(b).copied().unwrap_or(false)
                    || texts[b].trim_end().ends_with(':')
                    || in_quotation.contains(&b);
                if counts {
                    if let Some(Said::Source(i)) = said.get(b) {
                        speaker = Some(*i);
                    }
                }
            }
        }
        let Some(source) = speaker.and_then(|i| reg.get(i)).and_then(SourceRef::of) else {
            continue;
        };
        for &k in &q.units {
            let Some(v) = verdicts.get_mut(k) else {
                continue;
            };
            if !std::mem::replace(&mut quoted_cited[k], true) {
                let end = texts.get(k).map_or(0, |t| t.len());
                v.findings
                    .push(cite(0, end, rules::QUOTED_SOURCE, Some(source.clone())));
            }
        }
    }
}
