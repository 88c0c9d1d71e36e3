//! Measuring the labeller: [`eval`] scores reports against a gold file by
//! the guide's overlap rule; [`quality`] prints every quality figure in one
//! table.

pub mod eval;
pub mod quality;
