//! The matcher: every lexicon compiled once, scanned over many texts.
//!
//! All literals of all entries go into one Aho-Corasick automaton (ASCII
//! case-insensitive, overlapping, whole words only). Patterns are gated: a
//! second automaton holds, for each pattern, a set of literals one of which
//! every match must contain (its prefixes or suffixes, taken from the
//! pattern's syntax tree), and a pattern runs on a text only when one of its
//! literals is there. A `RegexSet` of all patterns did the same job but its
//! lazy DFA thrashed on ~80 overlapping patterns (its states multiply), and
//! one regex after another costs a scan of the text each; the gate costs one
//! scan for them all. The few patterns with no literal to gate on (about one
//! in ten) go into one small `RegexSet`, so no pattern is ever tried on a
//! unit one by one just in case.
//!
//! Start-up: compiling ~140 regexes (patterns and exceptions) was 60% of the
//! instructions of `claimscan check` on one small file, and most patterns
//! never run on a given article. So each regex is compiled the first time
//! the gate (or a hit of its entry, for exceptions) needs it, once per
//! process, and shared by every thread. Loading a lexicon still checks every
//! pattern's syntax, with its line; entries from house lexicons are compiled
//! at start-up as well (see [`Matcher::compile_entries`]), so a pattern too
//! big to compile is reported before the run. The built-in ones are all
//! compiled by a test.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};

use super::Entry;
use crate::error::LexiconError;

/// One match of an entry in a text: byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// Index of the entry in the list the matcher was built from.
    pub entry: usize,
}

/// The compiled lexicons.
#[derive(Debug)]
pub struct Matcher {
    literals: Phrases,
    /// Literal pattern index → entry indices (a phrase may belong to several).
    literal_owners: Vec<Vec<usize>>,
    /// Whether each literal's first/last char is a word char (needs a boundary).
    literal_edges: Vec<(bool, bool)>,
    gate: Gate,
    regexes: Vec<LazyRegex>,
    regex_owner: Vec<usize>,
    /// Per entry: its exception regexes.
    exceptions: Vec<Vec<LazyRegex>>,
}

/// A set of phrases, ASCII case-insensitive, overlapping: a contiguous NFA
/// at first (cheap to build: one small file never pays for more), and a
/// DFA once the process has scanned [`UPGRADE_AFTER`] bytes with it (a
/// DFA's build costs about 70 ms, its scan is several times faster). Both
/// report the same matches in the same order, so which one ran never
/// shows in the output.
#[derive(Debug)]
struct Phrases {
    nfa: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    phrases: Vec<Vec<u8>>,
    scanned: AtomicUsize,
}

/// Bytes scanned before a phrase automaton is made a DFA.
const UPGRADE_AFTER: usize = 1 << 20;

impl Phrases {
    fn builder(kind: AhoCorasickKind) -> AhoCorasickBuilder {
        let mut b = AhoCorasickBuilder::new();
        b.kind(Some(kind))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard);
        b
    }

    fn new(phrases: Vec<Vec<u8>>) -> Result<Phrases, aho_corasick::BuildError> {
        Ok(Phrases {
            nfa: Phrases::builder(AhoCorasickKind::ContiguousNFA).build(&phrases)?,
            dfa: OnceLock::new(),
            phrases,
            scanned: AtomicUsize::new(0),
        })
    }

    /// The automaton to scan `text` with.
    fn automaton(&self, text: &str) -> &AhoCorasick {
        if let Some(Some(dfa)) = self.dfa.get() {
            return dfa;
        }
        let before = self.scanned.fetch_add(text.len(), AtomicOrdering::Relaxed);
        if before.saturating_add(text.len()) < UPGRADE_AFTER {
            return &self.nfa;
        }
        // A DFA too big to build is no error: the NFA finds the same.
        self.dfa
            .get_or_init(|| {
                Phrases::builder(AhoCorasickKind::DFA)
                    .build(&self.phrases)
                    .ok()
            })
            .as_ref()
            .unwrap_or(&self.nfa)
    }

    fn find_overlapping_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> aho_corasick::FindOverlappingIter<'a, 'a> {
        self.automaton(text).find_overlapping_iter(text)
    }
}

