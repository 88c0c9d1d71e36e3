//! `claimscan config` (the merged configuration, as a config file) and
//! `claimscan init` (a commented starter `claimscan.toml`).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use claimscan::ci::config;

use super::{configured, ConfigArgs, LexiconArgs, PolicyArgs};

#[derive(Args)]
pub struct ConfigCmdArgs {
    #[command(flatten)]
    pub lexicons: LexiconArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// Runs `claimscan config`.
pub fn run(args: ConfigCmdArgs) -> anyhow::Result<ExitCode> {
    let settings = configured(&args.lexicons, &args.config, &args.policy)?;
    print!("{}", settings.policy().to_toml());
    Ok(ExitCode::SUCCESS)
}

/// Writes a starter config file; refuses to overwrite one.
pub fn init() -> anyhow::Result<ExitCode> {
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
