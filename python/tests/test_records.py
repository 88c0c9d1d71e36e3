"""Rows for pandas and friends, with pandas and without it."""

import json
import os
import subprocess
import sys

import pytest

import claimscan

TEXT = (
    "# Masks\n\n"
    "Research shows masks always stop the virus. It may help. "
    "A 2019 Cochrane review found masks reduce spread, said Dr. Ana Ruiz.\n\n"
    "Nothing to see here.\n"
)


def test_unit_rows():
    r = claimscan.check_text(TEXT, "markdown", path="masks.md")
    rows = claimscan.records([r])
    assert [list(row) for row in rows] == [list(claimscan.UNIT_COLUMNS)] * len(rows)
    assert len(rows) == r["summary"]["units"] == len(r["sentences"])
    assert [row["unit"] for row in rows] == list(range(len(rows)))
    for row, s in zip(rows, r["sentences"]):
        assert row["path"] == "masks.md"
        assert TEXT.encode("utf-8")[row["start"] : row["end"]].decode("utf-8") == s["text"] == row["text"]
        assert row["labels"] == s["labels"]
        assert row["rules"] == list(dict.fromkeys(f["rule"] for f in s["findings"]))
        for label in ("cited", "vague", "hedged", "absolute"):
            assert row[label] == (label in s["labels"])
    assert any(row["absolute"] and row["vague"] for row in rows)
    assert any(row["hedged"] for row in rows)
    # One report alone is taken as a list of one.
    assert claimscan.records(r) == rows


def test_finding_rows_keep_trigger_spans():
    r = claimscan.check_text(TEXT, "markdown")
    rows = claimscan.records([r], "findings")
    assert len(rows) == sum(len(s["findings"]) for s in r["sentences"]) > 3
    source = TEXT.encode("utf-8")
    for row in rows:
        assert list(row) == list(claimscan.FINDING_COLUMNS)
        assert source[row["start"] : row["end"]].decode("utf-8") == row["match"]
        assert row["label"] in ("cited", "vague", "hedged", "absolute")
        if row["source_name"] is not None:
            assert row["label"] == "cited" and row["source_kind"]


def test_article_rows():
    r = claimscan.check_text(TEXT, "markdown", path="masks.md")
    (row,) = claimscan.records([r], "articles")
    assert list(row) == list(claimscan.ARTICLE_COLUMNS)
    words = sum(len(s["text"].split()) for s in r["sentences"])
    assert row["words"] == words
    for key, value in r["summary"].items():
        assert row[key] == value
    assert row["absolute_per_1k_words"] == round(r["summary"]["absolute"] * 1000 / words, 3)
    assert row["cited_share"] == round(r["summary"]["cited"] / r["summary"]["flagged"], 3)
    (empty,) = claimscan.records([claimscan.check_text("")], "articles")
    assert empty["units"] == 0 and empty["words"] == 0
    assert empty["absolute_per_1k_words"] is None and empty["cited_share"] is None


def test_words_are_counted_as_the_command_line_counts_them():
    # U+001F splits words for str.split() but not for Rust's split_whitespace.
    r = claimscan.check_text("one\x1ftwo three\u00a0four")
    assert claimscan.records([r], "articles")[0]["words"] == 3


def test_results_survive_a_json_round_trip():
    results = claimscan.check_texts([TEXT, "It may help."])
    assert json.loads(json.dumps(results)) == results
    assert claimscan.records(json.loads(json.dumps(results)), "articles") == claimscan.records(results, "articles")


def test_to_pandas():
    pandas = pytest.importorskip("pandas")
    results = claimscan.check_texts([TEXT, "It cures all pain."], "markdown", names=["a.md", "b.md"])
    units = claimscan.to_pandas(results)
    assert isinstance(units, pandas.DataFrame)
    assert list(units.columns) == list(claimscan.UNIT_COLUMNS)
    assert len(units) == sum(r["summary"]["units"] for r in results)
    assert units.groupby("path")["absolute"].sum().to_dict() == {"a.md": 1, "b.md": 1}
    articles = claimscan.to_pandas(results, "articles")
    assert list(articles["path"]) == ["a.md", "b.md"]
    assert list(articles["units"]) == [r["summary"]["units"] for r in results]
    findings = claimscan.to_pandas(results, "findings")
    assert "A104" in set(findings["rule"])
    assert len(findings) == sum(len(s["findings"]) for r in results for s in r["sentences"])
    empty = claimscan.to_pandas([], "articles")
    assert list(empty.columns) == list(claimscan.ARTICLE_COLUMNS) and len(empty) == 0
    with pytest.raises(ValueError, match="level"):
        claimscan.to_pandas(results, "paragraphs")


def test_without_pandas(tmp_path):
    # A child interpreter in which `import pandas` fails, as on a machine
    # without it: the package imports and works, and to_pandas says what
    # to install.
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import claimscan\n"
        "r = claimscan.check_text('It cures all pain.')\n"
        "assert claimscan.records([r])[0]['absolute'] is True\n"
        "try:\n"
        "    claimscan.to_pandas([r])\n"
        "except ImportError as e:\n"
        "    print(e)\n"
        "else:\n"
        "    raise SystemExit('to_pandas worked without pandas')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "pip install pandas" in out.stdout


def test_importing_the_package_does_not_import_pandas():
    code = "import sys, claimscan; claimscan.records([claimscan.check_text('x')]); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
