"""Offline gazetteer: GeoNames dumps imported into SQLite, with a zero-setup default.

Two stores, both SQLite files under the user data dir (``platformdirs``):

* the **imported** store (``gazetteer.sqlite``; ``WARLOG_GAZETTEER`` or an explicit path
  overrides it), filled by :func:`import_files` from GeoNames dumps;
* the **default** store (``gazetteer-default.sqlite``; ``WARLOG_GAZETTEER_DEFAULT``
  overrides it), built once at first use from PyPI packages (see ``_geo_default``).

:meth:`Gazetteer.open` reads the imported store first and the default store behind it, so an
imported Syria dump still resolves "Moscou" and "Venezuela". Lookups go through normalised
and transliteration keys (``_geo_text``), then a rapidfuzz fallback.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as _with
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz

from warlog.errors import GazetteerError
from warlog.resolve._geo_default import build_default, source_version
from warlog.resolve._geo_import import ImportProgress, ProgressFn, import_paths
from warlog.resolve._geo_store import MAIN, Builder, PlaceRow, Store, connect
from warlog.resolve._geo_text import key_skeleton, name_key

__all__ = ["Candidate", "Gazetteer", "ImportProgress", "ImportReport", "import_files",
           "store_path", "default_store_path", "ensure_default", "distance_km"]

ENV_STORE = "WARLOG_GAZETTEER"
ENV_DEFAULT = "WARLOG_GAZETTEER_DEFAULT"


def _data_dir() -> Path:
    return platformdirs.user_data_path("warlog", appauthor=False)


def store_path(db_path: str | Path | None = None) -> Path:
    if db_path:
        return Path(db_path).expanduser()
    env = os.environ.get(ENV_STORE)
    return Path(env).expanduser() if env else _data_dir() / "gazetteer.sqlite"


def default_store_path() -> Path:
    env = os.environ.get(ENV_DEFAULT)
    return Path(env).expanduser() if env else _data_dir() / "gazetteer-default.sqlite"


def ensure_default(path: Path | None = None, *, rebuild: bool = False) -> Path:
    """Path of an up-to-date default store, building it if missing or stale."""
    path = path or default_store_path()
    if path.exists() and not rebuild:
        try:
            store = Store(path, "default", readonly=True)
            ok = store.meta("default_version") == source_version()
            store.close()
            if ok:
                return path
        except GazetteerError:
            pass  # unreadable or foreign file: rebuild over it
    try:
        build_default(path)
    except OSError as exc:
        raise GazetteerError(f"cannot build the default gazetteer: {exc}", path=path) from exc
    return path


@dataclass
class ImportReport:
    db_path: Path
    files: list[dict]
    counts: dict[str, int]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(f["rows"] for f in self.files)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float(self.rows)


def import_files(paths: Iterable[str | Path], db_path: str | Path | None = None,
                 progress: ProgressFn | None = None, *, replace: bool = False) -> ImportReport:
    """Import GeoNames files into the store; all or nothing.

    Rows go to new tables that are swapped in only once every file has been read, so a bad
    file raises :class:`GazetteerError` (naming the file and line) and leaves the store as it
    was. Without ``replace`` the new tables also take over the store's current rows, the
    imported ones winning on the same geonameid.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise GazetteerError("nothing to import: no file given")
    target = store_path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    conn = connect(target)
    builder = Builder(conn, replace=replace)
    try:
        files = import_paths(builder, paths, progress)
        counts = builder.commit(files)
    except GazetteerError:
        builder.abort()
        raise
    except Exception as exc:
        builder.abort()
        raise GazetteerError(f"import failed: {exc}", path=target) from exc
    finally:
        conn.close()
    return ImportReport(target, files, counts, time.perf_counter() - start)


# ---------------------------------------------------------------------------------------
# Lookup


