//! Structures on a unit's tokens: names, speaker frames, pointers and
//! studies. Each function reads a bounded window of tokens around one
//! anchor (a verb of saying, a pointer noun, a study noun), so a unit costs
//! time in proportion to its length, however many anchors it has.

use super::tokens::{Kind, Tok};
use crate::pipeline::lexicon::words::List;

/// How many tokens a frame may reach from its anchor.
const REACH: usize = 12;
/// The longest apposition between a name and its verb ("Jane Smith, a
/// biologist at the University of California, said").
const APPOSITION: usize = 24;
/// The most tokens a name may have ("Dr. Anne K. de la Cruz-Oduya").
const NAME_MAX: usize = 9;

/// A name found on the tokens: token range and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Token range, end exclusive (title included).
    pub first: usize,
    pub last: usize,
    /// Name words (no titles, no initials, no particles), as byte spans.
    pub words: NameWords,
    /// A title before it ("Dr.", "Sen.").
    pub titled: bool,
    /// An initial inside it ("Anne K. Oduya").
    pub initial: bool,
    /// All capitals ("FDA", "NIH").
    pub acronym: bool,
    /// It ends in an organisation's head word ("… University").
    pub org: bool,
}

/// The byte spans of a name's words: at most [`NAME_MAX`], kept inline so
/// looking for names at every capital allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameWords {
    spans: [(usize, usize); NAME_MAX],
    len: usize,
}

impl NameWords {
    fn push(&mut self, span: (usize, usize)) {
        if let Some(slot) = self.spans.get_mut(self.len) {
            *slot = span;
            self.len += 1;
        }
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The words' spans, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (usize, usize)> {
        self.spans[..self.len].iter()
    }

    /// Keeps the words that start before `end`.
    fn truncate_before(&mut self, end: usize) {
        self.len = self.spans[..self.len]
            .iter()
            .take_while(|&&(a, _)| a < end)
            .count();
    }
}

impl Name {
    /// Whether it names a person in full: two name words, or a title, or
    /// an initial.
    pub fn is_full(&self) -> bool {
        !self.org && !self.acronym && (self.words.len() >= 2 || self.titled || self.initial)
    }
}

/// Particles inside a name ("de Vries", "van der Berg", "bin Salman").
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "da"
            | "di"
            | "du"
            | "bin"
            | "al"
            | "del"
            | "dos"
            | "das"
            | "ter"
            | "ten"
    )
}

/// Joiners inside an organisation's name ("Centers for Disease Control
/// and Prevention", "Ministry of Health").
fn is_org_joiner(word: &str) -> bool {
    matches!(word, "of" | "for" | "and" | "&" | "on")
}

/// Whether a token can be a word of a name: a capitalised word that is not
/// on the not-names list (or an acronym, which always can).
fn name_word(t: &Tok) -> bool {
    // A role or group noun ("Executive", "Scientists") is capitalised in a
    // title or at a sentence's start, but names nobody; an acronym always
    // can.
    t.is_word()
        && t.cap
        && !t.is(List::NotName)
        && (t.upper || !(t.is(List::RoleNoun) || t.is(List::PeopleNoun)))
}

/// Whether tokens `i` (a one-letter capital) and `i + 1` (a point) are an
/// initial.
fn is_initial(toks: &[Tok], text: &str, i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| t.is_word() && t.cap && t.end - t.start == 1)
        && toks.get(i + 1).is_some_and(|t| t.is_punct('.'))
        && text.is_char_boundary(toks[i].start)
}

