"""Merged events in the store: incremental assignment inside ``Store.add``, refreshing a merged
event's summary and figures, the full rebuild, and the queries behind ``--merged``.

The decisions themselves live in :mod:`warlog.merge`; this module only moves rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from warlog.merge import Cluster, Merger, Report, choose, merged_id, reconcile, representative
from warlog.merge.cluster import days, founder_reason
from warlog.schema import Document, Event
from warlog.store.models import DocumentRow, EventRow, MergedEventRow, MergedReportRow
from warlog.store.queries import EventFilter, event_query

M = MergedEventRow.__table__
L = MergedReportRow.__table__


@dataclass
class MergedReport:
    document: Document
    event: Event
    position: int
    score: float | None
    reason: list[dict]


@dataclass
class MergedEvent:
    id: str
    representative_id: str | None
    event_type: str
    sub_event_type: str
    date_start: date | None
    date_end: date | None
    country: str | None
    admin1: str | None
    location: str | None
    actor1: str | None
    actor2: str | None
    report_count: int
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    figures: list[dict]
    reports: list[MergedReport] = field(default_factory=list)

    @classmethod
    def from_row(cls, row) -> MergedEvent:
        return cls(**{k: getattr(row, k) for k in (
            "id", "representative_id", "event_type", "sub_event_type", "date_start", "date_end",
            "country", "admin1", "location", "actor1", "actor2", "report_count",
            "fatalities_low", "fatalities_best", "fatalities_high", "figures")})


# -- writing -----------------------------------------------------------------------------------

def touched_by_document(s: Session, doc_id: str) -> set[str]:
    """Merged events holding a report of this document (read before its events are replaced)."""
    return set(s.scalars(select(MergedReportRow.merged_id)
                         .join(EventRow, EventRow.id == MergedReportRow.event_id)
                         .where(EventRow.document_id == doc_id)))


def _candidates(s: Session, reports: list[Report]) -> tuple[dict[str, Cluster], dict[str, int]]:
    """Every merged event any of a document's reports could join, with its members: one
    query for the ids, one for the members, whatever the number of reports."""
    spans = [d for r in reports for d in days(r)]
    if not spans:
        return {}, {}
    # A member's loose date reaches one day before its stored window.
    lo, hi = min(spans) - timedelta(days=1), max(spans) + timedelta(days=1)
    query = select(MergedEventRow.id).where(MergedEventRow.date_start <= hi,
                                            MergedEventRow.date_end >= lo)
    countries = {r.country for r in reports}
    if None not in countries:
        query = query.where(MergedEventRow.country.in_(sorted(countries))
                            | MergedEventRow.country.is_(None))
    ids = list(s.scalars(query.order_by(MergedEventRow.id)))
    if not ids:
        return {}, {}
    clusters: dict[str, Cluster] = {i: Cluster(i) for i in ids}
    last: dict[str, int] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for mid, features, position in s.execute(
                select(MergedReportRow.merged_id, MergedReportRow.features,
                       MergedReportRow.position)
                .where(MergedReportRow.merged_id.in_(part))
                .order_by(MergedReportRow.merged_id, MergedReportRow.position)):
            clusters[mid].members.append(Report.from_json(features))
            last[mid] = position
    return clusters, last


def assign(s: Session, doc: Document, events: list[Event], replacing: bool = True) -> set[str]:
    """Put each of a document's (effective) event reports into a merged event, in order.

    Reports of one document never join each other (see :func:`warlog.merge.compare`), so
    the candidates are read once for the whole document. ``replacing=False`` (a document
    never stored before) skips looking for merged ids its reports founded earlier."""
    reports = [Report.from_event(doc, e) for e in events if e.id]
    if not reports:
        return set()
    clusters, last = _candidates(s, reports)
    taken: set[str] = set()
    if replacing:
        taken = set(s.scalars(select(MergedEventRow.id).where(or_(
            *(MergedEventRow.id.startswith(f"m-{r.id}", autoescape=True) for r in reports)))))
    new: dict[str, Cluster] = {}
    links: list[dict] = []
    for report in reports:
        decision = choose(report, list(clusters.values()))
        if decision.cluster_id is None:
            mid = merged_id(report.id, taken)
            taken.add(mid)
            cluster = clusters[mid] = new[mid] = Cluster(mid)
            reason = founder_reason(decision)
        else:
            cluster, reason = clusters[decision.cluster_id], decision.reason
        links.append(dict(event_id=report.id, merged_id=cluster.id, position=None,
                          score=decision.score, reason=reason, features=report.to_json()))
        cluster.members.append(report)
    touched = {link["merged_id"] for link in links}
    if new:
        s.execute(insert(M), [dict(id=c.id, **summary(c.members)) for c in new.values()])
    for link in links:
        n = last.get(link["merged_id"], -1) + 1
        last[link["merged_id"]] = link["position"] = n
    s.execute(insert(L), links)
    old = sorted(touched - set(new))
    if old:
        s.execute(update(M).where(M.c.id == bindparam("mid")),
                  [dict(mid=mid, **summary(clusters[mid].members)) for mid in old])
    return touched


def summary(members: list[Report]) -> dict:
    rec = reconcile(members)
    rep = representative(members)
    windows = [m.window for m in members if m.window]
    place = next((p for p in rep.places), None)
    return dict(
        representative_id=rep.id, event_type=rep.event_type, sub_event_type=rep.sub_event_type,
        date_start=min((w[0] for w in windows), default=None),
        date_end=max((w[1] for w in windows), default=None),
        date_precision=rep.precision,
        country=next((m.country for m in [rep, *members] if m.country), None),
        admin1=place.admin1 if place else None, location=place.name if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        actor1=rep.side1[0] if rep.side1 else None, actor2=rep.side2[0] if rep.side2 else None,
        report_count=len(members), fatalities_low=rec.low, fatalities_best=rec.best,
        fatalities_high=rec.high, figures=rec.figures)


def refresh(s: Session, merged_ids: set[str]) -> None:
    """Recompute the summary and figures of these merged events; drop those left empty."""
    for mid in sorted(merged_ids):
        members = [Report.from_json(f) for f in s.scalars(
            select(MergedReportRow.features).where(MergedReportRow.merged_id == mid)
            .order_by(MergedReportRow.position))]
        if not members:
            s.execute(delete(M).where(M.c.id == mid))
        else:
            s.execute(update(M).where(M.c.id == mid).values(**summary(members)))


def update_report(s: Session, doc: Document, event: Event) -> None:
    """After a correction: the report's features follow the effective record. The report
    stays in its merged event until ``warlog merge --rebuild``."""
    mid = s.scalar(select(MergedReportRow.merged_id).where(MergedReportRow.event_id == event.id))
    if mid is None:
        return
    s.execute(update(L).where(L.c.event_id == event.id)
              .values(features=Report.from_event(doc, event).to_json()))
    refresh(s, {mid})


def rebuild(s: Session, progress: Callable[[int, int], None] = lambda done, total: None,
            merger: Merger | None = None) -> tuple[int, int]:
    """Forget every merged event and cluster all reports again, in ingestion order (documents
    by ingestion time, events in document order), as ``Store.add`` met them. Returns
    (reports, merged events)."""
    s.execute(delete(L))
    s.execute(delete(M))
    total = s.scalar(select(func.count()).select_from(EventRow)) or 0
    merger = merger or Merger()
    docs: dict[str, Document] = {}
    order = (select(EventRow.record, EventRow.corrected, DocumentRow.id, DocumentRow.meta)
             .join(DocumentRow, DocumentRow.id == EventRow.document_id)
             .order_by(DocumentRow.ingested_at, DocumentRow.id, EventRow.idx))
    links: list[dict] = []
    done = 0
    for record, corrected, doc_id, meta in s.execute(order).yield_per(1000):
        if doc_id not in docs:
            docs.clear()
            docs[doc_id] = Document.model_validate(meta)
        report = Report.from_event(docs[doc_id], Event.model_validate(corrected or record))
        decision = merger.add(report)
        links.append(dict(event_id=report.id, merged_id=decision.cluster_id,
                          position=len(merger.clusters[decision.cluster_id].members) - 1,
                          score=decision.score, reason=decision.reason,
                          features=report.to_json()))
        done += 1
        if done % 200 == 0 or done == total:
            progress(done, total)
    rows = [dict(id=c.id, **summary(c.members)) for c in merger.clusters.values()]
    for i in range(0, len(rows), 1000):
        s.execute(insert(M), rows[i:i + 1000])
    for i in range(0, len(links), 1000):
        s.execute(insert(L), links[i:i + 1000])
    progress(done, total)
    return len(links), len(rows)


# -- reading -----------------------------------------------------------------------------------

def merged_query(f: EventFilter | None):
    """Merged events with at least one report matching the filter, by date (undated last)."""
    query = select(MergedEventRow)
    if f is not None and f != EventFilter():
        matching = event_query(f).with_only_columns(EventRow.id).order_by(None)
        query = query.where(MergedEventRow.id.in_(
            select(MergedReportRow.merged_id).where(MergedReportRow.event_id.in_(matching))))
    return query.order_by(MergedEventRow.date_start.is_(None), MergedEventRow.date_start,
                          MergedEventRow.id)


def members(s: Session, mid: str) -> list[MergedReport]:
    out = []
    for link, ev, doc in s.execute(
            select(MergedReportRow, EventRow, DocumentRow)
            .join(EventRow, EventRow.id == MergedReportRow.event_id)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(MergedReportRow.merged_id == mid).order_by(MergedReportRow.position)):
        out.append(MergedReport(Document.model_validate(doc.meta),
                                Event.model_validate(ev.corrected or ev.record),
                                link.position, link.score, list(link.reason)))
    return out


def load(s: Session, f: EventFilter | None, with_reports: bool) -> Iterator[MergedEvent]:
    for row in s.scalars(merged_query(f)).all():
        m = MergedEvent.from_row(row)
        if with_reports:
            m.reports = members(s, m.id)
        yield m
