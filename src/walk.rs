//! Walk: the command line's paths → the files to read, in a stable order.

use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::ingest::InputFormat;

/// Which files a folder walk reads: `include` globs (default: the
/// extensions claimscan reads) minus `exclude` globs, gitignore-style and
/// relative to `base` (the config file's folder). Files named directly on
/// the command line are always read.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    base: PathBuf,
    cwd: PathBuf,
    include: Option<Gitignore>,
    exclude: Option<Gitignore>,
    /// Apply `exclude` to files named on the command line too (for
    /// pre-commit, which names every staged file).
    pub force_exclude: bool,
}

impl FileFilter {
    /// Builds the matchers; a bad glob is an error naming it.
    pub fn new(
        base: &Path,
        include: Option<&[String]>,
        exclude: &[String],
    ) -> Result<Self, String> {
        let cwd =
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
        let base = normalise(&cwd.join(base));
        let build = |globs: &[String]| -> Result<Gitignore, String> {
            let mut b = GitignoreBuilder::new(&base);
            for g in globs {
                b.add_line(None, g)
                    .map_err(|e| format!("bad glob `{g}`: {e}"))?;
            }
            b.build().map_err(|e| e.to_string())
        };
        Ok(FileFilter {
            include: include.map(build).transpose()?,
            exclude: if exclude.is_empty() {
                None
            } else {
                Some(build(exclude)?)
            },
            base,
            cwd,
            force_exclude: false,
        })
    }

    /// The path relative to the base, when it lies under it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let abs = normalise(&self.cwd.join(path));
        abs.strip_prefix(&self.base).ok().map(Path::to_path_buf)
    }

    /// Whether a walked path (or a folder above it, up to the base) is
    /// excluded.
    pub fn excluded(&self, path: &Path, is_dir: bool) -> bool {
        let (Some(ex), Some(rel)) = (&self.exclude, self.relative(path)) else {
            return false;
        };
        let mut cur: Option<&Path> = Some(&rel);
        let mut dir = is_dir;
        while let Some(p) = cur.filter(|p| !p.as_os_str().is_empty()) {
            match ex.matched(p, dir) {
                ignore::Match::Ignore(_) => return true,
                ignore::Match::Whitelist(_) => return false,
                ignore::Match::None => {}
            }
            cur = p.parent();
            dir = true;
        }
        false
    }

    /// Whether a walked file is one to read.
    pub fn included(&self, path: &Path) -> bool {
        match &self.include {
            None => InputFormat::from_path(path).is_some(),
            Some(inc) => {
                let rel = self
                    .relative(path)
                    .unwrap_or_else(|| path.file_name().map_or_else(PathBuf::new, PathBuf::from));
                matches!(
                    inc.matched_path_or_any_parents(&rel, false),
                    ignore::Match::Ignore(_)
                )
            }
        }
    }
}

/// Resolves `.` and `..` lexically (the files may not exist yet, and
/// symbolic links are the user's to keep).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

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
    inputs_filtered(paths, &FileFilter::default())
}

/// [`inputs`], reading in folders only the files `filter` keeps.
pub fn inputs_filtered(paths: &[PathBuf], filter: &FileFilter) -> (Vec<Input>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(WalkError {
                path: root.clone(),
                message: e.to_string(),
            }),
            Ok(m) if m.is_dir() => walk_dir(root, filter, &mut found, &mut errors),
            Ok(_) if filter.force_exclude && filter.excluded(root, false) => {}
            Ok(_) => found.push(Input {
                path: root.clone(),
                relative: root.file_name().map_or_else(|| root.clone(), PathBuf::from),
            }),
        }
    }
    (found, errors)
}

fn walk_dir(root: &Path, filter: &FileFilter, found: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let pruner = filter.clone();
    let walker = ignore::WalkBuilder::new(root)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            // The folder named on the command line is always walked.
            e.depth() == 0 || !pruner.excluded(e.path(), e.file_type().is_some_and(|t| t.is_dir()))
        })
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
                if is_file && filter.included(path) {
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
