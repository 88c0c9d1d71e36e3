//! The HTML report: one self-contained page per article and an index.
//!
//! A page shows the article's text in its own paragraphs and headings; each
//! flagged unit is one `<mark class="flag" data-labels="...">` carrying its
//! byte span, highlighted by label (Okabe–Ito colours, a line style per
//! label and a letter marker, so colour is never the only cue), with a
//! tooltip of its rules, trigger words and reasons. A side panel holds the
//! counts, a filter per label and flag-to-flag navigation. CSS and JS are
//! inline and the page loads nothing (its Content-Security-Policy forbids
//! it), so it works from `file://` and can be mailed to a writer.
//!
//! Everything taken from the article is escaped by [`escape`]; the page's
//! scripts only read attributes and set `textContent`.
//!
//! Pages are written as they come (`DIR/<relative path>.html`), the index
//! (`DIR/index.html`) at the end of the run; both through
//! [`write_atomic`].

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::terminal::headline;
use super::{write_atomic, FileReport, FileSummary, Reporter, SentenceReport, Summary};
use crate::pipeline::ingest::{Block, BlockKind, Piece};
use crate::pipeline::lexicon::Label;
use crate::severity::Severity;

const CSS: &str = include_str!("html/report.css");
const PAGE_JS: &str = include_str!("html/page.js");
const INDEX_JS: &str = include_str!("html/index.js");

/// Labels in the order an editor cares about them: a unit's first label in
/// this order gives its highlight colour.
const PRIORITY: [Label; 4] = [Label::Absolute, Label::Vague, Label::Hedged, Label::Cited];

/// Writes a page per article as it comes, and the index at the end.
pub struct HtmlReporter {
    dir: PathBuf,
    rows: Vec<IndexRow>,
}

/// One article's line in the index.
struct IndexRow {
    path: String,
    href: String,
    summary: FileSummary,
}

impl HtmlReporter {
    /// A reporter writing into `dir`.
    pub fn new(dir: PathBuf) -> Self {
        HtmlReporter {
            dir,
            rows: Vec::new(),
        }
    }
}

impl Reporter for HtmlReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let relative = page_path(&report.relative);
        let depth = relative.components().count().saturating_sub(1);
        let page = render_page(report, &"../".repeat(depth));
        write_atomic(&self.dir.join(&relative), page.as_bytes())?;
        self.rows.push(IndexRow {
            path: report.path.clone(),
            href: href(&relative),
            summary: report.summary,
        });
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let index = self.dir.join("index.html");
        write_atomic(&index, render_index(&self.rows, summary).as_bytes())?;
        writeln!(
            out,
            "wrote {} article page{} and {}",
            self.rows.len(),
            if self.rows.len() == 1 { "" } else { "s" },
            index.display()
        )
    }
}

/// `<relative path>.html`, kept inside the output folder: only the normal
/// components of the path are used.
fn page_path(relative: &Path) -> PathBuf {
    let mut path: PathBuf = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    if path.as_os_str().is_empty() {
        path.push("article");
    }
    let mut name = path.into_os_string();
    name.push(".html");
    PathBuf::from(name)
}

/// Characters escaped in a path segment of a relative URL.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'/')
    .add(b':')
    .add(b'\'');

/// A relative URL for a page path, each segment percent-encoded.
fn href(relative: &Path) -> String {
    relative
        .components()
        .map(|c| utf8_percent_encode(&c.as_os_str().to_string_lossy(), SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Escapes text for HTML content and quoted attribute values. Control
/// characters other than white space, which HTML does not allow, become
/// U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn label_letter(label: Label) -> char {
    label.id_prefix()
}

fn label_meaning(label: Label) -> &'static str {
    match label {
        Label::Absolute => "certain, universal or guaranteed",
        Label::Vague => "appeals to research or experts with no source",
        Label::Hedged => "qualified: possible, partial, believed",
        Label::Cited => "tied to a source a reader can look up",
    }
}

fn label_count(s: &FileSummary, label: Label) -> usize {
    match label {
        Label::Absolute => s.absolute,
        Label::Vague => s.vague,
        Label::Hedged => s.hedged,
        Label::Cited => s.cited,
    }
}

fn head(out: &mut String, title: &str) {
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may load from anywhere: the page is whole as written.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"generator\" content=\"claimscan\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<style>\n{CSS}</style>\n</head>");
}