/// The name that starts at token `i`, if any: an optional title (with its
/// point), then capitalised words, initials, particles and, inside an
/// organisation's name, joiners.
pub fn name_at(toks: &[Tok], text: &str, i: usize) -> Option<Name> {
    let mut k = i;
    let mut titled = false;
    if toks.get(k).is_some_and(|t| t.is(List::Title) && t.cap) {
        let after = k + 1 + usize::from(toks.get(k + 1).is_some_and(|t| t.is_punct('.')));
        if toks.get(after).is_some_and(name_word) {
            titled = true;
            k = after;
        }
    }
    let mut words = NameWords::default();
    let mut initial = false;
    let mut end = k;
    let mut org = false;
    while end < toks.len() && end - i < NAME_MAX {
        let t = &toks[end];
        if is_initial(toks, text, end) && !words.is_empty() {
            initial = true;
            end += 2;
            continue;
        }
        if name_word(t) {
            words.push((t.start, t.end));
            org |= t.is(List::OrgHead);
            end += 1;
            continue;
        }
        // A particle or joiner continues the name only when a name word
        // follows it.
        let lower = t.text(text);
        let joins = !words.is_empty()
            && t.is_word()
            && !t.cap
            && (is_particle(lower) || is_org_joiner(lower))
            && toks.get(end + 1).is_some_and(name_word);
        if joins
            || (t.is_punct('&') && !words.is_empty() && toks.get(end + 1).is_some_and(name_word))
        {
            end += 1;
            continue;
        }
        break;
    }
    if words.is_empty() {
        return None;
    }
    // Joiners belong only to an organisation's name ("Department of
    // Health"); in any other name they end it ("Trump and Pence").
    if !org && !words.is_empty() {
        if let Some(j) = (k..end).find(|&j| {
            let t = &toks[j];
            (t.is_word() && !t.cap && is_org_joiner(t.text(text))) || t.is_punct('&')
        }) {
            end = j;
            words.truncate_before(toks[j].start);
        }
    }
    // A name with a word of health in it ("Resisting Unproven Coronavirus
    // Treatments") is a title-case phrase, not a person.
    let health = toks[k..end]
        .iter()
        .any(|t| t.is_word() && t.is(List::HealthTerm));
    if health && !org && !titled {
        return None;
    }
    let acronym = words.len() == 1 && toks[k].upper;
    if words.len() == 1 && !titled && toks[k].is(List::Nationality) {
        return None;
    }
    Some(Name {
        first: i,
        last: end,
        words,
        titled,
        initial,
        acronym,
        org,
    })
}

/// The name that ends just before token `end` (exclusive), if any.
pub fn name_before(toks: &[Tok], text: &str, end: usize) -> Option<Name> {
    let floor = end.saturating_sub(NAME_MAX);
    // Try the earliest start whose name reaches exactly `end`.
    (floor..end)
        .filter(|&s| s == 0 || !name_word(&toks[s - 1]) || toks[s - 1].is(List::Title))
        .find_map(|s| name_at(toks, text, s).filter(|n| n.last == end))
}

/// Who a speaker frame names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A name ("Dr. Ana Ruiz", "Okafor", "the CDC").
    Name(Name),
    /// he or she.
    Pronoun { first: usize },
    /// they.
    They { first: usize },
    /// A definite pointer ("the company", "the researchers", "the study").
    Pointer(Pointer),
    /// it: an organisation or study named before ("…, it said").
    It { first: usize },
    /// An unnamed person or group ("a professor at Imperial College",
    /// "scientists", "officials"); `head` is the noun's token, `bare` says
    /// it has no determiner ("Researchers also wrote").
    Unnamed {
        first: usize,
        head: usize,
        bare: bool,
    },
    /// The one holder of an office, named by it: "the US president", "the
    /// country's mines minister", "Germany's health minister". A reader
    /// can tell who spoke, so it is a source.
    Office { first: usize, head: usize },
}

/// A speaker frame: the speaker, the verb, and the token span of both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub speaker: Speaker,
    /// Token range of the whole frame, end exclusive.
    pub first: usize,
    pub last: usize,
}

/// What a pointer noun points back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerClass {
    /// "the study", "these findings": a study, journal, reference or text.
    Study,
    /// "the researchers", "the team": the people behind a source.
    People,
    /// "the company", "the agency": an organisation.
    Org,
}

/// A definite pointer: its token range and class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    pub first: usize,
    pub last: usize,
    pub class: PointerClass,
}

