from __future__ import annotations

import io

import pandas as pd
import pytest

from warlog.export import COLUMNS, conservative_fatalities, write_acled_csv
from warlog.export.acled import disputed_note
from warlog.schema import Event, EventDate, Figure

from .conftest import STAMP

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]


def _read(rows, tmp_path):
    path = tmp_path / "out.csv"
    n = write_acled_csv(rows, path, timestamp=STAMP)
    return n, pd.read_csv(path, dtype=str, keep_default_na=False)


def test_header_is_acled_order(rows, tmp_path):
    n, df = _read(rows, tmp_path)
    assert list(COLUMNS) == ACLED_HEADER
    assert list(df.columns) == ACLED_HEADER
    assert n == len(df) == 3


def test_battle_row_human_readable(battle, tmp_path):
    _, df = _read([battle], tmp_path)
    r = df.iloc[0]
    assert r.event_id_cnty == "SYR1"
    assert r.event_date == "2019-06-06" and r.year == "2019" and r.time_precision == "1"
    assert r.disorder_type == "Political violence"
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor1 == "Hayat Tahrir al-Sham"
    assert r.assoc_actor_1 == "Turkistan Islamic Party; Jaish al-Izza"
    assert (r.inter1, r.inter2) == ("Rebel group", "State forces")
    assert r.actor2 == "Military Forces of Syria (2000-2024)" and r.assoc_actor_2 == ""
    assert r.interaction == "State forces-Rebel group"
    assert r.civilian_targeting == ""
    assert (r.iso, r.region, r.country) == ("760", "Middle East", "Syria")
    # One row per event, at its first location; non-ASCII names survive the round trip.
    assert (r.admin1, r.admin2, r.admin3, r.location) == ("Hama", "Muhradah", "", "Tall Milḩ")
    assert float(r.latitude) == pytest.approx(35.30566)
    assert float(r.longitude) == pytest.approx(36.51962)
    assert r.geo_precision == "1"
    assert r.source == "Le Monde; army; local source"
    assert r.source_scale == "International"
    assert r.fatalities == "12"
    assert r.notes.startswith("On 6 June 2019")
    assert r.notes.endswith("Fatality figures disputed: 12 (army), 30 (local source).")
    assert r.timestamp == str(STAMP)


def test_protest_and_bare_rows(rows, tmp_path):
    _, df = _read(rows, tmp_path)
    p, b = df.iloc[1], df.iloc[2]
    assert p.event_id_cnty == "NER1"
    assert (p.disorder_type, p.event_type, p.sub_event_type) == (
        "Demonstrations", "Protests", "Protest with intervention")
    assert p.interaction == "State forces-Protesters"
    assert (p.iso, p.region, p.country) == ("562", "Western Africa", "Niger")
    assert p.latitude == p.longitude == ""
    assert p.source == "AFP" and p.source_scale == "International"
    assert p.tags == "crowd size=at least 500"
    assert p.fatalities == "0"
    # No location, actors, date or outlet: empty cells, never "None".
    assert b.event_id_cnty == "UNK1"
    assert (b.event_type, b.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    for col in ("event_date", "year", "actor1", "inter1", "interaction", "country", "location",
                "latitude", "source", "source_scale", "notes"):
        assert b[col] == "", col
    assert b.fatalities == "0"
    assert "None" not in df.to_csv()


def test_writes_to_stream_and_numbers_per_country(battle, protest):
    buf = io.StringIO()
    n = write_acled_csv([battle, protest, battle], buf, timestamp=STAMP)
    assert n == 3
    ids = pd.read_csv(io.StringIO(buf.getvalue()), dtype=str)["event_id_cnty"].tolist()
    assert ids == ["SYR1", "NER1", "SYR2"]


def test_civilian_targeting_and_disorder_overrides(battle, tmp_path):
    doc, ev = battle
    vac = ev.model_copy(update={"event_type": "violence_against_civilians",
                                "sub_event_type": "abduction_forced_disappearance"})
    mob = ev.model_copy(update={"event_type": "riots", "sub_event_type": "mob_violence"})
    force = ev.model_copy(update={"event_type": "protests",
                                  "sub_event_type": "excessive_force_against_protesters"})
    _, df = _read([(doc, vac), (doc, mob), (doc, force)], tmp_path)
    assert df.civilian_targeting.tolist() == ["Civilian targeting", "", ""]
    assert df.sub_event_type.tolist() == ["Abduction/forced disappearance", "Mob violence",
                                          "Excessive force against protesters"]
    assert df.disorder_type.tolist() == ["Political violence", "Political violence",
                                         "Political violence; Demonstrations"]


def _ev(*figures, certainty="asserted"):
    return Event(id="x:0", event_type="battles", sub_event_type="armed_clash", date=EventDate(),
                 fatalities=list(figures), certainty=certainty)


def _f(value, qualifier="exact", party="unknown", source=None):
    return Figure(value=value, qualifier=qualifier, party=party, text=str(value), source=source)


@pytest.mark.parametrize("figures, expected", [
    ((), 0),
    ((_f(100, "more_than"),), 100),
    ((_f(60, "about"),), 60),
    ((_f(12, source="army"), _f(30, source="local source")), 12),
    # The outlet's own statement outranks a named source, even when higher.
    ((_f(20), _f(8, source="army")), 20),
    # Different parties add up; an unknown-party figure is a total.
    ((_f(120, "more_than", "actor1"), _f(5, party="actor2")), 125),
    ((_f(12), _f(8, party="actor2")), 12),
    ((_f(3, party="civilians"), _f(4, party="civilians", source="x"), _f(2, party="actor1")), 5),
])
def test_conservative_fatalities(figures, expected):
    assert conservative_fatalities(_ev(*figures)) == expected


def test_hedged_event_still_counts_lowest():
    assert conservative_fatalities(_ev(_f(40), _f(25, source="x"), certainty="hedged")) == 25


def test_disputed_note_only_when_a_party_has_several_values():
    assert disputed_note(_ev(_f(5, party="actor1"), _f(7, party="actor2"))) == ""
    assert disputed_note(_ev(_f(5, source="a"), _f(5, source="b"))) == ""
    note = disputed_note(_ev(_f(30, source="local source"), _f(12, source="army")))
    assert note == "Fatality figures disputed: 12 (army), 30 (local source)."
