//! HTML: a full saved web page or a fragment, parsed with html5ever.
//!
//! Three passes, none recursive, so 100,000 nested elements cost memory in
//! proportion to the input and never overflow the call stack:
//!
//! 1. **Parse** with html5ever (the HTML5 algorithm browsers use, so
//!    unclosed tags and misnested markup end up where a browser puts them)
//!    and flatten the tree into an arena in document order, each element
//!    knowing where its subtree ends.
//! 2. **Align.** The DOM has text but no offsets. A forward scan of the
//!    source ([`SourceText`]) lists the character data outside markup, with
//!    character references decoded, each character mapped to its source
//!    bytes; each DOM text node is found in that stream in order, which gives
//!    its source span. A decoded reference becomes a [`Piece`] whose text is
//!    shorter than its source.
//! 3. **Find the article and cut blocks.** Page furniture (`script`,
//!    `style`, `noscript`, `template`, `nav`, `header`, `footer`, `aside`,
//!    `form`, hidden elements, comments) is skipped. The article body is the
//!    element that Mozilla Readability's scoring picks (paragraph text,
//!    commas and link density, given to parents and grandparents), with its
//!    sibling paragraphs that score well. Block elements (`p`, `li`, `h1`-`h6`,
//!    `td`, `th`, `blockquote`, `figcaption`, `dd`, `dt`, …) and two `br` in
//!    a row end a block. White space runs collapse to one space, as a
//!    browser shows them.

use std::collections::HashMap;

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{Block, BlockKind, Piece};

/// Splits an HTML source into the blocks of its article body.
pub fn blocks(source: &str) -> Vec<Block> {
    // Tags never hold text, so dropping the over-deep ones changes the tree,
    // not the text; alignment still runs against the original source.
    let parsed = cap_depth(source);
    let input = parsed.as_deref().unwrap_or(source);
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(input);
    let mut arena = Arena::from_dom(&dom.document);
    // The rcdom tree is dropped here; its Drop walks the tree with a stack of
    // its own, not by recursion.
    drop(dom);
    let stream = SourceText::scan(source);
    arena.align(&stream);
    // Like Readability: furniture-looking class names are skipped first; if
    // that leaves almost no article (a site that wraps its article in
    // `class="site_header"`), they are kept.
    let blocks = arena.emit(&stream, &arena.article(true), true);
    if blocks.iter().map(|b| b.text.len()).sum::<usize>() >= 500 {
        blocks
    } else {
        arena.emit(&stream, &arena.article(false), false)
    }
}

/// Elements whose content is never article text.
/// (`header` only outside an `article`.)
const SKIPPED: &[&str] = &[
    "aside", "audio", "button", "canvas", "dialog", "embed", "footer", "form", "head", "header",
    "iframe", "input", "map", "math", "menu", "nav", "noscript", "object", "script", "select",
    "style", "svg", "template", "textarea", "title", "video",
];

/// Elements whose content the tokenizer reads as raw text: it never holds
/// markup, so the source scan skips it whole.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "template",
    "xmp",
];

/// Elements that start and end a block.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Class or id words that mark page furniture (Readability's "unlikely
/// candidates"), unless a word from [`MAYBE_CONTENT`] is there too.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ad-break",
    "agegate",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cookie",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "modal",
    "newsletter",
    "pager",
    "pagination",
    "popup",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "supplemental",
    "yom-remote",
];
const MAYBE_CONTENT: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// Class or id words that raise or lower an element's score (Readability).
const POSITIVE: &[&str] = &[
    "article", "blog", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post",
    "story", "text",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "banner",
    "byline",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footer",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
];

/// How far ahead of the last aligned text node the next one is looked for.
/// Text the parser moved or dropped is skipped past; text it moved elsewhere
/// is lost rather than searched for across the whole page.
const ALIGN_WINDOW: usize = 64 * 1024;

