//! The registry of context rules: rules written in code rather than data.
//!
//! Each has the same fields as a lexicon entry minus the phrases, so
//! `claimscan explain` and the example tests treat both kinds alike.

use crate::pipeline::lexicon::Label;

/// A context rule's metadata.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub name: &'static str,
    /// The label the rule removes or gives.
    pub label: Label,
    pub summary: &'static str,
    pub doc: &'static str,
    /// Units on which the rule must apply.
    pub flags: &'static [&'static str],
    /// Units on which it must not.
    pub allows: &'static [&'static str],
}

/// A negated or limited absolute is not absolute.
pub const NEGATED_ABSOLUTE: &str = "A901";
/// A universal quantity over a study's sample describes data.
pub const SAMPLE_FINDING: &str = "A903";
/// A hedge removes an absolute that rests only on a bare verdict.
pub const HEDGED_VERDICT: &str = "A902";
/// `can` of a person's ability or of usage is not a hedge.
pub const CAN_ABILITY: &str = "H901";
/// The month May is not a hedge.
pub const MAY_MONTH: &str = "H902";
/// A hedge inside a quoted title is not the writer's hedge.
pub const HEDGE_IN_TITLE: &str = "H903";
/// `could not` of past inability is not a hedge.
pub const NEGATED_MODAL: &str = "H904";
/// A topic heading names a subject; it appeals to no evidence.
pub const TOPIC_HEADING: &str = "V901";
/// A named source makes a unit cited, not vague.
pub const CITED_OVER_VAGUE: &str = "C901";
/// A study identified by at least two specifics is a source.
pub const SPECIFIC_STUDY: &str = "C106";
/// A pointer ("the study", "the researchers", "they found") bound to a
/// sourced mention earlier in the article is cited.
pub const SOURCE_POINTER: &str = "C902";
/// Every unit of a direct quotation attributed to a named source is cited.
pub const QUOTED_SOURCE: &str = "C903";
/// A speaker frame that names a source ("…," Okafor said).
pub const NAMED_SPEAKER: &str = "C904";
/// Every unit of an embedded post (a tweet) is cited by its author.
pub const EMBEDDED_POST: &str = "C905";
/// A unit that goes on reporting a source's data is cited by it.
pub const CONTINUED_REPORT: &str = "C907";
/// An introducer with no claim of its own ("She added:") carries no label.
pub const INTRODUCER: &str = "C906";
/// A pointer bound to a mention that had no source is vague.
pub const UNSOURCED_POINTER: &str = "V902";
/// A speaker frame whose speaker is unnamed ("officials said") is vague.
pub const UNNAMED_SPEAKER: &str = "V903";

/// Scope: an absolute marker in a personal, legal or political aside.
pub const ASIDE_ABSOLUTE: &str = "A950";
/// Scope: a citation in an aside (a named speaker on politics or business).
pub const ASIDE_CITED: &str = "C950";
/// Scope: a hedge in an aside.
pub const ASIDE_HEDGED: &str = "H950";
/// Scope: an appeal in an aside.
pub const ASIDE_VAGUE: &str = "V950";

/// The doc the four scope rules share.
const ASIDE_DOC: &str = "## What it applies to\n\
A unit with a word of politics, law, business or personal life (`lexicons/words/aside-terms.toml`) \
and no word of health, treatment, safety or evidence (`lexicons/words/health-terms.toml`, which \
has stems such as `vaccin*`, and the study nouns of `study-nouns.toml`), unless it opens with a \
word that refers back (It, This, They, These) and the unit before it is in scope. A unit with \
neither kind of word is in scope. Its \
findings of every label are removed, each by the scope rule of its label (A950 absolute, C950 \
cited, H950 hedged, V950 vague).\n\n\
## Why\n\
The guide: only health, treatment, safety and evidence claims carry labels; a marker in a \
personal, legal or political aside gets none (\"Undoubtedly the traffic was awful\", \"Perhaps \
the mayor should act\"). Its adjudicated gold applies this to every label: a named speaker's \
remark about politics, careers or business is not `cited` either. A house style about another \
domain adds its own words to the health-terms list.\n\n\
## Example\n\
\"Undoubtedly the traffic was awful.\" carries no label; \"Undoubtedly the vaccine works.\" is \
absolute.";

