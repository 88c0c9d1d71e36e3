//! `claimscan explain RULE`: a rule's documentation and examples, for a
//! lexicon entry, a context rule or a suppression rule alike.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use claimscan::ci::suppress;
use claimscan::pipeline::classify;
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