#[derive(Debug)]
enum NodeKind {
    Element {
        name: String,
        /// Class and id, lower case, for the furniture and score words.
        class_id: String,
    },
    Text {
        contents: String,
        /// The span of the text in [`SourceText`], once aligned.
        span: Option<(usize, usize)>,
    },
    Other,
}

#[derive(Debug)]
struct Node {
    kind: NodeKind,
    parent: Option<usize>,
    /// One past the last node of this node's subtree.
    end: usize,
    /// Inside an element whose content is never article text.
    skipped: bool,
    /// Inside an element whose class or id looks like page furniture.
    unlikely: bool,
    /// Inside a raw-text element (its text is not in [`SourceText`]).
    raw: bool,
    /// Inside an `article` element.
    in_article: bool,
}

/// The DOM flattened in document order.
struct Arena {
    nodes: Vec<Node>,
}

impl Arena {
    fn from_dom(document: &Handle) -> Arena {
        let mut nodes: Vec<Node> = Vec::new();
        // (handle, parent index); children pushed in reverse so they pop in
        // order. Subtree ends are set when a later node leaves the subtree.
        let mut stack: Vec<(Handle, Option<usize>)> = vec![(document.clone(), None)];
        // Open ancestors of the node being added, to close their subtrees.
        let mut open: Vec<usize> = Vec::new();
        while let Some((handle, parent)) = stack.pop() {
            let index = nodes.len();
            while let Some(&top) = open.last() {
                if Some(top) == parent {
                    break;
                }
                nodes[top].end = index;
                open.pop();
            }
            let (skipped, unlikely, raw, in_article) =
                parent.map_or((false, false, false, false), |p| {
                    let p = &nodes[p];
                    (p.skipped, p.unlikely, p.raw, p.in_article)
                });
            let kind = match &handle.data {
                NodeData::Element { name, attrs, .. } => {
                    let attrs = attrs.borrow();
                    let mut class_id = String::new();
                    let mut hidden = false;
                    for a in attrs.iter() {
                        match &*a.name.local {
                            "class" | "id" => {
                                class_id.push(' ');
                                class_id.push_str(&a.value.to_lowercase());
                            }
                            "hidden" => hidden = true,
                            "aria-hidden" => hidden |= &*a.value == "true",
                            "style" => {
                                let style: String = a
                                    .value
                                    .chars()
                                    .filter(|c| !c.is_whitespace())
                                    .collect::<String>()
                                    .to_lowercase();
                                hidden |= style.contains("display:none")
                                    || style.contains("visibility:hidden");
                            }
                            _ => {}
                        }
                    }
                    let tag = name.local.to_string();
                    let node_unlikely = tag != "body"
                        && tag != "html"
                        && tag != "article"
                        && contains_any(&class_id, UNLIKELY)
                        && !contains_any(&class_id, MAYBE_CONTENT);
                    // An article's own `header` holds its title and lead
                    // (HTML's "introductory content for its nearest
                    // sectioning ancestor"); the page's header is furniture.
                    let node_skipped = hidden
                        || (SKIPPED.contains(&tag.as_str()) && !(tag == "header" && in_article));
                    let node_raw = RAW_TEXT.contains(&tag.as_str());
                    let node_article = tag == "article";
                    nodes.push(Node {
                        kind: NodeKind::Element {
                            name: tag,
                            class_id,
                        },
                        parent,
                        end: index + 1,
                        skipped: skipped || node_skipped,
                        unlikely: unlikely || node_unlikely,
                        raw: raw || node_raw,
                        in_article: in_article || node_article,
                    });
                    open.push(index);
                    let children = handle.children.borrow();
                    for child in children.iter().rev() {
                        stack.push((child.clone(), Some(index)));
                    }
                    continue;
                }
                NodeData::Text { contents } => NodeKind::Text {
                    contents: contents.borrow().to_string(),
                    span: None,
                },
                NodeData::Document => {
                    nodes.push(Node {
                        kind: NodeKind::Other,
                        parent,
                        end: index + 1,
                        skipped,
                        unlikely,
                        raw,
                        in_article,
                    });
                    open.push(index);
                    for child in handle.children.borrow().iter().rev() {
                        stack.push((child.clone(), Some(index)));
                    }
                    continue;
                }
                // Comments, the doctype, processing instructions.
                _ => NodeKind::Other,
            };
            nodes.push(Node {
                kind,
                parent,
                end: index + 1,
                skipped,
                unlikely,
                raw,
                in_article,
            });
        }
        let total = nodes.len();
        for top in open {
            nodes[top].end = total;
        }
        Arena { nodes }
    }

