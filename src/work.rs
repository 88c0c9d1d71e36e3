//! Work counters: a deterministic measure of how much a run did, so a test
//! can assert that the cost of a run follows the size of its input without
//! timing anything.
//!
//! Every loop of the pipeline whose length depends on its input (an
//! automaton's pass over a unit, a look-back window, a scan of a unit by a
//! context rule, the characters counted for a column, the bytes a report
//! copies) adds the bytes or items it walks with [`add`]. The count is per
//! thread, costs one addition on a thread-local cell, and never reaches the
//! output. `tests/linear.rs` analyses the same kind of input at two sizes
//! and asserts that the counts grow in proportion; a stage added later (the
//! sources stage) counts its loops the same way.
//!
//! The counter is a proxy, not a profile: it sees only the loops that call
//! [`add`]. The rule for adding one is simple: a loop over a slice of the
//! text, or over the hits, that is not bounded by a constant counts its
//! length.

use std::cell::Cell;

thread_local! {
    static UNITS: Cell<u64> = const { Cell::new(0) };
}

/// Records `n` units of work (bytes walked, items visited) on this thread.
#[inline]
pub fn add(n: usize) {
    UNITS.with(|c| c.set(c.get().wrapping_add(n as u64)));
}

/// The work recorded on this thread so far.
pub fn count() -> u64 {
    UNITS.with(Cell::get)
}

/// Runs `f` and returns its result with the work it recorded on this
/// thread.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = count();
    let r = f();
    (r, count().wrapping_sub(before))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_counts_only_what_ran_inside() {
        add(5);
        let ((), n) = measure(|| {
            add(3);
            add(4);
        });
        assert_eq!(n, 7);
    }
}
