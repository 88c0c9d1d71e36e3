//! The HTML report in a real browser. Headless Chromium renders a sample
//! article's page and the index; the rendered DOM (`--dump-dom`, after the
//! page's scripts ran) is checked against the JSON report of the same run.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test
//! is skipped locally and fails under `CI=true`. The screenshot it takes is
//! left in `target/tmp/browser/` for a person to look at.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use scraper::{Html, Selector};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let names = ["chromium", "chromium-browser"];
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` with extra arguments; returns stdout.
fn headless(browser: &Path, url: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn dom(browser: &Path, url: &str) -> Html {
    Html::parse_document(&headless(browser, url, &["--dump-dom"]))
}

fn url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// (start, end, labels) of every flagged unit in a JSON report.
fn flagged_units(json: &Path) -> BTreeSet<(u64, u64, String)> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["labels"].as_array().unwrap().is_empty())
        .map(|s| {
            let labels: Vec<&str> = s["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                labels.join(" "),
            )
        })
        .collect()
}

/// (start, end, labels, filtered out) of every highlight on a page.
fn marks(page: &Html) -> Vec<(u64, u64, String, bool)> {
    page.select(&sel("mark.flag"))
        .map(|m| {
            let attr = |a: &str| m.value().attr(a).unwrap().to_string();
            (
                attr("data-start").parse().unwrap(),
                attr("data-end").parse().unwrap(),
                attr("data-labels"),
                m.value().classes().any(|c| c == "off"),
            )
        })
        .collect()
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromium is missing: .ci/run installs it (apt-get install chromium)");
        }
        eprintln!("skipped: no chromium (apt-get install chromium, or set CHROMIUM=/path)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let input = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(input.path().join("sample")).unwrap();
    std::fs::copy(
        root.join("corpus/003_36c518a3622cc16c.txt"),
        input.path().join("sample/acupuncture back pain.txt"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/html/injected.txt"),
        input.path().join("injected.txt"),
    )
    .unwrap();
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = std::fs::remove_dir_all(&work);
    let (html_dir, json_dir) = (work.join("html"), work.join("json"));
    for (format, dir) in [("html", &html_dir), ("json", &json_dir)] {
        let out = Command::new(get_cargo_bin("claimscan"))
            .args(["check", "--format", format, "--output-dir"])
            .arg(dir)
            .arg(input.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
    }

    // Every flagged unit of the JSON report is one highlighted element.
    let page_path = html_dir.join("sample/acupuncture back pain.txt.html");
    let page = dom(&browser, &url(&page_path));
    let expected = flagged_units(&json_dir.join("sample/acupuncture back pain.txt.json"));
    let shown = marks(&page);
    assert!(expected.len() >= 10, "{expected:?}");
    let got: BTreeSet<_> = shown
        .iter()
        .map(|(s, e, l, _)| (*s, *e, l.clone()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(shown.len(), expected.len(), "one element per unit");
    assert!(shown.iter().all(|m| !m.3), "nothing filtered by default");
    assert!(page.select(&sel("mark.flag .trigger[data-rules]")).count() >= expected.len());

    // The filters: hedged and cited hidden through the URL, as the toggles do.
    let filtered = dom(&browser, &format!("{}#hide=hedged,cited", url(&page_path)));
    let body = filtered.select(&sel("body")).next().unwrap();
    assert_eq!(body.value().attr("data-hidden"), Some("hedged cited"));
    let after = marks(&filtered);
    assert_eq!(after.len(), shown.len());
    let (mut off, mut on) = (0, 0);
    for (_, _, labels, is_off) in &after {
        let only_hidden = labels.split(' ').all(|l| l == "hedged" || l == "cited");
        assert_eq!(*is_off, only_hidden, "{labels}");
        if *is_off {
            off += 1;
        } else {
            on += 1;
        }
    }
    assert!(off > 0 && on > 0, "the sample has units of both kinds");
    let boxes: Vec<(String, bool)> = filtered
        .select(&sel("input[data-filter]"))
        .map(|b| {
            (
                b.value().attr("data-filter").unwrap().to_string(),
                b.value().attr("checked").is_some(),
            )
        })
        .collect();
    assert_eq!(
        boxes,
        [
            ("absolute".into(), true),
            ("vague".into(), true),
            ("hedged".into(), false),
            ("cited".into(), false)
        ]
    );

    // Injected markup is text, and none of it ran.
    let injected = dom(&browser, &url(&html_dir.join("injected.txt.html")));
    let html_el = injected.select(&sel("html")).next().unwrap();
    assert_eq!(html_el.value().attr("data-pwned"), None);
    let title: String = injected
        .select(&sel("title"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(title.contains("injected.txt"), "{title}");
    let article = injected.select(&sel("main#article")).next().unwrap();
    let text: String = article.text().collect();
    assert!(text.contains("<script>document.documentElement.setAttribute"));
    assert!(text.contains("<img src=x onerror="));
    assert_eq!(article.select(&sel("script, img")).count(), 0);
    assert_eq!(
        injected.select(&sel("script")).count(),
        1,
        "only the page's own"
    );
    assert_eq!(
        marks(&injected).len(),
        flagged_units(&json_dir.join("injected.txt.json")).len()
    );

    // The index links every article, and every link resolves to its page.
    let index_path = html_dir.join("index.html");
    let index = dom(&browser, &url(&index_path));
    let links: Vec<String> = index
        .select(&sel("#articles tbody a[href]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 2, "{links:?}");
    for href in &links {
        let decoded = percent_encoding::percent_decode_str(href)
            .decode_utf8()
            .unwrap()
            .into_owned();
        assert!(html_dir.join(&decoded).is_file(), "{href} -> {decoded}");
    }
    // Back links from pages lead to the index.
    let back = page
        .select(&sel(".back a"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert!(
        page_path
            .parent()
            .unwrap()
            .join(back)
            .canonicalize()
            .unwrap()
            == index_path.canonicalize().unwrap()
    );

    // Sorting by a count, from the URL as the headings do.
    let sorted = dom(&browser, &format!("{}#sort=problems", url(&index_path)));
    let col = 3; // th (article), units, flagged, problems
    let values: Vec<u64> = sorted
        .select(&sel("#articles tbody tr"))
        .map(|r| {
            let cells: Vec<_> = r.select(&sel("th, td")).collect();
            cells[col]
                .value()
                .attr("data-value")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let sorted_head = sorted.select(&sel("th[data-key=problems]")).next().unwrap();
    assert_eq!(sorted_head.value().attr("aria-sort"), Some("descending"));

    // A screenshot for a person to look at.
    let shot = work.join("page.png");
    headless(
        &browser,
        &format!("{}#open=2", url(&page_path)),
        &[
            "--window-size=1280,900",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "screenshot {} is {size} bytes",
        shot.display()
    );
}