    /// Finds each text node's span in the source text, in order.
    fn align(&mut self, stream: &SourceText) {
        let mut cursor: usize = 0;
        // Searching past text the parser moved costs up to a window per
        // node; a budget keeps hostile pages (thousands of moved nodes)
        // linear: once spent, only the next few bytes are searched.
        let mut budget = stream.text.len().saturating_mul(4).saturating_add(1 << 20);
        for node in &mut self.nodes {
            if node.raw {
                continue;
            }
            let NodeKind::Text { contents, span } = &mut node.kind else {
                continue;
            };
            if contents.is_empty() {
                continue;
            }
            let window = if budget > 0 { ALIGN_WINDOW } else { 256 };
            let limit = floor_boundary(
                &stream.text,
                cursor.saturating_add(contents.len()).saturating_add(window),
            );
            budget = budget.saturating_sub(limit - cursor);
            if let Some(found) = stream.text[cursor..limit].find(contents.as_str()) {
                let start = cursor + found;
                *span = Some((start, start + contents.len()));
                cursor = start + contents.len();
            }
        }
    }

    fn name(&self, i: usize) -> Option<&str> {
        match &self.nodes[i].kind {
            NodeKind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The article body: the subtrees to take blocks from, in document
    /// order. Readability's scoring; the whole page when nothing scores.
    fn article(&self, strip_unlikely: bool) -> Vec<usize> {
        let out = |i: usize| self.out(i, strip_unlikely);
        let n = self.nodes.len();
        // Text length, link text length and commas of each subtree, and
        // whether an element holds a block element, summed bottom-up.
        let mut chars = vec![0usize; n];
        let mut link_chars = vec![0usize; n];
        let mut commas = vec![0usize; n];
        let mut has_block = vec![false; n];
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            if out(i) {
                continue;
            }
            if let NodeKind::Text { contents, .. } = &node.kind {
                chars[i] = contents
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum();
                commas[i] = contents.matches(',').count();
            }
            if self.name(i) == Some("a") {
                link_chars[i] = chars[i];
            }
            if let Some(p) = node.parent {
                chars[p] += chars[i];
                link_chars[p] += link_chars[i];
                commas[p] += commas[i];
                if self.name(i).is_some_and(|t| BLOCK_ELEMENTS.contains(&t)) {
                    has_block[p] = true;
                }
            }
        }
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for i in 0..n {
            let Some(tag) = self.name(i) else { continue };
            let paragraph = matches!(tag, "p" | "pre" | "td")
                || (tag == "div" && !has_block[i])
                || (tag == "section" && !has_block[i]);
            if out(i) || !paragraph || chars[i] < 25 {
                continue;
            }
            let score = 1.0 + commas[i] as f64 + (chars[i] as f64 / 100.0).min(3.0);
            let mut ancestor = self.nodes[i].parent;
            for level in 0..5 {
                let Some(a) = ancestor else { break };
                if self.name(a).is_none() {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => f64::from(l) * 3.0,
                };
                let entry = scores.entry(a).or_insert_with(|| self.initial_score(a));
                *entry += score / divider;
                ancestor = self.nodes[a].parent;
            }
        }
        let density = |i: usize| {
            if chars[i] == 0 {
                0.0
            } else {
                link_chars[i] as f64 / chars[i] as f64
            }
        };
        let mut ranked: Vec<(usize, f64)> = scores
            .iter()
            .map(|(&i, &s)| (i, s * (1.0 - density(i))))
            .collect();
        // Highest score first; ties by document order, so the result never
        // depends on the hash map's order.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(top, top_score)) = ranked.first() else {
            return vec![0];
        };
        let final_score: HashMap<usize, f64> = ranked.into_iter().collect();
        let Some(parent) = self.nodes[top].parent else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        let mut roots = Vec::new();
        let mut child = parent + 1;
        while child < self.nodes[parent].end {
            let keep = child == top
                || final_score.get(&child).is_some_and(|&s| s >= threshold)
                || (self.name(child) == Some("p") && {
                    let ld = density(child);
                    (chars[child] > 80 && ld < 0.25) || (chars[child] > 0 && ld == 0.0)
                });
            if keep && !out(child) {
                roots.push(child);
            }
            child = self.nodes[child].end;
        }
        roots
    }

