//! Many files: which to read, in what order, on how many threads, and how a
//! run stops.
//!
//! - [`walk`]: paths and folders → the inputs, in path order;
//! - [`ordered`]: the parallel driver that keeps input order in bounded memory;
//! - [`check`]: one file through the pipeline, the report and the CI filters;
//! - [`stream`]: JSON Lines documents in, JSON Lines reports out;
//! - [`interrupt`]: Ctrl-C and SIGTERM, with no report left half-written.

pub mod check;
pub mod interrupt;
pub mod ordered;
pub mod stream;
pub mod walk;
