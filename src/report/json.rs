//! JSON reports: one document per article.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{write_atomic, FileReport, Reporter, Summary};

/// Writes each article's report to `DIR/<relative path>.json`, or, with no
/// folder, an array of reports to the output at the end of the run.
pub struct JsonReporter {
    output_dir: Option<PathBuf>,
    buffered: Vec<FileReport>,
}

impl JsonReporter {
    /// A reporter writing into `output_dir`, or to the output stream.
    pub fn new(output_dir: Option<PathBuf>) -> Self {
        JsonReporter {
            output_dir,
            buffered: Vec::new(),
        }
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        match &self.output_dir {
            Some(dir) => {
                let mut name = report.relative.clone().into_os_string();
                name.push(".json");
                let mut bytes = serde_json::to_vec_pretty(report).map_err(io::Error::other)?;
                bytes.push(b'\n');
                write_atomic(&dir.join(name), &bytes)
            }
            None => {
                self.buffered.push(report.clone());
                Ok(())
            }
        }
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.output_dir.is_none() {
            serde_json::to_writer_pretty(&mut *out, &self.buffered).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