/// A pattern compiled the first time it is needed, then shared.
#[derive(Debug)]
struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Result<Regex, regex::Error>>,
}

impl LazyRegex {
    fn new(pattern: &str) -> LazyRegex {
        LazyRegex {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> &Result<Regex, regex::Error> {
        self.compiled.get_or_init(|| compile_one(&self.pattern))
    }

    /// The regex, or `None` when it does not compile: loading checked its
    /// syntax, so only a pattern past the size limit fails here, and
    /// [`Matcher::compile_entries`] reports that before a run for every
    /// entry not built in (the built-in ones are compiled by a test).
    fn get(&self) -> Option<&Regex> {
        self.compiled().as_ref().ok()
    }
}

/// The lazy DFA's cache per regex and thread: half the default (2 MB),
/// which held 9 MB more at -j1 and 14 MB more at -j2 on the corpus for the
/// same instructions (4.44G vs 4.47G on 100 articles); 256 KB made the DFAs
/// thrash (5.68G).
const DFA_CACHE: usize = 1 << 20;

/// Compiles one pattern the way the matcher does: case-insensitive unless the
/// pattern says otherwise, and `\b` as an ASCII word boundary (which keeps the
/// fast DFA engines usable on text with curly quotes and dashes).
pub fn compile_one(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&prepare(pattern))
        .case_insensitive(true)
        .size_limit(1 << 24)
        .dfa_size_limit(DFA_CACHE)
        .build()
}

/// Checks a pattern's syntax the way [`compile_one`] reads it, without
/// compiling it: loading a lexicon file reports syntax errors with their
/// line, and the matcher compiles each pattern once, later.
pub fn check_syntax(pattern: &str) -> Result<(), Box<regex_syntax::Error>> {
    // Read case-sensitively: case folding cannot fail, and folding every
    // class made this check 14% of a small run's start-up.
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&prepare(pattern))
        .map(|_| ())
        .map_err(Box::new)
}

