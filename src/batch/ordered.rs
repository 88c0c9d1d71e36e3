//! Pipeline driver: many inputs through one function on all cores, results
//! handed on in input order, in bounded memory.
//!
//! Inputs are cut into chunks of a few dozen per thread, and of at most
//! [`BYTES_PER_THREAD`] of input per thread (an input weighs what its
//! `weight` says: a file its size), so a folder of large files holds no more
//! in memory than one of small ones; an input heavier than a whole chunk is
//! a chunk of its own. A producer thread maps each chunk in parallel (rayon)
//! and sends the results, in order, over a channel that holds at most one
//! chunk, while the calling thread hands the previous chunk's results to the
//! sink (which may own a non-`Send` output such as a locked stdout). At most
//! three chunks are alive at once, however many inputs there are, and the
//! order of results never depends on which thread finished first.

use std::sync::mpsc;

/// Inputs per thread in one chunk: enough that the wait for a chunk's
/// slowest item is a small share of the chunk, few enough to keep memory low.
const PER_THREAD: usize = 16;

/// Input bytes per thread in one chunk: far above an article (so a corpus
/// of articles is chunked by count), far below what a folder of large
/// files would otherwise hold (a report in memory is several times its
/// input).
pub const BYTES_PER_THREAD: u64 = 1 << 20;

/// Maps `work` over `inputs` in parallel and calls `sink` with each result,
/// in input order. Stops at the first error from `sink` and returns it.
/// `weight` gives an input's size in bytes, to bound a chunk by bytes as
/// well as by count (`|_| 0`: by count only).
pub fn ordered_map<T, R, E>(
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    weight: impl Fn(&T) -> u64 + Send,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    run(None, inputs, weight, work, sink)
}

/// [`ordered_map`] with the work done on `pool` rather than rayon's global
/// pool: for a library caller that picks the thread count per call (the
/// Python package's `jobs=N`) and so cannot set the global pool once.
pub fn ordered_map_in<T, R, E>(
    pool: &rayon::ThreadPool,
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    weight: impl Fn(&T) -> u64 + Send,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    run(Some(pool), inputs, weight, work, sink)
}

fn run<T, R, E>(
    pool: Option<&rayon::ThreadPool>,
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    weight: impl Fn(&T) -> u64 + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    use rayon::prelude::*;

    let threads = pool
        .map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
        .max(1);
    let chunk = threads * PER_THREAD;
    let budget = threads as u64 * BYTES_PER_THREAD;
    let mut inputs = inputs.into_iter().peekable();
    let work = &work;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<R>>(1);
        scope.spawn(move || loop {
            let mut batch: Vec<T> = Vec::with_capacity(chunk);
            let mut bytes = 0u64;
            while batch.len() < chunk {
                let Some(next) = inputs.peek() else { break };
                let w = weight(next);
                if !batch.is_empty() && bytes.saturating_add(w) > budget {
                    break;
                }
                bytes = bytes.saturating_add(w);
                batch.extend(inputs.next());
            }
            if batch.is_empty() {
                break;
            }
            let map = || batch.into_par_iter().map(work).collect::<Vec<R>>();
            let results = match pool {
                Some(p) => p.install(map),
                None => map(),
            };
            // The receiver is gone when the sink failed: stop early.
            if tx.send(results).is_err() {
                break;
            }
        });
        for results in rx {
            for r in results {
                sink(r)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered_map(
            0..10_000u64,
            |_| 0,
            |i| {
                // Uneven work, so threads finish out of order.
                (0..(i % 7) * 100).fold(i, |a, b| a.wrapping_add(b))
                    - (0..(i % 7) * 100).sum::<u64>()
            },
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, (0..10_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut calls = 0;
        let r = ordered_map(
            0..100_000u32,
            |_| 0,
            |i| i,
            |v| {
                calls += 1;
                if v == 5 {
                    Err("full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("full"));
        assert_eq!(calls, 6);
    }

    #[test]
    fn a_given_pool_does_the_work_in_input_order() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered_map_in(
            &pool,
            0..1_000usize,
            |_| 0,
            |i| {
                (
                    i,
                    rayon::current_thread_index().is_some(),
                    rayon::current_num_threads(),
                )
            },
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen.len(), 1_000);
        for (i, (n, on_pool, threads)) in seen.into_iter().enumerate() {
            assert_eq!(n, i);
            assert!(on_pool);
            assert_eq!(threads, 3);
        }
    }

    #[test]
    fn no_inputs_no_calls() {
        let r: Result<(), ()> = ordered_map(Vec::<u8>::new(), |_| 0, |i| i, |_| panic!("no input"));
        assert!(r.is_ok());
    }

    #[test]
    fn chunks_are_bounded_by_bytes() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Inputs of half a chunk's budget each: at most two per chunk, and
        // at most three chunks alive (one mapped, one sent, one in the sink),
        // so never more than six inputs started and not yet sunk.
        let half = rayon::current_num_threads().max(1) as u64 * BYTES_PER_THREAD / 2;
        let started = AtomicUsize::new(0);
        let mut sunk = 0;
        let mut most = 0;
        let r: Result<(), ()> = ordered_map(
            0..200u32,
            |_| half,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |v| {
                most = most.max(started.load(Ordering::SeqCst) - sunk);
                sunk += 1;
                assert_eq!(v as usize + 1, sunk);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert!(most <= 6, "{most} inputs in flight");
        // One input heavier than the budget is a chunk of its own.
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered_map(
            0..5u64,
            |_| u64::MAX,
            |i| i,
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }
}
