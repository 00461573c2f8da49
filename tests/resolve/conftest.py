"""Gazetteer stores shared by the place and gazetteer tests (never the user data dir)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warlog.resolve.gazetteer import Gazetteer, ensure_default, import_files


@pytest.fixture(scope="session")
def default_db() -> Path:
    # The zero-setup store the top-level conftest points WARLOG_GAZETTEER_DEFAULT at: built
    # once (about 20 s), then reused by every test and every run.
    return ensure_default(Path(os.environ["WARLOG_GAZETTEER_DEFAULT"]))


@pytest.fixture(scope="session")
def sy_db(tmp_path_factory, shared_dir) -> Path:
    path = tmp_path_factory.getbasetemp() / "gazetteer-sy.sqlite"
    if not path.exists():
        g = shared_dir / "data" / "gazetteer"
        import_files([g / "SY.txt", g / "admin1CodesASCII.SY.txt"], path)
    return path


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path, default_db):
    monkeypatch.setenv("WARLOG_GAZETTEER", str(tmp_path / "user" / "gazetteer.sqlite"))
    monkeypatch.setenv("WARLOG_GAZETTEER_DEFAULT", str(default_db))


@pytest.fixture
def sy_gaz(sy_db):
    g = Gazetteer.open(sy_db)
    yield g
    g.close()