/// The page of one article. `up` leads from the page back to the output
/// folder (`../` per level).
fn render_page(report: &FileReport, up: &str) -> String {
    let mut out = String::with_capacity(report.article.source.len() * 3 + 16_384);
    head(&mut out, &format!("{} · claimscan", report.path));
    out.push_str("<body class=\"page\">\n<a class=\"skip\" href=\"#article\">Skip to the article</a>\n<div class=\"layout\">\n");
    panel(&mut out, report, up);
    out.push_str("<main id=\"article\" class=\"article\">\n");
    article(&mut out, report);
    out.push_str("</main>\n</div>\n");
    let _ = writeln!(out, "<script>\n{PAGE_JS}</script>\n</body>\n</html>");
    out
}

fn panel(out: &mut String, report: &FileReport, up: &str) {
    let s = &report.summary;
    out.push_str("<aside class=\"panel\" aria-label=\"Counts, filters and navigation\">\n");
    let _ = writeln!(
        out,
        "<p class=\"back\"><a href=\"{}index.html\">&larr; All articles</a></p>",
        escape(up)
    );
    let _ = writeln!(out, "<h1 class=\"path\">{}</h1>", escape(&report.path));
    let _ = writeln!(
        out,
        "<dl class=\"totals\"><div><dt>units</dt><dd>{}</dd></div><div><dt>flagged</dt><dd>{}</dd></div><div><dt>problems</dt><dd>{}</dd></div><div><dt>unsourced absolute</dt><dd>{}</dd></div></dl>",
        s.units, s.flagged, s.problems, s.unsourced_absolute
    );
    out.push_str("<fieldset class=\"filters\">\n<legend>Show highlights</legend>\n");
    for label in PRIORITY {
        let l = label.as_str();
        let _ = writeln!(
            out,
            "<label class=\"filter\" title=\"{meaning}\"><input type=\"checkbox\" checked data-filter=\"{l}\"> <span class=\"marker m-{l}\" aria-hidden=\"true\">{letter}</span> <span class=\"swatch s-{l}\">{l}</span> <span class=\"count\" data-count=\"{l}\">{n}</span></label>",
            meaning = label_meaning(label),
            letter = label_letter(label),
            n = label_count(s, label),
        );
    }
    out.push_str("</fieldset>\n");
    out.push_str("<div class=\"nav\"><button type=\"button\" data-nav=\"-1\">&uarr; Previous</button> <button type=\"button\" data-nav=\"1\">Next &darr;</button></div>\n");
    out.push_str("<p class=\"status\" id=\"status\" aria-live=\"polite\"></p>\n");
    out.push_str("<p class=\"hint\"><kbd>j</kbd> or <kbd>n</kbd> next flag, <kbd>k</kbd> or <kbd>p</kbd> previous, <kbd>Esc</kbd> close. Hover, focus or tap a highlight to see its rules, trigger words and reasons.</p>\n");
    out.push_str("<dl class=\"legend\">\n");
    for label in PRIORITY {
        let l = label.as_str();
        let _ = writeln!(
            out,
            "<div><dt><span class=\"sample s-{l}\">{l}</span></dt><dd>{}</dd></div>",
            label_meaning(label)
        );
    }
    out.push_str("</dl>\n<p class=\"hint\"><strong>warning</strong>: an unsourced absolute claim or a vague attribution; <strong>note</strong>: an absolute claim that cites a source; <strong>info</strong>: hedged or cited, shown, never a problem.</p>\n");
    out.push_str("</aside>\n");
}

