"""Scoring against gold files (spec §5): matching rules, field rates, gold loading and the CLI."""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from warlog.cli.eval import eval_command
from warlog.errors import InputError, MetadataError
from warlog.evaluate import (FIELDS, Gold, find_gold_files, haversine_km, load_gold, score,
                             score_document)
from warlog.schema import Document, Event, ProcessedDocument

# Tall Mallah and Kurnaz, north Hama (GeoNames); about 10 km apart.
TALL_MALLAH = (35.30566, 36.51962)
KURNAZ = (35.38972, 36.48773)


def gold_event(id: str, **kw) -> dict:
    event = {"id": id, "event_type": ["battles"], "sub_event_type": ["armed_clash"],
             "date": {"start": "2019-06-06", "end": "2019-06-06"},
             "locations": [{"name": "Tall Mallah", "lat": TALL_MALLAH[0], "lon": TALL_MALLAH[1],
                            "admin1": "Hama", "country": "SY"}]}
    event.update(kw)
    return event


def make_gold(*events: dict, absent: list | None = None, sha: str | None = None) -> Gold:
    return Gold.model_validate({
        "document": {"file": "t.txt", "published": "2019-06-08", "text_sha256": sha},
        "events": list(events),
        "absent": [{"span": s, "why": "test"} for s in absent or []],
    })


def pred(id: str, spans=((0, 0),), start="2019-06-06", end=None, loc=TALL_MALLAH, admin1=None,
         actors=(), fatalities=(), participants=(), sources=(), event_type="battles",
         sub_event_type="armed_clash") -> Event:
    locations = []
    if loc is not None or admin1 is not None:
        lat, lon = loc if loc is not None else (None, None)
        locations.append({"text": "x", "lat": lat, "lon": lon, "admin1": admin1})
    return Event.model_validate({
        "id": id, "event_type": event_type, "sub_event_type": sub_event_type,
        "date": {"start": start, "end": end or start},
        "locations": locations,
        "actors": [{"role": role, "name": name} for role, name in actors],
        "fatalities": [{"value": v, "qualifier": q, "text": "x"} for v, q in fatalities],
        "participants": [{"value": v, "qualifier": q, "text": "x"} for v, q in participants],
        "sources": [{"speaker": s, "text": "x"} for s in sources],
        "evidence": [list(s) for s in spans if s != (0, 0)],
    })


def processed(*events: Event, doc_id: str = "0" * 64) -> ProcessedDocument:
    return ProcessedDocument(document=Document(id=doc_id, text_length=5000), events=list(events))


def offset_km(point: tuple[float, float], km_north: float) -> tuple[float, float]:
    return point[0] + km_north / 111.195, point[1]


def outcomes(doc) -> dict[str, str]:
    return {p.prediction_id: p.outcome for p in doc.predictions}


def matches(doc) -> dict[str, str | None]:
    return {g.gold_id: g.prediction_id for g in doc.golds}


# --- matching rules -------------------------------------------------------------------------

def test_evaluate_matches_on_anchor_overlap():
    gold = make_gold(gold_event("G1", anchor=[100, 200]))
    # Date and place are far off: overlapping evidence alone makes the match.
    doc = score_document(gold, processed(pred("P1", spans=[(190, 260)], start="2019-01-01",
                                              loc=(0.0, 0.0))))
    assert matches(doc) == {"G1": "P1"}
    assert doc.golds[0].via == "anchor" and doc.golds[0].overlap == 10
    assert (doc.tp, doc.fp, doc.fn) == (1, 0, 0)


def test_evaluate_touching_spans_do_not_overlap():
    gold = make_gold(gold_event("G1", anchor=[100, 200]))
    doc = score_document(gold, processed(pred("P1", spans=[(200, 260)], loc=(0.0, 0.0))))
    assert (doc.tp, doc.fp, doc.fn) == (0, 1, 1)


