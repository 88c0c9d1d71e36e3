//! Code actions (quick fixes) on findings: a suppression comment for this
//! rule (or every rule) on this unit, in the syntax of the document's
//! format (see [`crate::ci::suppress`]), and, where the rule's lexicon file
//! carries one, the hedged rewording of the trigger words.
//!
//! A suppression is a `disable-next-line` directive placed just before the
//! unit: on a line of its own where the format allows it without changing
//! how the text is read (a Markdown paragraph after a blank line; any unit
//! starting a plain-text line), else inline before the unit's first word
//! (Markdown and HTML comments), or, in plain text, on a line of its own
//! that splits the line before the unit.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionContext, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use super::worker::Checked;
use crate::pipeline::ingest::InputFormat;
use crate::report::{FindingReport, SentenceReport};

/// An edit in byte offsets: replace `start..end` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The quick fixes for the findings a range touches (or that the client
/// lists in `context.diagnostics`).
pub fn code_actions(
    uri: &Uri,
    checked: &Checked,
    range: Range,
    context: &CodeActionContext,
) -> Vec<CodeActionOrCommand> {
    if let Some(only) = &context.only {
        let quickfix = CodeActionKind::QUICKFIX;
        if !only
            .iter()
            .any(|k| k.as_str().is_empty() || quickfix.as_str().starts_with(k.as_str()))
        {
            return Vec::new();
        }
    }
    let text = checked.text.as_str();
    let lines = &checked.lines;
    let (a, b) = lines.span(text, range);
    let asked: Vec<(String, (usize, usize))> = context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(super::diagnostics::SOURCE))
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(code)) => Some((code.clone(), lines.span(text, d.range))),
            _ => None,
        })
        .collect();
    let touches = |s: &SentenceReport, f: &FindingReport| {
        let overlaps = if a == b {
            f.start <= a && a <= f.end
        } else {
            f.start < b && a < f.end
        };
        let in_unit = a == b && s.start <= a && a < s.end;
        let listed = asked
            .iter()
            .any(|(code, span)| *code == f.rule && *span == (f.start, f.end));
        overlaps || in_unit || listed
    };
    let diagnostic_of = |f: &FindingReport| -> Option<Diagnostic> {
        let range = lines.range(text, f.start, f.end);
        checked
            .diagnostics
            .iter()
            .find(|d| d.range == range && d.code == Some(NumberOrString::String(f.rule.clone())))
            .cloned()
    };

    let mut rewordings = Vec::new();
    let mut suppressions = Vec::new();
    for s in &checked.report.sentences {
        let found: Vec<&FindingReport> = s.findings.iter().filter(|f| touches(s, f)).collect();
        if found.is_empty() {
            continue;
        }
        for f in &found {
            let Some((len, wording)) = checked
                .settings
                .entry(&f.rule)
                .and_then(|e| e.suggestion(&f.matched))
            else {
                continue;
            };
            let Some(replaced) = text.get(f.start..f.start + len) else {
                continue;
            };
            let wording = match_case(replaced, wording, f.start == s.start);
            rewordings.push(action(
                format!("Reword “{}” as “{wording}”", one_line(replaced)),
                uri,
                checked,
                Edit {
                    start: f.start,
                    end: f.start + len,
                    text: wording.clone(),
                },
                diagnostic_of(f).into_iter().collect(),
                true,
            ));
        }
        let mut rules: Vec<(&str, &str)> = Vec::new();
        for f in &found {
            if !rules.iter().any(|(id, _)| *id == f.rule) {
                rules.push((&f.rule, &f.name));
            }
        }
        for (id, name) in &rules {
            let diags = found
                .iter()
                .filter(|f| f.rule == *id)
                .filter_map(|f| diagnostic_of(f))
                .collect();
            suppressions.push(action(
                format!("Suppress {id} ({name}) for this sentence"),
                uri,
                checked,
                suppression(checked.format, text, s.start, Some(id)),
                diags,
                false,
            ));
        }
        let distinct: std::collections::BTreeSet<&str> =
            s.findings.iter().map(|f| f.rule.as_str()).collect();
        if distinct.len() > 1 {
            suppressions.push(action(
                "Suppress every claimscan rule for this sentence".into(),
                uri,
                checked,
                suppression(checked.format, text, s.start, None),
                s.findings.iter().filter_map(&diagnostic_of).collect(),
                false,
            ));
        }
    }
    rewordings.extend(suppressions);
    rewordings
}

