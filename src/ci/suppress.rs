//! Inline suppressions: directives in an article that silence findings.
//!
//! Markdown and HTML use comments, which readers never see:
//! `<!-- claimscan-disable-next-line -->`,
//! `<!-- claimscan-disable-next-line A101, V101 -->` (the next unit),
//! `<!-- claimscan-disable A101 -->` … `<!-- claimscan-enable -->` (a region;
//! `claimscan-enable A101` ends it for the rules named). Plain text uses a
//! line of its own: `claimscan: disable-next-line [A101, V101]` (also
//! `claimscan: disable …` and `claimscan: enable …`). Text after ` -- ` is a
//! reason and is ignored, as in ESLint.
//!
//! Directives are found by scanning the raw source, not the parsed blocks,
//! and related to units by byte offset, so they work whatever the parser
//! keeps or drops. A directive that suppresses nothing, names an unknown
//! rule, or is misspelt is itself reported, with the rules in
//! [`NOTICE_RULES`] (ruff reports an unused `noqa` the same way).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::pipeline::ingest::InputFormat;
use crate::report::{FileReport, LineIndex, NoticeReport};
use crate::Settings;

/// A rule about suppression directives themselves. Listed by
/// `claimscan rules` and explained by `claimscan explain` like the others.
#[derive(Debug, Clone, Copy)]
pub struct NoticeRule {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub doc: &'static str,
    /// Articles (Markdown) on which the rule must fire.
    pub flags: &'static [&'static str],
    /// Articles on which it must not.
    pub allows: &'static [&'static str],
}

/// A directive suppresses no finding.
pub const UNUSED: &str = "S101";
/// A directive names a rule that does not exist.
pub const UNKNOWN_RULE: &str = "S102";
/// A comment or line starts like a directive but is not one.
pub const MALFORMED: &str = "S103";

/// Every suppression rule.
pub static NOTICE_RULES: &[NoticeRule] = &[
    NoticeRule {
        id: UNUSED,
        name: "unused-suppression",
        summary: "A suppression comment that suppresses nothing.",
        doc: "## What it flags\n\
A `claimscan-disable-next-line` whose next unit has no finding it names, a \
`claimscan-disable` region with none, a rule in a directive's list that matched \
nothing there, or a `claimscan-enable` with no region open.\n\n\
## Why it matters\n\
A stale suppression hides the next claim an editor writes in that place, and it \
tells readers of the source that a claim was waved through when none is there. \
Delete it. The default severity is `note`, so it is shown without failing a check; \
set `unused-suppression = \"warning\"` under `[severity]` to make it fail.\n\n\
## Example\n\
`<!-- claimscan-disable-next-line A104 -->` above \"Acupuncture may ease back pain.\"",
        flags: &["<!-- claimscan-disable-next-line A104 -->\n\nAcupuncture may ease back pain.\n"],
        allows: &["<!-- claimscan-disable-next-line -->\n\nAcupuncture cures back pain.\n"],
    },
    NoticeRule {
        id: UNKNOWN_RULE,
        name: "unknown-rule-in-suppression",
        summary: "A suppression comment names a rule that does not exist.",
        doc: "## What it flags\n\
A rule in a directive's list that is not a rule id (A104), a rule name \
(cure-claim) or a label (absolute), or that names a context rule (A901), which \
gives no findings to suppress.\n\n\
## Why it matters\n\
A misspelt rule suppresses nothing, so the finding it meant to silence is still \
reported, and the comment misleads whoever reads it next.\n\n\
## Example\n\
`<!-- claimscan-disable-next-line A1O4 -->` (a letter O for a zero).",
        flags: &["<!-- claimscan-disable-next-line A1O4 -->\n\nAcupuncture cures back pain.\n"],
        allows: &[
            "<!-- claimscan-disable-next-line cure-claim -->\n\nAcupuncture cures back pain.\n",
        ],
    },
    NoticeRule {
        id: MALFORMED,
        name: "malformed-suppression",
        summary: "A comment that starts like a suppression but is not one.",
        doc: "## What it flags\n\
A comment (or, in plain text, a line) that starts with `claimscan` but is not \
`claimscan-disable-next-line`, `claimscan-disable` or `claimscan-enable` (plain text: \
`claimscan: disable-next-line`, `claimscan: disable`, `claimscan: enable`).\n\n\
## Why it matters\n\
A misspelt directive does nothing; the finding it meant to silence is still \
reported.\n\n\
## Example\n\
`<!-- claimscan-disable-nextline -->`",
        flags: &["<!-- claimscan-disable-nextline -->\n\nAcupuncture cures back pain.\n"],
        allows: &["<!-- a note for editors -->\n\nAcupuncture cures back pain.\n"],
    },
];