@dataclass(frozen=True)
class Candidate:
    geonames_id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None      # GeoNames code without the country: "10"
    admin1: str | None           # its name: "Hama"
    admin2: str | None
    feature: str | None          # "P.PPL", "A.ADM1", "A.PCLI"
    population: int
    score: float                 # ranking score in [0, 1]
    name_score: float            # how well the name alone matched
    matched: str                 # the gazetteer name that matched
    match: str                   # "exact" | "translit" | "fuzzy"
    source: str                  # "imported" | "default"

    @property
    def fclass(self) -> str:
        return (self.feature or ".").split(".")[0]

    @property
    def fcode(self) -> str:
        return (self.feature or ".").split(".")[1]

    @property
    def is_country(self) -> bool:
        return self.fcode.startswith("PCL") or self.fcode == "TERR"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_FEATURE_WEIGHT = {"PCLI": 1.0, "PCLD": 0.95, "PCLS": 0.95, "PCLF": 0.95, "PCLIX": 0.9,
                   "PPLC": 1.0, "PPLA": 0.95, "PPLA2": 0.9, "PPLA3": 0.88, "PPL": 0.85,
                   "ADM1": 0.85, "ADM2": 0.75}


def feature_weight(c: Candidate) -> float:
    if c.fcode in _FEATURE_WEIGHT:
        return _FEATURE_WEIGHT[c.fcode]
    return {"P": 0.8, "A": 0.6}.get(c.fclass, 0.5)


def population_weight(pop: int) -> float:
    return min(1.0, math.log10(pop + 1) / 7)


_MISSING = object()


class _LRU:
    """A bounded memo: oldest-used entries go first once it is full."""

    def __init__(self, size: int):
        self.size = size
        self.data: dict = {}

    def get(self, key, default=None):
        data = self.data
        value = data.pop(key, _MISSING)
        if value is _MISSING:
            return default
        data[key] = value  # re-inserted: dicts keep insertion order, so this is recency
        return value

    def put(self, key, value) -> None:
        data = self.data
        data.pop(key, None)
        data[key] = value
        if len(data) > self.size:
            del data[next(iter(data))]

    def clear(self) -> None:
        self.data.clear()


