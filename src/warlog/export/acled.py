"""ACLED-format CSV: one row per event, ACLED's columns in ACLED's order and its values.

The flat record built here (:func:`acled_record`) is also what the GeoJSON and Parquet
exports carry. Decisions (see docs/export.md):

- ``event_date`` is ``YYYY-MM-DD``, as the current ACLED API returns it (older file
  downloads used "06 June 2019").
- ``inter1``, ``inter2`` and ``interaction`` are text ("State forces",
  "State forces-Rebel group"), the API's default since 2024.
- ``fatalities`` follows ACLED's conservative rule, see :func:`conservative_fatalities`.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from warlog.export._common import ExportResult, Row, open_text
from warlog.export._vocab import vocab
from warlog.schema import Document, Event, EventActor, Figure, Location

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

# Rank of a figure's backing: the outlet's own statement beats a named source, which beats a
# hedged or denied report. The conservative rule only compares figures within the top rank.
_CERTAINTY_RANK = {"asserted": 3, "attributed": 2, "hedged": 1, "denied": 0}

_CROWD = {"exact": "{}", "about": "around {}", "at_least": "at least {}",
          "more_than": "more than {}", "at_most": "at most {}", "less_than": "less than {}"}


def figure_certainty(figure: Figure, event: Event) -> str:
    if event.certainty in ("hedged", "denied"):
        return event.certainty
    return "attributed" if figure.source else "asserted"


def _party_figure(figures: list[Figure], event: Event) -> int:
    best = max(_CERTAINTY_RANK[figure_certainty(f, event)] for f in figures)
    # "plus de 100" counts as 100 and "une soixantaine" as 60: the stated value is the floor.
    return min(f.value for f in figures if _CERTAINTY_RANK[figure_certainty(f, event)] == best)


def conservative_fatalities(event: Event) -> int:
    """ACLED's conservative count: the lowest credible figure.

    Within each party (actor1, actor2, civilians, unknown) take the lowest value among the
    figures of the best-backed certainty. Dead of different parties add up; a figure of
    unknown party is a total, so the result is the larger of that total and the sum of the
    per-party figures ("12 morts dont 8 soldats" is 12, not 20). No figure → 0.
    """
    by_party: dict[str, list[Figure]] = defaultdict(list)
    for f in event.fatalities:
        by_party[f.party].append(f)
    if not by_party:
        return 0
    total = by_party.pop("unknown", None)
    known = sum(_party_figure(figs, event) for figs in by_party.values())
    return max(known, _party_figure(total, event) if total else 0)


def disputed_note(event: Event, doc: Document | None = None) -> str:
    """"Fatality figures disputed: 12 (army), 30 (local source)." when sources disagree."""
    by_party: dict[str, list[Figure]] = defaultdict(list)
    for f in event.fatalities:
        by_party[f.party].append(f)
    parts: list[str] = []
    for figs in by_party.values():
        if len({f.value for f in figs}) < 2:
            continue
        seen: set[tuple[int, str]] = set()
        for f in sorted(figs, key=lambda f: f.value):
            who = f.source or (doc.outlet if doc and doc.outlet else "report")
            if (f.value, who) not in seen:
                seen.add((f.value, who))
                parts.append(f"{f.value} ({who})")
    return f"Fatality figures disputed: {', '.join(parts)}." if parts else ""


def _actors(event: Event, role: str, assoc_role: str) -> tuple[EventActor | None, list[str]]:
    main = [a for a in event.actors if a.role == role]
    assoc = [a.name for a in main[1:]] + [a.name for a in event.actors if a.role == assoc_role]
    return (main[0] if main else None), list(dict.fromkeys(assoc))


def interaction_code(event: Event, inter1: int | None, inter2: int | None) -> int | None:
    if event.interaction is not None:
        return event.interaction
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return 10 * codes[0] if len(codes) == 1 else 10 * codes[0] + codes[1]


def event_country(event: Event, location: Location | None) -> str | None:
    if location is not None and location.country:
        return location.country.upper()
    return next((loc.country.upper() for loc in event.locations if loc.country), None)


def _source_scale(doc: Document, country: str | None) -> str:
    scope = vocab().outlet_scope(doc.outlet)
    if scope is None:
        return ""
    if scope == "wire" or country is None:
        return "International"
    return "National" if scope.upper() == country else "International"


def _tags(event: Event) -> str:
    # ACLED tags demonstrations with their crowd size ("crowd size=no report").
    if event.event_type not in ("protests", "riots"):
        return ""
    crowd = [p for p in event.participants if p.party in ("actor1", "unknown")]
    if not crowd:
        return "crowd size=no report"
    p = crowd[0]
    return "crowd size=" + _CROWD.get(p.qualifier, "{}").format(p.value)


UNKNOWN_COUNTRY_PREFIX = "UNK"


class IdAllocator:
    """ACLED-style ``event_id_cnty``: the country's acronym + a running number per country."""

    def __init__(self) -> None:
        self._next: dict[str, int] = defaultdict(lambda: 1)

    def __call__(self, country: str | None) -> str:
        c = vocab().country(country)
        # Events with no known country still get unique ids, under an explicit "unknown" prefix.
        prefix = c.id_prefix if c else UNKNOWN_COUNTRY_PREFIX
        n = self._next[prefix]
        self._next[prefix] = n + 1
        return f"{prefix}{n}"


