"""Report sets written for the merge tests: the same happenings as AFP, a state agency and a
local outlet would tell them, as hand-built (Document, Event) records."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from warlog.schema import (Document, Event, EventActor, EventDate, Figure, Location,
                           ProcessedDocument, Source)

HTS, ARMY_SY = "Hayat Tahrir al-Sham", "Military Forces of Syria"
JNIM, ISSP, ARMY_ML = ("Jama'at Nasr al-Islam wal Muslimin", "Islamic State Sahel Province",
                       "Military Forces of Mali")

# Tall Mallah (Hama) and places around it, spelled as outlets spell them.
TALL_MALLAH = dict(name="Tall Milḩ", lat=35.30566, lon=36.51962, country="SY", admin1="Hama",
                   admin2="Muhradah", geo_precision=1)
JIBBIN = dict(name="Jibbīn", lat=35.32, lon=36.55, country="SY", admin1="Hama",
              admin2="Muhradah", geo_precision=1)
HAMA_PROVINCE = dict(name="Hama", lat=35.2, lon=37.0, country="SY", admin1="Hama",
                     geo_precision=3)
MENAKA = dict(name="Ménaka", lat=15.92, lon=2.40, country="ML", admin1="Ménaka",
              geo_precision=1)
GAO = dict(name="Gao", lat=16.27, lon=-0.04, country="ML", admin1="Gao", geo_precision=1)


def doc(key: str, text: str, outlet: str, published: date) -> Document:
    return Document(id=hashlib.sha256(f"{key}\n{text}".encode()).hexdigest(), title=key,
                    outlet=outlet, published=published, text_length=len(text),
                    file=f"{key}.txt")


def event(d: Document, idx: int, *, day: date | None, place: dict | None, side1=(), side2=(),
          kind=("battles", "armed_clash"), dead: list[tuple[int, str, str | None]] = (),
          end: date | None = None, precision: int = 1, basis: str = "explicit",
          certainty: str = "asserted", text_place: str | None = None,
          texts: dict | None = None) -> Event:
    texts = texts or {}
    actors = [EventActor(role="actor1" if i == 0 else "assoc_actor1", name=n,
                         text=texts.get(n, n), inter=2) for i, n in enumerate(side1)]
    actors += [EventActor(role="actor2" if i == 0 else "assoc_actor2", name=n,
                          text=texts.get(n, n), inter=1) for i, n in enumerate(side2)]
    figures = [Figure(value=v, qualifier=q, party="unknown", text=f"{v} morts", source=s)
               for v, q, s in dead]
    return Event(
        id=f"{d.id[:16]}-{idx}", event_type=kind[0], sub_event_type=kind[1],
        date=EventDate(start=day, end=end or day, precision=precision if day else None,
                       basis=basis),
        locations=[Location(text=text_place or place["name"], **place)] if place else [],
        actors=actors, fatalities=figures,
        sources=[Source(speaker=s, text=f"selon {s}") for _, _, s in dead if s],
        certainty=certainty, notes=f"{kind[1]} reported.")


def processed(d: Document, *events: Event) -> ProcessedDocument:
    return ProcessedDocument(document=d, events=list(events))


# -- the sets ---------------------------------------------------------------------------------

def three_outlets() -> list[ProcessedDocument]:
    """One clash at Tall Mallah on 6 June 2019, told by AFP, SANA and a local site with
    different tolls, spellings and date expressions."""
    day = date(2019, 6, 6)
    afp = doc("afp", "Des combats ont opposé jeudi soir les jihadistes de Hayat Tahrir al-Cham "
                     "à l'armée syrienne à Tal Melh, faisant au moins 30 morts selon l'OSDH.",
              "AFP", date(2019, 6, 7))
    sana = doc("sana", "Les unités de l'armée arabe syrienne ont repoussé le 6 juin une attaque "
                       "des terroristes du Front al-Nosra contre Tell Malah, tuant 12 d'entre "
                       "eux.", "SANA", date(2019, 6, 6))
    local = doc("local", "Violents affrontements à Tall Milh : une quarantaine de morts parmi les "
                         "assaillants et les soldats, selon des sources locales.",
                "Enab Baladi", date(2019, 6, 7))
    near = dict(TALL_MALLAH, lat=35.31, lon=36.53)  # the outlet's geocoder picked a nearby point
    return [
        processed(afp, event(afp, 0, day=day, place=TALL_MALLAH, side1=[HTS], side2=[ARMY_SY],
                             dead=[(30, "at_least", "OSDH")], certainty="attributed",
                             text_place="Tal Melh", texts={HTS: "Hayat Tahrir al-Cham"})),
        processed(sana, event(sana, 0, day=day, place=TALL_MALLAH,
                              side1=["Military Forces of Syria (2000-2024)"], side2=[HTS],
                              dead=[(12, "exact", None)], text_place="Tell Malah",
                              texts={HTS: "Front al-Nosra"})),
        processed(local, event(local, 0, day=date(2019, 6, 7), place=near, side1=[HTS], side2=[ARMY_SY],
                               dead=[(40, "about", "sources locales")], certainty="attributed",
                               basis="publication", text_place="Tall Milh")),
    ]


def same_town_two_events() -> list[ProcessedDocument]:
    """Ménaka, 12 March 2023: JNIM attacks an army post; separately, the Islamic State
    Sahel Province abducts civilians. Two outlets each."""
    day = date(2023, 3, 12)
    a = doc("rfi", "Le JNIM a attaqué dimanche un poste de l'armée malienne à Ménaka.", "RFI",
            day)
    b = doc("afp-ml", "Des jihadistes du JNIM ont pris d'assaut une position des FAMa à Ménaka "
                      "dimanche, 5 soldats tués.", "AFP", date(2023, 3, 13))
    c = doc("studio", "Des hommes de l'État islamique au Sahel ont enlevé 9 civils à Ménaka.",
            "Studio Tamani", day)
    d = doc("anp", "Neuf civils enlevés par l'EIS dimanche à Ménaka.", "Le Républicain", day)
    civ = ("violence_against_civilians", "abduction_forced_disappearance")
    return [
        processed(a, event(a, 0, day=day, place=MENAKA, side1=[JNIM], side2=[ARMY_ML])),
        processed(c, event(c, 0, day=day, place=MENAKA, side1=[ISSP], side2=["Civilians (Mali)"],
                           kind=civ)),
        processed(b, event(b, 0, day=day, place=MENAKA, side1=[JNIM], side2=[ARMY_ML],
                           dead=[(5, "exact", None)])),
        processed(d, event(d, 0, day=day, place=MENAKA, side1=[ISSP], side2=["Civilians (Mali)"],
                           kind=civ)),
    ]


def week_offensive() -> list[ProcessedDocument]:
    """An army offensive around Jibbin, 1-7 July 2019, reported day by day by two outlets."""
    out = []
    for i in range(7):
        day = date(2019, 7, 1) + timedelta(days=i)
        for outlet in ("AFP", "SANA"):
            d = doc(f"{outlet}-{i}", f"Jour {i + 1} de l'offensive sur Jibine ({outlet}).",
                    outlet, day)
            out.append(processed(d, event(d, 0, day=day, place=JIBBIN, side1=[ARMY_SY],
                                          side2=[HTS], dead=[(3 + i, "exact", None)])))
    return out


def province_and_village() -> list[ProcessedDocument]:
    """"Des combats dans la province de Hama" (province-level) beside the village report."""
    day = date(2019, 6, 9)
    vague = doc("vague", "De violents combats ont opposé jeudi HTS et l'armée dans la province "
                         "de Hama.", "France 24", day)
    precise = doc("precise", "Combats jeudi à Tall Mallah entre HTS et l'armée syrienne, 7 morts.",
                  "AFP", day)
    return [
        processed(precise, event(precise, 0, day=day, place=TALL_MALLAH, side1=[HTS],
                                 side2=[ARMY_SY], dead=[(7, "exact", None)])),
        processed(vague, event(vague, 0, day=day, place=HAMA_PROVINCE, side1=[HTS],
                               side2=[ARMY_SY])),
    ]
