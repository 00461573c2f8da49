"""``warlog export`` against a fake store (the real one is built separately)."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from warlog.cli.export import export_command
from warlog.export import COLUMNS


@dataclass
class FakeFilter:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    actor: str | None = None
    bbox: tuple | None = None
    text: str | None = None


@pytest.fixture
def fake_store(monkeypatch, rows):
    calls: dict = {}

    class FakeStore:
        @classmethod
        def open(cls, db):
            calls["db"] = db
            return cls()

        def events(self, flt):
            calls["filter"] = flt
            return iter(rows)

        def close(self):
            calls["closed"] = True

    module = types.ModuleType("warlog.store")
    module.Store, module.EventFilter = FakeStore, FakeFilter
    monkeypatch.setitem(sys.modules, "warlog.store", module)
    return calls


@pytest.fixture
def run():
    app = typer.Typer()
    app.command("export")(export_command)
    app.command("other")(lambda: None)  # keeps "export" a subcommand, as in the real CLI
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["export", *args])


def test_acled_csv_with_filters(fake_store, run, tmp_path):
    out = tmp_path / "x.csv"
    res = run("--format", "acled-csv", "-o", str(out), "--db", "events.sqlite",
              "--since", "2019-01-01", "--until", "2019-12-31", "--country", "Syria",
              "--admin1", "Hama", "--type", "Battles", "--actor", "Hayat Tahrir al-Sham",
              "--bbox", "35,34,38,36.5", "--text", "Hama")
    assert res.exit_code == 0, res.output
    assert "wrote 3 events" in res.output
    assert list(pd.read_csv(out).columns) == list(COLUMNS)
    flt = fake_store["filter"]
    assert fake_store["db"] == "events.sqlite" and fake_store["closed"]
    assert (flt.since, flt.until) == (date(2019, 1, 1), date(2019, 12, 31))
    assert (flt.country, flt.admin1, flt.type) == ("SY", "Hama", "battles")
    assert flt.actor == "Hayat Tahrir al-Sham" and flt.text == "Hama"
    assert flt.bbox == (35.0, 34.0, 38.0, 36.5)


def test_geojson_reports_skipped(fake_store, run, tmp_path):
    out = tmp_path / "x.geojson"
    res = run("--format", "geojson", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "wrote 2 features" in res.output and "2 events without coordinates" in res.output
    assert json.loads(out.read_text())["type"] == "FeatureCollection"


def test_parquet_and_jsonl(fake_store, run, tmp_path):
    assert run("--format", "parquet", "-o", str(tmp_path / "x.parquet")).exit_code == 0
    assert pq.read_table(tmp_path / "x.parquet").num_rows == 3
    res = run("--format", "jsonl")
    assert res.exit_code == 0
    lines = [line for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 3


@pytest.mark.parametrize("args, message", [
    (["--format", "parquet"], "-o"),
    (["--format", "jsonl", "--since", "06/06/2019"], "YYYY-MM-DD"),
    (["--format", "jsonl", "--bbox", "1,2,3"], "MIN_LON"),
    (["--format", "jsonl", "--since", "2020-01-01", "--until", "2019-01-01"], "after"),
    (["--format", "xml"], "xml"),
])
def test_bad_arguments(fake_store, run, args, message):
    res = run(*args)
    assert res.exit_code != 0
    assert message in res.output
