"""The compact view of an event report that merging compares (:class:`Report`).

Kept as plain JSON beside each link in the store, so finding the merged event a new report
joins reads a few small rows instead of re-validating whole event records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warlog.schema import Document, Event

# Dates taken from the publication (or not anchored at all) say "by then", not "that day":
# the happening may lie a day before.
LOOSE_BASES = frozenset({"publication", "unresolved"})

_CERTAINTY_RANK = {"asserted": 3, "attributed": 2, "hedged": 1, "denied": 0}


@dataclass(frozen=True)
class Place:
    name: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    country: str | None
    admin1: str | None
    admin2: str | None

    @property
    def precise(self) -> bool:
        """Coordinates of the place itself or its surroundings (ACLED geo_precision 1-2);
        a province-level report carries the province centroid, which says nothing exact."""
        return self.lat is not None and self.lon is not None and (self.precision or 3) <= 2


@dataclass(frozen=True)
class FigureView:
    value: int
    qualifier: str
    party: str
    source: str | None
    certainty: str


@dataclass(frozen=True)
class Report:
    id: str
    document_id: str
    outlet: str | None
    event_type: str
    sub_event_type: str
    start: date | None
    end: date | None
    precision: int | None
    basis: str
    places: tuple[Place, ...] = ()
    side1: tuple[str, ...] = ()
    side2: tuple[str, ...] = ()
    figures: tuple[FigureView, ...] = ()
    certainty: str = "asserted"
    published: date | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def country(self) -> str | None:
        return next((p.country.upper() for p in self.places if p.country), None)

    @property
    def window(self) -> tuple[date, date] | None:
        if self.start is None and self.end is None:
            return None
        start = self.start or self.end
        end = self.end or self.start
        return start, end

    @property
    def single_day(self) -> bool:
        w = self.window
        return w is not None and w[0] == w[1] and self.basis not in LOOSE_BASES

    @property
    def geo_rank(self) -> int:
        if not self.places:
            return 5
        return min(((p.precision or 3) if p.lat is not None else 4) for p in self.places)

    @classmethod
    def from_event(cls, doc: Document, event: Event) -> Report:
        by_role: dict[str, list[str]] = {}
        for a in event.actors:
            by_role.setdefault(a.role, []).append(a.name)
        return cls(
            id=event.id, document_id=doc.id, outlet=doc.outlet,
            event_type=event.event_type, sub_event_type=event.sub_event_type,
            start=event.date.start, end=event.date.end, precision=event.date.precision,
            basis=event.date.basis,
            places=tuple(Place(p.name or p.text, p.lat, p.lon, p.geo_precision,
                               p.country, p.admin1, p.admin2) for p in event.locations),
            side1=tuple(dict.fromkeys(by_role.get("actor1", []) + by_role.get("assoc_actor1", []))),
            side2=tuple(dict.fromkeys(by_role.get("actor2", []) + by_role.get("assoc_actor2", []))),
            figures=tuple(FigureView(f.value, f.qualifier, f.party, f.source,
                                     figure_certainty(f.source, event.certainty))
                          for f in event.fatalities),
            certainty=event.certainty, published=doc.published)

    def to_json(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies and was a tenth of ingest time.
        def day(v):
            return v.isoformat() if v else None

        return {
            "id": self.id, "document_id": self.document_id, "outlet": self.outlet,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "start": day(self.start), "end": day(self.end), "precision": self.precision,
            "basis": self.basis, "places": [p.__dict__.copy() for p in self.places],
            "side1": list(self.side1), "side2": list(self.side2),
            "figures": [f.__dict__.copy() for f in self.figures],
            "certainty": self.certainty, "published": day(self.published)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        def day(v):
            return date.fromisoformat(v) if v else None

        return cls(
            id=data["id"], document_id=data["document_id"], outlet=data.get("outlet"),
            event_type=data["event_type"], sub_event_type=data["sub_event_type"],
            start=day(data.get("start")), end=day(data.get("end")),
            precision=data.get("precision"), basis=data.get("basis") or "explicit",
            places=tuple(Place(**p) for p in data.get("places") or ()),
            side1=tuple(data.get("side1") or ()), side2=tuple(data.get("side2") or ()),
            figures=tuple(FigureView(**f) for f in data.get("figures") or ()),
            certainty=data.get("certainty") or "asserted", published=day(data.get("published")))

    # -- figures, by ACLED's conservative rule (see warlog.export.acled) --------------------

    def fatalities(self, pick=min) -> int | None:
        """This report's toll: per party the ``pick`` of the best-backed figures; parties add
        up, and a figure of unknown party is a total ("12 morts dont 8 soldats" is 12)."""
        if not self.figures:
            return None
        by_party: dict[str, list[FigureView]] = {}
        for f in self.figures:
            by_party.setdefault(f.party, []).append(f)

        def party_value(figs: list[FigureView]) -> int:
            best = max(_CERTAINTY_RANK.get(f.certainty, 0) for f in figs)
            return pick(f.value for f in figs if _CERTAINTY_RANK.get(f.certainty, 0) == best)

        total = by_party.pop("unknown", None)
        known = sum(party_value(figs) for figs in by_party.values())
        return max(known, party_value(total) if total else 0)

    @property
    def credibility(self) -> int:
        """How well backed this report's toll is: the best certainty among its figures."""
        return max((_CERTAINTY_RANK.get(f.certainty, 0) for f in self.figures), default=-1)


def figure_certainty(source: str | None, event_certainty: str) -> str:
    if event_certainty in ("hedged", "denied"):
        return event_certainty
    return "attributed" if source else "asserted"
