"""Flat rows from claimscan's results, for pandas, Spark, CSV or SQL.

:func:`records` works on any report-shaped dicts: what :func:`check_text`,
:func:`check_files` and :meth:`Scanner.check_texts` return, ``json.load`` of
``claimscan check --format json``, or ``claimscan stream`` records (which
carry an ``id`` instead of a ``path``; the id then fills the ``path``
column). It needs nothing beyond the standard library; :func:`to_pandas`
imports pandas only when called.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Mapping, Tuple

UNIT_COLUMNS: Tuple[str, ...] = (
    "path",
    "unit",
    "start",
    "end",
    "line",
    "column",
    "text",
    "labels",
    "rules",
    "severity",
    "cited",
    "vague",
    "hedged",
    "absolute",
)
"""The columns of ``records(results, "units")``, one row per unit."""

FINDING_COLUMNS: Tuple[str, ...] = (
    "path",
    "unit",
    "rule",
    "name",
    "label",
    "severity",
    "start",
    "end",
    "match",
    "message",
    "source_name",
    "source_kind",
    "source_start",
    "source_end",
)
"""The columns of ``records(results, "findings")``, one row per finding."""

_COUNTS = ("units", "words", "flagged", "absolute", "cited", "hedged", "vague", "unsourced_absolute", "problems")
_RATES = ("absolute", "cited", "hedged", "vague", "unsourced_absolute")

ARTICLE_COLUMNS: Tuple[str, ...] = (
    ("path",) + _COUNTS + tuple(f"{c}_per_1k_words" for c in _RATES) + ("cited_share", "error")
)
"""The columns of ``records(results, "articles")``, one row per article:
the columns of ``claimscan check --summary FILE.csv`` (rates per 1,000
words and the cited share rounded to three decimals, as there), plus
``problems`` and ``error``."""

LEVELS = ("units", "findings", "articles")

# Python's str.split() also splits on the information separators
# U+001C..U+001F, which are not white space to Rust's split_whitespace (what
# the CLI counts words with); map them to a non-space so the counts agree.
_NOT_SPACE = {c: "x" for c in range(0x1C, 0x20)}


def _words(text: str) -> int:
    return len(text.translate(_NOT_SPACE).split())


def _name(result: Mapping[str, Any]) -> Any:
    """The article's name: its path, or a stream record's id (ids that are
    not strings are written as JSON, as the Spark example does)."""
    if "path" in result:
        return result["path"]
    doc = result.get("id")
    if doc is None or isinstance(doc, str):
        return doc
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def _unit_rows(result: Mapping[str, Any]) -> Iterable[Dict[str, Any]]:
    name = _name(result)
    for i, s in enumerate(result.get("sentences", ())):
        labels = list(s["labels"])
        yield {
            "path": name,
            "unit": i,
            "start": s["start"],
            "end": s["end"],
            "line": s["line"],
            "column": s["column"],
            "text": s["text"],
            "labels": labels,
            "rules": list(dict.fromkeys(f["rule"] for f in s["findings"])),
            "severity": s["severity"],
            "cited": "cited" in labels,
            "vague": "vague" in labels,
            "hedged": "hedged" in labels,
            "absolute": "absolute" in labels,
        }


def _finding_rows(result: Mapping[str, Any]) -> Iterable[Dict[str, Any]]:
    name = _name(result)
    for i, s in enumerate(result.get("sentences", ())):
        for f in s["findings"]:
            source = f.get("source") or {}
            yield {
                "path": name,
                "unit": i,
                "rule": f["rule"],
                "name": f["name"],
                "label": f["label"],
                "severity": f["severity"],
                "start": f["start"],
                "end": f["end"],
                "match": f["match"],
                "message": f["message"],
                "source_name": source.get("name"),
                "source_kind": source.get("kind"),
                "source_start": source.get("start"),
                "source_end": source.get("end"),
            }


def _article_row(result: Mapping[str, Any]) -> Dict[str, Any]:
    row: Dict[str, Any] = dict.fromkeys(ARTICLE_COLUMNS)
    row["path"] = _name(result)
    if "error" in result:
        row["error"] = result["error"]
        return row
    summary = result["summary"]
    words = sum(_words(s["text"]) for s in result["sentences"])
    for c in _COUNTS:
        row[c] = words if c == "words" else summary[c]
    for c in _RATES:
        row[f"{c}_per_1k_words"] = round(summary[c] * 1000.0 / words, 3) if words else None
    row["cited_share"] = round(summary["cited"] / summary["flagged"], 3) if summary["flagged"] else None
    return row


def records(results: Iterable[Mapping[str, Any]], level: str = "units") -> List[Dict[str, Any]]:
    """Flattens results into a list of dicts, one per row, ready for
    ``pandas.DataFrame(rows)``, ``csv.DictWriter`` or a Spark schema.

    ``level`` is ``"units"`` (one row per unit, flagged or not, with its
    labels, rule ids, severity and a boolean column per label), ``"findings"``
    (one row per finding: rule, trigger span and words, and the bound source
    of a cited one) or ``"articles"`` (one row per article: counts, words,
    rates per 1,000 words, the cited share, and the error of an input that
    could not be read). Columns are in :data:`UNIT_COLUMNS`,
    :data:`FINDING_COLUMNS` and :data:`ARTICLE_COLUMNS`. Offsets are UTF-8
    byte offsets into the article. Error records (``errors="record"``)
    give no unit or finding rows.
    """
    if isinstance(results, Mapping):
        results = [results]
    if level == "units":
        return [row for r in results for row in _unit_rows(r)]
    if level == "findings":
        return [row for r in results for row in _finding_rows(r)]
    if level == "articles":
        return [_article_row(r) for r in results]
    raise ValueError(f"level={level!r}: use one of {', '.join(map(repr, LEVELS))}")


def to_pandas(results: Iterable[Mapping[str, Any]], level: str = "units") -> Any:
    """The rows of :func:`records` as a ``pandas.DataFrame`` with the level's
    columns in order (also when there are no rows). Needs pandas, which this
    package does not install: ``pip install pandas``."""
    columns = {"units": UNIT_COLUMNS, "findings": FINDING_COLUMNS, "articles": ARTICLE_COLUMNS}.get(level)
    if columns is None:
        raise ValueError(f"level={level!r}: use one of {', '.join(map(repr, LEVELS))}")
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "claimscan.to_pandas needs pandas (pip install pandas); "
            "claimscan.records(results) gives the same rows as plain dicts"
        ) from e
    return pandas.DataFrame.from_records(records(results, level), columns=list(columns))
