"""The report sets of issue 6 through the in-memory merger and through the store."""

from __future__ import annotations

import random

import pytest

from warlog.merge import Merger, Report, compare, reconcile
from warlog.store import Store

from testkit import reports as R


def clusters(items) -> list[set[str]]:
    m = Merger()
    for p in items:
        for e in p.events:
            m.add(Report.from_event(p.document, e))
    return sorted(({r.id for r in c.members} for c in m.clusters.values()), key=sorted)


def store_clusters(store: Store) -> list[set[str]]:
    return sorted(({r.event.id for r in m.reports}
                   for m in store.merged_events(with_reports=True)), key=sorted)


def ingest(store: Store, items) -> None:
    for p in items:
        store.add(p, "texte", "1")


def test_merge_three_outlets_one_clash():
    items = R.three_outlets()
    assert clusters(items) == [{p.events[0].id for p in items}]


def test_merge_three_outlets_figures_low_best_high():
    items = R.three_outlets()
    rec = reconcile([Report.from_event(p.document, p.events[0]) for p in items])
    # SANA's own statement is the best-backed figure; the others are attributed claims.
    assert (rec.low, rec.best, rec.high) == (12, 12, 40) and rec.disputed
    assert {(f["outlet"], f["value"], f["qualifier"], f["source"]) for f in rec.figures} == {
        ("AFP", 30, "at_least", "OSDH"), ("SANA", 12, "exact", None),
        ("Enab Baladi", 40, "about", "sources locales")}


def test_merge_same_town_same_day_different_actors_stay_apart():
    items = R.same_town_two_events()
    ids = [p.events[0].id for p in items]
    assert clusters(items) == sorted([{ids[0], ids[2]}, {ids[1], ids[3]}], key=sorted)


def test_merge_week_long_offensive_one_event_per_day():
    items = R.week_offensive()
    got = clusters(items)
    assert len(got) == 7 and all(len(c) == 2 for c in got)


def test_merge_province_level_report_joins_village_report():
    items = R.province_and_village()
    assert len(clusters(items)) == 1


def test_merge_province_level_report_alone_with_other_actors_stays_apart():
    precise, vague = R.province_and_village()
    e = vague.events[0].model_copy(update={"actors": []})
    # Same day, same province, no actors: too little to say it is the same clash.
    assert len(clusters([precise, R.processed(vague.document, e)])) == 2


def test_merge_links_are_explained():
    a, b, _ = R.three_outlets()
    c = compare(Report.from_event(a.document, a.events[0]),
                Report.from_event(b.document, b.events[0]))
    assert c.ok and c.score >= 0.9
    signals = {s["signal"]: s for s in c.signals}
    assert set(signals) >= {"date", "place", "actors", "type"}
    assert "swapped" in signals["actors"]["why"] and "same day" in signals["date"]["why"]


@pytest.mark.parametrize("other, joins", [
    # An air strike and a clash at one place and day join only with both actors matching.
    (dict(kind=("explosions_remote_violence", "air_drone_strike")), True),
    (dict(kind=("explosions_remote_violence", "air_drone_strike"), side2=[]), False),
    (dict(kind=("protests", "peaceful_protest")), False),
    (dict(place=R.GAO), False),                                   # another country's town
    (dict(place=dict(R.TALL_MALLAH, lat=35.5, lon=36.9)), False), # 40 km off
    (dict(side1=["Islamic State (Syria)"]), False),               # another group
    (dict(side1=["Unidentified Armed Group (Syria)"]), True),     # nobody knows who: no conflict
])
def test_merge_pair_rules(other, joins):
    day = R.date(2019, 6, 6)
    d1 = R.doc("x1", "a", "AFP", day)
    d2 = R.doc("x2", "b", "SANA", day)
    base = dict(day=day, place=R.TALL_MALLAH, side1=[R.HTS], side2=[R.ARMY_SY])
    e1 = R.event(d1, 0, **base)
    e2 = R.event(d2, 0, **{**base, **other})
    assert compare(Report.from_event(d1, e1), Report.from_event(d2, e2)).ok is joins