/// Looks a suppression rule up by id or name.
pub fn find(key: &str) -> Option<&'static NoticeRule> {
    NOTICE_RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
}

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Silences the next unit.
    NextLine,
    /// Opens a region.
    Disable,
    /// Closes a region.
    Enable,
}

/// One rule named in a directive, with its byte span in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// A directive found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// A well-formed directive: its kind, the rules it names (none: every
    /// rule), and its byte span.
    Valid {
        kind: Kind,
        rules: Vec<RuleRef>,
        start: usize,
        end: usize,
    },
    /// Starts like a directive but is not one.
    Malformed {
        text: String,
        start: usize,
        end: usize,
    },
}

/// A finding about a directive, in byte offsets; `report/` adds the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
}

static HTML_COMMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").ok());
static TEXT_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*(claimscan[ \t]*:[^\r\n]*)").ok());

/// Finds every directive in a source, in order.
pub fn parse(source: &str, format: InputFormat) -> Vec<Directive> {
    let mut out = Vec::new();
    match format {
        InputFormat::Markdown | InputFormat::Html => {
            let Some(re) = HTML_COMMENT.as_ref() else {
                return out;
            };
            for caps in re.captures_iter(source) {
                let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else {
                    continue;
                };
                let body = inner.as_str();
                let lead = body.len() - body.trim_start().len();
                let body_start = inner.start() + lead;
                let body = body.trim();
                if !body.starts_with("claimscan") {
                    continue;
                }
                let word_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
                let kind = match &body[..word_end] {
                    "claimscan-disable-next-line" => Some(Kind::NextLine),
                    "claimscan-disable" => Some(Kind::Disable),
                    "claimscan-enable" => Some(Kind::Enable),
                    _ => None,
                };
                out.push(directive(
                    kind,
                    body,
                    body_start,
                    word_end,
                    whole.start(),
                    whole.end(),
                ));
            }
        }
        InputFormat::Text => {
            let Some(re) = TEXT_LINE.as_ref() else {
                return out;
            };
            for caps in re.captures_iter(source) {
                let Some(m) = caps.get(1) else {
                    continue;
                };
                let line = m.as_str().trim_end();
                let colon = line.find(':').map_or(line.len(), |i| i + 1);
                let rest = &line[colon..];
                let rest_start = colon + (rest.len() - rest.trim_start().len());
                let rest = rest.trim_start();
                let word_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
                let kind = match &rest[..word_end] {
                    "disable-next-line" => Some(Kind::NextLine),
                    "disable" => Some(Kind::Disable),
                    "enable" => Some(Kind::Enable),
                    _ => None,
                };
                out.push(directive(
                    kind,
                    line,
                    m.start(),
                    rest_start + word_end,
                    m.start(),
                    m.start() + line.len(),
                ));
            }
        }
    }
    out
}

/// Builds a directive from its body text (`body` starts at source offset
/// `body_start`; the rule list starts at `list_from` within it).
fn directive(
    kind: Option<Kind>,
    body: &str,
    body_start: usize,
    list_from: usize,
    start: usize,
    end: usize,
) -> Directive {
    let Some(kind) = kind else {
        return Directive::Malformed {
            text: body.to_string(),
            start,
            end,
        };
    };
    // A reason after " -- " is for people.
    let list = &body[list_from..];
    let list = list.find(" -- ").map_or(list, |i| &list[..i]);
    let mut rules = Vec::new();
    let mut offset = body_start + list_from;
    for piece in list.split(|c: char| c == ',' || c.is_whitespace()) {
        let key = piece.trim_matches(|c| c == '[' || c == ']');
        if !key.is_empty() {
            let lead = piece.find(key).unwrap_or(0);
            rules.push(RuleRef {
                key: key.to_string(),
                start: offset + lead,
                end: offset + lead + key.len(),
            });
        }
        offset += piece.len() + 1;
    }
    Directive::Valid {
        kind,
        rules,
        start,
        end,
    }
}

