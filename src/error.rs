//! Error types, one enum per pipeline stage. Each carries the path (and where
//! it applies the line and column) so a message can say where to look.

use std::path::PathBuf;

/// Reading an input file failed; the run goes on with the other files.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8 text (invalid byte 0x{byte:02x} at byte offset {offset}); convert it to UTF-8 first")]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        byte: u8,
    },
    #[error("{path}: looks like UTF-16 (byte-order mark {bom}); convert it to UTF-8 first")]
    Utf16 { path: PathBuf, bom: &'static str },
    #[error("{path}: binary file (NUL byte at byte offset {offset}); not an article")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: not a regular file; skipped")]
    NotAFile { path: PathBuf },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::NotUtf8 { path, .. }
            | IngestError::Utf16 { path, .. }
            | IngestError::Binary { path, .. }
            | IngestError::NotAFile { path } => path,
        }
    }
}

/// A lexicon file or entry is malformed. Printed as `path:line:column: message`
/// (the shape compilers and Vale use) so an editor can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct LexiconError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A gold file for `claimscan eval` is malformed.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// A config file or a command-line option is malformed. A file error is
/// printed as `path:line:column: message`, like a lexicon error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}:{line}:{column}: {message}")]
    At {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{flag}: {message}")]
    Flag { flag: &'static str, message: String },
    #[error("{path}: cannot read the config file: {message}")]
    Io { path: PathBuf, message: String },
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// The language server's connection failed: the client sent something
/// that is not the Language Server Protocol, or went away mid-message.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server: {0}")]
    Protocol(String),
    #[error("language server: cannot reach the client: {0}")]
    Disconnected(String),
}
