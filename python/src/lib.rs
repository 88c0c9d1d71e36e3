//! `claimscan._claimscan`: the compiled half of the Python package.
//!
//! A [`Scanner`] owns one compiled [`Settings`] (lexicons, matcher, resolved
//! configuration) behind an `Arc`, so Python threads share it and each call
//! scans with the GIL released. Results are the JSON report's shape
//! ([`FileReport`] serialised by serde into plain `dict`s and `list`s), so
//! they compare equal to `json.loads` of `claimscan check --format json` or
//! `claimscan stream` output.
//!
//! Every failure becomes a Python exception: the crate's errors keep their
//! file and reason (and byte offset, or line and column), and a panic in the
//! pipeline is caught at this boundary and raised as a `ClaimscanError`
//! naming the input, so the interpreter never goes down with it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};

use claimscan::batch::{check, ordered, walk};
use claimscan::ci::config::{Config, Overrides};
use claimscan::error::{ConfigError, IngestError, LexiconError};
use claimscan::pipeline::ingest::InputFormat;
use claimscan::report::FileReport;
use claimscan::Settings;

/// The Python exception classes (named as Python sees them; the crate's
/// error types of the same names stay under `claimscan::error`).
mod exc {
    use pyo3::exceptions::PyException;

    pyo3::create_exception!(
        claimscan,
        ClaimscanError,
        PyException,
    "Base class of claimscan's errors. `path` is the file (or text name) it is about, or None; `reason` says what is wrong."
);
    pyo3::create_exception!(
        claimscan,
    InputError,
    ClaimscanError,
    "An input could not be read as an article: not UTF-8 (`offset` is the byte offset of the first bad byte), UTF-16, binary, missing, or not a regular file."
);
    pyo3::create_exception!(
        claimscan,
        LexiconError,
        ClaimscanError,
        "A lexicon file is malformed; `path`, `line` and `column` (1-based) point at the fault."
    );
    pyo3::create_exception!(
        claimscan,
    ConfigError,
    ClaimscanError,
    "A configuration file or option is malformed; `path`, `line` and `column` point at the fault when it is in a file."
);
}

/// Where an error points, set as attributes of the exception.
#[derive(Debug, Default)]
struct Place {
    path: Option<String>,
    offset: Option<usize>,
    line: Option<usize>,
    column: Option<usize>,
}

/// Why one input gave no report. Built on worker threads without the GIL,
/// turned into a Python exception (or an error record) on the caller's.
#[derive(Debug)]
enum Failure {
    Ingest(IngestError),
    /// A Python string that is not valid Unicode (a lone surrogate).
    Text {
        path: String,
        reason: String,
    },
    /// A path that could not be walked.
    Walk {
        path: String,
        reason: String,
    },
    /// The pipeline panicked: a bug, reported against its input.
    Internal {
        path: String,
    },
}

impl Failure {
    fn path(&self) -> String {
        match self {
            Failure::Ingest(e) => e.path().display().to_string(),
            Failure::Text { path, .. }
            | Failure::Walk { path, .. }
            | Failure::Internal { path } => path.clone(),
        }
    }

    /// What is wrong, without the path.
    fn reason(&self) -> String {
        match self {
            Failure::Ingest(e) => {
                let message = e.to_string();
                let prefix = format!("{}: ", e.path().display());
                message
                    .strip_prefix(&prefix)
                    .map_or_else(|| message.clone(), str::to_string)
            }
            Failure::Text { reason, .. } | Failure::Walk { reason, .. } => reason.clone(),
            Failure::Internal { .. } => "internal error while analysing this input (a bug in claimscan; please report it with the input)".to_string(),
        }
    }

    fn message(&self) -> String {
        format!("{}: {}", self.path(), self.reason())
    }

    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let offset = match &self {
            Failure::Ingest(IngestError::NotUtf8 { offset, .. })
            | Failure::Ingest(IngestError::Binary { offset, .. }) => Some(*offset),
            _ => None,
        };
        let place = Place {
            path: Some(self.path()),
            offset,
            ..Place::default()
        };
        let err = match self {
            Failure::Internal { .. } => PyErr::new::<exc::ClaimscanError, _>(self.message()),
            _ => PyErr::new::<exc::InputError, _>(self.message()),
        };
        annotate(py, err, &place, &self.reason())
    }

    /// The error record that stands in the results for this input when
    /// errors are recorded: `{"path": ..., "error": ...}`, as `claimscan
    /// stream` writes `{"id": ..., "line": ..., "error": ...}`.
    fn record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item("path", self.path())?;
        d.set_item("error", self.message())?;
        Ok(d.into_any())
    }
}

