"""Score predicted events against gold annotation files (spec §5, ``docs/eval.md``).

A gold event holds only what a careful coder is sure of, so a field the gold leaves out is
not scored, and a list means "any of these is right". Counts are micro-averaged: true and
false positives are summed over all documents before precision and recall are computed, and
each field rate is right/n over all matched pairs of all documents.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from warlog.errors import InputError
# Re-exported: callers load gold files through this module, as the spec's eval does.
from warlog.gold import (GOLD_SUFFIX, Gold, GoldEvent, GoldFigure, GoldLocation,  # noqa: F401
                         _validation_message, find_gold_files, gold_stem, load_gold)
from warlog.schema import Event, ProcessedDocument, Span

MATCH_KM = 25.0      # how near a location must be to pair events without overlapping evidence
LOCATION_KM = 10.0   # how near a predicted location must be to count as right
EARTH_RADIUS_KM = 6371.0088

__all__ = ["FIELDS", "GOLD_SUFFIX", "Gold", "Scores", "DocumentScores", "find_gold_files",
           "gold_stem", "load_gold", "load_predictions", "score", "score_document"]

# Field rates, in report order. Each is scored only over matched pairs whose gold has the field.
FIELDS: dict[str, str] = {
    "event_type": "event type",
    "sub_event_type": "sub-event type",
    "date_right": "date right (inside window)",
    "date_exact": "date exact",
    "location": "location right",
    "actor1": "actor1",
    "actor2": "actor2",
    "fatalities": "fatality figures exact",
    "participants": "participant figures exact",
    "sources": "sources",
}

# Column headers for the per-event table, which has to fit a terminal.
SHORT_NAMES = dict(zip(FIELDS, ("ty", "sub", "dt", "ex", "loc", "a1", "a2", "fat", "par",
                                "src")))

def _norm(name: str | None) -> str:
    """Case-, accent- and spacing-insensitive form for comparing names."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Admin names differ in decoration between gazetteers ("Hama Governorate", "Hama").
_ADMIN_NOISE = re.compile(r"\b(governorate|province|gouvernorat|muhafazat|mohafazat)\b")


def _norm_admin(name: str | None) -> str:
    text = _ADMIN_NOISE.sub(" ", _norm(name))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prediction_spans(event: Event) -> list[Span]:
    """The event's own evidence; when a system leaves it empty, the evidence of its fields."""
    if event.evidence:
        return list(event.evidence)
    spans: list[Span] = list(event.date.evidence)
    for group in (event.locations, event.actors, event.fatalities, event.injuries,
                  event.participants, event.materiel, event.weapons, event.sources):
        for item in group:
            spans.extend(item.evidence)
    return spans


def _only_in_absent(spans: list[Span], gold: Gold) -> bool:
    if not spans or not gold.absent:
        return False
    return all(any(a.span[0] <= s[0] and s[1] <= a.span[1] for a in gold.absent) for s in spans)


def _pred_window(event: Event) -> tuple[date, date] | None:
    start = event.date.start or event.date.end
    end = event.date.end or event.date.start
    return (start, end) if start and end else None


def _nearest_location(gold_locs: list[GoldLocation], event: Event, km: float) -> float | None:
    """Smallest distance (km) from a predicted location to a gold one, if within ``km``.

    An admin1_only gold location is hit by a prediction in the same admin1; that hit counts
    as ``km`` so a point match nearby is preferred when pairing.
    """
    best: float | None = None
    for g in gold_locs:
        for p in event.locations:
            if g.admin1_only:
                d = km if p.admin1 and _norm_admin(p.admin1) == _norm_admin(g.admin1) else None
            elif p.lat is not None and p.lon is not None:
                d = haversine_km(g.lat, g.lon, p.lat, p.lon)  # type: ignore[arg-type]
                d = d if d <= km else None
            else:
                d = None
            if d is not None and (best is None or d < best):
                best = d
    return best


@dataclass(frozen=True)
class Candidate:
    gold_index: int
    pred_index: int
    overlap: int          # characters of evidence inside the gold anchor
    distance: float       # km, for pairs made by date and place only
    via: Literal["anchor", "date_location"]


def _candidate(gi: int, gold: GoldEvent, pi: int, event: Event,
               spans: list[Span]) -> Candidate | None:
    if gold.anchor is not None:
        overlap = max((_overlap(s, gold.anchor) for s in spans), default=0)
        if overlap > 0:
            return Candidate(gi, pi, overlap, 0.0, "anchor")
    window = _pred_window(event)
    if gold.date is None or window is None:
        return None
    if window[0] > gold.date.end or gold.date.start > window[1]:
        return None
    distance = _nearest_location(gold.locations, event, MATCH_KM)
    if distance is None:
        return None
    return Candidate(gi, pi, 0, distance, "date_location")


# ---------------------------------------------------------------------------------------------
# Field checks: True right, False wrong, None not scored for this pair

def _in(name: str, allowed: list[str]) -> bool:
    return _norm(name) in {_norm(a) for a in allowed}


