//! Walk: the command line's paths → the files to read, in a stable order.

use std::path::{Path, PathBuf};

use crate::ingest::InputFormat;

/// One input file and the path its report is named by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path relative to the folder given on the command line, or the
    /// file name for a file given directly.
    pub relative: PathBuf,
}

/// A path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Expands files and folders. Folders are walked recursively for the
/// extensions claimscan reads (.txt, .md, .markdown, .html, .htm); a file
/// given directly is read whatever its extension. Within a folder, files
/// come in path order, so output never depends on the file system's order.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(WalkError {
                path: root.clone(),
                message: e.to_string(),
            }),
            Ok(m) if m.is_dir() => walk_dir(root, &mut found, &mut errors),
            Ok(_) => found.push(Input {
                path: root.clone(),
                relative: root.file_name().map_or_else(|| root.clone(), PathBuf::from),
            }),
        }
    }
    (found, errors)
}

fn walk_dir(root: &Path, found: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(root)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Err(e) => errors.push(WalkError {
                path: root.to_path_buf(),
                message: e.to_string(),
            }),
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && InputFormat::from_path(path).is_some() {
                    let relative = path
                        .strip_prefix(root)
                        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
                    found.push(Input {
                        path: path.to_path_buf(),
                        relative,
                    });
                }
            }
        }
    }
}
