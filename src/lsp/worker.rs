//! Work off the main loop: checking documents, loading settings, checking
//! the workspace.
//!
//! Each open document has a [`Slot`] shared with the main loop: the latest
//! text (a snapshot with a version and a time it is due) and whether a
//! worker thread is on it. The main loop only replaces the snapshot; a
//! document's worker waits until it is due (the debounce), checks that
//! version, sends the result, and goes on while a newer version arrived
//! meanwhile. So a document has at most one thread, a burst of edits is
//! checked once, a stale result is never published (the main loop drops
//! any result whose version is not the document's), and a long document
//! keeps only its own thread busy: hover, code actions and other
//! documents are answered meanwhile. A check already running is not
//! interrupted (the pipeline has no cancellation points); its result is
//! dropped when stale.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::Sender;
use lsp_types::{Diagnostic, Uri};

use super::diagnostics::{self, LineMap};
use crate::batch::walk;
use crate::ci::config::{self, Config, Overrides};
use crate::pipeline::ingest::{self, InputFormat};
use crate::report::FileReport;
use crate::Settings;

/// A version of a document's text, waiting to be checked.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub version: i32,
    /// Counts the snapshots handed to this document's worker: a reload of
    /// the settings checks the same version again, under a new generation.
    pub generation: u64,
    pub text: Arc<String>,
    pub format: InputFormat,
    /// The file the document is (for the config search and the report's
    /// path); a document that is not a file uses the workspace folder.
    pub path: PathBuf,
    /// When it may be checked: edits wait a little for the next keystroke.
    pub due: Instant,
}

/// What the main loop and a document's worker share.
#[derive(Debug)]
pub struct Slot {
    pub pending: Snapshot,
    /// Whether a worker thread is on this document.
    pub running: bool,
    /// The document was closed: the worker stops.
    pub closed: bool,
}