    fn initial_score(&self, i: usize) -> f64 {
        let NodeKind::Element { name, class_id } = &self.nodes[i].kind else {
            return 0.0;
        };
        let tag = match name.as_str() {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        let mut weight = 0.0;
        if contains_any(class_id, POSITIVE) {
            weight += 25.0;
        }
        if contains_any(class_id, NEGATIVE) {
            weight -= 25.0;
        }
        tag + weight
    }

    /// The blocks of the chosen subtrees.
    /// Whether node `i` is left out of the article.
    fn out(&self, i: usize, strip_unlikely: bool) -> bool {
        let node = &self.nodes[i];
        node.skipped || (strip_unlikely && node.unlikely)
    }

    fn emit(&self, stream: &SourceText, roots: &[usize], strip_unlikely: bool) -> Vec<Block> {
        let mut builder = BlockBuilder::default();
        for &root in roots {
            // Open block elements: (subtree end, kind).
            let mut open: Vec<(usize, BlockKind)> = Vec::new();
            let mut last_br = false;
            let mut i = root;
            let end = self.nodes[root].end;
            while i < end {
                while open.last().is_some_and(|&(e, _)| e <= i) {
                    open.pop();
                    builder.flush();
                }
                let node = &self.nodes[i];
                if self.out(i, strip_unlikely) {
                    i = node.end;
                    continue;
                }
                match &node.kind {
                    NodeKind::Element { name, .. } => {
                        if name == "br" {
                            if last_br {
                                builder.flush();
                            } else {
                                builder.space();
                            }
                            last_br = true;
                        } else if BLOCK_ELEMENTS.contains(&name.as_str()) {
                            builder.flush();
                            open.push((node.end, block_kind(name)));
                            last_br = false;
                        }
                    }
                    NodeKind::Text { contents, span } => {
                        if let Some((s, e)) = span {
                            builder.kind = open.last().map_or(BlockKind::Paragraph, |&(_, k)| k);
                            builder.append(stream, *s, *e);
                        }
                        if !contents.trim().is_empty() {
                            last_br = false;
                        }
                    }
                    NodeKind::Other => {}
                }
                i += 1;
            }
            builder.flush();
        }
        builder.out
    }
}

fn block_kind(tag: &str) -> BlockKind {
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" => BlockKind::ListItem,
        "td" | "th" => BlockKind::TableCell,
        "figcaption" | "caption" | "dd" | "dt" => BlockKind::Caption,
        _ => BlockKind::Paragraph,
    }
}

