//! Hostile files through the real binary, each beside a good article in the
//! same run: the run must not panic or hang (every child has a time limit),
//! must end with the documented exit code, must name the hostile file, and
//! must still give the good article its complete report. Big inputs are
//! built here, never committed.
//!
//! The good article has warnings, so a run where every file is read exits 1;
//! a run where a file cannot be read exits 2 (errors win over findings).

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = include_str!("dev/articles/healthnutnews_0000.txt");

/// Generous: a debug build on a loaded 2-core machine. A quadratic path on
/// these inputs would take hours, not minutes.
const LIMIT: Duration = Duration::from_secs(300);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs claimscan in `dir` with a time limit; output goes through files so
/// a large report never blocks on a full pipe.
fn claimscan(dir: &Path, args: &[&OsStr]) -> Run {
    let out_path = dir.join(".stdout");
    let err_path = dir.join(".stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("claimscan {args:?} still running after {LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    Run {
        code: status.code(),
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

/// The good article's lines of a concise report, checked alone.
fn good_alone() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let run = claimscan(
        dir.path(),
        &["check", "--format", "concise", "good.txt"].map(OsStr::new),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let lines = good_lines(&run.stdout);
    assert!(
        lines.len() >= 3,
        "the good article should have findings: {}",
        run.stdout
    );
    lines
}

fn good_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with("good.txt:"))
        .map(String::from)
        .collect()
}

/// Writes the good article and `name` (with `bytes`) into a fresh folder,
/// checks both, and asserts the exit code and that the good article's
/// report is the same as when it is checked alone.
fn beside_good(name: &OsStr, bytes: &[u8], code: i32) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    run_beside_good(dir.path(), &[OsStr::new("good.txt"), name], code)
}

fn run_beside_good(dir: &Path, paths: &[&OsStr], code: i32) -> Run {
    let mut args = vec![
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("concise"),
    ];
    args.extend_from_slice(paths);
    let run = claimscan(dir, &args);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, Some(code), "stderr: {}", run.stderr);
    assert_eq!(good_lines(&run.stdout), good_alone(), "{}", run.stderr);
    run
}

/// An error on stderr that names the file and says what is wrong.
fn assert_error(run: &Run, name: &str, what: &str) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no message names {name}: {}", run.stderr));
    assert!(line.starts_with("claimscan: error: "), "{line}");
    assert!(line.contains(what), "{line}");
}

/// Read and reported under its name, with the stated number of files.
fn assert_read(run: &Run, files: usize) {
    assert!(
        run.stdout.contains(&format!("checked {files} file")),
        "{}",
        run.stdout
    );
}

#[test]
fn empty_whitespace_and_bom_only_files_are_articles_with_no_units() {
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \n\t\r\n  \n"),
        ("bom.txt", b"\xEF\xBB\xBF"),
        ("bom.md", b"\xEF\xBB\xBF"),
        ("bom.html", b"\xEF\xBB\xBF"),
    ] {
        let run = beside_good(OsStr::new(name), bytes, 1);
        assert_read(&run, 2);
        assert!(!run.stdout.contains(name), "{}", run.stdout);
    }
}

#[test]
fn invalid_utf8_is_an_error_naming_the_byte_offset() {
    let run = beside_good(OsStr::new("latin1.txt"), b"Caf\xe9 cures.", 2);
    assert_error(&run, "latin1.txt", "invalid byte 0xe9 at byte offset 3");
}

#[test]
fn utf16_with_a_bom_is_an_error_saying_so() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("It cures.".encode_utf16().flat_map(u16::to_le_bytes));
    let run = beside_good(OsStr::new("utf16.txt"), &bytes, 2);
    assert_error(&run, "utf16.txt", "UTF-16");
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend("It cures.".encode_utf16().flat_map(u16::to_be_bytes));
    let run = beside_good(OsStr::new("utf16be.txt"), &bytes, 2);
    assert_error(&run, "utf16be.txt", "big-endian");
}

#[test]
fn nul_bytes_make_a_binary_file() {
    let run = beside_good(OsStr::new("nul.txt"), b"It cures\0 all.", 2);
    assert_error(&run, "nul.txt", "NUL byte at byte offset 8");
}

/// A 1x1 PNG (signature, IHDR, IDAT, IEND).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn an_image_among_articles() {
    // Named on the command line: read, found binary, an error.
    let run = beside_good(OsStr::new("figure.png"), PNG, 2);
    assert_error(
        &run,
        "figure.png",
        "binary file (NUL byte at byte offset 8)",
    );
    // Given an article's extension: the same.
    let run = beside_good(OsStr::new("figure.txt"), PNG, 2);
    assert_error(&run, "figure.txt", "binary file");
    // In a folder: not an article's extension, so never read.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/figure.png"), PNG).unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let run = run_beside_good(dir.path(), &["good.txt", "articles"].map(OsStr::new), 1);
    assert_read(&run, 1);
}

