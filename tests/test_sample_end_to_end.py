"""The shared sample report, end to end, scored against its gold file (spec §5).

This is the acceptance bar of the core pipeline: every required event found, nothing
reported from an `absent` span, and the figures and dates the gold is sure of.
"""

from __future__ import annotations

import pytest

from warlog.evaluate import load_gold, score
from warlog.ingest import read_document
from warlog.pipeline import Extractor


@pytest.fixture(scope="module")
def sample(shared_dir, sy_gazetteer):
    gold = load_gold(shared_dir / "samples" / "hama-2019-06.gold.json")
    raw = read_document(shared_dir / "samples" / "hama-2019-06.txt")
    processed = Extractor(gazetteer=sy_gazetteer).process(raw, published=gold.document.published)
    return gold, processed, score([(gold, processed)])


def _gold_result(scores, gold_id):
    return next(g for g in scores.documents[0].golds if g.gold_id == gold_id)


def test_sample_finds_every_required_event_and_nothing_absent(sample):
    _, _, scores = sample
    assert scores.recall == 1.0, scores.to_dict()["details"]
    assert scores.absent_hits == 0
    assert scores.fp == 0


@pytest.mark.parametrize("gold_id", ["E2", "E7"])
def test_sample_dates_exact(sample, gold_id):
    assert _gold_result(sample[2], gold_id).fields["date_exact"] is True


@pytest.mark.parametrize("gold_id", ["E1", "E2"])
def test_sample_fatality_figures_exact(sample, gold_id):
    assert _gold_result(sample[2], gold_id).fields["fatalities"] is True


@pytest.mark.parametrize("gold_id", ["E2", "E3", "E4"])
def test_sample_participant_figures_exact(sample, gold_id):
    assert _gold_result(sample[2], gold_id).fields["participants"] is True


@pytest.mark.parametrize("gold_id", ["E1", "E2", "E3", "E4", "E6", "E7"])
def test_sample_actors_and_sources_right(sample, gold_id):
    fields = _gold_result(sample[2], gold_id).fields
    assert fields["actor1"] is True and fields["actor2"] is True
    assert fields["sources"] is True


def test_sample_locations_resolve_to_gold_villages(sample):
    _, processed, scores = sample
    assert all(g.fields.get("location") is not False for g in scores.documents[0].golds)
    ids = {loc.geonames_id for e in processed.events for loc in e.locations}
    assert {168940, 163503, 167739, 173847} <= ids  # Jubbayn, Tall Mallah, Kurnaz, Hamamiyat


def test_sample_every_field_has_evidence_inside_the_text(sample):
    _, processed, _ = sample
    n = processed.document.text_length
    for event in processed.events:
        spans = list(event.evidence) + list(event.date.evidence)
        for part in (event.locations, event.actors, event.fatalities, event.participants,
                     event.materiel, event.sources):
            for item in part:
                assert item.evidence, (event.id, item)
                spans += item.evidence
        assert all(0 <= s < e <= n for s, e in spans), event.id
        assert event.notes


def test_sample_with_zero_setup_gazetteer_falls_back_to_province(shared_dir):
    """Nothing imported: towns resolve from the PyPI-built default, villages it lacks fall
    back to their province (geo_precision 3), never to a namesake elsewhere."""
    from warlog.resolve.gazetteer import Gazetteer

    gold = load_gold(shared_dir / "samples" / "hama-2019-06.gold.json")
    raw = read_document(shared_dir / "samples" / "hama-2019-06.txt")
    processed = Extractor(gazetteer=Gazetteer.open()).process(raw, published=gold.document.published)
    locations = [loc for e in processed.events for loc in e.locations]
    assert locations and all(loc.country == "SY" for loc in locations)
    by_text = {}
    for loc in locations:
        by_text.setdefault(loc.text, loc)
    for village in ("Jabine", "Tal Melh", "Hamamiyat"):
        if village in by_text:
            assert by_text[village].admin1 == "Hama" and by_text[village].geo_precision == 3
    assert any(loc.geonames_id == 170017 for loc in locations)  # Hama, the town
    scores = score([(gold, processed)])
    assert scores.recall == 1.0, [(g.gold_id, g.prediction_id) for g in scores.documents[0].golds]
    # Village-level gold points are out of reach without the villages; the province is not.
    assert all(loc.admin1 == "Hama" for e in processed.events[:4] for loc in e.locations)