@pytest.mark.parametrize("km,start,end,matched", [
    (20, "2019-06-06", None, True),
    (24.5, "2019-06-05", "2019-06-07", True),   # range overlapping the gold day
    (30, "2019-06-06", None, False),            # too far
    (5, "2019-06-07", None, False),             # no date overlap
])
def test_evaluate_matches_on_date_and_25_km(km, start, end, matched):
    gold = make_gold(gold_event("G1", anchor=[100, 200]))
    doc = score_document(gold, processed(
        pred("P1", spans=[(900, 950)], start=start, end=end, loc=offset_km(TALL_MALLAH, km))))
    assert matches(doc) == {"G1": "P1" if matched else None}
    if matched:
        assert doc.golds[0].via == "date_location"


def test_evaluate_haversine():
    assert haversine_km(*TALL_MALLAH, *KURNAZ) == pytest.approx(9.9, abs=0.2)
    assert haversine_km(*offset_km(TALL_MALLAH, 20), *TALL_MALLAH) == pytest.approx(20, abs=0.01)


@pytest.mark.parametrize("admin1,loc,matched", [
    ("Hama", None, True),
    ("HAMA Governorate", None, True),
    ("Idlib", None, False),
    (None, (35.13179, 36.75783), False),   # a point, but the gold knows only the province
])
def test_evaluate_matches_admin1_only(admin1, loc, matched):
    gold = make_gold(gold_event("G1", anchor=[100, 200], locations=[
        {"name": "Hama", "admin1": "Hama", "lat": 35.13179, "lon": 36.75783, "admin1_only": True}]))
    doc = score_document(gold, processed(pred("P1", spans=[(900, 950)], loc=loc, admin1=admin1)))
    assert matches(doc) == {"G1": "P1" if matched else None}
    if matched:
        assert doc.golds[0].fields["location"] is True


def test_evaluate_optional_gold_counts_neither_way():
    gold = make_gold(gold_event("R", anchor=[0, 50]),
                     gold_event("O", anchor=[100, 200], required=False))
    doc = score_document(gold, processed(
        pred("P1", spans=[(0, 40)]),
        pred("P2", spans=[(120, 180)]),
        pred("P3", spans=[(150, 160)]),   # a second report of the optional event
    ))
    assert outcomes(doc) == {"P1": "tp", "P2": "optional", "P3": "optional"}
    assert (doc.tp, doc.fp, doc.fn) == (1, 0, 0)
    # A missed optional event is not a false negative either.
    doc = score_document(gold, processed(pred("P1", spans=[(0, 40)])))
    assert (doc.tp, doc.fp, doc.fn) == (1, 0, 0)


def test_evaluate_prediction_only_in_absent_span_is_always_fp():
    gold = make_gold(gold_event("G1", anchor=[100, 200]), absent=[[300, 400], [400, 500]])
    doc = score_document(gold, processed(
        # Same day and place as G1, but its evidence is background the gold marks absent.
        pred("P1", spans=[(310, 350), (420, 480)]),
    ))
    assert outcomes(doc) == {"P1": "absent"}
    assert (doc.tp, doc.fp, doc.fn, doc.absent_hits) == (0, 1, 1, 1)
    # Evidence reaching outside the absent span is judged normally.
    doc = score_document(gold, processed(pred("P2", spans=[(310, 350), (150, 160)])))
    assert outcomes(doc) == {"P2": "tp"} and doc.absent_hits == 0


def test_evaluate_one_to_one_best_overlap_first():
    gold = make_gold(gold_event("A", anchor=[0, 100], locations=[]),
                     gold_event("B", anchor=[100, 200], locations=[]))
    doc = score_document(gold, processed(
        pred("small", spans=[(90, 110)]),    # 10 chars in A, 10 in B
        pred("big", spans=[(20, 100)]),      # 80 chars in A
    ))
    assert matches(doc) == {"A": "big", "B": "small"}
    # One prediction spanning both anchors takes the better one; the other gold is missed,
    # and a duplicate of an already matched required event is a false positive.
    doc = score_document(gold, processed(pred("wide", spans=[(50, 190)]),
                                         pred("dup", spans=[(160, 170)])))
    assert matches(doc) == {"A": None, "B": "wide"}
    assert outcomes(doc) == {"wide": "tp", "dup": "fp"}
    assert (doc.tp, doc.fp, doc.fn) == (1, 1, 1)


