"""Hand-built (Document, Event) pairs covering the export edge cases."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.schema import (Document, Event, EventActor, EventDate, Figure, Location, Participants,
                           Source)

STAMP = 1_700_000_000


def _doc(**kw) -> Document:
    base = dict(id="d" * 64, title="Combats près de Hama", url="https://example.org/a",
                outlet="Le Monde", published=date(2019, 6, 8), text_length=3482)
    base.update(kw)
    return Document(**base)


@pytest.fixture
def battle() -> tuple[Document, Event]:
    """Syria: HTS vs the army, two villages, disputed figures, non-ASCII place names."""
    ev = Event(
        id="d" * 64 + ":0", event_type="battles", sub_event_type="armed_clash",
        date=EventDate(start=date(2019, 6, 6), end=date(2019, 6, 6), precision=1,
                       text="jeudi soir", evidence=[(304, 314)]),
        locations=[
            Location(text="Tal Melh", name="Tall Milḩ", lat=35.30566, lon=36.51962, country="SY",
                     admin1="Hama", admin2="Muhradah", geo_precision=1, evidence=[(475, 483)]),
            Location(text="Jibine", name="Jibbīn", lat=35.32, lon=36.55, country="SY",
                     admin1="Hama", geo_precision=2, evidence=[(490, 496)]),
        ],
        actors=[
            EventActor(role="actor1", name="Hayat Tahrir al-Sham", text="Hayat Tahrir al-Cham",
                       inter=2),
            EventActor(role="assoc_actor1", name="Turkistan Islamic Party", inter=2),
            EventActor(role="assoc_actor1", name="Jaish al-Izza", inter=2),
            EventActor(role="actor2", name="Military Forces of Syria (2000-2024)",
                       text="l'armée syrienne", inter=1),
        ],
        fatalities=[
            Figure(value=12, qualifier="exact", party="unknown", text="12 morts",
                   source="army"),
            Figure(value=30, qualifier="about", party="unknown", text="une trentaine de morts",
                   source="local source"),
        ],
        sources=[Source(speaker="army", text="selon l'armée"),
                 Source(speaker="local source", text="selon une source locale")],
        certainty="attributed", evidence=[(304, 496)],
        notes="On 6 June 2019, HTS clashed with Syrian forces near Tall Milh (Hama).",
    )
    return _doc(), ev


@pytest.fixture
def protest() -> tuple[Document, Event]:
    """Niger: a protest with no located place (no coordinates) and a crowd size."""
    ev = Event(
        id="e" * 64 + ":0", event_type="protests", sub_event_type="protest_with_intervention",
        date=EventDate(start=date(2018, 4, 15), end=date(2018, 4, 15), precision=1),
        locations=[Location(text="Niamey", country="NE", admin1="Niamey", geo_precision=1)],
        actors=[EventActor(role="actor1", name="Protesters (Niger)", inter=6),
                EventActor(role="actor2", name="Police Forces of Niger", inter=1)],
        participants=[Participants(value=500, qualifier="at_least", party="actor1",
                                   kind="protesters", text="au moins 500 manifestants")],
        notes="Protesters marched in Niamey; police dispersed them.",
    )
    return _doc(id="e" * 64, outlet="AFP", title="Manifestation à Niamey"), ev


@pytest.fixture
def bare() -> tuple[Document, Event]:
    """No location, no actor, no figure, no outlet."""
    ev = Event(id="f" * 64 + ":3", event_type="explosions_remote_violence",
               sub_event_type="air_drone_strike", date=EventDate())
    return _doc(id="f" * 64, outlet=None, url=None, published=None), ev


@pytest.fixture
def rows(battle, protest, bare):
    return [battle, protest, bare]
