//! `claimscan stream`: JSON Lines documents on stdin, one JSON line per
//! document on stdout, in order (for pipelines such as Spark's `RDD.pipe`).

use std::io;
use std::process::ExitCode;

use clap::Args;

use super::{set_threads, settings, LexiconArgs};

#[derive(Args)]
pub struct StreamArgs {
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// Runs `claimscan stream`.
pub fn run(args: StreamArgs) -> anyhow::Result<ExitCode> {
    set_threads(args.threads)?;
    let settings = settings(&args.lexicons)?;
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stats = claimscan::batch::stream::run(stdin.lock(), &mut out, &settings)?;
    if stats.errors > 0 {
        eprintln!(
            "claimscan: {} of {} lines could not be read; see their \"error\" records",
            stats.errors,
            stats.errors + stats.documents
        );
    }
    Ok(ExitCode::SUCCESS)
}
