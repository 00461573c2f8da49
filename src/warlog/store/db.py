"""Opening a store: URL resolution, engine setup, migrations on open."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from warlog.errors import WarlogError

DEFAULT_DB = "warlog.db"
ENV_VAR = "WARLOG_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(WarlogError):
    """A store that cannot be opened, migrated or written."""
    code = "W006"


def resolve_url(url_or_path: str | Path | None = None) -> str:
    """``None`` → ``$WARLOG_DB`` or ``./warlog.db``; a path → SQLite; ``postgresql://`` →
    the psycopg 3 driver (SQLAlchemy would otherwise pick psycopg2, which is not installed)."""
    value = url_or_path if url_or_path not in (None, "") else os.environ.get(ENV_VAR) or DEFAULT_DB
    if isinstance(value, Path):
        return f"sqlite:///{value}"
    text = str(value)
    if "://" not in text:
        return f"sqlite:///{text}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    return text


def _fold(value):
    # SQLite's lower() folds ASCII only; "Ménaka" must match "MÉNAKA" in filters.
    return None if value is None else unicodedata.normalize("NFC", str(value)).lower()


def _sqlite_setup(dbapi_conn, _record) -> None:
    dbapi_conn.create_function("lower", 1, _fold, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL lets `datasette warlog.db` read while an ingest writes; every commit is still on
    # disk before the next document starts, which is what kill -9 needs.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def create_store_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL or path: {url!r}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"folder does not exist: {folder}", parsed.database)
    try:
        engine = create_engine(parsed, future=True, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {_safe(parsed)}: {_one_line(exc)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_setup)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision (a no-op when it already is)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    try:
        with engine.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open store {_safe(engine.url)}: {_one_line(exc.orig or exc)}"
                         if hasattr(exc, "orig") else
                         f"cannot open store {_safe(engine.url)}: {_one_line(exc)}") from None


def _safe(url) -> str:
    return url.render_as_string(hide_password=True) if hasattr(url, "render_as_string") else str(url)


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:300]
