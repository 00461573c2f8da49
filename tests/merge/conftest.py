"""Merge fixtures: the store fixtures of tests/testkit/stores.py (SQLite, and PostgreSQL when
a server answers). The hand-built event reports are tests/testkit/reports.py."""

from testkit.stores import pg_admin, pg_url, store, store_url  # noqa: F401
