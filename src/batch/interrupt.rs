//! Interruption: Ctrl-C (SIGINT), SIGTERM or SIGHUP end a run cleanly.
//!
//! The first signal sets a flag: no new file is analysed and no new report
//! file is started; a write already under way finishes (it is one small
//! file, then a rename), so the run stops with every report whole and no
//! temporary file left, and exits 130. A second signal gives up waiting: it
//! removes the temporary files of writes still under way and exits 130 at
//! once. Only SIGKILL (or a power cut) can leave a `.claimscan-*.tmp` file,
//! and only the one being written at that moment; report files themselves
//! are never half-written, since each appears by an atomic rename.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Temporary files being written now, removed if the run is cut short.
static IN_FLIGHT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The exit code of an interrupted run (128 + SIGINT, the shell convention).
pub const EXIT_CODE: u8 = 130;

/// Installs the signal handler. Call once, from a command that checks
/// [`interrupted`] (a command that never does would ignore Ctrl-C).
pub fn install() -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            remove_in_flight();
            std::process::exit(i32::from(EXIT_CODE));
        }
        eprintln!(
            "claimscan: interrupted; finishing the file being written (Ctrl-C again to stop now)"
        );
    })
}

/// Whether the run has been asked to stop.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Records a temporary file as being written.
pub(crate) fn track(path: &Path) {
    if let Ok(mut set) = IN_FLIGHT.lock() {
        set.insert(path.to_path_buf());
    }
}

/// The temporary file is renamed or removed: nothing to clean up.
pub(crate) fn untrack(path: &Path) {
    if let Ok(mut set) = IN_FLIGHT.lock() {
        set.remove(path);
    }
}

fn remove_in_flight() {
    if let Ok(set) = IN_FLIGHT.lock() {
        for p in set.iter() {
            // Best effort: the process is exiting and has no one to tell.
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The error a write refused because of an interruption carries.
pub fn error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted")
}

/// The exit code for the signal that stopped the run.
pub fn exit_code() -> u8 {
    EXIT_CODE
}
