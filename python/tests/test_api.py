"""The package's surface: versions, formats, the default scanner, the
rule list, the type stubs."""

import os
import subprocess
import sys

import pytest

import claimscan

HERE = os.path.dirname(os.path.abspath(__file__))


def test_versions():
    assert claimscan.__version__.count(".") == 2
    assert claimscan.SCHEMA_VERSION == 1
    assert claimscan.check_text("x")["schema_version"] == claimscan.SCHEMA_VERSION


def test_formats_read_their_markup():
    md = claimscan.check_text("# Title\n\n**Research shows** it *cures* all pain.\n", "markdown")
    assert [s["text"] for s in md["sentences"]] == ["Title", "Research shows it cures all pain."]
    html = claimscan.check_text("<p>Research shows it <b>cures</b> all pain.</p><script>x()</script>", "html")
    assert [s["text"] for s in html["sentences"]] == ["Research shows it cures all pain."]
    finding = next(f for f in html["sentences"][0]["findings"] if f["rule"] == "A104")
    # Offsets point into the source as given, markup included.
    assert finding["match"] == "cures"
    assert "<p>Research shows it <b>cures</b> all pain.</p>".encode()[finding["start"] : finding["end"]] == b"cures"
    plain = claimscan.check_text("# Title\n\n**Research shows** it cures all pain.\n")
    assert plain["sentences"][-1]["text"].startswith("**Research")


def test_suppression_comments_apply():
    text = "<!-- claimscan-disable-next-line -->\nIt cures all pain.\n\nIt cures all pain.\n"
    r = claimscan.check_text(text, "markdown")
    assert r["suppressed"] == 1
    assert [s["labels"] for s in r["sentences"]] == [[], ["absolute"]]


def test_default_scanner_is_built_once():
    assert claimscan.default_scanner() is claimscan.default_scanner()
    assert repr(claimscan.Scanner()) == "Scanner()"


def test_rules():
    rules = claimscan.Scanner().rules()
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and "V101" in ids and "A104" in ids
    v101 = next(r for r in rules if r["id"] == "V101")
    assert v101["label"] == "vague" and v101["summary"] and v101["default_severity"] in ("info", "warning", "error")


def test_docstrings():
    for obj in (
        claimscan,
        claimscan.Scanner,
        claimscan.Scanner.check_text,
        claimscan.Scanner.check_texts,
        claimscan.Scanner.check_files,
        claimscan.Scanner.rules,
        claimscan.records,
        claimscan.to_pandas,
        claimscan.check_text,
        claimscan.InputError,
    ):
        assert obj.__doc__ and len(obj.__doc__) > 40, obj


def test_stubs_match_the_compiled_module():
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "claimscan._claimscan", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_typed_use_type_checks(tmp_path):
    pytest.importorskip("mypy")
    snippet = tmp_path / "use.py"
    snippet.write_text(
        "import claimscan\n"
        "r = claimscan.check_text('It may help.', 'text', path='a')\n"
        "labels: list[str] = r['sentences'][0]['labels']\n"
        "n: int = r['summary']['hedged']\n"
        "s = claimscan.Scanner(lexicons=['house/'], select=['hedged'])\n"
        "rows = claimscan.records(s.check_files(['corpus/'], jobs=2), 'articles')\n"
        "bad: str = r['summary']['units']\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
    )
    # Exactly the one deliberate mistake is found: the stubs are read.
    assert out.returncode == 1, out.stdout + out.stderr
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "use.py:7:" in errors[0], out.stdout
