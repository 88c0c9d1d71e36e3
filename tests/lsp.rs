//! `claimscan lsp` driven over stdio with real JSON-RPC framing, as an
//! editor drives it: initialize, open, incremental edits, hover, code
//! actions, applying their edits, config reloads, shutdown and exit. The
//! diagnostics are compared with `claimscan check --format json` on the
//! same text, positions in UTF-16 on text with emoji, curly quotes and
//! CRLF line endings.
//!
//! Timeouts here only turn a hang into a failure; no test measures speed.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Long enough that only a hang reaches it.
const HANG: Duration = Duration::from_secs(300);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for another one, in order.
    seen: Vec<Value>,
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimscan"))
}

fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(bin())
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = Some(v.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take().unwrap();
        Server {
            child,
            stdin,
            messages: rx,
            next_id: 1,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id.
    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The first message matching `want`, among those already read and
    /// then the next ones; the others are kept in `seen`.
    fn wait_for(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&want) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + HANG;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if want(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} from the server"),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed before {what}"),
            }
        }
    }

    fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// The next diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, root: &Path, watch: bool) -> Value {
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}},
                    "general": {"positionEncodings": ["utf-16"]}
                }
            }),
        );
        self.notify("initialized", json!({}));
        if watch {
            let reg = self.wait_for("registerCapability", |m| {
                m["method"] == "client/registerCapability"
            });
            assert_eq!(
                reg["params"]["registrations"][0]["method"],
                "workspace/didChangeWatchedFiles"
            );
            let id = reg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        result
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Shutdown, exit, and the process ends with 0.
    fn stop(mut self) {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + HANG;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0));
                return;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// UTF-16 (line, character) of a byte offset, lines ending at \n, \r\n, \r.
fn utf16_position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let mut line = 0;
    let mut start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    let character = before[start..].encode_utf16().count();
    (line, character as u64)
}

fn byte_offset(text: &str, line: u64, character: u64) -> usize {
    let mut l = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while l < line && i < bytes.len() {
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            l += 1;
        }
        i += 1;
    }
    let mut units = 0;
    for (j, c) in text[i..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return i + j;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// Applies an LSP `TextEdit` to a text.
fn apply(text: &str, edit: &Value) -> String {
    let r = &edit["range"];
    let start = byte_offset(
        text,
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
    );
    let end = byte_offset(
        text,
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    )
}

/// (rule, severity, message, start, end) per diagnostic, as published.
type Flat = (String, u64, String, (u64, u64), (u64, u64));

fn flatten(diagnostics: &[Value]) -> Vec<Flat> {
    diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "claimscan");
            let pos = |p: &Value| {
                (
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                pos(&d["range"]["start"]),
                pos(&d["range"]["end"]),
            )
        })
        .collect()
}

/// What `claimscan check --format json` reports for `text` saved as
/// `path`, in the same shape (LSP severities: warning 2, note 3, info 4).
fn check_says(path: &Path, text: &str) -> Vec<Flat> {
    std::fs::write(path, text).unwrap();
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(path)
        .current_dir(path.parent().unwrap())
        .output()
        .unwrap();
    let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &reports[0];
    let severity = |s: &Value| match s.as_str().unwrap() {
        "error" => 1,
        "warning" => 2,
        "note" => 3,
        _ => 4,
    };
    let mut out: Vec<(usize, usize, Flat)> = Vec::new();
    for s in report["sentences"].as_array().unwrap() {
        for f in s["findings"].as_array().unwrap() {
            let (start, end) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            let matched = f["match"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let message = format!(
                "{} \"{}\": {}",
                f["label"].as_str().unwrap(),
                matched,
                f["message"].as_str().unwrap()
            );
            out.push((
                start,
                end,
                (
                    f["rule"].as_str().unwrap().to_string(),
                    severity(&f["severity"]),
                    message,
                    utf16_position(text, start),
                    utf16_position(text, end),
                ),
            ));
        }
    }
    for n in report["notices"].as_array().into_iter().flatten() {
        let (start, end) = (
            n["start"].as_u64().unwrap() as usize,
            n["end"].as_u64().unwrap() as usize,
        );
        out.push((
            start,
            end,
            (
                n["rule"].as_str().unwrap().to_string(),
                severity(&n["severity"]),
                n["message"].as_str().unwrap().to_string(),
                utf16_position(text, start),
                utf16_position(text, end),
            ),
        ));
    }
    out.sort_by_key(|(s, e, _)| (*s, *e));
    out.into_iter().map(|(_, _, f)| f).collect()
}

fn find<'a>(diagnostics: &'a [Value], rule: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics:#?}"))
}

