"""SQLite layout of a gazetteer store, the staging-and-swap builder, and the read queries.

A store is one SQLite file with four swappable tables (``places``, ``names``, ``admin1``,
``admin2``) and a ``meta`` table. Imports write ``*_new`` tables and swap them in with one
transaction, so a failed import never leaves a half-written gazetteer behind.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from warlog.errors import GazetteerError
from warlog.resolve._geo_text import is_latin_name, key_skeleton, name_key

SCHEMA_VERSION = "1"
TABLES = ("places", "names", "admin1", "admin2")
BATCH = 5000

_DDL = {
    "places": """CREATE TABLE {t} (
        geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT,
        lat REAL, lon REAL, fclass TEXT, fcode TEXT, country TEXT, admin1 TEXT,
        admin2 TEXT, population INTEGER)""",
    # Clustered on nkey: exact lookups need no second index.
    "names": """CREATE TABLE {t} (
        nkey TEXT NOT NULL, geonameid INTEGER NOT NULL, name TEXT NOT NULL,
        tkey TEXT NOT NULL, kind INTEGER NOT NULL, lang TEXT,
        PRIMARY KEY (nkey, geonameid)) WITHOUT ROWID""",
    "admin1": "CREATE TABLE {t} (code TEXT PRIMARY KEY, name TEXT, asciiname TEXT, geonameid INTEGER)",
    "admin2": "CREATE TABLE {t} (code TEXT PRIMARY KEY, name TEXT, asciiname TEXT, geonameid INTEGER)",
}

# kind of a name row: the place's own name (or ASCII form) vs. an alternate name.
MAIN, ALT = 0, 1


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    try:
        if readonly:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"cannot open gazetteer store: {exc}", path=path) from exc
    return conn


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,))
    return row.fetchone() is not None


def name_rows(geonameid: int, main: Iterable[str], alternates: Iterable[str],
              lang: str | None = None) -> list[tuple]:
    """Name rows for one place: main names always, alternates only when worth indexing."""
    rows: dict[str, tuple] = {}
    for kind, names in ((MAIN, main), (ALT, alternates)):
        for raw in names:
            raw = raw.strip()
            if not raw or (kind == ALT and not is_latin_name(raw)):
                continue
            nkey = name_key(raw)
            if not nkey or nkey in rows:
                continue
            rows[nkey] = (nkey, geonameid, raw, key_skeleton(nkey), kind, lang)
    return list(rows.values())


class Builder:
    """Fills ``*_new`` tables in batches, then swaps them in (or drops them on failure)."""

    def __init__(self, conn: sqlite3.Connection, *, replace: bool):
        self.conn = conn
        self.replace = replace
        self.gen = uuid.uuid4().hex[:8]
        self._places: list[tuple] = []
        self._names: list[tuple] = []
        self._admin: dict[str, list[tuple]] = {"admin1": [], "admin2": []}
        self.had_alt_names = False
        self.counts = {t: 0 for t in TABLES}
        self.drop_staging()
        for t in TABLES:
            conn.execute(_DDL[t].format(t=f"{t}_new"))
        conn.execute("BEGIN")

    def drop_staging(self) -> None:
        for t in TABLES:
            self.conn.execute(f"DROP TABLE IF EXISTS {t}_new")

    def add_place(self, row: tuple, names: list[tuple]) -> None:
        self._places.append(row)
        self._names.extend(names)
        if len(self._places) >= BATCH or len(self._names) >= 4 * BATCH:
            self.flush()

    def add_names(self, names: list[tuple]) -> None:
        self.had_alt_names = True
        self._names.extend(names)
        if len(self._names) >= 4 * BATCH:
            self.flush()

    def add_admin(self, table: str, row: tuple) -> None:
        self._admin[table].append(row)
        if len(self._admin[table]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        c = self.conn
        if self._places:
            c.executemany("INSERT OR REPLACE INTO places_new VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          self._places)
            self.counts["places"] += len(self._places)
            self._places = []
        if self._names:
            c.executemany("INSERT OR IGNORE INTO names_new VALUES (?,?,?,?,?,?)", self._names)
            self.counts["names"] += len(self._names)
            self._names = []
        for t, rows in self._admin.items():
            if rows:
                c.executemany(f"INSERT OR REPLACE INTO {t}_new VALUES (?,?,?,?)", rows)
                self.counts[t] += len(rows)
                self._admin[t] = []

    def commit(self, sources: list[dict]) -> dict[str, int]:
        c = self.conn
        self.flush()
        if not self.replace:
            # Rows just imported win over the same ids already in the store.
            for t in TABLES:
                if table_exists(c, t):
                    c.execute(f"INSERT OR IGNORE INTO {t}_new SELECT * FROM {t}")
        if self.had_alt_names:
            c.execute("DELETE FROM names_new WHERE geonameid NOT IN "
                      "(SELECT geonameid FROM places_new)")
        c.execute(f"CREATE INDEX ix_names_tkey_{self.gen} ON names_new (tkey)")
        c.execute(f"CREATE INDEX ix_names_gid_{self.gen} ON names_new (geonameid)")
        c.execute(f"CREATE INDEX ix_places_adm_{self.gen} ON places_new (country, admin1)")
        c.execute("COMMIT")
        old = [] if self.replace else json.loads(_meta(c, "sources") or "[]")
        c.execute("BEGIN IMMEDIATE")
        try:
            for t in TABLES:
                c.execute(f"DROP TABLE IF EXISTS {t}")
                c.execute(f"ALTER TABLE {t}_new RENAME TO {t}")
            counts = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
            meta = {"schema": SCHEMA_VERSION, "sources": json.dumps(old + sources),
                    "updated": time.strftime("%Y-%m-%dT%H:%M:%S")}
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return counts

    def abort(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self.drop_staging()
        except sqlite3.Error:
            pass


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


@dataclass
class PlaceRow:
    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    fclass: str
    fcode: str
    country: str
    admin1: str
    admin2: str
    population: int


class Store:
    """Read side of one store file."""

    def __init__(self, path: Path, label: str, *, readonly: bool = False):
        self.path = path
        self.label = label
        if not path.exists():
            raise GazetteerError("gazetteer store not found", path=path)
        self.conn = connect(path, readonly=readonly)
        try:
            if not table_exists(self.conn, "places"):
                raise GazetteerError("not a warlog gazetteer store (no places table)", path=path)
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"cannot read gazetteer store: {exc}", path=path) from exc
        self._admin_cache: dict[tuple[str, str], str | None] = {}
        self._prefix_cache: dict[str, tuple[int, list[str]]] = {}
        self._prefix_version: int | None = None

    def meta(self, key: str) -> str | None:
        if not table_exists(self.conn, "meta"):
            return None
        return _meta(self.conn, key)

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def by_nkey(self, nkey: str) -> list[tuple]:
        return self.conn.execute(
            "SELECT nkey, tkey, name, kind, geonameid FROM names WHERE nkey=?", (nkey,)
        ).fetchall()

    def by_tkey(self, tkey: str) -> list[tuple]:
        return self.conn.execute(
            "SELECT nkey, tkey, name, kind, geonameid FROM names WHERE tkey=?", (tkey,)
        ).fetchall()

    def by_tkey_prefix(self, prefix: str, countries: list[str] | None,
                       limit: int = 50000) -> list[tuple]:
        hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        if countries:
            marks = ",".join("?" * len(countries))
            return self.conn.execute(
                "SELECT n.nkey, n.tkey, n.name, n.kind, n.geonameid FROM names n "
                "JOIN places p ON p.geonameid = n.geonameid "
                f"WHERE n.tkey >= ? AND n.tkey < ? AND p.country IN ({marks}) LIMIT ?",
                (prefix, hi, *countries, limit)).fetchall()
        return self.conn.execute(
            "SELECT nkey, tkey, name, kind, geonameid FROM names "
            "WHERE tkey >= ? AND tkey < ? LIMIT ?", (prefix, hi, limit)).fetchall()

    def fuzzy_rows(self, tq: str, countries: list[str] | None, limit: int = 50000,
                   cutoff: float = 75, top: int = 25) -> list[tuple[tuple, float]]:
        """``process.extract(tq, tkeys, fuzz.ratio, cutoff, top)`` over
        ``by_tkey_prefix(tq[:2], countries, limit)``: the same rows with the same scores in
        the same order, without reading every row of the prefix.

        A prefix holds up to tens of thousands of names but far fewer distinct skeletons,
        read from the tkey index alone; only the rows of skeletons that score are fetched.
        The row order that breaks ties is the plain queries' plan order: the tkey index
        (tkey, nkey, geonameid), or with countries the places (country, admin1) index then
        the names geonameid index."""
        prefix = tq[:2]
        count, tkeys = self._prefix_keys(prefix)
        if count > limit:
            # The limit would cut the prefix: only the plain query knows which rows it keeps.
            rows = self.by_tkey_prefix(prefix, countries, limit)
            found = process.extract(tq, [r[1] for r in rows], scorer=fuzz.ratio,
                                    score_cutoff=cutoff, limit=top)
            return [(rows[idx], score) for _, score, idx in found]
        scores = {t: sc for t, sc, _ in process.extract(
            tq, tkeys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)}
        if not scores:
            return []
        good = list(scores)
        out: list[tuple[tuple, float]] = []
        for i in range(0, len(good), 500):
            chunk = good[i:i + 500]
            marks = ",".join("?" * len(chunk))
            if countries:
                cmarks = ",".join("?" * len(countries))
                rows = self.conn.execute(
                    "SELECT n.nkey, n.tkey, n.name, n.kind, n.geonameid, p.country, p.admin1 "
                    "FROM names n JOIN places p ON p.geonameid = n.geonameid "
                    # "+": by the tkey index, not by every place of the country.
                    f"WHERE n.tkey IN ({marks}) AND +p.country IN ({cmarks})",
                    (*chunk, *countries)).fetchall()
                out += [(r[:5], (-scores[r[1]], r[5], r[6] is not None, r[6] or "", r[4],
                                 r[0])) for r in rows]
            else:
                rows = self.conn.execute(
                    "SELECT nkey, tkey, name, kind, geonameid FROM names "
                    f"WHERE tkey IN ({marks})", chunk).fetchall()
                out += [(r, (-scores[r[1]], r[1], r[0], r[4])) for r in rows]
        out.sort(key=lambda t: t[1])
        return [(r, -order[0]) for r, order in out[:top]]

    def _prefix_keys(self, prefix: str) -> tuple[int, list[str]]:
        """How many names a skeleton prefix holds, and its distinct skeletons (memoised)."""
        version = self.data_version()
        if version != self._prefix_version:
            self._prefix_version = version
            self._prefix_cache.clear()
        got = self._prefix_cache.pop(prefix, None)
        if got is None:
            hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            count = self.conn.execute("SELECT count(*) FROM names WHERE tkey >= ? AND tkey < ?",
                                      (prefix, hi)).fetchone()[0]
            # One joined string, not a row per skeleton: the sqlite3 module costs about a
            # microsecond a row. Skeletons are [0-9a-z ] only, so a newline separates them.
            joined = self.conn.execute(
                "SELECT group_concat(tkey, char(10)) FROM "
                "(SELECT DISTINCT tkey FROM names WHERE tkey >= ? AND tkey < ?)",
                (prefix, hi)).fetchone()[0]
            got = (count, joined.split("\n") if joined else [])
            if len(self._prefix_cache) >= 128:
                del self._prefix_cache[next(iter(self._prefix_cache))]
        self._prefix_cache[prefix] = got
        return got

    def clear_cache(self) -> None:
        self._prefix_cache.clear()
        self._admin_cache.clear()

    def data_version(self) -> int:
        """Changes when another connection commits to the file: cached lookups are stale."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def place(self, geonameid: int) -> PlaceRow | None:
        row = self.conn.execute(
            "SELECT geonameid, name, lat, lon, fclass, fcode, country, admin1, admin2, "
            "population FROM places WHERE geonameid=?", (geonameid,)).fetchone()
        return PlaceRow(*row) if row else None

    def places_in_admin1(self, country: str, admin1: str) -> list[PlaceRow]:
        rows = self.conn.execute(
            "SELECT geonameid, name, lat, lon, fclass, fcode, country, admin1, admin2, "
            "population FROM places WHERE country=? AND admin1=? AND fclass='P'",
            (country, admin1)).fetchall()
        return [PlaceRow(*r) for r in rows]

    def admin_name(self, table: str, code: str) -> str | None:
        key = (table, code)
        if key not in self._admin_cache:
            row = self.conn.execute(f"SELECT name FROM {table} WHERE code=?", (code,)).fetchone()
            if row is None and table == "admin1":
                # Stores without admin1CodesASCII still carry their ADM1 rows.
                cc, _, a1 = code.partition(".")
                row = self.conn.execute(
                    "SELECT name FROM places WHERE fcode='ADM1' AND country=? AND admin1=? "
                    "LIMIT 1", (cc, a1)).fetchone()
            self._admin_cache[key] = row[0] if row else None
        return self._admin_cache[key]

    def close(self) -> None:
        self.conn.close()