#[expect(
    clippy::mutable_key_type,
    reason = "lsp-types' Uri caches its parse inside; its hash and order never change"
)]
fn action(
    title: String,
    uri: &Uri,
    checked: &Checked,
    edit: Edit,
    diagnostics: Vec<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let range = checked.lines.range(&checked.text, edit.start, edit.end);
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), vec![TextEdit::new(range, edit.text)]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(WorkspaceEdit::new(changes)),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

/// The edit that silences `rule` (or, with `None`, every rule) on the unit
/// starting at byte `unit_start` of `text`.
pub fn suppression(format: InputFormat, text: &str, unit_start: usize, rule: Option<&str>) -> Edit {
    let unit_start = unit_start.min(text.len());
    let line_start = text[..unit_start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    // A byte-order mark is not indentation.
    let line_start = if line_start == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8().min(unit_start)
    } else {
        line_start
    };
    let before = &text[line_start..unit_start];
    let starts_line = before.chars().all(|c| c == ' ' || c == '\t');
    let indent: String = text[line_start..]
        .chars()
        .take_while(|&c| c == ' ' || c == '\t')
        .collect();
    let eol = if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\n') || !text.contains('\r') {
        "\n"
    } else {
        "\r"
    };
    let previous = previous_line(text, line_start);
    let list = rule.map(|r| format!(" {r}")).unwrap_or_default();
    match format {
        InputFormat::Html => Edit {
            start: unit_start,
            end: unit_start,
            text: format!("<!-- claimscan-disable-next-line{list} --> "),
        },
        InputFormat::Markdown => {
            let comment = format!("<!-- claimscan-disable-next-line{list} -->");
            // A line that starts with `<!--` (after quote and list markers)
            // is an HTML block, which Markdown readers drop with the rest
            // of its line: the comment must not start one.
            let Some(quote) = block_markers(before) else {
                // After other text on the line (a sentence, `# `): inline.
                return Edit {
                    start: unit_start,
                    end: unit_start,
                    text: format!("{comment} "),
                };
            };
            match previous {
                Some(p) if !p.trim().is_empty() && appendable(p) => {
                    // At the end of the line before, as inline HTML.
                    let end = line_start - line_ending_len(text, line_start);
                    Edit {
                        start: end,
                        end,
                        text: format!(" {comment}"),
                    }
                }
                _ => Edit {
                    start: line_start,
                    end: line_start,
                    text: format!("{quote}{comment}{eol}"),
                },
            }
        }
        InputFormat::Text => {
            let directive = format!("claimscan: disable-next-line{list}");
            if starts_line {
                // A line ending without closing punctuation would take the
                // directive in as the rest of its sentence: a blank line
                // keeps it apart.
                let open = previous.is_some_and(|p| {
                    let p = p.trim_end();
                    !p.is_empty() && !p.ends_with(['.', '!', '?', ':', '…', '"', '”', ')', ']'])
                });
                let gap = if open { eol } else { "" };
                Edit {
                    start: line_start,
                    end: line_start,
                    text: format!("{gap}{indent}{directive}{eol}"),
                }
            } else {
                // Split the line: the white space before the unit becomes
                // the directive's own line.
                let ws_start = text[..unit_start]
                    .trim_end_matches([' ', '\t'])
                    .len()
                    .max(line_start);
                Edit {
                    start: ws_start,
                    end: unit_start,
                    text: format!("{eol}{indent}{directive}{eol}{indent}"),
                }
            }
        }
    }
}

