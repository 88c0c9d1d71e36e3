//! Input formats end to end: the units of a Markdown article (snapshot), the
//! article body of three saved web pages against Readability's extraction,
//! and the `segment` command.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use claimscan::pipeline::ingest;
use claimscan::pipeline::segment;
use claimscan::report::segments::{self, SegmentRecord};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn records(path: &Path) -> Vec<SegmentRecord> {
    let doc = ingest::read_file(path).unwrap();
    let units = segment::segment(&doc);
    // Every unit's span is inside the file and on character boundaries.
    for u in &units {
        assert!(u.start < u.end && u.end <= doc.source.len(), "{u:?}");
        assert!(doc.source.is_char_boundary(u.start) && doc.source.is_char_boundary(u.end));
    }
    segments::records(&doc, &units)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn markdown_article_units() {
    let path = fixtures().join("markdown/article.md");
    let records = records(&path);
    let source = std::fs::read_to_string(&path).unwrap();
    for r in &records {
        // Each unit starts where its text starts in the file (the line and
        // column point at the first word), unless it opens with a decoded
        // entity.
        let first_word = r.text.split_whitespace().next().unwrap();
        assert!(
            source[r.start..].starts_with(first_word),
            "unit at {}:{} does not start with {first_word:?}",
            r.line,
            r.column
        );
    }
    let all: String = records.iter().map(|r| r.text.as_str()).collect();
    for hidden in [
        "Acupuncture cures everything",
        "claimscan check",
        "--format json",
        "proves nothing",
        "It cures cancer",
        "never fails",
        "cures nothing",
        "doi.org",
        "needle",
    ] {
        assert!(!all.contains(hidden), "{hidden:?} is not text to classify");
    }
    insta::assert_json_snapshot!(records);
}

/// A plain walk of an HTML document into paragraphs, independent of
/// claimscan's: the reference sentences come from it.
fn html_paragraphs(node: &Handle, skip: &[&str], current: &mut String, out: &mut Vec<String>) {
    match &node.data {
        NodeData::Text { contents } => {
            current.push_str(&contents.borrow());
        }
        NodeData::Element { name, .. } => {
            let tag = &*name.local;
            if skip.contains(&tag) {
                return;
            }
            let block = matches!(
                tag,
                "p" | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "td"
                    | "th"
                    | "blockquote"
                    | "figcaption"
                    | "dd"
                    | "dt"
                    | "div"
                    | "ul"
                    | "ol"
                    | "table"
                    | "tr"
                    | "header"
                    | "section"
                    | "article"
            );
            if block {
                out.push(std::mem::take(current));
            }
            if tag == "br" {
                current.push('\n');
            }
            for child in node.children.borrow().iter() {
                html_paragraphs(child, skip, current, out);
            }
            if block {
                out.push(std::mem::take(current));
            }
        }
        _ => {
            for child in node.children.borrow().iter() {
                html_paragraphs(child, skip, current, out);
            }
        }
    }
}

fn parse_html(path: &Path) -> RcDom {
    let source = std::fs::read_to_string(path).unwrap();
    html5ever::parse_document(RcDom::default(), Default::default()).one(source)
}

/// Text inside the given elements anywhere in the page.
fn text_inside(node: &Handle, tags: &[&str], inside: bool, out: &mut Vec<String>) {
    match &node.data {
        NodeData::Text { contents } if inside => out.push(collapse(&contents.borrow())),
        NodeData::Element { name, .. } => {
            let now = inside || tags.contains(&&*name.local);
            for child in node.children.borrow().iter() {
                text_inside(child, tags, now, out);
            }
        }
        _ => {
            for child in node.children.borrow().iter() {
                text_inside(child, tags, inside, out);
            }
        }
    }
}

#[test]
fn saved_pages_give_readabilitys_article_and_no_furniture() {
    let mut report = Vec::new();
    for id in ["webmd-1", "webmd-2", "medicalnewstoday"] {
        let page = fixtures().join(format!("html/{id}.html"));
        let readable = fixtures().join(format!("html/{id}.readable.html"));
        let units: BTreeSet<String> = records(&page).iter().map(|r| collapse(&r.text)).collect();

        // Reference sentences: Readability's body, cut into paragraphs by a
        // plain walk, then into sentences.
        let dom = parse_html(&readable);
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        html_paragraphs(&dom.document, &[], &mut current, &mut paragraphs);
        paragraphs.push(current);
        let mut reference = Vec::new();
        for p in paragraphs
            .iter()
            .map(|p| collapse(p))
            .filter(|p| !p.is_empty())
        {
            for (s, e) in segment::sentence_spans(&p) {
                reference.push(p[s..e].to_string());
            }
        }
        let missing: Vec<&String> = reference.iter().filter(|s| !units.contains(*s)).collect();
        let found = reference.len() - missing.len();
        let share = found as f64 / reference.len() as f64;
        report.push(format!(
            "{id}: {found}/{} reference sentences ({:.1}%), {} units",
            reference.len(),
            share * 100.0,
            units.len()
        ));
        assert!(
            reference.len() >= 10 && share >= 0.95,
            "{id}: only {found} of {} reference sentences are units; missing:\n{}",
            reference.len(),
            missing
                .iter()
                .map(|s| format!("  {s}"))
                .collect::<Vec<_>>()
                .join("\n")
        );

        // No unit comes from script, style, nav or footer (text that is
        // also in the article, like a repeated title, does not count).
        let full = parse_html(&page);
        let mut furniture = Vec::new();
        text_inside(
            &full.document,
            &["script", "style", "nav", "footer"],
            false,
            &mut furniture,
        );
        let reference_text = reference.join(" ");
        for unit in &units {
            if unit.split_whitespace().count() < 3 || reference_text.contains(unit.as_str()) {
                continue;
            }
            if let Some(chunk) = furniture.iter().find(|f| f.contains(unit.as_str())) {
                panic!("{id}: unit {unit:?} comes from page furniture: {chunk:?}");
            }
        }
        for chunk in furniture
            .iter()
            .filter(|f| f.split_whitespace().count() >= 3)
        {
            assert!(
                !units.iter().any(|u| u.contains(chunk.as_str())),
                "{id}: furniture text {chunk:?} is inside a unit"
            );
        }
    }
    eprintln!("{}", report.join("\n"));
}

fn claimscan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimscan"))
}

#[test]
fn segment_command_prints_json_lines_from_a_file_and_stdin() {
    let path = fixtures().join("markdown/article.md");
    let out = claimscan().arg("segment").arg(&path).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), records(&path).len());
    assert_eq!(lines[0]["text"], "Does acupuncture work for back pain?");
    assert_eq!(lines[0]["line"], 6);
    assert_eq!(lines[0]["column"], 3);

    let mut child = claimscan()
        .args(["segment", "-", "--input-format", "html"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("<p>Caf&eacute; owners\nsay it works. It does.</p>".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"start\":3,\"end\":35,\"line\":1,\"column\":4,\"text\":\"Café owners say it works.\"}\n\
         {\"start\":36,\"end\":44,\"line\":2,\"column\":15,\"text\":\"It does.\"}\n"
    );

    let out = claimscan()
        .args(["segment", "no-such-file.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.md"));
}
