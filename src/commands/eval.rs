//! `claimscan eval --gold FILE PATH...`: precision, recall and F1 per label
//! against a gold file, by the guide's overlap rule.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use claimscan::measure::eval;
use claimscan::report::Summary;
use claimscan::Settings;

use super::check::{analyze_all, CheckRun};
use super::{settings, LexiconArgs};

#[derive(Args)]
pub struct EvalArgs {
    /// Gold JSONL file: {"article", "start", "end", "labels"} per line.
    #[arg(long)]
    pub gold: PathBuf,
    /// Articles or folders to run on.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// List each gold unit whose labels differ.
    #[arg(long)]
    pub errors: bool,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// Runs `claimscan eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    run_eval(
        &args.gold,
        &args.paths,
        args.json,
        args.errors,
        &settings(&args.lexicons)?,
    )
}

fn run_eval(
    gold: &std::path::Path,
    paths: &[PathBuf],
    json: bool,
    show_errors: bool,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let gold_units = eval::read_gold(gold)?;
    let mut summary = Summary::default();
    let reports = analyze_all(paths, settings, &mut summary, &CheckRun::default());
    let scores = eval::score(&gold_units, &reports);
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &scores)?;
        writeln!(out)?;
    } else {
        if show_errors {
            let texts: std::collections::BTreeMap<(String, usize), String> = reports
                .iter()
                .flat_map(|r| {
                    let name = std::path::Path::new(&r.path)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    r.sentences
                        .iter()
                        .map(move |s| ((name.clone(), s.start), s.text.clone()))
                })
                .collect();
            for (article, start, expected, predicted) in &scores.errors {
                let fmt = |s: &std::collections::BTreeSet<claimscan::pipeline::lexicon::Label>| {
                    s.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",")
                };
                let text = texts
                    .get(&(article.clone(), *start))
                    .map_or("", String::as_str);
                writeln!(
                    out,
                    "{article}@{start}: gold [{}] got [{}] {}",
                    fmt(expected),
                    fmt(predicted),
                    text.chars().take(100).collect::<String>()
                )?;
            }
        }
        write!(out, "{}", eval::render(&scores))?;
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