/// Rewrites unescaped `\b` as `(?-u:\b)`: an ASCII word boundary, which
/// the fast DFA engines support on any text (a Unicode one makes them give
/// up on the first non-ASCII byte and fall back to the slow engines).
pub fn prepare(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Matcher {
    /// Builds the automata for a list of entries. Hits name entries by their
    /// index in this list.
    pub fn new(entries: &[&Entry]) -> Result<Matcher, LexiconError> {
        let mut phrases: Vec<String> = Vec::new();
        let mut literal_owners: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::BTreeMap<String, usize> = Default::default();
        for (i, e) in entries.iter().enumerate() {
            for lit in &e.literals {
                // A straight apostrophe in a phrase also matches a curly one.
                let mut variants = vec![lit.to_ascii_lowercase()];
                if lit.contains('\'') {
                    variants.push(lit.to_ascii_lowercase().replace('\'', "’"));
                }
                for v in variants {
                    let slot = *index.entry(v.clone()).or_insert_with(|| {
                        phrases.push(v);
                        literal_owners.push(Vec::new());
                        literal_owners.len() - 1
                    });
                    if !literal_owners[slot].contains(&i) {
                        literal_owners[slot].push(i);
                    }
                }
            }
        }
        let literal_edges = phrases
            .iter()
            .map(|p| {
                (
                    p.chars().next().is_some_and(is_word),
                    p.chars().next_back().is_some_and(is_word),
                )
            })
            .collect();
        let literals = Phrases::new(phrases.iter().map(|p| p.as_bytes().to_vec()).collect())
            .map_err(|e| LexiconError {
                path: "lexicons".into(),
                line: 1,
                column: 1,
                message: format!("cannot build the phrase automaton: {e}"),
            })?;

        let mut sources = Vec::new();
        let mut regex_owner = Vec::new();
        let mut regexes = Vec::new();
        let mut exceptions = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for p in &e.patterns {
                sources.push(prepare(p));
                regexes.push(LazyRegex::new(p));
                regex_owner.push(i);
            }
            exceptions.push(e.exceptions.iter().map(|p| LazyRegex::new(p)).collect());
        }
        let gate = Gate::new(&sources).map_err(|err| LexiconError {
            path: "lexicons".into(),
            line: 1,
            column: 1,
            message: format!("cannot build the pattern gate: {err}"),
        })?;
        Ok(Matcher {
            literals,
            literal_owners,
            literal_edges,
            gate,
            regexes,
            regex_owner,
            exceptions,
        })
    }

    /// Compiles now the patterns and exceptions of the entries `which`
    /// picks (the rest compile when first needed), so a pattern that cannot
    /// be compiled is an error at start-up, naming its file.
    pub fn compile_entries(
        &self,
        entries: &[&Entry],
        which: impl Fn(&Entry) -> bool,
    ) -> Result<(), LexiconError> {
        let mut any = false;
        for (i, e) in entries.iter().enumerate() {
            if !which(e) {
                continue;
            }
            any |= !e.patterns.is_empty();
            let patterns = self
                .regexes
                .iter()
                .zip(&self.regex_owner)
                .filter(|(_, &owner)| owner == i)
                .map(|(r, _)| r);
            let exceptions = self.exceptions.get(i).into_iter().flatten();
            for r in patterns.chain(exceptions) {
                if let Err(err) = r.compiled() {
                    return Err(regex_error(e, &r.pattern, err));
                }
            }
        }
        if !any {
            return Ok(());
        }
        match self.gate.compile() {
            Ok(_) => Ok(()),
            Err(err) => Err(LexiconError {
                path: "lexicons".into(),
                line: 1,
                column: 1,
                message: format!("cannot build the pattern gate: {err}"),
            }),
        }
    }

    /// Every hit in `text`, sorted by start, then end, then entry. A hit that
    /// lies inside another hit of the same entry is dropped.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        crate::work::add(text.len());
        for m in self.literals.find_overlapping_iter(text) {
            let (needs_left, needs_right) = self.literal_edges[m.pattern().as_usize()];
            let left_ok =
                !needs_left || !text[..m.start()].chars().next_back().is_some_and(is_word);
            let right_ok = !needs_right || !text[m.end()..].chars().next().is_some_and(is_word);
            if left_ok && right_ok {
                for &entry in &self.literal_owners[m.pattern().as_usize()] {
                    hits.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        entry,
                    });
                }
            }
        }
        if !self.regexes.is_empty() {
            for idx in self.gate.candidates(text) {
                let Some(re) = self.regexes[idx].get() else {
                    continue;
                };
                crate::work::add(text.len());
                for m in re.find_iter(text) {
                    if m.end() > m.start() {
                        hits.push(Hit {
                            start: m.start(),
                            end: m.end(),
                            entry: self.regex_owner[idx],
                        });
                    }
                }
            }
        }
        // Each entry's exception matches are found once per scan, not once
        // per hit: per hit would be quadratic in a long unit.
        let mut exceptions: BTreeMap<usize, Spans> = BTreeMap::new();
        for h in &hits {
            if !self.exceptions[h.entry].is_empty() {
                exceptions
                    .entry(h.entry)
                    .or_insert_with(|| Spans::new(&self.exceptions[h.entry], text));
            }
        }
        crate::work::add(hits.len());
        hits.retain(|h| !exceptions.get(&h.entry).is_some_and(|s| s.overlaps(h)));
        // Drop hits nested in a longer hit of the same entry: sort by entry,
        // start, then longest first, and sweep the furthest end seen.
        hits.sort_by_key(|h| (h.entry, h.start, std::cmp::Reverse(h.end)));
        hits.dedup();
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        let mut reach: Option<(usize, usize)> = None;
        for h in hits {
            match reach {
                Some((entry, end)) if entry == h.entry && end >= h.end => continue,
                Some((entry, end)) if entry == h.entry => reach = Some((entry, end.max(h.end))),
                _ => reach = Some((h.entry, h.end)),
            }
            kept.push(h);
        }
        kept.sort();
        kept
    }
}