def test_evaluate_anchor_match_beats_date_location_match():
    gold = make_gold(gold_event("G1", anchor=[100, 200]))
    doc = score_document(gold, processed(pred("near", spans=[(900, 950)]),
                                         pred("text", spans=[(150, 151)], loc=(0.0, 0.0))))
    assert matches(doc) == {"G1": "text"}
    assert outcomes(doc)["near"] == "fp"


# --- field rates ----------------------------------------------------------------------------

RICH_GOLD = dict(
    event_type=["battles", "explosions_remote_violence"], sub_event_type="armed_clash",
    date={"start": "2019-06-05", "end": "2019-06-07"},
    actor1=["Hayat Tahrir al-Sham", "Islamist Militia (Syria)"], actor2=[],
    fatalities=[{"value": 120, "qualifier": "more_than", "party": "actor1"}],
    participants=[{"value": 500, "qualifier": "at_least", "party": "actor1", "kind": "fighters"}],
    sources=["Viktor Kupchishin"],
)


def fields_of(gold_kw: dict, **pred_kw) -> dict:
    gold = make_gold(gold_event("G", anchor=[0, 100], **gold_kw))
    doc = score_document(gold, processed(pred("P", spans=[(0, 10)], **pred_kw)))
    return doc.golds[0].fields


def test_evaluate_fields_all_right():
    f = fields_of(RICH_GOLD, start="2019-06-06", loc=offset_km(TALL_MALLAH, 9),
                  actors=[("actor1", "Islamist Militia (Syria)")],
                  fatalities=[(120, "more_than"), (3, "exact")], participants=[(500, "at_least")],
                  sources=["Viktor Kupchishin", "Islam Awazi"])
    assert f == {"event_type": True, "sub_event_type": True, "date_right": True,
                 "date_exact": False, "location": True, "actor1": True, "actor2": True,
                 "fatalities": True, "participants": True, "sources": True}
    assert list(f) == list(FIELDS)


def test_evaluate_fields_all_wrong():
    f = fields_of(RICH_GOLD, start="2019-06-07", end="2019-06-08",
                  loc=offset_km(TALL_MALLAH, 15), event_type="riots", sub_event_type="mob_violence",
                  actors=[("actor1", "Military Forces of Syria"),
                          ("actor2", "Hayat Tahrir al-Sham")],
                  fatalities=[(120, "about")], participants=[(50, "at_least")],
                  sources=["Islam Awazi"])
    assert set(f.values()) == {False}


def test_evaluate_date_exact_and_missing_actor1():
    f = fields_of(RICH_GOLD, start="2019-06-05", end="2019-06-07")
    assert f["date_right"] is f["date_exact"] is True
    assert f["actor1"] is False   # no actor1 predicted


def test_evaluate_fields_not_scored_when_gold_omits_them():
    f = fields_of({"fatalities": [], "locations": []}, start="2019-06-06")
    assert f["fatalities"] is f["participants"] is f["sources"] is None
    assert f["actor1"] is f["actor2"] is f["location"] is None
    assert f["event_type"] is True


def test_evaluate_fatalities_need_one_prediction_per_gold_figure():
    two = {"fatalities": [{"value": 12, "qualifier": "about"}, {"value": 12, "qualifier": "about"}]}
    assert fields_of(two, fatalities=[(12, "about")])["fatalities"] is False
    assert fields_of(two, fatalities=[(12, "about"), (12, "about")])["fatalities"] is True


