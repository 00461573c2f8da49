"""Sidecar metadata: ``NAME.meta.json`` beside ``NAME.txt`` (or ``NAME.txt.meta.json``).

Plain-text reports carry no title, outlet or publication date, and relative dates ("jeudi
soir") cannot be resolved without the last one, so users put them in a small JSON file:

    {"title": "…", "url": "…", "outlet": "…", "published": "2019-06-08", "language": "fr"}

Every key is optional; ``null`` means "not known" and lets HTML metadata through.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warlog.errors import MetadataError

META_SUFFIX = ".meta.json"
STRING_KEYS = ("title", "url", "outlet", "language")
KNOWN_KEYS = frozenset(STRING_KEYS + ("published",))
# A sidecar is a few hundred bytes; anything huge is a mistake, not metadata.
MAX_META_BYTES = 1_000_000

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


@dataclass
class Meta:
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of ``path`` if any; ``NAME.txt.meta.json`` wins over ``NAME.meta.json``."""
    for candidate in (path.with_name(path.name + META_SUFFIX),
                      path.with_name(path.stem + META_SUFFIX)):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def parse_published(value: object, where: Path) -> date | None:
    if value is None:
        return None
    # date.fromisoformat also takes "20190608" and week dates; the contract is YYYY-MM-DD only.
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise MetadataError(f"'published' must be a date as YYYY-MM-DD, got {value!r}", where)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise MetadataError(f"'published' is not a real date: {value!r}", where) from None


def read_meta(meta_path: Path) -> Meta:
    try:
        raw = meta_path.read_bytes()[:MAX_META_BYTES + 1]
    except OSError as exc:
        raise MetadataError(f"cannot read sidecar: {exc.strerror or exc}", meta_path) from None
    if len(raw) > MAX_META_BYTES:
        raise MetadataError("sidecar larger than 1 MB", meta_path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MetadataError("sidecar is not UTF-8 JSON", meta_path) from None
    except json.JSONDecodeError as exc:
        raise MetadataError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                            meta_path) from None
    if not isinstance(data, dict):
        raise MetadataError(f"sidecar must be a JSON object, got {type(data).__name__}", meta_path)

    meta = Meta(path=meta_path)
    for key in STRING_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise MetadataError(f"'{key}' must be a string, got {value!r}", meta_path)
        value = " ".join(value.split())
        if value:
            setattr(meta, key, value)
    if meta.language is not None and not _LANGUAGE.fullmatch(meta.language):
        raise MetadataError(f"'language' must be a language code such as 'fr', got "
                            f"{meta.language!r}", meta_path)
    meta.published = parse_published(data.get("published"), meta_path)
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        # Gold document objects carry extra keys (file, text_sha256…); ignoring them lets a
        # gold "document" block be reused as a sidecar.
        meta.warnings.append(f"{meta_path.name}: ignored unknown key(s) {', '.join(unknown)}")
    return meta
