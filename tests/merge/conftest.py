"""Merge fixtures: hand-built event reports (fast), and the store fixtures of tests/store
(SQLite, and PostgreSQL when a server answers) re-exported here."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_store = _load("warlog_test_store_conftest", HERE.parent / "store" / "conftest.py")
pg_admin = _store.pg_admin
pg_url = _store.pg_url
store_url = _store.store_url
store = _store.store
reports = _load("warlog_test_merge_reports", HERE / "_reports.py")
