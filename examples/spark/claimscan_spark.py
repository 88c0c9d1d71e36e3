"""Run claimscan over a corpus on Apache Spark.

Reads articles (a folder of text files, or a JSON Lines or Parquet table with
`id` and `text` columns), analyses them on the executors, and writes two
Parquet datasets:

    OUT/sentences   one row per unit: id, unit, start, end, line, column,
                    text, labels, rules, severity (offsets are UTF-8 bytes
                    into the article's text)
    OUT/articles    one row per article: id, units, words, flagged, absolute,
                    cited, hedged, vague, unsourced_absolute, problems,
                    rates per 1,000 words, cited_share, error

Spark does the distribution; claimscan does the analysis, by one of two
engines that give the same records:

    --engine pipe     (default) `RDD.pipe` through `claimscan stream`: one
                      claimscan process per partition; the executors need
                      the binary, not the Python package.
    --engine package  `mapPartitions` with the claimscan Python package
                      (`pip install ./python` on every executor): one
                      Scanner per partition, in the Python worker, with no
                      JSON between Spark and claimscan.

Usage (see the README's Spark section):

    spark-submit claimscan_spark.py --input articles.jsonl --out results/
    spark-submit claimscan_spark.py --engine package --input articles.jsonl --out results/
"""

import argparse
import json
import os
import shlex
from urllib.parse import urlparse

from pyspark.sql import SparkSession
from pyspark.sql import types as T

SENTENCES = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("unit", T.IntegerType(), False),
        T.StructField("start", T.LongType(), False),
        T.StructField("end", T.LongType(), False),
        T.StructField("line", T.LongType(), False),
        T.StructField("column", T.LongType(), False),
        T.StructField("text", T.StringType(), False),
        T.StructField("labels", T.ArrayType(T.StringType(), False), False),
        T.StructField("rules", T.ArrayType(T.StringType(), False), False),
        T.StructField("severity", T.StringType(), True),
    ]
)

COUNTS = ["units", "flagged", "absolute", "cited", "hedged", "vague", "unsourced_absolute", "problems"]
RATES = ["absolute", "cited", "hedged", "vague", "unsourced_absolute"]

ARTICLES = T.StructType(
    [T.StructField("id", T.StringType(), False)]
    + [T.StructField(c, T.LongType(), True) for c in COUNTS]
    + [T.StructField("words", T.LongType(), True)]
    + [T.StructField(f"{c}_per_1k_words", T.DoubleType(), True) for c in RATES]
    + [
        T.StructField("cited_share", T.DoubleType(), True),
        T.StructField("error", T.StringType(), True),
    ]
)