/// Sets `path`, `reason`, `offset`, `line` and `column` on the exception.
fn annotate(py: Python<'_>, err: PyErr, place: &Place, reason: &str) -> PyErr {
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("path", place.path.as_deref())?;
        value.setattr("reason", reason)?;
        value.setattr("offset", place.offset)?;
        value.setattr("line", place.line)?;
        value.setattr("column", place.column)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

fn lexicon_error(py: Python<'_>, e: &LexiconError) -> PyErr {
    let place = Place {
        path: Some(e.path.clone()),
        line: Some(e.line),
        column: Some(e.column),
        ..Place::default()
    };
    annotate(
        py,
        PyErr::new::<exc::LexiconError, _>(e.to_string()),
        &place,
        &e.message,
    )
}

fn config_error(py: Python<'_>, e: &ConfigError) -> PyErr {
    match e {
        ConfigError::Lexicon(l) => lexicon_error(py, l),
        ConfigError::At {
            path,
            line,
            column,
            message,
        } => annotate(
            py,
            PyErr::new::<exc::ConfigError, _>(e.to_string()),
            &Place {
                path: Some(path.clone()),
                line: Some(*line),
                column: Some(*column),
                ..Place::default()
            },
            message,
        ),
        ConfigError::Io { path, message } => annotate(
            py,
            PyErr::new::<exc::ConfigError, _>(e.to_string()),
            &Place {
                path: Some(path.display().to_string()),
                ..Place::default()
            },
            &format!("cannot read the config file: {message}"),
        ),
        // The command line's flag names are this package's keyword
        // arguments (`--select` is `select=`).
        ConfigError::Flag { flag, message } => {
            let reason = format!("{}=: {message}", flag.trim_start_matches('-'));
            annotate(
                py,
                PyErr::new::<exc::ConfigError, _>(reason.clone()),
                &Place::default(),
                &reason,
            )
        }
    }
}

/// Runs `f`, turning a panic into a [`Failure::Internal`] for `path`.
fn guarded<T>(path: &str, f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Failure::Internal {
            path: path.to_string(),
        })
    })
}

/// The input format named by `format`.
fn input_format(format: &str) -> PyResult<InputFormat> {
    match format.to_ascii_lowercase().as_str() {
        "text" | "txt" => Ok(InputFormat::Text),
        "markdown" | "md" => Ok(InputFormat::Markdown),
        "html" | "htm" => Ok(InputFormat::Html),
        _ => Err(PyValueError::new_err(format!(
            "format={format:?}: not one claimscan reads; use \"text\", \"markdown\" or \"html\""
        ))),
    }
}

/// How a batch call treats an input that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnError {
    /// Raise its exception; the call returns nothing.
    Raise,
    /// Put `{"path", "error"}` in its place and go on.
    Record,
}

fn on_error(errors: &str) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        "record" => Ok(OnError::Record),
        _ => Err(PyValueError::new_err(format!(
            "errors={errors:?}: use \"raise\" (the first bad input raises) or \"record\" (it gets an {{\"path\", \"error\"}} entry)"
        ))),
    }
}

/// A pool of `jobs` threads, or `None` for rayon's global pool (all cores).
fn pool(jobs: Option<usize>) -> PyResult<Option<rayon::ThreadPool>> {
    match jobs {
        None => Ok(None),
        Some(0) => Err(PyValueError::new_err(
            "jobs=0: give at least 1 thread, or None for all cores",
        )),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(Some)
            .map_err(|e| {
                PyErr::new::<exc::ClaimscanError, _>(format!("cannot start {n} threads: {e}"))
            }),
    }
}

