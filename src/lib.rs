//! claimscan: marks how each claim in a health article is supported.
//!
//! - [`pipeline`]: the stages, in order: ingest → segment → lexicon →
//!   classify → sources. One document in, its units and verdicts out.
//! - [`report`]: the last stage: a [`report::FileReport`] per article and
//!   one module per output format behind the [`report::Reporter`] trait.
//! - [`ci`]: what a CI pipeline adds: the config file, inline
//!   suppressions, the baseline.
//! - [`batch`]: many files: walking folders, the ordered parallel driver,
//!   the JSON Lines stream, Ctrl-C and SIGTERM.
//! - [`measure`]: scoring against gold files and the quality table.
//! - [`lsp`]: the language server (`claimscan lsp`), on the same checks.
//! - [`Settings`]: the lexicons, the compiled matcher and the resolved
//!   configuration, built once and shared by every thread.
//! - [`work`]: deterministic work counters, for the linear-cost tests.

pub mod batch;
pub mod ci;
pub mod error;
pub mod invariants;
pub mod lsp;
pub mod measure;
pub mod pipeline;
pub mod report;
pub mod settings;
pub mod severity;
pub mod work;

pub use settings::Settings;