fn pointer_class(t: &Tok) -> Option<PointerClass> {
    if !t.is_word() {
        None
    } else if t.is(List::StudyNoun) {
        Some(PointerClass::Study)
    } else if t.is(List::PeopleNoun) {
        Some(PointerClass::People)
    } else if t.is(List::OrgNoun) {
        Some(PointerClass::Org)
    } else {
        None
    }
}

/// The definite pointer whose noun is token `noun`: a pointer determiner
/// at most three modifier words before it ("the new Oxford study", "the
/// study's authors", "their findings").
pub fn pointer_at(toks: &[Tok], text: &str, noun: usize) -> Option<Pointer> {
    // A capitalised noun is part of a name ("the World Health
    // Organization"), not a pointer.
    if toks[noun].cap {
        return None;
    }
    let class = pointer_class(&toks[noun])?;
    let floor = noun.saturating_sub(4);
    let mut k = noun;
    while k > floor {
        k -= 1;
        let t = &toks[k];
        if t.is_word() && t.is(List::PointerDeterminer) {
            // "the one thing that studies show": a singular "this" or
            // "that" before a plural noun is a conjunction or a relative
            // pronoun, not a determiner.
            if t.lower_in(text, &["this", "that"]) && is_plural(toks[noun].text(text)) {
                return None;
            }
            return Some(Pointer {
                first: k,
                last: noun + 1,
                class,
            });
        }
        // Modifiers: words and numbers ("the 2017 trial"), a possessive
        // ("the study's authors": `'s` is a word of its own here).
        let modifier = t.is_word() || t.kind == Kind::Number || t.is_punct('\'') || t.is_punct('’');
        if !modifier || pointer_class(t).is_some() && t.is(List::PeopleNoun) {
            break;
        }
        // "the best results", "the desired outcome": outcomes in general.
        if t.is_word() && t.is(List::EvaluativeWord) {
            return None;
        }
    }
    None
}