fn range_at(line: u64, from: u64, to: u64) -> Value {
    json!({"start": {"line": line, "character": from}, "end": {"line": line, "character": to}})
}

/// A folder with an empty config file, so no claimscan.toml above the
/// temporary folder is found.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("claimscan.toml"), "").unwrap();
    dir
}

#[test]
fn edits_hover_and_quick_fixes_on_text_with_emoji_and_curly_quotes() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let md = root.join("article.md");
    let md_uri = file_uri(&md);
    let mut server = Server::start(&root);
    let init = server.initialize(&root, true);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    // 😀 is two UTF-16 units, “ and ” one each: "cures" starts at
    // character 17 of line 2.
    let mut text = String::from(
        "# Back pain 😀\n\n“Acupuncture” 😀 cures back pain. Research shows it always helps.\n",
    );
    server.open(&md_uri, "markdown", &text);
    let diags = server.diagnostics(&md_uri, 1);
    let cure = find(&diags, "A104");
    assert_eq!(cure["range"], range_at(2, 17, 22));
    assert_eq!(cure["severity"], 2);
    assert_eq!(
        cure["message"].as_str().unwrap(),
        "absolute \"cures\": Cure and miracle language (cures, eliminates, eradicates, miracle) promises more than evidence can."
    );
    assert_eq!(flatten(&diags), check_says(&root.join("same-1.md"), &text));

    // Hover on "cures": the rule, the trigger words, the rewording, and
    // `claimscan explain`'s text.
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": md_uri}, "position": {"line": 2, "character": 19}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("**A104 cure-claim** · absolute · warning"),
        "{value}"
    );
    assert!(value.contains("Trigger words: “cures”"), "{value}");
    assert!(value.contains("“cures” → “may help relieve”"), "{value}");
    let explain = Command::new(bin())
        .args(["explain", "A104"])
        .output()
        .unwrap();
    let explain = String::from_utf8(explain.stdout).unwrap();
    assert!(value.contains(explain.trim_end()), "{value}");
    assert_eq!(hover["range"], range_at(2, 17, 22));
    // Elsewhere in the flagged sentence: every finding of the unit.
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": md_uri}, "position": {"line": 2, "character": 1}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("A104"));
    // On the unflagged heading: nothing.
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": md_uri}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(hover, Value::Null);

    // Two incremental edits in one notification: "Truly, " before the
    // sentence, then "always" (now at 59..65) becomes "often".
    let changes = json!([
        {"range": range_at(2, 0, 0), "text": "Truly, "},
        {"range": range_at(2, 59, 65), "text": "often"},
    ]);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": md_uri, "version": 2}, "contentChanges": changes}),
    );
    text = text
        .replace("“Acupuncture”", "Truly, “Acupuncture”")
        .replace("always", "often");
    let diags = server.diagnostics(&md_uri, 2);
    assert_eq!(find(&diags, "A104")["range"], range_at(2, 24, 29));
    assert!(diags.iter().all(|d| d["code"] != "A102"), "{diags:#?}");
    assert_eq!(flatten(&diags), check_says(&root.join("same-2.md"), &text));

    // Code actions on "cures": the rewording and the suppression.
    let cure = find(&diags, "A104").clone();
    let actions = server.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": md_uri},
            "range": range_at(2, 26, 26),
            "context": {"diagnostics": [cure]}
        }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Reword “cures” as “may help relieve”"),
        "{titles:?}"
    );
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress A104 (cure-claim) for this sentence")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(suppress["kind"], "quickfix");
    assert_eq!(suppress["diagnostics"][0]["code"], "A104");
    // Applying the suppression, as the editor does, silences the finding
    // and leaves no unused-suppression notice.
    let edit = &suppress["edit"]["changes"][md_uri.as_str()][0];
    let before_edit = diags.len();
    text = apply(&text, edit);
    assert!(
        text.contains("<!-- claimscan-disable-next-line A104 -->"),
        "{text}"
    );
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": md_uri, "version": 3},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]
        }),
    );
    let diags = server.diagnostics(&md_uri, 3);
    assert!(
        diags
            .iter()
            .all(|d| d["code"] != "A104" && d["code"] != "S101"),
        "{diags:#?}"
    );
    assert_eq!(diags.len(), before_edit - 1);
    assert_eq!(flatten(&diags), check_says(&root.join("same-3.md"), &text));

    // A plain-text document with CRLF endings: the rewording quick fix.
    let txt = root.join("note.txt");
    let txt_uri = file_uri(&txt);
    let mut plain = String::from("Tea 😀 helps.\r\n“Turmeric” cures colds 😀 fast.\r\n");
    server.open(&txt_uri, "plaintext", &plain);
    let diags = server.diagnostics(&txt_uri, 1);
    assert_eq!(find(&diags, "A104")["range"], range_at(1, 11, 16));
    assert_eq!(
        flatten(&diags),
        check_says(&root.join("same-4.txt"), &plain)
    );
    let actions = server.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": txt_uri}, "range": range_at(1, 12, 14), "context": {"diagnostics": []}}),
    );
    let reword = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Reword “cures” as “may help relieve”")
        .unwrap_or_else(|| panic!("{actions:#}"))
        .clone();
    assert_eq!(reword["isPreferred"], true);
    let edit = &reword["edit"]["changes"][txt_uri.as_str()][0];
    plain = apply(&plain, edit);
    assert_eq!(
        plain,
        "Tea 😀 helps.\r\n“Turmeric” may help relieve colds 😀 fast.\r\n"
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": txt_uri, "version": 2}, "contentChanges": [{"text": plain}]}),
    );
    let diags = server.diagnostics(&txt_uri, 2);
    assert!(diags.iter().all(|d| d["code"] != "A104"), "{diags:#?}");
    assert!(diags.iter().any(|d| d["code"] == "H101"), "{diags:#?}");

    // Closing a document clears its diagnostics.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": txt_uri}}),
    );
    let cleared = server.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == txt_uri
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    server.stop();
}

