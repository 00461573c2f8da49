"""Read report files into :class:`RawDocument`.

Whatever goes wrong with an input file becomes an :class:`~warlog.errors.InputError` (or a
:class:`~warlog.errors.MetadataError` for its sidecar) whose message is one line naming the
file, so a batch run can report it and go on with the next file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warlog.errors import InputError, WarlogError
from warlog.ingest.html import html_to_text, looks_like_html
from warlog.ingest.meta import META_SUFFIX, read_meta, sidecar_path
from warlog.ingest.text import decode_bytes

DEFAULT_MAX_BYTES = 20_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# Inside folders: sidecars and gold files sit beside reports, and a store kept in the folder
# being ingested ("warlog ingest ." next to warlog.db) must not be read as reports.
SKIPPED_SUFFIXES = (META_SUFFIX, ".gold.json", ".db", ".db-wal", ".db-shm", ".db-journal",
                    ".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".sqlite3")


@dataclass(frozen=True)
class RawDocument:
    text: str
    path: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


def document_id(text: str) -> str:
    """Hex sha256 of the normalised text: NFC, ``\\r\\n`` → ``\\n``, outer whitespace stripped.

    The same report saved on Windows or macOS, or with a trailing newline, keeps its id;
    gold files record it as ``text_sha256``.
    """
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", path)
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise InputError(f"too large ({_mb(st.st_size)} > {_mb(max_bytes)} limit)", path)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit so pipes and growing files are bounded too.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
    if len(data) > max_bytes:
        raise InputError(f"too large (more than {_mb(max_bytes)} limit)", path)
    return data


def normalise_language(code: str | None) -> str | None:
    """``fr-FR`` / ``FR`` → ``fr``: warlog picks its models by primary language only."""
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].lower() or None


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one report file (plain text or HTML) and its optional ``.meta.json`` sidecar."""
    path = Path(path)
    try:
        return _read_document(path, max_bytes)
    except WarlogError:
        raise
    except Exception as exc:  # the contract is "InputError, never another type"
        msg = " ".join(str(exc).split())[:200]
        raise InputError(f"unexpected error while reading ({type(exc).__name__}: {msg})",
                         path) from exc


def _read_document(path: Path, max_bytes: int) -> RawDocument:
    data = _read_bytes(path, max_bytes)
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (whitespace only)", path)

    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    decoded = decode_bytes(data, path, html=is_html or suffix not in TEXT_SUFFIXES)
    if not decoded.text.strip():
        # e.g. a UTF-16 file holding only a BOM and spaces
        raise InputError("empty file (whitespace only)", path)
    # A saved page without the right suffix (page.php, article) is still HTML.
    if not is_html and suffix not in TEXT_SUFFIXES and looks_like_html(decoded.text):
        is_html = True

    warnings = list(decoded.warnings)
    title = url = outlet = language = None
    published: date | None = None
    text = decoded.text
    if is_html:
        page = html_to_text(decoded.text, path)
        text = page.text
        title, url, outlet = page.title, page.url, page.outlet
        published, language = page.published, page.language

    meta_file = sidecar_path(path)
    if meta_file is not None:
        meta = read_meta(meta_file)
        warnings.extend(meta.warnings)
        # The sidecar is what the user asserts; HTML metadata is only a guess.
        title = meta.title or title
        url = meta.url or url
        outlet = meta.outlet or outlet
        published = meta.published or published
        language = meta.language or language

    return RawDocument(
        text=text,
        path=str(path),
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        language=normalise_language(language),
        encoding=decoded.encoding,
        warnings=tuple(warnings),
    )


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.endswith(SKIPPED_SUFFIXES)


def iter_input_paths(paths: list[Path]) -> Iterator[Path]:
    """Expand folders recursively in sorted order; files are yielded as given.

    Inside folders, hidden files and folders, ``*.meta.json`` sidecars and ``*.gold.json``
    annotations are skipped: they sit beside reports but are not reports. A path that does
    not exist is yielded unchanged so :func:`read_document` reports it like any bad file.
    """
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root) / name for name in files if not _skipped(name))
        # Sorting by parts keeps a folder's files next to each other and the order stable
        # across platforms (os.walk order is the file system's).
        yield from sorted(found, key=lambda p: p.parts)


__all__ = ["DEFAULT_MAX_BYTES", "RawDocument", "document_id", "iter_input_paths",
           "read_document"]