@dataclass
class Gazetteer:
    """Ranked name lookup over the imported store (if any) and the default store."""

    stores: list[Store]
    default_path: Path | None = None
    _default_loaded: bool = field(default=False, repr=False)
    _versions: tuple = field(default=(), repr=False)
    _pins: int = field(default=0, repr=False)
    _match_cache: _LRU = field(default_factory=lambda: _LRU(65536), repr=False)
    _exact_cache: _LRU = field(default_factory=lambda: _LRU(65536), repr=False)
    _row_cache: _LRU = field(default_factory=lambda: _LRU(262144), repr=False)

    @classmethod
    def open(cls, db_path: str | Path | None = None, *, default: bool = True) -> Gazetteer:
        path = store_path(db_path)
        stores: list[Store] = []
        if path.exists():
            stores.append(Store(path, "imported"))
        elif db_path is not None:
            raise GazetteerError("gazetteer store not found", path=path)
        gaz = cls(stores, default_store_path() if default else None)
        if not stores:
            gaz._load_default()
            if not gaz.stores:
                raise GazetteerError("no gazetteer: nothing imported and default disabled")
        return gaz

    def _load_default(self) -> None:
        if self._default_loaded or self.default_path is None:
            return
        self._default_loaded = True
        path = ensure_default(self.default_path)
        self.stores.append(Store(path, "default", readonly=True))

    def _all_stores(self) -> list[Store]:
        self._load_default()
        return self.stores

    @property
    def path(self) -> Path | None:
        return self.stores[0].path if self.stores else None

    @property
    def is_default(self) -> bool:
        return bool(self.stores) and self.stores[0].label == "default"

    def close(self) -> None:
        for s in self.stores:
            s.close()

    # -- name matching --------------------------------------------------------------------

    @contextmanager
    def pinned(self) -> Iterator[Gazetteer]:
        """Check the stores for changes once for a batch of lookups (one document), not
        on each lookup."""
        self._fresh()
        self._pins += 1
        try:
            yield self
        finally:
            self._pins -= 1

    def clear_cache(self) -> None:
        """Forget memoised lookups (for benchmarks; changes to the stores are noticed
        without it)."""
        for cache in (self._match_cache, self._exact_cache, self._row_cache):
            cache.clear()
        for s in self.stores:
            s.clear_cache()

    def _fresh(self) -> list[Store]:
        """The stores, with the caches dropped if any store changed since they were filled
        (another connection imported into it, or the default store was loaded)."""
        stores = self._all_stores()
        if self._pins:
            return stores
        versions = tuple(s.data_version() for s in stores)
        if versions != self._versions:
            self._versions = versions
            self._match_cache.clear()
            self._exact_cache.clear()
            self._row_cache.clear()
        return stores

    def matches(self, name: str, countries: Iterable[str] | None = None, *,
                fuzzy: bool = True) -> list[Candidate]:
        """Every place whose name matches, scored on the name only (``score == name_score``)."""
        nq = name_key(name)
        if not nq:
            return []
        countries = sorted({c.upper() for c in countries}) if countries else None
        stores = self._fresh()
        # The result depends on the name only through its key: the same village spelt with
        # other accents or hyphens, and every repeat across documents, is one lookup.
        ckey = (nq, tuple(countries) if countries else None, fuzzy)
        cached = self._match_cache.get(ckey)
        if cached is None:
            cached = self._matches(nq, countries, fuzzy, stores)
            self._match_cache.put(ckey, cached)
        return list(cached)

    def _exact(self, nq: str, stores: list[Store]) -> tuple[dict, list[Candidate]]:
        """Exact and transliteration hits of a key, which do not depend on the countries."""
        got = self._exact_cache.get(nq)
        if got is not None:
            return got
        tq = key_skeleton(nq)
        hits: dict[int, tuple[float, str, str, str]] = {}

        def keep(gid: int, s: float, matched: str, how: str, label: str) -> None:
            if gid not in hits or s > hits[gid][0]:
                hits[gid] = (s, matched, how, label)

        short = len(tq.replace(" ", "")) <= 2
        for store in stores:
            for nkey, _tkey, nm, kind, gid in store.by_nkey(nq):
                keep(gid, 1.0 if kind == MAIN else 0.97, nm, "exact", store.label)
            for nkey, _tkey, nm, kind, gid in store.by_tkey(tq):
                if nkey == nq:
                    continue
                ratio = fuzz.ratio(nq, nkey)
                # Short skeletons ("hm") collide a lot: ask more of the spelling there.
                if ratio >= (75 if short else 55):
                    keep(gid, 0.55 + 0.4 * ratio / 100, nm, "translit", store.label)
        got = (hits, self._candidates(hits))
        self._exact_cache.put(nq, got)
        return got

    def _matches(self, nq: str, countries: list[str] | None, fuzzy: bool,
                 stores: list[Store]) -> list[Candidate]:
        tq = key_skeleton(nq)
        hits, exact = self._exact(nq, stores)
        cands = list(exact)
        if fuzzy and len(tq.replace(" ", "")) >= 3 and not any(
                countries is None or c.country in countries for c in cands):
            fz: dict[int, tuple[float, str, str, str]] = {}
            for store in stores:
                for row, tscore in store.fuzzy_rows(tq, countries):
                    nkey, _tkey, nm, _kind, gid = row
                    s = 0.4 + 0.4 * (0.5 * tscore + 0.5 * fuzz.ratio(nq, nkey) - 75) / 25
                    if s >= 0.4 and (gid not in fz or s > fz[gid][0]):
                        fz[gid] = (s, nm, "fuzzy", store.label)
            cands += self._candidates({g: v for g, v in fz.items() if g not in hits})
        cands.sort(key=lambda c: -c.name_score)
        return cands

    def _candidates(self, hits: dict[int, tuple[float, str, str, str]]) -> list[Candidate]:
        out = []
        for gid, (s, matched, how, label) in hits.items():
            c = self._base(gid)
            if c is not None:
                out.append(_with(c, score=s, name_score=s, matched=matched, match=how,
                                 source=label))
        return out

    def _base(self, gid: int) -> Candidate | None:
        """``get(gid)``, memoised: the same few thousand places come back in every report."""
        c = self._row_cache.get(gid, _MISSING)
        if c is _MISSING:
            c = self._get(gid)
            self._row_cache.put(gid, c)
        return c

    def _row(self, gid: int) -> tuple[PlaceRow | None, str]:
        row, label, pop, fcode = None, "", 0, None
        for store in self._all_stores():
            r = store.place(gid)
            if r is None:
                continue
            if row is None:
                row, label = r, store.label
            pop = max(pop, r.population or 0)
            if r.fcode in ("PPLC", "PPLA") and fcode is None:
                fcode = r.fcode
        if row is not None:
            # Country dumps of WOF origin lack population and seat codes that cities500 has.
            row = PlaceRow(row.geonameid, row.name, row.lat, row.lon, row.fclass,
                           fcode if row.fcode == "PPL" and fcode else row.fcode,
                           row.country, row.admin1, row.admin2, pop)
        return row, label

    def admin_name(self, country: str | None, admin1: str | None,
                   admin2: str | None = None) -> str | None:
        if not country or not admin1 or admin2 == "":
            return None
        table, code = ("admin2", f"{country}.{admin1}.{admin2}") if admin2 else \
            ("admin1", f"{country}.{admin1}")
        for store in self.stores:
            name = store.admin_name(table, code)
            if name:
                return name
        return None

    def get(self, geonames_id: int, *, score: float = 1.0) -> Candidate | None:
        self._fresh()
        c = self._base(geonames_id)
        if c is None or score == 1.0:
            return c
        return _with(c, score=score, name_score=score)

    def _get(self, geonames_id: int) -> Candidate | None:
        row, label = self._row(geonames_id)
        if row is None:
            return None
        return Candidate(
            geonames_id=row.geonameid, name=row.name, lat=row.lat, lon=row.lon,
            country=row.country or None, admin1_code=row.admin1 or None,
            admin1=self.admin_name(row.country, row.admin1),
            admin2=self.admin_name(row.country, row.admin1, row.admin2 or ""),
            feature=f"{row.fclass}.{row.fcode}" if row.fclass else None,
            population=row.population or 0, score=1.0, name_score=1.0, matched=row.name,
            match="exact", source=label)

    def admin1_seat(self, country: str, admin1_code: str, names: Iterable[str] = ()) -> \
            Candidate | None:
        """The populated place ACLED codes a province-only location at: the one named like
        the province (Hama, Idlib, Latakia), else the admin1's capital or largest place."""
        wanted = {name_key(n) for n in names if n}
        a1 = self.admin_name(country, admin1_code)
        if a1:
            wanted.add(name_key(a1))
        best: tuple[float, int] | None = None
        for store in self._all_stores():
            for key in wanted:
                for _n, _t, _nm, _k, gid in store.by_nkey(key):
                    r = store.place(gid)
                    if r and r.fclass == "P" and r.country == country and r.admin1 == admin1_code:
                        rank = 2 + population_weight(r.population or 0)
                        if best is None or rank > best[0]:
                            best = (rank, gid)
            if best is None:
                for r in store.places_in_admin1(country, admin1_code):
                    rank = (1.5 if r.fcode in ("PPLA", "PPLC") else 0) + \
                        population_weight(r.population or 0)
                    if r.population and (best is None or rank > best[0]):
                        best = (rank, r.geonameid)
        return self.get(best[1]) if best else None

    # -- ranking --------------------------------------------------------------------------

    def rank(self, cands: list[Candidate], country: str | None = None,
             near: tuple[float, float] | None = None) -> list[Candidate]:
        out = []
        for c in cands:
            s = 0.7 * c.name_score + 0.15 * feature_weight(c) + 0.15 * population_weight(
                c.population)
            if country and c.country == country.upper():
                s += 0.1
            if near and c.lat is not None and c.lon is not None:
                s += 0.2 * math.exp(-distance_km(near, (c.lat, c.lon)) / 50)
            out.append(_with(c, score=round(min(1.0, s / 1.1), 4)))
        out.sort(key=lambda c: (-c.score, -c.population, c.geonames_id))
        return out

    def lookup(self, name: str, country: str | None = None,
               near: str | tuple[float, float] | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for ``name``. ``country`` (ISO code) restricts them; ``near``
        (coordinates or a place name, resolved first) favours the closest."""
        if isinstance(near, str):
            anchor = self.lookup(near, country=country, limit=1)
            near = (anchor[0].lat, anchor[0].lon) if anchor and anchor[0].lat is not None \
                else None
        cands = self.matches(name, [country] if country else None)
        if country:
            cands = [c for c in cands if c.country == country.upper()]
        return self.rank(cands, country, near)[:limit]

    def info(self) -> list[dict]:
        import json

        out = []
        for s in self._all_stores():
            out.append({"label": s.label, "path": str(s.path), "counts": s.counts(),
                        "sources": json.loads(s.meta("sources") or "[]"),
                        "updated": s.meta("updated")})
        return out

