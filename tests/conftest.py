"""Shared fixtures. Tests may read ../shared (CI has it); the product never does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from warlog.nlp.pipeline import load

    return load("fr")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED}")
    return SHARED


# Tests never touch the user's gazetteer: the imported store is absent unless a test imports
# one, and the zero-setup default store (built once, ~20 s) is cached in the checkout.
os.environ["WARLOG_GAZETTEER"] = str(ROOT / ".cache" / "tests" / "no-imported-gazetteer.sqlite")
os.environ.setdefault("WARLOG_GAZETTEER_DEFAULT", str(ROOT / ".cache" / "gazetteer-default.sqlite"))


@pytest.fixture(scope="session")
def sy_gazetteer(shared_dir, tmp_path_factory):
    """A gazetteer with the Syrian GeoNames extract imported (villages of the sample)."""
    from warlog.resolve.gazetteer import Gazetteer, import_files

    db = tmp_path_factory.mktemp("gazetteer") / "sy.sqlite"
    folder = shared_dir / "data" / "gazetteer"
    import_files([folder / "SY.txt", folder / "admin1CodesASCII.SY.txt"], db)
    return Gazetteer.open(db)
