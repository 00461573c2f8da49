"""`warlog events --merged`, `warlog event ID`, `warlog merge --rebuild`, `warlog export
--merged`; and a few French reports through the real pipeline."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from typer.testing import CliRunner

from warlog.cli import app
from warlog.store import Store

from testkit import reports as R

runner = CliRunner()


def _db(tmp_path):
    path = str(tmp_path / "warlog.db")
    with Store.open(path) as s:
        for p in R.three_outlets() + R.same_town_two_events():
            s.add(p, "texte", "1")
    return path


def test_cli_events_merged(tmp_path):
    db = _db(tmp_path)
    out = runner.invoke(app, ["events", "--merged", "--db", db, "-f", "json"])
    assert out.exit_code == 0, out.output
    items = json.loads(out.stdout)
    assert sorted(i["reports"] for i in items) == [2, 2, 3]
    syria = next(i for i in items if i["country"] == "SY")
    assert (syria["fatalities_low"], syria["fatalities_best"], syria["fatalities_high"]) == (
        12, 12, 40)
    table = runner.invoke(app, ["events", "--merged", "--db", db, "--country", "ML"])
    assert table.exit_code == 0 and "2 merged events" in table.stderr


def test_cli_event_shows_reports_side_by_side(tmp_path):
    db = _db(tmp_path)
    report_id = R.three_outlets()[2].events[0].id
    out = runner.invoke(app, ["event", report_id, "--db", db], terminal_width=250)
    assert out.exit_code == 0, out.output
    for word in ("AFP", "SANA", "Enab Baladi", "OSDH", "Tall Mil", "merged because"):
        assert word in out.stdout
    missing = runner.invoke(app, ["event", "nope", "--db", db])
    assert missing.exit_code == 1 and "no merged event" in missing.stderr


def test_cli_merge_rebuild_and_export_merged(tmp_path):
    db = _db(tmp_path)
    out = runner.invoke(app, ["merge", "--rebuild", "--db", db])
    assert out.exit_code == 0 and "4 reports" not in out.stderr and "→ 3 merged" in out.stderr
    out = runner.invoke(app, ["export", "--format", "acled-csv", "--merged", "--db", db])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 3
    syria = next(r for r in rows if r["country"] == "Syria")
    assert syria["fatalities"] == "12" and "disputed" in syria["notes"]
    plain = runner.invoke(app, ["export", "--format", "acled-csv", "--db", db])
    assert len(list(csv.DictReader(io.StringIO(plain.stdout)))) == 7


def test_real_pipeline_three_outlets(tmp_path):
    """AFP, SANA-style and local-outlet French texts through spaCy into a store."""
    from warlog.ingest import RawDocument
    from warlog.pipeline import Extractor
    from warlog.store.loader import ingest

    texts = [
        ("Bamako, 14 mars (AFP) - Des jihadistes du JNIM ont attaqué mardi un poste de l'armée "
         "malienne à Gao, tuant au moins six soldats, a indiqué l'armée.", "AFP"),
        ("Gao, 14 mars - Les Forces armées maliennes ont repoussé mardi une attaque terroriste "
         "du JNIM contre leur poste de Gao. Huit assaillants ont été neutralisés.", "ORTM"),
        ("Gao : des jihadistes du JNIM ont attaqué mardi le camp de l'armée malienne à Gao ; "
         "une dizaine de morts selon des sources locales.", "Studio Tamani"),
    ]
    items = [RawDocument(text=t, path=f"r{i}.txt", outlet=o, published=date(2023, 3, 15))
             for i, (t, o) in enumerate(texts)]
    with Store.open(tmp_path / "warlog.db") as store:
        stats = ingest(store, items, Extractor, batch_size=3)
        assert stats.stored == 3
        battles = [m for m in store.merged_events(with_reports=True)
                   if m.event_type == "battles"]
        merged = max(battles, key=lambda m: m.report_count)
        assert merged.report_count >= 2, [(m.id, m.report_count) for m in battles]