/// Whether a noun is plural by its ending ("studies", "researchers"; not
/// "analysis", "consensus", "class").
fn is_plural(word: &str) -> bool {
    let w = word.as_bytes();
    let ends = |suffix: &[u8]| {
        w.len() > suffix.len() && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    ends(b"s") && !ends(b"ss") && !ends(b"is") && !ends(b"us")
}

/// Whether `first..=head` names one office holder: a singular role noun
/// after a definite "the" or a possessive, with a country or place before
/// it ("the US president", "the country's mines minister", "Chile's
/// health minister"); not "the researchers", not "a US official".
fn is_office(toks: &[Tok], text: &str, first: usize, head: usize) -> bool {
    let role = &toks[head];
    if !role.is(List::RoleNoun) || is_plural(role.text(text)) {
        return false;
    }
    let span = &toks[first..head];
    let definite = span
        .first()
        .is_some_and(|t| t.lower_in(text, &["the"]) || t.cap)
        || span.iter().any(|t| t.lower_in(text, &["'s", "’s", "s"]));
    // A capitalised word alone is no place: headlines capitalise every
    // word ("Federal Scientist Says").
    let place = span.iter().enumerate().any(|(k, t)| {
        let possessive = span
            .get(k + 1)
            .is_some_and(|n| n.lower_in(text, &["'s", "’s", "s"]));
        t.is(List::Nationality)
            || t.upper
            || t.lower_in(text, &["country", "country's", "state", "nation", "city"])
            || (t.cap && possessive)
    });
    definite && place && !span.iter().any(|t| is_indefinite(t, text))
}

/// Whether the token is "he" or "she".
fn is_he_she(t: &Tok, text: &str) -> bool {
    t.is_word() && t.end - t.start <= 3 && t.lower_in(text, &["he", "she"])
}

/// Whether the token is "they".
fn is_they(t: &Tok, text: &str) -> bool {
    t.is_word() && t.end - t.start == 4 && t.text(text).eq_ignore_ascii_case("they")
}

/// Indefinite determiners and quantities before an unnamed speaker.
fn is_indefinite(t: &Tok, text: &str) -> bool {
    t.is_word()
        && t.lower_in(
            text,
            &[
                "a",
                "an",
                "one",
                "some",
                "many",
                "most",
                "other",
                "several",
                "two",
                "three",
                "few",
                "numerous",
                "certain",
                "another",
                "initial",
                "early",
                "earlier",
                "recent",
                "unnamed",
                "anonymous",
            ],
        )
}

/// The speaker to the left of the verb at `v`: "Smith said", "Jane Smith,
/// a biologist, warned", "the company has said", "she added".
fn speaker_left(toks: &[Tok], text: &str, v: usize) -> Option<Frame> {
    let mut j = v;
    // Words between the speaker and the verb ("also", "has", "later").
    while j > 0 && v - j < 3 && toks[j - 1].is(List::SpeechFiller) && toks[j - 1].is_word() {
        j -= 1;
    }
    // A passive ("Silver is acknowledged to be…", "it was reported"): the
    // subject is what is spoken of, not who speaks.
    let passive = toks[j..v]
        .iter()
        .any(|t| t.lower_in(text, &["is", "are", "was", "were", "been", "be"]))
        && toks[v].text(text).ends_with("ed");
    if passive {
        return None;
    }
    if j == 0 {
        return None;
    }
    // A parenthesised short form before the verb: "the National Institute
    // of Allergy and Infectious Diseases (NIAID) said".
    if toks[j - 1].is_punct(')') {
        if let Some(open) = (j.saturating_sub(5)..j - 1)
            .rev()
            .find(|&k| toks[k].is_punct('('))
        {
            if open > 0 {
                j = open;
            }
        }
    }
    // An apposition: "Jane Smith, a biologist at Yale, said".
    if toks[j - 1].is_punct(',') {
        let close = j - 1;
        let floor = close.saturating_sub(APPOSITION);
        let open = (floor..close).rev().find(|&k| toks[k].is_punct(','))?;
        let inner = &toks[open + 1..close];
        // An apposition holds no verb of saying and no quotation.
        if inner.is_empty() || inner.iter().any(|t| t.is(List::SpeechVerb) || t.quoted) {
            return None;
        }
        // "Earlier today, a professor at Imperial College London, said": the
        // chunk between the commas is the speaker, named or not.
        let Some(name) = name_before(toks, text, open) else {
            return unnamed_head(toks, text, close, v);
        };
        if let Some((role, head)) = role_of(toks, text, name.first) {
            return Some(Frame {
                speaker: Speaker::Unnamed {
                    first: role,
                    head,
                    bare: false,
                },
                first: role,
                last: v + 1,
            });
        }
        let first = name.first;
        return Some(Frame {
            speaker: Speaker::Name(name),
            first,
            last: v + 1,
        });
    }
    let end = j;
    let t = &toks[end - 1];
    if is_he_she(t, text) {
        return Some(Frame {
            speaker: Speaker::Pronoun { first: end - 1 },
            first: end - 1,
            last: v + 1,
        });
    }
    if is_they(t, text) {
        return Some(Frame {
            speaker: Speaker::They { first: end - 1 },
            first: end - 1,
            last: v + 1,
        });
    }
    if pointer_class(t).is_some() {
        if let Some(p) = pointer_at(toks, text, end - 1) {
            return Some(Frame {
                speaker: Speaker::Pointer(p),
                first: p.first,
                last: v + 1,
            });
        }
    }
    // A role or people noun with no name: "a spokesperson said", "one
    // doctor said", "scientists say", "officials said".
    if t.is_word() && (t.is(List::PeopleNoun) || t.is(List::RoleNoun)) {
        let head = end - 1;
        let mut first = head;
        while first > 0
            && end - first < 4
            && toks[first - 1].is_word()
            && !toks[first - 1].is(List::SpeechVerb)
        {
            first -= 1;
            if is_indefinite(&toks[first], text) {
                break;
            }
        }
        if is_office(toks, text, first, head) {
            return Some(Frame {
                speaker: Speaker::Office { first, head },
                first,
                last: v + 1,
            });
        }
        return Some(Frame {
            speaker: Speaker::Unnamed {
                first,
                head,
                bare: first == head,
            },
            first,
            last: v + 1,
        });
    }
    if t.is_word() && t.text(text).eq_ignore_ascii_case("it") {
        return Some(Frame {
            speaker: Speaker::It { first: end - 1 },
            first: end - 1,
            last: v + 1,
        });
    }
    let Some(name) = name_before(toks, text, end) else {
        return unnamed_head(toks, text, end, v);
    };
    // "a professor at Imperial College said": the speaker is the
    // professor, whom the unit does not name.
    if let Some((role, head)) = role_of(toks, text, name.first) {
        // "Stephane Bancel, chief executive of Moderna said": the name
        // before the role is the speaker.
        let named = role
            .checked_sub(1)
            .filter(|&c| toks[c].is_punct(','))
            .and_then(|c| name_before(toks, text, c))
            .filter(Name::is_full);
        if let Some(person) = named {
            let first = person.first;
            return Some(Frame {
                speaker: Speaker::Name(person),
                first,
                last: v + 1,
            });
        }
        return Some(Frame {
            speaker: Speaker::Unnamed {
                first: role,
                head,
                bare: false,
            },
            first: role,
            last: v + 1,
        });
    }
    let first = name.first;
    Some(Frame {
        speaker: Speaker::Name(name),
        first,
        last: v + 1,
    })
}

/// "A high-ranking federal scientist focused on vaccine development says":
/// an indefinite people or role noun heading the clause before the verb.
fn unnamed_head(toks: &[Tok], text: &str, end: usize, v: usize) -> Option<Frame> {
    let floor = end.saturating_sub(8);
    let mut k = end;
    while k > floor {
        k -= 1;
        let t = &toks[k];
        if !t.is_word() || t.is(List::SpeechVerb) {
            return None;
        }
        if t.is(List::PeopleNoun) || t.is(List::RoleNoun) {
            let det = k.saturating_sub(3)..k;
            // A bare plural at the clause's start is as unnamed as "some
            // scientists": "Scientists who have studied the issue maintain".
            let bare_start = k == 0 || !toks[k - 1].is_word();
            let first = det
                .clone()
                .find(|&d| is_indefinite(&toks[d], text))
                .or(bare_start.then_some(k))?;
            return Some(Frame {
                speaker: Speaker::Unnamed {
                    first,
                    head: k,
                    bare: first == k,
                },
                first,
                last: v + 1,
            });
        }
    }
    None
}

/// Whether the name at `first` is the place of a role or group before it
/// ("a professor **at** Imperial College", "doctors **from** Mount Sinai"):
/// the token where that role's phrase begins.
fn role_of(toks: &[Tok], text: &str, first: usize) -> Option<(usize, usize)> {
    let prep = toks.get(first.checked_sub(1)?)?;
    if !(prep.is_word() && prep.lower_in(text, &["at", "of", "from", "with", "in"])) {
        return None;
    }
    let noun_at = first.checked_sub(2)?;
    let noun = toks.get(noun_at)?;
    if !(noun.is_word() && (noun.is(List::PeopleNoun) || noun.is(List::RoleNoun))) {
        return None;
    }
    let mut start = noun_at;
    while start > 0 && noun_at - start < 3 && toks[start - 1].is_word() && !toks[start - 1].cap {
        start -= 1;
        if is_indefinite(&toks[start], text) {
            break;
        }
    }
    Some((start, noun_at))
}

/// The speaker to the right of the verb at `v`: "said Dr. Ana Ruiz", "said
/// lead author Ana Ruiz", "according to the CDC", "said the company",
/// "said she".
fn speaker_right(toks: &[Tok], text: &str, v: usize) -> Option<Frame> {
    let mut k = v + 1;
    let according = toks[v].text(text).eq_ignore_ascii_case("according");
    if according {
        if !toks
            .get(k)
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case("to"))
        {
            return None;
        }
        k += 1;
    } else {
        // The speaker follows the verb only in an inverted frame: after a
        // quotation or a comma ("…,” said Smith; "It works, said Smith"),
        // or at the start of a unit ("Said Smith: …").
        let inverted = v == 0
            || toks[v - 1].is_punct(',')
            || toks[v - 1].is_punct('”')
            || toks[v - 1].is_punct('"')
            || toks[v - 1].is_punct('—')
            || toks[v - 1].is_punct('–');
        if !inverted {
            return None;
        }
    }
    let t = toks.get(k)?;
    if is_he_she(t, text) {
        return Some(Frame {
            speaker: Speaker::Pronoun { first: k },
            first: v,
            last: k + 1,
        });
    }
    // "said the company", "according to the study".
    if t.is_word() && t.is(List::PointerDeterminer) {
        let noun = (k + 1..(k + 5).min(toks.len())).find(|&n| pointer_class(&toks[n]).is_some());
        if let Some(p) = noun.and_then(|n| pointer_at(toks, text, n)) {
            if p.first == k {
                return Some(Frame {
                    speaker: Speaker::Pointer(p),
                    first: v,
                    last: p.last,
                });
            }
        }
        // "according to the World Health Organization".
        let the = t.text(text).eq_ignore_ascii_case("the");
        if let Some(name) = name_at(toks, text, k + 1).filter(|_| the) {
            let last = name.last;
            return Some(Frame {
                speaker: Speaker::Name(name),
                first: v,
                last,
            });
        }
        return None;
    }
    // A role phrase before the name: "said lead author Ana Ruiz", "said
    // study co-author Dr. Lee".
    let mut n = k;
    while n < toks.len() && n - k < 3 && toks[n].is_word() && !toks[n].cap {
        n += 1;
    }
    let role = n > k && toks[n - 1].is(List::RoleNoun);
    let start = if role { n } else { k };
    if let Some(name) = name_at(toks, text, start) {
        let last = name.last;
        return Some(Frame {
            speaker: Speaker::Name(name),
            first: v,
            last,
        });
    }
    // "according to researchers", "according to experts".
    if toks[v].text(text).eq_ignore_ascii_case("according")
        && (t.is(List::PeopleNoun) || is_indefinite(t, text))
    {
        return Some(Frame {
            speaker: Speaker::Unnamed {
                first: k,
                head: k,
                bare: true,
            },
            first: v,
            last: k + 1,
        });
    }
    None
}

