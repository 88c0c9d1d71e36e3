//! Property tests: the invariants the fuzz targets check
//! (`claimscan::invariants`), on generated and mutated plain text, Markdown
//! and HTML, plus lexicon files, config files and JSON Lines streams, so
//! every `cargo test` keeps checking them. Case counts are modest (the fuzz
//! targets in `fuzz/` do the long runs); a failure prints the shrunk input.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use claimscan::invariants;
use claimscan::pipeline::ingest::InputFormat;
use claimscan::Settings;
use proptest::prelude::*;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::new(&[]).unwrap())
}

/// Real articles to mutate: a plain-text dev article, a Markdown fixture and
/// a saved HTML page (all committed with their attribution).
const ARTICLE: &str = include_str!("dev/articles/nytimes_0014.txt");
const MARKDOWN: &str = include_str!("fixtures/markdown/article.md");
const HTML: &str = include_str!("fixtures/html/webmd-1.readable.html");

/// Pieces of text that exercise the segmenter and the rules: lexicon
/// phrases, abbreviations, numbers, ellipses, quotes, odd white space and
/// non-ASCII characters.
const WORDS: &[&str] = &[
    "It",
    "cures",
    "cancer",
    "may",
    "help",
    "research shows",
    "experts say",
    "according to a 2019 study in The Lancet",
    "no side effects",
    "is proven to",
    "not",
    "never",
    "Dr.",
    "Mr.",
    "U.S.",
    "e.g.",
    "p.m.",
    "a.m.",
    "Jr.",
    "etc.",
    "1.",
    "2)",
    "3.5",
    "$100.00",
    "www.example.com",
    "a@b.org",
    "...",
    ". . .",
    "[...]",
    "…",
    ".",
    "!",
    "?",
    "?!",
    "\"",
    "“",
    "”",
    "'",
    "(",
    ")",
    "[1]",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "é",
    "ß",
    "日本語",
    "😀",
    "\u{301}",
    "Q:",
    "A:",
    "•",
    "said",
    "The",
    "world.Today",
];

const MARKDOWN_TOKENS: &[&str] = &[
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "```\n",
    "    ",
    "**",
    "_",
    "`",
    "[link](http://x.org)",
    "![img](a.png)",
    "| a | b |\n|---|---|\n",
    "<!-- claimscan: ignore[A101] -->",
    "<!-- claimscan: off -->",
    "<!-- claimscan: on -->",
    "<br>",
    "&amp;",
    "---\n",
    "[^1]",
    "[^1]: note\n",
    "\\",
];

const HTML_TOKENS: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<br>",
    "<b>",
    "</i>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<!-- claimscan: ignore -->",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&#0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<article>",
    "<nav>",
    "<blockquote>",
    "<figcaption>",
    "<![CDATA[",
    "<a href=\"x\">",
    "</a>",
    "<title>",
    "<pre>",
];

