//! JSON Schemas of the report and of `claimscan stream`'s output lines,
//! generated from the Rust types, so they cannot say one thing while the
//! program writes another. The committed copies under `schema/` are checked
//! against these by `tests/schema.rs`.

use schemars::JsonSchema;

use super::FileReport;
use crate::batch::stream::StreamLine;

/// The schema of a JSON report (one article), pretty-printed with a final
/// newline.
pub fn report_schema() -> String {
    render::<FileReport>("claimscan report")
}

/// The schema of one output line of `claimscan stream`: a document's
/// result or an error record.
pub fn stream_schema() -> String {
    render::<StreamLine>("claimscan stream output line")
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = schemars::schema_for!(T);
    schema.insert("title".into(), title.into());
    schema.insert(
        "$comment".into(),
        format!(
            "schema_version {}; generated from the Rust types (src/report, src/stream.rs)",
            super::SCHEMA_VERSION
        )
        .into(),
    );
    // serde_json's map keeps keys sorted, so the text is stable.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
