"""Typed records of the public output contract (``shared/spec/event-record.md``).

Everything ``warlog extract`` prints, the store keeps and the API serves is one of these
models. Fields the spec lacks but warlog needs are marked "warlog extension" and documented in
``docs/event-record.md``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# [start, end) character offsets into the document text as read.
Span = tuple[int, int]

Qualifier = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than"]
Party = Literal["actor1", "actor2", "civilians", "unknown"]
Certainty = Literal["asserted", "attributed", "hedged", "denied"]
Role = Literal["actor1", "assoc_actor1", "actor2", "assoc_actor2"]
MaterielKind = Literal[
    "tank", "ifv", "apc", "armoured_vehicle", "pickup", "off_road_vehicle", "truck", "mrl",
    "artillery", "mortar", "aircraft", "helicopter", "drone", "air_defence", "ship",
    "ammunition", "other",
]
MaterielOutcome = Literal["destroyed", "damaged", "captured", "used"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "battles": ("armed_clash", "government_regains_territory",
                "non_state_actor_overtakes_territory"),
    "explosions_remote_violence": ("chemical_weapon", "air_drone_strike", "suicide_bomb",
                                   "shelling_artillery_missile_attack",
                                   "remote_explosive_landmine_ied", "grenade"),
    "violence_against_civilians": ("sexual_violence", "attack",
                                   "abduction_forced_disappearance"),
    "protests": ("peaceful_protest", "protest_with_intervention",
                 "excessive_force_against_protesters"),
    "riots": ("violent_demonstration", "mob_violence"),
    "strategic_developments": ("agreement", "arrests", "change_to_group_activity",
                               "disrupted_weapons_use", "headquarters_or_base_established",
                               "looting_property_destruction",
                               "non_violent_transfer_of_territory", "other"),
}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(Record):
    id: str = Field(description="sha256 of the normalised text, hex")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "fr"
    published: date | None = None
    text_length: int
    # warlog extension: where the text came from (a path or URL), for error messages and eval.
    file: str | None = None


class EventDate(Record):
    start: date | None = None
    end: date | None = None
    precision: int | None = Field(None, description="ACLED time_precision: 1 day, 2 week, 3 month")
    text: str | None = None
    evidence: list[Span] = []
    # warlog extension: how the date was found: "explicit" (in the event's own clause),
    # "sentence", "paragraph", "document" (governing date nearby), "publication"
    # (publication window), "unresolved" (no publication date to anchor a relative date).
    basis: str = "explicit"


class Location(Record):
    text: str
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int | None = None
    evidence: list[Span] = []


class EventActor(Record):
    role: Role
    name: str
    text: str | None = None
    inter: int | None = None
    evidence: list[Span] = []


class Figure(Record):
    """A fatality (or, as a warlog extension, injury) count."""
    value: int
    qualifier: Qualifier = "exact"
    party: Party = "unknown"
    text: str
    source: str | None = None
    evidence: list[Span] = []


class Participants(Figure):
    kind: str = "fighters"


class Materiel(Record):
    kind: MaterielKind
    count: int | None = None
    qualifier: Qualifier | None = None
    outcome: MaterielOutcome
    party: Party = "unknown"
    text: str
    source: str | None = None
    evidence: list[Span] = []


class Weapon(Record):
    kind: str
    model: str | None = None
    text: str
    evidence: list[Span] = []


class Source(Record):
    speaker: str
    affiliation: str | None = None
    cue: str | None = None
    text: str
    evidence: list[Span] = []


class Event(Record):
    id: str
    event_type: str
    sub_event_type: str
    date: EventDate
    locations: list[Location] = []
    actors: list[EventActor] = []
    fatalities: list[Figure] = []
    # warlog extension: injuries are kept apart from fatalities and never counted as them.
    injuries: list[Figure] = []
    participants: list[Participants] = []
    materiel: list[Materiel] = []
    weapons: list[Weapon] = []
    sources: list[Source] = []
    # warlog extension: ACLED interaction code from actor1's and actor2's inter codes
    # (10 × the smaller + the larger; 10 × inter for a lone actor).
    interaction: int | None = None
    certainty: Certainty = "asserted"
    framing: list[str] = []
    evidence: list[Span] = []
    notes: str = ""


class ProcessedDocument(Record):
    document: Document
    events: list[Event] = []
    # warlog extension: non-fatal problems met while reading or extracting this document.
    warnings: list[str] = []
