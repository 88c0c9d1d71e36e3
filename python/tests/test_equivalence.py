"""The package gives exactly what the command line gives: `claimscan
stream` on the 200 articles, `check --format json`, `--format csv` and
`--summary` on files, whatever the thread count or the Python threads."""

import csv
import io
import json
from concurrent.futures import ThreadPoolExecutor

import claimscan
from conftest import run_check


def test_check_texts_equals_stream_on_the_200_articles(articles, stream_records):
    texts = [t for _, t in articles]
    ids = [i for i, _ in articles]
    results = claimscan.Scanner().check_texts(texts, names=ids)
    assert len(results) == len(stream_records) == 200
    for doc, got, want in zip(ids, results, stream_records):
        assert want["id"] == doc
        assert got["path"] == doc
        assert got["sentences"] == want["sentences"], doc
        assert got["summary"] == want["summary"], doc
    # Not vacuous: the articles carry every label.
    totals = {k: sum(r["summary"][k] for r in results) for k in ("absolute", "cited", "hedged", "vague")}
    assert all(v > 0 for v in totals.values()), totals


def test_check_text_one_by_one_equals_stream(articles, stream_records):
    scanner = claimscan.Scanner()
    for (doc, text), want in zip(articles, stream_records):
        got = scanner.check_text(text, path=doc)
        assert {"id": doc, "sentences": got["sentences"], "summary": got["summary"]} == want
        # The module-level function uses the built-in lexicons too.
    assert claimscan.check_text(articles[3][1])["sentences"] == stream_records[3]["sentences"]


def test_results_are_identical_on_any_number_of_threads(articles):
    texts = [t for _, t in articles]
    scanner = claimscan.Scanner()
    one = scanner.check_texts(texts, jobs=1)
    assert scanner.check_texts(texts, jobs=2) == one
    assert scanner.check_texts(texts, jobs=5) == one
    assert scanner.check_texts(texts) == one


def test_python_threads_sharing_one_scanner_get_identical_results(articles):
    scanner = claimscan.Scanner()
    texts = [t for _, t in articles]
    expected = [scanner.check_text(t) for t in texts]

    def work(offset):
        # Each thread walks the articles from a different start, so the
        # threads scan different articles at the same moment.
        order = texts[offset:] + texts[:offset]
        got = [scanner.check_text(t) for t in order]
        return got[len(texts) - offset :] + got[: len(texts) - offset]

    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(work, [0, 50, 100, 150]))
        names = ["<text>"] * len(texts)
        batches = list(pool.map(lambda j: scanner.check_texts(texts, names=names, jobs=j), [1, 2]))
    for run in runs + batches:
        assert run == expected


def test_check_files_equals_check_json(binary, corpus_dir):
    results = claimscan.check_files(corpus_dir, jobs=2)
    expected = json.loads(run_check(binary, ["--format", "json", str(corpus_dir)], corpus_dir.parent))
    assert len(results) == 40
    assert [r["path"] for r in results] == [r["path"] for r in expected]
    assert results == expected
    # A list of paths, os.PathLike or str, gives the same.
    files = [corpus_dir / "abc-news_0000.html", str(corpus_dir / "sub")]
    expected = json.loads(run_check(binary, ["--format", "json"] + [str(f) for f in files], corpus_dir.parent))
    assert claimscan.check_files(files) == expected


def test_unit_rows_equal_check_csv(binary, corpus_dir):
    rows = claimscan.records(claimscan.check_files(corpus_dir), "units")
    table = list(csv.DictReader(io.StringIO(run_check(binary, ["--format", "csv", str(corpus_dir)], corpus_dir.parent))))
    assert len(rows) == len(table) > 1000
    for got, want in zip(rows, table):
        assert got["path"] == want["path"]
        for key in ("start", "end", "line", "column"):
            assert got[key] == int(want[key])
        assert ";".join(got["labels"]) == want["labels"]
        assert ";".join(got["rules"]) == want["rules"]
        assert (got["severity"] or "") == want["severity"]
        assert got["text"] == want["text"]


def test_article_rows_equal_check_summary_table(binary, corpus_dir, tmp_path):
    rows = claimscan.records(claimscan.check_files(corpus_dir), "articles")
    summary = tmp_path / "summary.csv"
    run_check(binary, ["--format", "concise", "--summary", str(summary), str(corpus_dir)], corpus_dir.parent)
    with open(summary, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert len(rows) == len(table) == 40
    for got, want in zip(rows, table):
        for key, value in want.items():
            if key == "path":
                assert got[key] == value
            elif value == "":
                assert got[key] is None, key
            elif "." in value:
                assert got[key] == float(value), (got["path"], key)
            else:
                assert got[key] == int(value), (got["path"], key)
        assert got["error"] is None


def test_records_read_stream_records_by_id(stream_records):
    rows = claimscan.records(stream_records, "articles")
    assert [r["path"] for r in rows] == [r["id"] for r in stream_records]
    units = claimscan.records(stream_records[:3])
    assert {r["path"] for r in units} == {r["id"] for r in stream_records[:3]}
