//! `claimscan explain RULE`: a rule's documentation and examples, for a
//! lexicon entry, a context rule or a suppression rule alike.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use claimscan::Settings;

use super::{configured, ConfigArgs, LexiconArgs, PolicyArgs};

#[derive(Args)]
pub struct ExplainArgs {
    /// A rule id (A101) or name (certainty-booster).
    pub rule: String,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `claimscan explain`.
pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let settings = configured(&args.lexicons, &args.config, &PolicyArgs::default())?;
    explain(&args.rule, &settings)
}

fn explain(key: &str, settings: &Settings) -> anyhow::Result<ExitCode> {
    let Some(text) = claimscan::report::explain::explain(key, settings) else {
        anyhow::bail!("unknown rule `{key}`; `claimscan rules` lists them all");
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
