//! The per-article table (`--summary FILE.csv`): one row per article, for
//! comparing outlets or articles without reading every unit.
//!
//! Rows go to a temporary file beside the destination as articles arrive
//! (so a run over a million articles holds none of them), and the file is
//! renamed into place when the run ends: a reader sees the old table or the
//! whole new one, never half.

use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use super::FileReport;

/// The header row.
pub const HEADER: [&str; 15] = [
    "path",
    "units",
    "words",
    "flagged",
    "absolute",
    "cited",
    "hedged",
    "vague",
    "unsourced_absolute",
    "absolute_per_1k_words",
    "cited_per_1k_words",
    "hedged_per_1k_words",
    "vague_per_1k_words",
    "unsourced_absolute_per_1k_words",
    "cited_share",
];

/// One article's row. Rates are per 1,000 words, with three decimals;
/// `cited_share` is the share of flagged units (the units that make a
/// claim the tool can see) that are cited, empty when none is flagged.
pub fn row(report: &FileReport) -> [String; 15] {
    let s = &report.summary;
    let words: usize = report
        .sentences
        .iter()
        .map(|u| u.text.split_whitespace().count())
        .sum();
    let per_1k = |n: usize| {
        if words == 0 {
            String::new()
        } else {
            format!("{:.3}", n as f64 * 1000.0 / words as f64)
        }
    };
    let cited_share = if s.flagged == 0 {
        String::new()
    } else {
        format!("{:.3}", s.cited as f64 / s.flagged as f64)
    };
    [
        report.path.clone(),
        s.units.to_string(),
        words.to_string(),
        s.flagged.to_string(),
        s.absolute.to_string(),
        s.cited.to_string(),
        s.hedged.to_string(),
        s.vague.to_string(),
        s.unsourced_absolute.to_string(),
        per_1k(s.absolute),
        per_1k(s.cited),
        per_1k(s.hedged),
        per_1k(s.vague),
        per_1k(s.unsourced_absolute),
        cited_share,
    ]
}

/// The table being written.
pub struct ArticleTable {
    path: PathBuf,
    writer: csv::Writer<BufWriter<tempfile::NamedTempFile>>,
}

impl ArticleTable {
    /// Starts the table for `path` (its folder is created if missing).
    pub fn create(path: &Path) -> io::Result<ArticleTable> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        // Tracked, so an interrupted run removes it (see `batch::interrupt`).
        let tmp = crate::batch::interrupt::temp_file_in(dir)?;
        let mut writer = csv::Writer::from_writer(BufWriter::new(tmp));
        writer.write_record(HEADER).map_err(super::csv::io_error)?;
        Ok(ArticleTable {
            path: path.to_path_buf(),
            writer,
        })
    }

    /// Adds one article's row.
    pub fn add(&mut self, report: &FileReport) -> io::Result<()> {
        self.writer
            .write_record(row(report))
            .map_err(super::csv::io_error)?;
        Ok(())
    }

    /// Renames the finished table into place.
    pub fn finish(self) -> io::Result<()> {
        let buffered = self.writer.into_inner().map_err(|e| e.into_error())?;
        let tmp = buffered.into_inner().map_err(|e| e.into_error())?;
        let tmp_path = tmp.path().to_path_buf();
        let persisted = tmp.persist(&self.path).map_err(|e| e.error);
        crate::batch::interrupt::untrack(&tmp_path);
        persisted.map(|_| ())
    }
}
