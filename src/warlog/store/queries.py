"""Event filters → SQL. Filters read the indexed columns, which hold corrected values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, exists, func, or_, select

from warlog.store.models import ActorRow, DocumentRow, EventRow


@dataclass
class EventFilter:
    """Every set field must hold (AND).

    ``since``/``until``: the event's date range overlaps the window (undated events are left
    out when either is set). ``type``: event_type or sub_event_type. ``actor``: substring of
    any actor's name or mention, any role, case-insensitive. ``bbox``: (min_lon, min_lat,
    max_lon, max_lat) holding the event's coordinates. ``text``: substring of the notes or
    of the document text, case-insensitive.
    """
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    document_id: str | None = None


def _contains(column, needle: str):
    return func.lower(column).contains(needle.lower(), autoescape=True)


def event_query(f: EventFilter | None = None) -> Select:
    query = (select(EventRow, DocumentRow)
             .join(DocumentRow, DocumentRow.id == EventRow.document_id))
    f = f or EventFilter()
    if f.since is not None:
        query = query.where(func.coalesce(EventRow.date_end, EventRow.date_start) >= f.since)
    if f.until is not None:
        query = query.where(func.coalesce(EventRow.date_start, EventRow.date_end) <= f.until)
    if f.country:
        query = query.where(func.upper(EventRow.country) == f.country.upper())
    if f.admin1:
        query = query.where(func.lower(EventRow.admin1) == f.admin1.lower())
    if f.type:
        query = query.where(or_(EventRow.event_type == f.type, EventRow.sub_event_type == f.type))
    if f.actor:
        # The actors table mirrors the effective record, so corrected names are found and
        # replaced ones are not.
        query = query.where(exists().where(
            ActorRow.event_id == EventRow.id,
            or_(_contains(ActorRow.name, f.actor), _contains(ActorRow.text, f.actor))))
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        query = query.where(EventRow.lon.between(min_lon, max_lon),
                            EventRow.lat.between(min_lat, max_lat))
    if f.text:
        query = query.where(or_(_contains(EventRow.notes, f.text),
                                _contains(DocumentRow.text, f.text)))
    if f.document_id:
        query = query.where(EventRow.document_id == f.document_id)
    return query.order_by(EventRow.date_start.is_(None), EventRow.date_start,
                          EventRow.document_id, EventRow.idx)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat`` → floats, checked."""
    parts = text.replace(" ", "").split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        raise ValueError(f"bbox must be min_lon,min_lat,max_lon,max_lat, got {text!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(f"bbox must be min_lon,min_lat,max_lon,max_lat with min ≤ max, "
                         f"got {text!r}")
    return values  # type: ignore[return-value]
