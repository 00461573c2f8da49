"""Streaming readers for GeoNames dump files, exactly as download.geonames.org publishes them.

The kind of a file is read from its first line, not its name (the per-country alternate-names
zip holds an ``SY.txt`` too): 19 columns → a geoname dump (country file, ``allCountries``,
``cities500``…), 10 (or the older 8) → alternate names, 4 → ``admin1CodesASCII`` or
``admin2Codes`` (told apart by the code: ``SY.10`` vs ``SY.10.1234``).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from warlog.errors import GazetteerError
from warlog.resolve._geo_store import Builder, name_rows

# Alternate-name "languages" that are codes or links, not names.
_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr",
                         "wkdt", "fr_1793", "phon", "piny"})
_SKIP_MEMBERS = ("readme.txt", "iso-languagecodes.txt")


@dataclass(frozen=True)
class ImportProgress:
    path: str
    kind: str
    rows: int
    bytes_done: int
    bytes_total: int | None
    done: bool = False


ProgressFn = Callable[[ImportProgress], None]


@dataclass
class _Source:
    label: str          # what error messages name: "SY.zip:SY.txt" or the path
    open: Callable[[], IO[bytes]]
    size: int | None


def _sources(path: Path) -> list[_Source]:
    if not path.is_file():
        raise GazetteerError("no such file", path=path)
    if zipfile.is_zipfile(path):
        try:
            zf = zipfile.ZipFile(path)
            members = [i for i in zf.infolist() if not i.is_dir()
                       and i.filename.lower().endswith(".txt")
                       and Path(i.filename).name.lower() not in _SKIP_MEMBERS]
        except (zipfile.BadZipFile, OSError) as exc:
            raise GazetteerError(f"unreadable zip archive: {exc}", path=path) from exc
        if not members:
            raise GazetteerError("zip archive holds no GeoNames .txt file", path=path)
        return [_Source(f"{path}:{m.filename}", lambda m=m: zf.open(m), m.file_size)
                for m in members]
    if path.suffix.lower() == ".zip":
        raise GazetteerError("not a valid zip archive (truncated download?)", path=path)
    return [_Source(str(path), lambda: path.open("rb"), path.stat().st_size)]


def _lines(src: _Source) -> Iterator[tuple[int, int, list[str]]]:
    """(line number, bytes read so far, columns) for each non-empty line."""
    done = 0
    try:
        with src.open() as fh:
            for lineno, raw in enumerate(fh, 1):
                done += len(raw)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise GazetteerError(f"line {lineno}: not UTF-8 ({exc.reason})",
                                         path=src.label) from exc
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                yield lineno, done, line.split("\t")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise GazetteerError(f"unreadable data after {done} bytes: {exc}",
                             path=src.label) from exc


def _kind(cols: list[str], label: str) -> str:
    n = len(cols)
    if n == 19:
        return "geonames"
    if n in (8, 10):
        return "alternate_names"
    if n == 4:
        return "admin2" if cols[0].count(".") >= 2 else "admin1"
    raise GazetteerError(
        f"line 1: {n} tab-separated columns; not a GeoNames dump (19 columns), "
        f"alternate names (10), admin1CodesASCII or admin2Codes (4)", path=label)


def _int(value: str, what: str, lineno: int, label: str, *, empty_ok: bool = False) -> int:
    if empty_ok and value == "":
        return 0
    try:
        return int(value)
    except ValueError:
        raise GazetteerError(f"line {lineno}: {what} {value[:30]!r} is not a number",
                             path=label) from None


def _float(value: str, what: str, lineno: int, label: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise GazetteerError(f"line {lineno}: {what} {value[:30]!r} is not a number",
                             path=label) from None


def import_source(builder: Builder, src: _Source, progress: ProgressFn | None) -> dict:
    kind = None
    expected = 0
    rows = 0
    last_done = 0
    for lineno, done, cols in _lines(src):
        if kind is None:
            kind = _kind(cols, src.label)
            expected = len(cols)
        if len(cols) != expected:
            raise GazetteerError(
                f"line {lineno}: expected {expected} tab-separated columns, found {len(cols)} "
                f"(truncated or corrupt file?)", path=src.label)
        if kind == "geonames":
            gid = _int(cols[0], "geonameid", lineno, src.label)
            lat = _float(cols[4], "latitude", lineno, src.label)
            lon = _float(cols[5], "longitude", lineno, src.label)
            pop = _int(cols[14], "population", lineno, src.label, empty_ok=True)
            builder.add_place(
                (gid, cols[1], cols[2], lat, lon, cols[6], cols[7], cols[8], cols[10],
                 cols[11], pop),
                name_rows(gid, (cols[1], cols[2]), cols[3].split(",") if cols[3] else ()))
        elif kind == "alternate_names":
            _int(cols[0], "alternateNameId", lineno, src.label)
            gid = _int(cols[1], "geonameid", lineno, src.label)
            lang = cols[2]
            historic = expected == 10 and cols[7] == "1"
            if lang not in _SKIP_LANGS and not historic:
                builder.add_names(name_rows(gid, (), (cols[3],), lang or None))
        else:
            gid = _int(cols[3], "geonameid", lineno, src.label)
            if "." not in cols[0]:
                raise GazetteerError(f"line {lineno}: admin code {cols[0][:30]!r} has no "
                                     f"country prefix", path=src.label)
            builder.add_admin(kind, (cols[0], cols[1], cols[2], gid))
        rows += 1
        if progress and (rows % 2000 == 0):
            progress(ImportProgress(src.label, kind, rows, done, src.size))
        last_done = done
    if kind is None:
        raise GazetteerError("empty file", path=src.label)
    if progress:
        progress(ImportProgress(src.label, kind, rows, last_done, src.size, done=True))
    return {"file": src.label, "kind": kind, "rows": rows}


def import_paths(builder: Builder, paths: list[Path], progress: ProgressFn | None) -> list[dict]:
    srcs = [s for p in paths for s in _sources(Path(p))]
    return [import_source(builder, s, progress) for s in srcs]
