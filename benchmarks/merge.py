"""Merging event reports: pairwise precision and recall on a generated corpus with known
clusters, reports/s, and a naive baseline measured in the same run.

Run with ``make bench``. The corpus holds ≥ 5,000 reports of ~2,000 happenings told by one to
five outlets each, with varying tolls, date precision (exact day, publication date, week),
place precision (the town, near it, the province) and actor naming (swapped sides, one side
unnamed, a registry relative: branch / parent, dated force names), plus hard negatives: another
actor pair in the same town on the same day, and the same fight on the next day. Targets:
precision ≥ 0.95 and recall ≥ 0.95.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from warlog.merge import Merger, Report, registry_family  # noqa: E402
from warlog.merge.report import FigureView, Place  # noqa: E402

COUNTRIES = {
    # code: (lat0, lon0, state force, groups with (name, related name used by some outlets))
    "SY": (35.0, 36.5, ["Military Forces of Syria", "Military Forces of Syria (2000-2024)"],
           [("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
            ("Islamic State (Syria)", "Islamic State"),
            ("Syrian Democratic Forces", "Syrian Democratic Forces"),
            ("Turkistan Islamic Party", "Turkistan Islamic Party")]),
    "ML": (15.0, -2.0, ["Military Forces of Mali"],
           [("Jama'at Nasr al-Islam wal Muslimin", "Jama'at Nasr al-Islam wal Muslimin"),
            ("Islamic State Sahel Province", "Islamic State"),
            ("Dozo Communal Militia (Mali)", "Dozo Communal Militia (Mali)")]),
    "BF": (12.5, -1.5, ["Military Forces of Burkina Faso"],
           [("Jama'at Nasr al-Islam wal Muslimin", "Jama'at Nasr al-Islam wal Muslimin"),
            ("Islamic State Sahel Province", "Islamic State"),
            ("Volunteers for the Defense of the Homeland", "Volunteers for the Defense of the Homeland")]),
    "CD": (0.5, 29.0, ["Military Forces of the Democratic Republic of Congo"],
           [("M23: March 23 Movement", "M23: March 23 Movement"),
            ("ADF: Allied Democratic Forces", "ADF: Allied Democratic Forces"),
            ("CODECO: Cooperative for Development of Congo", "CODECO: Cooperative for Development of Congo")]),
    "NE": (14.0, 3.0, ["Military Forces of Niger"],
           [("Islamic State Sahel Province", "Islamic State"),
            ("Islamic State West Africa Province", "Islamic State West Africa Province"),
            ("Jama'at Nasr al-Islam wal Muslimin", "Jama'at Nasr al-Islam wal Muslimin")]),
}
OUTLETS = ["AFP", "Reuters", "RFI", "SANA", "OSDH", "Le Monde", "Studio Tamani", "Radio Okapi",
           "ActuNiger", "Enab Baladi", "Jeune Afrique", "France 24"]
DAY0 = date(2023, 1, 1)
KM = 1 / 111.0


def towns(rng: random.Random, per_country: int = 60) -> list[dict]:
    out = []
    for code, (lat0, lon0, _, _) in COUNTRIES.items():
        for i in range(per_country):
            # Towns on a coarse grid (≥ ~25 km apart) so "the town" is unambiguous; 4 × 4
            # provinces of 3 districts each.
            gx, gy = i % 8, i // 8
            lat = lat0 + gy * 0.3 + rng.uniform(-0.05, 0.05)
            lon = lon0 + gx * 0.3 + rng.uniform(-0.05, 0.05)
            admin1 = f"{code}-P{gx // 2}{gy // 2}"
            out.append(dict(country=code, name=f"{code}-town{i}", lat=lat, lon=lon,
                            admin1=admin1, admin2=f"{admin1}-D{gx % 2}"))
    return out


def happenings(rng: random.Random, n: int, places: list[dict]) -> list[dict]:
    events = []
    while len(events) < n:
        town = rng.choice(places)
        _, _, state, groups = COUNTRIES[town["country"]]
        group = rng.choice(groups)
        kind = rng.choices(["battles", "explosions_remote_violence",
                            "violence_against_civilians"], [0.6, 0.25, 0.15])[0]
        side2 = (f"Civilians ({town['country']})" if kind == "violence_against_civilians"
                 else state[0])
        base = dict(town=town, day=DAY0 + timedelta(days=rng.randrange(180)), kind=kind,
                    side1=group, side2=side2, dead=rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 35, 60]))
        events.append(base)
        r = rng.random()
        if r < 0.15 and len(events) < n:
            # Hard negative: another actor pair in the same town on the same day.
            other = [g for g in groups if g[0] != group[0]]
            events.append(dict(base, side1=rng.choice(other), dead=rng.choice([0, 2, 4, 9])))
        elif r < 0.30 and len(events) < n:
            # Hard negative: the same fight, the next day (ACLED: one event per day).
            events.append(dict(base, day=base["day"] + timedelta(days=1),
                               dead=rng.choice([1, 3, 6, 10])))
    return events


def reports_of(rng: random.Random, k: int, ev: dict) -> list[Report]:
    out = []
    n = rng.choices([1, 2, 3, 4, 5], [0.15, 0.3, 0.3, 0.15, 0.1])[0]
    _, _, state, _ = COUNTRIES[ev["town"]["country"]]
    for j in range(n):
        town, day = ev["town"], ev["day"]
        # Place: the town (jittered ≤ 3 km), near it (≤ 8 km), or only its province.
        p = rng.random()
        if p < 0.72:
            jitter, precision = 3, 1
        elif p < 0.88:
            jitter, precision = 8, 2
        else:
            jitter, precision = None, 3
        if jitter is None:
            place = Place(town["admin1"], town["lat"] + rng.uniform(-0.4, 0.4),
                          town["lon"] + rng.uniform(-0.4, 0.4), 3, town["country"],
                          town["admin1"], None)
        else:
            a = rng.uniform(0, 6.283)
            d = rng.uniform(0, jitter)
            place = Place(town["name"], town["lat"] + d * KM * math.sin(a),
                          town["lon"] + d * KM * math.cos(a), precision, town["country"],
                          town["admin1"], town["admin2"])
        # Date: the day itself, the publication date (the day after), or the week.
        q = rng.random()
        if q < 0.75:
            start = end = day
            basis, tp = "explicit", 1
        elif q < 0.9:
            start = end = day + timedelta(days=1)
            basis, tp = "publication", 1
        else:
            start = day - timedelta(days=day.weekday())
            end = start + timedelta(days=6)
            basis, tp = "explicit", 2
        # Actors: as named, a registry relative, sides swapped, or one side unnamed.
        name1, relative = ev["side1"]
        side1 = [relative if rng.random() < 0.15 else name1]
        side2 = [ev["side2"]]
        if ev["side2"] == state[0] and len(state) > 1 and rng.random() < 0.3:
            side2 = [state[1]]
        s = rng.random()
        if s < 0.15:
            side1, side2 = side2, side1
        elif s < 0.25:
            side2 = []
        kind = ev["kind"]
        sub = {"battles": "armed_clash", "explosions_remote_violence": "air_drone_strike",
               "violence_against_civilians": "attack"}[kind]
        figures = ()
        if ev["dead"] and rng.random() < 0.8:
            value = max(1, ev["dead"] + rng.choice([0, 0, 0, -1, 1, 2, 5]))
            figures = (FigureView(value, rng.choice(["exact", "about", "at_least"]), "unknown",
                                  rng.choice([None, "OSDH", "army", "local sources"]),
                                  "asserted"),)
        out.append(Report(
            id=f"r{k:05d}-{j}", document_id=f"doc{k:05d}-{j}", outlet=rng.choice(OUTLETS),
            event_type=kind, sub_event_type=sub, start=start, end=end, precision=tp,
            basis=basis, places=(place,), side1=tuple(side1), side2=tuple(side2),
            figures=figures, published=end))
    return out


def corpus(seed: int, n_events: int) -> tuple[list[Report], dict[str, int]]:
    rng = random.Random(seed)
    places = towns(rng)
    truth: dict[str, int] = {}
    reports: list[Report] = []
    for k, ev in enumerate(happenings(rng, n_events, places)):
        for r in reports_of(rng, k, ev):
            truth[r.id] = k
            reports.append(r)
    # Reports arrive roughly as published, shuffled within a day.
    reports.sort(key=lambda r: (r.published, rng.random()))
    return reports, truth


def pairwise(pred: dict[str, object], truth: dict[str, int]) -> tuple[float, float]:
    def pairs(counter):
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter((pred[r], truth[r]) for r in truth))
    p_pairs = pairs(Counter(pred[r] for r in truth))
    t_pairs = pairs(Counter(truth.values()))
    return (both / p_pairs if p_pairs else 1.0), (both / t_pairs if t_pairs else 1.0)


def naive(reports: list[Report]) -> dict[str, object]:
    """Baseline: same start day, same province, same event type → same event."""
    return {r.id: (r.start, r.places[0].admin1 if r.places else None, r.event_type)
            for r in reports}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000, help="happenings to generate")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    reports, truth = corpus(args.seed, args.events)
    registry_family("Islamic State")  # load the actor registry before timing
    print(f"corpus: {len(reports)} reports of {len(set(truth.values()))} happenings")

    t0 = time.perf_counter()
    merger = Merger()
    for r in reports:
        merger.add(r)
    elapsed = time.perf_counter() - t0
    p, r = pairwise(merger.of, truth)
    print(f"warlog merge:  precision {p:.3f}  recall {r:.3f}  "
          f"{len(reports) / elapsed:8.0f} reports/s  ({len(merger.clusters)} merged events)")

    t0 = time.perf_counter()
    base = naive(reports)
    elapsed = time.perf_counter() - t0
    bp, br = pairwise(base, truth)
    print(f"baseline (same day + province + type):  precision {bp:.3f}  recall {br:.3f}  "
          f"{len(reports) / max(elapsed, 1e-9):8.0f} reports/s  ({len(set(base.values()))} groups)")
    ok = p >= 0.95 and r >= 0.95
    print(f"targets precision >= 0.95 and recall >= 0.95: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