/// Every context rule, in the order `claimscan rules` lists them.
pub static RULES: &[RuleMeta] = &[
    RuleMeta {
        id: NEGATED_ABSOLUTE,
        name: "negated-absolute",
        label: Label::Absolute,
        summary: "A negated or limited absolute (\"no cure\", \"not proven\", \"not always\") is not absolute.",
        doc: "## What it applies to\n\
An absolute marker with a negation or a limiting word shortly before it in the same clause: \
no, not, without, cannot, n't, nor, hardly, little, minimal, few, lack.\n\n\
## Why\n\
\"There is no cure\" and \"not always effective\" deny or limit the claim; they are the \
opposite of overstatement. Phrases that carry their own negation as a marker (\"no side \
effects\", \"there is no doubt\") are not affected, and \"not only\" is not a negation.\n\n\
## Example\n\
\"There is no cure for chronic back pain.\" carries no label.",
        flags: &["There is no cure for chronic back pain.", "Acupuncture is not always painless.", "The claim is not proven."],
        allows: &["Acupuncture cures back pain.", "The treatment has no side effects."],
    },
    RuleMeta {
        id: HEDGED_VERDICT,
        name: "hedged-verdict",
        label: Label::Absolute,
        summary: "A hedge removes an absolute that rests only on a bare efficacy verdict.",
        doc: "## What it applies to\n\
A unit whose only absolute is a bare statement that a treatment works (an entry with \
`role = \"verdict\"`) and that also carries a hedge.\n\n\
## Why\n\
\"Acupuncture may be the solution\" is qualified: the verdict is no longer bare. Markers \
from the lists of certainty, universality, safety and cures stay absolute under a hedge \
(\"generally painless\" is hedged and absolute).\n\n\
## Example\n\
\"Acupuncture may be the solution you have been looking for.\" is hedged, not absolute.",
        flags: &["Acupuncture may be the solution you have been looking for."],
        allows: &["Acupuncture is the solution.", "Acupuncture is generally painless."],
    },
    RuleMeta {
        id: SAMPLE_FINDING,
        name: "sample-finding",
        label: Label::Absolute,
        summary: "A universal quantity over a study's own sample (\"of the first 50 patients, no one died\") describes data, not a universal claim.",
        doc: "## What it applies to\n\
A universal quantity over people or cases (an entry with `role = \"universal\"`: no one, \
everyone, all patients, never) in a unit that counts a sample: a number followed by a \
sample noun (\"50 patients\", \"six primates\"; `lexicons/words/sample-nouns.toml`), or a \
study's group (\"the placebo group\", \"participants\").\n\n\
## Why\n\
The guide (version 2): findings over a study's sample are not universal claims. \"All 40 \
control patients relapsed\" describes data; \"every treated patient was completely cured\" \
states the treatment's effect and stays absolute by its cure language.\n\n\
## Example\n\
\"Of the first 50 patients treated, no one died.\" carries no absolute label.",
        flags: &["Of the first 50 patients treated, no one died.", "All patients in the 40-person control group relapsed within a year."],
        allows: &["No one who takes it ever gets sick.", "Everyone benefits from acupuncture."],
    },
    RuleMeta {
        id: CAN_ABILITY,
        name: "can-ability",
        label: Label::Hedged,
        summary: "`can`/`could` of ability, or `may` of permission, is not a hedge.",
        doc: "## What it applies to\n\
`can` followed by an effect verb whose subject is a person: you, I, we, he or she, one, \
or a practitioner (doctor, physician, practitioner, acupuncturist, therapist...).\n\n\
## Why\n\
The guide hedges *can* when a treatment, condition or bodily process can produce an \
effect (\"acupuncture can help\"), not when it states what a person is able or allowed to \
do (\"your doctor can help you decide\"). Likewise *may* of permission after a person \
(\"you may also explore other therapies\"), and *could* as the past of *can*: a person's \
*could* (\"we could detect three sites\") and *could be* + a participle of observing \
(\"no binding could be detected\", \"it could be seen in all samples\").\n\n\
## Example\n\
\"Your physician can help you choose a treatment.\" carries no hedge.",
        flags: &["Your physician can help you choose a treatment.", "You may also explore alternative therapies.", "No binding could be detected in the mutant cells.", "We could detect three start sites."],
        allows: &["Acupuncture can help relieve pain.", "You may experience a mild pricking sensation.", "The drug could be harmful.", "The virus could be spreading undetected."],
    },
    RuleMeta {
        id: MAY_MONTH,
        name: "may-month",
        label: Label::Hedged,
        summary: "The month May is not a hedge.",
        doc: "## What it applies to\n\
`May` written with a capital inside a sentence, or followed by a day or a year, or after \
a preposition of time (in, since, until, early, late...).\n\n\
## Why\n\
\"The trial ended in May 2020\" states a date, not a possibility.\n\n\
## Example\n\
\"The results were published in May.\" carries no hedge.",
        flags: &["The results were published in May.", "May 5 was the last day of the trial.", "Cases rose in April and May."],
        allows: &["It may help.", "May cause drowsiness."],
    },
    RuleMeta {
        id: HEDGE_IN_TITLE,
        name: "hedge-in-title",
        label: Label::Hedged,
        summary: "A hedge inside a quoted or reported title is not the writer's hedge.",
        doc: "## What it applies to\n\
A hedge word inside quotation marks when the quoted text is a title: written in title \
case, or introduced by titled, entitled, called or headlined.\n\n\
## Why\n\
In 'a paper titled \"Acupuncture May Reduce Pain\"' the hedge belongs to the title being \
named, not to a claim the unit makes.\n\n\
## Example\n\
'She wrote a paper titled \"Could Acupuncture Help?\" last year.' carries no hedge.",
        flags: &["She wrote a paper titled \"Could acupuncture help?\" last year.", "Read “Why Acupuncture May Work For You” today."],
        allows: &["“It may help,” she said."],
    },
    RuleMeta {
        id: NEGATED_MODAL,
        name: "negated-modal",
        label: Label::Hedged,
        summary: "`could not` of past inability is not a hedge.",
        doc: "## What it applies to\n\
`could` followed by `not`.\n\n\
## Why\n\
\"Researchers could not find an effect\" reports what happened; it is not a possibility.\n\n\
## Example\n\
\"Officials could not be reached for comment.\" carries no hedge.",
        flags: &["Officials could not be reached for comment."],
        allows: &["It could help."],
    },
    RuleMeta {
        id: TOPIC_HEADING,
        name: "topic-heading",
        label: Label::Vague,
        summary: "A topic heading (\"Scientific Evidence Supporting Acupuncture\") names a subject; it appeals to nothing.",
        doc: "## What it applies to\n\
A unit on its own line, in title case, with no closing punctuation and no verb of \
reporting (shows, proves, suggests, finds, says...).\n\n\
## Why\n\
The guide: headlines and subheads are labelled by what they assert; a topic heading \
(\"Patient Experiences and Testimonials\", \"Recent Research Highlights\") asserts \
nothing. A headline that reports a finding (\"Studies Show Turmeric Works\") keeps its \
label.\n\n\
## Example\n\
\"Scientific Evidence Supporting Acupuncture\" as a subhead carries no label.",
        flags: &["Scientific Evidence Supporting Acupuncture"],
        allows: &["Studies Show Acupuncture Relieves Pain", "Research shows it eases pain."],
    },
    RuleMeta {
        id: CITED_OVER_VAGUE,
        name: "cited-over-vague",
        label: Label::Vague,
        summary: "A unit that names a checkable source is cited, not vague.",
        doc: "## What it applies to\n\
A unit with both an appeal to evidence (\"research shows\") and a source a reader could \
look up (a journal, an organisation, a reference).\n\n\
## Why\n\
The guide: a unit that also names a checkable source is `cited`, not `vague`.\n\n\
## Example\n\
\"Research published in JAMA shows it eases pain.\" is cited only.",
        flags: &["Research published in JAMA shows that it eases pain."],
        allows: &["Research shows that it eases pain."],
    },
    RuleMeta {
        id: SPECIFIC_STUDY,
        name: "specific-study",
        label: Label::Cited,
        summary: "A study identified by at least two specifics (date, size, place or institution, design) is a source.",
        doc: "## What it flags\n\
A study, trial, review, survey or report introduced with at least two kinds of specifics in \
its phrase or clause: a date (a year, a month and day), a size (a number of patients, \
participants, employees, mice…), a place or institution (a nationality, \"in Germany\", \"at \
Stanford\"), a design (randomized, double-blind, cohort, phase 3, animal…). The words of each \
kind are data: `lexicons/words/design-words.toml`, `sample-nouns.toml`, `nationalities.toml`.\n\n\
## Why it matters\n\
The guide (version 2): a study identified by specifics can be found, so it counts as a source; \
it needs at least two concrete identifiers. \"A 2017 trial of 1,162 patients\" is cited; \"a \
new study\" or \"recent data show\" is vague. A study with fewer specifics is still \
registered, so \"the study\" later binds to it (and is vague, rule V902).\n\n\
## Example\n\
\"A 2017 trial of 1,162 patients in Germany found acupuncture eased back pain.\"",
        flags: &[
            "A 2017 trial of 1,162 patients in Germany found acupuncture eased back pain.",
            "A randomized, double-blind trial of 300 adults tested the drug.",
            "A Danish study of 6,000 adults found no benefit.",
        ],
        allows: &["A study found it helped.", "A 2019 study found it helped.", "A New Study Shows It Works"],
    },
    RuleMeta {
        id: SOURCE_POINTER,
        name: "source-pointer",
        label: Label::Cited,
        summary: "A pointer (\"the study\", \"the researchers\", \"they found\") bound to a source named earlier in the article is cited.",
        doc: "## What it applies to\n\
A definite pointer to a study, the people behind it or an organisation (\"the study\", \"these \
findings\", \"the researchers\", \"the team\", \"the company\", \"the agency\"), or he, she, they \
before a verb of saying or finding (\"they found\", \"she recommends\"), anywhere after the \
source. It binds to the most recent compatible mention: a study noun to a study, journal, \
reference, text or outlet; a people noun to a study, person, organisation or journal; an \
organisation noun to an organisation; he or she to a person. The pointer and noun words \
are data (`lexicons/words/study-nouns.toml`, `people-nouns.toml`, `org-nouns.toml`, \
`pointer-determiners.toml`).\n\n\
## Why\n\
The guide (version 2): news names a source once and refers to it for the rest of the article, \
usually one sentence a paragraph; later units that attribute a claim or a method to it by a \
pointer are `cited`. The finding says which source the pointer binds to and where the \
article introduced it, so an editor can check the binding.\n\n\
## Example\n\
\"A trial at Leeds General Infirmary enrolled 300 patients in 2019.\" then, paragraphs later, \
\"The researchers then gave half of them a placebo.\" — cited, bound to the trial.",
        flags: &[
            "A trial at Leeds General Infirmary enrolled 300 patients in 2019.\n\nThe researchers then gave half of them a placebo.",
            "A 2019 trial in JAMA enrolled 400 adults.\n\nThe study found less pain.",
        ],
        allows: &["The study found less pain.", "In a new study, scientists tested the drug.\n\nThe researchers found less pain."],
    },
    RuleMeta {
        id: QUOTED_SOURCE,
        name: "quoted-source",
        label: Label::Cited,
        summary: "Every unit of a direct quotation attributed to a named person or organisation is cited.",
        doc: "## What it applies to\n\
A direct quotation (between quotation marks, four words or more, or running over several \
units) whose speaker is named in one of its units or in the unit next to it: \"said Dr. Lee\", \
\"Smith added\", \"the WHO said\", \"she said\" right after her name, \"Olga Kovalchuk said:\" \
before it. A quotation left open at the end of a paragraph runs on into the next when that \
opens with a quotation mark, as news copy writes it.\n\n\
## Why\n\
The guide: every unit inside a direct quotation attributed to a named person or \
organisation is `cited`, including the later sentences of a quotation that runs over \
several units. Its hedges and absolutes count as usual. A quotation attributed to nobody, \
or to \"the researchers\" with no source named in the paragraph, is not cited.\n\n\
## Example\n\
\"“It worked,” said Dr. Lee, who led the trial. “Nobody got worse.”\" — the second unit is \
cited (and absolute).",
        flags: &["“The drug worked in every group,” said Dr. Ann Lee, who led the trial. “Nobody got worse.”"],
        allows: &["“Nobody got worse.”", "“The drug worked in every group,” the researchers said. “Nobody got worse.”"],
    },
    RuleMeta {
        id: NAMED_SPEAKER,
        name: "named-speaker",
        label: Label::Cited,
        summary: "A speaker frame that names a source (\"…,\" Okafor said; said lead author Ana Ruiz; according to the CDC) is cited.",
        doc: "## What it applies to\n\
A verb of saying, writing or reporting (`lexicons/words/speech-verbs.toml`) with its speaker, \
found by structure: \"…,\" NAME said; said NAME; said ROLE NAME (\"said first author Ana \
Ruiz\"); NAME, ROLE, said (\"Jane Smith, a virologist at Yale, warned\"); according to NAME; \
NAME wrote, told, added, noted, warned. NAME is a capitalised name (titles such as Dr. and \
Prof., initials, particles such as de and van; `titles.toml`, `not-names.toml`), an \
organisation, an acronym, or a source registered earlier by one of its name words \
(\"Okafor\" after \"Dr. Chidi Okafor\"); he or she bind to the latest person, \"the company\" \
to the latest organisation. A titled or full name followed by a verb of finding (\"Dr. \
Munster and his colleagues tested four methods\") is a speaker too.\n\n\
## Why\n\
The guide: a unit that reports what a named person or organisation said, wrote or found is \
`cited`; news names a person in full once, then by surname or pronoun.\n\n\
## Example\n\
\"The results were clear, said Dr. Dan Barouch of Harvard. Barouch said more trials would \
follow.\" — both sentences are cited, bound to Dr. Dan Barouch.",
        flags: &[
            "The results were clear, said Dr. Dan Barouch of Harvard. Barouch said more trials would follow.",
            "Dr. Ann Lee led the trial.\n\nThe drug worked, she said.",
            "“It works,” said first author Ana Ruiz.",
            "Anthony Fauci told reporters the data were encouraging.",
            "John Edmunds, professor of infectious disease modelling at the London School of Hygiene and Tropical Medicine, has previously warned that studies suggest bad news.",
        ],
        allows: &["The drug worked, she said.", "The results were clear."],
    },
    RuleMeta {
        id: EMBEDDED_POST,
        name: "embedded-post",
        label: Label::Cited,
        summary: "Every unit of an embedded post (a tweet with its \"— Name (@handle) date\" line) is cited by its author.",
        doc: "## What it applies to\n\
A paragraph that ends with an embedded post's signature, a dash, the author's name and \
handle: \"— Scott Gottlieb, MD (@ScottGottliebMD) April 29, 2020\". Every unit of that \
paragraph is the author's post.\n\n\
## Why\n\
The guide: every unit inside a direct quotation attributed to a named person is `cited`; an \
embedded post is quoted whole, and its author is named on its last line.\n\n\
## Example\n\
\"Evolutionary, not revolutionary. https://t.co/x — Scott Gottlieb (@ScottGottliebMD) April \
29, 2020\" — both units are cited.",
        flags: &["Evolutionary, not revolutionary. A beginning. https://t.co/x — Scott Gottlieb, MD (@ScottGottliebMD) April 29, 2020"],
        allows: &["Evolutionary, not revolutionary. A beginning."],
    },
    RuleMeta {
        id: CONTINUED_REPORT,
        name: "continued-report",
        label: Label::Cited,
        summary: "A unit that goes on reporting a source's data, right after a unit cited by it, is cited by the same source.",
        doc: "## What it applies to\n\
A unit with no source or appeal of its own that reports data in the writer's voice (a \
number with a sample noun or a percentage, a sample noun as its subject, or a study noun \
opening it; no I, we or you; not a question), right after a unit cited by a source, in the \
same paragraph or the next. It binds to that source; a run of such units keeps it.\n\n\
## Why\n\
The guide's adjudicated news gold: a unit that goes on reporting a source already named is \
`cited`. News reports a study's numbers one sentence a paragraph after naming it once.\n\n\
## Example\n\
\"A study by Mount Sinai tested 5,600 employees.\" then \"Samples were obtained on April 14 and \
15.\" — the second is cited, bound to Mount Sinai.",
        flags: &["Researchers at Mount Sinai tested 5,600 employees in April.\n\nSixty employees tested positive in the raw data."],
        allows: &["Researchers at Mount Sinai tested 5,600 employees in April.\n\nWe were surprised that 60 people tested positive."],
    },
    RuleMeta {
        id: INTRODUCER,
        name: "introducer",
        label: Label::Cited,
        summary: "An introducer with no claim of its own (\"She added:\", \"The report stated:\") carries no label.",
        doc: "## What it applies to\n\
A unit of at most eight words that ends with a colon and holds a speaker frame.\n\n\
## Why\n\
The guide: an introducer with no claim of its own carries no label; the quoted unit after it \
is labelled by its content and is `cited` as part of the quotation (rule C903).\n\n\
## Example\n\
\"Dr. Ann Lee led the trial. She added:\" — the second unit carries no label.",
        flags: &["Dr. Ann Lee led the trial.\n\nShe added:\n\n“Nobody got worse in the treated group.”"],
        allows: &["Dr. Ann Lee led the trial. She added that nobody got worse."],
    },
    RuleMeta {
        id: UNSOURCED_POINTER,
        name: "unsourced-pointer",
        label: Label::Vague,
        summary: "A pointer (\"the study\", \"the researchers\") bound to a mention that had no source is vague.",
        doc: "## What it flags\n\
A pointer (see C902) whose most recent compatible mention had no source a reader could look \
up: \"In a new study, scientists…\", \"Researchers have found…\", a study with fewer than two \
specifics, an unnamed speaker.\n\n\
## Why it matters\n\
The guide (version 2): a pointer back to a mention that had no source is `vague`, like that \
first mention.\n\n\
## Example\n\
\"In a new study, scientists tested the drug.\" then \"The researchers found less pain.\" — \
the second is vague.",
        flags: &["In a new study, scientists tested the drug.\n\nThe researchers gave half of them a placebo."],
        allows: &["A 2019 trial in JAMA enrolled 400 adults.\n\nThe researchers gave half of them a placebo."],
    },
    RuleMeta {
        id: UNNAMED_SPEAKER,
        name: "unnamed-speaker",
        label: Label::Vague,
        summary: "A speaker frame whose speaker is unnamed (\"a professor at Imperial College said\", \"officials said\") is vague.",
        doc: "## What it flags\n\
A verb of saying whose speaker is a role or a group with no name: \"a spokesperson said\", \
\"one doctor said\", \"scientists say\", \"officials warned\", \"according to experts\".\n\n\
## Why it matters\n\
The guide: an attribution with no source is `vague`; a unit that also names a checkable \
source (\"researchers at Stanford said\") is `cited` instead (rule C901).\n\n\
## Example\n\
\"A professor at Imperial College London said a vaccine is unlikely this year.\"",
        flags: &["A professor at Imperial College London said a vaccine is unlikely this year.", "Officials said the outbreak is slowing."],
        allows: &["Researchers at Stanford University said the outbreak is slowing."],
    },
    RuleMeta {
        id: ASIDE_ABSOLUTE,
        name: "aside-absolute",
        label: Label::Absolute,
        summary: "An absolute marker in a personal, legal or political aside (no health, treatment, safety or evidence claim) is not absolute.",
        doc: ASIDE_DOC,
        flags: &["Undoubtedly the traffic was awful."],
        allows: &["Undoubtedly the vaccine works."],
    },
    RuleMeta {
        id: ASIDE_CITED,
        name: "aside-cited",
        label: Label::Cited,
        summary: "A named source's remark in an aside (politics, careers, business) is not cited.",
        doc: ASIDE_DOC,
        flags: &["“Our business was building printers,” Kennedy said."],
        allows: &["“Our coating kills the virus,” Kennedy said."],
    },
    RuleMeta {
        id: ASIDE_HEDGED,
        name: "aside-hedge",
        label: Label::Hedged,
        summary: "A hedge in a personal, legal or political aside is not a hedged claim.",
        doc: ASIDE_DOC,
        flags: &["Perhaps the mayor should act."],
        allows: &["Perhaps the drug should be tested."],
    },
    RuleMeta {
        id: ASIDE_VAGUE,
        name: "aside-vague",
        label: Label::Vague,
        summary: "An appeal in a personal, legal or political aside is not a vague claim.",
        doc: ASIDE_DOC,
        flags: &["Some say the mayor should resign."],
        allows: &["Some say the drug should be banned."],
    },
];

/// Looks a context rule up by id or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
}
