//! `claimscan check`: files and folders → a report in the chosen format,
//! and an exit code by `fail-on`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;

use claimscan::batch::walk;
use claimscan::ci::baseline::{self, Baseline};
use claimscan::report::{self, Format, Summary};
use claimscan::Settings;

use super::{configured, set_threads, ConfigArgs, LexiconArgs, PolicyArgs};

#[derive(Args, Default)]
pub struct CheckArgs {
    /// Files or folders (folders are walked for .txt, .md, .markdown, .html, .htm).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: Option<Format>,
    /// Write one report file per article into this folder (json, html).
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// When to colour the terminal and concise views (auto: only on a
    /// terminal, and not when NO_COLOR is set).
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
    /// Also write a CSV table with one row per article (counts, rates per
    /// 1,000 words, share of claims cited) to this file.
    #[arg(long, value_name = "FILE.csv")]
    pub summary: Option<PathBuf>,
    /// Include (or, with a leading `!`, exclude) files matching this glob
    /// when walking folders; repeatable. Include globs also admit other
    /// extensions (read as plain text).
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Walk hidden files and folders too.
    #[arg(long)]
    pub hidden: bool,
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

/// What `check` adds to plain analysis: which files to read, suppression
/// comments, and the baseline.
#[derive(Default)]
pub struct CheckRun<'a> {
    /// Apply suppression comments and the baseline (false for `eval`, which
    /// measures the labeller itself).
    pub check: bool,
    pub baseline: Option<&'a Baseline>,
}

/// Runs the pipeline on one file. A panic is a bug, but it must not take the
/// other files down with it: it becomes an error for this file.
pub fn analyze_one(
    input: &walk::Input,
    settings: &Settings,
    run: &CheckRun<'_>,
) -> Result<report::FileReport, String> {
    if claimscan::batch::interrupt::interrupted() {
        return Err(format!("{}: skipped (interrupted)", input.path.display()));
    }
    let run = || {
        if run.check {
            claimscan::batch::check::check_file(
                &input.path,
                &input.relative,
                settings,
                run.baseline,
            )
            .map_err(|e| e.to_string())
        } else {
            claimscan::pipeline::analyze_file(&input.path, settings)
                .map(|a| report::file_report(&a, &input.relative, settings))
                .map_err(|e| e.to_string())
        }
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(format!(
            "{}: internal error while analysing this file (a bug in claimscan; please report it with the file)",
            input.path.display()
        ))
    })
}

/// Runs the pipeline over inputs in parallel; results come back in input
/// order. Errors are printed as they are met and counted.
pub fn analyze_all(
    paths: &[PathBuf],
    settings: &Settings,
    summary: &mut Summary,
    run: &CheckRun<'_>,
) -> Vec<report::FileReport> {
    let (inputs, walk_errors) = walk::inputs(paths);
    for e in &walk_errors {
        eprintln!("claimscan: error: {}: {}", e.path.display(), e.message);
    }
    summary.errors += walk_errors.len();
    let results: Vec<_> = inputs
        .par_iter()
        .map(|input| analyze_one(input, settings, run))
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            // After Ctrl-C the files left are skipped, not failed.
            Err(_) if claimscan::batch::interrupt::interrupted() => summary.errors += 1,
            Err(e) => {
                eprintln!("claimscan: error: {e}");
                summary.errors += 1;
            }
        }
    }
    reports
}

