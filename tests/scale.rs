//! Runs over many articles: output identical whatever the thread count and
//! the file system's order; walking (.gitignore, globs, hidden files, links,
//! special files); the CSV formats; the progress bar's conditions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn claimscan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimscan"));
    cmd.env_remove("CI");
    cmd
}

/// Runs a command with a deadline: a run that blocks (on a FIFO, say) fails
/// the test instead of hanging it.
fn run(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || read_all(stdout));
    let err_reader = std::thread::spawn(move || read_all(stderr));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("claimscan did not finish in 120 s: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn read_all(mut r: impl std::io::Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}

/// The 200 test articles, as (id, text).
fn articles() -> Vec<(String, String)> {
    std::fs::read_to_string(manifest().join("tests/data/recovery-200.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Writes the articles as `<outlet>/<id>.txt` in the given order of
/// creation.
fn write_corpus(dir: &Path, order: impl Iterator<Item = usize>) {
    let all = articles();
    for i in order {
        let (id, text) = &all[i];
        let outlet = id.rsplit_once('_').unwrap().0;
        std::fs::create_dir_all(dir.join(outlet)).unwrap();
        std::fs::write(dir.join(outlet).join(format!("{id}.txt")), text).unwrap();
    }
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Everything one run writes: stdout of json, csv and stream, the per-article
/// table, and the --output-dir tree.
fn outputs(corpus: &Path, threads: &str) -> Vec<(String, Vec<u8>)> {
    let scratch = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for format in ["json", "csv", "terminal"] {
        let out = run(claimscan()
            .current_dir(corpus)
            .args(["check", ".", "-j", threads, "--format", format]));
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        results.push((format.to_string(), out.stdout));
    }
    let dir = scratch.path().join("reports");
    let table = scratch.path().join("articles.csv");
    let out = run(claimscan()
        .current_dir(corpus)
        .args([
            "check",
            ".",
            "-j",
            threads,
            "--format",
            "json",
            "--output-dir",
        ])
        .arg(&dir)
        .arg("--summary")
        .arg(&table));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    for (path, bytes) in tree(&dir) {
        results.push((path.display().to_string(), bytes));
    }
    results.push(("summary".into(), std::fs::read(&table).unwrap()));

    let mut child = claimscan()
        .args(["stream", "-j", threads])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::read(manifest().join("tests/data/recovery-200.jsonl")).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    results.push(("stream".into(), out.stdout));
    results
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count_and_creation_order() {
    let forward = tempfile::tempdir().unwrap();
    let backward = tempfile::tempdir().unwrap();
    write_corpus(forward.path(), 0..200);
    write_corpus(backward.path(), (0..200).rev());
    let one = outputs(forward.path(), "1");
    let two = outputs(forward.path(), "2");
    let reversed = outputs(backward.path(), "2");
    // 3 stdout formats + 200 reports + the table + the stream.
    assert_eq!(one.len(), 205);
    for ((name, a), ((_, b), (_, c))) in one.iter().zip(two.iter().zip(&reversed)) {
        assert!(a == b, "{name} differs between -j1 and -j2");
        assert!(a == c, "{name} differs with the files created in reverse");
    }
    let stream = &one.last().unwrap().1;
    assert_eq!(
        stream
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        200
    );
}

fn relative_paths(out: &Output) -> Vec<String> {
    let reports: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    reports
        .iter()
        .map(|r| r["path"].as_str().unwrap().replace('\\', "/"))
        .collect()
}

fn check_json(dir: &Path, args: &[&str]) -> Output {
    run(claimscan()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args))
}

#[test]
fn gitignore_hidden_and_globs_choose_the_files() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    for f in [
        "a.txt",
        "b.md",
        "notes.rst",
        "drafts/c.txt",
        "old/d.txt",
        ".hidden/e.txt",
        ".f.txt",
    ] {
        std::fs::create_dir_all(p.join(f).parent().unwrap()).unwrap();
        std::fs::write(p.join(f), "It cures pain.\n").unwrap();
    }
    std::fs::write(p.join(".gitignore"), "old/\n").unwrap();

    let out = check_json(p, &["."]);
    assert_eq!(
        relative_paths(&out),
        ["./a.txt", "./b.md", "./drafts/c.txt"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = check_json(p, &["--hidden", "."]);
    assert_eq!(
        relative_paths(&out),
        [
            "./.f.txt",
            "./.hidden/e.txt",
            "./a.txt",
            "./b.md",
            "./drafts/c.txt"
        ]
    );

    let out = check_json(p, &["--glob", "!drafts/", "."]);
    assert_eq!(relative_paths(&out), ["./a.txt", "./b.md"]);

    // An include glob admits only what it matches, whatever the extension.
    let out = check_json(p, &["-g", "*.rst", "-g", "*.md", "."]);
    assert_eq!(relative_paths(&out), ["./b.md", "./notes.rst"]);

    let out = check_json(p, &["--glob", "[", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad --glob"));
}

#[cfg(unix)]
#[test]
fn links_loops_and_special_files_are_reported_and_skipped() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::create_dir(p.join("sub")).unwrap();
    std::fs::write(p.join("sub/good.txt"), "It cures pain.\n").unwrap();
    // A folder loop, a file link loop, a broken link, a link to a file.
    symlink("..", p.join("sub/up")).unwrap();
    symlink("self.txt", p.join("self.txt")).unwrap();
    symlink("missing.txt", p.join("broken.txt")).unwrap();
    symlink("sub/good.txt", p.join("linked.txt")).unwrap();
    // A FIFO nobody writes to: opening it would block forever.
    let status = Command::new("mkfifo")
        .arg(p.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    // A character device.
    symlink("/dev/null", p.join("device.txt")).unwrap();

    let out = check_json(p, &["."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        relative_paths(&out),
        ["./linked.txt", "./sub/good.txt"],
        "{stderr}"
    );
    for expected in [
        "pipe.txt: not a regular file (a FIFO); skipped",
        "device.txt: not a regular file (a character device); skipped",
        "broken.txt",
        "self.txt",
        "sub/up",
    ] {
        assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    }
    assert!(stderr.contains("loop"), "{stderr}");

    // Named directly, a FIFO is refused from its file type, not opened.
    let out = check_json(p, &["pipe.txt", "sub/good.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("pipe.txt: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert_eq!(relative_paths(&out), ["sub/good.txt"]);
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_reported_and_the_others_are_read() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(p.join("good.txt"), "It cures pain.\n").unwrap();
    // A regular file whose read fails even for root: offset 0 of a process's
    // memory is never mapped.
    symlink("/proc/self/mem", p.join("mem.txt")).unwrap();
    // And, when this process cannot read it, a file without read permission.
    let secret = p.join("secret.txt");
    std::fs::write(&secret, "It cures pain.\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let can_read_secret = std::fs::read(&secret).is_ok();
    if can_read_secret {
        std::fs::remove_file(&secret).unwrap();
    }

    let out = check_json(p, &["."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(relative_paths(&out), ["./good.txt"], "{stderr}");
    assert!(stderr.contains("mem.txt: cannot read"), "{stderr}");
    if !can_read_secret {
        assert!(stderr.contains("secret.txt: cannot read"), "{stderr}");
    }
}

#[test]
fn csv_rows_are_rfc4180_and_read_back_to_the_json_fields() {
    let d = tempfile::tempdir().unwrap();
    let text = "Experts say it \"cures, always\" and\nhas no side effects.\n\nIt may help, a 2019 Cochrane review found.\n";
    std::fs::write(d.path().join("a.txt"), text).unwrap();
    let csv_out = run(claimscan()
        .current_dir(d.path())
        .args(["check", "--format", "csv", "a.txt"]));
    let json_out = check_json(d.path(), &["a.txt"]);
    let reports: Vec<serde_json::Value> = serde_json::from_slice(&json_out.stdout).unwrap();
    let sentences = reports[0]["sentences"].as_array().unwrap();

    let raw = String::from_utf8(csv_out.stdout).unwrap();
    // The quote is doubled and the field quoted; the line break kept inside.
    assert!(
        raw.contains("\"Experts say it \"\"cures, always\"\" and\nhas no side effects.\""),
        "{raw}"
    );
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["path", "start", "end", "line", "column", "labels", "rules", "severity", "text"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), sentences.len());
    for (row, s) in rows.iter().zip(sentences) {
        assert_eq!(&row[0], "a.txt");
        assert_eq!(row[1].parse::<u64>().unwrap(), s["start"]);
        assert_eq!(row[2].parse::<u64>().unwrap(), s["end"]);
        assert_eq!(row[3].parse::<u64>().unwrap(), s["line"]);
        assert_eq!(row[4].parse::<u64>().unwrap(), s["column"]);
        let labels: Vec<&str> = s["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(&row[5], labels.join(";"));
        let mut rules: Vec<&str> = Vec::new();
        for f in s["findings"].as_array().unwrap() {
            let r = f["rule"].as_str().unwrap();
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        assert_eq!(&row[6], rules.join(";"));
        assert_eq!(&row[7], s["severity"].as_str().unwrap_or(""));
        assert_eq!(&row[8], s["text"].as_str().unwrap());
    }
    assert!(rows[0][5].contains("absolute"), "{:?}", rows[0]);
}

#[test]
fn summary_table_has_one_row_per_article() {
    let d = tempfile::tempdir().unwrap();
    // 10 words; one absolute unsourced, one cited, one unflagged.
    std::fs::write(
        d.path().join("a.txt"),
        "It cures pain.\n\nA 2019 Cochrane review found that.\n\nNothing.\n",
    )
    .unwrap();
    std::fs::write(d.path().join("empty.txt"), "").unwrap();
    let table = d.path().join("out/articles.csv");
    let out = run(claimscan()
        .current_dir(d.path())
        .args([
            "check",
            "a.txt",
            "empty.txt",
            "--format",
            "csv",
            "--summary",
        ])
        .arg(&table));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = std::fs::read_to_string(&table).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let get = |row: &csv::StringRecord, col: &str| {
        row[header.iter().position(|h| h == col).unwrap()].to_string()
    };
    let a = &rows[0];
    assert_eq!(get(a, "path"), "a.txt");
    assert_eq!(get(a, "units"), "3");
    assert_eq!(get(a, "words"), "10");
    assert_eq!(get(a, "absolute"), "1");
    assert_eq!(get(a, "unsourced_absolute"), "1");
    assert_eq!(get(a, "cited"), "1");
    assert_eq!(get(a, "absolute_per_1k_words"), "100.000");
    assert_eq!(get(a, "cited_share"), "0.500");
    let empty = &rows[1];
    assert_eq!(get(empty, "units"), "0");
    assert_eq!(get(empty, "absolute_per_1k_words"), "");
    assert_eq!(get(empty, "cited_share"), "");
    // Written by a rename: no temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(d.path().join("out")).unwrap().collect();
    assert_eq!(left.len(), 1);
}

/// Runs claimscan with stderr on a pseudo-terminal (util-linux `script`).
fn on_a_terminal(dir: &Path, ci: bool) -> String {
    let mut cmd = Command::new("script");
    cmd.current_dir(dir).args([
        "-qec",
        &format!(
            "{} check --format json --output-dir out .",
            env!("CARGO_BIN_EXE_claimscan")
        ),
        "/dev/null",
    ]);
    cmd.env_remove("CI");
    if ci {
        cmd.env("CI", "true");
    }
    String::from_utf8_lossy(&run(&mut cmd).stdout).into_owned()
}

#[test]
fn progress_bar_only_on_a_terminal_with_several_files_and_not_under_ci() {
    let d = tempfile::tempdir().unwrap();
    write_corpus(d.path(), 0..40);
    // Piped stderr: no bar.
    let out = check_json(d.path(), &["."]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if Command::new("script").arg("--version").output().is_err() {
        panic!("the progress bar test needs util-linux `script` (a pseudo-terminal)");
    }
    let shown = on_a_terminal(d.path(), false);
    assert!(shown.contains("/40 files"), "{shown:?}");
    let ci = on_a_terminal(d.path(), true);
    assert!(!ci.contains("files"), "{ci:?}");
    // One file: no bar either.
    let single = tempfile::tempdir().unwrap();
    write_corpus(single.path(), 0..1);
    let one = on_a_terminal(single.path(), false);
    assert!(!one.contains("files"), "{one:?}");
}