/// The article's blocks with their units. Units are placed in the block
/// whose source span holds their start; a unit that falls in none (which
/// the segmenter never produces) still gets a paragraph of its own, so no
/// flag is ever dropped from the page.
fn article(out: &mut String, report: &FileReport) {
    let fallback;
    let blocks: &[Block] = if report.article.blocks.is_empty() {
        fallback = report
            .sentences
            .iter()
            .map(sentence_block)
            .collect::<Vec<_>>();
        &fallback
    } else {
        &report.article.blocks
    };
    let mut per_block: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    let mut unplaced = Vec::new();
    for (i, s) in report.sentences.iter().enumerate() {
        let found = blocks.iter().position(|b| {
            let (start, end) = source_span(b);
            start <= s.start && s.start < end.max(start + 1)
        });
        match found {
            Some(b) => per_block[b].push(i),
            None => unplaced.push(i),
        }
    }
    let mut flag_number = 0;
    let mut in_list = false;
    for (block, units) in blocks.iter().zip(&per_block) {
        let is_item = block.kind == BlockKind::ListItem;
        if is_item && !in_list {
            out.push_str("<ul>\n");
        } else if !is_item && in_list {
            out.push_str("</ul>\n");
        }
        in_list = is_item;
        let (open, close) = match block.kind {
            BlockKind::Heading => ("<h2>", "</h2>"),
            BlockKind::Paragraph => ("<p>", "</p>"),
            BlockKind::ListItem => ("<li>", "</li>"),
            BlockKind::QuestionAnswer => ("<p class=\"qa\">", "</p>"),
            // A table cell stands alone on the page: the report shows text, not layout.
            BlockKind::TableCell => ("<p class=\"cell\">", "</p>"),
            BlockKind::Caption => ("<p class=\"caption\">", "</p>"),
        };
        out.push_str(open);
        block_text(out, report, block, units, &mut flag_number);
        out.push_str(close);
        out.push('\n');
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    for i in unplaced {
        let block = sentence_block(&report.sentences[i]);
        out.push_str("<p>");
        block_text(out, report, &block, &[i], &mut flag_number);
        out.push_str("</p>\n");
    }
}

/// A block made of one unit's text, for reports that carry no blocks.
fn sentence_block(s: &SentenceReport) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: s.text.clone(),
        pieces: vec![Piece {
            text_start: 0,
            text_len: s.text.len(),
            source_start: s.start,
            source_len: s.end.saturating_sub(s.start),
        }],
    }
}

fn source_span(block: &Block) -> (usize, usize) {
    let start = block.pieces.first().map_or(0, |p| p.source_start);
    let end = block
        .pieces
        .last()
        .map_or(start, |p| p.source_start + p.source_len);
    (start, end)
}

/// Maps a source offset back into the block's text (the inverse of
/// [`Block::to_source`]): inside a verbatim piece byte for byte; inside a
/// decoded piece (an entity) to its start or end; in markup between pieces
/// to the next piece's start. Always a char boundary of `block.text`.
fn to_text(block: &Block, offset: usize) -> usize {
    let idx = block
        .pieces
        .partition_point(|p| p.source_start + p.source_len < offset);
    let at = match block.pieces.get(idx) {
        None => block.text.len(),
        Some(p) if offset <= p.source_start => p.text_start,
        Some(p) if p.text_len == p.source_len => p.text_start + (offset - p.source_start),
        Some(p) => p.text_start + p.text_len,
    };
    let mut at = at.min(block.text.len());
    while !block.text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One block's text: the gaps as plain text, each flagged unit as a mark.
fn block_text(
    out: &mut String,
    report: &FileReport,
    block: &Block,
    units: &[usize],
    flag_number: &mut usize,
) {
    let text = block.text.as_str();
    let mut pos = 0;
    for &i in units {
        let s = &report.sentences[i];
        let start = to_text(block, s.start).max(pos);
        let end = to_text(block, s.end).max(start);
        push_escaped(out, text.get(pos..start).unwrap_or(""));
        let unit = text.get(start..end).unwrap_or("");
        if s.labels.is_empty() {
            push_escaped(out, unit);
        } else {
            *flag_number += 1;
            flag(out, s, block, start, unit, *flag_number);
        }
        pos = end;
    }
    push_escaped(out, text.get(pos..).unwrap_or(""));
}

/// A flagged unit: its markers, its text with the trigger words wrapped,
/// and its tooltip.
fn flag(
    out: &mut String,
    s: &SentenceReport,
    block: &Block,
    unit_start: usize,
    unit: &str,
    n: usize,
) {
    let labels: Vec<&str> = s.labels.iter().map(|l| l.as_str()).collect();
    let active: Vec<&str> = PRIORITY
        .iter()
        .filter(|l| s.labels.contains(l))
        .map(|l| l.as_str())
        .collect();
    let severity = s.severity.unwrap_or(Severity::Info);
    let _ = write!(
        out,
        "<mark class=\"flag\" id=\"flag-{n}\" tabindex=\"0\" data-labels=\"{}\" data-active=\"{}\" data-severity=\"{severity}\" data-start=\"{}\" data-end=\"{}\" aria-describedby=\"tip-{n}\">",
        labels.join(" "),
        active.join(" "),
        s.start,
        s.end
    );
    for l in &active {
        let label = Label::parse(l).unwrap_or(Label::Absolute);
        let _ = write!(
            out,
            "<span class=\"marker m-{l}\" aria-hidden=\"true\">{}</span>",
            label_letter(label)
        );
    }
    // Trigger words, in unit-text offsets. Overlapping findings are split at
    // every edge, so each piece of text knows all the rules covering it.
    let spans: Vec<(usize, usize, usize)> = s
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let a = to_text(block, f.start)
                .saturating_sub(unit_start)
                .min(unit.len());
            let b = to_text(block, f.end)
                .saturating_sub(unit_start)
                .min(unit.len());
            (a, b.max(a), i)
        })
        .filter(|(a, b, _)| a < b)
        .collect();
    let mut edges: Vec<usize> = spans.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    edges.extend([0, unit.len()]);
    edges.sort_unstable();
    edges.dedup();
    for pair in edges.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = unit.get(a..b).unwrap_or("");
        let covering: Vec<usize> = spans
            .iter()
            .filter(|&&(fa, fb, _)| fa <= a && b <= fb)
            .map(|&(_, _, i)| i)
            .collect();
        if covering.is_empty() {
            push_escaped(out, piece);
            continue;
        }
        let mut trigger_labels: Vec<&str> = covering
            .iter()
            .map(|&i| s.findings[i].label.as_str())
            .collect();
        trigger_labels.sort_by_key(|l| PRIORITY.iter().position(|p| p.as_str() == *l));
        trigger_labels.dedup();
        let rules: Vec<&str> = covering
            .iter()
            .map(|&i| s.findings[i].rule.as_str())
            .collect();
        let _ = write!(
            out,
            "<span class=\"trigger\" data-trigger=\"{}\" data-rules=\"{}\">",
            trigger_labels.join(" "),
            escape(&rules.join(" "))
        );
        push_escaped(out, piece);
        out.push_str("</span>");
    }
    let _ = write!(
        out,
        "<span class=\"tip\" role=\"tooltip\" id=\"tip-{n}\"><span class=\"tip-head sev-{severity}\">{severity}: {}</span>",
        escape(&headline(&s.labels))
    );
    for f in &s.findings {
        let l = f.label.as_str();
        let _ = write!(
            out,
            "<span class=\"tip-rule\"><span class=\"rule s-{l}\">{}</span> <span class=\"rule-name\">{}</span> · {l} · {} <q>{}</q><span class=\"reason\">{}</span></span>",
            escape(&f.rule),
            escape(&f.name),
            f.severity,
            escape(&f.matched),
            escape(&f.message)
        );
    }
    // Where each cited finding's source was introduced, so an editor can
    // check the binding.
    let mut sources: Vec<&crate::report::SourceReport> = s
        .findings
        .iter()
        .filter_map(|f| f.source.as_ref())
        .collect();
    sources.sort_by_key(|src| (src.start, src.end));
    sources.dedup_by_key(|src| (src.start, src.end));
    for src in sources {
        let _ = write!(
            out,
            "<span class=\"tip-source\">source: <b>{}</b> ({}, line {})</span>",
            escape(&src.name),
            src.kind.as_str(),
            src.line
        );
    }
    out.push_str("</span></mark>");
}