/// A directive's reach for one rule it names (or for all rules).
struct Scope {
    /// Index of the directive in the parsed list.
    directive: usize,
    /// Index of the rule in the directive's list; `None`: every rule.
    rule_ref: Option<usize>,
    /// The rule ids it silences; `None`: every rule.
    ids: Option<BTreeSet<String>>,
    /// Next-line: the index of the unit it reaches. Region: unused.
    unit: Option<Option<usize>>,
    /// Region: byte range of the source it covers.
    from: usize,
    to: usize,
    used: bool,
}

impl Scope {
    fn silences(&self, rule: &str) -> bool {
        self.ids.as_ref().map_or(true, |ids| ids.contains(rule))
    }
}

/// Removes the findings the article's directives silence from `report`,
/// counts them in `report.suppressed`, and returns notices about the
/// directives (unused, unknown rule, malformed) whose rules are enabled.
pub fn apply(
    source: &str,
    format: InputFormat,
    report: &mut FileReport,
    settings: &Settings,
) -> Vec<Notice> {
    let directives = parse(source, format);
    let mut notices = Vec::new();
    let mut scopes: Vec<Scope> = Vec::new();
    // Regions still open, as indices into `scopes`.
    let mut open: Vec<usize> = Vec::new();

    for (di, d) in directives.iter().enumerate() {
        let (kind, refs, start, end) = match d {
            Directive::Malformed { text, start, end } => {
                let expected = match format {
                    InputFormat::Text => {
                        "`claimscan: disable-next-line`, `claimscan: disable` or `claimscan: enable`"
                    }
                    _ => "`claimscan-disable-next-line`, `claimscan-disable` or `claimscan-enable`",
                };
                let word: String = text.chars().take(60).collect();
                notices.push(Notice {
                    rule: MALFORMED,
                    start: *start,
                    end: *end,
                    message: format!("`{word}` is not a suppression; use {expected}"),
                });
                continue;
            }
            Directive::Valid {
                kind,
                rules,
                start,
                end,
            } => (*kind, rules, *start, *end),
        };
        // Resolve the rules named; unknown ones are reported and dropped.
        let mut named: Vec<(Option<usize>, Option<BTreeSet<String>>)> = Vec::new();
        for (ri, r) in refs.iter().enumerate() {
            match settings.rule_ids(&r.key) {
                Ok(ids) => named.push((Some(ri), Some(ids.into_iter().collect()))),
                Err(why) => notices.push(Notice {
                    rule: UNKNOWN_RULE,
                    start: r.start,
                    end: r.end,
                    message: format!("in a suppression: {why}"),
                }),
            }
        }
        if refs.is_empty() {
            named.push((None, None));
        } else if named.is_empty() {
            // Every rule named is unknown, and already reported.
            continue;
        }
        match kind {
            Kind::NextLine => {
                // The first unit with text after the directive (the unit
                // holding the directive, if the parser kept it in the text
                // and text follows it on the same unit).
                let target = report.sentences.iter().position(|s| s.end > end);
                for (rule_ref, ids) in named {
                    scopes.push(Scope {
                        directive: di,
                        rule_ref,
                        ids,
                        unit: Some(target),
                        from: end,
                        to: end,
                        used: false,
                    });
                }
            }
            Kind::Disable => {
                for (rule_ref, ids) in named {
                    scopes.push(Scope {
                        directive: di,
                        rule_ref,
                        ids,
                        unit: None,
                        from: end,
                        to: source.len(),
                        used: false,
                    });
                    open.push(scopes.len() - 1);
                }
            }
            Kind::Enable => {
                let closing_all = refs.is_empty();
                let enable_ids: BTreeSet<String> = named
                    .iter()
                    .flat_map(|(_, ids)| ids.iter().flatten().cloned())
                    .collect();
                let mut closed = false;
                open.retain(|&si| {
                    let scope = &mut scopes[si];
                    let closes = closing_all
                        || scope
                            .ids
                            .as_ref()
                            .is_some_and(|ids| !ids.is_disjoint(&enable_ids));
                    if closes {
                        scope.to = start;
                        closed = true;
                    }
                    !closes
                });
                if !closed {
                    notices.push(Notice {
                        rule: UNUSED,
                        start,
                        end,
                        message: "this `enable` closes no `disable` region; delete it".into(),
                    });
                }
            }
        }
    }

    // The directives' own words are markup, not claims: while the Markdown
    // and HTML readers keep comments in the text, drop what matched there.
    let spans: Vec<(usize, usize)> = directives
        .iter()
        .map(|d| match d {
            Directive::Valid { start, end, .. } | Directive::Malformed { start, end, .. } => {
                (*start, *end)
            }
        })
        .collect();
    for s in &mut report.sentences {
        crate::work::add(s.findings.len() * (spans.len() + scopes.len()));
        s.findings
            .retain(|f| !spans.iter().any(|&(a, b)| f.start >= a && f.end <= b));
    }

    // Silence findings.
    let mut suppressed = 0;
    for (ui, s) in report.sentences.iter_mut().enumerate() {
        let before = s.findings.len();
        s.findings.retain(|f| {
            let mut silenced = false;
            for scope in scopes.iter_mut() {
                let reaches = match scope.unit {
                    Some(target) => target == Some(ui),
                    None => f.start >= scope.from && f.start < scope.to,
                };
                if reaches && scope.silences(&f.rule) {
                    scope.used = true;
                    silenced = true;
                }
            }
            !silenced
        });
        suppressed += before - s.findings.len();
    }
    report.suppressed += suppressed;

    // Stale directives, or stale rules in a directive's list.
    for scope in scopes.iter().filter(|s| !s.used) {
        let Some(Directive::Valid {
            rules: refs,
            start,
            end,
            ..
        }) = directives.get(scope.directive)
        else {
            continue;
        };
        let place = if scope.unit.is_some() {
            "in the next unit"
        } else {
            "in this region"
        };
        match (scope.rule_ref, &scope.ids) {
            (Some(ri), Some(ids)) => {
                // A rule turned off by the configuration is not stale.
                if !ids.iter().any(|id| settings.policy().enabled(id)) {
                    continue;
                }
                let Some(r) = refs.get(ri) else {
                    continue;
                };
                let message = if refs.len() == 1 {
                    format!(
                        "this suppression of `{}` matches no finding {place}; delete it",
                        r.key
                    )
                } else {
                    format!(
                        "`{}` matches no finding {place}; remove it from the list",
                        r.key
                    )
                };
                notices.push(Notice {
                    rule: UNUSED,
                    start: r.start,
                    end: r.end,
                    message,
                });
            }
            _ => notices.push(Notice {
                rule: UNUSED,
                start: *start,
                end: *end,
                message: format!("this suppression matches no finding {place}; delete it"),
            }),
        }
    }
    notices.retain(|n| settings.policy().enabled(n.rule));
    notices.sort_by(|a, b| (a.start, a.rule).cmp(&(b.start, b.rule)));
    notices
}

/// Adds notices about suppression comments to a report, with positions.
pub fn attach_notices(
    report: &mut FileReport,
    source: &str,
    notices: &[Notice],
    settings: &Settings,
) {
    let index = LineIndex::new(source);
    for n in notices {
        let (line, column) = index.locate(n.start);
        let (end_line, end_column) = index.locate(n.end);
        let name = find(n.rule).map_or(n.rule, |r| r.name);
        report.notices.push(NoticeReport {
            rule: n.rule.to_string(),
            name: name.to_string(),
            severity: settings.notice_severity(n.rule),
            start: n.start,
            end: n.end,
            line,
            column,
            end_line,
            end_column,
            text: source.get(n.start..n.end).unwrap_or("").to_string(),
            message: n.message.clone(),
        });
    }
}