/// Whether any word occurs in a class/id string.
fn contains_any(class_id: &str, words: &[&str]) -> bool {
    !class_id.is_empty() && words.iter().any(|w| class_id.contains(w))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character data of a source outside markup, as the parser decodes it
/// (references decoded, `\r\n` and `\r` read as `\n`), each piece mapped to
/// its source bytes.
struct SourceText {
    text: String,
    pieces: Vec<Piece>,
}

impl SourceText {
    fn scan(source: &str) -> SourceText {
        let mut out = SourceText {
            text: String::with_capacity(source.len() / 2),
            pieces: Vec::new(),
        };
        let bytes = source.as_bytes();
        let mut pos = 0;
        // The start of the pending verbatim run.
        let mut run = 0;
        while pos < bytes.len() {
            match bytes[pos] {
                b'<' => {
                    let Some(next) = markup_end(source, pos) else {
                        pos += 1;
                        continue;
                    };
                    out.verbatim(source, run, pos);
                    pos = next;
                    run = pos;
                }
                b'&' => {
                    if let Some((decoded, len)) = decode_reference(&source[pos..]) {
                        out.verbatim(source, run, pos);
                        out.decoded(&decoded, pos, len);
                        pos += len;
                        run = pos;
                    } else {
                        pos += 1;
                    }
                }
                b'\r' => {
                    out.verbatim(source, run, pos);
                    let len = if bytes.get(pos + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    out.decoded("\n", pos, len);
                    pos += len;
                    run = pos;
                }
                _ => pos += 1,
            }
        }
        out.verbatim(source, run, bytes.len());
        out
    }

    fn verbatim(&mut self, source: &str, start: usize, end: usize) {
        if end > start {
            self.pieces.push(Piece {
                text_start: self.text.len(),
                text_len: end - start,
                source_start: start,
                source_len: end - start,
            });
            self.text.push_str(&source[start..end]);
        }
    }

    fn decoded(&mut self, text: &str, source_start: usize, source_len: usize) {
        self.pieces.push(Piece {
            text_start: self.text.len(),
            text_len: text.len(),
            source_start,
            source_len,
        });
        self.text.push_str(text);
    }

    /// The source span of the character at `offset` of the text.
    fn source_of(&self, offset: usize) -> (usize, usize, bool) {
        let idx = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= offset);
        let Some(p) = self.pieces.get(idx) else {
            return (0, 0, false);
        };
        if p.text_len == p.source_len {
            (p.source_start + (offset - p.text_start), 0, true)
        } else {
            (p.source_start, p.source_len, false)
        }
    }
}

/// How deep elements may nest before further start tags (and their end
/// tags) are dropped. Blink caps its DOM depth at 512 for the same reason:
/// the HTML5 tree builder scans the stack of open elements for most tags,
/// so 100,000 nested elements would cost 10^10 steps.
const MAX_DEPTH: usize = 512;

/// Elements that never nest deeply, closed by their next sibling when
/// their end tag is left out; not counted, so `<li>` lists without end tags
/// do not look deep.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot",
    "th", "thead", "tr",
];

/// Void elements: they have no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The source with start tags deeper than [`MAX_DEPTH`] (and the end tags
/// that close them) removed, or `None` when nothing is that deep.
fn cap_depth(source: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    // How many dropped start tags of each name are still open.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(found) = source[pos..].find('<') {
        let at = pos + found;
        let Some(end) = markup_end(source, at) else {
            pos = at + 1;
            continue;
        };
        pos = end;
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_start = if closing { at + 2 } else { at + 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = bytes[name_start..end]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            .unwrap_or(end - name_start);
        let name = source[name_start..name_start + name_len].to_ascii_lowercase();
        if RAW_TEXT.contains(&name.as_str())
            || VOID.contains(&name.as_str())
            || SELF_CLOSING_SIBLINGS.contains(&name.as_str())
        {
            continue;
        }
        if closing {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    cuts.push((at, end));
                }
                _ => depth = depth.saturating_sub(1),
            }
        } else if source[..end].ends_with("/>") {
            // Self-closed (in SVG and MathML): no depth.
        } else if depth >= MAX_DEPTH {
            *dropped.entry(name).or_insert(0) += 1;
            cuts.push((at, end));
        } else {
            depth += 1;
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    let mut from = 0;
    for (s, e) in cuts {
        out.push_str(&source[from..s]);
        from = e;
    }
    out.push_str(&source[from..]);
    Some(out)
}

