"""The :class:`Store`: documents and their events in SQLite or PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from warlog import __version__
from warlog.schema import Document, Event, ProcessedDocument
from warlog.store import corrections as corr
from warlog.store import merged as merged_store
from warlog.store.corrections import Correction, CorrectionError
from warlog.store.db import StoreError, create_store_engine, migrate, resolve_url
from warlog.store.models import (CorrectionRow, DocumentRow, EventRow, MergedEventRow,
                                 MergedReportRow)
from warlog.store.queries import EventFilter, event_query
from warlog.store.records import (all_spans, child_rows, fill_row, group_by,
                                  summary_columns)

# Bump when a pipeline change alters what extraction produces, so `warlog ingest --reextract`
# knows which stored documents are stale. Compared part by part as numbers ("1.10" > "1.9").
EXTRACTION_VERSION = "1"


def version_key(version: str | None) -> tuple:
    if not version:
        return ()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.+-]", version))


def is_older(version: str | None, than: str) -> bool:
    return version_key(version) < version_key(than)


class Store:
    """Open with :meth:`open`; every write is its own transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url_or_path: str | Path | None = None) -> Store:
        """``None`` → ``$WARLOG_DB`` or ``./warlog.db``. Migrates the schema to the latest
        revision. Raises :class:`StoreError` (one line) when the store cannot be used."""
        engine = create_store_engine(resolve_url(url_or_path))
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read(self) -> Session:
        return self._sessions()

    # -- documents ---------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self._read() as s:
            return s.scalar(select(DocumentRow.id).where(DocumentRow.id == doc_id)) is not None

    def extraction_version(self, doc_id: str) -> str | None:
        """The extraction version a stored document was processed with (None: not stored)."""
        with self._read() as s:
            return s.scalar(select(DocumentRow.extraction_version)
                            .where(DocumentRow.id == doc_id))

    def add(self, processed: ProcessedDocument, text: str, extraction_version: str) -> None:
        """Store one processed document in one transaction, replacing the events of an earlier
        extraction of the same text and re-applying the analyst's corrections to the new ones."""
        doc = processed.document
        try:
            with self._sessions.begin() as s:
                exists = s.scalar(select(DocumentRow.id).where(DocumentRow.id == doc.id))
                stale_merged: set[str] = set()
                if exists:
                    stale_merged = merged_store.touched_by_document(s, doc.id)
                    # The children go by ON DELETE CASCADE, in one statement.
                    s.execute(delete(EventRow).where(EventRow.document_id == doc.id))
                values = dict(
                    text=text, title=doc.title, url=doc.url, outlet=doc.outlet,
                    language=doc.language, published=doc.published, path=doc.file,
                    meta=doc.model_dump(mode="json"), warnings=list(processed.warnings),
                    extraction_version=extraction_version, warlog_version=__version__,
                    ingested_at=datetime.now(timezone.utc), event_count=len(processed.events))
                values["metadata"] = values.pop("meta")
                table = DocumentRow.__table__
                if exists:
                    s.execute(update(table).where(table.c.id == doc.id).values(**values))
                else:
                    s.execute(insert(table).values(id=doc.id, **values))
                changes = self._rebind(s, doc.id, processed.events)
                # Core executemany inserts: an ORM object per row made ingest 3× slower.
                events, children, effectives = [], {}, []
                for idx, event in enumerate(processed.events):
                    rows = changes.get(event.id, [])
                    effective = (corr.apply(event, [(c.field, c.new_value) for c in rows])
                                 if rows else event)
                    effectives.append(effective)
                    events.append(dict(
                        id=event.id, document_id=doc.id, idx=idx,
                        record=event.model_dump(mode="json"),
                        corrected=effective.model_dump(mode="json") if rows else None,
                        **summary_columns(effective)))
                    for model, items in child_rows(effective, event, text).items():
                        children.setdefault(model, []).extend(
                            dict(item, event_id=event.id) for item in items)
                if events:
                    s.execute(insert(EventRow.__table__), events)
                for model, items in children.items():
                    if items:
                        s.execute(insert(model.__table__), items)
                # The replaced reports left their merged events (ON DELETE CASCADE); settle
                # those before the new reports look for a merged event to join.
                merged_store.refresh(s, stale_merged)
                merged_store.assign(s, doc, effectives, replacing=bool(exists))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document: {_one_line(exc)}", doc.file) from None

    @staticmethod
    def _rebind(s: Session, doc_id: str, events: list[Event]) -> dict[str, list[CorrectionRow]]:
        rows = s.scalars(select(CorrectionRow).where(CorrectionRow.document_id == doc_id)
                         .order_by(CorrectionRow.id)).all()
        out: dict[str, list[CorrectionRow]] = {}
        for event_id, group in group_by(rows, lambda r: r.event_id).items():
            target = corr.pick_target(events, event_id, group[0].anchor)
            if target is None:
                continue  # kept, unbound: listed by orphaned_corrections()
            for r in group:
                r.event_id = target.id
            out.setdefault(target.id, []).extend(group)
        for group in out.values():
            group.sort(key=lambda r: r.id)
        return out

    def documents(self, *, older_than: str | None = None) -> Iterator[Document]:
        """Stored documents by id; ``older_than``: only those extracted by an older version."""
        with self._read() as s:
            for row in s.execute(select(DocumentRow.meta, DocumentRow.extraction_version)
                                 .order_by(DocumentRow.id)).yield_per(500):
                if older_than is None or is_older(row.extraction_version, older_than):
                    yield Document.model_validate(row.meta)

    def document(self, doc_id: str) -> tuple[Document, str] | None:
        with self._read() as s:
            row = s.get(DocumentRow, doc_id)
            return None if row is None else (Document.model_validate(row.meta), row.text)

    def count(self) -> tuple[int, int]:
        """(documents, events)."""
        with self._read() as s:
            return (s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                    s.scalar(select(func.count()).select_from(EventRow)) or 0)

    # -- events ------------------------------------------------------------------------------

    def events(self, f: EventFilter | None = None) -> Iterator[tuple[Document, Event]]:
        """Matching events, corrections applied, by date (undated last) then document order."""
        docs: dict[str, Document] = {}
        with self._read() as s:
            for ev, doc in s.execute(event_query(f)).yield_per(500):
                if doc.id not in docs:
                    docs.clear()  # rows come grouped enough; keep memory flat
                    docs[doc.id] = Document.model_validate(doc.meta)
                yield docs[doc.id], Event.model_validate(ev.corrected or ev.record)

    def event(self, event_id: str) -> tuple[Document, Event] | None:
        with self._read() as s:
            ev = s.get(EventRow, event_id)
            if ev is None:
                return None
            return (Document.model_validate(ev.document.meta),
                    Event.model_validate(ev.corrected or ev.record))

    def machine_event(self, event_id: str) -> Event | None:
        """The event as extracted, without corrections."""
        with self._read() as s:
            ev = s.get(EventRow, event_id)
            return None if ev is None else Event.model_validate(ev.record)

    # -- merged events -----------------------------------------------------------------------

    def merged_events(self, f: EventFilter | None = None, *,
                      with_reports: bool = False) -> Iterator[merged_store.MergedEvent]:
        """Merged events with at least one report matching ``f``, by date (undated last)."""
        with self._read() as s:
            yield from merged_store.load(s, f, with_reports)

    def merged_event(self, merged_or_report_id: str) -> merged_store.MergedEvent | None:
        """A merged event with its reports, by its own id or by the id of one of its reports."""
        with self._read() as s:
            row = s.get(MergedEventRow, merged_or_report_id)
            if row is None:
                link = s.get(MergedReportRow, merged_or_report_id)
                row = None if link is None else s.get(MergedEventRow, link.merged_id)
            if row is None:
                return None
            m = merged_store.MergedEvent.from_row(row)
            m.reports = merged_store.members(s, m.id)
            return m

    def merged_rows(self, f: EventFilter | None = None) -> Iterator[tuple[Document, Event]]:
        """One representative (Document, Event) per merged event, for the export writers: the
        best-described report, carrying the reconciled conservative toll and every source."""
        from warlog.merge import Reconciled
        from warlog.merge.represent import representative_pair

        for m in self.merged_events(f, with_reports=True):
            rec = Reconciled(m.fatalities_low, m.fatalities_best, m.fatalities_high,
                             m.fatalities_low != m.fatalities_high, m.figures)
            yield representative_pair(m.id, [(r.document, r.event) for r in m.reports],
                                      m.representative_id, rec)

    def rebuild_merged(self, progress=lambda done, total: None) -> tuple[int, int]:
        """Cluster every stored report again (after actor-registry or gazetteer changes), in
        one transaction. Returns (reports, merged events)."""
        try:
            with self._sessions.begin() as s:
                return merged_store.rebuild(s, progress)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot rebuild merged events: {_one_line(exc)}") from None

    # -- corrections -------------------------------------------------------------------------

    def correct(self, event_id: str, field: str, value: str, by: str) -> None:
        self.correct_many(event_id, [(field, value)], by)

    def correct_many(self, event_id: str, changes: list[tuple[str, str]],
                     by: str) -> list[Correction]:
        """Apply several ``(field, value)`` corrections together (an event_type and its
        sub_event_type must change at once). Raises :class:`CorrectionError` on bad input."""
        by = (by or "").strip()
        if not by:
            raise CorrectionError("say who makes the correction (--by NAME)")
        if not changes:
            raise CorrectionError("nothing to correct: give FIELD=VALUE")
        normalised = [(f, corr.normalise(f, v)) for f, v in changes]
        now = datetime.now(timezone.utc)
        with self._sessions.begin() as s:
            ev = s.get(EventRow, event_id)
            if ev is None:
                raise CorrectionError(f"no event {event_id!r} in the store")
            machine = Event.model_validate(ev.record)
            current = Event.model_validate(ev.corrected or ev.record)
            new_rows = []
            for field, value in normalised:
                old = corr.current_value(current, field)
                current = corr.apply(current, [(field, value)])
                new_rows.append(CorrectionRow(
                    event_id=event_id, document_id=ev.document_id, field=field,
                    old_value=old, new_value=value, by=by, at=now, anchor=all_spans(machine)))
            corr.check(current, {f for f, _ in normalised})
            s.add_all(new_rows)
            s.flush()
            history = s.scalars(select(CorrectionRow).where(CorrectionRow.event_id == event_id)
                                .order_by(CorrectionRow.id)).all()
            effective = corr.apply(machine, [(c.field, c.new_value) for c in history])
            ev.corrected = effective.model_dump(mode="json")
            fill_row(ev, effective, machine, ev.document.text)
            s.flush()
            merged_store.update_report(s, Document.model_validate(ev.document.meta), effective)
            return [_correction(r) for r in new_rows]

    def corrections(self, event_id: str) -> list[Correction]:
        """Every correction made to the event, oldest first (the history)."""
        with self._read() as s:
            rows = s.scalars(select(CorrectionRow).where(CorrectionRow.event_id == event_id)
                             .order_by(CorrectionRow.id))
            return [_correction(r) for r in rows]

    def corrected_fields(self) -> dict[str, set[str]]:
        """event id → fields an analyst corrected (for marking them in listings)."""
        out: dict[str, set[str]] = {}
        with self._read() as s:
            for event_id, field in s.execute(select(CorrectionRow.event_id, CorrectionRow.field)):
                out.setdefault(event_id, set()).add(field)
        return out

    def orphaned_corrections(self) -> list[Correction]:
        """Corrections whose event no longer exists after a re-extraction."""
        with self._read() as s:
            rows = s.scalars(select(CorrectionRow)
                             .where(~select(EventRow.id).where(EventRow.id == CorrectionRow.event_id)
                                    .exists())
                             .order_by(CorrectionRow.id))
            return [_correction(r) for r in rows]


def _correction(r: CorrectionRow) -> Correction:
    return Correction(id=r.id, event_id=r.event_id, field=r.field, old_value=r.old_value,
                      new_value=r.new_value, by=r.by, at=r.at)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
