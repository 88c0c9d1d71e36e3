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
/// A definite reference to a source named in the same paragraph is cited.
pub const DEFINITE_REFERENCE: &str = "C902";
/// Every unit of a direct quotation attributed to a named source is cited.
pub const QUOTED_SOURCE: &str = "C903";
/// A speaker named earlier in the article ("Smith said", "she said").
pub const NAMED_SPEAKER: &str = "C904";

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
        id: DEFINITE_REFERENCE,
        name: "source-in-paragraph",
        label: Label::Cited,
        summary: "\"The study found\", \"the researchers said\" are cited when the source is named in the same paragraph.",
        doc: "## What it applies to\n\
A definite reference to a study, report or group of people (an entry with `role = \
\"reference\"`) in a paragraph where another unit names the source.\n\n\
## Why\n\
The guide: definite references are `cited` when the study or people are named in the \
same paragraph, before or after, and `vague` when no source is named anywhere near.\n\n\
## Example\n\
\"A 2019 trial in JAMA enrolled 400 adults. The study found less pain.\" — the second \
sentence is cited.",
        flags: &["A 2019 trial in JAMA enrolled 400 adults. The study found less pain."],
        allows: &["The study found less pain."],
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
        summary: "\"Smith said\" or \"she said\" names a source when the person was named earlier in the article.",
        doc: "## What it applies to\n\
A speaker given by one name (\"Barouch said\", \"said Olga\") when that name belongs to a \
person introduced earlier in an attributing frame (\"said Dr. Dan Barouch\", \"Olga \
Kovalchuk, one of the researchers, said\"), and *he said* / *she said* within two \
paragraphs of a named person.\n\n\
## Why\n\
News copy names a person in full once, then by surname or pronoun. The guide counts a \
named person as a source a reader can look up; the later mentions name the same person. \
An unknown single word before *said* is not taken for a name.\n\n\
## Example\n\
\"The results were clear, said Dr. Dan Barouch of Harvard. Barouch said more trials would \
follow.\" — the second sentence is cited.",
        flags: &["The results were clear, said Dr. Dan Barouch of Harvard. Barouch said more trials would follow.", "Dr. Ann Lee led the trial.\n\nThe drug worked, she said."],
        allows: &["Barouch said more trials would follow.", "The drug worked, she said."],
    },
];

/// Looks a context rule up by id or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
}
