//! The command line: clap → the library → exit code.
//!
//! Exit codes: 0 nothing flagged, 1 something flagged, 2 an error (a file
//! that could not be read, a bad lexicon, a bad argument).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use claimscan::report::{self, Format, Summary};
use claimscan::{classify, eval, walk, Settings};

#[derive(Parser)]
#[command(
    name = "claimscan",
    version,
    about = "Marks how each claim in a health article is supported: cited, vague, hedged or absolute."
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles and report every unit's labels (the default).
    Check(CheckArgs),
    /// Print a rule's documentation and examples.
    Explain {
        /// A rule id (A101) or name (certainty-booster).
        rule: String,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// List every rule: id, label, name and summary.
    Rules {
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Read JSON Lines documents ({"id", "text"}) from stdin and write one JSON
    /// line per document ({"id", "sentences", "summary"}) to stdout, in order.
    Stream {
        /// Number of threads (default: all cores).
        #[arg(short = 'j', long)]
        threads: Option<usize>,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Score the pipeline against a gold file (the guide's overlap rule).
    Eval {
        /// Gold JSONL file: {"article", "start", "end", "labels"} per line.
        #[arg(long)]
        gold: PathBuf,
        /// Articles or folders to run on.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// List each gold unit whose labels differ.
        #[arg(long)]
        errors: bool,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
}

#[derive(Args, Default)]
struct LexiconArgs {
    /// A folder of extra lexicon files; its entries add to or override the
    /// built-in ones by id. Repeatable.
    #[arg(long = "lexicon", value_name = "DIR")]
    dirs: Vec<PathBuf>,
}

#[derive(Args, Default)]
struct CheckArgs {
    /// Files or folders (folders are walked for .txt, .md, .markdown, .html, .htm).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "terminal")]
    format: Option<Format>,
    /// Write one report file per article into this folder (json).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Also write a CSV table with one row per article (counts, rates per
    /// 1,000 words, share of claims cited) to this file.
    #[arg(long, value_name = "FILE.csv")]
    summary: Option<PathBuf>,
    /// Include (or, with a leading `!`, exclude) files matching this glob
    /// when walking folders; repeatable. Include globs also admit other
    /// extensions (read as plain text).
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// Walk hidden files and folders too.
    #[arg(long)]
    hidden: bool,
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    #[command(flatten)]
    lexicons: LexiconArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("claimscan: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Check(args)) => check(args),
        None => check(cli.check),
        Some(Command::Explain { rule, lexicons }) => explain(&rule, &settings(&lexicons)?),
        Some(Command::Rules { lexicons }) => rules(&settings(&lexicons)?),
        Some(Command::Stream { threads, lexicons }) => {
            set_threads(threads)?;
            let settings = settings(&lexicons)?;
            let stdin = io::stdin();
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let stats = claimscan::stream::run(stdin.lock(), &mut out, &settings)?;
            if stats.errors > 0 {
                eprintln!(
                    "claimscan: {} of {} lines could not be read; see their \"error\" records",
                    stats.errors,
                    stats.errors + stats.documents
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Eval {
            gold,
            paths,
            json,
            errors,
            lexicons,
        }) => run_eval(&gold, &paths, json, errors, &settings(&lexicons)?),
    }
}

fn settings(args: &LexiconArgs) -> anyhow::Result<Settings> {
    Ok(Settings::new(&args.dirs)?)
}

/// Runs the pipeline on one file. A panic is a bug, but it must not take the
/// other files down with it: it becomes an error for this file.
fn analyze_one(input: &walk::Input, settings: &Settings) -> Result<report::FileReport, String> {
    let run = || {
        claimscan::analyze_file(&input.path, settings)
            .map(|a| report::file_report(&a, &input.relative, settings))
            .map_err(|e| e.to_string())
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
fn analyze_all(
    paths: &[PathBuf],
    settings: &Settings,
    summary: &mut Summary,
) -> Vec<report::FileReport> {
    let (inputs, walk_errors) = walk::inputs(paths);
    for e in &walk_errors {
        eprintln!("claimscan: error: {}: {}", e.path.display(), e.message);
    }
    summary.errors += walk_errors.len();
    let results: Vec<_> = inputs
        .par_iter()
        .map(|input| analyze_one(input, settings))
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => {
                eprintln!("claimscan: error: {e}");
                summary.errors += 1;
            }
        }
    }
    reports
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    if args.paths.is_empty() {
        anyhow::bail!(
            "no paths given; usage: claimscan check PATH... (try `claimscan check corpus/`)"
        );
    }
    set_threads(args.threads)?;
    let settings = settings(&args.lexicons)?;
    let format = args.format.unwrap_or(Format::Terminal);
    if args.output_dir.is_some() && format != Format::Json {
        anyhow::bail!("--output-dir needs --format json");
    }
    let mut summary = Summary::default();
    let options = walk::WalkOptions {
        globs: args.globs.clone(),
        hidden: args.hidden,
    };
    let (inputs, walk_errors) = walk::inputs_with(&args.paths, &options);
    for e in &walk_errors {
        eprintln!("claimscan: error: {}: {}", e.path.display(), e.message);
    }
    summary.errors += walk_errors.len();
    let mut table = match &args.summary {
        Some(path) => Some(
            report::articles::ArticleTable::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => None,
    };
    // With --output-dir each report goes to its own file, written on the
    // worker threads; only the ordered outputs wait for the calling thread.
    let output_dir = args.output_dir.as_deref();
    let mut reporter = output_dir.is_none().then(|| format.reporter(None));
    let progress = progress_bar(inputs.len());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    claimscan::pipeline::ordered_map(
        &inputs,
        |input| {
            let result = analyze_one(input, &settings);
            let written = match (&result, output_dir) {
                (Ok(r), Some(dir)) => report::json::write_report_file(dir, r).with_context(|| {
                    format!(
                        "cannot write {}",
                        report::json::report_path(dir, r).display()
                    )
                }),
                _ => Ok(()),
            };
            (result, written)
        },
        |(result, written)| -> anyhow::Result<()> {
            written?;
            progress.inc(1);
            match result {
                Ok(r) => {
                    summary.add(&r);
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
    if let Some(rep) = reporter.as_mut() {
        rep.finish(&summary, &mut out)?;
    }
    out.flush()?;
    if let (Some(t), Some(path)) = (table, &args.summary) {
        t.finish()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(2)
    } else if summary.totals.flagged > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on stderr, for people watching a long run: only when
/// stderr is a terminal, more than one file is read and `CI` is not set.
/// Otherwise a hidden bar, so logs and pipes stay clean.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
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

/// Caps rayon's thread pool.
fn set_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up threads")?;
    }
    Ok(())
}

fn explain(key: &str, settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if let Some(e) = settings.entry(key) {
        writeln!(
            out,
            "{} {} ({})\n\n{}\n\n{}\n",
            e.id, e.name, e.label, e.summary, e.doc
        )?;
        print_examples(&mut out, &e.flags, &e.allows)?;
        writeln!(out, "Defined in {}", e.origin)?;
    } else if let Some(r) = classify::rules::find(key) {
        writeln!(
            out,
            "{} {} ({}, context rule)\n\n{}\n\n{}\n",
            r.id, r.name, r.label, r.summary, r.doc
        )?;
        let flags: Vec<String> = r.flags.iter().map(|s| s.to_string()).collect();
        let allows: Vec<String> = r.allows.iter().map(|s| s.to_string()).collect();
        print_examples(&mut out, &flags, &allows)?;
    } else {
        anyhow::bail!("unknown rule `{key}`; `claimscan rules` lists them all");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_examples(out: &mut dyn Write, flags: &[String], allows: &[String]) -> io::Result<()> {
    if !flags.is_empty() {
        writeln!(out, "Flags:")?;
        for f in flags {
            writeln!(out, "  + {f}")?;
        }
    }
    if !allows.is_empty() {
        writeln!(out, "Does not flag:")?;
        for a in allows {
            writeln!(out, "  - {a}")?;
        }
    }
    writeln!(out)
}

fn rules(settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let mut rows: Vec<(&str, &str, &str, &str)> = settings
        .entries()
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.label.as_str(),
                e.name.as_str(),
                e.summary.as_str(),
            )
        })
        .collect();
    rows.extend(
        classify::rules::RULES
            .iter()
            .map(|r| (r.id, r.label.as_str(), r.name, r.summary)),
    );
    rows.sort();
    for (id, label, name, summary) in rows {
        writeln!(out, "{id}  {label:<8}  {name:<28}  {summary}")?;
    }
    Ok(ExitCode::SUCCESS)
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
    let reports = analyze_all(paths, settings, &mut summary);
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
                let fmt = |s: &std::collections::BTreeSet<claimscan::lexicon::Label>| {
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
