//! Walk: the command line's paths → the files to read, in a stable order.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker): `.gitignore`,
//! `.ignore` and `.git/info/exclude` are respected, hidden files are skipped
//! unless asked for, `--glob` includes or excludes. Symbolic links are
//! followed, so a loop is possible and is reported, as is a broken link.
//! Only regular files are read: a FIFO, socket or device is reported from its
//! file type, which is known without opening it, so nothing ever blocks on it.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};

use crate::ingest::InputFormat;

/// One input file and the path its report is named by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path relative to the folder given on the command line, or the
    /// file name for a file given directly.
    pub relative: PathBuf,
}

/// A path that could not be walked or is not a file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs in `.gitignore` syntax, relative to each folder given; a glob
    /// starting with `!` excludes. With any include glob, only files that
    /// match one are read (whatever their extension).
    pub globs: Vec<String>,
    /// Read hidden files and folders (names starting with `.`) too.
    pub hidden: bool,
}

/// [`inputs_with`] with the default options.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<WalkError>) {
    inputs_with(paths, &WalkOptions::default())
}

/// Expands files and folders. Folders are walked recursively for the
/// extensions claimscan reads (.txt, .md, .markdown, .html, .htm); a file
/// given directly is read whatever its extension. Within a folder, files
/// come in path order, so output never depends on the file system's order.
pub fn inputs_with(paths: &[PathBuf], options: &WalkOptions) -> (Vec<Input>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(WalkError {
                path: root.clone(),
                message: e.to_string(),
            }),
            Ok(m) if m.is_dir() => walk_dir(root, options, &mut found, &mut errors),
            Ok(m) if !m.is_file() => errors.push(not_regular(root, m.file_type())),
            Ok(_) => found.push(Input {
                path: root.clone(),
                relative: root.file_name().map_or_else(|| root.clone(), PathBuf::from),
            }),
        }
    }
    (found, errors)
}

fn walk_dir(
    root: &Path,
    options: &WalkOptions,
    found: &mut Vec<Input>,
    errors: &mut Vec<WalkError>,
) {
    let overrides = match build_overrides(root, &options.globs) {
        Ok(o) => o,
        Err(e) => {
            errors.push(WalkError {
                path: root.to_path_buf(),
                message: format!("bad --glob: {e}"),
            });
            return;
        }
    };
    let walker = ignore::WalkBuilder::new(root)
        .sort_by_file_path(|a, b| a.cmp(b))
        .hidden(!options.hidden)
        .follow_links(true)
        // A .gitignore beside a corpus is meant for it, in a git checkout or not.
        .require_git(false)
        .overrides(overrides.clone())
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(walk_error(root, &e));
                continue;
            }
        };
        let path = entry.path();
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            continue;
        }
        let wanted = match overrides.matched(path, false) {
            ignore::Match::Whitelist(_) => true,
            _ => InputFormat::from_path(path).is_some(),
        };
        if !wanted {
            continue;
        }
        if !file_type.is_file() {
            errors.push(not_regular(path, file_type));
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
        found.push(Input {
            path: path.to_path_buf(),
            relative,
        });
    }
}

fn build_overrides(root: &Path, globs: &[String]) -> Result<Override, ignore::Error> {
    let mut builder = OverrideBuilder::new(root);
    for g in globs {
        builder.add(g)?;
    }
    builder.build()
}

/// The walker's error, with the path it is about when it names one.
fn walk_error(root: &Path, e: &ignore::Error) -> WalkError {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::Loop { child, .. } => Some(child),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let message = match e {
        ignore::Error::WithPath { err, .. } => err.to_string(),
        ignore::Error::WithDepth { err, .. } => match err.as_ref() {
            ignore::Error::WithPath { err, .. } => err.to_string(),
            other => other.to_string(),
        },
        other => other.to_string(),
    };
    WalkError {
        path: path_of(e).unwrap_or(root).to_path_buf(),
        message: format!("{message}; skipped"),
    }
}

fn not_regular(path: &Path, file_type: FileType) -> WalkError {
    WalkError {
        path: path.to_path_buf(),
        message: format!("not a regular file ({}); skipped", kind(file_type)),
    }
}

/// A person's name for a file type that is not a regular file.
fn kind(t: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_char_device() {
            return "a character device";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a file or folder"
    }
}
