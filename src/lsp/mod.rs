//! `claimscan lsp`: a Language Server Protocol server over stdio, built on
//! rust-analyzer's `lsp-server` (a synchronous message loop on channels)
//! and `lsp-types`.
//!
//! This module holds the main loop and the document store: it reads the
//! client's messages, keeps each open document's text (incremental sync,
//! UTF-16 positions), answers hover and code actions from the document's
//! last check, and publishes what the workers send back. Checking happens
//! on worker threads ([`worker`]), so no request waits on a long document.
//! The checks are `claimscan check`'s ([`crate::batch::check::check_document`]),
//! with the settings of the nearest `claimscan.toml` above the document.
//!
//! - [`diagnostics`]: byte offsets ↔ LSP positions, reports → diagnostics;
//! - [`hover`]: a flagged unit's rules explained;
//! - [`actions`]: suppressions and hedged rewordings as quick fixes;
//! - [`worker`]: the checks, settings per config file, the workspace check.

pub mod actions;
pub mod diagnostics;
pub mod hover;
pub mod worker;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crossbeam_channel::{select, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions,
    HoverProviderCapability, InitializeParams, MessageType, NumberOrString, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::LspError;
use crate::pipeline::ingest::InputFormat;
use worker::{Checked, Event, SettingsCache, Slot, Snapshot};

/// The command that checks every file of the workspace folders and
/// publishes diagnostics for each (`workspace/executeCommand`).
pub const CHECK_WORKSPACE: &str = "claimscan.checkWorkspace";

/// How long an edit waits for the next one before it is checked, unless
/// the client's `initializationOptions` give `debounceMs`.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// An open document.
struct Document {
    version: i32,
    /// The generation of the last snapshot handed to the worker; only its
    /// result is taken.
    generation: u64,
    text: Arc<String>,
    format: InputFormat,
    path: PathBuf,
    slot: Arc<Mutex<Slot>>,
    /// The last check of this document, whatever its version.
    checked: Option<Arc<Checked>>,
}

impl Document {
    /// The last check, if it is of the current text.
    fn current(&self) -> Option<&Checked> {
        self.checked
            .as_deref()
            .filter(|c| c.version == self.version)
    }
}

/// The server's state, owned by the main loop.
struct Server<'a> {
    connection: &'a Connection,
    documents: BTreeMap<Uri, Document>,
    cache: Arc<SettingsCache>,
    events: Sender<Event>,
    folders: Vec<PathBuf>,
    debounce: Duration,
    /// Workspace checks running, by request id: their cancel flags.
    workspace_checks: HashMap<RequestId, Arc<AtomicBool>>,
    /// Setup errors already shown in a message box (each once).
    shown: BTreeSet<String>,
    shutting_down: bool,
}

/// Runs the server on a connection until the client sends `exit` (or goes
/// away). Returns whether `shutdown` came first, as the protocol wants the
/// exit code to say.
pub fn serve(connection: &Connection) -> Result<bool, LspError> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| LspError::Protocol(e.to_string()))?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|e| LspError::Protocol(format!("bad initialize parameters: {e}")))?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "claimscan", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| LspError::Protocol(e.to_string()))?;

    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(serde_json::Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
    let (events, worker_events) = crossbeam_channel::unbounded();
    let mut server = Server {
        connection,
        documents: BTreeMap::new(),
        cache: Arc::new(SettingsCache::default()),
        events,
        folders: folders(&params),
        debounce,
        workspace_checks: HashMap::new(),
        shown: BTreeSet::new(),
        shutting_down: false,
    };
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if watches {
        server.watch_config_files()?;
    }
    server.run(&worker_events)
}

/// What the server offers.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            work_done_progress_options: Default::default(),
            resolve_provider: None,
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![CHECK_WORKSPACE.to_string()],
            work_done_progress_options: Default::default(),
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folders as paths (the current folder when none is given).
#[expect(
    deprecated,
    reason = "root_uri is what clients without workspace folders send"
)]
fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    if out.is_empty() {
        out.extend(params.root_uri.as_ref().and_then(uri_path));
    }
    if out.is_empty() {
        out.extend(std::env::current_dir().ok());
    }
    out
}