def test_merge_registry_relations():
    day = R.date(2023, 3, 12)
    d1, d2 = R.doc("y1", "a", "AFP", day), R.doc("y2", "b", "RFI", day)
    r = lambda d, name: Report.from_event(d, R.event(  # noqa: E731
        d, 0, day=day, place=R.MENAKA, side1=[name], side2=[R.ARMY_ML]))
    assert compare(r(d1, "Islamic State"), r(d2, R.ISSP)).ok            # branch of its parent
    assert not compare(r(d1, "Islamic State West Africa Province"), r(d2, R.ISSP)).ok  # siblings


def test_merge_same_order_same_result_and_shuffle_same_partition():
    items = R.three_outlets() + R.same_town_two_events() + R.week_offensive() \
        + R.province_and_village()
    first = clusters(items)
    assert clusters(items) == first
    for seed in range(5):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert clusters(shuffled) == first


# -- the store ---------------------------------------------------------------------------------

def test_store_assigns_on_add(store):
    items = R.three_outlets() + R.same_town_two_events() + R.week_offensive() \
        + R.province_and_village()
    ingest(store, items)
    assert store_clusters(store) == clusters(items)
    m = store.merged_event(R.three_outlets()[0].events[0].id)  # by a report id
    assert (m.fatalities_low, m.fatalities_best, m.fatalities_high) == (12, 12, 40)
    assert m.report_count == 3 and [r.reason[0]["signal"] for r in m.reports] == [
        "founder", "linked_to", "linked_to"]
    assert store.merged_event(m.id).id == m.id and store.merged_event("nope") is None


def test_store_reingest_is_stable(store):
    items = R.three_outlets() + R.week_offensive()
    ingest(store, items)
    before = {m.id: {r.event.id for r in m.reports} for m in store.merged_events(with_reports=True)}
    ingest(store, items[:1] + items[5:7])   # re-extraction of some documents
    after = {m.id: {r.event.id for r in m.reports} for m in store.merged_events(with_reports=True)}
    assert after == before


def test_store_rebuild_gives_the_same_clusters(store):
    items = R.three_outlets() + R.same_town_two_events() + R.province_and_village()
    ingest(store, items)
    before = {m.id: (m.report_count, m.fatalities_best) for m in store.merged_events()}
    seen = []
    assert store.rebuild_merged(lambda done, total: seen.append((done, total))) == (9, 4)
    assert {m.id: (m.report_count, m.fatalities_best) for m in store.merged_events()} == before
    assert seen[-1] == (9, 9)


def test_store_merged_filters_and_representatives(store):
    from warlog.export.acled import acled_records
    from warlog.store import EventFilter

    ingest(store, R.three_outlets() + R.same_town_two_events())
    assert len(list(store.merged_events(EventFilter(country="ML")))) == 2
    assert len(list(store.merged_events(EventFilter(actor="Nasr")))) == 1
    rows = list(store.merged_rows(EventFilter(country="SY")))
    assert len(rows) == 1
    doc, event = rows[0]
    rec = next(r for _, _, r in acled_records(rows, 0))
    assert rec["fatalities"] == 12
    assert "Fatality figures disputed: 12 (SANA), 30 (OSDH), 40 (sources locales)" in rec["notes"]
    assert set(rec["source"].split("; ")) >= {"AFP", "SANA", "Enab Baladi"}


def test_store_correction_updates_merged_figures(store):
    items = R.three_outlets()
    ingest(store, items)
    store.correct(items[1].events[0].id, "fatalities", "20", by="ana")
    m = store.merged_event(items[1].events[0].id)
    assert (m.fatalities_low, m.fatalities_best, m.fatalities_high) == (20, 20, 40)
