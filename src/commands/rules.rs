//! `claimscan rules`: every rule, one line each (id, label, name, summary).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use claimscan::ci::suppress;
use claimscan::pipeline::classify;
use claimscan::Settings;

use super::{configured, ConfigArgs, LexiconArgs, PolicyArgs};

#[derive(Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub lexicons: LexiconArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `claimscan rules`.
pub fn run(args: RulesArgs) -> anyhow::Result<ExitCode> {
    rules(&configured(
        &args.lexicons,
        &args.config,
        &PolicyArgs::default(),
    )?)
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
