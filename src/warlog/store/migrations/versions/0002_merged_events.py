"""Merged events: reports of one happening grouped across documents, with link reasons.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merged_events",
        sa.Column("id", sa.String(112), nullable=False),
        sa.Column("representative_id", sa.String(96)),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.Integer),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_merged_events"),
    )
    for column in ("event_type", "date_start", "date_end", "country", "admin1"):
        op.create_index(f"ix_merged_events_{column}", "merged_events", [column])

    op.create_table(
        "merged_event_reports",
        sa.Column("event_id", sa.String(96),
                  sa.ForeignKey("events.id", ondelete="CASCADE",
                                name="fk_merged_event_reports_event_id_events"), nullable=False),
        sa.Column("merged_id", sa.String(112),
                  sa.ForeignKey("merged_events.id", ondelete="CASCADE",
                                name="fk_merged_event_reports_merged_id_merged_events"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("reason", sa.JSON, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_merged_event_reports"),
    )
    op.create_index("ix_merged_event_reports_merged_id", "merged_event_reports", ["merged_id"])

    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("merged_event_reports")
    op.drop_table("merged_events")


# Readable rows for datasette / psql, as in 0001. Frozen: later changes need a new revision.
VIEWS = {
    "merged_event_list": """
        SELECT m.id AS merged_id, m.date_start, m.date_end, m.event_type, m.sub_event_type,
               m.country, m.admin1, m.location, m.lat, m.lon, m.actor1, m.actor2,
               m.report_count AS reports, m.fatalities_low, m.fatalities_best,
               m.fatalities_high, m.representative_id
        FROM merged_events m""",
    "merged_event_links": """
        SELECT r.merged_id, r.event_id, r.position, r.score, r.reason,
               e.document_id, d.outlet, d.title, d.published, e.date_start, e.location,
               e.actor1, e.actor2, e.fatalities_best AS fatalities
        FROM merged_event_reports r JOIN events e ON e.id = r.event_id
        JOIN documents d ON d.id = e.document_id""",
}
