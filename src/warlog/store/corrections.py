"""Analyst corrections: validation, application to a record, re-binding after re-extraction.

A correction is ``FIELD=VALUE`` on one event. Corrections are kept in their own table with
who/when/old/new and never edit the machine record; the store applies them, oldest first, to
produce the effective record every query returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from warlog.errors import WarlogError
from warlog.schema import EVENT_TYPES, Event
from warlog.store.records import all_spans, fatalities_best, overlap

FIELDS = ("event_type", "sub_event_type", "date", "date.start", "date.end", "actor1",
          "actor2", "fatalities", "location.name", "location.lat", "location.lon",
          "location.admin1", "notes")
SUB_TYPES = {sub: kind for kind, subs in EVENT_TYPES.items() for sub in subs}


class CorrectionError(WarlogError):
    """A correction that names an unknown event or field, or gives an invalid value."""
    code = "W007"


@dataclass(frozen=True)
class Correction:
    id: int
    event_id: str
    field: str
    old_value: str | None
    new_value: str
    by: str
    at: datetime


def parse_assignment(text: str) -> tuple[str, str]:
    field, sep, value = text.partition("=")
    field = field.strip()
    if not sep or not field:
        raise CorrectionError(f"expected FIELD=VALUE, got {text!r} (fields: {', '.join(FIELDS)})")
    return field, value.strip()


def _date(field: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(field, value)
    except ValueError:
        return _bad_date(field, value)


def _bad_date(field: str, value: str) -> str:
    raise CorrectionError(f"{field} must be a date as YYYY-MM-DD, got {value!r}")


def _float(field: str, value: str, limit: float) -> str:
    try:
        number = float(value)
    except ValueError:
        raise CorrectionError(f"{field} must be a number, got {value!r}") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise CorrectionError(f"{field} must lie between -{limit:g} and {limit:g}, got {value!r}")
    return repr(number)


def normalise(field: str, value: str) -> str:
    """Check one value on its own and return its canonical text form."""
    if field not in FIELDS:
        raise CorrectionError(f"unknown field {field!r}; correctable fields: {', '.join(FIELDS)}")
    if field == "event_type":
        if value not in EVENT_TYPES:
            raise CorrectionError(f"unknown event_type {value!r}; one of: "
                                  f"{', '.join(EVENT_TYPES)}")
    elif field == "sub_event_type":
        if value not in SUB_TYPES:
            raise CorrectionError(f"unknown sub_event_type {value!r}; see "
                                  "docs/event-record.md for the 25 sub-types")
    elif field.startswith("date"):
        return _date(field, value)
    elif field == "fatalities":
        if not value.isdigit():
            raise CorrectionError(f"fatalities must be a whole number ≥ 0, got {value!r}")
        return str(int(value))
    elif field == "location.lat":
        return _float(field, value, 90)
    elif field == "location.lon":
        return _float(field, value, 180)
    elif field in ("location.name", "location.admin1") and not value:
        raise CorrectionError(f"{field} cannot be empty")
    return value


def current_value(event: Event, field: str) -> str | None:
    loc = event.locations[0] if event.locations else None
    if field in ("event_type", "sub_event_type", "notes"):
        return getattr(event, field) or None
    if field in ("date", "date.start"):
        return event.date.start.isoformat() if event.date.start else None
    if field == "date.end":
        return event.date.end.isoformat() if event.date.end else None
    if field in ("actor1", "actor2"):
        return next((a.name for a in event.actors if a.role == field), None)
    if field == "fatalities":
        best = fatalities_best(event)
        return None if best is None else str(best)
    if field.startswith("location."):
        value = getattr(loc, field.split(".")[1]) if loc else None
        return None if value is None else str(value)
    return None


def apply(event: Event, changes: list[tuple[str, str]]) -> Event:
    """The record with ``changes`` (already normalised) applied in order."""
    data = event.model_dump(mode="json")
    for field, value in changes:
        _apply_one(data, field, value)
    return Event.model_validate(data)


def _apply_one(data: dict, field: str, value: str) -> None:
    if field in ("event_type", "sub_event_type", "notes"):
        data[field] = value
    elif field.startswith("date"):
        d = data["date"]
        if field in ("date", "date.start"):
            d["start"] = value
        if field in ("date", "date.end"):
            d["end"] = value
        if d.get("end") is None:
            d["end"] = d["start"]
        if d.get("start") is None:
            d["start"] = d["end"]
        if d["start"] == d["end"]:
            d["precision"] = 1
        d["basis"] = "analyst"
    elif field in ("actor1", "actor2"):
        actors = data["actors"]
        found = next((a for a in actors if a["role"] == field), None)
        if not value:
            data["actors"] = [a for a in actors if a is not found]
        elif found is not None:
            found["name"] = value
        else:
            actors.append({"role": field, "name": value, "text": None, "inter": None,
                           "evidence": []})
    elif field == "fatalities":
        data["fatalities"] = [{"value": int(value), "qualifier": "exact", "party": "unknown",
                               "text": "", "source": None, "evidence": []}]
    elif field.startswith("location."):
        if not data["locations"]:
            data["locations"].append({"text": ""})
        key = field.split(".")[1]
        data["locations"][0][key] = float(value) if key in ("lat", "lon") else value


def check(event: Event, fields: set[str]) -> None:
    """Whole-record checks after applying a user's corrections (type pairs, date order)."""
    if {"event_type", "sub_event_type"} & fields:
        allowed = EVENT_TYPES.get(event.event_type, ())
        if event.sub_event_type not in allowed:
            raise CorrectionError(
                f"sub_event_type {event.sub_event_type!r} is not a sub-type of "
                f"{event.event_type!r}; correct both in one command, e.g. "
                f"event_type={SUB_TYPES.get(event.sub_event_type, event.event_type)} "
                f"sub_event_type=… (sub-types of {event.event_type}: {', '.join(allowed)})")
    start, end = event.date.start, event.date.end
    if start and end and end < start:
        raise CorrectionError(f"date.end {end} is before date.start {start}")


def pick_target(events: list[Event], event_id: str, anchor: list) -> Event | None:
    """The new event a correction made on ``event_id`` belongs to after re-extraction: the
    same id when its evidence still overlaps the anchor, else the event overlapping it most."""
    spans = [tuple(s) for s in anchor or []]
    same = next((e for e in events if e.id == event_id), None)
    if same is not None and (not spans or overlap(all_spans(same), spans) > 0):
        return same
    best, best_overlap = None, 0
    for event in events:
        shared = overlap(all_spans(event), spans)
        if shared > best_overlap:
            best, best_overlap = event, shared
    return best
