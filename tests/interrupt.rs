//! Nothing half-written: `check --format json --output-dir` over many
//! copies of the corpus, killed with SIGKILL at several moments, leaves
//! only whole reports (each parses) and at most one `.claimscan-*.tmp` per
//! writer (the write the kill cut short); stopped with SIGINT it exits 130
//! and leaves no temporary file at all; SIGTERM exits 143, within two
//! seconds even inside a 20 MB single-line file; a second Ctrl-C stops at
//! once and removes the temporary file of a report being written.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Copies of each corpus article, one folder per copy.
const COPIES: usize = 40;
const LIMIT: Duration = Duration::from_secs(300);

fn corpus(dir: &Path) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles: Vec<PathBuf> = Vec::new();
    for sub in ["corpus", "tests/dev/articles"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                articles.push(p);
            }
        }
    }
    for i in 0..COPIES {
        let d = dir.join(format!("in/{i:03}"));
        std::fs::create_dir_all(&d).unwrap();
        for a in &articles {
            std::fs::copy(a, d.join(a.file_name().unwrap())).unwrap();
        }
    }
    articles.len() * COPIES
}

fn start(dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .current_dir(dir)
        .args([
            "check",
            "-j",
            "2",
            "--format",
            "json",
            "--output-dir",
            "out",
            "in",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("stderr")).unwrap())
        .spawn()
        .unwrap()
}

/// Every file under `out`: (reports, temporary files).
fn outputs(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut reports, mut temps) = (Vec::new(), Vec::new());
    let mut stack = vec![dir.join("out")];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name.starts_with(".claimscan-") && name.ends_with(".tmp") {
                temps.push(p);
            } else {
                reports.push(p);
            }
        }
    }
    (reports, temps)
}

fn count_reports(dir: &Path) -> usize {
    outputs(dir).0.len()
}

/// Every report present is a whole JSON report.
fn assert_whole(reports: &[PathBuf]) {
    for r in reports {
        assert!(r.extension().is_some_and(|x| x == "json"), "{r:?}");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(r).unwrap())
            .unwrap_or_else(|e| panic!("{}: half-written? {e}", r.display()));
        assert!(
            v["sentences"].is_array() && v["summary"].is_object(),
            "{r:?}"
        );
    }
}

/// Waits until `ready` holds (or the child ends), then returns whether the
/// child is still running.
fn wait_until(child: &mut Child, dir: &Path, ready: impl Fn(&Path) -> bool) -> bool {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready(dir) {
            return true;
        }
        assert!(start.elapsed() < LIMIT, "the run took too long");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if start.elapsed() > LIMIT {
            child.kill().unwrap();
            panic!("the run did not end");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// When to kill a run, judged from its folder.
type Moment = dyn Fn(&Path) -> bool;

#[test]
fn sigkill_at_any_moment_leaves_only_whole_reports() {
    let dir = tempfile::tempdir().unwrap();
    let total = corpus(dir.path());
    // Moments: while analysing (nothing written), after the first report,
    // a third of the way, two thirds of the way.
    let moments: [Box<Moment>; 4] = [
        Box::new(|d: &Path| d.join("stderr").exists()),
        Box::new(|d: &Path| count_reports(d) >= 1),
        Box::new(move |d: &Path| count_reports(d) >= total / 3),
        Box::new(move |d: &Path| count_reports(d) >= total * 2 / 3),
    ];
    let mut killed_mid_run = 0;
    for ready in moments {
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
        let mut child = start(dir.path());
        if wait_until(&mut child, dir.path(), ready) {
            child.kill().unwrap(); // SIGKILL
            killed_mid_run += 1;
        }
        let status = wait(&mut child);
        let (reports, temps) = outputs(dir.path());
        assert_whole(&reports);
        // Only writes under way when the kill came can leave a temporary
        // file: at most one per writer.
        assert!(temps.len() <= 2, "{temps:?}");
        if status.success() || status.code() == Some(1) {
            assert_eq!(reports.len(), total);
            assert!(temps.is_empty(), "{temps:?}");
        }
    }
    assert!(killed_mid_run >= 3, "the runs ended before the kills");
}

#[test]
fn sigint_stops_cleanly_with_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let total = corpus(dir.path());
    let mut child = start(dir.path());
    let running = wait_until(&mut child, dir.path(), |d| count_reports(d) >= 20);
    assert!(running, "the run ended before it could be interrupted");
    // SAFETY: kill(2) on our own child's pid, which has not been reaped.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0);
    let status = wait(&mut child);
    let stderr = std::fs::read_to_string(dir.path().join("stderr")).unwrap();
    let (reports, temps) = outputs(dir.path());
    assert!(temps.is_empty(), "{temps:?}");
    assert_whole(&reports);
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(reports.len() < total, "the run was not cut short");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn sigterm_between_files_exits_143_with_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let mut child = start(dir.path());
    let running = wait_until(&mut child, dir.path(), |d| count_reports(d) >= 20);
    assert!(running, "the run ended before it could be stopped");
    signal(&child, libc::SIGTERM);
    let status = wait(&mut child);
    let (reports, temps) = outputs(dir.path());
    assert!(temps.is_empty(), "{temps:?}");
    assert_whole(&reports);
    assert_eq!(status.code(), Some(143));
}

/// One line of `len` bytes with no sentence end: one unit with a hit every
/// few words (the input).
fn long_line(dir: &Path, len: usize) {
    let piece = "It may cure pain and research shows it works, ";
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/long.txt"), piece.repeat(len / piece.len())).unwrap();
}

fn signal(child: &Child, sig: libc::c_int) {
    // SAFETY: kill(2) on our own child's pid, which has not been reaped.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, sig) };
    assert_eq!(sent, 0);
}

#[test]
fn sigterm_inside_a_20_mb_line_stops_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    long_line(dir.path(), 20_000_000);
    let mut child = start(dir.path());
    // Let it read the file and get well into it.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the run ended early");
    signal(&child, libc::SIGTERM);
    let sent = Instant::now();
    let status = wait(&mut child);
    let took = sent.elapsed();
    let stderr = std::fs::read_to_string(dir.path().join("stderr")).unwrap();
    let (reports, temps) = outputs(dir.path());
    assert!(temps.is_empty(), "{temps:?}");
    assert!(reports.is_empty(), "{reports:?}");
    assert_eq!(status.code(), Some(143), "{stderr}");
    assert!(
        took < Duration::from_secs(2),
        "stopped {took:?} after SIGTERM"
    );
    assert!(stderr.contains("interrupted"), "{stderr}");
}

#[test]
fn a_second_ctrl_c_while_a_report_is_written_stops_at_once_and_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    // A report of some 90 MB: its temporary file lives long enough to be
    // caught.
    long_line(dir.path(), 4_000_000);
    let mut child = start(dir.path());
    let writing = wait_until(&mut child, dir.path(), |d| !outputs(d).1.is_empty());
    assert!(writing, "the run ended before its report was being written");
    signal(&child, libc::SIGINT);
    signal(&child, libc::SIGINT);
    let status = wait(&mut child);
    let (reports, temps) = outputs(dir.path());
    assert!(temps.is_empty(), "{temps:?}");
    // The rename may have won the race: then the report is whole.
    assert_whole(&reports);
    assert_eq!(status.code(), Some(130));
}