/// A 50 MB line of sentences, with a claim at its very end.
#[test]
fn a_50_mb_single_line() {
    let filler = "The quick brown fox jumps over the lazy dog near the river bank, and then ";
    let mut line = String::with_capacity(50_000_100);
    while line.len() < 50_000_000 {
        line.push_str(filler);
        if line.len() % 10_000 < filler.len() {
            line.push_str("it rests. ");
        }
    }
    line.push_str("Acupuncture cures back pain.");
    let column = line.len() - "cures back pain.".len() + 1;
    let run = beside_good(OsStr::new("line.txt"), line.as_bytes(), 1);
    assert!(
        run.stdout
            .contains(&format!("line.txt:1:{column}: warning absolute A104")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_20_mb_run_of_one_letter() {
    let text = "a".repeat(20_000_000) + " cures back pain";
    let run = beside_good(OsStr::new("aaaa.txt"), text.as_bytes(), 1);
    assert!(
        run.stdout
            .contains("aaaa.txt:1:20000002: warning absolute A104"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_million_one_word_lines() {
    let text = "word\n".repeat(1_000_000) + "Acupuncture cures back pain.\n";
    let run = beside_good(OsStr::new("lines.txt"), text.as_bytes(), 1);
    assert!(
        run.stdout
            .contains("lines.txt:1000001:13: warning absolute A104"),
        "{}",
        run.stdout
    );
}

#[test]
fn lone_cr_line_endings_count_as_lines() {
    let text = "It may help.\rSome say so.\r\rAcupuncture cures back pain.\r";
    let run = beside_good(OsStr::new("cr.txt"), text.as_bytes(), 1);
    assert!(
        run.stdout.contains("cr.txt:4:13: warning absolute A104"),
        "{}",
        run.stdout
    );
}

#[test]
fn html_nested_200_000_deep() {
    let depth = 200_000;
    let mut s = String::from("<html><body>");
    s.push_str(&"<div>".repeat(depth));
    s.push_str("<p>Acupuncture cures back pain.</p>");
    s.push_str(&"</div>".repeat(depth));
    let run = beside_good(OsStr::new("deep.html"), s.as_bytes(), 1);
    assert!(run.stdout.contains("deep.html:1:"), "{}", run.stdout);
}

#[test]
fn markdown_with_50_000_nested_quotes() {
    let s = ">".repeat(50_000) + " Acupuncture cures back pain.\n";
    let run = beside_good(OsStr::new("quotes.md"), s.as_bytes(), 1);
    assert!(run.stdout.contains("quotes.md:1:50014:"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    let run = beside_good(name, b"Acupuncture cures back pain.", 1);
    // Shown with U+FFFD where the bad byte was.
    assert!(
        run.stdout.contains("caf\u{FFFD}.txt:1:13:"),
        "{}",
        run.stdout
    );
    // Its JSON report is written under the same (raw) name.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), b"Acupuncture cures back pain.").unwrap();
    let run = claimscan(
        dir.path(),
        &[
            OsStr::new("check"),
            OsStr::new("--format"),
            OsStr::new("json"),
            OsStr::new("--output-dir"),
            OsStr::new("out"),
            name,
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let mut report = PathBuf::from(name).into_os_string();
    report.push(".json");
    assert!(dir.path().join("out").join(report).is_file());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    for p in ["pipe.txt", "folder/pipe.txt"] {
        use std::os::unix::ffi::OsStrExt;
        let path = std::ffi::CString::new(dir.path().join(p).as_os_str().as_bytes()).unwrap();
        // SAFETY: mkfifo(3) with a NUL-terminated path we own.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    }
    // Named on the command line: an error, never a read that blocks.
    let run = run_beside_good(dir.path(), &["good.txt", "pipe.txt"].map(OsStr::new), 2);
    assert_error(&run, "pipe.txt", "not a regular file");
    // Met in a folder: skipped or reported, never read. The walker decides
    // which; either way the run ends and names it if it counts it.
    let run = claimscan(
        dir.path(),
        &["check", "--format", "concise", "good.txt", "folder"].map(OsStr::new),
    );
    assert!(matches!(run.code, Some(1 | 2)), "{}", run.stderr);
    if run.code == Some(2) {
        assert!(run.stderr.contains("pipe.txt"), "{}", run.stderr);
    }
    assert_eq!(good_lines(&run.stdout), good_alone());
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::create_dir_all(dir.path().join("folder/sub")).unwrap();
    std::fs::write(dir.path().join("folder/a.txt"), "It may help.").unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("folder/sub/up")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("folder/self")).unwrap();
    let run = claimscan(
        dir.path(),
        &["check", "--format", "concise", "good.txt", "folder"].map(OsStr::new),
    );
    // Links are not followed (or a loop is reported): the walk ends, every
    // article is read once.
    assert!(matches!(run.code, Some(1 | 2)), "{}", run.stderr);
    if run.code == Some(2) {
        assert!(
            run.stderr.contains("up") || run.stderr.contains("self"),
            "{}",
            run.stderr
        );
    }
    assert!(run.stdout.contains("checked 2 files"), "{}", run.stdout);
    assert_eq!(good_lines(&run.stdout), good_alone());
}