impl Server<'_> {
    fn run(&mut self, worker_events: &Receiver<Event>) -> Result<bool, LspError> {
        loop {
            select! {
                recv(self.connection.receiver) -> msg => {
                    let Ok(msg) = msg else {
                        return Ok(false);
                    };
                    match msg {
                        Message::Request(r) => self.request(r)?,
                        Message::Notification(n) if n.method == note::Exit::METHOD => {
                            return Ok(self.shutting_down);
                        }
                        Message::Notification(n) => self.notification(n)?,
                        // Answers to our registerCapability request.
                        Message::Response(_) => {}
                    }
                }
                recv(worker_events) -> event => {
                    if let Ok(event) = event {
                        self.event(event)?;
                    }
                }
            }
        }
    }

    fn send(&self, msg: impl Into<Message>) -> Result<(), LspError> {
        self.connection
            .sender
            .send(msg.into())
            .map_err(|e| LspError::Disconnected(e.to_string()))
    }

    fn respond(&self, id: RequestId, result: impl serde::Serialize) -> Result<(), LspError> {
        self.send(Response::new_ok(id, result))
    }

    fn respond_err(&self, id: RequestId, code: i32, message: String) -> Result<(), LspError> {
        self.send(Response::new_err(id, code, message))
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) -> Result<(), LspError> {
        self.send(Notification::new(method.to_string(), params))
    }

    /// Asks the client to tell us when a TOML file changes: a
    /// `claimscan.toml` or a house lexicon.
    fn watch_config_files(&self) -> Result<(), LspError> {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String("**/*.toml".into()),
                kind: None,
            }],
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "claimscan-config-files".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from("claimscan-register-watch".to_string()),
            req::RegisterCapability::METHOD.into(),
            params,
        ))
    }

    fn request(&mut self, r: Request) -> Result<(), LspError> {
        if self.shutting_down {
            return self.respond_err(
                r.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            );
        }
        let id = r.id.clone();
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutting_down = true;
                for flag in self.workspace_checks.values() {
                    flag.store(true, Ordering::Relaxed);
                }
                self.respond(id, ())
            }
            req::HoverRequest::METHOD => {
                let p = match r.extract::<lsp_types::HoverParams>(req::HoverRequest::METHOD) {
                    Ok((_, p)) => p,
                    Err(e) => return self.bad_params(id, &e),
                };
                let at = p.text_document_position_params;
                let hover = self
                    .documents
                    .get(&at.text_document.uri)
                    .and_then(Document::current)
                    .and_then(|c| hover::hover(c, at.position));
                self.respond(id, hover)
            }
            req::CodeActionRequest::METHOD => {
                let p = match r
                    .extract::<lsp_types::CodeActionParams>(req::CodeActionRequest::METHOD)
                {
                    Ok((_, p)) => p,
                    Err(e) => return self.bad_params(id, &e),
                };
                let uri = p.text_document.uri;
                let actions = self
                    .documents
                    .get(&uri)
                    .and_then(Document::current)
                    .map(|c| actions::code_actions(&uri, c, p.range, &p.context))
                    .unwrap_or_default();
                self.respond(id, actions)
            }
            req::ExecuteCommand::METHOD => {
                let p = match r
                    .extract::<lsp_types::ExecuteCommandParams>(req::ExecuteCommand::METHOD)
                {
                    Ok((_, p)) => p,
                    Err(e) => return self.bad_params(id, &e),
                };
                if p.command != CHECK_WORKSPACE {
                    return self.respond_err(
                        id,
                        ErrorCode::InvalidParams as i32,
                        format!(
                            "unknown command `{}`; the server has {CHECK_WORKSPACE}",
                            p.command
                        ),
                    );
                }
                let cancel = Arc::new(AtomicBool::new(false));
                self.workspace_checks
                    .insert(id.clone(), Arc::clone(&cancel));
                let (folders, cache, events) = (
                    self.folders.clone(),
                    Arc::clone(&self.cache),
                    self.events.clone(),
                );
                std::thread::spawn(move || {
                    worker::check_workspace(id, folders, cache, cancel, events)
                });
                Ok(())
            }
            other => self.respond_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("claimscan's language server does not handle `{other}`"),
            ),
        }
    }

    fn bad_params(
        &self,
        id: RequestId,
        e: &lsp_server::ExtractError<Request>,
    ) -> Result<(), LspError> {
        self.respond_err(
            id,
            ErrorCode::InvalidParams as i32,
            format!("bad parameters: {e}"),
        )
    }

    fn notification(&mut self, n: Notification) -> Result<(), LspError> {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidOpenTextDocumentParams>(
                    note::DidOpenTextDocument::METHOD,
                ) else {
                    return Ok(());
                };
                let doc = p.text_document;
                let path = self.path_of(&doc.uri);
                let format = format_of(&doc.language_id, &path);
                let text = Arc::new(doc.text);
                let snapshot = Snapshot {
                    version: doc.version,
                    generation: 0,
                    text: Arc::clone(&text),
                    format,
                    path: path.clone(),
                    due: Instant::now(),
                };
                if let Some(old) = self.documents.remove(&doc.uri) {
                    close_slot(&old.slot);
                }
                let slot = Arc::new(Mutex::new(Slot {
                    pending: snapshot,
                    running: false,
                    closed: false,
                }));
                self.documents.insert(
                    doc.uri.clone(),
                    Document {
                        version: doc.version,
                        generation: 0,
                        text,
                        format,
                        path,
                        slot,
                        checked: None,
                    },
                );
                self.schedule(&doc.uri, Duration::ZERO);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    note::DidChangeTextDocument::METHOD,
                ) else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return Ok(());
                };
                let mut text = String::clone(&doc.text);
                for change in &p.content_changes {
                    diagnostics::apply_change(&mut text, change);
                }
                doc.text = Arc::new(text);
                doc.version = p.text_document.version;
                let debounce = self.debounce;
                self.schedule(&uri, debounce);
            }
            note::DidSaveTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidSaveTextDocumentParams>(
                    note::DidSaveTextDocument::METHOD,
                ) else {
                    return Ok(());
                };
                if is_toml(&p.text_document.uri) {
                    self.reload();
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidCloseTextDocumentParams>(
                    note::DidCloseTextDocument::METHOD,
                ) else {
                    return Ok(());
                };
                if let Some(doc) = self.documents.remove(&p.text_document.uri) {
                    close_slot(&doc.slot);
                    self.publish(p.text_document.uri, Vec::new(), None)?;
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    note::DidChangeWatchedFiles::METHOD,
                ) else {
                    return Ok(());
                };
                if p.changes.iter().any(|c| is_toml(&c.uri)) {
                    self.reload();
                }
            }
            note::Cancel::METHOD => {
                let Ok(p) = n.extract::<lsp_types::CancelParams>(note::Cancel::METHOD) else {
                    return Ok(());
                };
                let id = match p.id {
                    NumberOrString::Number(n) => RequestId::from(n),
                    NumberOrString::String(s) => RequestId::from(s),
                };
                if let Some(flag) = self.workspace_checks.get(&id) {
                    flag.store(true, Ordering::Relaxed);
                }
            }
            // initialized, $/setTrace, workspace/didChangeConfiguration, …
            _ => {}
        }
        Ok(())
    }

    /// Hands a document's current text to its worker, starting one if none
    /// is on it; the check waits `delay` for further edits.
    fn schedule(&mut self, uri: &Uri, delay: Duration) {
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        doc.generation += 1;
        let mut slot = doc.slot.lock().unwrap_or_else(PoisonError::into_inner);
        slot.pending = Snapshot {
            version: doc.version,
            generation: doc.generation,
            text: Arc::clone(&doc.text),
            format: doc.format,
            path: doc.path.clone(),
            due: Instant::now() + delay,
        };
        if !slot.running {
            slot.running = true;
            let (uri, shared, cache, events) = (
                uri.clone(),
                Arc::clone(&doc.slot),
                Arc::clone(&self.cache),
                self.events.clone(),
            );
            std::thread::spawn(move || worker::run_slot(uri, shared, cache, events));
        }
    }

    /// A config or lexicon file changed: forget the settings and check
    /// every open document again.
    fn reload(&mut self) {
        self.cache.clear();
        self.shown.clear();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            // A new generation: a check under the old settings still
            // running is dropped when it ends.
            self.schedule(&uri, Duration::ZERO);
        }
    }

    fn publish(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), LspError> {
        self.notify(
            note::PublishDiagnostics::METHOD,
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        )
    }

    fn event(&mut self, event: Event) -> Result<(), LspError> {
        match event {
            Event::Checked {
                uri,
                generation,
                result,
            } => {
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return Ok(());
                };
                // A check of an older text or older settings: a newer one
                // is on its way.
                if generation != doc.generation {
                    return Ok(());
                }
                let version = doc.version;
                match result {
                    Ok(checked) => {
                        let diagnostics = checked.diagnostics.clone();
                        doc.checked = Some(Arc::from(checked));
                        self.publish(uri, diagnostics, Some(version))
                    }
                    Err(message) => {
                        doc.checked = None;
                        self.publish(uri, vec![diagnostics::setup_error(&message)], Some(version))?;
                        self.show_once(MessageType::ERROR, message)
                    }
                }
            }
            Event::WorkspaceFile { uri, diagnostics } => {
                let path = uri_path(&uri);
                let open = self
                    .documents
                    .values()
                    .any(|d| Some(&d.path) == path.as_ref());
                if open {
                    return Ok(());
                }
                self.publish(uri, diagnostics, None)
            }
            Event::WorkspaceDone {
                id,
                files,
                errors,
                cancelled,
            } => {
                self.workspace_checks.remove(&id);
                if cancelled {
                    return self.respond_err(
                        id,
                        ErrorCode::RequestCanceled as i32,
                        format!("workspace check cancelled after {files} files"),
                    );
                }
                if let Some(first) = errors.first() {
                    let more = match errors.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    self.show_once(MessageType::WARNING, format!("claimscan: {first}{more}"))?;
                }
                self.respond(id, serde_json::json!({ "files": files, "errors": errors }))
            }
        }
    }

    fn show_once(&mut self, typ: MessageType, message: String) -> Result<(), LspError> {
        if !self.shown.insert(message.clone()) {
            return Ok(());
        }
        self.notify(
            note::ShowMessage::METHOD,
            ShowMessageParams { typ, message },
        )
    }

    /// The file a document is, or for a document that is not a file
    /// (an unsaved buffer), a name in the first workspace folder.
    fn path_of(&self, uri: &Uri) -> PathBuf {
        uri_path(uri).unwrap_or_else(|| {
            let name = uri
                .as_str()
                .rsplit(['/', ':'])
                .next()
                .filter(|n| !n.is_empty())
                .unwrap_or("untitled");
            self.folders.first().cloned().unwrap_or_default().join(name)
        })
    }
}

