//! The command line: clap → the library → exit code.
//!
//! Exit codes: 0 nothing at or above `fail-on` (default warning), 1 a
//! finding at or above it, 2 an error (a file that could not be read, a bad
//! lexicon or config file, a bad argument).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use claimscan::baseline::{self, Baseline};
use claimscan::config::{self, Config, Overrides};
use claimscan::report::{self, Format, Summary};
use claimscan::{classify, eval, suppress, walk, Settings};

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
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// List every rule: id, label, name and summary.
    Rules {
        #[command(flatten)]
        lexicons: LexiconArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the merged configuration (defaults < claimscan.toml < flags) as
    /// a config file.
    Config {
        #[command(flatten)]
        lexicons: LexiconArgs,
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Write a commented starter claimscan.toml in the current folder
    /// (never overwrites one).
    Init,
    /// Read JSON Lines documents ({"id", "text"}) from stdin and write one JSON
    /// line per document ({"id", "sentences", "summary"}) to stdout, in order.
    Stream {
        /// Number of threads (default: all cores).
        #[arg(short = 'j', long)]
        threads: Option<usize>,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Print the units of one input, one JSON object a line ({"start", "end",
    /// "line", "column", "text"}): the segmenter's debugging view.
    Segment {
        /// A file, or `-` to read stdin.
        file: PathBuf,
        /// The input format (default: by the file's extension; stdin is text).
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<claimscan::ingest::InputFormat>,
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
    /// Print the quality table: hedged F1 on the hedge-uncertainty sets,
    /// Pearson r on science-certainty, per-label F1 on the dev set and the
    /// sample gold (all read from the repository).
    Quality {
        /// The repository root (holding eval/, tests/dev/, corpus/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
struct ConfigArgs {
    /// Use this config file instead of the nearest claimscan.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Use no config file: built-in defaults and flags only.
    #[arg(long)]
    isolated: bool,
}

#[derive(Args, Default)]
struct PolicyArgs {
    /// Report only these rules (ids, names or labels; comma-separated;
    /// replaces the config file's `select`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,
    /// Never report these rules (added to the config file's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// The lowest severity that makes the exit code 1: error, warning
    /// (default), note, info or never.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<String>,
    /// Skip files and folders matching this glob when walking a folder
    /// (added to the config file's `exclude`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Apply `exclude` to files named on the command line too (as
    /// pre-commit names each staged file).
    #[arg(long)]
    force_exclude: bool,
}

#[derive(Args, Default)]
struct CheckArgs {
    /// Files or folders (folders are walked for .txt, .md, .markdown, .html, .htm).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "terminal")]
    format: Option<Format>,
    /// Write one report file per article into this folder (json, html).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// When to colour the terminal and concise views (auto: only on a
    /// terminal, and not when NO_COLOR is set).
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: clap::ColorChoice,
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
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if claimscan::interrupt::interrupted() {
                eprintln!("claimscan: interrupted; reports already written are complete");
                return ExitCode::from(claimscan::interrupt::EXIT_CODE);
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
        Some(Command::Explain {
            rule,
            lexicons,
            config,
        }) => explain(
            &rule,
            &configured(&lexicons, &config, &PolicyArgs::default())?,
        ),
        Some(Command::Rules { lexicons, config }) => {
            rules(&configured(&lexicons, &config, &PolicyArgs::default())?)
        }
        Some(Command::Config {
            lexicons,
            config,
            policy,
        }) => {
            let settings = configured(&lexicons, &config, &policy)?;
            print!("{}", settings.policy().to_toml());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init) => init(),
        Some(Command::Quality { root, lexicons }) => {
            let rows = claimscan::quality::report(&root, &settings(&lexicons)?)?;
            print!("{}", claimscan::quality::render(&rows));
            Ok(ExitCode::SUCCESS)
        }
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
        Some(Command::Segment { file, input_format }) => segment(&file, input_format),
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

/// Settings from the config file (found, named or none) and the flags.
fn configured(
    lexicons: &LexiconArgs,
    config: &ConfigArgs,
    policy: &PolicyArgs,
) -> anyhow::Result<Settings> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let overrides = Overrides {
        config: config.config.clone(),
        isolated: config.isolated,
        select: policy.select.clone(),
        ignore: policy.ignore.clone(),
        fail_on: policy.fail_on.clone(),
        exclude: policy.exclude.clone(),
        lexicons: lexicons.dirs.clone(),
    };
    let config = Config::load(overrides, &cwd)?;
    Ok(Settings::from_config(&config)?)
}

/// Writes a starter config file; refuses to overwrite one.
fn init() -> anyhow::Result<ExitCode> {
    let path = PathBuf::from(config::FILE_NAME);
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} already exists; edit it, or delete it first to start again",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(config::STARTER.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "claimscan: wrote {}; `claimscan config` shows the merged result",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// What `check` adds to plain analysis: which files to read, suppression
/// comments, and the baseline.
#[derive(Default)]
struct CheckRun<'a> {
    /// Apply suppression comments and the baseline (false for `eval`, which
    /// measures the labeller itself).
    check: bool,
    baseline: Option<&'a Baseline>,
}

/// Runs the pipeline on one file. A panic is a bug, but it must not take the
/// other files down with it: it becomes an error for this file.
fn analyze_one(
    input: &walk::Input,
    settings: &Settings,
    run: &CheckRun<'_>,
) -> Result<report::FileReport, String> {
    if claimscan::interrupt::interrupted() {
        return Err(format!("{}: skipped (interrupted)", input.path.display()));
    }
    let run = || {
        if run.check {
            claimscan::check::check_file(&input.path, &input.relative, settings, run.baseline)
                .map_err(|e| e.to_string())
        } else {
            claimscan::analyze_file(&input.path, settings)
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
fn analyze_all(
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
            Err(_) if claimscan::interrupt::interrupted() => summary.errors += 1,
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
    // Ctrl-C stops the run between files, with no report half-written.
    claimscan::interrupt::install().context("cannot install the Ctrl-C handler")?;
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
    claimscan::pipeline::ordered_map(
        &inputs,
        |input| {
            let result = analyze_one(input, &settings, &run);
            let written = match (&result, json_files) {
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
            if claimscan::interrupt::interrupted() {
                anyhow::bail!("interrupted");
            }
            written?;
            progress.inc(1);
            match result {
                Ok(r) => {
                    summary.add(&r);
                    failed |= claimscan::check::fails(std::slice::from_ref(&r), policy.fail_on);
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
    if claimscan::interrupt::interrupted() {
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
fn color_enabled(when: clap::ColorChoice) -> bool {
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
    } else if let Some(r) = suppress::find(key) {
        writeln!(
            out,
            "{} {} (suppression comments)\n\n{}\n\n{}\n",
            r.id, r.name, r.summary, r.doc
        )?;
        let flags: Vec<String> = r.flags.iter().map(|s| s.to_string()).collect();
        let allows: Vec<String> = r.allows.iter().map(|s| s.to_string()).collect();
        print_examples(&mut out, &flags, &allows)?;
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

/// `claimscan segment`: the units of one input as JSON Lines.
fn segment(
    file: &std::path::Path,
    format: Option<claimscan::ingest::InputFormat>,
) -> anyhow::Result<ExitCode> {
    use claimscan::ingest;
    use std::io::Read;
    let doc = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        let format = format.unwrap_or(ingest::InputFormat::Text);
        ingest::from_bytes(std::path::Path::new("<stdin>"), bytes, format)?
    } else {
        ingest::read_file_as(file, format)?
    };
    let units = claimscan::segment::segment(&doc);
    let records = report::segments::records(&doc, &units);
    let mut out = io::BufWriter::new(io::stdout().lock());
    report::segments::write_jsonl(&records, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
    rows.extend(
        suppress::NOTICE_RULES
            .iter()
            .map(|r| (r.id, "notice", r.name, r.summary)),
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