def test_evaluate_materiel_kind_list_loads():
    gold = make_gold(gold_event("G", materiel=[{"kind": ["mortar", "ammunition"], "count": 2,
                                                "outcome": "destroyed"}, {"kind": "tank"}]))
    assert gold.events[0].materiel[0].kind == ["mortar", "ammunition"]
    assert gold.events[0].materiel[1].kind == ["tank"]


def test_evaluate_scores_micro_average_over_documents():
    g1 = make_gold(gold_event("A", anchor=[0, 100]), gold_event("B", anchor=[200, 300]))
    g2 = make_gold(gold_event("C", anchor=[0, 100], actor2=["Military Forces of Syria"]))
    scores = score([
        (g1, processed(pred("a", spans=[(0, 10)]), pred("x", spans=[(5000, 5001)], loc=None))),
        (g2, processed(pred("c", spans=[(0, 10)],
                            actors=[("actor2", "Military Forces of Syria")]))),
    ])
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 1)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    counts = scores.field_counts()
    assert counts["event_type"] == (2, 2)
    assert counts["actor2"] == (1, 1)   # only C's gold says anything about actor2
    data = scores.to_dict()
    assert data["events"]["tp"] == 2
    assert data["fields"]["actor2"] == {"n": 1, "right": 1, "rate": 1.0}
    assert data["details"][0]["gold_events"][1] == {
        "gold_id": "B", "required": True, "prediction_id": None, "via": None, "overlap": 0,
        "fields": {}}
    json.dumps(data)
    console = Console(record=True, width=120)
    console.print(scores)
    console.print(scores.events_table())
    text = console.export_text()
    assert "events: precision" in text and "66.7%" in text and "missed" in text


def test_evaluate_empty_scores_have_no_rates():
    scores = score([])
    assert scores.precision is scores.recall is scores.f1 is None
    Console(file=open("/dev/null", "w")).print(scores)


def test_evaluate_warns_when_prediction_text_differs():
    doc = score_document(make_gold(sha="a" * 64), processed(doc_id="b" * 64))
    assert "different text" in doc.warnings[0]


def test_evaluate_gold_built_predictions_score_perfectly_on_sample(shared_dir):
    gold = load_gold(shared_dir / "samples" / "hama-2019-06.gold.json")
    events = []
    for g in gold.events:
        loc = g.locations[0]
        events.append(pred(
            g.id, spans=[tuple(g.anchor)], start=g.date.start.isoformat(),
            end=g.date.end.isoformat(), event_type=g.event_type[0],
            sub_event_type=g.sub_event_type[0],
            loc=None if loc.admin1_only else (loc.lat, loc.lon), admin1=loc.admin1,
            actors=[("actor1", g.actor1[0])] + [("actor2", a) for a in (g.actor2 or [])[:1]],
            fatalities=[(f.value, f.qualifier) for f in g.fatalities or []],
            participants=[(f.value, f.qualifier) for f in g.participants or []],
            sources=g.sources or []))
    scores = score([(gold, processed(*events))])
    assert (scores.tp, scores.fp, scores.fn) == (6, 0, 0)
    for name, (right, n) in scores.field_counts().items():
        assert right == n, name


# --- gold files -----------------------------------------------------------------------------

