"""End to end on held-out French reports: extract each one and score it against its gold file.

HELD OUT FOR MEASURING GENERALISATION. The reports in tests/data/reports/ (Mali, Burkina Faso,
DR Congo, Ukraine, Syria/SANA, Yemen, Nigeria, Niger) and tests/data/heldout/ were written and annotated by hand
without looking at warlog's output. Do not tune lexicons, rules or registries to these texts,
and do not lower the thresholds below to whatever the system currently scores: fix the
system or accept the failure. Develop against other material.

The thresholds are deliberately modest: over each report's required gold events, event recall
must be at least 0.6, and no predicted event may rest only on an ``absent`` span (background,
reactions, negotiations, hypothetical or future statements).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.evaluate import load_gold, score_document

REPORTS = Path(__file__).resolve().parent / "data" / "reports"
# A second set written later (Somalia, Sudan, Mozambique, Ituri, Donbass, South Lebanon), kept
# out of rule design after the first set had steered fixes: the fresher measure of the two.
HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
GOLD_FILES = sorted(REPORTS.glob("*.gold.json")) + sorted(HELDOUT.glob("*.gold.json"))

MIN_RECALL = 0.6


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def gazetteers(tmp_path_factory) -> dict[str, object]:
    """Gazetteers opened once, isolated from the developer's own stores.

    ``default``: the zero-setup store, built once per session under the pytest temp folder
    (``WARLOG_GAZETTEER_DEFAULT``), with no imported store. ``SY``: the Syrian GeoNames
    extract imported as an analyst would, in front of the default store, when ../shared is
    present (reports set in Syria use it).
    """
    from warlog.resolve.gazetteer import Gazetteer, ensure_default, import_files

    base = tmp_path_factory.getbasetemp()
    found: dict[str, object] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WARLOG_GAZETTEER", str(base / "no-import" / "gazetteer.sqlite"))
        mp.setenv("WARLOG_GAZETTEER_DEFAULT",
                  str(ensure_default(base / "gazetteer-default.sqlite")))
        found["default"] = Gazetteer.open()
        src = SHARED / "data" / "gazetteer"
        if (src / "SY.txt").is_file():
            sy_db = base / "gazetteer-sy.sqlite"
            if not sy_db.exists():
                import_files([src / "SY.txt", src / "admin1CodesASCII.SY.txt"], sy_db)
            found["SY"] = Gazetteer.open(sy_db)
    return found


@pytest.fixture(scope="session")
def extractor_for(gazetteers):
    """One extractor per gazetteer, made on first use (each loads the language model)."""
    from warlog.pipeline import Extractor

    made: dict[str, Extractor] = {}

    def get(key: str) -> Extractor:
        key = key if key in gazetteers else "default"
        if key not in made:
            made[key] = Extractor(gazetteer=gazetteers[key])
        return made[key]

    return get


def _countries(gold) -> set[str]:
    return {loc.country for e in gold.events for loc in e.locations if loc.country}


def test_reports_are_present():
    assert len(GOLD_FILES) >= 14, f"expected the held-out reports in {REPORTS} and {HELDOUT}"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def test_report_end_to_end(gold_path: Path, extractor_for):
    from warlog.pipeline import extract_path

    gold = load_gold(gold_path)
    assert gold.document.published is not None, "gold must give the publication date"
    text_path = gold_path.with_name(gold.name + ".txt")
    extractor = extractor_for("SY" if "SY" in _countries(gold) else "default")

    predicted = extract_path(text_path, published=gold.document.published, extractor=extractor)
    result = score_document(gold, predicted)

    assert not result.warnings, result.warnings
    required = [g for g in result.golds if g.required]
    assert required, "every report has at least one required event"
    found = [g.gold_id for g in required if g.prediction_id]
    missed = [g.gold_id for g in required if not g.prediction_id]
    recall = len(found) / len(required)
    assert recall >= MIN_RECALL, (
        f"{gold.name}: event recall {recall:.2f} < {MIN_RECALL} (missed {missed})")

    in_absent = [p.prediction_id for p in result.predictions if p.outcome == "absent"]
    assert not in_absent, f"{gold.name}: predictions inside absent spans: {in_absent}"
