"""Gold annotation files (spec §5): their models, loading and discovery.

A gold event holds only what a careful coder is sure of; lists mean "any of these is right".
:mod:`warlog.evaluate` scores predictions against these.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import (BaseModel, BeforeValidator, ConfigDict, PrivateAttr, ValidationError,
                      field_validator, model_validator)

from warlog.errors import InputError, MetadataError
from warlog.schema import EVENT_TYPES, MaterielKind, Qualifier, Span

GOLD_SUFFIX = ".gold.json"
SUB_EVENT_TYPES = frozenset(s for subs in EVENT_TYPES.values() for s in subs)


# ---------------------------------------------------------------------------------------------
# Gold file models

def _as_list(value: Any) -> Any:
    # "lists mean any of these": a lone string is a one-item list.
    return [value] if isinstance(value, str) else value


AnyOf = Annotated[list[str], BeforeValidator(_as_list)]


class GoldRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldDocument(BaseModel):
    # Free-form provenance keys (published_basis…) are welcome here.
    model_config = ConfigDict(extra="allow")
    file: str | None = None
    language: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    text_sha256: str | None = None


class GoldDate(GoldRecord):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> GoldDate:
        if self.end < self.start:
            raise ValueError("date end is before start")
        return self


class GoldLocation(GoldRecord):
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    precision: int | None = None
    admin1_only: bool = False

    @model_validator(mode="after")
    def _usable(self) -> GoldLocation:
        if self.admin1_only and not self.admin1:
            raise ValueError("admin1_only location needs admin1")
        if not self.admin1_only and (self.lat is None or self.lon is None):
            raise ValueError("location needs lat and lon (or admin1_only with admin1)")
        return self


class GoldFigure(GoldRecord):
    value: int
    qualifier: Qualifier = "exact"
    party: str | None = None
    kind: str | None = None


class GoldMateriel(GoldRecord):
    kind: Annotated[list[MaterielKind], BeforeValidator(_as_list)]
    count: int | None = None
    qualifier: Qualifier | None = None
    outcome: str | None = None
    party: str | None = None


class GoldWeapon(GoldRecord):
    kind: str | list[str]
    model: str | None = None


class GoldEvent(GoldRecord):
    id: str
    required: bool = True
    event_type: AnyOf | None = None
    sub_event_type: AnyOf | None = None
    date: GoldDate | None = None
    locations: list[GoldLocation] = []
    # None (key absent) = not scored; [] = "there is none" (meaningful for actor2).
    actor1: AnyOf | None = None
    assoc_actor1: AnyOf | None = None
    actor2: AnyOf | None = None
    assoc_actor2: AnyOf | None = None
    fatalities: list[GoldFigure] | None = None
    injuries: list[GoldFigure] | None = None
    participants: list[GoldFigure] | None = None
    materiel: list[GoldMateriel] | None = None
    weapons: list[GoldWeapon] | None = None
    sources: AnyOf | None = None
    certainty: AnyOf | None = None
    framing: AnyOf | None = None
    anchor: Span | None = None
    notes: str | None = None
    same_happening_as: list[str] = []

    @field_validator("event_type")
    @classmethod
    def _known_types(cls, value: list[str] | None) -> list[str] | None:
        for item in value or ():
            if item not in EVENT_TYPES:
                raise ValueError(f"unknown event_type {item!r}")
        return value

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_types(cls, value: list[str] | None) -> list[str] | None:
        for item in value or ():
            if item not in SUB_EVENT_TYPES:
                raise ValueError(f"unknown sub_event_type {item!r}")
        return value

    @field_validator("anchor")
    @classmethod
    def _span(cls, value: Span | None) -> Span | None:
        if value is not None and not 0 <= value[0] < value[1]:
            raise ValueError(f"anchor {list(value)} is not a [start, end) span")
        return value


class GoldAbsent(GoldRecord):
    span: Span
    why: str = ""


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: GoldDocument = GoldDocument()
    events: list[GoldEvent] = []
    absent: list[GoldAbsent] = []
    entities: dict[str, Any] = {}
    # Set by load_gold; a private attribute so a "path" key in the file stays an error.
    _path: Path | None = PrivateAttr(None)

    @property
    def path(self) -> Path | None:
        return self._path

    @model_validator(mode="after")
    def _unique_ids(self) -> Gold:
        seen: set[str] = set()
        for event in self.events:
            if event.id in seen:
                raise ValueError(f"duplicate gold event id {event.id!r}")
            seen.add(event.id)
        return self

    @property
    def name(self) -> str:
        """``X`` for ``X.gold.json``: the stem shared by the report and its predictions."""
        if self.path is None:
            return self.document.file or "document"
        return gold_stem(self.path)


def gold_stem(path: Path) -> str:
    name = path.name
    return name[: -len(GOLD_SUFFIX)] if name.endswith(GOLD_SUFFIX) else path.stem


def _validation_message(exc: ValidationError, data: Any = None) -> str:
    errors = exc.errors()
    first = errors[0]
    parts = [str(part) for part in first["loc"]]
    # Name the gold event by its id, which annotators search for, rather than its index.
    if len(parts) > 1 and parts[0] == "events" and isinstance(data, dict):
        try:
            parts[1] = f"[{data['events'][int(parts[1])]['id']}]"
        except (LookupError, TypeError, ValueError):
            pass
    where = ".".join(parts).replace(".[", "[") or "top level"
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    msg = " ".join(str(first["msg"]).split())
    return f"invalid gold file at {where}: {msg}{more}"


def load_gold(path: Path) -> Gold:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("gold file not found", path) from None
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror or exc}", path) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MetadataError("gold file is not UTF-8", path) from None
    except json.JSONDecodeError as exc:
        raise MetadataError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                            path) from None
    if not isinstance(data, dict):
        raise MetadataError("gold file must hold a JSON object", path)
    try:
        gold = Gold.model_validate(data)
    except ValidationError as exc:
        raise MetadataError(_validation_message(exc, data), path) from None
    gold._path = path
    return gold


def find_gold_files(paths: list[Path]) -> list[Path]:
    """A folder gives its ``*.gold.json`` files (recursively, sorted); a file is kept as given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(
                (p for p in path.rglob("*" + GOLD_SUFFIX) if p.is_file()
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)),
                key=lambda p: p.parts,
            ))
        else:
            found.append(path)
    return found


# ---------------------------------------------------------------------------------------------
# Comparison helpers