/// A Python `str`, `bytes`, `bytearray` or `memoryview` as bytes to decode.
/// A `str` that is not valid Unicode (a lone surrogate) is an error for
/// `name`; anything else is a `TypeError`.
fn text_bytes(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Result<Vec<u8>, Failure>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(match s.to_cow() {
            Ok(s) => Ok(s.as_bytes().to_vec()),
            Err(e) => Err(Failure::Text {
                path: name.to_string(),
                reason: format!("not valid Unicode text ({e})"),
            }),
        });
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(Ok(b.as_bytes().to_vec()));
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(Ok(b.to_vec()));
    }
    if value.is_instance_of::<pyo3::types::PyMemoryView>() {
        let b = value.call_method0("tobytes")?;
        if let Ok(b) = b.cast::<PyBytes>() {
            return Ok(Ok(b.as_bytes().to_vec()));
        }
    }
    Err(PyTypeError::new_err(format!(
        "{name}: the text must be str or bytes, not {}",
        value.get_type().name()?
    )))
}

/// A report as plain Python objects, in the JSON report's shape.
fn to_python<'py>(py: Python<'py>, report: &FileReport) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, report)?)
}

/// Runs `work` over `items` on `jobs` threads (the crate's ordered driver),
/// with the GIL released, and returns the results as a list in input order.
/// Each result is turned into Python objects as it arrives (the GIL taken
/// back for that only), so the Rust side holds a few dozen reports at most;
/// Ctrl-C is checked between results and stops the run.
fn run_batch<'py, T: Send>(
    py: Python<'py>,
    items: Vec<T>,
    jobs: Option<usize>,
    errors: OnError,
    work: impl Fn(T) -> Result<FileReport, Failure> + Sync,
) -> PyResult<Bound<'py, PyList>> {
    let pool = pool(jobs)?;
    let mut out: Vec<Py<PyAny>> = Vec::with_capacity(items.len());
    let done: PyResult<()> = py.detach(|| {
        let sink = |result: Result<FileReport, Failure>| -> PyResult<()> {
            Python::attach(|py| {
                py.check_signals()?;
                let obj = match result {
                    Ok(report) => to_python(py, &report)?,
                    Err(f) if errors == OnError::Record => f.record(py)?,
                    Err(f) => return Err(f.into_pyerr(py)),
                };
                out.push(obj.unbind());
                Ok(())
            })
        };
        match &pool {
            // By count only: the items' sizes are not known here without
            // reading them (paths) and are small (texts).
            Some(p) => ordered::ordered_map_in(p, items, |_| 0, &work, sink),
            None => ordered::ordered_map(items, |_| 0, &work, sink),
        }
    });
    done?;
    PyList::new(py, out)
}

/// Compiled settings (lexicons, matcher, configuration), built once and
/// reused across calls and threads.
///
/// `Scanner(config=None, lexicons=(), select=None, ignore=())`:
///
/// - `config`: a `claimscan.toml` to read (its `select`, `ignore`,
///   `severity`, `include`, `exclude` and `extend-lexicons`). None reads no
///   file: unlike the command line, the package never searches the folders
///   above the current one, so a script's results do not depend on where
///   it runs.
/// - `lexicons`: extra lexicon folders, loaded after the built-in lexicons
///   and the config's `extend-lexicons` (an entry with the same id replaces
///   the built-in one).
/// - `select`, `ignore`: rule ids, names or labels, as `--select` and
///   `--ignore` on the command line.
///
/// Compiling takes a fraction of a second; scanning releases the GIL, so
/// one Scanner shared by many Python threads scans on all of them at once.
/// Raises `exc::LexiconError` (with `path`, `line`, `column`) for a bad
/// lexicon line and `exc::ConfigError` for a bad config.
#[pyclass(frozen, module = "claimscan")]
struct Scanner {
    settings: Arc<Settings>,
    /// Which files a folder walk reads (the config's include and exclude).
    filter: walk::FileFilter,
    config: Option<PathBuf>,
    lexicons: Vec<PathBuf>,
}

