"""Runs the Spark example for real, in local[2] mode, with both engines
(`RDD.pipe` through the binary, `mapPartitions` with the Python package),
and checks that its Parquet output says exactly what `claimscan stream`
says when run directly on the same articles.

    python examples/spark/test_local.py [path/to/claimscan]

Needs pyspark (and Java 17) and the claimscan package (`pip install
./python`) in the running Python; `.ci/run` sets that up.
Prints `spark: N passed, M failed` and exits non-zero on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(REPO, "tests", "data", "recovery-200.jsonl")
SCRIPT = os.path.join(HERE, "claimscan_spark.py")


def claimscan_binary():
    if len(sys.argv) > 1:
        return os.path.abspath(sys.argv[1])
    for profile in ("release", "debug"):
        path = os.path.join(REPO, "target", profile, "claimscan")
        if os.path.exists(path):
            return path
    raise SystemExit("no claimscan binary: run `cargo build` first or pass its path")


def direct(binary, jsonl_bytes):
    """`claimscan stream` run directly: the output records, in order."""
    out = subprocess.run([binary, "stream"], input=jsonl_bytes, capture_output=True, check=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line]


def spark_submit(args):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    submit = os.path.join(os.path.dirname(sys.executable), "spark-submit")
    if not os.path.exists(submit):
        submit = "spark-submit"
    conf = ["--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false"]
    cmd = [submit, "--master", "local[2]"] + conf + [SCRIPT] + args
    run = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr[-6000:])
        raise AssertionError(f"spark-submit exited {run.returncode}")


def read_parquet(path):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(path).collect()]
    return rows


def expected_sentences(records):
    """Per-unit rows built straight from the stream's JSON (not through the
    example's own code)."""
    rows = set()
    for rec in records:
        for i, s in enumerate(rec["sentences"]):
            rules = tuple(dict.fromkeys(f["rule"] for f in s["findings"]))
            rows.add(
                (rec["id"], i, s["start"], s["end"], s["line"], s["column"], s["text"], tuple(s["labels"]), rules, s["severity"])
            )
    return rows


def got_sentences(rows):
    return {
        (r["id"], r["unit"], r["start"], r["end"], r["line"], r["column"], r["text"], tuple(r["labels"]), tuple(r["rules"]), r["severity"])
        for r in rows
    }


def check_articles(records, rows):
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows) == len(records), (len(by_id), len(rows), len(records))
    for rec in records:
        got = by_id[rec["id"]]
        for key, value in rec["summary"].items():
            assert got[key] == value, (rec["id"], key, got[key], value)
        words = sum(len(s["text"].split()) for s in rec["sentences"])
        assert got["words"] == words, (rec["id"], got["words"], words)
        assert got["error"] is None


def check_jsonl_table(binary, tmp, engine):
    with open(DATA, "rb") as f:
        data = f.read()
    records = direct(binary, data)
    assert len(records) == 200 and not any("error" in r for r in records)
    out = os.path.join(tmp, f"jsonl-out-{engine}")
    spark_submit(["--input", DATA, "--out", out, "--claimscan", binary, "--partitions", "4", "--engine", engine])
    sentences = read_parquet(os.path.join(out, "sentences"))
    expected = expected_sentences(records)
    got = got_sentences(sentences)
    assert len(sentences) == len(expected), (len(sentences), len(expected))
    assert got == expected, f"{len(got - expected)} rows differ"
    check_articles(records, read_parquet(os.path.join(out, "articles")))


def test_jsonl_table(binary, tmp):
    check_jsonl_table(binary, tmp, "pipe")


def test_package_engine(binary, tmp):
    """The mapPartitions recipe (the claimscan Python package, one Scanner
    per partition) gives exactly what `claimscan stream` gives."""
    try:
        import claimscan  # noqa: F401  (the executors import it too)
    except ImportError:
        raise AssertionError("the claimscan Python package is not installed here: pip install ./python")
    check_jsonl_table(binary, tmp, "package")


def test_folder_of_files(binary, tmp):
    folder = os.path.join(tmp, "articles")
    os.makedirs(folder)
    lines = []
    with open(DATA, encoding="utf-8") as f:
        for line in list(f)[:30]:
            doc = json.loads(line)
            with open(os.path.join(folder, doc["id"] + ".txt"), "w", encoding="utf-8") as out:
                out.write(doc["text"])
            lines.append(json.dumps({"id": doc["id"] + ".txt", "text": doc["text"]}, ensure_ascii=False))
    records = direct(binary, ("\n".join(lines) + "\n").encode("utf-8"))
    out = os.path.join(tmp, "dir-out")
    spark_submit(["--input", folder, "--input-format", "dir", "--out", out, "--claimscan", binary])
    got = got_sentences(read_parquet(os.path.join(out, "sentences")))
    expected = expected_sentences(records)
    assert got == expected, f"{sorted(got - expected)[:2]} vs {sorted(expected - got)[:2]}"
    check_articles(records, read_parquet(os.path.join(out, "articles")))


def main():
    binary = claimscan_binary()
    tests = [test_jsonl_table, test_package_engine, test_folder_of_files]
    passed = failed = 0
    tmp = tempfile.mkdtemp(prefix="claimscan-spark-")
    try:
        for t in tests:
            try:
                t(binary, tmp)
                print(f"test {t.__name__} ... ok", flush=True)
                passed += 1
            except Exception as e:  # report every test, then fail the run
                print(f"test {t.__name__} ... FAILED: {type(e).__name__}: {e}", flush=True)
                failed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"spark: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
