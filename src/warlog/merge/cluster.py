"""Incremental clustering of reports into merged events, and their reconciled figures.

:func:`choose` is the one decision: which existing merged event (if any) a new report joins.
The store calls it with the candidates it reads from the database; :class:`Merger` keeps the
clusters in memory (``warlog merge --rebuild``, the benchmark). Both feed reports one at a
time in a fixed order, so the same order always gives the same clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from warlog.merge.report import Report
from warlog.merge.signals import THRESHOLD, Family, compare, registry_family

# How far apart two reports' windows may start and still be compared (a loose date may lie a
# day before its stated window; wider windows are indexed on every day they cover, up to this).
MAX_INDEXED_DAYS = 31
AMBIGUITY_MARGIN = 0.03


@dataclass
class Cluster:
    id: str
    members: list[Report] = field(default_factory=list)
    reasons: list[list[dict]] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    """Join ``cluster_id`` (None: start a new merged event) because of ``reason``."""
    cluster_id: str | None
    reason: list[dict]
    score: float | None


def choose(report: Report, candidates: Iterable[Cluster],
           family: Family = registry_family) -> Decision:
    passing: list[tuple[float, str, Report, tuple]] = []
    for cluster in candidates:
        top: tuple[float, Report, tuple] | None = None
        for member in cluster.members:
            c = compare(report, member, family)
            if not c.ok:
                # One member that cannot be the same happening rules the whole event out:
                # that keeps one day, one place and one actor pair per merged event.
                top = None
                break
            if top is None or c.score > top[0]:
                top = (c.score, member, c.signals)
        if top is not None and top[0] >= THRESHOLD:
            passing.append((top[0], cluster.id, top[1], top[2]))
    if not passing:
        return Decision(None, [], None)
    # Ties go to the smaller id, which is derived from the founding report, not from the
    # order candidates were read in.
    passing.sort(key=lambda p: (-p[0], p[1]))
    score, cid, member, signals = passing[0]
    if (len(passing) > 1 and not report.single_day
            and score - passing[1][0] < AMBIGUITY_MARGIN):
        # A vague report (a week, "near", a province) that fits two events equally well
        # says nothing about which: a wrong merge costs more than a missed one.
        return Decision(None, [{"signal": "ambiguous", "score": score,
                                "why": f"fits {passing[0][1]} and {passing[1][1]} equally"}],
                        None)
    reason = [{"signal": "linked_to", "score": score, "why": f"report {member.id}"},
              *signals]
    return Decision(cid, reason, score)


def founder_reason(decision: Decision) -> list[dict]:
    return [{"signal": "founder", "score": 1.0, "why": "first report of this event"},
            *decision.reason]


def merged_id(report_id: str, taken) -> str:
    """A merged event is named after the report that founded it, so re-ingesting the same
    documents in the same order gives the same ids."""
    base = f"m-{report_id}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}.{n}", n + 1
    return candidate


def days(report: Report) -> list[date]:
    """The days a report's window touches (loose dates include the day before), capped."""
    w = report.window
    if w is None:
        return []
    start, end = w
    if report.basis in ("publication", "unresolved"):
        start -= timedelta(days=1)
    span = min((end - start).days, MAX_INDEXED_DAYS)
    return [start + timedelta(days=i) for i in range(span + 1)]


class Merger:
    """In-memory incremental merger: :meth:`add` one report at a time."""

    def __init__(self, family: Family = registry_family):
        self.family = family
        self.clusters: dict[str, Cluster] = {}
        self.of: dict[str, str] = {}          # report id → cluster id
        self._by_day: dict[tuple[str | None, date], list[str]] = defaultdict(list)
        self._countries: set[str | None] = set()

    def candidates(self, report: Report) -> list[Cluster]:
        seen: dict[str, None] = {}
        country = report.country
        # A report without a country may be anywhere; one with a country meets only its
        # country's events and those without one.
        countries = (country, None) if country else tuple(self._countries)
        for day in days(report):
            for c in countries:
                for cid in self._by_day.get((c, day), ()):
                    seen.setdefault(cid)
        return [self.clusters[cid] for cid in seen]

    def add(self, report: Report) -> Decision:
        decision = choose(report, self.candidates(report), self.family)
        if decision.cluster_id is None:
            cid = merged_id(report.id, self.clusters)
            cluster = self.clusters[cid] = Cluster(cid)
            decision = Decision(cid, founder_reason(decision), None)
        else:
            cluster = self.clusters[decision.cluster_id]
        cluster.members.append(report)
        cluster.reasons.append(decision.reason)
        self.of[report.id] = cluster.id
        self._countries.add(report.country)
        for day in days(report):
            bucket = self._by_day[(report.country, day)]
            if cluster.id not in bucket:
                bucket.append(cluster.id)
        return decision


# -- reconciled figures ------------------------------------------------------------------------

@dataclass(frozen=True)
class Reconciled:
    low: int | None
    best: int | None
    high: int | None
    disputed: bool
    figures: list[dict]


def reconcile(members: list[Report]) -> Reconciled:
    """Every report's toll side by side. ``best`` is ACLED's conservative figure: the lowest
    toll among the best-backed reports (an outlet's own statement beats a named source, which
    beats a hedged or denied claim); ``low``/``high`` span every report's figures."""
    figures: list[dict] = []
    with_toll = [m for m in members if m.figures]
    for m in members:
        for f in m.figures:
            figures.append({"report_id": m.id, "document_id": m.document_id, "outlet": m.outlet,
                            "value": f.value, "qualifier": f.qualifier, "party": f.party,
                            "source": f.source, "certainty": f.certainty})
    if not with_toll:
        return Reconciled(None, None, None, False, figures)
    lows = [m.fatalities(min) for m in with_toll]
    highs = [m.fatalities(max) for m in with_toll]
    top = max(m.credibility for m in with_toll)
    best = min(m.fatalities(min) for m in with_toll if m.credibility == top)
    return Reconciled(min(lows), best, max(highs), min(lows) != max(highs), figures)


def representative(members: list[Report]) -> Report:
    """The report that describes the event best: the most precise place, then date, then the
    most actors; the earliest one on ties."""
    def key(item):
        i, m = item
        w = m.window
        width = (w[1] - w[0]).days if w else 10_000
        return (m.geo_rank, not m.single_day, width, -(len(m.side1) + len(m.side2)), i)

    return min(enumerate(members), key=key)[1]


def disputed_text(rec: Reconciled) -> str:
    """"Fatality figures disputed: 12 (SANA), 30 (AFP; OSDH)." for the ACLED notes."""
    if not rec.disputed:
        return ""
    by_value: dict[int, list[str]] = defaultdict(list)
    for f in rec.figures:
        who = f["source"] or f["outlet"] or "report"
        if who not in by_value[f["value"]]:
            by_value[f["value"]].append(who)
    parts = [f"{v} ({'; '.join(who)})" for v, who in sorted(by_value.items())]
    return f"Fatality figures disputed: {', '.join(parts)}; lowest credible figure used."
