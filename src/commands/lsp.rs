//! `claimscan lsp`: the language server, over stdin and stdout.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use lsp_server::Connection;

#[derive(Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because
    /// editors' clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Runs the server until the client sends `exit`: 0 after a `shutdown`,
/// 1 without one (as the protocol asks).
pub fn run(_args: LspArgs) -> anyhow::Result<ExitCode> {
    let (connection, io_threads) = Connection::stdio();
    let clean = claimscan::lsp::serve(&connection)?;
    drop(connection);
    io_threads
        .join()
        .context("language server: the connection to the client failed")?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
