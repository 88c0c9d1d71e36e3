//! The commands, one file each; this module holds the argument groups
//! they share and the set-up every command does (settings, threads).

pub mod check;
pub mod config;
pub mod eval;
pub mod explain;
pub mod lsp;
pub mod quality;
pub mod rules;
pub mod segment;
pub mod stream;

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use claimscan::ci::config::{Config, Overrides};
use claimscan::Settings;

#[derive(Args, Default)]
pub struct LexiconArgs {
    /// A folder of extra lexicon files; its entries add to or override the
    /// built-in ones by id. Repeatable.
    #[arg(long = "lexicon", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

#[derive(Args, Default)]
pub struct ConfigArgs {
    /// Use this config file instead of the nearest claimscan.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use no config file: built-in defaults and flags only.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Args, Default)]
pub struct PolicyArgs {
    /// Report only these rules (ids, names or labels; comma-separated;
    /// replaces the config file's `select`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Never report these rules (added to the config file's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// The lowest severity that makes the exit code 1: error, warning
    /// (default), note, info or never.
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    /// Skip files and folders matching this glob when walking a folder
    /// (added to the config file's `exclude`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Apply `exclude` to files named on the command line too (as
    /// pre-commit names each staged file).
    #[arg(long)]
    pub force_exclude: bool,
}

pub fn settings(args: &LexiconArgs) -> anyhow::Result<Settings> {
    Ok(Settings::new(&args.dirs)?)
}

/// Settings from the config file (found, named or none) and the flags.
pub fn configured(
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

/// Caps rayon's thread pool.
pub fn set_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up threads")?;
    }
    Ok(())
}