#[pymethods]
impl Scanner {
    #[new]
    #[pyo3(signature = (config=None, lexicons=Vec::new(), select=None, ignore=Vec::new()))]
    fn new(
        py: Python<'_>,
        config: Option<PathBuf>,
        lexicons: Vec<PathBuf>,
        select: Option<Vec<String>>,
        ignore: Vec<String>,
    ) -> PyResult<Self> {
        let overrides = Overrides {
            config: config.clone(),
            isolated: config.is_none(),
            select,
            ignore,
            lexicons: lexicons.clone(),
            ..Overrides::default()
        };
        enum Built {
            Ok(Box<(Settings, walk::FileFilter)>),
            Config(ConfigError),
            Other(String),
        }
        let built = py.detach(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let cwd = match std::env::current_dir() {
                    Ok(d) => d,
                    Err(e) => return Built::Other(format!("cannot read the current folder: {e}")),
                };
                let config = match Config::load(overrides, &cwd) {
                    Ok(c) => c,
                    Err(e) => return Built::Config(e),
                };
                let settings = match Settings::from_config(&config) {
                    Ok(s) => s,
                    Err(e) => return Built::Config(e),
                };
                let policy = settings.policy();
                match walk::FileFilter::new(&policy.base, policy.include.as_deref(), &policy.exclude)
                {
                    Ok(filter) => Built::Ok(Box::new((settings, filter))),
                    Err(e) => Built::Other(e),
                }
            }))
            .unwrap_or_else(|_| {
                Built::Other(
                    "internal error while compiling the lexicons (a bug in claimscan; please report it)"
                        .to_string(),
                )
            })
        });
        match built {
            Built::Ok(built) => Ok(Scanner {
                settings: Arc::new(built.0),
                filter: built.1,
                config,
                lexicons,
            }),
            Built::Config(e) => Err(config_error(py, &e)),
            Built::Other(m) => Err(PyErr::new::<exc::ConfigError, _>(m)),
        }
    }

    /// Checks one article held in memory and returns its report: a dict with
    /// `schema_version`, `path`, `sentences` (every unit, flagged or not,
    /// with its labels, severity and findings: rule id and name, label,
    /// severity, the trigger words' byte span and `match`, and for a cited
    /// finding the `source` it binds to) and `summary` (counts), the shape
    /// of the JSON report (`schema/report.schema.json`). Offsets are UTF-8
    /// byte offsets into the text.
    ///
    /// `text` is a str, or bytes decoded as UTF-8 as a file would be (a bad
    /// byte raises `InputError` with its `offset`). `format` is "text",
    /// "markdown" or "html"; suppression comments in it apply. `path` names
    /// the text in the report and in errors.
    #[pyo3(signature = (text, format="text", *, path="<text>"))]
    fn check_text<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        format: &str,
        path: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = input_format(format)?;
        let bytes = match text_bytes(text, path)? {
            Ok(b) => b,
            Err(f) => return Err(f.into_pyerr(py)),
        };
        let settings = Arc::clone(&self.settings);
        let name = path.to_string();
        let report = py.detach(move || {
            guarded(&name, || {
                check::check_bytes(Path::new(&name), bytes, format, &settings, None)
                    .map_err(Failure::Ingest)
            })
        });
        match report {
            Ok(r) => to_python(py, &r),
            Err(f) => Err(f.into_pyerr(py)),
        }
    }

    /// Checks many articles held in memory, in parallel, and returns their
    /// reports in input order (each as `check_text` gives it).
    ///
    /// `names` (one per text) name them in the reports and errors; by
    /// default `<text 0>`, `<text 1>`, … `jobs` is the number of threads
    /// (None: all cores). With `errors="raise"` the first text that cannot
    /// be read raises; with `errors="record"` it gets `{"path", "error"}`
    /// in its place and the others go on.
    #[pyo3(signature = (texts, format="text", *, names=None, jobs=None, errors="raise"))]
    fn check_texts<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        format: &str,
        names: Option<Vec<String>>,
        jobs: Option<usize>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let format = input_format(format)?;
        let errors = on_error(errors)?;
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(
                "texts: give a list of texts (for one text, use check_text)",
            ));
        }
        let texts: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
        if let Some(n) = &names {
            if n.len() != texts.len() {
                return Err(PyValueError::new_err(format!(
                    "names: {} given for {} texts; give one name per text",
                    n.len(),
                    texts.len()
                )));
            }
        }
        let mut items: Vec<(String, Result<Vec<u8>, Failure>)> = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let name = match &names {
                Some(n) => n.get(i).cloned().unwrap_or_default(),
                None => format!("<text {i}>"),
            };
            let bytes = text_bytes(text, &name)?;
            items.push((name, bytes));
        }
        let settings = &*self.settings;
        run_batch(py, items, jobs, errors, |(name, bytes)| {
            guarded(&name, || {
                let bytes = bytes?;
                check::check_bytes(Path::new(&name), bytes, format, settings, None)
                    .map_err(Failure::Ingest)
            })
        })
    }

    /// Checks files and folders, in parallel, and returns one report per
    /// file in path order, as `claimscan check --format json` does (the
    /// same dicts, with `path` as given or found under the folder).
    ///
    /// `paths` is one path or a list of them. Folders are walked for .txt,
    /// .md, .markdown, .html and .htm files (or the config's `include`),
    /// honouring `.gitignore` and the config's `exclude`; a file given
    /// directly is read whatever its extension, its format chosen by
    /// extension (plain text when unknown). `jobs` is the number of threads
    /// (None: all cores). With `errors="raise"` the first path that cannot
    /// be read raises `InputError` (with `path`, `reason` and, for bad
    /// UTF-8, `offset`); with `errors="record"` it gets `{"path", "error"}`
    /// in its place (paths that cannot be walked come first) and the others
    /// go on.
    #[pyo3(signature = (paths, *, jobs=None, errors="raise"))]
    fn check_files<'py>(
        &self,
        py: Python<'py>,
        paths: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let errors = on_error(errors)?;
        let paths = path_list(paths)?;
        let options = walk::WalkOptions {
            filter: self.filter.clone(),
            ..walk::WalkOptions::default()
        };
        let (inputs, walk_errors) = py.detach(|| walk::inputs_with(&paths, &options));
        let mut failed = Vec::with_capacity(walk_errors.len());
        for e in walk_errors {
            let f = Failure::Walk {
                path: e.path.display().to_string(),
                reason: e.message,
            };
            match errors {
                OnError::Raise => return Err(f.into_pyerr(py)),
                OnError::Record => failed.push(f.record(py)?),
            }
        }
        let settings = &*self.settings;
        let reports = run_batch(py, inputs, jobs, errors, |input| {
            let name = input.path.display().to_string();
            guarded(&name, || {
                check::check_file(&input.path, &input.path, settings, None).map_err(Failure::Ingest)
            })
        })?;
        if failed.is_empty() {
            return Ok(reports);
        }
        let all = PyList::new(py, failed)?;
        for r in reports.iter() {
            all.append(r)?;
        }
        Ok(all)
    }

    /// Every rule that gives findings, in id order: dicts with `id`, `name`,
    /// `label` (None for the suppression notices), `summary`, `doc` and
    /// `default_severity` under this scanner's configuration.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for r in self.settings.rule_docs() {
            let d = PyDict::new(py);
            d.set_item("id", &r.id)?;
            d.set_item("name", &r.name)?;
            d.set_item("label", pythonize::pythonize(py, &r.label)?)?;
            d.set_item("summary", &r.summary)?;
            d.set_item("doc", &r.doc)?;
            d.set_item(
                "default_severity",
                pythonize::pythonize(py, &r.default_severity)?,
            )?;
            rows.append(d)?;
        }
        Ok(rows)
    }

    fn __repr__(&self) -> String {
        let mut args = Vec::new();
        if let Some(c) = &self.config {
            args.push(format!("config={:?}", c.display().to_string()));
        }
        if !self.lexicons.is_empty() {
            let dirs: Vec<String> = self
                .lexicons
                .iter()
                .map(|d| format!("{:?}", d.display().to_string()))
                .collect();
            args.push(format!("lexicons=[{}]", dirs.join(", ")));
        }
        format!("Scanner({})", args.join(", "))
    }
}

/// One path (str or os.PathLike) or an iterable of them.
fn path_list(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = paths.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for p in paths.try_iter().map_err(|_| {
        PyTypeError::new_err("paths: give a path (str or os.PathLike) or a list of them")
    })? {
        out.push(p?.extract::<PathBuf>()?);
    }
    Ok(out)
}

/// claimscan's pipeline, compiled: see the `claimscan` package.
#[pymodule]
fn _claimscan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Scanner>()?;
    m.add("ClaimscanError", py.get_type::<exc::ClaimscanError>())?;
    m.add("InputError", py.get_type::<exc::InputError>())?;
    m.add("LexiconError", py.get_type::<exc::LexiconError>())?;
    m.add("ConfigError", py.get_type::<exc::ConfigError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", claimscan::report::SCHEMA_VERSION)?;
    Ok(())
}
