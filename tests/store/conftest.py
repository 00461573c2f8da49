"""Store fixtures: every store test runs on SQLite and, when a server answers, PostgreSQL
(each test in its own schema, dropped afterwards)."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# Test modules import these as `import warlog_test_fake` (no packages under importlib mode).
fake = _load("warlog_test_fake", HERE / "_fake.py")


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