@pytest.mark.parametrize("content,expected", [
    ("{", "malformed JSON at line 1"),
    ("[]", "must hold a JSON object"),
    ('{"events": [{"id": "E1", "event_type": "battle"}]}', "events[E1].event_type"),
    ('{"events": [{"id": "E1", "anchor": [9, 3]}]}', "not a [start, end) span"),
    ('{"events": [{"id": "E1", "date": {"start": "2019-06-07", "end": "2019-06-01"}}]}',
     "end is before start"),
    ('{"events": [{"id": "E1", "locations": [{"name": "Hama", "admin1_only": true}]}]}',
     "admin1_only location needs admin1"),
    ('{"events": [{"id": "E1", "actor_1": ["X"]}]}', "events[E1].actor_1"),
    ('{"events": [{"id": "E1"}, {"id": "E1"}]}', "duplicate gold event id"),
])
def test_evaluate_load_gold_rejects_malformed(tmp_path, content, expected):
    path = tmp_path / "x.gold.json"
    path.write_text(content)
    with pytest.raises(MetadataError) as info:
        load_gold(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and expected in message


def test_evaluate_load_gold_missing_file(tmp_path):
    with pytest.raises(InputError, match="gold file not found"):
        load_gold(tmp_path / "nope.gold.json")


def test_evaluate_find_gold_files(tmp_path):
    for name in ["b.gold.json", "a.gold.json", "a.txt", "sub/c.gold.json", ".hidden/d.gold.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    lone = tmp_path / "a.txt"
    assert find_gold_files([tmp_path, lone]) == [
        tmp_path / "a.gold.json", tmp_path / "b.gold.json", tmp_path / "sub" / "c.gold.json", lone]


# --- CLI ------------------------------------------------------------------------------------

@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.command("eval")(eval_command)

    @app.command("version")  # a second command keeps "eval" a subcommand, as in warlog
    def version() -> None:
        pass

    return app


@pytest.fixture
def corpus(tmp_path) -> Path:
    gold = {"document": {"file": "rapport.txt", "published": "2019-06-08"},
            "events": [gold_event("G1", anchor=[0, 50]), gold_event("G2", anchor=[60, 90])]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "rapport.gold.json").write_text(json.dumps(gold))
    (tmp_path / "pred").mkdir()
    (tmp_path / "pred" / "rapport.json").write_text(
        processed(pred("P1", spans=[(0, 10)]), pred("P2", spans=[(500, 510)], loc=None))
        .model_dump_json(indent=2))
    return tmp_path


def test_evaluate_cli_json_with_predictions(app, corpus):
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold"), "--predictions",
                                      str(corpus / "pred"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["events"]["tp"], data["events"]["fp"], data["events"]["fn"]) == (1, 1, 1)
    assert data["events"]["precision"] == 0.5
    assert data["details"][0]["gold_events"][0]["prediction_id"] == "P1"


def test_evaluate_cli_table_and_events(app, corpus):
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold" / "rapport.gold.json"),
                                      "--predictions", str(corpus / "pred"), "--show-events"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "events: precision" in result.stdout and "50.0%" in result.stdout
    assert "G2" in result.stdout and "missed" in result.stdout


def test_evaluate_cli_missing_predictions_file(app, corpus):
    (corpus / "pred" / "rapport.json").unlink()
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold"), "--predictions",
                                      str(corpus / "pred")])
    assert result.exit_code == 1
    assert "no predictions file rapport.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_evaluate_cli_missing_report_text(app, corpus):
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold")])
    assert result.exit_code == 1
    assert "report rapport.txt not found" in result.stderr
    assert "rapport.gold.json" in result.stderr


def test_evaluate_cli_malformed_gold(app, corpus):
    (corpus / "gold" / "rapport.gold.json").write_text('{"events": [')
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold"), "--predictions",
                                      str(corpus / "pred")])
    assert result.exit_code == 1
    assert "malformed JSON" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_evaluate_cli_runs_the_pipeline_by_default(app, corpus, monkeypatch):
    (corpus / "gold" / "rapport.txt").write_text("Des combats ont eu lieu jeudi près de Tal Melh.")
    calls = []

    def fake_extract_path(path: Path, published: date | None = None) -> ProcessedDocument:
        calls.append((path, published))
        return processed(pred("P1", spans=[(0, 10)]), pred("P2", spans=[(60, 70)]))

    fake = types.ModuleType("warlog.pipeline")
    fake.extract_path = fake_extract_path
    monkeypatch.setitem(sys.modules, "warlog.pipeline", fake)
    result = CliRunner().invoke(app, ["eval", str(corpus / "gold"), "--json"])
    assert result.exit_code == 0, result.output
    assert calls == [(corpus / "gold" / "rapport.txt", date(2019, 6, 8))]
    assert json.loads(result.stdout)["events"]["f1"] == 1.0
