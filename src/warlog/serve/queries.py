"""SQL the API needs beyond the store's iterators: a counted page, distinct actors and places,
daily sums and evidence spans. Every query starts from the store's own event filter, so the
API filters exactly as ``warlog events`` does."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from warlog.schema import Document
from warlog.store import EventFilter, Store
from warlog.store.merged import merged_query, members
from warlog.store.models import (ActorRow, DocumentRow, EventRow, EvidenceRow, MergedEventRow,
                                 MergedReportRow, PlaceRow)
from warlog.store.queries import event_query

SUMMARY = ("event_type", "sub_event_type", "date_start", "date_end", "date_precision",
           "location", "country", "admin1", "lat", "lon", "geo_precision", "actor1", "actor2",
           "interaction", "fatalities_best", "certainty", "notes")
MERGED_SUMMARY = ("event_type", "sub_event_type", "date_start", "date_end", "date_precision",
                  "country", "admin1", "location", "lat", "lon", "actor1", "actor2",
                  "report_count", "fatalities_low", "fatalities_best", "fatalities_high",
                  "figures", "representative_id")


def _session(store: Store) -> Session:
    return Session(store.engine)


def _matching_ids(f: EventFilter):
    return event_query(f).with_only_columns(EventRow.id).order_by(None)


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def document_brief(doc: DocumentRow | Document) -> dict:
    return {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": _iso(doc.published)}


def event_item(ev: EventRow, doc: DocumentRow, merged_id: str | None) -> dict:
    item = {"id": ev.id, **{k: _iso(getattr(ev, k)) for k in SUMMARY}}
    item["merged_id"] = merged_id
    item["document"] = document_brief(doc)
    item["record"] = ev.corrected or ev.record
    return item


def merged_item(row: MergedEventRow, report_ids: list[str]) -> dict:
    return {"id": row.id, **{k: _iso(getattr(row, k)) for k in MERGED_SUMMARY},
            "report_ids": report_ids}


def _merged_ids(s: Session, event_ids: list[str]) -> dict[str, str]:
    if not event_ids:
        return {}
    return dict(s.execute(select(MergedReportRow.event_id, MergedReportRow.merged_id)
                          .where(MergedReportRow.event_id.in_(event_ids))).all())


def events_page(store: Store, f: EventFilter, limit: int, offset: int) -> tuple[int, list[dict]]:
    with _session(store) as s:
        total = s.scalar(select(func.count()).select_from(_matching_ids(f).subquery())) or 0
        rows = s.execute(event_query(f).limit(limit).offset(offset)).all()
        merged = _merged_ids(s, [ev.id for ev, _ in rows])
        return total, [event_item(ev, doc, merged.get(ev.id)) for ev, doc in rows]


def merged_page(store: Store, f: EventFilter, limit: int, offset: int) -> tuple[int, list[dict]]:
    query = merged_query(f)
    with _session(store) as s:
        total = s.scalar(select(func.count()).select_from(
            query.with_only_columns(MergedEventRow.id).order_by(None).subquery())) or 0
        rows = s.scalars(query.limit(limit).offset(offset)).all()
        reports: dict[str, list[str]] = defaultdict(list)
        if rows:
            for mid, eid in s.execute(
                    select(MergedReportRow.merged_id, MergedReportRow.event_id)
                    .where(MergedReportRow.merged_id.in_([r.id for r in rows]))
                    .order_by(MergedReportRow.merged_id, MergedReportRow.position)):
                reports[mid].append(eid)
        return total, [merged_item(r, reports[r.id]) for r in rows]


def evidence(store: Store, event_ids: list[str]) -> dict[str, list[dict]]:
    """event id → its evidence spans ([start, end) offsets into the document text), in the
    order the record lists them. Spans come from the machine record: corrections change
    values, not where the text supports them."""
    out: dict[str, list[dict]] = {i: [] for i in event_ids}
    if not event_ids:
        return out
    with _session(store) as s:
        for r in s.scalars(select(EvidenceRow).where(EvidenceRow.event_id.in_(event_ids))
                           .order_by(EvidenceRow.id)):
            out[r.event_id].append({"field": r.field, "start": r.start, "end": r.end,
                                    "text": r.text})
    return out


def merged_of(store: Store, event_id: str) -> str | None:
    with _session(store) as s:
        return s.scalar(select(MergedReportRow.merged_id)
                        .where(MergedReportRow.event_id == event_id))


def merged_detail(store: Store, merged_id: str) -> dict | None:
    with _session(store) as s:
        row = s.get(MergedEventRow, merged_id)
        if row is None:
            return None
        reports = members(s, merged_id)
        item = merged_item(row, [r.event.id for r in reports])
    spans = evidence(store, [r.event.id for r in reports])
    item["reports"] = [{
        "event": r.event.model_dump(mode="json"), "document": document_brief(r.document),
        "position": r.position, "score": r.score, "reason": r.reason,
        "evidence": spans[r.event.id],
        "corrections": corrections(store, r.event.id)} for r in reports]
    return item


def corrections(store: Store, event_id: str) -> list[dict]:
    return [{"id": c.id, "field": c.field, "old_value": c.old_value, "new_value": c.new_value,
             "by": c.by, "at": c.at.isoformat()} for c in store.corrections(event_id)]


def document_events(store: Store, doc_id: str) -> list[dict]:
    with _session(store) as s:
        rows = s.execute(event_query(EventFilter(document_id=doc_id))).all()
        merged = _merged_ids(s, [ev.id for ev, _ in rows])
        items = [{"id": ev.id, **{k: _iso(getattr(ev, k)) for k in SUMMARY},
                  "merged_id": merged.get(ev.id)} for ev, _ in rows]
    spans = evidence(store, [i["id"] for i in items])
    for item in items:
        item["evidence"] = spans[item["id"]]
    return items


def actors(store: Store, f: EventFilter) -> list[dict]:
    """Distinct actor names, with how many matching events name them (any role)."""
    query = (select(ActorRow.name, func.count(distinct(ActorRow.event_id)).label("events"),
                    func.min(ActorRow.inter).label("inter"))
             .where(ActorRow.event_id.in_(_matching_ids(f)))
             .group_by(ActorRow.name).order_by(func.count(distinct(ActorRow.event_id)).desc(),
                                               ActorRow.name))
    with _session(store) as s:
        return [{"name": name, "events": n, "inter": inter}
                for name, n, inter in s.execute(query)]


def places(store: Store, f: EventFilter) -> list[dict]:
    """Distinct resolved places (name, admin1, country), with how many matching events name
    them and a representative point."""
    name = func.coalesce(PlaceRow.name, PlaceRow.text)
    count = func.count(distinct(PlaceRow.event_id))
    query = (select(name.label("name"), PlaceRow.country, PlaceRow.admin1, count.label("events"),
                    func.avg(PlaceRow.lat), func.avg(PlaceRow.lon),
                    func.min(PlaceRow.geo_precision))
             .where(PlaceRow.event_id.in_(_matching_ids(f)))
             .group_by(name, PlaceRow.country, PlaceRow.admin1)
             .order_by(count.desc(), name))
    with _session(store) as s:
        return [{"name": n, "country": c, "admin1": a, "events": k, "lat": lat, "lon": lon,
                 "geo_precision": p} for n, c, a, k, lat, lon, p in s.execute(query)]


def daily(store: Store, f: EventFilter, merged: bool) -> list[dict]:
    """Events and fatalities (the conservative best figure) per start day; undated events
    have no day and are left out."""
    if merged:
        matching = merged_query(f).order_by(None)
        query = (select(MergedEventRow.date_start, func.count(MergedEventRow.id),
                        func.coalesce(func.sum(MergedEventRow.fatalities_best), 0))
                 .where(MergedEventRow.id.in_(matching.with_only_columns(MergedEventRow.id)))
                 .where(MergedEventRow.date_start.is_not(None))
                 .group_by(MergedEventRow.date_start).order_by(MergedEventRow.date_start))
    else:
        query = (select(EventRow.date_start, func.count(EventRow.id),
                        func.coalesce(func.sum(EventRow.fatalities_best), 0))
                 .where(EventRow.id.in_(_matching_ids(f)))
                 .where(EventRow.date_start.is_not(None))
                 .group_by(EventRow.date_start).order_by(EventRow.date_start))
    with _session(store) as s:
        return [{"date": _iso(day), "events": n, "fatalities": int(dead)}
                for day, n, dead in s.execute(query)]


def document_row(store: Store, doc_id: str) -> dict | None:
    with _session(store) as s:
        row = s.get(DocumentRow, doc_id)
        if row is None:
            return None
        return {"document": Document.model_validate(row.meta).model_dump(mode="json"),
                "text": row.text, "warnings": list(row.warnings or []),
                "extraction_version": row.extraction_version,
                "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None}




def event_detail(store: Store, event_id: str) -> dict | None:
    with _session(store) as s:
        ev = s.get(EventRow, event_id)
        if ev is None:
            return None
        merged_id = _merged_ids(s, [ev.id]).get(ev.id)
        item = event_item(ev, ev.document, merged_id)
        item["machine_record"] = ev.record
    item["evidence"] = evidence(store, [event_id])[event_id]
    item["corrections"] = corrections(store, event_id)
    return item
