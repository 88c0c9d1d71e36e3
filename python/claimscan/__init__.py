"""claimscan: marks how each claim in a health article is supported.

Each unit (sentence, heading, list item) of an article gets the labels
``cited``, ``vague``, ``hedged`` and ``absolute`` that apply, with the rule
ids, severities, trigger spans and, for a cited claim, the source it binds
to. The analysis is claimscan's own Rust pipeline, compiled into this
package and run in-process with the GIL released::

    >>> import claimscan
    >>> r = claimscan.check_text("Research shows it cures all pain.")
    >>> [(s["labels"], [f["rule"] for f in s["findings"]]) for s in r["sentences"]]

Results are plain dicts and lists in the shape of the JSON report
(``schema/report.schema.json``), so they compare equal to ``json.loads`` of
``claimscan check --format json`` or ``claimscan stream`` and can be dumped
back with ``json.dumps``. :func:`records` flattens them into rows (one per
unit, finding or article) and :func:`to_pandas` into a DataFrame; pandas is
imported only when asked for.

For repeated calls with a configuration or house lexicons, build one
:class:`Scanner` and reuse it; it is safe to share across threads.
"""

from __future__ import annotations

import os
import threading
from typing import Iterable, List, Optional, Union

from ._claimscan import (
    SCHEMA_VERSION,
    ClaimscanError,
    ConfigError,
    InputError,
    LexiconError,
    Scanner,
    __version__,
)
from ._records import ARTICLE_COLUMNS, FINDING_COLUMNS, UNIT_COLUMNS, records, to_pandas
from ._types import (
    ArticleRow,
    ErrorRecord,
    FileReport,
    FileSummary,
    FindingReport,
    FindingRow,
    NoticeReport,
    SentenceReport,
    SourceReport,
    UnitRow,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "FINDING_COLUMNS",
    "SCHEMA_VERSION",
    "UNIT_COLUMNS",
    "ArticleRow",
    "ClaimscanError",
    "ConfigError",
    "ErrorRecord",
    "FileReport",
    "FileSummary",
    "FindingReport",
    "FindingRow",
    "InputError",
    "LexiconError",
    "NoticeReport",
    "Scanner",
    "SentenceReport",
    "SourceReport",
    "UnitRow",
    "__version__",
    "check_files",
    "check_text",
    "check_texts",
    "default_scanner",
    "records",
    "to_pandas",
]

_default: Optional[Scanner] = None
_default_lock = threading.Lock()


def default_scanner() -> Scanner:
    """The Scanner with the built-in lexicons and no configuration, built on
    first use and shared by :func:`check_text`, :func:`check_texts` and
    :func:`check_files`."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Scanner()
        return _default


def check_text(
    text: Union[str, bytes], format: str = "text", *, path: str = "<text>"
) -> FileReport:
    """Checks one article held in memory with the built-in lexicons; see
    :meth:`Scanner.check_text`."""
    return default_scanner().check_text(text, format, path=path)


def check_texts(
    texts: Iterable[Union[str, bytes]],
    format: str = "text",
    *,
    names: Optional[List[str]] = None,
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> List[Union[FileReport, ErrorRecord]]:
    """Checks many articles held in memory, in parallel, with the built-in
    lexicons; see :meth:`Scanner.check_texts`."""
    return default_scanner().check_texts(texts, format, names=names, jobs=jobs, errors=errors)


def check_files(
    paths: Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]],
    *,
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> List[Union[FileReport, ErrorRecord]]:
    """Checks files and folders, in parallel, with the built-in lexicons;
    see :meth:`Scanner.check_files`."""
    return default_scanner().check_files(paths, jobs=jobs, errors=errors)