/// One version of a document, checked.
#[derive(Debug)]
pub struct Checked {
    pub version: i32,
    pub text: Arc<String>,
    pub lines: LineMap,
    pub format: InputFormat,
    pub report: FileReport,
    pub settings: Arc<Settings>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What workers tell the main loop.
#[derive(Debug)]
pub enum Event {
    /// A document's version was checked (or its settings failed to load).
    Checked {
        uri: Uri,
        generation: u64,
        result: Result<Box<Checked>, String>,
    },
    /// A file of the workspace check, not open in the editor.
    WorkspaceFile {
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
    },
    /// The workspace check asked by request `id` ended.
    WorkspaceDone {
        id: lsp_server::RequestId,
        files: usize,
        errors: Vec<String>,
        cancelled: bool,
    },
}

/// Settings per config file, loaded once and reloaded when the file
/// changes (its modification time or size) or when told to.
#[derive(Debug, Default)]
pub struct SettingsCache {
    entries: Mutex<BTreeMap<Option<PathBuf>, Cached>>,
}

#[derive(Debug)]
struct Cached {
    stamp: Option<(SystemTime, u64)>,
    settings: Result<Arc<Settings>, String>,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl SettingsCache {
    /// The settings for a document in folder `dir`: the nearest
    /// `claimscan.toml` above it, as `claimscan check` run there finds it.
    /// An error (a bad config or lexicon file) names `file:line:column`.
    pub fn for_folder(&self, dir: &Path) -> Result<Arc<Settings>, String> {
        let file = config::discover(dir);
        let now = file.as_deref().and_then(stamp);
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = entries.get(&file) {
            if c.stamp == now {
                return c.settings.clone();
            }
        }
        let overrides = Overrides {
            config: file.clone(),
            ..Overrides::default()
        };
        let settings = Config::load(overrides, dir)
            .and_then(|c| Settings::from_config(&c))
            .map(Arc::new)
            .map_err(|e| e.to_string());
        entries.insert(
            file,
            Cached {
                stamp: now,
                settings: settings.clone(),
            },
        );
        settings
    }

    /// Forgets every loaded configuration (a config or lexicon file changed).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// Checks one snapshot: the same steps as `claimscan check` on the file.
pub fn check(snapshot: &Snapshot, uri: &Uri, cache: &SettingsCache) -> Result<Checked, String> {
    let dir = snapshot
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let settings = cache.for_folder(dir)?;
    let doc = ingest::from_bytes(
        &snapshot.path,
        snapshot.text.as_bytes().to_vec(),
        snapshot.format,
    )
    .map_err(|e| e.to_string())?;
    let relative = snapshot
        .path
        .file_name()
        .map_or_else(|| snapshot.path.clone(), PathBuf::from);
    let report =
        crate::batch::check::check_document(doc, snapshot.format, &relative, &settings, None);
    let lines = LineMap::new(&snapshot.text);
    let diagnostics = diagnostics::diagnostics(&report, &snapshot.text, &lines, uri);
    Ok(Checked {
        version: snapshot.version,
        text: Arc::clone(&snapshot.text),
        lines,
        format: snapshot.format,
        report,
        settings,
        diagnostics,
    })
}

/// A document's worker: checks the slot's snapshot when due, and again
/// while newer ones arrive; then marks the slot idle and ends.
pub fn run_slot(
    uri: Uri,
    slot: Arc<Mutex<Slot>>,
    cache: Arc<SettingsCache>,
    events: Sender<Event>,
) {
    loop {
        let snapshot = {
            let mut s = slot.lock().unwrap_or_else(PoisonError::into_inner);
            if s.closed {
                s.running = false;
                return;
            }
            let wait = s.pending.due.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                s.pending.clone()
            } else {
                drop(s);
                std::thread::sleep(wait.min(Duration::from_millis(500)));
                continue;
            }
        };
        let result = catch_unwind(AssertUnwindSafe(|| check(&snapshot, &uri, &cache)))
            .unwrap_or_else(|_| {
                Err(format!(
                    "{}: internal error while checking this document (a bug in claimscan; please report it with the text)",
                    snapshot.path.display()
                ))
            })
            .map(Box::new);
        let sent = events.send(Event::Checked {
            uri: uri.clone(),
            generation: snapshot.generation,
            result,
        });
        let mut s = slot.lock().unwrap_or_else(PoisonError::into_inner);
        if sent.is_err() || s.closed || s.pending.generation == snapshot.generation {
            s.running = false;
            return;
        }
    }
}

/// Checks every file of the workspace folders that the editor does not
/// have open (`open` is asked per file), publishing each as it is done,
/// and stops between files when `cancel` is set.
pub fn check_workspace(
    id: lsp_server::RequestId,
    folders: Vec<PathBuf>,
    cache: Arc<SettingsCache>,
    cancel: Arc<AtomicBool>,
    events: Sender<Event>,
) {
    let mut files = 0;
    let mut errors = Vec::new();
    let mut cancelled = false;
    'folders: for folder in &folders {
        let settings = match cache.for_folder(folder) {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let policy = settings.policy();
        let filter =
            match walk::FileFilter::new(&policy.base, policy.include.as_deref(), &policy.exclude) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
        let options = walk::WalkOptions {
            filter,
            ..walk::WalkOptions::default()
        };
        let (inputs, walk_errors) = walk::inputs_with(std::slice::from_ref(folder), &options);
        errors.extend(
            walk_errors
                .into_iter()
                .map(|e| format!("{}: {}", e.path.display(), e.message)),
        );
        for input in inputs {
            if cancel.load(Ordering::Relaxed) {
                cancelled = true;
                break 'folders;
            }
            let Some(uri) = super::file_uri(&input.path) else {
                continue;
            };
            let checked = std::fs::read(&input.path)
                .map_err(|e| format!("{}: cannot read: {e}", input.path.display()))
                .and_then(|bytes| {
                    let text = String::from_utf8(bytes)
                        .map_err(|_| format!("{}: not UTF-8 text", input.path.display()))?;
                    let snapshot = Snapshot {
                        version: 0,
                        generation: 0,
                        text: Arc::new(text),
                        format: InputFormat::from_path(&input.path).unwrap_or(InputFormat::Text),
                        path: input.path.clone(),
                        due: Instant::now(),
                    };
                    catch_unwind(AssertUnwindSafe(|| check(&snapshot, &uri, &cache)))
                        .unwrap_or_else(|_| {
                            Err(format!(
                                "{}: internal error while checking this file",
                                input.path.display()
                            ))
                        })
                });
            match checked {
                Ok(c) => {
                    files += 1;
                    if events
                        .send(Event::WorkspaceFile {
                            uri,
                            diagnostics: c.diagnostics,
                        })
                        .is_err()
                    {
                        return;
                    }
                }
                Err(e) => errors.push(e),
            }
        }
    }
    let _ = events.send(Event::WorkspaceDone {
        id,
        files,
        errors,
        cancelled,
    });
}