/// When `before` (the start of a line up to a unit) holds only
/// indentation, block-quote markers and a list marker: the indentation and
/// quote markers, to start a line of the same quote with.
fn block_markers(before: &str) -> Option<String> {
    let mut rest = before;
    let mut quote = String::new();
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        quote.push_str(&rest[..rest.len() - trimmed.len()]);
        rest = trimmed;
        match rest.strip_prefix('>') {
            Some(r) => {
                quote.push('>');
                rest = r;
            }
            None => break,
        }
    }
    if rest.is_empty() {
        return Some(quote);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return None;
    };
    rest[marker..]
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then(|| {
            let q = quote.trim_end().to_string();
            if q.ends_with('>') {
                q + " "
            } else {
                q
            }
        })
}

/// Whether text may be added at the end of a Markdown line without
/// changing what it is: not a code fence, table row or thematic break.
fn appendable(line: &str) -> bool {
    let t = line.trim();
    let fence = t.starts_with("```") || t.starts_with("~~~");
    let rule = t.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&c| t.chars().all(|x| x == c || x == ' '));
    let setext = t.chars().all(|c| c == '=');
    !(fence || rule || setext || t.starts_with('|') || t.ends_with('|') || line.starts_with("    "))
}

/// The length of the line ending just before `line_start` (0 at the start).
fn line_ending_len(text: &str, line_start: usize) -> usize {
    let before = &text[..line_start];
    if before.ends_with("\r\n") {
        2
    } else if before.ends_with(['\n', '\r']) {
        1
    } else {
        0
    }
}

/// The line before the one starting at `line_start`, without its ending.
fn previous_line(text: &str, line_start: usize) -> Option<&str> {
    if line_start == 0 {
        return None;
    }
    let before = text[..line_start]
        .strip_suffix('\n')
        .unwrap_or(&text[..line_start]);
    let before = before.strip_suffix('\r').unwrap_or(before);
    let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Some(&before[start..])
}

