//! `claimscan segment FILE`: the segmenter's debugging view, one unit a
//! line as JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use claimscan::report;

#[derive(Args)]
pub struct SegmentArgs {
    /// A file, or `-` to read stdin.
    pub file: PathBuf,
    /// The input format (default: by the file's extension; stdin is text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<claimscan::pipeline::ingest::InputFormat>,
}

/// Runs `claimscan segment`.
pub fn run(args: SegmentArgs) -> anyhow::Result<ExitCode> {
    segment(&args.file, args.input_format)
}

/// `claimscan segment`: the units of one input as JSON Lines.
fn segment(
    file: &std::path::Path,
    format: Option<claimscan::pipeline::ingest::InputFormat>,
) -> anyhow::Result<ExitCode> {
    use claimscan::pipeline::ingest;
    use std::io::Read;
    let doc = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        let format = format.unwrap_or(ingest::InputFormat::Text);
        ingest::from_bytes(std::path::Path::new("<stdin>"), bytes, format)?
    } else {
        ingest::read_file_as(file, format)?
    };
    let units = claimscan::pipeline::segment::segment(&doc);
    let records = report::segments::records(&doc, &units);
    let mut out = io::BufWriter::new(io::stdout().lock());
    report::segments::write_jsonl(&records, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
