//! JSON reports: one document per article.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{write_atomic_with, FileReport, Reporter, Summary};

/// Writes each article's report to `DIR/<relative path>.json`, or, with no
/// folder, an array of reports to the output. The array is streamed: each
/// report is written as it arrives, so a run never holds them all.
pub struct JsonReporter {
    output_dir: Option<PathBuf>,
    written: usize,
}

impl JsonReporter {
    /// A reporter writing into `output_dir`, or to the output stream.
    pub fn new(output_dir: Option<PathBuf>) -> Self {
        JsonReporter {
            output_dir,
            written: 0,
        }
    }
}

/// The file a report goes to under `dir`: its relative path plus `.json`.
pub fn report_path(dir: &Path, report: &FileReport) -> PathBuf {
    let mut name = report.relative.clone().into_os_string();
    name.push(".json");
    dir.join(name)
}

/// Writes one report into `dir`, atomically. Reports go to different files,
/// so this may run on many threads at once, in any order.
pub fn write_report_file(dir: &Path, report: &FileReport) -> io::Result<()> {
    write_atomic_with(&report_path(dir, report), |out| {
        serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
        out.write_all(b"\n")
    })
}

impl Reporter for JsonReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match &self.output_dir {
            Some(dir) => write_report_file(dir, report),
            None => {
                // The bytes `serde_json::to_writer_pretty` gives for the whole
                // array: each element indented one level. A JSON string never
                // holds a raw line break, so every `\n` is formatting.
                let element = serde_json::to_vec_pretty(report).map_err(io::Error::other)?;
                out.write_all(if self.written == 0 {
                    b"[\n  "
                } else {
                    b",\n  "
                })?;
                for (i, line) in element.split(|&b| b == b'\n').enumerate() {
                    if i > 0 {
                        out.write_all(b"\n  ")?;
                    }
                    out.write_all(line)?;
                }
                self.written += 1;
                Ok(())
            }
        }
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.output_dir.is_none() {
            if self.written == 0 {
                out.write_all(b"[]")?;
            } else {
                out.write_all(b"\n]")?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;

    #[test]
    fn streamed_array_is_byte_identical_to_serde_json() {
        let settings = Settings::new(&[]).unwrap();
        let texts = [
            "It cures \"all\" pain.\nResearch shows it works.",
            "It may help.",
            "",
        ];
        let reports: Vec<FileReport> = texts
            .iter()
            .map(|t| {
                super::super::file_report(
                    &crate::pipeline::analyze_text(t, &settings),
                    Path::new("a.txt"),
                    &settings,
                )
            })
            .collect();
        for n in 0..=reports.len() {
            let mut streamed = Vec::new();
            let mut r = JsonReporter::new(None);
            for rep in &reports[..n] {
                r.file(rep, &mut streamed).unwrap();
            }
            r.finish(&Summary::default(), &mut streamed).unwrap();
            let mut whole = serde_json::to_vec_pretty(&reports[..n]).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