/// The rewording in the case of the words it replaces: upper case for
/// upper case ("CURES" → "MAY HELP RELIEVE"), and capitalised at the start
/// of a sentence. A capital elsewhere (a title-case headline) is not
/// copied: a capitalised "May" mid-sentence reads as the month.
pub fn match_case(replaced: &str, wording: &str, sentence_start: bool) -> String {
    let letters: Vec<char> = replaced.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return wording.to_uppercase();
    }
    if sentence_start && replaced.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = wording.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    wording.to_string()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;
    use std::path::Path;

    fn apply(text: &str, e: &Edit) -> String {
        format!("{}{}{}", &text[..e.start], e.text, &text[e.end..])
    }

    /// Findings (rule, matched) of a text checked as `format`.
    fn findings(text: &str, format: InputFormat, s: &Settings) -> Vec<(String, String)> {
        let doc =
            crate::pipeline::ingest::from_bytes(Path::new("t"), text.as_bytes().to_vec(), format)
                .unwrap();
        let rep = crate::batch::check::check_document(doc, format, Path::new("t"), s, None);
        let mut out: Vec<(String, String)> = rep
            .sentences
            .iter()
            .flat_map(|u| {
                u.findings
                    .iter()
                    .map(|f| (f.rule.clone(), f.matched.clone()))
            })
            .collect();
        out.extend(rep.notices.iter().map(|n| (n.rule.clone(), n.text.clone())));
        out
    }

    /// Suppressing A104 on the unit holding "cures" removes that finding
    /// and nothing else, and leaves no notice.
    fn suppresses(text: &str, format: InputFormat) -> String {
        let s = Settings::new(&[]).unwrap();
        let before = findings(text, format, &s);
        assert!(
            before.iter().any(|(r, m)| r == "A104" && m == "cures"),
            "{before:?}"
        );
        let doc =
            crate::pipeline::ingest::from_bytes(Path::new("t"), text.as_bytes().to_vec(), format)
                .unwrap();
        let rep = crate::batch::check::check_document(doc, format, Path::new("t"), &s, None);
        let unit = rep
            .sentences
            .iter()
            .find(|u| u.findings.iter().any(|f| f.matched == "cures"))
            .unwrap();
        let edited = apply(text, &suppression(format, text, unit.start, Some("A104")));
        let after = findings(&edited, format, &s);
        let expected: Vec<(String, String)> = before
            .into_iter()
            .filter(|(r, m)| !(r == "A104" && m == "cures"))
            .collect();
        assert_eq!(after, expected, "edited:\n{edited}");
        edited
    }

    #[test]
    fn markdown_paragraph_gets_a_comment_line_above() {
        let edited = suppresses(
            "# Back pain\n\nAcupuncture cures back pain. It always helps.\n",
            InputFormat::Markdown,
        );
        assert_eq!(
            edited,
            "# Back pain\n\n<!-- claimscan-disable-next-line A104 -->\nAcupuncture cures back pain. It always helps.\n"
        );
    }

    #[test]
    fn markdown_comment_never_starts_a_line_of_text() {
        let edited = suppresses(
            "It always helps. Acupuncture cures back pain.\n",
            InputFormat::Markdown,
        );
        assert!(edited.contains("helps. <!-- claimscan-disable-next-line A104 --> Acupuncture"));
        // In a tight list: at the end of the item before.
        let edited = suppresses(
            "Intro.\n\n- It helps.\n- Acupuncture cures back pain.\n- Never stops.\n",
            InputFormat::Markdown,
        );
        assert!(
            edited.contains("- It helps. <!-- claimscan-disable-next-line A104 -->\n- Acupuncture"),
            "{edited}"
        );
        // The first item of a list: a line above.
        let edited = suppresses(
            "- Acupuncture cures back pain.\n- Never.\n",
            InputFormat::Markdown,
        );
        assert!(edited.starts_with("<!-- claimscan-disable-next-line A104 -->\n- Acupuncture"));
        // Block quotes keep their marker.
        let edited = suppresses("> Acupuncture cures back pain.\n", InputFormat::Markdown);
        assert_eq!(
            edited,
            "> <!-- claimscan-disable-next-line A104 -->\n> Acupuncture cures back pain.\n"
        );
        suppresses(
            "> Intro.\n> Acupuncture cures back pain.\n",
            InputFormat::Markdown,
        );
        suppresses(
            "Intro line.\r\nAcupuncture cures back pain.\r\n",
            InputFormat::Markdown,
        );
        suppresses(
            "# Acupuncture cures back pain\n\nNever.\n",
            InputFormat::Markdown,
        );
        suppresses(
            "```\ncode\n```\nAcupuncture cures back pain.\n",
            InputFormat::Markdown,
        );
        suppresses(
            "| a | b |\n|---|---|\n| x | Acupuncture cures back pain. |\n",
            InputFormat::Markdown,
        );
    }

    #[test]
    fn html_gets_an_inline_comment() {
        let edited = suppresses(
            "<html><body><p>It always helps. Acupuncture cures back pain.</p>\n<p>Never.</p></body></html>",
            InputFormat::Html,
        );
        assert!(edited.contains("<!-- claimscan-disable-next-line A104 --> Acupuncture"));
    }

    #[test]
    fn plain_text_gets_a_directive_line() {
        let edited = suppresses(
            "Back pain\r\nAcupuncture cures back pain. It always helps.\r\n",
            InputFormat::Text,
        );
        assert_eq!(
            edited,
            "Back pain\r\n\r\nclaimscan: disable-next-line A104\r\nAcupuncture cures back pain. It always helps.\r\n"
        );
        let edited = suppresses(
            "  It always helps. Acupuncture cures back pain.\n",
            InputFormat::Text,
        );
        assert_eq!(
            edited,
            "  It always helps.\n  claimscan: disable-next-line A104\n  Acupuncture cures back pain.\n"
        );
        suppresses("Intro.\nAcupuncture cures\nback pain.\n", InputFormat::Text);
    }

    #[test]
    fn rewording_keeps_the_case() {
        assert_eq!(
            match_case("Cures", "may help relieve", true),
            "May help relieve"
        );
        assert_eq!(
            match_case("Cures", "may help relieve", false),
            "may help relieve"
        );
        assert_eq!(
            match_case("CURES", "may help relieve", false),
            "MAY HELP RELIEVE"
        );
        assert_eq!(
            match_case("cures", "may help relieve", true),
            "may help relieve"
        );
    }
}
