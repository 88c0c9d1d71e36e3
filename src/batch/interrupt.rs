//! Interruption: Ctrl-C (SIGINT), SIGTERM or SIGHUP end a run within about
//! a second, wherever it is, with no temporary file and no half-written
//! report left behind, and exit 128 + the signal (130, 143, 129).
//!
//! A watcher thread receives the signals (`signal-hook`; the handler itself
//! only wakes the thread). On the first one it sets a flag: no new file is
//! analysed and no new report file is started, so a run between files
//! stops at once and cleanly. A run may instead be inside one file for
//! minutes (a 20 MB single line): rather than checking a flag in every
//! loop of the pipeline, the watcher waits [`GRACE`] for the run to end by
//! itself, then ends the process: it takes the lock that every temporary
//! file is created under, removes the temporary files being written, and
//! exits. A second signal ends it at once the same way. A report file is
//! never half-written either way, since each appears by an atomic rename
//! of a complete temporary file: a rename that wins the race leaves a whole
//! report, one that loses finds its temporary file gone and nothing
//! appears. Only SIGKILL (or a power cut) can leave a `.claimscan-*.tmp`
//! file.
//!
//! The choice of a watcher over a flag in the per-unit loops: the flag
//! would have to reach every loop that can be long (segmentation, the
//! matcher's automata, the sources stage, report building, JSON writing),
//! including loops inside other crates that cannot check it; the watcher
//! bounds the time to stop whatever the code does.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// The first signal received, 0 while none has been.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Temporary files being written now, removed if the run is cut short.
/// Every temporary file is created while holding this lock, so the watcher,
/// once it holds it, knows every one that exists.
static IN_FLIGHT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// How long a run may take to stop by itself after the first signal before
/// the process is ended.
pub const GRACE: Duration = Duration::from_millis(500);

/// The exit code of a run stopped by Ctrl-C (128 + SIGINT, the shell
/// convention).
pub const EXIT_CODE: u8 = 130;

/// Installs the signal watcher. Call once, from a command that checks
/// [`interrupted`] (a command that never does still stops, after
/// [`GRACE`]).
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("claimscan-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                received(signal);
            }
        })?;
    Ok(())
}

/// Installs the Ctrl-C handler (no SIGTERM off Unix).
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    // 2: SIGINT's number, for the exit code.
    ctrlc::set_handler(|| received(2)).map_err(std::io::Error::other)
}

/// What the watcher does with a signal: the first sets the flag and starts
/// the grace period; a second ends the process at once.
fn received(signal: i32) {
    if SIGNAL
        .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        stop_now();
    }
    eprintln!("claimscan: interrupted; stopping (again to stop at once)");
    let started = std::thread::Builder::new()
        .name("claimscan-grace".into())
        .spawn(|| {
            std::thread::sleep(GRACE);
            stop_now();
        });
    if started.is_err() {
        stop_now();
    }
}

/// Ends the process: removes the temporary files being written and exits
/// with the code of the first signal. Holds the lock under which temporary
/// files are created until the process is gone, so none appears after the
/// sweep.
fn stop_now() -> ! {
    let guard = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    for p in guard.iter() {
        // Best effort: the process is exiting and has no one to tell; a file
        // already renamed into place is a whole report and stays.
        let _ = std::fs::remove_file(p);
    }
    eprintln!("claimscan: interrupted; reports already written are complete");
    std::process::exit(i32::from(exit_code()))
}

/// Whether the run has been asked to stop.
pub fn interrupted() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// Creates a temporary file in `dir` (named `.claimscan-*.tmp`) and records
/// it as being written, under the lock the watcher sweeps with. Refuses
/// once the run is interrupted.
pub(crate) fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut set = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    if interrupted() {
        return Err(error());
    }
    let tmp = tempfile::Builder::new()
        .prefix(".claimscan-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    set.insert(tmp.path().to_path_buf());
    Ok(tmp)
}

/// The temporary file is renamed or removed: nothing to clean up.
pub(crate) fn untrack(path: &Path) {
    if let Ok(mut set) = IN_FLIGHT.lock() {
        set.remove(path);
    }
}

/// The error a write refused because of an interruption carries.
pub fn error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted")
}

/// The exit code for the signal that stopped the run: 128 + its number
/// (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
pub fn exit_code() -> u8 {
    match SIGNAL.load(Ordering::SeqCst) {
        s @ 1..=127 => 128 + s as u8,
        _ => EXIT_CODE,
    }
}