/// The speaker frame of the verb of saying at `v`, if any. A name on the
/// left wins ("Smith said"); otherwise the right ("…," said Smith).
pub fn speaker_frame(toks: &[Tok], text: &str, v: usize) -> Option<Frame> {
    let left = if toks[v].text(text).eq_ignore_ascii_case("according") {
        None
    } else {
        speaker_left(toks, text, v)
    };
    // A verb that is also a noun ("Initial reports said", "the claims"):
    // after a single capitalised word it is the noun.
    let verb = toks[v].text(text).to_ascii_lowercase();
    let ambiguous = toks[v].is(List::StudyNoun) || (verb.ends_with('s') && verb != "says");
    let left = left.filter(|f| match &f.speaker {
        Speaker::Name(n) => !ambiguous || n.words.len() != 1 || n.acronym || n.titled,
        _ => true,
    });
    match left {
        Some(f) if !matches!(f.speaker, Speaker::Unnamed { .. }) => Some(f),
        other => speaker_right(toks, text, v).or(other),
    }
}

/// A he/she/they that attributes a claim or a method: followed, within
/// three tokens, by a verb of saying or of finding ("they found", "she has
/// also said").
pub fn pronoun_agent(toks: &[Tok], text: &str, i: usize) -> Option<Speaker> {
    let t = &toks[i];
    let he_she = is_he_she(t, text);
    if !he_she && !is_they(t, text) {
        return None;
    }
    let at = (i + 1..toks.len().min(i + 4))
        .take_while(|&k| toks[k].is_word())
        .find(|&k| !toks[k].is(List::SpeechFiller))?;
    let verb = &toks[at];
    if !(verb.is(List::SpeechVerb) || verb.is(List::SourceVerb)) {
        return None;
    }
    // "she tested positive" reports a result about her, not her method.
    if toks
        .get(at + 1)
        .is_some_and(|n| n.lower_in(text, &["positive", "negative"]))
    {
        return None;
    }
    Some(if he_she {
        Speaker::Pronoun { first: i }
    } else {
        Speaker::They { first: i }
    })
}