def _actor_right(gold_names: list[str] | None, event: Event, role: str) -> bool | None:
    if gold_names is None:
        return None
    predicted = [a.name for a in event.actors if a.role == role]
    if not gold_names:
        return not predicted
    return bool(predicted) and all(_in(name, gold_names) for name in predicted)


def _figures_exact(gold_figs: list[GoldFigure] | None, predicted: list) -> bool | None:
    if not gold_figs:
        return None
    pool = [(p.value, p.qualifier) for p in predicted]
    for g in gold_figs:
        key = (g.value, g.qualifier)
        if key not in pool:
            return False
        pool.remove(key)  # two gold figures of 12 need two predicted ones
    return True


def _location_right(gold: GoldEvent, event: Event) -> bool | None:
    if not gold.locations:
        return None
    return _nearest_location(gold.locations, event, LOCATION_KM) is not None


def check_fields(gold: GoldEvent, event: Event) -> dict[str, bool | None]:
    window = _pred_window(event)
    gd = gold.date
    return {
        "event_type": None if gold.event_type is None else event.event_type in gold.event_type,
        "sub_event_type": (None if gold.sub_event_type is None
                           else event.sub_event_type in gold.sub_event_type),
        "date_right": None if gd is None else bool(
            window and gd.start <= window[0] <= window[1] <= gd.end),
        "date_exact": None if gd is None else window == (gd.start, gd.end),
        "location": _location_right(gold, event),
        "actor1": None if not gold.actor1 else _actor_right(gold.actor1, event, "actor1"),
        "actor2": _actor_right(gold.actor2, event, "actor2"),
        "fatalities": _figures_exact(gold.fatalities, event.fatalities),
        "participants": _figures_exact(gold.participants, event.participants),
        "sources": None if gold.sources is None else all(
            _in(s, [src.speaker for src in event.sources]) for s in gold.sources),
    }


# ---------------------------------------------------------------------------------------------
# Results

@dataclass
class GoldEventResult:
    gold_id: str
    required: bool
    prediction_id: str | None = None
    via: str | None = None
    overlap: int = 0
    fields: dict[str, bool | None] = field(default_factory=dict)


@dataclass
class PredictionResult:
    prediction_id: str
    # tp: matched a required gold event; optional: matched (or could match) an optional one;
    # fp: matched nothing; absent: evidence lies only inside absent spans (always a FP).
    outcome: str
    gold_id: str | None = None


@dataclass
class DocumentScores:
    name: str
    golds: list[GoldEventResult] = field(default_factory=list)
    predictions: list[PredictionResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def tp(self) -> int:
        return sum(1 for g in self.golds if g.required and g.prediction_id is not None)

    @property
    def fn(self) -> int:
        return sum(1 for g in self.golds if g.required and g.prediction_id is None)

    @property
    def fp(self) -> int:
        return sum(1 for p in self.predictions if p.outcome in ("fp", "absent"))

    @property
    def absent_hits(self) -> int:
        return sum(1 for p in self.predictions if p.outcome == "absent")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "absent_hits": self.absent_hits,
            "gold_events": [vars(g) for g in self.golds],
            "predictions": [vars(p) for p in self.predictions],
            "warnings": self.warnings,
        }


def _rate(right: int, n: int) -> float | None:
    return right / n if n else None


