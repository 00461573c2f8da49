"""Store fixtures: every store test runs on SQLite and, when a server answers, PostgreSQL
(each test in its own schema, dropped afterwards). A conftest imports the ones it needs."""

from __future__ import annotations

import uuid

import pytest

from testkit import fake

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_admin():
    try:
        import psycopg

        return psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3,
                               autocommit=True)
    except Exception as exc:  # any failure means "no usable server"
        return exc


@pytest.fixture(scope="session")
def pg_admin():
    conn = _pg_admin()
    if isinstance(conn, Exception):
        pytest.skip(f"no PostgreSQL server at {PG_URL} ({' '.join(str(conn).split())[:120]})")
    yield conn
    conn.close()


@pytest.fixture
def pg_url(pg_admin):
    schema = f"warlog_test_{uuid.uuid4().hex[:12]}"
    pg_admin.execute(f'CREATE SCHEMA "{schema}"')
    # libpq's options put every unqualified name (tables, views, alembic_version) in the
    # test's own schema.
    yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    pg_admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "warlog.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    from warlog.store import Store

    s = Store.open(store_url)
    yield s
    s.close()


@pytest.fixture
def fake_extractor(monkeypatch):
    import warlog.pipeline

    monkeypatch.setattr(warlog.pipeline, "Extractor", fake.FakeExtractor)
    return fake.FakeExtractor
