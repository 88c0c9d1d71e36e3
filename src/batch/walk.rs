//! Walk: the command line's paths → the files to read, in a stable order.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker): `.gitignore`,
//! `.ignore` and `.git/info/exclude` are respected, hidden files are skipped
//! unless asked for, `--glob` includes or excludes. Symbolic links are
//! followed, so a loop is possible and is reported, as is a broken link.
//! Only regular files are read: a FIFO, socket or device is reported from its
//! file type, which is known without opening it, so nothing ever blocks on it.

use std::fs::FileType;
use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::{Override, OverrideBuilder};

use crate::pipeline::ingest::InputFormat;

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
    /// The configuration's include and exclude globs.
    pub filter: FileFilter,
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
            Ok(_) if options.filter.force_exclude && options.filter.excluded(root, false) => {}
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
    let pruner = options.filter.clone();
    let walker = ignore::WalkBuilder::new(root)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            // The folder named on the command line is always walked.
            e.depth() == 0 || !pruner.excluded(e.path(), e.file_type().is_some_and(|t| t.is_dir()))
        })
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
            _ => options.filter.included(path),
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