/// Where the markup starting at `pos` (a `<`) ends, or `None` when the `<`
/// is a literal character. Raw-text elements are skipped with their content.
fn markup_end(source: &str, pos: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let rest = &source[pos..];
    let after = |needle: &str, from: usize| {
        source[from..]
            .find(needle)
            .map_or(source.len(), |i| from + i + needle.len())
    };
    if rest.starts_with("<!--") {
        return Some(after("-->", pos + 4));
    }
    let next = *bytes.get(pos + 1)?;
    if next == b'!' || next == b'?' {
        return Some(after(">", pos + 2));
    }
    let (name_start, closing) = if next == b'/' {
        (pos + 2, true)
    } else {
        (pos + 1, false)
    };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            .unwrap_or(bytes.len() - name_start);
    // Attributes: a `>` inside quotes does not end the tag.
    let mut i = name_end;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => break,
            None if (b == b'"' || b == b'\'') && i > 0 && bytes[i - 1] == b'=' => quote = Some(b),
            None => {}
        }
        i += 1;
    }
    let tag_end = (i + 1).min(bytes.len());
    let name = source[name_start..name_end].to_ascii_lowercase();
    if closing || !RAW_TEXT.contains(&name.as_str()) {
        return Some(tag_end);
    }
    if name == "plaintext" {
        return Some(bytes.len());
    }
    // Raw text runs to the matching end tag, compared without case.
    let mut search = tag_end;
    while let Some(found) = source[search..].find("</") {
        let at = search + found + 2;
        let candidate = source.get(at..at + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(&name)) {
            return Some(after(">", at + name.len()));
        }
        search = at;
    }
    Some(bytes.len())
}

/// Decodes a character reference at the start of `s` (`&amp;`, `&#38;`,
/// `&#x26;`, legacy `&amp` without a semicolon): the text and the bytes used.
fn decode_reference(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let digits = bytes[digits_start..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let text = &s[digits_start..digits_start + digits];
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(0x110000);
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        let mut len = digits_start + digits;
        if bytes.get(len) == Some(&b';') {
            len += 1;
        }
        return Some((c.to_string(), len));
    }
    // Named: the longest name in the table (names are at most 32 bytes).
    let max = s.len().min(33);
    let mut best = None;
    for len in 2..=max {
        let Some(key) = s.get(1..len) else { continue };
        if !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b';') {
            break;
        }
        match html5ever::data::NAMED_ENTITIES.get(key) {
            Some(&(c1, c2)) if c1 != 0 => best = Some((c1, c2, len)),
            Some(_) => {}
            None => break,
        }
        if key.ends_with(';') {
            break;
        }
    }
    let (c1, c2, len) = best?;
    let mut text = String::new();
    text.extend(char::from_u32(c1));
    if c2 != 0 {
        text.extend(char::from_u32(c2));
    }
    Some((text, len))
}

/// Builds blocks from spans of the source text, collapsing white space.
#[derive(Default)]
struct BlockBuilder {
    out: Vec<Block>,
    text: String,
    pieces: Vec<Piece>,
    kind: BlockKind,
}

impl BlockBuilder {
    /// Appends the source text `start..end`.
    fn append(&mut self, stream: &SourceText, start: usize, end: usize) {
        let mut offset = start;
        for c in stream.text[start..end].chars() {
            let (src, src_len, verbatim) = stream.source_of(offset);
            let len = c.len_utf8();
            offset += len;
            if c.is_whitespace() {
                let (s, e) = if verbatim {
                    (src, src + len)
                } else {
                    (src, src + src_len)
                };
                self.space_at(s, e);
                continue;
            }
            if verbatim {
                if let Some(last) = self.pieces.last_mut() {
                    if last.text_len == last.source_len
                        && last.source_start + last.source_len == src
                        && last.text_start + last.text_len == self.text.len()
                        && !self.text.ends_with(' ')
                    {
                        last.text_len += len;
                        last.source_len += len;
                        self.text.push(c);
                        continue;
                    }
                }
                self.pieces.push(Piece {
                    text_start: self.text.len(),
                    text_len: len,
                    source_start: src,
                    source_len: len,
                });
            } else {
                // One decoded reference may yield several characters; they
                // share its source span.
                match self.pieces.last_mut() {
                    Some(last)
                        if last.source_start == src
                            && last.source_len == src_len
                            && last.text_start + last.text_len == self.text.len() =>
                    {
                        last.text_len += len;
                    }
                    _ => self.pieces.push(Piece {
                        text_start: self.text.len(),
                        text_len: len,
                        source_start: src,
                        source_len: src_len,
                    }),
                }
            }
            self.text.push(c);
        }
    }

