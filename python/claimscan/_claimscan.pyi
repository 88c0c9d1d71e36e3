"""Type stubs of ``claimscan._claimscan``, the compiled half of the package
(see ``python/src/lib.rs``)."""

import os
from typing import Iterable, List, Optional, Sequence, Union, final

from ._types import ErrorRecord, FileReport

__version__: str
SCHEMA_VERSION: int

_Path = Union[str, "os.PathLike[str]"]
_Text = Union[str, bytes, bytearray, memoryview]

class ClaimscanError(Exception):
    """Base class of claimscan's errors."""

    #: The file (or text name) the error is about, or None.
    path: Optional[str]
    #: What is wrong, without the path.
    reason: str
    #: For bad UTF-8 or a NUL byte: the byte offset of the first bad byte.
    offset: Optional[int]
    #: For a bad lexicon or config line: 1-based line and column.
    line: Optional[int]
    column: Optional[int]

class InputError(ClaimscanError):
    """An input could not be read as an article."""

class LexiconError(ClaimscanError):
    """A lexicon file is malformed."""

class ConfigError(ClaimscanError):
    """A configuration file or option is malformed."""

@final
class Scanner:
    """Compiled settings, built once and shared across calls and threads."""

    def __new__(
        cls,
        config: Optional[_Path] = None,
        lexicons: Sequence[_Path] = ...,
        select: Optional[Sequence[str]] = None,
        ignore: Sequence[str] = ...,
    ) -> "Scanner": ...
    def check_text(self, text: _Text, format: str = "text", *, path: str = "<text>") -> FileReport: ...
    def check_texts(
        self,
        texts: Iterable[_Text],
        format: str = "text",
        *,
        names: Optional[Sequence[str]] = None,
        jobs: Optional[int] = None,
        errors: str = "raise",
    ) -> List[Union[FileReport, ErrorRecord]]: ...
    def check_files(
        self,
        paths: Union[_Path, Iterable[_Path]],
        *,
        jobs: Optional[int] = None,
        errors: str = "raise",
    ) -> List[Union[FileReport, ErrorRecord]]: ...
    def rules(self) -> List[dict]: ...
