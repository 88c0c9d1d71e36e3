//! The committed JSON Schemas (`schema/`) match the Rust types, and the
//! reports the program writes match the schemas.
//!
//! After changing a report type: `UPDATE_SCHEMA=1 cargo test --test schema`
//! rewrites the files; review the diff, and bump `schema_version` with a
//! migration note in the README when the change is not additive.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

fn check_committed(name: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust types; run `UPDATE_SCHEMA=1 cargo test --test schema`, \
         review the diff and, if the change is not additive, bump SCHEMA_VERSION with a migration \
         note in the README",
        path.display()
    );
}

#[test]
fn report_schema_is_committed_and_current() {
    check_committed(
        "report.schema.json",
        &claimscan::report::schema::report_schema(),
    );
}

#[test]
fn stream_schema_is_committed_and_current() {
    check_committed(
        "stream.schema.json",
        &claimscan::report::schema::stream_schema(),
    );
}

/// A validator for the part of JSON Schema the generated schemas use:
/// `$ref` into `$defs`, `type` (one or a list), `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `anyOf`, `oneOf`,
/// `minimum`. Returns the first mismatch.
fn validate(schema: &Value, root: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return validate(&root["$defs"][name], root, value, at);
    }
    if let Some(alts) = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array)
    {
        let ok = alts
            .iter()
            .filter(|s| validate(s, root, value, at).is_ok())
            .count();
        let one_of = schema.get("oneOf").is_some();
        if ok == 0 || (one_of && ok > 1) {
            return Err(format!("{at}: {ok} alternatives match {value}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            return Err(format!("{at}: {value} not in {e:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            return Err(format!("{at}: {value} is not {c}"));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        if !types
            .iter()
            .any(|t| *t == actual || (*t == "number" && actual == "integer"))
        {
            return Err(format!("{at}: {actual} is not {types:?}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if n < min {
            return Err(format!("{at}: {n} < {min}"));
        }
    }
    if let Value::Object(map) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        if let Some(req) = schema.get("required").and_then(Value::as_array) {
            for r in req.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    return Err(format!("{at}: missing required `{r}`"));
                }
            }
        }
        for (k, v) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, root, v, &format!("{at}.{k}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{at}: unexpected `{k}`"))
                }
                None if props.is_some() => return Err(format!("{at}: `{k}` not in the schema")),
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            validate(s, root, v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

fn claimscan() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"))
}

#[test]
fn reports_written_match_the_report_schema() {
    let schema: Value = serde_json::from_str(&claimscan::report::schema::report_schema()).unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = claimscan()
        .args(["check", "--format", "json"])
        .arg(&corpus)
        .output()
        .unwrap();
    let reports: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports.len(), 5);
    for r in &reports {
        validate(&schema, &schema, r, "$").unwrap();
    }
    // The validator is not vacuous: a report missing a field fails.
    let mut broken = reports[0].clone();
    broken["sentences"][0]
        .as_object_mut()
        .unwrap()
        .remove("labels");
    assert!(validate(&schema, &schema, &broken, "$").is_err());
    broken = reports[0].clone();
    broken["sentences"][0]["labels"] = serde_json::json!(["overstated"]);
    assert!(validate(&schema, &schema, &broken, "$").is_err());
}

#[test]
fn stream_lines_match_the_stream_schema() {
    use std::io::Write;
    let schema: Value = serde_json::from_str(&claimscan::report::schema::stream_schema()).unwrap();
    let mut child = claimscan()
        .arg("stream")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"{\"id\": 7, \"text\": \"It cures pain. Research shows it works.\"}\nnot json\n{\"id\": \"x\", \"text\": \"A 2019 Cochrane review found it may help.\"}\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].get("error").is_some());
    for l in &lines {
        validate(&schema, &schema, l, "$").unwrap();
    }
    assert!(validate(&schema, &schema, &serde_json::json!({"id": 1}), "$").is_err());
}
