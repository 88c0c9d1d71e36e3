//! The command line: clap → a command in [`commands`] → exit code.
//!
//! Exit codes: 0 nothing at or above `fail-on` (default warning), 1 a
//! finding at or above it, 2 an error (a file that could not be read, a bad
//! lexicon or config file, a bad argument), 130/143 interrupted.

mod commands;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::check::CheckArgs;

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
    Explain(commands::explain::ExplainArgs),
    /// List every rule: id, label, name and summary.
    Rules(commands::rules::RulesArgs),
    /// Print the merged configuration (defaults < claimscan.toml < flags) as
    /// a config file.
    Config(commands::config::ConfigCmdArgs),
    /// Write a commented starter claimscan.toml in the current folder
    /// (never overwrites one).
    Init,
    /// Read JSON Lines documents ({"id", "text"}) from stdin and write one JSON
    /// line per document ({"id", "sentences", "summary"}) to stdout, in order.
    Stream(commands::stream::StreamArgs),
    /// Print the units of one input, one JSON object a line ({"start", "end",
    /// "line", "column", "text"}): the segmenter's debugging view.
    Segment(commands::segment::SegmentArgs),
    /// Score the pipeline against a gold file (the guide's overlap rule).
    Eval(commands::eval::EvalArgs),
    /// Print the quality table: hedged F1 on the hedge-uncertainty sets,
    /// Pearson r on science-certainty, per-label F1 on the dev set and the
    /// sample gold (all read from the repository).
    Quality(commands::quality::QualityArgs),
    /// Run the language server (Language Server Protocol over stdin/stdout)
    /// for editors: diagnostics as you type, hover, quick fixes.
    Lsp(commands::lsp::LspArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if claimscan::batch::interrupt::interrupted() {
                eprintln!("claimscan: interrupted; reports already written are complete");
                return ExitCode::from(claimscan::batch::interrupt::exit_code());
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
        None => commands::check::check(cli.check),
        Some(Command::Check(args)) => commands::check::check(args),
        Some(Command::Explain(args)) => commands::explain::run(args),
        Some(Command::Rules(args)) => commands::rules::run(args),
        Some(Command::Config(args)) => commands::config::run(args),
        Some(Command::Init) => commands::config::init(),
        Some(Command::Stream(args)) => commands::stream::run(args),
        Some(Command::Segment(args)) => commands::segment::run(args),
        Some(Command::Eval(args)) => commands::eval::run(args),
        Some(Command::Quality(args)) => commands::quality::run(args),
        Some(Command::Lsp(args)) => commands::lsp::run(args),
    }
}