/// The kinds of specifics that identify a study (the guide: at least two
/// of date, size, place or institution, design).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Specifics {
    pub date: bool,
    pub size: bool,
    pub place: bool,
    pub design: bool,
}

impl Specifics {
    /// How many kinds are there.
    pub fn count(self) -> usize {
        usize::from(self.date)
            + usize::from(self.size)
            + usize::from(self.place)
            + usize::from(self.design)
    }
}

const MONTHS: [&str; 12] = [
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
];

fn is_year(t: &Tok, text: &str) -> bool {
    t.kind == Kind::Number
        && t.text(text)
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2039).contains(&y))
}

/// Whether a token is a number, in digits or in words ("350", "sixty").
pub fn is_number_word(t: &Tok, _text: &str) -> bool {
    t.kind == Kind::Number || (t.is_word() && t.is(List::NumberWord))
}

/// An indefinite study mention whose noun is token `noun` ("a 2017 trial
/// of 1,162 patients in Germany", "a new study", "studies"): its token
/// range and its specifics. `None` when a pointer determiner makes it
/// definite (then it is a pointer) or the noun is not a study noun.
pub fn study_at(toks: &[Tok], text: &str, noun: usize) -> Option<(usize, usize, Specifics)> {
    let t = &toks[noun];
    if !t.is_word() || !t.is(List::StudyNoun) || t.cap && noun > 0 {
        return None;
    }
    if !t.lower_in(
        text,
        &[
            "study",
            "studies",
            "trial",
            "trials",
            "review",
            "meta-analysis",
            "analysis",
            "survey",
            "paper",
            "experiment",
            "experiments",
            "research",
            "report",
            "preprint",
            "investigation",
            "poll",
        ],
    ) {
        return None;
    }
    if pointer_at(toks, text, noun).is_some() {
        return None;
    }
    // Modifiers before the noun, back to a determiner or punctuation.
    let mut first = noun;
    while first > 0 && noun - first < 5 {
        let p = &toks[first - 1];
        if !(p.is_word() || p.kind == Kind::Number || p.is_punct(',') || p.is_punct('-')) {
            break;
        }
        if p.is(List::SpeechVerb) || p.is(List::SourceVerb) && !p.is(List::DesignWord) {
            break;
        }
        first -= 1;
        if is_indefinite(p, text) || p.text(text).eq_ignore_ascii_case("in") {
            break;
        }
    }
    // The clause after it, to a stop.
    let mut last = noun + 1;
    while last < toks.len() && last - noun <= REACH + 2 {
        let n = &toks[last];
        if matches!(
            n.kind,
            Kind::Punct('.' | ';' | ':' | '?' | '!' | '“' | '”' | '"')
        ) {
            break;
        }
        last += 1;
    }
    let mut s = Specifics::default();
    for k in first..last {
        let t = &toks[k];
        if is_year(t, text)
            || t.cap
                && t.is_word()
                && MONTHS.contains(&t.text(text))
                && k + 1 < last
                && toks[k + 1].kind == Kind::Number
        {
            s.date = true;
        }
        if is_number_word(t, text)
            && !is_year(t, text)
            && toks[k + 1..last.min(k + 4)]
                .iter()
                .any(|n| n.is(List::SampleNoun))
        {
            s.size = true;
        }
        if t.is(List::Nationality) && t.cap {
            s.place = true;
        }
        if t.is_word()
            && matches!(t.text(text), "in" | "at" | "from" | "by")
            && toks
                .get(k + 1)
                .is_some_and(|n| name_word(n) && !MONTHS.contains(&n.text(text)) && k + 1 < last)
        {
            s.place = true;
        }
        if t.is(List::DesignWord) && !(t.cap && k == 0) {
            s.design = true;
        }
    }
    Some((first, last, s))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::pipeline::lexicon::words::Words;
    use crate::Settings;

    fn words() -> Words {
        Settings::new(&[])
            .map(|s| s.words().clone())
            .unwrap_or_default()
    }

    fn frames(text: &str) -> Vec<String> {
        let w = words();
        let mut toks = Vec::new();
        tokenize(text, &w, &mut toks);
        (0..toks.len())
            .filter(|&v| toks[v].is(List::SpeechVerb))
            .filter_map(|v| speaker_frame(&toks, text, v))
            .map(|f| {
                let kind = match f.speaker {
                    Speaker::Name(n) if n.is_full() => "full",
                    Speaker::Name(_) => "name",
                    Speaker::Pronoun { .. } => "pronoun",
                    Speaker::They { .. } => "they",
                    Speaker::Pointer(_) => "pointer",
                    Speaker::Unnamed { .. } => "unnamed",
                    Speaker::Office { .. } => "office",
                    Speaker::It { .. } => "it",
                };
                format!(
                    "{kind}: {}",
                    &text[toks[f.first].start..toks[f.last - 1].end]
                )
            })
            .collect()
    }

    #[test]
    fn speaker_frames_by_structure() {
        assert_eq!(frames("“It works,” Okafor said."), ["name: Okafor said"]);
        assert_eq!(
            frames("It works, said first author Ana Ruiz."),
            ["full: said first author Ana Ruiz"]
        );
        assert_eq!(
            frames("Jane Smith, a biologist at Yale, warned that it may harm."),
            ["full: Jane Smith, a biologist at Yale, warned"]
        );
        assert_eq!(
            frames("Dr. Anne K. Oduya said it would work."),
            ["full: Dr. Anne K. Oduya said"]
        );
        assert_eq!(
            frames("The company has also said so."),
            ["pointer: The company has also said"]
        );
        assert_eq!(frames("“Yes,” she added."), ["pronoun: she added"]);
        assert_eq!(
            frames("According to the World Health Organization, it spreads."),
            ["name: According to the World Health Organization"]
        );
        assert_eq!(
            frames("A professor at Imperial College London said it is unlikely."),
            ["unnamed: professor at Imperial College London said"]
        );
        assert_eq!(
            frames("Scientists say it works."),
            ["unnamed: Scientists say"]
        );
        assert_eq!(frames("It works, the FDA said."), ["name: FDA said"]);
    }

    #[test]
    fn studies_and_their_specifics() {
        let w = words();
        let text =
            "A 2017 trial of 1,162 patients in Germany found less pain, and a new study agreed.";
        let mut toks = Vec::new();
        tokenize(text, &w, &mut toks);
        let found: Vec<usize> = (0..toks.len())
            .filter_map(|n| study_at(&toks, text, n).map(|(_, _, s)| s.count()))
            .collect();
        assert_eq!(found, [3, 0]);
        let text = "The study found less pain.";
        tokenize(text, &w, &mut toks);
        assert!((0..toks.len()).all(|n| study_at(&toks, text, n).is_none()));
        assert!(pointer_at(&toks, text, 1).is_some());
    }

    #[test]
    fn this_or_that_before_a_plural_is_no_pointer() {
        let w = words();
        let mut toks = Vec::new();
        let text = "The one thing that studies show is this analysis.";
        tokenize(text, &w, &mut toks);
        let at = |word: &str| toks.iter().position(|t| t.text(text) == word).unwrap();
        assert!(pointer_at(&toks, text, at("studies")).is_none());
        assert!(pointer_at(&toks, text, at("analysis")).is_some());
        let text = "These studies show it, and the best results came later.";
        tokenize(text, &w, &mut toks);
        let at = |word: &str| toks.iter().position(|t| t.text(text) == word).unwrap();
        assert!(pointer_at(&toks, text, at("studies")).is_some());
        assert!(pointer_at(&toks, text, at("results")).is_none());
    }
}
