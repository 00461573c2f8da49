"""Analyst corrections: validation, effective values, history, survival across re-extraction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from testkit import fake
from warlog.ingest import RawDocument
from warlog.store import CorrectionError, EventFilter

TEXT = ("Les jihadistes du JNIM ont attaqué une position de l'armée malienne près de Gao, "
        "tuant 7 soldats, a indiqué un porte-parole. "
        "Une frappe de drone a visé un convoi près de Kidal, faisant 3 morts.")


def ingest(store, body=TEXT, version="1", events=None):
    raw = RawDocument(text=body, path="gao.txt", published=date(2022, 3, 4))
    processed = fake.process(raw, raw.published)
    if events is not None:
        processed = processed.model_copy(update={"events": events(processed.events)})
    store.add(processed, body, version)
    return processed


def test_correction_changes_effective_record_not_machine(store):
    processed = ingest(store)
    eid = processed.events[0].id
    store.correct(eid, "fatalities", "9", by="alice")
    store.correct_many(eid, [("actor2", "Military Forces of Mali (2021-)"),
                             ("location.admin1", "Gao Region"), ("notes", "Checked.")], by="bob")
    _, event = store.event(eid)
    assert [f.value for f in event.fatalities] == [9]
    assert {a.role: a.name for a in event.actors}["actor2"] == "Military Forces of Mali (2021-)"
    assert event.locations[0].admin1 == "Gao Region" and event.notes == "Checked."
    assert store.machine_event(eid) == processed.events[0]
    history = store.corrections(eid)
    assert [(c.field, c.old_value, c.new_value, c.by) for c in history] == [
        ("fatalities", "7", "9", "alice"),
        ("actor2", "Military Forces of Mali", "Military Forces of Mali (2021-)", "bob"),
        ("location.admin1", "Gao", "Gao Region", "bob"),
        ("notes", "Armed clash reported.", "Checked.", "bob"),
    ]
    # Filters and views see corrected values.
    assert [e.id for _, e in store.events(EventFilter(admin1="gao region"))] == [eid]
    assert [e.id for _, e in store.events(EventFilter(actor="(2021-)"))] == [eid]
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT fatalities, corrected FROM event_list "
                                "WHERE event_id = :e"), {"e": eid}).one()
        assert row.fatalities == 9 and row.corrected == 1
        assert conn.execute(text("SELECT count(*) FROM event_corrections")).scalar() == 4
    assert store.corrected_fields()[eid] == {"fatalities", "actor2", "location.admin1", "notes"}


def test_type_and_subtype_must_agree(store):
    eid = ingest(store).events[0].id
    with pytest.raises(CorrectionError, match="not a sub-type"):
        store.correct(eid, "event_type", "protests", by="a")
    with pytest.raises(CorrectionError, match="not a sub-type"):
        store.correct(eid, "sub_event_type", "peaceful_protest", by="a")
    store.correct_many(eid, [("event_type", "protests"),
                             ("sub_event_type", "peaceful_protest")], by="a")
    assert store.event(eid)[1].sub_event_type == "peaceful_protest"
    assert len(store.corrections(eid)) == 2


@pytest.mark.parametrize("field, value, message", [
    ("event_type", "war", "unknown event_type"),
    ("sub_event_type", "skirmish", "unknown sub_event_type"),
    ("date.start", "04/03/2022", "YYYY-MM-DD"),
    ("date.end", "2022-02-30", "YYYY-MM-DD"),
    ("fatalities", "douze", "whole number"),
    ("fatalities", "-3", "whole number"),
    ("location.lat", "91", "between"),
    ("location.lon", "east", "must be a number"),
    ("location.name", "", "cannot be empty"),
    ("colour", "red", "unknown field"),
])
def test_invalid_values_are_one_line_errors(store, field, value, message):
    eid = ingest(store).events[0].id
    with pytest.raises(CorrectionError, match=message) as err:
        store.correct(eid, field, value, by="a")
    assert "\n" not in str(err.value)
    assert store.corrections(eid) == []


def test_unknown_event_and_missing_author(store):
    eid = ingest(store).events[0].id
    with pytest.raises(CorrectionError, match="no event"):
        store.correct("nope-0", "notes", "x", by="a")
    with pytest.raises(CorrectionError, match="--by"):
        store.correct(eid, "notes", "x", by=" ")


def test_dates(store):
    eid = ingest(store).events[0].id
    store.correct(eid, "date.start", "2022-03-01", by="a")
    d = store.event(eid)[1].date
    assert (d.start, d.end, d.basis) == (date(2022, 3, 1), date(2022, 3, 4), "analyst")
    with pytest.raises(CorrectionError, match="before date.start"):
        store.correct(eid, "date.end", "2022-02-01", by="a")
    store.correct(eid, "date", "2022-03-02", by="a")
    d = store.event(eid)[1].date
    assert (d.start, d.end, d.precision) == (date(2022, 3, 2), date(2022, 3, 2), 1)


def test_corrections_survive_reextraction(store):
    processed = ingest(store, version="1")
    eid = processed.events[1].id
    store.correct(eid, "fatalities", "5", by="alice")
    ingest(store, version="2")
    assert [f.value for f in store.event(eid)[1].fatalities] == [5]
    assert store.machine_event(eid).fatalities[0].value == 3
    assert len(store.corrections(eid)) == 1


def test_corrections_follow_evidence_when_indices_shift(store):
    processed = ingest(store)
    drone = processed.events[1]
    store.correct(drone.id, "location.name", "Kidal (ville)", by="alice")

    def shifted(events):
        # A new extraction finds an extra event first: the drone strike becomes index 2.
        extra = events[0].model_copy(update={"id": events[0].id[:-1] + "0",
                                             "evidence": [(0, 10)]})
        moved = [e.model_copy(update={"id": f"{e.id.rsplit('-', 1)[0]}-{i + 1}"})
                 for i, e in enumerate(events)]
        return [extra, *moved]

    ingest(store, version="2", events=shifted)
    new_id = drone.id.rsplit("-", 1)[0] + "-2"
    assert store.event(new_id)[1].locations[0].name == "Kidal (ville)"
    assert store.event(drone.id)[1].locations[0].name == "Gao"
    assert [c.event_id for c in store.corrections(new_id)] == [new_id]
    assert store.orphaned_corrections() == []


def test_correction_without_any_matching_event_is_kept_as_orphan(store):
    processed = ingest(store)
    eid = processed.events[1].id
    store.correct(eid, "notes", "Keep me.", by="alice")
    ingest(store, version="2", events=lambda events: events[:1])
    assert [c.new_value for c in store.orphaned_corrections()] == ["Keep me."]