pub fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    if args.paths.is_empty() {
        anyhow::bail!(
            "no paths given; usage: claimscan check PATH... (try `claimscan check corpus/`)"
        );
    }
    set_threads(args.threads)?;
    // Ctrl-C and SIGTERM stop the run within about a second, wherever it
    // is, with no report half-written and no temporary file left.
    claimscan::batch::interrupt::install().context("cannot install the signal handler")?;
    let settings = configured(&args.lexicons, &args.config, &args.policy)?;
    let format = args.format.unwrap_or(Format::Terminal);
    match (format, &args.output_dir) {
        (Format::Json | Format::Html, Some(_)) | (Format::Json, None) => {}
        (Format::Html, None) => {
            anyhow::bail!(
                "--format html needs --output-dir DIR (one page per article, and DIR/index.html)"
            )
        }
        (_, Some(_)) => anyhow::bail!("--output-dir needs --format json or --format html"),
        (_, None) => {}
    }
    let policy = settings.policy();
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path)?),
        None => None,
    };
    let mut filter =
        walk::FileFilter::new(&policy.base, policy.include.as_deref(), &policy.exclude)
            .map_err(|e| anyhow::anyhow!(e))?;
    filter.force_exclude = args.policy.force_exclude;
    let run = CheckRun {
        check: true,
        baseline: baseline.as_ref(),
    };
    let mut summary = Summary::default();
    let options = walk::WalkOptions {
        globs: args.globs.clone(),
        hidden: args.hidden,
        filter,
    };
    let (inputs, walk_errors) = walk::inputs_with(&args.paths, &options);
    for e in &walk_errors {
        eprintln!("claimscan: error: {}: {}", e.path.display(), e.message);
    }
    summary.errors += walk_errors.len();
    // --write-baseline records findings instead of reporting them.
    let mut recorder = args
        .write_baseline
        .as_ref()
        .map(|_| baseline::Recorder::default());
    let mut table = match &args.summary {
        Some(path) => Some(
            report::articles::ArticleTable::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => None,
    };
    // JSON with --output-dir: each report goes to its own file, written on
    // the worker threads; every other format writes on the calling thread,
    // in input order.
    let json_files = match (format, &args.output_dir) {
        (Format::Json, Some(dir)) if recorder.is_none() => Some(dir.as_path()),
        _ => None,
    };
    let mut reporter = (json_files.is_none() && recorder.is_none()).then(|| {
        format.reporter_with(report::ReportOptions {
            output_dir: args.output_dir.clone(),
            rules: settings.rule_docs(),
            fail_on: policy.fail_on,
            color: color_enabled(args.color),
        })
    });
    let progress = progress_bar(inputs.len());
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    claimscan::batch::ordered::ordered_map(
        &inputs,
        // Chunks are bounded by the bytes of their files, so a folder of
        // large files stays in bounded memory too.
        |input| std::fs::metadata(&input.path).map_or(0, |m| m.len()),
        |input| {
            let mut result = analyze_one(input, &settings, &run);
            let written = match (&mut result, json_files) {
                (Ok(r), Some(dir)) => {
                    let written = report::json::write_report_file(dir, r).with_context(|| {
                        format!(
                            "cannot write {}",
                            report::json::report_path(dir, r).display()
                        )
                    });
                    // Written: the article's text is not needed any more (the
                    // sink reads counts, severities and the units).
                    r.article = report::ArticleText::default();
                    written
                }
                _ => Ok(()),
            };
            (result, written)
        },
        |(result, written)| -> anyhow::Result<()> {
            if claimscan::batch::interrupt::interrupted() {
                anyhow::bail!("interrupted");
            }
            written?;
            progress.inc(1);
            match result {
                Ok(r) => {
                    summary.add(&r);
                    failed |=
                        claimscan::batch::check::fails(std::slice::from_ref(&r), policy.fail_on);
                    if let Some(rec) = recorder.as_mut() {
                        rec.add(&r);
                    }
                    if let Some(t) = table.as_mut() {
                        t.add(&r).with_context(|| {
                            format!("cannot write the summary row of {}", r.path)
                        })?;
                    }
                    if let Some(rep) = reporter.as_mut() {
                        rep.file(&r, &mut out)
                            .with_context(|| format!("cannot write the report of {}", r.path))?;
                    }
                }
                Err(e) => {
                    progress.suspend(|| eprintln!("claimscan: error: {e}"));
                    summary.errors += 1;
                }
            }
            Ok(())
        },
    )?;
    progress.finish_and_clear();
    if let (Some(t), Some(path)) = (table, &args.summary) {
        t.finish()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if claimscan::batch::interrupt::interrupted() {
        anyhow::bail!("interrupted");
    }
    if let (Some(rec), Some(path)) = (recorder, &args.write_baseline) {
        let b = rec.finish();
        b.write(path)
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        let n: usize = b.findings.iter().map(|e| e.count).sum();
        eprintln!(
            "claimscan: recorded {n} findings in {}; check with --baseline {} to see only new ones",
            path.display(),
            path.display()
        );
        return Ok(if summary.errors > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    if let Some(rep) = reporter.as_mut() {
        rep.finish(&summary, &mut out)?;
    }
    out.flush()?;
    Ok(if summary.errors > 0 {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether stdout gets colour: `--color`, then `NO_COLOR`/`CLICOLOR_FORCE`,
/// then whether stdout is a terminal (anstream's rules).
pub fn color_enabled(when: clap::ColorChoice) -> bool {
    let choice = match when {
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
    };
    choice.write_global();
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}

/// A progress bar on stderr, for people watching a long run: only when
/// stderr is a terminal, more than one file is read and `CI` is not set.
/// Otherwise a hidden bar, so logs and pipes stay clean.
pub fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files <= 1 || !io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}
