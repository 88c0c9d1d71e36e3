//! How much each pipeline stage costs on a folder of articles, one thread:
//! the share of analysis time per stage (ingest, segment, match, classify,
//! sources, scope), for the issue's budget "the source stage must not cost
//! more than 10% of check time". Ratios in one run; the machine may be
//! noisy, so run it twice.
//!
//! cargo run --release --example stage_costs -- ../shared/corpus/recovery/articles

use std::time::{Duration, Instant};

use claimscan::pipeline::{classify, ingest, scope, segment, sources};
use claimscan::Settings;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: stage_costs DIR");
        std::process::exit(2);
    };
    let settings = match Settings::new(&[]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let entries: Vec<_> = settings.entries().iter().collect();
    let mut t = [Duration::ZERO; 6];
    let mut bytes = 0;
    for p in &paths {
        let clock = Instant::now();
        let Ok(doc) = ingest::read_file(p) else {
            continue;
        };
        bytes += doc.source.len();
        t[0] += clock.elapsed();
        let clock = Instant::now();
        let units = segment::segment(&doc);
        t[1] += clock.elapsed();
        let clock = Instant::now();
        let hits: Vec<_> = units
            .iter()
            .map(|u| settings.matcher().scan(u.text(&doc)))
            .collect();
        t[2] += clock.elapsed();
        let clock = Instant::now();
        let mut verdicts: Vec<_> = units
            .iter()
            .zip(&hits)
            .map(|(u, h)| {
                classify::classify_unit(u.text(&doc), h, &entries, false, settings.words())
            })
            .collect();
        t[3] += clock.elapsed();
        let clock = Instant::now();
        let topics = sources::resolve(&doc, &units, &mut verdicts, &settings);
        t[4] += clock.elapsed();
        let clock = Instant::now();
        scope::apply(&units, &topics, &mut verdicts);
        for v in &mut verdicts {
            v.finish();
        }
        t[5] += clock.elapsed();
    }
    let total: Duration = t.iter().sum();
    println!(
        "{} files, {:.1} MB, analysis {:.2} s",
        paths.len(),
        bytes as f64 / 1e6,
        total.as_secs_f64()
    );
    for (name, d) in ["ingest", "segment", "match", "classify", "sources", "scope"]
        .iter()
        .zip(t)
    {
        println!(
            "{name:>9}  {:6.3} s  {:5.1}%",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
}
