"""Comparing two event reports: each signal scores in [0, 1] or vetoes the pair.

ACLED's unit is one happening on one day in one place between one actor pair, so the vetoes
are strict (two exact days, two places more than ~10 km apart, two different actor pairs,
unrelated event types) and the positive evidence is weighed:

    score = 0.3·date + 0.3·place + 0.3·actors + 0.1·type (+ 0.1 for a shared distinctive figure)

A report joins a merged event when no member vetoes it and its best member link scores at
least :data:`THRESHOLD`. Every link keeps the signals as ``{"signal", "score", "why"}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from warlog.merge.report import LOOSE_BASES, Place, Report
from warlog.resolve.gazetteer import distance_km

THRESHOLD = 0.65
NEAR_KM = 10.0
# A place "near" a village (ACLED geo_precision 2) may lie a little further off.
NEAR_LOOSE_KM = 25.0
WEIGHTS = {"date": 0.3, "place": 0.3, "actors": 0.3, "type": 0.1}
# Small tolls recur by chance ("2 morts"); a shared larger one is evidence.
DISTINCTIVE_FIGURE = 5
COMPATIBLE_TYPES = frozenset({frozenset({"battles", "explosions_remote_violence"})})

_YEARS = re.compile(r"\s*\(\d{4}\s*-\s*\d{0,4}\)\s*$")


@dataclass(frozen=True)
class Comparison:
    score: float
    signals: tuple[dict, ...]
    veto: str | None = None

    @property
    def ok(self) -> bool:
        return self.veto is None


def _sig(name: str, score: float, why: str) -> dict:
    return {"signal": name, "score": round(score, 3), "why": why}


# -- actors ------------------------------------------------------------------------------------

def _base(name: str) -> str:
    # "Military Forces of Syria (2000-2024)" is the same force as "Military Forces of Syria".
    return _YEARS.sub("", name).strip()


@lru_cache(maxsize=1)
def _registry():
    try:
        from warlog.resolve.actors import ActorRegistry

        return ActorRegistry.load()
    except Exception:  # noqa: BLE001 - merging still works on names alone without a registry
        return None


def registry_family(name: str) -> frozenset[str]:
    """The name and what the registry relates it to directly: its parent, the generic actor it
    is a branch of, its former names. Two actors are compatible when one is in the other's
    family ("Islamic State" and "Islamic State (Greater Sahara)"); sharing a parent is not
    enough (two Islamic State provinces are different groups)."""
    return _family(name, _registry())


@lru_cache(maxsize=4096)
def _family(name: str, registry) -> frozenset[str]:
    out = {_base(name)}
    if registry is not None:
        actor = registry.get(name) or registry.get(_base(name))
        if actor is not None:
            out.add(actor.name)
            out.update(_base(n) for n in (actor.parent, actor.branch_of, *actor.former_names) if n)
    return frozenset(out)


def is_wildcard(name: str) -> bool:
    # "Unidentified Armed Group (Mali)" says nobody knows who it was: it conflicts with no one.
    return name.startswith("Unidentified")


Family = Callable[[str], frozenset[str]]


def _side_match(s: tuple[str, ...], t: tuple[str, ...], family: Family) -> bool | None:
    s = tuple(n for n in s if not is_wildcard(n))
    t = tuple(n for n in t if not is_wildcard(n))
    if not s or not t:
        return None
    return any(_base(x) == _base(y) or _base(x) in family(y) or _base(y) in family(x)
               for x in s for y in t)


def actors_signal(a: Report, b: Report, family: Family) -> tuple[float, str, str | None]:
    """(score, why, veto). Sides may be swapped between outlets (the army "repelled" an attack
    one says, the rebels "attacked" the other), so both orientations are tried."""
    best: tuple[float, str] | None = None
    for label, pair in (("same sides", ((a.side1, b.side1), (a.side2, b.side2))),
                        ("sides swapped", ((a.side1, b.side2), (a.side2, b.side1)))):
        results = [_side_match(x, y, family) for x, y in pair]
        if False in results:
            continue
        hits = results.count(True)
        score = {2: 1.0, 1: 0.6, 0: 0.2}[hits]
        why = (f"{label}: both actors compatible" if hits == 2 else
               f"{label}: one actor compatible, the other unnamed in one report" if hits else
               "actors unnamed in one report")
        if best is None or score > best[0]:
            best = (score, why)
    if best is None:
        names = lambda r: " / ".join("+".join(s) or "?" for s in (r.side1, r.side2))  # noqa: E731
        return 0.0, "", f"different actors: {names(a)} vs {names(b)}"
    return best[0], best[1], None


# -- dates -------------------------------------------------------------------------------------

def _loose_window(r: Report):
    w = r.window
    if w is None:
        return None
    start, end = w
    if r.basis in LOOSE_BASES:
        start -= timedelta(days=1)
    return start, end


def date_signal(a: Report, b: Report) -> tuple[float, str, str | None]:
    wa, wb = _loose_window(a), _loose_window(b)
    if wa is None or wb is None:
        return 0.0, "", "undated report"
    if wa[1] < wb[0] or wb[1] < wa[0]:
        return 0.0, "", f"dates apart: {_fmt(wa)} vs {_fmt(wb)}"
    if a.single_day and b.single_day:
        return 1.0, f"same day {wa[0]}", None
    widest = max((wa[1] - wa[0]).days, (wb[1] - wb[0]).days)
    score = 0.7 if widest <= 1 else 0.6 if widest <= 7 else 0.45
    return score, f"date windows overlap: {_fmt(wa)} and {_fmt(wb)}", None


def _fmt(w) -> str:
    return str(w[0]) if w[0] == w[1] else f"{w[0]}..{w[1]}"


# -- places ------------------------------------------------------------------------------------

def _fold(v: str | None) -> str | None:
    return v.strip().casefold() if v else None


def _place_pair(p: Place, q: Place) -> tuple[float, str | None, str | None]:
    if p.country and q.country and p.country.upper() != q.country.upper():
        return 0.0, None, f"different countries: {p.country} vs {q.country}"
    if p.precise and q.precise:
        d = distance_km((p.lat, p.lon), (q.lat, q.lon))
        if d <= NEAR_KM:
            return 1.0 - 0.3 * d / NEAR_KM, f"{p.name} and {q.name} {d:.1f} km apart", None
        if d <= NEAR_LOOSE_KM and max(p.precision or 1, q.precision or 1) == 2:
            return 0.45, f"{p.name} near {q.name}, {d:.1f} km apart", None
        return 0.0, None, f"{p.name} and {q.name} {d:.0f} km apart"
    # One is known only to its district or province: compare the administrative units.
    if _fold(p.admin2) and _fold(p.admin2) == _fold(q.admin2):
        return 0.7, f"same district {p.admin2}", None
    if _fold(p.admin1) and _fold(q.admin1):
        if _fold(p.admin1) == _fold(q.admin1):
            return 0.5, f"same province {p.admin1}", None
        return 0.0, None, f"different provinces: {p.admin1} vs {q.admin1}"
    return 0.2, "places not comparable", None


def place_signal(a: Report, b: Report) -> tuple[float, str, str | None]:
    if not a.places or not b.places:
        ca, cb = a.country, b.country
        if ca and cb and ca != cb:
            return 0.0, "", f"different countries: {ca} vs {cb}"
        return 0.2, "place unknown in one report", None
    best: tuple[float, str] | None = None
    veto = None
    for p in a.places:
        for q in b.places:
            score, why, no = _place_pair(p, q)
            if no:
                veto = veto or no
            elif best is None or score > best[0]:
                best = (score, why or "")
    if best is None:
        return 0.0, "", veto
    return best[0], best[1], None


# -- types and figures -------------------------------------------------------------------------

def type_signal(a: Report, b: Report) -> tuple[float, str, str | None]:
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return 1.0, f"same type {a.sub_event_type}", None
        return 0.8, f"same type {a.event_type}", None
    if frozenset({a.event_type, b.event_type}) in COMPATIBLE_TYPES:
        return 0.3, f"{a.event_type} vs {b.event_type}: needs strong other evidence", None
    return 0.0, "", f"different types: {a.event_type} vs {b.event_type}"


def figure_signal(a: Report, b: Report) -> tuple[float, str]:
    shared = ({f.value for f in a.figures if f.value >= DISTINCTIVE_FIGURE}
              & {f.value for f in b.figures if f.value >= DISTINCTIVE_FIGURE})
    if shared:
        return 1.0, f"shared figure {', '.join(map(str, sorted(shared)))}"
    ta, tb = a.fatalities(), b.fatalities()
    if ta and tb:
        # Outlets disagree on tolls, so different ones are no evidence against; but close
        # ones tell two candidate events apart ("near 12" is not the "60" of the day after).
        closeness = 1.0 - abs(ta - tb) / max(ta, tb)
        if closeness >= 0.5:
            return 0.5 * closeness, f"close tolls {ta} and {tb}"
    return 0.0, ""


# -- the pair ----------------------------------------------------------------------------------

def compare(a: Report, b: Report, family: Family = registry_family) -> Comparison:
    if a.document_id == b.document_id:
        # The extractor already judged two events of one article to be distinct.
        return Comparison(0.0, (), "same document")
    signals = []
    total = 0.0
    parts = {}
    for name, fn in (("type", type_signal), ("date", date_signal), ("place", place_signal)):
        score, why, veto = fn(a, b)
        if veto:
            return Comparison(0.0, (), veto)
        parts[name] = score
        signals.append(_sig(name, score, why))
        total += WEIGHTS[name] * score
    score, why, veto = actors_signal(a, b, family)
    if veto:
        return Comparison(0.0, (), veto)
    parts["actors"] = score
    signals.append(_sig("actors", score, why))
    total += WEIGHTS["actors"] * score
    if parts["type"] < 0.8 and not (parts["date"] == 1.0 and parts["place"] >= 0.7
                                    and parts["actors"] == 1.0):
        return Comparison(0.0, (), f"{a.event_type} vs {b.event_type} without strong evidence")
    fig, why = figure_signal(a, b)
    if fig:
        signals.append(_sig("figures", fig, why))
        total += 0.1 * fig
    return Comparison(round(min(total, 1.0), 3), tuple(signals))
