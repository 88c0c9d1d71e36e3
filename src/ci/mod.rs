//! What CI pipelines add to a check, applied after the report is built:
//!
//! - [`config`]: `claimscan.toml` (select, ignore, severities, fail-on,
//!   include/exclude, house lexicons) resolved into a [`config::Policy`];
//! - [`suppress`]: inline suppression comments and the notices about them;
//! - [`baseline`]: findings recorded in a file, so only new ones are reported.

pub mod baseline;
pub mod config;
pub mod suppress;
