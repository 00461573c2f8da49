"""Plumbing shared by the writers: output targets and the count they return."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from warlog.schema import Document, Event


class ExportResult(int):
    """Rows (or features) written; an ``int``, with ``skipped`` for what could not be."""

    skipped: int

    def __new__(cls, written: int, skipped: int = 0) -> "ExportResult":
        obj = super().__new__(cls, written)
        obj.skipped = skipped
        return obj

    def __repr__(self) -> str:
        return f"ExportResult(written={int(self)}, skipped={self.skipped})"


Row = tuple[Document, Event]


@contextlib.contextmanager
def open_text(out: Path | str | IO[str], newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream for ``out``: a path is opened (UTF-8) and closed; a stream is left open."""
    if isinstance(out, (str, Path)):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline=newline) as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or hasattr(out, "write"):
        yield out
    else:
        raise TypeError(f"cannot write to {out!r}: expected a path or a text stream")
