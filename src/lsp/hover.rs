//! Hover: what a flagged unit's findings mean. On a finding's trigger
//! words, that finding; elsewhere in a flagged unit, all of the unit's.
//! Each rule shows its id, name, label and severity, the trigger words, the
//! source a `cited` finding binds to (when the sources stage found one),
//! the hedged rewording the lexicon offers, and the rule's explanation,
//! the same text as `claimscan explain`.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::worker::Checked;
use crate::report::explain;

/// One finding or notice as hover shows it.
struct Item<'a> {
    rule: &'a str,
    name: &'a str,
    /// The label, or "suppression comment" for a notice.
    kind: String,
    severity: &'a str,
    matched: &'a str,
    source: Option<String>,
    suggestion: Option<&'a str>,
    start: usize,
    end: usize,
}

/// The hover for a position, or `None` where nothing is flagged.
pub fn hover(checked: &Checked, position: Position) -> Option<Hover> {
    let text = checked.text.as_str();
    let offset = checked.lines.offset(text, position);
    let report = &checked.report;
    let mut all: Vec<(Item<'_>, (usize, usize))> = Vec::new();
    for s in &report.sentences {
        for f in &s.findings {
            let suggestion = checked
                .settings
                .entry(&f.rule)
                .and_then(|e| e.suggestion(&f.matched))
                .map(|(_, w)| w);
            all.push((
                Item {
                    rule: &f.rule,
                    name: &f.name,
                    kind: f.label.to_string(),
                    severity: f.severity.as_str(),
                    matched: &f.matched,
                    source: f.source.as_ref().map(|src| {
                        format!(
                            "{} ({}), introduced on line {}",
                            src.name,
                            src.kind.as_str(),
                            src.line
                        )
                    }),
                    suggestion,
                    start: f.start,
                    end: f.end,
                },
                (s.start, s.end),
            ));
        }
    }
    for n in &report.notices {
        all.push((
            Item {
                rule: &n.rule,
                name: &n.name,
                kind: "suppression comment".into(),
                severity: n.severity.as_str(),
                matched: &n.text,
                source: None,
                suggestion: None,
                start: n.start,
                end: n.end,
            },
            (n.start, n.end),
        ));
    }
    let on =
        |i: &Item<'_>| i.start <= offset && (offset < i.end || offset == i.end && i.end > i.start);
    let direct: Vec<&Item<'_>> = all.iter().map(|(i, _)| i).filter(|i| on(i)).collect();
    let (items, span) = if direct.is_empty() {
        // Anywhere in a flagged unit: all its findings.
        let unit = all
            .iter()
            .map(|(_, u)| *u)
            .find(|&(a, b)| a <= offset && offset < b)?;
        let items: Vec<&Item<'_>> = all
            .iter()
            .filter(|(_, u)| *u == unit)
            .map(|(i, _)| i)
            .collect();
        (items, unit)
    } else {
        let span = (
            direct.iter().map(|i| i.start).min().unwrap_or(offset),
            direct.iter().map(|i| i.end).max().unwrap_or(offset),
        );
        (direct, span)
    };
    let value = render(&items, checked);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(checked.lines.range(text, span.0, span.1)),
    })
}

/// The hover text: per rule (in order of appearance), a header line, the
/// trigger words, source and rewording, then the rule's explanation.
fn render(items: &[&Item<'_>], checked: &Checked) -> String {
    let mut rules: Vec<&str> = Vec::new();
    for i in items {
        if !rules.contains(&i.rule) {
            rules.push(i.rule);
        }
    }
    let mut out = String::new();
    for (n, rule) in rules.iter().enumerate() {
        if n > 0 {
            out.push_str("\n---\n\n");
        }
        let of_rule: Vec<&&Item<'_>> = items.iter().filter(|i| i.rule == *rule).collect();
        let Some(first) = of_rule.first() else {
            continue;
        };
        let _ = writeln!(
            out,
            "**{} {}** · {} · {}\n",
            first.rule, first.name, first.kind, first.severity
        );
        let words: Vec<String> = of_rule
            .iter()
            .map(|i| format!("“{}”", one_line(i.matched)))
            .collect();
        let _ = writeln!(out, "Trigger words: {}\n", words.join(", "));
        for i in &of_rule {
            if let Some(src) = &i.source {
                let _ = writeln!(out, "Source: {src}\n");
            }
        }
        for i in &of_rule {
            if let Some(w) = i.suggestion {
                let _ = writeln!(
                    out,
                    "Hedged rewording: “{}” → “{w}” (a quick fix)\n",
                    one_line(i.matched)
                );
            }
        }
        if let Some(text) = explain::explain(rule, &checked.settings) {
            out.push_str(&text);
        }
    }
    out.trim_end().to_string()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