#[test]
fn config_is_found_from_the_document_folder_and_reloaded_when_it_changes() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let sub = root.join("site/posts");
    std::fs::create_dir_all(&sub).unwrap();
    let config = root.join("site/claimscan.toml");
    std::fs::write(&config, "ignore = [\"A102\"]\n").unwrap();
    let doc = sub.join("post.md");
    let uri = file_uri(&doc);
    let mut server = Server::start(&root);
    server.initialize(&root, true);
    server.open(&uri, "markdown", "It always cures colds.\n");
    let rules = |d: &[Value]| -> Vec<String> {
        d.iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(rules(&server.diagnostics(&uri, 1)), ["A104"]);

    let changed = |server: &mut Server| {
        server.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
        );
    };
    std::fs::write(&config, "ignore = [\"A104\"]\n").unwrap();
    changed(&mut server);
    assert_eq!(rules(&server.diagnostics(&uri, 1)), ["A102"]);

    // A bad config is an error at the top of the document, naming the
    // file, line and column, and a message box.
    std::fs::write(&config, "ignore = [\"A104\"]\nfial-on = 1\n").unwrap();
    changed(&mut server);
    let diags = server.diagnostics(&uri, 1);
    assert_eq!(diags.len(), 1);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!(
            "{}:2:1: unknown field `fial-on`",
            config.display()
        )),
        "{message}"
    );
    assert_eq!(diags[0]["severity"], 1);
    let shown = server.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["message"], message);
    server.stop();
}

