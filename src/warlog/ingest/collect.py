"""Collect report documents from what ``warlog ingest`` is given: files, folders, globs,
``.json``/``.jsonl`` collections, RSS/Atom feeds (files or URLs) and web pages.

:func:`iter_documents` yields a :class:`RawDocument` per report, or, in its place, the
:class:`~warlog.errors.WarlogError` that kept a file, line, feed or page from being read, so
one bad input never stops a collection. Inputs are read lazily: a large collection streams.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from pathlib import Path

from warlog.errors import InputError, MetadataError, WarlogError
from warlog.ingest.feeds import (FEED_SUFFIXES, MAX_FEED_BYTES, http_client, is_url,
                                 looks_like_feed, read_feed, read_url)
from warlog.ingest.files import (HTML_SUFFIXES, TEXT_SUFFIXES, RawDocument, iter_input_paths,
                                 normalise_language, read_document)
from warlog.ingest.meta import STRING_KEYS, parse_published

JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_GLOB_CHARS = frozenset("*?[")

Item = RawDocument | WarlogError


def iter_documents(inputs: list[str | Path], *, fetch_pages: bool = True,
                   client=None) -> Iterator[Item]:
    """Every document of every input, in input order (folders and globs sorted)."""
    own_client = None
    try:
        for spec in inputs:
            text = str(spec)
            if is_url(text):
                if client is None:
                    client = own_client = http_client()
                yield from read_url(text, client, fetch_pages=fetch_pages)
                continue
            paths = _expand(text)
            if isinstance(paths, WarlogError):
                yield paths
                continue
            for path in iter_input_paths(paths):
                if fetch_pages and client is None and _is_feed_file(path):
                    client = own_client = http_client()
                yield from read_path(path, client=client, fetch_pages=fetch_pages)
    finally:
        if own_client is not None:
            own_client.close()


def _expand(spec: str) -> list[Path] | WarlogError:
    path = Path(spec).expanduser()
    if path.exists():
        return [path]
    if _GLOB_CHARS & set(spec):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            return InputError("no file matches this pattern", spec)
        return [Path(m) for m in matches]
    return InputError("no such file or folder", spec)


def _is_feed_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or suffix in JSON_SUFFIXES:
        return False
    try:
        with path.open("rb") as fh:
            return looks_like_feed(fh.read(4096))
    except OSError:
        return False


def read_path(path: Path, *, client=None, fetch_pages: bool = True) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from read_json_documents(path)
    elif _is_feed_file(path):
        try:
            data = _read_limited(path, MAX_FEED_BYTES)
        except InputError as exc:
            yield exc
            return
        yield from read_feed(data, str(path), client=client, fetch_pages=fetch_pages)
    else:
        try:
            yield read_document(path)
        except WarlogError as exc:
            yield exc


def _read_limited(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
    if len(data) > limit:
        raise InputError(f"too large (more than {limit} bytes)", path)
    if not data.strip():
        raise InputError("empty file", path)
    return data


def read_json_documents(path: Path) -> Iterator[Item]:
    """``.jsonl``: one object per line. ``.json``: one object or an array of them (or, when
    that does not parse, JSON Lines). An object holds ``text`` and optional title, url,
    outlet, published (YYYY-MM-DD), language; other keys are ignored."""
    try:
        if path.suffix.lower() == ".json":
            whole = path.read_text(encoding="utf-8-sig")
            try:
                data = json.loads(whole)
            except json.JSONDecodeError:
                data = None
            if data is not None:
                items = data if isinstance(data, list) else [data]
                for i, obj in enumerate(items):
                    where = f"{path}[{i}]" if isinstance(data, list) else str(path)
                    yield _json_document(obj, where)
                return
        with path.open(encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(f"malformed JSON (character {exc.pos + 1}: {exc.msg}); "
                                     "line skipped", where)
                    continue
                yield _json_document(obj, where)
    except UnicodeDecodeError:
        yield InputError("not UTF-8 text", path)
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", path)


def _json_document(obj: object, where: str) -> Item:
    if not isinstance(obj, dict):
        return InputError(f"expected a JSON object with 'text', got {type(obj).__name__}", where)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("no 'text' (a non-empty string) in this JSON object", where)
    meta: dict = {}
    for key in STRING_KEYS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return MetadataError(f"'{key}' must be a string, got {value!r}", where)
        meta[key] = " ".join(value.split()) or None if isinstance(value, str) else None
    try:
        published = parse_published(obj.get("published"), Path(where))
    except MetadataError as exc:
        return MetadataError(exc.message, where)
    return RawDocument(text=text, path=where, title=meta["title"], url=meta["url"],
                       outlet=meta["outlet"], published=published,
                       language=normalise_language(meta["language"]))
