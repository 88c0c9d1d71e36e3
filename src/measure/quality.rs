//! Quality: every number of the quality report, computed from files in the
//! repository (`eval/`, `tests/`, `corpus/`), for `claimscan quality` and the
//! floors in `tests/quality.rs`.
//!
//! - hedged F1 at sentence level against the uncertain/certain labels of
//!   the hedge-uncertainty sets (a sentence is hedged when any of its units
//!   is);
//! - Pearson r between claimscan's certainty signal (+1 absolute, −1
//!   hedged) and human certainty on the science-certainty test split;
//! - per-label F1 on every gold set (the independent set's report and dev
//!   splits, the older dev set, the seeds), beside the agreement between
//!   the independent set's two annotators: the ceiling.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::GoldError;
use crate::measure::eval::{self, Scores};
use crate::pipeline::classify::rules;
use crate::pipeline::lexicon::Label;
use crate::pipeline::{analyze_file, analyze_text};
use crate::{report, Settings};

/// Sentence-level precision, recall and F1 of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Binary {
    pub sentences: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Binary {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Deserialize)]
struct UncertainRow {
    text: String,
    uncertain: bool,
}

#[derive(Deserialize)]
struct CertaintyRow {
    text: String,
    certainty: f64,
}

/// Reads a JSON Lines file of `T`, naming the file and line of a bad row.
fn read_rows<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, GoldError> {
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| GoldError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Rules the Szeged Uncertainty Corpus does not count as uncertainty and the
/// guide counts as hedges: frequency and scope words (*often*, *usually*,
/// *generally*; SzUC's train annotators marked none of them). `claimscan
/// quality` also prints hedged F1 with them left out, so the cost of that
/// disagreement is a measured number (README, "Quality beyond the samples").
pub const SZUC_NOT_UNCERTAIN: &[&str] = &["H108"];

/// Hedged vs `uncertain` over a file of `{"text", "uncertain"}` rows.
pub fn hedged_vs_uncertain(path: &Path, settings: &Settings) -> Result<Binary, GoldError> {
    hedged_vs_uncertain_without(path, settings, &[])
}

/// Hedged vs `uncertain`, a sentence counting as hedged only by findings of
/// rules not in `left_out` (ids).
pub fn hedged_vs_uncertain_without(
    path: &Path,
    settings: &Settings,
    left_out: &[&str],
) -> Result<Binary, GoldError> {
    let rows: Vec<UncertainRow> = read_rows(path)?;
    let predicted: Vec<bool> = rows
        .par_iter()
        .map(|r| {
            analyze_text(&r.text, settings).verdicts.iter().any(|v| {
                let counts = |f: &crate::pipeline::classify::Finding| {
                    f.label == Label::Hedged && !left_out.contains(&f.rule.as_str())
                };
                // SzUC marks uncertainty on any topic; the scope rule (H950)
                // is the guide's decision about topics, not about hedges,
                // so a hedge it removed from a non-health sentence counts.
                v.findings.iter().any(counts)
                    || v.suppressed
                        .iter()
                        .any(|s| s.by == rules::ASIDE_HEDGED && counts(&s.finding))
            })
        })
        .collect();
    let mut b = Binary {
        sentences: rows.len(),
        ..Binary::default()
    };
    for (r, p) in rows.iter().zip(predicted) {
        match (p, r.uncertain) {
            (true, true) => b.tp += 1,
            (true, false) => b.fp += 1,
            (false, true) => b.fn_ += 1,
            (false, false) => {}
        }
    }
    Ok(b)
}

/// claimscan's certainty signal for a text: +1 if a unit is absolute, −1 if
/// a unit is hedged (both: 0).
///
/// The science-certainty set rates findings on any topic, so, as for SzUC,
/// a hedge or absolute the scope rule took from a unit with no health word
/// (H950, A950) still counts: scope is the guide's decision about topics,
/// not about certainty.
pub fn certainty_signal(text: &str, settings: &Settings) -> f64 {
    let mut labels = std::collections::BTreeSet::new();
    for v in analyze_text(text, settings).verdicts {
        labels.extend(v.labels);
        for s in &v.suppressed {
            if s.by == rules::ASIDE_HEDGED || s.by == rules::ASIDE_ABSOLUTE {
                labels.insert(s.finding.label);
            }
        }
    }
    f64::from(u8::from(labels.contains(&Label::Absolute)))
        - f64::from(u8::from(labels.contains(&Label::Hedged)))
}

/// Pearson r between the certainty signal and `certainty` over a file of
/// `{"text", "certainty"}` rows, with the number of rows.
pub fn certainty_correlation(path: &Path, settings: &Settings) -> Result<(f64, usize), GoldError> {
    let rows: Vec<CertaintyRow> = read_rows(path)?;
    let xs: Vec<f64> = rows
        .par_iter()
        .map(|r| certainty_signal(&r.text, settings))
        .collect();
    let ys: Vec<f64> = rows.iter().map(|r| r.certainty).collect();
    Ok((pearson(&xs, &ys), rows.len()))
}

/// Pearson's correlation coefficient (0 when either side is constant).
pub fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len().min(ys.len());
    if n == 0 {
        return 0.0;
    }
    let mx = xs[..n].iter().sum::<f64>() / n as f64;
    let my = ys[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs[..n].iter().zip(&ys[..n]) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Scores the articles of `dir` (every `.txt`, by file name) against a gold file.
pub fn gold_scores(gold: &Path, dir: &Path, settings: &Settings) -> Result<Scores, GoldError> {
    let units = eval::read_gold(gold)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| GoldError::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let reports: Vec<report::FileReport> = paths
        .par_iter()
        .filter_map(|p| {
            let analysis = analyze_file(p, settings).ok()?;
            Some(report::file_report(
                &analysis,
                p.file_name()?.as_ref(),
                settings,
            ))
        })
        .collect();
    Ok(eval::score(&units, &reports))
}

/// One row of the quality table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub measure: String,
    pub data: String,
    pub value: f64,
    /// What the issue asks for, if anything.
    pub target: Option<f64>,
}

/// The gold sets `claimscan quality` scores, in the order of its table's
/// columns: (name, gold file, articles folder), paths from the repository
/// root.
pub const GOLD_SETS: [(&str, &str, &str); 4] = [
    (
        "independent report",
        "tests/dev/independent/report.gold.jsonl",
        "tests/dev/independent/articles",
    ),
    (
        "independent dev",
        "tests/dev/independent/dev.gold.jsonl",
        "tests/dev/independent/articles",
    ),
    (
        "older dev",
        "tests/dev/dev.gold.jsonl",
        "tests/dev/articles",
    ),
    ("seeds", "tests/seeds.gold.jsonl", "corpus"),
];

/// The two independent annotations of the independent set, whose agreement
/// is the ceiling beside each label.
pub const ANNOTATIONS: [&str; 2] = [
    "tests/dev/independent/annotator-a.jsonl",
    "tests/dev/independent/annotator-b.jsonl",
];

/// Targets of the sources issue: every label on the report split, its macro
/// F1, and the seeds' macro F1.
pub const REPORT_LABEL_TARGET: f64 = 0.85;
pub const REPORT_MACRO_TARGET: f64 = 0.88;
pub const SEEDS_MACRO_TARGET: f64 = 0.95;

/// One gold set's scores, with its size.
#[derive(Debug, Clone)]
pub struct GoldColumn {
    pub name: String,
    pub articles: usize,
    pub units: usize,
    pub scores: Scores,
}

/// Per-label F1 on every gold set, beside the annotators' agreement.
#[derive(Debug, Clone)]
pub struct LabelTable {
    pub columns: Vec<GoldColumn>,
    /// Agreement between the two annotators on the articles of the report
    /// split, per label, and its mean.
    pub ceiling: std::collections::BTreeMap<Label, f64>,
    pub ceiling_macro: f64,
}

/// Everything `claimscan quality` prints.
#[derive(Debug, Clone)]
pub struct Quality {
    pub labels: LabelTable,
    pub rows: Vec<Row>,
}

/// Scores every gold set of [`GOLD_SETS`] and the annotators' agreement.
pub fn label_table(root: &Path, settings: &Settings) -> Result<LabelTable, GoldError> {
    let mut columns = Vec::new();
    for (name, gold, dir) in GOLD_SETS {
        let units = eval::read_gold(&root.join(gold))?;
        let articles: std::collections::BTreeSet<&str> =
            units.iter().map(|u| u.article.as_str()).collect();
        let scores = gold_scores(&root.join(gold), &root.join(dir), settings)?;
        columns.push(GoldColumn {
            name: name.to_string(),
            articles: articles.len(),
            units: units.len(),
            scores,
        });
    }
    // The ceiling is measured on the report split's articles, the column
    // the targets are set on.
    let report_articles: std::collections::BTreeSet<String> =
        eval::read_gold(&root.join(GOLD_SETS[0].1))?
            .into_iter()
            .map(|u| u.article)
            .collect();
    let on_report = |path: &str| -> Result<Vec<eval::GoldUnit>, GoldError> {
        Ok(eval::read_gold(&root.join(path))?
            .into_iter()
            .filter(|u| report_articles.contains(&u.article))
            .collect())
    };
    let ceiling = eval::agreement(&on_report(ANNOTATIONS[0])?, &on_report(ANNOTATIONS[1])?);
    let ceiling_macro = ceiling.values().sum::<f64>() / ceiling.len().max(1) as f64;
    Ok(LabelTable {
        columns,
        ceiling,
        ceiling_macro,
    })
}

/// Every number of the quality report, from the repository root `root`.
pub fn report(root: &Path, settings: &Settings) -> Result<Quality, GoldError> {
    let mut rows = Vec::new();
    let hedge = root.join("eval/hedge-uncertainty");
    for (file, target) in [("bio-eval-szuc.jsonl", 0.77), ("wiki-szuc.jsonl", 0.75)] {
        let b = hedged_vs_uncertain(&hedge.join(file), settings)?;
        let data = format!("{file} ({} sentences)", b.sentences);
        rows.push(row("hedged precision", &data, b.precision(), None));
        rows.push(row("hedged recall", &data, b.recall(), None));
        rows.push(row("hedged F1", &data, b.f1(), Some(target)));
        let szuc = hedged_vs_uncertain_without(&hedge.join(file), settings, SZUC_NOT_UNCERTAIN)?;
        rows.push(row(
            "hedged F1, frequency words (H108) left out as SzUC does",
            &data,
            szuc.f1(),
            None,
        ));
    }
    let (r, n) = certainty_correlation(
        &root.join("eval/science-certainty/sentence-test.jsonl"),
        settings,
    )?;
    rows.push(row(
        "Pearson r, signal vs certainty",
        &format!("science-certainty test ({n} sentences)"),
        r,
        None,
    ));
    Ok(Quality {
        labels: label_table(root, settings)?,
        rows,
    })
}

fn row(measure: &str, data: &str, value: f64, target: Option<f64>) -> Row {
    Row {
        measure: measure.to_string(),
        data: data.to_string(),
        value,
        target,
    }
}

fn met(value: f64, target: f64) -> String {
    let met = if value >= target { "met" } else { "not met" };
    format!(">= {target:.2} ({met})")
}

/// The label table as Markdown: one row per label and the macro F1, one
/// column per gold set, the annotators' agreement (the ceiling) and the
/// targets on the report split and seeds.
pub fn render_labels(t: &LabelTable) -> String {
    let mut out = String::from("| F1 |");
    for c in &t.columns {
        out.push_str(&format!(
            " {} ({} articles, {} units) |",
            c.name, c.articles, c.units
        ));
    }
    out.push_str(
        " annotator agreement on report (ceiling) | target on report | target on seeds |\n|",
    );
    out.push_str(&" --- |".repeat(t.columns.len() + 4));
    out.push('\n');
    let report = t.columns.first().map(|c| &c.scores);
    let seeds = t.columns.last().map(|c| &c.scores);
    for label in Label::ALL {
        out.push_str(&format!("| {label} |"));
        for c in &t.columns {
            out.push_str(&format!(" {:.3} |", c.scores.labels[&label].f1));
        }
        let target = report.map_or(String::new(), |r| {
            met(r.labels[&label].f1, REPORT_LABEL_TARGET)
        });
        out.push_str(&format!(" {:.3} | {target} | |\n", t.ceiling[&label]));
    }
    out.push_str("| macro |");
    for c in &t.columns {
        out.push_str(&format!(" {:.3} |", c.scores.macro_f1));
    }
    let target = report.map_or(String::new(), |r| met(r.macro_f1, REPORT_MACRO_TARGET));
    let seeds = seeds.map_or(String::new(), |s| met(s.macro_f1, SEEDS_MACRO_TARGET));
    out.push_str(&format!(" {:.3} | {target} | {seeds} |\n", t.ceiling_macro));
    out
}

/// The whole quality report as Markdown: the label table, then the other
/// measures.
pub fn render_all(q: &Quality) -> String {
    format!("{}\n{}", render_labels(&q.labels), render(&q.rows))
}

/// The measures table as Markdown.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from("| measure | data | value | target |\n| --- | --- | --- | --- |\n");
    for r in rows {
        let target = r.target.map_or(String::new(), |t| met(r.value, t));
        out.push_str(&format!(
            "| {} | {} | {:.3} | {} |\n",
            r.measure, r.data, r.value, target
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_of_a_line_is_one() {
        let r = pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]);
        assert!((r - 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }
}