/// The columns of the index, after the article: (key, heading).
const COLUMNS: [(&str, &str); 8] = [
    ("units", "Units"),
    ("flagged", "Flagged"),
    ("problems", "Problems"),
    ("unsourced_absolute", "Unsourced absolute"),
    ("absolute", "Absolute"),
    ("vague", "Vague"),
    ("hedged", "Hedged"),
    ("cited", "Cited"),
];

fn column_value(s: &FileSummary, key: &str) -> usize {
    match key {
        "units" => s.units,
        "flagged" => s.flagged,
        "problems" => s.problems,
        "unsourced_absolute" => s.unsourced_absolute,
        "absolute" => s.absolute,
        "vague" => s.vague,
        "hedged" => s.hedged,
        "cited" => s.cited,
        _ => 0,
    }
}

fn render_index(rows: &[IndexRow], summary: &Summary) -> String {
    let mut out = String::with_capacity(4096 + rows.len() * 512);
    head(&mut out, "claimscan report");
    out.push_str(
        "<body class=\"index\">\n<main class=\"index-main\">\n<h1>claimscan report</h1>\n",
    );
    let t = &summary.totals;
    let _ = writeln!(
        out,
        "<p class=\"lead\">{} article{}, {} units, {} flagged, <strong>{} problem{}</strong> ({} unsourced absolute claim{}).{}</p>",
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        t.units,
        t.flagged,
        t.problems,
        if t.problems == 1 { "" } else { "s" },
        t.unsourced_absolute,
        if t.unsourced_absolute == 1 { "" } else { "s" },
        if summary.errors > 0 {
            format!(
                " {} file{} could not be read; claimscan printed why on its error output.",
                summary.errors,
                if summary.errors == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    );
    out.push_str("<p class=\"hint\">Click a column heading to sort by it; click again to reverse. A problem is a unit with an unsourced absolute claim or a vague attribution.</p>\n");
    out.push_str("<table id=\"articles\">\n<thead><tr><th scope=\"col\" data-key=\"path\" data-type=\"text\" aria-sort=\"ascending\"><button type=\"button\">Article</button></th>");
    for (key, title) in COLUMNS {
        let class = Label::parse(key).map_or(String::new(), |l| format!(" class=\"s-{l}\""));
        let _ = write!(
            out,
            "<th scope=\"col\" data-key=\"{key}\" data-type=\"number\"><button type=\"button\"><span{class}>{title}</span></button></th>"
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-order=\"{i}\"><th scope=\"row\" data-value=\"{path}\"><a href=\"{href}\">{path}</a></th>",
            path = escape(&row.path),
            href = escape(&row.href)
        );
        for (key, _) in COLUMNS {
            let n = column_value(&row.summary, key);
            let zero = if n == 0 { " class=\"zero\"" } else { "" };
            let _ = write!(out, "<td data-value=\"{n}\"{zero}>{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">All articles</th>");
    for (key, _) in COLUMNS {
        let _ = write!(out, "<td>{}</td>", column_value(t, key));
    }
    out.push_str("</tr></tfoot>\n</table>\n</main>\n");
    let _ = writeln!(out, "<script>\n{INDEX_JS}</script>\n</body>\n</html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::analyze_text;
    use crate::{report::file_report, Settings};

    fn page(text: &str) -> (FileReport, String) {
        let settings = Settings::new(&[]).unwrap();
        let analysis = analyze_text(text, &settings);
        let report = file_report(&analysis, Path::new("a.txt"), &settings);
        let html = render_page(&report, "");
        (report, html)
    }

    #[test]
    fn article_markup_is_text() {
        let (_, html) = page("<script>alert(1)</script> Acupuncture cures back pain.\n\n<img src=x onerror=alert(2)>");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "only the page's own script"
        );
    }

    #[test]
    fn every_flagged_unit_is_one_mark_with_its_span() {
        let (report, html) = page("Title\n\nResearch shows it cures pain. It may help.\n\nIt is 2 km away.\n\n- It always works.\n- A 2019 review in JAMA found it safe.\n");
        let flagged: Vec<_> = report
            .sentences
            .iter()
            .filter(|s| !s.labels.is_empty())
            .collect();
        assert!(flagged.len() >= 3);
        assert_eq!(html.matches("<mark class=\"flag\"").count(), flagged.len());
        for s in flagged {
            let labels: Vec<&str> = s.labels.iter().map(|l| l.as_str()).collect();
            let needle = format!("data-labels=\"{}\" data-active=", labels.join(" "));
            assert!(html.contains(&needle), "{needle}");
            assert!(html.contains(&format!(
                "data-start=\"{}\" data-end=\"{}\"",
                s.start, s.end
            )));
        }
        assert!(html.contains("<ul>\n<li>") && html.contains("</li>\n</ul>"));
    }

    #[test]
    fn overlapping_triggers_are_split_not_nested_across() {
        let (_, html) = page("The one thing that studies show is it does work.");
        assert!(html.contains("data-rules=\"A101 V102 V101\""), "{html}");
        assert!(html.contains("data-rules=\"A101\""), "{html}");
    }

    #[test]
    fn to_text_inverts_decoded_pieces() {
        let block = Block {
            kind: BlockKind::Paragraph,
            text: "a&b".into(),
            pieces: vec![
                Piece {
                    text_start: 0,
                    text_len: 1,
                    source_start: 10,
                    source_len: 1,
                },
                Piece {
                    text_start: 1,
                    text_len: 1,
                    source_start: 11,
                    source_len: 5,
                },
                Piece {
                    text_start: 2,
                    text_len: 1,
                    source_start: 20,
                    source_len: 1,
                },
            ],
        };
        assert_eq!(to_text(&block, 10), 0);
        assert_eq!(to_text(&block, 11), 1);
        assert_eq!(to_text(&block, 13), 2);
        assert_eq!(to_text(&block, 18), 2);
        assert_eq!(to_text(&block, 21), 3);
    }

    #[test]
    fn page_paths_stay_inside_the_folder_and_links_are_encoded() {
        assert_eq!(
            page_path(Path::new("../x/a b#1.txt")),
            PathBuf::from("x/a b#1.txt.html")
        );
        assert_eq!(href(Path::new("x/a b#1.txt.html")), "x/a%20b%231.txt.html");
    }
}
