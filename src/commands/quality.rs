//! `claimscan quality`: every quality figure in one table, read from the
//! repository's evaluation files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{settings, LexiconArgs};

#[derive(Args)]
pub struct QualityArgs {
    /// The repository root (holding eval/, tests/dev/, corpus/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// Runs `claimscan quality`.
pub fn run(args: QualityArgs) -> anyhow::Result<ExitCode> {
    let quality = claimscan::measure::quality::report(&args.root, &settings(&args.lexicons)?)?;
    print!("{}", claimscan::measure::quality::render_all(&quality));
    Ok(ExitCode::SUCCESS)
}