#[test]
fn workspace_check_publishes_every_file_not_open() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("a.md"), "It cures colds.\n").unwrap();
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::write(root.join("b/c.txt"), "Nothing to see here.\n").unwrap();
    std::fs::write(root.join("b/skip.rs"), "fn main() {} // always\n").unwrap();
    let mut server = Server::start(&root);
    server.initialize(&root, false);
    let open = file_uri(&root.join("b/c.txt"));
    server.open(&open, "plaintext", "Always.\n");
    server.diagnostics(&open, 1);
    let result = server.call(
        "workspace/executeCommand",
        json!({"command": "claimscan.checkWorkspace", "arguments": []}),
    );
    assert_eq!(result["files"], 2, "{result}");
    let a = file_uri(&root.join("a.md"));
    let published: Vec<&Value> = server
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    let for_a = published
        .iter()
        .find(|m| m["params"]["uri"] == a)
        .unwrap_or_else(|| panic!("{published:#?}"));
    assert_eq!(for_a["params"]["diagnostics"][0]["code"], "A104");
    // The open document keeps its live diagnostics.
    assert_eq!(
        published
            .iter()
            .filter(|m| m["params"]["uri"] == open)
            .count(),
        0
    );
    server.stop();
}

#[test]
fn a_20_mb_document_with_no_punctuation_does_not_hold_up_other_requests() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut server = Server::start(&root);
    server.initialize(&root, false);
    let small = file_uri(&root.join("small.md"));
    server.open(&small, "markdown", "Acupuncture cures back pain.\n");
    server.diagnostics(&small, 1);

    // 20 MB in one unit, with a finding every few words.
    let phrase = "the patient always walked home after lunch with her sister and ";
    let big_text = phrase.repeat(20_000_000 / phrase.len());
    let big = file_uri(&root.join("big.md"));
    server.open(&big, "markdown", &big_text);
    // While it is checked: hover on another document and on the big one,
    // an edit to the first and a new document are all answered.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": {"line": 0, "character": 14}}),
    );
    let hover_big = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": big}, "position": {"line": 0, "character": 14}}),
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": small, "version": 2}, "contentChanges": [{"text": "It always works.\n"}]}),
    );
    let other = file_uri(&root.join("other.txt"));
    server.open(&other, "plaintext", "Research shows it helps.\n");

    let r = server.response(hover);
    assert!(r["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("A104"));
    // Not checked yet: no hover, and no wait for one.
    assert_eq!(server.response(hover_big)["result"], Value::Null);
    assert_eq!(server.diagnostics(&small, 2)[0]["code"], "A102");
    assert_eq!(server.diagnostics(&other, 1)[0]["code"], "V101");
    let big_done = server
        .seen
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big);
    assert!(
        !big_done,
        "the long document was checked before the short ones"
    );
    // Shutdown and exit are not held up either.
    server.stop();
}

#[test]
fn hover_on_a_cited_unit_names_the_source_it_binds_to() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let txt = root.join("news.txt");
    let uri = file_uri(&txt);
    let mut server = Server::start(&root);
    server.initialize(&root, true);
    // "The researchers" binds to the journal named two paragraphs up.
    let text = "Zinc and colds\n\n\
                A trial was published in the journal Thorax in 2019.\n\n\
                The researchers found less congestion.\n";
    server.open(&uri, "plaintext", text);
    let diags = server.diagnostics(&uri, 1);
    assert_eq!(
        flatten(&diags),
        check_says(&root.join("same-news.txt"), text)
    );
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 6}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("C902"), "{value}");
    assert!(
        value.contains("Thorax (journal), introduced on line 3"),
        "{value}"
    );
}