/// Text made of `WORDS` and extra tokens, joined by spaces or nothing.
fn generated(extra: &'static [&'static str]) -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(String::from),
        2 => prop::sample::select(extra).prop_map(String::from),
        1 => "[a-zA-Z]{1,12}",
    ];
    prop::collection::vec((token, prop::bool::ANY), 0..120).prop_map(|parts| {
        let mut s = String::new();
        for (t, space) in parts {
            s.push_str(&t);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// One edit to a byte string: where (a fraction of the length) and what.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, Vec<u8>),
    Delete(f64, usize),
    Duplicate(f64, usize),
    Byte(f64, u8),
}

fn edits(tokens: &'static [&'static str]) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        3 => (0.0..1.0, prop::sample::select(tokens)).prop_map(|(at, t)| Edit::Insert(at, t.as_bytes().to_vec())),
        2 => (0.0..1.0, prop::sample::select(WORDS)).prop_map(|(at, t)| Edit::Insert(at, t.as_bytes().to_vec())),
        2 => (0.0..1.0, 1usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (0.0..1.0, 1usize..400).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        1 => (0.0..1.0, any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
    ];
    prop::collection::vec(edit, 1..12)
}

/// Applies edits to a copy of `base`. A byte edit may break UTF-8: the
/// invariants then require a clean error naming the file.
fn mutate(base: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = base.as_bytes().to_vec();
    for e in edits {
        let at = |f: f64, len: usize| ((len as f64) * f) as usize;
        match e {
            Edit::Insert(f, t) => {
                let i = at(*f, b.len());
                b.splice(i..i, t.iter().copied());
            }
            Edit::Delete(f, n) => {
                let i = at(*f, b.len());
                let j = (i + n).min(b.len());
                b.drain(i..j);
            }
            Edit::Duplicate(f, n) => {
                let i = at(*f, b.len());
                let j = (i + n).min(b.len());
                let copy = b[i..j].to_vec();
                b.splice(j..j, copy);
            }
            Edit::Byte(f, v) => {
                if !b.is_empty() {
                    let i = at(*f, b.len()).min(b.len() - 1);
                    b[i] = *v;
                }
            }
        }
    }
    b
}

fn holds(bytes: &[u8], format: InputFormat) -> Result<(), TestCaseError> {
    invariants::check_bytes(bytes, format, settings()).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_plain_text_keeps_the_invariants(s in generated(WORDS)) {
        holds(s.as_bytes(), InputFormat::Text)?;
    }

    #[test]
    fn generated_markdown_keeps_the_invariants(s in generated(MARKDOWN_TOKENS)) {
        holds(s.as_bytes(), InputFormat::Markdown)?;
    }

    #[test]
    fn generated_html_keeps_the_invariants(s in generated(HTML_TOKENS)) {
        holds(s.as_bytes(), InputFormat::Html)?;
    }

    #[test]
    fn mutated_article_keeps_the_invariants(e in edits(WORDS)) {
        holds(&mutate(ARTICLE, &e), InputFormat::Text)?;
    }

    #[test]
    fn mutated_markdown_keeps_the_invariants(e in edits(MARKDOWN_TOKENS)) {
        holds(&mutate(MARKDOWN, &e), InputFormat::Markdown)?;
    }

    #[test]
    fn mutated_html_keeps_the_invariants(e in edits(HTML_TOKENS)) {
        holds(&mutate(HTML, &e), InputFormat::Html)?;
    }

    #[test]
    fn any_bytes_keep_the_invariants(b in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html] {
            holds(&b, format)?;
        }
    }
}

/// Lexicon, config and stream inputs are cheaper to get wrong in a few
/// shapes than in many, so fewer cases.
const LEXICON: &str = include_str!("../lexicons/vague/research-shows.toml");
const CONFIG_TOKENS: &[&str] = &[
    "fail-on = ",
    "select = ",
    "ignore = ",
    "include = ",
    "exclude = ",
    "extend-lexicons = ",
    "[severity]\n",
    "\"error\"",
    "\"off\"",
    "\"never\"",
    "\"absolute\"",
    "\"A101\"",
    "\"cure-claim\"",
    "cited-absolute = ",
    "vague = ",
    "[",
    "]",
    ", ",
    "\n",
    "\"",
    "#",
    "=",
    "'''",
    "{",
    "}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn mutated_lexicon_files_keep_the_invariants(e in edits(CONFIG_TOKENS)) {
        if let Ok(text) = String::from_utf8(mutate(LEXICON, &e)) {
            invariants::check_lexicon(&text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn generated_config_files_keep_the_invariants(
        parts in prop::collection::vec(prop::sample::select(CONFIG_TOKENS), 0..30)
    ) {
        invariants::check_config(&parts.concat(), settings()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn generated_streams_keep_the_invariants(
        docs in prop::collection::vec((generated(WORDS), 0u8..4), 0..8)
    ) {
        let mut input = String::new();
        for (text, shape) in docs {
            match shape {
                0 => input.push_str(&serde_json::json!({"id": 1, "text": text}).to_string()),
                1 => input.push_str(&serde_json::json!({"text": text}).to_string()),
                2 => input.push_str(&text.replace('\n', " ")),
                _ => input.push_str(&serde_json::json!({"id": text}).to_string()),
            }
            input.push('\n');
        }
        invariants::check_stream(input.as_bytes(), settings()).map_err(TestCaseError::fail)?;
    }
}