    /// A line break (`br`): white space with no source of its own.
    fn space(&mut self) {
        if let Some(last) = self.pieces.last() {
            let at = last.source_start + last.source_len;
            self.space_at(at, at);
        }
    }

    /// White space from source `s..e`: one space, however long the run.
    fn space_at(&mut self, s: usize, e: usize) {
        if self.text.is_empty() {
            return;
        }
        if self.text.ends_with(' ') {
            if let Some(last) = self.pieces.last_mut() {
                last.source_len = e.max(last.source_start + last.source_len) - last.source_start;
            }
            return;
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            text_len: 1,
            source_start: s,
            source_len: e - s,
        });
        self.text.push(' ');
    }

    fn flush(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            self.pieces.pop();
        }
        if !self.text.is_empty() {
            self.out.push(Block {
                kind: self.kind,
                text: std::mem::take(&mut self.text),
                pieces: std::mem::take(&mut self.pieces),
            });
        }
        self.text.clear();
        self.pieces.clear();
        self.kind = BlockKind::Paragraph;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        blocks(src).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn furniture_is_skipped_and_blocks_end_at_block_elements() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body>\
            <nav>Home About</nav><script>var x = 'cure';</script>\
            <p>Fish oil <b>may</b> help.</p><p>It&nbsp;works &amp; lasts.</p>\
            <!-- a comment --><footer>Copyright</footer></body></html>";
        assert_eq!(texts(src), ["Fish oil may help.", "It works & lasts."]);
    }

    #[test]
    fn offsets_point_into_the_source() {
        let src = "<p>A &amp; B\n   said <i>so</i>.</p>";
        let b = &blocks(src)[0];
        assert_eq!(b.text, "A & B said so.");
        let amp = b.text.find('&').unwrap();
        assert_eq!(b.to_source(amp, false), src.find("&amp;").unwrap());
        assert_eq!(b.to_source(amp + 1, true), src.find("&amp;").unwrap() + 5);
        let said = b.text.find("said").unwrap();
        assert_eq!(b.to_source(said, false), src.find("said").unwrap());
        assert_eq!(b.to_source(b.text.len(), true), src.find("</p>").unwrap());
    }

    #[test]
    fn two_line_breaks_end_a_block() {
        assert_eq!(
            texts("<div>One line<br>goes on<br><br>Next block</div>"),
            ["One line goes on", "Next block"]
        );
    }

    #[test]
    fn over_deep_nesting_is_flattened_without_losing_text() {
        let deep =
            "<div>".repeat(MAX_DEPTH + 10) + "<p>Deep text.</p>" + &"</div>".repeat(MAX_DEPTH + 10);
        let capped = cap_depth(&deep).unwrap();
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(texts(&deep), ["Deep text."]);
        assert!(cap_depth("<ul><li>a<li>b</ul>").is_none());
    }

    #[test]
    fn references() {
        assert_eq!(decode_reference("&amp;x"), Some(("&".into(), 5)));
        assert_eq!(decode_reference("&ampx"), Some(("&".into(), 4)));
        assert_eq!(decode_reference("&#x41;"), Some(("A".into(), 6)));
        assert_eq!(decode_reference("&#65"), Some(("A".into(), 4)));
        assert_eq!(decode_reference("&nosuch;"), None);
    }
}
