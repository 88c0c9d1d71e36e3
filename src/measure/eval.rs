//! Eval: scores reports against a gold file by the guide's overlap rule.
//!
//! Gold lines are `{"article", "start", "end", "labels"}`. A predicted unit
//! counts toward a gold unit when it overlaps more than half of it; the
//! labels of all such units are united, then compared label by label. These
//! are the numbers `shared/tools/score.py` gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::GoldError;
use crate::pipeline::lexicon::Label;
use crate::report::FileReport;

/// One gold unit.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldUnit {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub labels: Vec<String>,
}

/// Reads a gold JSONL file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldUnit>, GoldError> {
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let unit: GoldUnit = serde_json::from_str(line).map_err(|e| GoldError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        for l in &unit.labels {
            if Label::parse(l).is_none() {
                return Err(GoldError::Line {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: format!("unknown label `{l}`"),
                });
            }
        }
        out.push(unit);
    }
    Ok(out)
}

/// Precision, recall and F1 for one label.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct LabelScore {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The scores of a run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    pub labels: BTreeMap<Label, LabelScore>,
    pub macro_f1: f64,
    /// Gold articles with no report.
    pub missing: Vec<String>,
    /// Gold units whose predicted labels differ: (article, start, gold, predicted).
    #[serde(skip)]
    pub errors: Vec<(String, usize, BTreeSet<Label>, BTreeSet<Label>)>,
}

/// A labelled span a scorer compares with gold: a report's unit, or
/// another annotator's.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub labels: BTreeSet<Label>,
}

/// Scores reports (matched to gold by file name) against gold units.
pub fn score(gold: &[GoldUnit], reports: &[FileReport]) -> Scores {
    let by_name: BTreeMap<String, Vec<Span>> = reports
        .iter()
        .map(|r| {
            (
                Path::new(&r.path)
                    .file_name()
                    .map_or_else(|| r.path.clone(), |n| n.to_string_lossy().into_owned()),
                r.sentences
                    .iter()
                    .map(|s| Span {
                        start: s.start,
                        end: s.end,
                        labels: s.labels.iter().copied().collect(),
                    })
                    .collect(),
            )
        })
        .collect();
    score_spans(gold, &by_name)
}

/// Per-label F1 of two annotations of the same articles, one taken as gold
/// for the other and then the other way round, averaged: the agreement a
/// labeller can be expected to reach, the ceiling beside each score.
pub fn agreement(a: &[GoldUnit], b: &[GoldUnit]) -> BTreeMap<Label, f64> {
    let spans = |units: &[GoldUnit]| {
        let mut by: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        for u in units {
            by.entry(u.article.clone()).or_default().push(Span {
                start: u.start,
                end: u.end,
                labels: u.labels.iter().filter_map(|l| Label::parse(l)).collect(),
            });
        }
        by
    };
    let ab = score_spans(a, &spans(b));
    let ba = score_spans(b, &spans(a));
    Label::ALL
        .iter()
        .map(|&l| (l, (ab.labels[&l].f1 + ba.labels[&l].f1) / 2.0))
        .collect()
}

/// Scores predicted spans (by article file name) against gold units: a gold
/// unit's predicted labels are those of every span covering more than half
/// of it (the guide's overlap rule).
pub fn score_spans(gold: &[GoldUnit], by_name: &BTreeMap<String, Vec<Span>>) -> Scores {
    let mut counts: BTreeMap<Label, LabelScore> = Label::ALL
        .iter()
        .map(|&l| (l, LabelScore::default()))
        .collect();
    let mut missing = BTreeSet::new();
    let mut errors = Vec::new();
    for g in gold {
        let report = by_name.get(&g.article);
        if report.is_none() {
            missing.insert(g.article.clone());
        }
        let glen = g.end.saturating_sub(g.start).max(1);
        let mut predicted = BTreeSet::new();
        for s in report.map_or(&[][..], |r| &r[..]) {
            let overlap = g.end.min(s.end) as isize - g.start.max(s.start) as isize;
            if overlap * 2 > glen as isize {
                predicted.extend(s.labels.iter().copied());
            }
        }
        let expected: BTreeSet<Label> = g.labels.iter().filter_map(|l| Label::parse(l)).collect();
        for &l in &Label::ALL {
            let c = counts.entry(l).or_default();
            match (predicted.contains(&l), expected.contains(&l)) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, true) => c.fn_ += 1,
                (false, false) => {}
            }
        }
        if predicted != expected {
            errors.push((g.article.clone(), g.start, expected, predicted));
        }
    }
    for c in counts.values_mut() {
        c.precision = ratio(c.tp, c.tp + c.fp);
        c.recall = ratio(c.tp, c.tp + c.fn_);
        c.f1 = if c.precision + c.recall > 0.0 {
            2.0 * c.precision * c.recall / (c.precision + c.recall)
        } else {
            0.0
        };
    }
    let macro_f1 = counts.values().map(|c| c.f1).sum::<f64>() / Label::ALL.len() as f64;
    Scores {
        labels: counts,
        macro_f1,
        missing: missing.into_iter().collect(),
        errors,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The score table as text, one label a line and macro F1 last.
pub fn render(scores: &Scores) -> String {
    let mut out = String::new();
    if !scores.missing.is_empty() {
        out.push_str(&format!("no report for: {}\n", scores.missing.join(", ")));
    }
    out.push_str("label        P      R      F1     tp   fp   fn\n");
    for (l, c) in &scores.labels {
        out.push_str(&format!(
            "{:<9} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>4} {:>4}\n",
            l.as_str(),
            c.precision,
            c.recall,
            c.f1,
            c.tp,
            c.fp,
            c.fn_
        ));
    }
    out.push_str(&format!("macro F1  {:.3}\n", scores.macro_f1));
    out
}
