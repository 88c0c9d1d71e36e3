"""Shared fixtures: the 200 test articles, and the claimscan binary to
compare against (``CLAIMSCAN_BIN``, else ``target/debug/claimscan`` or
``target/release/claimscan`` of this repository; `.ci/run` builds it)."""

import json
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(REPO, "tests", "data", "recovery-200.jsonl")


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("CLAIMSCAN_BIN")
    if path:
        return os.path.abspath(path)
    for profile in ("debug", "release"):
        path = os.path.join(REPO, "target", profile, "claimscan")
        if os.path.exists(path):
            return path
    pytest.fail("no claimscan binary: run `cargo build` first or set CLAIMSCAN_BIN")


@pytest.fixture(scope="session")
def articles():
    """The 200 articles as (id, text), in file order."""
    with open(DATA, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    assert len(docs) == 200
    return [(d["id"], d["text"]) for d in docs]


@pytest.fixture(scope="session")
def stream_records(binary):
    """`claimscan stream` run on the 200 articles: its output records."""
    with open(DATA, "rb") as f:
        out = subprocess.run([binary, "stream"], stdin=f, capture_output=True, check=True)
    records = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line]
    assert len(records) == 200 and not any("error" in r for r in records)
    return records


def run_check(binary, args, cwd):
    """`claimscan check --isolated ARGS` in `cwd`: stdout, or a failure
    with stderr when it exits 2."""
    out = subprocess.run([binary, "check", "--isolated"] + args, cwd=cwd, capture_output=True)
    assert out.returncode in (0, 1), out.stderr.decode("utf-8", "replace")
    return out.stdout.decode("utf-8")


@pytest.fixture()
def corpus_dir(tmp_path, articles):
    """40 of the articles as files (.txt, and every fifth as .md, every
    seventh as .html with its paragraphs in <p>) under tmp_path/corpus."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    for i, (doc, text) in enumerate(articles[:40]):
        if i % 7 == 0:
            paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
            name, body = f"{doc}.html", f"<html><body>\n{paras}</body></html>\n"
        elif i % 5 == 0:
            name, body = f"sub/{doc}.md", "# " + text
        else:
            name, body = f"{doc}.txt", text
        (root / name).write_text(body, encoding="utf-8")
    return root
