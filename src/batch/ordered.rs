//! Pipeline driver: many inputs through one function on all cores, results
//! handed on in input order, in bounded memory.
//!
//! Inputs are cut into chunks of a few dozen per thread. A producer thread
//! maps each chunk in parallel (rayon) and sends the results, in order, over
//! a channel that holds at most one chunk, while the calling thread hands the
//! previous chunk's results to the sink (which may own a non-`Send` output
//! such as a locked stdout). At most three chunks are alive at once, however
//! many inputs there are, and the order of results never depends on which
//! thread finished first.

use std::sync::mpsc;

/// Inputs per thread in one chunk: enough that the wait for a chunk's
/// slowest item is a small share of the chunk, few enough to keep memory low.
const PER_THREAD: usize = 16;

/// Maps `work` over `inputs` in parallel and calls `sink` with each result,
/// in input order. Stops at the first error from `sink` and returns it.
pub fn ordered_map<T, R, E>(
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    run(None, inputs, work, sink)
}

/// [`ordered_map`] with the work done on `pool` rather than rayon's global
/// pool: for a library caller that picks the thread count per call (the
/// Python package's `jobs=N`) and so cannot set the global pool once.
pub fn ordered_map_in<T, R, E>(
    pool: &rayon::ThreadPool,
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    run(Some(pool), inputs, work, sink)
}

fn run<T, R, E>(
    pool: Option<&rayon::ThreadPool>,
    inputs: impl IntoIterator<Item = T, IntoIter: Send>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    use rayon::prelude::*;

    let threads = pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    let chunk = (threads * PER_THREAD).max(PER_THREAD);
    let mut inputs = inputs.into_iter();
    let work = &work;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<R>>(1);
        scope.spawn(move || loop {
            let batch: Vec<T> = inputs.by_ref().take(chunk).collect();
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
        let r: Result<(), ()> = ordered_map(Vec::<u8>::new(), |i| i, |_| panic!("no input"));
        assert!(r.is_ok());
    }
}
