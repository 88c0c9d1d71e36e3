//! Per-cue precision of the hedged rules against a hedge-cue corpus: the
//! tool the hedged lexicons are tuned with.
//!
//! ```sh
//! cargo run --example hedge_cues -- /work/shared/eval/hedge-uncertainty/bio-train-szuc.jsonl [TOP]
//! ```
//!
//! The file is JSON Lines with `text`, `uncertain` and `cues_utf8` (the
//! cue spans as UTF-8 byte offsets), as in the shared
//! `eval/hedge-uncertainty/` folder. It prints sentence-level hedged P/R/F1
//! (by document type when rows carry `doc_type`), then, for each rule and
//! matched phrase, how many of its hits lie on a gold cue span, how many do
//! not, and how many false-positive sentences it causes alone; the `TOP`
//! (default 40) phrases with most hits off a cue come first.
//!
//! Run it on the **train** files only (`bio-train-szuc.jsonl`,
//! `bio-train.jsonl`). The evaluation files in `eval/hedge-uncertainty/`
//! are for `claimscan quality`'s aggregate figures; looking at their cues
//! one by one would be tuning on them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context};
use claimscan::pipeline::analyze_text;
use claimscan::pipeline::lexicon::Label;
use claimscan::Settings;
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    text: String,
    uncertain: bool,
    #[serde(default)]
    cues_utf8: Vec<(usize, usize)>,
    #[serde(default)]
    doc_type: Option<String>,
}

/// One sentence's hedged findings: (rule, lower-cased match, on a gold cue).
type Hits = Vec<(String, String, bool)>;

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    fn line(&self) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "P {p:.3} R {r:.3} F1 {f:.3} (tp {} fp {} fn {})",
            self.tp, self.fp, self.fn_
        )
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        bail!("usage: hedge_cues FILE.jsonl [TOP]");
    };
    let top: usize = match args.next() {
        Some(t) => t
            .parse()
            .with_context(|| format!("TOP must be a number, not {t:?}"))?,
        None => 40,
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect::<anyhow::Result<_>>()?;
    let settings = Settings::new(&[])?;
    let hits: Vec<Hits> = rows
        .par_iter()
        .map(|row| {
            let analysis = analyze_text(&row.text, &settings);
            let mut out = Hits::new();
            for (unit, verdict) in analysis.units.iter().zip(&analysis.verdicts) {
                for f in verdict.findings.iter().filter(|f| f.label == Label::Hedged) {
                    let (start, end) = (unit.start + f.start, unit.start + f.end);
                    let on_cue = row.cues_utf8.iter().any(|&(s, e)| start < e && s < end);
                    let phrase = row.text.get(start..end).unwrap_or("").to_lowercase();
                    out.push((f.rule.clone(), phrase, on_cue));
                }
            }
            out
        })
        .collect();

    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    // (rule, phrase) → [hits on a cue, hits off, false positives alone]
    let mut cues: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    for (row, found) in rows.iter().zip(&hits) {
        let predicted = !found.is_empty();
        all.add(predicted, row.uncertain);
        if let Some(t) = &row.doc_type {
            by_type
                .entry(t.clone())
                .or_default()
                .add(predicted, row.uncertain);
        }
        for (rule, phrase, on_cue) in found {
            let c = cues.entry((rule.clone(), phrase.clone())).or_default();
            c[usize::from(!on_cue)] += 1;
        }
        let mut phrases: Vec<(&String, &String)> = found.iter().map(|(r, p, _)| (r, p)).collect();
        phrases.sort();
        phrases.dedup();
        if let [(rule, phrase)] = phrases[..] {
            if !row.uncertain {
                if let Some(c) = cues.get_mut(&(rule.clone(), phrase.clone())) {
                    c[2] += 1;
                }
            }
        }
    }

    println!("{}: {}", path.display(), all.line());
    for (t, c) in &by_type {
        println!("  {t}: {}", c.line());
    }
    let mut rows: Vec<(&(String, String), &[usize; 3])> = cues.iter().collect();
    rows.sort_by_key(|(k, c)| (std::cmp::Reverse(c[1]), std::cmp::Reverse(c[0]), *k));
    println!("\nrule  phrase                          on cue  off cue  precision  FP alone");
    for ((rule, phrase), c) in rows.into_iter().take(top) {
        let precision = c[0] as f64 / (c[0] + c[1]).max(1) as f64;
        println!(
            "{rule}  {phrase:<30}  {:>6}  {:>7}  {precision:>9.2}  {:>8}",
            c[0], c[1], c[2]
        );
    }
    Ok(())
}
