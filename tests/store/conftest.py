"""Store fixtures (tests/testkit/stores.py): SQLite and, when a server answers, PostgreSQL."""

from testkit.stores import fake_extractor, pg_admin, pg_url, store, store_url  # noqa: F401