fn close_slot(slot: &Mutex<Slot>) {
    slot.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
}

fn is_toml(uri: &Uri) -> bool {
    uri_path(uri).is_some_and(|p| p.extension().is_some_and(|e| e == "toml"))
}

/// The input format of a document: by its language id, else by its
/// file's extension, else plain text.
pub fn format_of(language_id: &str, path: &Path) -> InputFormat {
    match language_id {
        "markdown" | "mdx" => InputFormat::Markdown,
        "html" => InputFormat::Html,
        "plaintext" | "text" => InputFormat::Text,
        _ => InputFormat::from_path(path).unwrap_or(InputFormat::Text),
    }
}

/// Characters kept as they are in a file URI's path.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // The authority (empty or `localhost`) ends at the path's first slash.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    // file:///C:/x on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() > 2 && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let s = abs.to_str()?.replace('\\', "/");
    let lead = if s.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", utf8_percent_encode(&s, PATH_KEEP))
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_spaces_and_accents() {
        let p = Path::new("/tmp/a b/é#1.md");
        let uri = file_uri(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9%231.md");
        assert_eq!(uri_path(&uri).unwrap(), p);
        let host: Uri = "file://localhost/tmp/x.txt".parse().unwrap();
        assert_eq!(uri_path(&host).unwrap(), Path::new("/tmp/x.txt"));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_path(&untitled), None);
    }

    #[test]
    fn format_by_language_id_then_extension() {
        assert_eq!(
            format_of("markdown", Path::new("a.txt")),
            InputFormat::Markdown
        );
        assert_eq!(format_of("html", Path::new("a")), InputFormat::Html);
        assert_eq!(format_of("plaintext", Path::new("a.md")), InputFormat::Text);
        assert_eq!(
            format_of("vimwiki", Path::new("a.md")),
            InputFormat::Markdown
        );
        assert_eq!(format_of("", Path::new("a.htm")), InputFormat::Html);
        assert_eq!(format_of("rst", Path::new("a.rst")), InputFormat::Text);
    }
}