def acled_record(doc: Document, event: Event, *, event_id_cnty: str, timestamp: int,
                 location: Location | None = None) -> dict[str, Any]:
    """The ACLED columns for one event, at ``location`` (its first one by default).

    Values are typed (ints, floats, None for missing); the CSV writer turns None into "".
    """
    v = vocab()
    if location is None and event.locations:
        location = event.locations[0]
    a1, assoc1 = _actors(event, "actor1", "assoc_actor1")
    a2, assoc2 = _actors(event, "actor2", "assoc_actor2")
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    code = interaction_code(event, inter1, inter2)
    country_code = event_country(event, location)
    country = v.country(country_code)
    civilian = event.event_type == "violence_against_civilians" or (
        event.event_type in ("explosions_remote_violence", "riots") and inter2 == 7)
    notes = " ".join(s for s in (event.notes.strip(), disputed_note(event, doc)) if s)
    speakers = [s.speaker for s in event.sources]
    day = event.date.start
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": day,
        "year": day.year if day else None,
        "time_precision": event.date.precision,
        "disorder_type": v.disorder_type(event.event_type, event.sub_event_type),
        "event_type": v.event_type(event.event_type),
        "sub_event_type": v.sub_event_type(event.sub_event_type),
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": "; ".join(assoc1) or None,
        "inter1": v.inter.get(inter1) if inter1 else None,
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": "; ".join(assoc2) or None,
        "inter2": v.inter.get(inter2) if inter2 else None,
        "interaction": v.interaction.get(code) if code else None,
        "civilian_targeting": v.civilian_targeting if civilian else None,
        "iso": country.iso if country else None,
        "region": (country.region or None) if country else None,
        "country": country.name if country else None,
        "admin1": location.admin1 if location else None,
        "admin2": location.admin2 if location else None,
        "admin3": None,
        "location": (location.name or location.text) if location else None,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geo_precision": location.geo_precision if location else None,
        "source": "; ".join(dict.fromkeys(s for s in [doc.outlet, *speakers] if s)) or None,
        "source_scale": _source_scale(doc, country_code) or None,
        "notes": notes or None,
        "fatalities": conservative_fatalities(event),
        "tags": _tags(event) or None,
        "timestamp": timestamp,
    }


def acled_records(rows: Iterable[Row], timestamp: int | None = None):
    """(document, event, record) for each row, numbering events as it goes."""
    ids = IdAllocator()
    stamp = int(time.time()) if timestamp is None else timestamp
    for doc, event in rows:
        first = event.locations[0] if event.locations else None
        eid = ids(event_country(event, first))
        yield doc, event, acled_record(doc, event, event_id_cnty=eid, timestamp=stamp)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_acled_csv(rows: Iterable[Row], out: Path | IO[str], *,
                    timestamp: int | None = None) -> int:
    """Write ACLED's CSV (header + one row per event, first location). Returns rows written.

    ``timestamp`` is ACLED's Unix upload time; it defaults to now.
    """
    n = 0
    with open_text(out, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for _doc, _event, rec in acled_records(rows, timestamp):
            writer.writerow([_cell(rec[c]) for c in COLUMNS])
            n += 1
    return ExportResult(n)
