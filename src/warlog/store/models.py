"""The store's tables, as SQLAlchemy 2 ORM models.

The machine record of each event is kept whole as JSON (``events.record``); analyst
corrections live in their own table and the *effective* record (machine + corrections) is
written to ``events.corrected``. The indexed columns and the child tables (places, actors,
speakers) always describe the effective record, so filters, exports and the SQL views show
what the analyst settled on, while the machine output stays untouched for audit and
re-extraction.

The schema is created and changed only by the Alembic migrations in ``migrations/``; a test
checks these models and the migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        String, Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep SQLite and PostgreSQL migrations identical and let later
# revisions drop constraints by name.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of normalised text
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    path: Mapped[str | None] = mapped_column(Text)
    # The full Document record, so fields added to the schema later survive a round trip.
    meta: Mapped[dict] = mapped_column("metadata", JSON)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    extraction_version: Mapped[str] = mapped_column(String(32), index=True)
    warlog_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_count: Mapped[int] = mapped_column(Integer, default=0)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventRow.idx")


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(96), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict] = mapped_column(JSON)  # machine output, never edited
    corrected: Mapped[dict | None] = mapped_column(JSON)  # effective record when corrected
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64), index=True)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(Text, index=True)
    actor2: Mapped[str | None] = mapped_column(Text, index=True)
    interaction: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    certainty: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    places: Mapped[list[PlaceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PlaceRow.position")
    actors: Mapped[list[ActorRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ActorRow.position")
    speakers: Mapped[list[SpeakerRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SpeakerRow.position")
    evidence: Mapped[list[EvidenceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceRow.id")

    __table_args__ = (Index("ix_events_lat_lon", "lat", "lon"),)


class _EventChild:
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer)


class PlaceRow(_EventChild, Base):
    __tablename__ = "places"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    text: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text, index=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    geo_precision: Mapped[int | None] = mapped_column(Integer)


class ActorRow(_EventChild, Base):
    __tablename__ = "actors"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    inter: Mapped[int | None] = mapped_column(Integer)


class SpeakerRow(_EventChild, Base):
    __tablename__ = "speakers"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    speaker: Mapped[str] = mapped_column(Text, index=True)
    affiliation: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    field: Mapped[str] = mapped_column(String(64))  # "event", "date", "locations[0]"…
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)  # the span itself, for reading in SQL


class CorrectionRow(Base):
    """One analyst edit. No foreign key to events: re-extraction deletes and rewrites event
    rows, and corrections must outlive that to be re-applied."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(96), index=True)
    document_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column("by_name", Text)
    at: Mapped[datetime] = mapped_column("corrected_at", DateTime(timezone=True))
    # The machine event's evidence spans when corrected: if indices shift after
    # re-extraction, the correction follows the event whose evidence overlaps these.
    anchor: Mapped[list] = mapped_column(JSON, default=list)


class MergedEventRow(Base):
    """One happening, as several reports told it (``warlog.merge``). The summary columns come
    from the representative report; the figures are reconciled across all of them."""

    __tablename__ = "merged_events"

    id: Mapped[str] = mapped_column(String(112), primary_key=True)  # "m-" + founding report id
    representative_id: Mapped[str | None] = mapped_column(String(96))
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64))
    # The union of the members' date windows: what a new report's window is matched against.
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text, index=True)
    location: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    # Every report's figure with its qualifier, party, source and outlet.
    figures: Mapped[list] = mapped_column(JSON, default=list)


class MergedReportRow(Base):
    """A report's place in a merged event, and why it was put there."""

    __tablename__ = "merged_event_reports"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    merged_id: Mapped[str] = mapped_column(ForeignKey("merged_events.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int] = mapped_column(Integer)  # join order inside the merged event
    score: Mapped[float | None] = mapped_column(Float)
    # [{"signal": "date", "score": 1.0, "why": "same day 2019-06-06"}, …]
    reason: Mapped[list] = mapped_column(JSON, default=list)
    # The compact report merging compares (warlog.merge.Report), so matching reads no events.
    features: Mapped[dict] = mapped_column(JSON)
