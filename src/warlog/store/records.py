"""Event record → rows: the indexed columns and child rows the store keeps beside the JSON."""

from __future__ import annotations

from collections import defaultdict

from warlog.schema import Event
from warlog.store.models import ActorRow, EventRow, EvidenceRow, PlaceRow, SpeakerRow

# Event list fields whose items carry their own evidence spans.
_LIST_FIELDS = ("locations", "actors", "fatalities", "injuries", "participants", "materiel",
                "weapons", "sources")


def fatalities_best(event: Event) -> int | None:
    """ACLED's conservative rule inside one report: when several figures are given for the
    same party (two sources disagree) keep the lowest; figures for different parties add up."""
    if not event.fatalities:
        return None
    lowest: dict[str, int] = {}
    for figure in event.fatalities:
        lowest[figure.party] = min(figure.value, lowest.get(figure.party, figure.value))
    return sum(lowest.values())


def _first_actor(event: Event, role: str) -> str | None:
    return next((a.name for a in event.actors if a.role == role), None)


def summary_columns(event: Event) -> dict:
    loc = event.locations[0] if event.locations else None
    located = next((p for p in event.locations if p.lat is not None and p.lon is not None), None)
    return {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "location": (loc.name or loc.text) if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": located.lat if located else None,
        "lon": located.lon if located else None,
        "geo_precision": loc.geo_precision if loc else None,
        "actor1": _first_actor(event, "actor1"),
        "actor2": _first_actor(event, "actor2"),
        "interaction": event.interaction,
        "fatalities_best": fatalities_best(event),
        "certainty": event.certainty,
        "notes": event.notes or None,
    }


def child_rows(effective: Event, machine: Event, text: str) -> dict[type, list[dict]]:
    """Rows of the child tables, by model class, without ``event_id``. They describe the
    effective record; evidence comes from the machine record (corrections change values, not
    where the text supports them)."""
    return {
        PlaceRow: [dict(position=i, text=p.text, name=p.name, geonames_id=p.geonames_id,
                        lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1,
                        admin2=p.admin2, geo_precision=p.geo_precision)
                   for i, p in enumerate(effective.locations)],
        ActorRow: [dict(position=i, role=a.role, name=a.name, text=a.text, inter=a.inter)
                   for i, a in enumerate(effective.actors)],
        SpeakerRow: [dict(position=i, speaker=s.speaker, affiliation=s.affiliation, cue=s.cue,
                          text=s.text)
                     for i, s in enumerate(effective.sources)],
        EvidenceRow: [dict(field=field, start=start, end=end, text=text[start:end])
                      for field, start, end in evidence_spans(machine)],
    }


def fill_row(row: EventRow, effective: Event, machine: Event, text: str) -> None:
    """Set a loaded ``row``'s columns and children from the effective record."""
    for key, value in summary_columns(effective).items():
        setattr(row, key, value)
    children = child_rows(effective, machine, text)
    row.places = [PlaceRow(**r) for r in children[PlaceRow]]
    row.actors = [ActorRow(**r) for r in children[ActorRow]]
    row.speakers = [SpeakerRow(**r) for r in children[SpeakerRow]]
    row.evidence = [EvidenceRow(**r) for r in children[EvidenceRow]]


def evidence_spans(event: Event) -> list[tuple[str, int, int]]:
    spans = [("event", s, e) for s, e in event.evidence]
    spans += [("date", s, e) for s, e in event.date.evidence]
    for name in _LIST_FIELDS:
        for i, item in enumerate(getattr(event, name)):
            spans += [(f"{name}[{i}]", s, e) for s, e in item.evidence]
    return spans


def all_spans(event: Event) -> list[tuple[int, int]]:
    return [(s, e) for _, s, e in evidence_spans(event)]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters shared by two span lists (a union-free sum; spans of one event rarely nest)."""
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def group_by(items, key) -> dict:
    out: dict = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return out
