"""Coded errors and warnings.

Every error a user can meet has a code (``W001``…) so it can be searched for in the docs
(``docs/errors.md``). CLI commands print ``str(error)``: one line that names the file.
"""

from __future__ import annotations

from pathlib import Path


class WarlogError(Exception):
    code = "W000"

    def __init__(self, message: str, path: str | Path | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(WarlogError):
    """A file that cannot be read as a report (empty, binary, too large, undecodable…)."""
    code = "W001"


class MetadataError(WarlogError):
    """A sidecar ``.meta.json`` or gold file that is not the JSON we expect."""
    code = "W002"


class LexiconError(WarlogError):
    """A lexicon or registry data file that does not follow its schema."""
    code = "W003"


class ModelError(WarlogError):
    """The spaCy model is not installed."""
    code = "W004"


class GazetteerError(WarlogError):
    """A gazetteer file that cannot be imported, or a gazetteer store that cannot be opened."""
    code = "W005"