def id_text(value):
    """An id as a string column: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def sentence_rows(record):
    """The per-unit rows of one `claimscan stream` output record."""
    if "error" in record:
        return []
    doc = id_text(record["id"])
    rows = []
    for i, s in enumerate(record["sentences"]):
        rules = []
        for f in s["findings"]:
            if f["rule"] not in rules:
                rules.append(f["rule"])
        rows.append(
            (doc, i, s["start"], s["end"], s["line"], s["column"], s["text"], s["labels"], rules, s["severity"])
        )
    return rows


def article_row(record):
    """The per-article row of one output record (counts null on an error)."""
    doc = id_text(record.get("id"))
    if "error" in record:
        return (doc,) + (None,) * (len(COUNTS) + 1 + len(RATES) + 1) + (record["error"],)
    s = record["summary"]
    words = sum(len(u["text"].split()) for u in record["sentences"])
    rates = tuple(round(s[c] * 1000.0 / words, 3) if words else None for c in RATES)
    share = round(s["cited"] / s["flagged"], 3) if s["flagged"] else None
    return (doc,) + tuple(s[c] for c in COUNTS) + (words,) + rates + (share, None)


# Texts handed to the package in one call: enough to keep its threads busy,
# few enough that a partition's results never pile up in memory.
PACKAGE_BATCH = 256


def package_records(threads):
    """The `mapPartitions` function of the package engine: (id, text) rows
    in, `claimscan stream`-shaped records out, in order, one Scanner for the
    whole partition (compiling the lexicons once, not once per article)."""

    def scan_partition(rows):
        import itertools

        import claimscan

        scanner = claimscan.Scanner()
        rows = iter(rows)
        while True:
            batch = list(itertools.islice(rows, PACKAGE_BATCH))
            if not batch:
                return
            texts = [t if isinstance(t, str) else "" for _, t in batch]
            results = scanner.check_texts(texts, jobs=threads, errors="record")
            for (doc, text), r in zip(batch, results):
                if not isinstance(text, str):
                    yield {"id": doc, "error": "`text` is not a string"}
                elif "error" in r:
                    yield {"id": doc, "error": r["error"]}
                else:
                    yield {"id": doc, "sentences": r["sentences"], "summary": r["summary"]}

    return scan_partition


def read_articles(spark, path, fmt):
    """An RDD of (id, text) from a folder of files, JSON Lines or Parquet."""
    if fmt == "dir":
        root = path.rstrip("/") or "/"
        files = spark.sparkContext.wholeTextFiles(root)

        def relative(uri):
            # wholeTextFiles gives full URIs (file:/…, hdfs://host/…); the id
            # is the path under the folder given.
            base = urlparse(root).path.rstrip("/") + "/"
            path = urlparse(uri).path
            return path[len(base) :] if path.startswith(base) else uri

        return files.map(lambda kv: (relative(kv[0]), kv[1]))
    reader = spark.read.json if fmt == "jsonl" else spark.read.parquet
    df = reader(path)
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise SystemExit(f"{path}: no column(s) {sorted(missing)}; the table needs `id` and `text`")
    return df.select("id", "text").rdd.map(lambda r: (r["id"], r["text"]))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="a folder of articles, or a JSON Lines or Parquet table of id, text")
    p.add_argument("--input-format", choices=["dir", "jsonl", "parquet"], help="default: from the path")
    p.add_argument("--out", required=True, help="output folder (sentences/ and articles/ are written in it)")
    p.add_argument(
        "--engine",
        choices=["pipe", "package"],
        default="pipe",
        help="pipe: RDD.pipe through the claimscan binary (default); "
        "package: mapPartitions with the claimscan Python package, one Scanner per partition",
    )
    p.add_argument(
        "--claimscan",
        default="claimscan",
        help="the claimscan binary on the executors: a path installed on every node, "
        "or ./claimscan when shipped with spark-submit --files (default: claimscan on PATH)",
    )
    p.add_argument("--threads", type=int, default=1, help="claimscan threads per partition (default 1: Spark runs one task per core)")
    p.add_argument("--partitions", type=int, help="repartition the articles first (default: as read)")
    args = p.parse_args(argv)

    fmt = args.input_format
    if fmt is None:
        if os.path.isdir(args.input) and not any(n.endswith(".parquet") for n in os.listdir(args.input)):
            fmt = "dir"
        elif args.input.endswith(".parquet") or os.path.isdir(args.input):
            fmt = "parquet"
        else:
            fmt = "jsonl"

    spark = SparkSession.builder.appName("claimscan").getOrCreate()
    articles = read_articles(spark, args.input, fmt)
    if args.partitions:
        articles = articles.repartition(args.partitions)

    if args.engine == "package":
        records = articles.mapPartitions(package_records(int(args.threads))).cache()
    else:
        # One JSON object a line; json.dumps escapes line breaks inside the
        # text, so a document is always exactly one line on claimscan's stdin.
        lines = articles.map(lambda kv: json.dumps({"id": kv[0], "text": kv[1]}, ensure_ascii=False))
        command = f"{shlex.quote(args.claimscan)} stream -j {int(args.threads)}"
        records = lines.pipe(command, checkCode=True).map(json.loads).cache()

    spark.createDataFrame(records.flatMap(sentence_rows), SENTENCES).write.mode("overwrite").parquet(
        os.path.join(args.out, "sentences")
    )
    spark.createDataFrame(records.map(article_row), ARTICLES).write.mode("overwrite").parquet(
        os.path.join(args.out, "articles")
    )
    spark.stop()


if __name__ == "__main__":
    main()
