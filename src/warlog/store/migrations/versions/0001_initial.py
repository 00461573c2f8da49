"""Initial schema: documents, events and their parts, corrections, readable views.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _child(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(96),
                  sa.ForeignKey("events.id", ondelete="CASCADE",
                                name=f"fk_{name}_event_id_events"), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_event_id", name, ["event_id"])


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("published", sa.Date),
        sa.Column("path", sa.Text),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("extraction_version", sa.String(32), nullable=False),
        sa.Column("warlog_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("event_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_extraction_version", "documents", ["extraction_version"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(96), nullable=False),
        sa.Column("document_id", sa.String(64),
                  sa.ForeignKey("documents.id", ondelete="CASCADE",
                                name="fk_events_document_id_documents"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("corrected", sa.JSON),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.Integer),
        sa.Column("location", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("interaction", sa.Integer),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("certainty", sa.String(16)),
        sa.Column("notes", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for column in ("document_id", "event_type", "sub_event_type", "date_start", "date_end",
                   "country", "admin1", "actor1", "actor2"):
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])

    _child("places",
           sa.Column("text", sa.Text), sa.Column("name", sa.Text),
           sa.Column("geonames_id", sa.Integer), sa.Column("lat", sa.Float),
           sa.Column("lon", sa.Float), sa.Column("country", sa.String(8)),
           sa.Column("admin1", sa.Text), sa.Column("admin2", sa.Text),
           sa.Column("geo_precision", sa.Integer))
    op.create_index("ix_places_name", "places", ["name"])
    _child("actors",
           sa.Column("role", sa.String(16), nullable=False),
           sa.Column("name", sa.Text, nullable=False), sa.Column("text", sa.Text),
           sa.Column("inter", sa.Integer))
    op.create_index("ix_actors_name", "actors", ["name"])
    _child("speakers",
           sa.Column("speaker", sa.Text, nullable=False), sa.Column("affiliation", sa.Text),
           sa.Column("cue", sa.Text), sa.Column("text", sa.Text))
    op.create_index("ix_speakers_speaker", "speakers", ["speaker"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(96),
                  sa.ForeignKey("events.id", ondelete="CASCADE",
                                name="fk_evidence_event_id_events"), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(96), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text, nullable=False),
        sa.Column("by_name", sa.Text, nullable=False),
        sa.Column("corrected_at", TZ, nullable=False),
        sa.Column("anchor", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])
    op.create_index("ix_corrections_document_id", "corrections", ["document_id"])

    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table in ("corrections", "evidence", "speakers", "actors", "places", "events",
                  "documents"):
        op.drop_table(table)


# Plain SQL that SQLite and PostgreSQL both accept, so `datasette warlog.db` (or psql) shows
# readable tables without knowing the schema. Frozen here: later changes need a new revision.
VIEWS = {
    "event_list": """
        SELECT e.id AS event_id, e.date_start, e.date_end, e.date_precision,
               e.event_type, e.sub_event_type, e.country, e.admin1, e.location,
               e.lat, e.lon, e.geo_precision, e.actor1, e.actor2, e.interaction,
               e.fatalities_best AS fatalities, e.certainty, e.notes,
               CASE WHEN e.corrected IS NULL THEN 0 ELSE 1 END AS corrected,
               d.title, d.outlet, d.url, d.published, e.document_id
        FROM events e JOIN documents d ON d.id = e.document_id""",
    "event_actors": """
        SELECT a.event_id, a.role, a.name, a.inter, a.text AS mention,
               e.date_start, e.event_type, e.sub_event_type, e.country, e.admin1
        FROM actors a JOIN events e ON e.id = a.event_id""",
    "event_places": """
        SELECT p.event_id, p.position, p.name, p.text AS mention, p.lat, p.lon, p.country,
               p.admin1, p.admin2, p.geo_precision, p.geonames_id,
               e.date_start, e.event_type
        FROM places p JOIN events e ON e.id = p.event_id""",
    "event_sources": """
        SELECT s.event_id, s.speaker, s.affiliation, s.cue, s.text AS quote,
               e.certainty, d.outlet, d.title, d.url, d.published, e.document_id
        FROM speakers s JOIN events e ON e.id = s.event_id
        JOIN documents d ON d.id = e.document_id""",
    "event_evidence": """
        SELECT v.event_id, v.field, v.start, v."end", v.text
        FROM evidence v""",
    "event_corrections": """
        SELECT c.event_id, c.field, c.old_value, c.new_value, c.by_name AS corrected_by,
               c.corrected_at, c.document_id
        FROM corrections c""",
    "document_list": """
        SELECT d.id AS document_id, d.title, d.outlet, d.url, d.published, d.language,
               d.path, d.event_count AS events, d.extraction_version, d.warlog_version,
               d.ingested_at
        FROM documents d""",
}