@dataclass
class Scores:
    documents: list[DocumentScores] = field(default_factory=list)

    @property
    def tp(self) -> int:
        return sum(d.tp for d in self.documents)

    @property
    def fp(self) -> int:
        return sum(d.fp for d in self.documents)

    @property
    def fn(self) -> int:
        return sum(d.fn for d in self.documents)

    @property
    def absent_hits(self) -> int:
        return sum(d.absent_hits for d in self.documents)

    @property
    def precision(self) -> float | None:
        return _rate(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _rate(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def field_counts(self) -> dict[str, tuple[int, int]]:
        """``{field: (right, n)}`` over all matched pairs of all documents."""
        counts = {name: [0, 0] for name in FIELDS}
        for doc in self.documents:
            for g in doc.golds:
                for name, ok in g.fields.items():
                    if ok is not None:
                        counts[name][1] += 1
                        counts[name][0] += int(ok)
        return {name: (right, n) for name, (right, n) in counts.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "events": {
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "absent_hits": self.absent_hits,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
            },
            "fields": {name: {"n": n, "right": right, "rate": _rate(right, n)}
                       for name, (right, n) in self.field_counts().items()},
            "details": [d.to_dict() for d in self.documents],
        }

    def table(self):
        from rich.table import Table

        table = Table(title=f"warlog eval — {len(self.documents)} document(s)")
        table.add_column("field")
        table.add_column("n", justify="right")
        table.add_column("right", justify="right")
        table.add_column("rate", justify="right")
        table.add_row("events: precision", str(self.tp + self.fp), str(self.tp),
                      _pct(self.precision))
        table.add_row("events: recall", str(self.tp + self.fn), str(self.tp), _pct(self.recall))
        table.add_row("events: F1", "", "", _pct(self.f1))
        table.add_row("absent hits (FP)", str(self.absent_hits), "", "", end_section=True)
        for name, (right, n) in self.field_counts().items():
            table.add_row(FIELDS[name], str(n), str(right), _pct(_rate(right, n)))
        return table

    def events_table(self):
        """One table per document: each gold event, its prediction and field marks, then FPs."""
        from rich import box
        from rich.console import Group
        from rich.markup import escape
        from rich.table import Table

        mark = {True: "[green]✓[/]", False: "[red]✗[/]", None: "·"}
        tables = []
        for doc in self.documents:
            table = Table(title=escape(doc.name), box=box.SIMPLE_HEAD, pad_edge=False,
                          collapse_padding=True,
                          caption="✓ right  ✗ wrong  · not scored; " + ", ".join(
                              f"{SHORT_NAMES[n]} {n}" for n in FIELDS))
            for col in ("gold", "req", "prediction", "via"):
                table.add_column(col, no_wrap=True)
            for name in FIELDS:
                table.add_column(SHORT_NAMES[name], justify="center", min_width=2)
            for g in doc.golds:
                table.add_row(escape(g.gold_id), "yes" if g.required else "opt",
                              escape(_short_id(g.prediction_id)) if g.prediction_id
                              else "[red]missed[/]",
                              {"anchor": "text", "date_location": "d+p"}.get(g.via or "", ""),
                              *(mark[g.fields.get(name)] for name in FIELDS))
            for p in doc.predictions:
                if p.outcome in ("fp", "absent"):
                    table.add_row("", "", escape(_short_id(p.prediction_id)),
                                  "[red]absent[/]" if p.outcome == "absent" else "[red]FP[/]")
            tables.append(table)
        return Group(*tables)

    def __rich__(self):
        return self.table()


def _short_id(event_id: str) -> str:
    # Event ids start with the 64-hex document id; the tail is what tells them apart.
    return event_id if len(event_id) <= 12 else "…" + event_id[-10:]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


# ---------------------------------------------------------------------------------------------
# Scoring

def score_document(gold: Gold, predicted: ProcessedDocument) -> DocumentScores:
    result = DocumentScores(name=gold.name)
    sha = gold.document.text_sha256
    if sha and predicted.document.id and predicted.document.id != sha:
        result.warnings.append(f"{gold.name}: predictions were made on a different text "
                               f"(document id ≠ gold text_sha256); offsets may not line up")

    events = predicted.events
    spans = [prediction_spans(e) for e in events]
    absent = [_only_in_absent(s, gold) for s in spans]
    candidates = [
        c for pi, event in enumerate(events) if not absent[pi]
        for gi, g in enumerate(gold.events)
        if (c := _candidate(gi, g, pi, event, spans[pi])) is not None
    ]
    # Greedy one-to-one pairing, best evidence overlap first; pairs made by date and place only
    # come after, nearest first; required gold events win ties over optional ones.
    candidates.sort(key=lambda c: (-c.overlap, c.via != "anchor", c.distance,
                                   not gold.events[c.gold_index].required,
                                   c.gold_index, c.pred_index))
    gold_to_pred: dict[int, Candidate] = {}
    paired_preds: dict[int, int] = {}
    for c in candidates:
        if c.gold_index not in gold_to_pred and c.pred_index not in paired_preds:
            gold_to_pred[c.gold_index] = c
            paired_preds[c.pred_index] = c.gold_index

    for gi, g in enumerate(gold.events):
        res = GoldEventResult(gold_id=g.id, required=g.required)
        c = gold_to_pred.get(gi)
        if c is not None:
            event = events[c.pred_index]
            res.prediction_id, res.via, res.overlap = event.id, c.via, c.overlap
            res.fields = check_fields(g, event)
        result.golds.append(res)

    optional_hits = {c.pred_index: c.gold_index for c in candidates
                     if not gold.events[c.gold_index].required}
    for pi, event in enumerate(events):
        if absent[pi]:
            result.predictions.append(PredictionResult(event.id, "absent"))
        elif pi in paired_preds:
            g = gold.events[paired_preds[pi]]
            result.predictions.append(PredictionResult(event.id, "tp" if g.required else "optional",
                                                       g.id))
        elif pi in optional_hits:
            # A second report of an optional event is harmless: it counts neither way.
            result.predictions.append(PredictionResult(event.id, "optional",
                                                       gold.events[optional_hits[pi]].id))
        else:
            result.predictions.append(PredictionResult(event.id, "fp"))
    return result


def score(golds_and_preds: list[tuple[Gold, ProcessedDocument]]) -> Scores:
    return Scores([score_document(g, p) for g, p in golds_and_preds])


def load_predictions(path: Path) -> ProcessedDocument:
    """One ``warlog extract --format json`` object."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("predictions file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions: {exc}", path) from None
    try:
        return ProcessedDocument.model_validate_json(raw)
    except ValidationError as exc:
        msg = _validation_message(exc).replace("invalid gold file", "not a processed document")
        raise InputError(msg, path) from None
