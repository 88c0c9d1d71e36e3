"""The shapes of claimscan's results, as ``TypedDict``s for type checkers.

At run time the results are plain dicts; these classes only describe them.
They follow ``schema/report.schema.json`` (the JSON report) and the rows of
:func:`claimscan.records`.
"""

from __future__ import annotations

import sys
from typing import List, Optional

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - older Pythons
    from typing import TypedDict

    try:
        from typing_extensions import NotRequired
    except ImportError:  # typing_extensions is for type checkers only here
        NotRequired = Optional  # type: ignore[assignment]


class SourceReport(TypedDict):
    """The source a cited finding binds to, where the article introduced it."""

    name: str
    #: journal, organisation, person, outlet, study, reference or text
    kind: str
    start: int
    end: int
    line: int
    column: int


class FindingReport(TypedDict):
    """One phrase that gave a label: the rule, and the trigger words' span
    (UTF-8 byte offsets into the article, end exclusive)."""

    rule: str
    name: str
    label: str
    severity: str
    start: int
    end: int
    match: str
    message: str
    source: NotRequired[SourceReport]


class SentenceReport(TypedDict):
    """One unit (sentence, heading, list item), flagged or not."""

    start: int
    end: int
    line: int
    column: int
    text: str
    labels: List[str]
    severity: Optional[str]
    findings: List[FindingReport]


class FileSummary(TypedDict):
    """Counts over an article's units."""

    units: int
    flagged: int
    absolute: int
    cited: int
    hedged: int
    vague: int
    unsourced_absolute: int
    problems: int


class NoticeReport(TypedDict):
    """A finding about a suppression comment rather than a claim."""

    rule: str
    name: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str


class FileReport(TypedDict):
    """One article's report (``schema/report.schema.json``)."""

    schema_version: int
    path: str
    sentences: List[SentenceReport]
    summary: FileSummary
    notices: NotRequired[List[NoticeReport]]
    suppressed: NotRequired[int]
    baselined: NotRequired[int]


class ErrorRecord(TypedDict):
    """What stands in the results for an input that could not be read, with
    ``errors="record"``."""

    path: str
    error: str


class UnitRow(TypedDict):
    """One row of ``records(results, "units")``."""

    path: str
    unit: int
    start: int
    end: int
    line: int
    column: int
    text: str
    labels: List[str]
    rules: List[str]
    severity: Optional[str]
    cited: bool
    vague: bool
    hedged: bool
    absolute: bool


class FindingRow(TypedDict):
    """One row of ``records(results, "findings")``."""

    path: str
    unit: int
    rule: str
    name: str
    label: str
    severity: str
    start: int
    end: int
    match: str
    message: str
    source_name: Optional[str]
    source_kind: Optional[str]
    source_start: Optional[int]
    source_end: Optional[int]


class ArticleRow(TypedDict):
    """One row of ``records(results, "articles")``: counts are None and
    ``error`` is set for an input that could not be read."""

    path: str
    units: Optional[int]
    words: Optional[int]
    flagged: Optional[int]
    absolute: Optional[int]
    cited: Optional[int]
    hedged: Optional[int]
    vague: Optional[int]
    unsourced_absolute: Optional[int]
    problems: Optional[int]
    absolute_per_1k_words: Optional[float]
    cited_per_1k_words: Optional[float]
    hedged_per_1k_words: Optional[float]
    vague_per_1k_words: Optional[float]
    unsourced_absolute_per_1k_words: Optional[float]
    cited_share: Optional[float]
    error: Optional[str]