/// The matches of an entry's exception patterns in one text, sorted by
/// start, with the furthest end reached so far: whether a hit overlaps any
/// of them is one binary search.
struct Spans {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Spans {
    fn new(patterns: &[LazyRegex], text: &str) -> Spans {
        let mut spans: Vec<(usize, usize)> = patterns
            .iter()
            .filter_map(LazyRegex::get)
            .flat_map(|re| {
                crate::work::add(text.len());
                re.find_iter(text).map(|m| (m.start(), m.end()))
            })
            .collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Spans {
            starts: spans.into_iter().map(|(start, _)| start).collect(),
            reach,
        }
    }

    /// Whether a match starts before the hit ends and ends after it starts.
    fn overlaps(&self, hit: &Hit) -> bool {
        let before_end = self.starts.partition_point(|&s| s < hit.end);
        before_end > 0 && self.reach[before_end - 1] > hit.start
    }
}

/// Which patterns could match a text: one scan for literals every match of
/// a pattern must contain.
#[derive(Debug)]
struct Gate {
    /// Every gating literal, ASCII case-insensitive, overlapping.
    literals: Phrases,
    /// Literal index → the patterns it opens.
    owners: Vec<Vec<usize>>,
    /// Patterns with no usable literal, and one `RegexSet` of them: a text
    /// runs those the set says match. The set stays small, so its lazy DFA
    /// does not thrash the way a set of every pattern did.
    always: Vec<usize>,
    always_sources: Vec<String>,
    always_set: OnceLock<Result<RegexSet, String>>,
    patterns: usize,
}

/// Shorter literals occur in nearly every sentence and gate nothing.
const MIN_GATE_LITERAL: usize = 3;

impl Gate {
    fn new(sources: &[String]) -> Result<Gate, String> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut index: std::collections::BTreeMap<Vec<u8>, usize> = Default::default();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            match gate_literals(source) {
                None => always.push(i),
                Some(lits) => {
                    for lit in lits {
                        let slot = *index.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        if !owners[slot].contains(&i) {
                            owners[slot].push(i);
                        }
                    }
                }
            }
        }
        let literals = Phrases::new(literals).map_err(|e| e.to_string())?;
        Ok(Gate {
            literals,
            owners,
            always_sources: always.iter().map(|&i| sources[i].clone()).collect(),
            always,
            always_set: OnceLock::new(),
            patterns: sources.len(),
        })
    }

    /// The set of ungated patterns, compiled on first use.
    fn compile(&self) -> Result<&RegexSet, String> {
        self.always_set
            .get_or_init(|| {
                RegexSetBuilder::new(&self.always_sources)
                    .case_insensitive(true)
                    .size_limit(1 << 24)
                    .dfa_size_limit(DFA_CACHE)
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The patterns that may match `text`, in pattern order.
    fn candidates(&self, text: &str) -> Vec<usize> {
        // Unicode case folding maps two non-ASCII letters onto ASCII ones
        // (ſ → s, K → k), which an ASCII case-insensitive gate would miss:
        // such a text runs every pattern.
        if text.contains(['\u{17F}', '\u{212A}']) {
            return (0..self.patterns).collect();
        }
        let mut open = vec![false; self.patterns];
        crate::work::add(2 * text.len());
        match self.compile() {
            Ok(set) => {
                for k in set.matches(text).iter() {
                    open[self.always[k]] = true;
                }
            }
            // Cannot happen for a set that compiled at start-up (see
            // `Matcher::compile_entries`); if it does, every ungated
            // pattern runs, which finds the same hits.
            Err(_) => {
                for &i in &self.always {
                    open[i] = true;
                }
            }
        }
        for m in self.literals.find_overlapping_iter(text) {
            for &i in &self.owners[m.pattern().as_usize()] {
                open[i] = true;
            }
        }
        open.iter()
            .enumerate()
            .filter_map(|(i, &o)| o.then_some(i))
            .collect()
    }
}

/// Literals one of which every match of `pattern` contains: its prefix or
/// suffix literals, whichever set has the longer shortest literal, or `None`
/// when neither is finite and long enough. The pattern is read case-sensitively
/// (case variants would explode the set); the gate compares ASCII
/// case-insensitively, which is what the case-insensitive regex does for
/// every letter but the two [`Gate::candidates`] checks for.
fn gate_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let usable = |seq: Seq| -> Option<(usize, Vec<Vec<u8>>)> {
        let lits = seq.literals()?;
        let min = lits.iter().map(|l| l.as_bytes().len()).min()?;
        (min >= MIN_GATE_LITERAL)
            .then(|| (min, lits.iter().map(|l| l.as_bytes().to_vec()).collect()))
    };
    let prefix = usable(Extractor::new().kind(ExtractKind::Prefix).extract(&hir));
    let suffix = usable(Extractor::new().kind(ExtractKind::Suffix).extract(&hir));
    match (prefix, suffix) {
        (Some(p), Some(s)) => Some(if s.0 > p.0 { s.1 } else { p.1 }),
        (p, s) => p.or(s).map(|x| x.1),
    }
}

fn regex_error(e: &Entry, pattern: &str, err: &regex::Error) -> LexiconError {
    LexiconError {
        path: e.origin.clone(),
        line: 1,
        column: 1,
        message: format!("bad regular expression `{pattern}`: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::lexicon::{Label, Role};

    fn entry(id: &str, literals: &[&str], patterns: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            name: id.to_lowercase(),
            label: Label::Hedged,
            role: Role::Marker,
            summary: String::new(),
            doc: String::new(),
            literals: literals.iter().map(|s| s.to_string()).collect(),
            patterns: patterns.iter().map(|s| s.to_string()).collect(),
            exceptions: vec![],
            flags: vec![],
            allows: vec![],
            suggestions: Default::default(),
            source: None,
            origin: "t".into(),
        }
    }

    #[test]
    fn literals_match_whole_words_any_case() {
        let e = entry("H001", &["may", "don't know"], &[]);
        let m = Matcher::new(&[&e]).unwrap();
        assert_eq!(m.scan("It May help. Mayor. I don’t know.").len(), 2);
    }

    #[test]
    fn patterns_and_literals_share_one_scan() {
        let a = entry("H001", &["may"], &[]);
        let b = entry("H002", &[], &[r"\bcan help\b"]);
        let m = Matcher::new(&[&a, &b]).unwrap();
        let hits = m.scan("It can help and may work.");
        assert_eq!(hits.iter().map(|h| h.entry).collect::<Vec<_>>(), [1, 0]);
    }

    #[test]
    fn exceptions_cancel_only_the_hits_they_overlap() {
        let mut e = entry("H001", &["may"], &[]);
        e.exceptions = vec![r"(?i)\bmay day\b".into(), r"(?i)\bin may\b".into()];
        let m = Matcher::new(&[&e]).unwrap();
        let text = "It may help. May day. In May. It may.";
        let starts: Vec<usize> = m.scan(text).iter().map(|h| h.start).collect();
        assert_eq!(starts, [3, 33]);
    }

    #[test]
    fn every_builtin_pattern_compiles() {
        let entries = crate::pipeline::lexicon::load_builtin().unwrap();
        let refs: Vec<&Entry> = entries.iter().collect();
        let m = Matcher::new(&refs).unwrap();
        m.compile_entries(&refs, |_| true).unwrap();
    }

    #[test]
    fn a_pattern_past_the_size_limit_is_an_error_naming_its_file() {
        let mut e = entry("H001", &[], &[r"\w{1000}\w{1000}\w{1000}"]);
        e.origin = "house/big.toml".into();
        let m = Matcher::new(&[&e]).unwrap();
        let err = m.compile_entries(&[&e], |_| true).unwrap_err();
        assert_eq!(err.path, "house/big.toml");
        // Not compiled, it finds nothing, and never panics.
        assert!(m.scan("word ".repeat(10).as_str()).is_empty());
    }

    #[test]
    fn word_boundary_is_ascii() {
        assert_eq!(prepare(r"\bfoo\b \\b"), r"(?-u:\b)foo(?-u:\b) \\b");
    }
}
