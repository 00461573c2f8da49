"""Turn a merged event candidate into the public :class:`warlog.schema.Event` record.

Every field keeps the text that supports it; figures keep who claims them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from warlog.extract.dates import publication_window
from warlog.extract.events import Analysis, Candidate
from warlog.extract.notes import write_notes
from warlog.extract.triggers import load_lexicon
from warlog.extract.roles import (TriggerRef, anaphora_at, assign_roles, latter_at,
                                  party_of_head)
from warlog.resolve.actors import interaction
from warlog.resolve.sources import certainty_for
from warlog.schema import (Event, EventActor, EventDate, Figure, Location, Materiel,
                           Participants, Source, Weapon)

_CERTAINTY_RANK = {"asserted": 0, "attributed": 1, "hedged": 2, "denied": 3}
_NOUN_POS = {"NOUN", "PROPN"}


def build_event(a: Analysis, cand: Candidate, event_id: str, registry, doc) -> Event:
    date = _event_date(a, cand)
    locations = _locations(a, cand)
    country = next((loc.country for loc in locations if loc.country), a.country)
    # Bombs and mines are rarely claimed in the same report: ACLED codes the perpetrator as
    # the country's unidentified armed group, and whoever was hit stays actor2.
    hidden = (registry.unidentified_group(country)
              if cand.sub_event_type in _HIDDEN_PERPETRATOR else None)
    actors = _actors(a, cand, registry, country, doc, hidden)
    by_role = {x.role: x for x in actors}
    fatalities, injuries, participants, materiel = _figures(a, cand, by_role)
    event_type, sub_event_type = _type_for_targets(
        cand.event_type, _sub_type_for_actor(cand, by_role.get("actor1")), by_role, fatalities)
    sources, certainty = _sources(a, cand)
    event = Event(
        id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        locations=locations,
        actors=actors,
        fatalities=fatalities,
        injuries=injuries,
        participants=participants,
        materiel=materiel,
        weapons=[Weapon(kind=w.kind, model=w.model, text=w.text, evidence=[w.span])
                 for w in cand.weapons
                 # Materiel counted as lost or used is reported under `materiel` only.
                 if not any(c.span[0] < w.span[1] and w.span[0] < c.span[1]
                            for c in cand.counts if c.category == "materiel" and c.value)],
        sources=sources,
        interaction=interaction(*(by_role[r].inter if r in by_role else None
                                  for r in ("actor1", "actor2"))),
        certainty=certainty,
        framing=_framing(cand),
        evidence=[_trim(a.text, seg) for seg in cand.segments],
    )
    event.notes = write_notes(event)
    return event


_HIDDEN_PERPETRATOR = {"remote_explosive_landmine_ied", "suicide_bomb", "grenade"}
_CIVILIANS_INTER = 7


def _type_for_targets(event_type: str, sub_event_type: str, by_role: dict,
                      fatalities: list) -> tuple[str, str]:
    """ACLED codes an armed attack on civilians as violence against civilians, whatever
    word the report used ("attaque", "incursion", "pillage")."""
    target = by_role.get("actor2")
    civilians_hit = target is not None and target.inter == _CIVILIANS_INTER
    if event_type == "battles" and civilians_hit:
        return "violence_against_civilians", "attack"
    if (event_type == "strategic_developments"
            and (civilians_hit or any(f.party == "civilians" for f in fatalities))):
        return "violence_against_civilians", "attack"
    return event_type, sub_event_type


def _sub_type_for_actor(cand: Candidate, actor1) -> str:
    """Some triggers hold for one kind of actor only ("reprendre le contrôle" is a government
    regaining territory); the lexicon names the sub-type to use for the other kind."""
    lexicon = load_lexicon()
    for trig in cand.triggers:
        entry = lexicon.by_key.get(trig.lemma)
        if (entry is None or entry.needs_actor is None or entry.otherwise is None
                or entry.sub_event_type != cand.sub_event_type or actor1 is None):
            continue
        is_state = actor1.inter == 1
        if (entry.needs_actor == "state") != is_state:
            return entry.otherwise
    return cand.sub_event_type


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in " \t\n,;«»\"":
        start += 1
    while end > start and text[end - 1] in " \t\n,;«»\"":
        end -= 1
    return (start, end)


# --- when -----------------------------------------------------------------------------------

def _event_date(a: Analysis, cand: Candidate) -> EventDate:
    if cand.date is not None:
        return _from_mention(cand.date, "explicit" if cand.date.start else "unresolved")
    first = cand.segments[0][0]
    usable = [d for d in a.dates if d.kind != "background" and d.span[0] < first]
    in_paragraph = [d for d in usable if a.paragraph_index(d.span[0]) == cand.paragraph]
    if in_paragraph:
        return _from_mention(in_paragraph[-1], "paragraph" if in_paragraph[-1].start else
                             "unresolved")
    resolved = [d for d in usable if d.start is not None]
    if resolved and a.published is not None:
        # An undated event told after dated ones happened between the earliest of them and
        # publication: a report narrates one stretch of days.
        start = min(d.start for d in resolved)
        if timedelta(0) <= a.published - start <= timedelta(days=14):
            width = (a.published - start).days
            return EventDate(start=start, end=a.published, precision=2 if width <= 7 else 3,
                             basis="document")
    window = publication_window(a.published)
    if window is None:
        return EventDate(basis="unresolved")
    return EventDate(start=window.start, end=window.end, precision=window.precision,
                     basis="publication")


def _from_mention(mention, basis: str) -> EventDate:
    return EventDate(start=mention.start, end=mention.end, precision=mention.precision,
                     text=mention.text, evidence=[mention.span], basis=basis)


# --- where ----------------------------------------------------------------------------------

def _locations(a: Analysis, cand: Candidate) -> list[Location]:
    out = []
    specific = [p for p in cand.places if p.level == "place"]
    for place in specific or cand.places:
        if place.name is None:
            fallback = _province_of(a, place.span[0])
            if fallback is None:
                continue
            out.append(_location(fallback, text=place.text, span=place.span, precision=3))
        else:
            out.append(_location(place))
    if not out:
        # No place in the event's own words: the last place of its paragraph, only as far as
        # its province is concerned.
        before = [p for p in a.places if p.span[0] < cand.segments[0][0] and p.name
                  and a.paragraph_index(p.span[0]) == cand.paragraph]
        if before:
            prov = _province_of(a, before[-1].span[0]) or before[-1]
            out.append(_location(prov, precision=3))
    return out


def _province_of(a: Analysis, offset: int):
    """The province a place at ``offset`` lies in, as the text says: the nearest admin1-level
    mention in its sentence ("près de X, dans la province de Hama"), else the last before."""
    provinces = [p for p in a.places if p.level == "admin1" and p.name]
    s = a.sentences[a.sentence_index(offset)]
    same = [p for p in provinces if s[0] <= p.span[0] < s[1]]
    if same:
        return min(same, key=lambda p: abs(p.span[0] - offset))
    before = [p for p in provinces if p.span[0] <= offset]
    return before[-1] if before else None


def _location(place, text: str | None = None, span=None, precision: int | None = None) -> Location:
    return Location(
        text=text or place.text, name=place.name, geonames_id=place.geonames_id,
        lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
        admin2=place.admin2,
        geo_precision=max(precision or 0, place.geo_precision or 1),
        evidence=[span or place.span],
    )


# --- who ------------------------------------------------------------------------------------

def _actors(a: Analysis, cand: Candidate, registry, country, doc,
            default_actor1: str | None = None) -> list[EventActor]:
    assignments = []
    for seg in cand.segments:
        s_index = a.sentence_index(seg[0])
        sentence = a.sentences[s_index]
        mentions = [m for m in cand.actor_mentions if seg[0] <= m.span[0] < seg[1] and m.name]
        trigs = [TriggerRef(t.span, t.lemma, doc[t.token_i].pos_ in _NOUN_POS)
                 for t in cand.triggers if sentence[0] <= t.span[0] < sentence[1]]
        victims = tuple(c.span for c in cand.counts
                        if c.category in _VICTIM_CATEGORIES and sentence[0] <= c.span[0] < sentence[1])
        seg_assign = assign_roles(a.text, sentence, mentions, trigs, victims)
        if not any(x.role == "actor1" for x in seg_assign) and anaphora_at(a.text, sentence):
            seg_assign = _from_previous_sentence(a, s_index) + seg_assign
        assignments += seg_assign
    chosen: dict[str, list] = {"actor1": [], "actor2": [], "assoc_actor1": [], "assoc_actor2": []}
    used: set[str] = set()
    for x in assignments:
        name = x.mention.name
        if name in used:
            continue
        role = x.role
        if (role in ("actor1", "actor2") and chosen[role] and _unidentified(chosen[role][0].name)
                and not _unidentified(name)):
            # A group named later ("revendiquée par le JNIM") replaces the unidentified one.
            used.discard(chosen[role].pop(0).name)
        if role in ("actor1", "actor2") and chosen[role]:
            role = "assoc_" + role
        if role.startswith("assoc_") and not chosen[role.removeprefix("assoc_")]:
            role = role.removeprefix("assoc_")
        chosen[role].append(x.mention)
        used.add(name)
    if not chosen["actor1"] and default_actor1 is not None:
        # Its evidence is the event word it is inferred from.
        chosen["actor1"] = [_Named(default_actor1, span=cand.triggers[0].span)]
    elif not chosen["actor1"] and chosen["actor2"]:
        # "Des affrontements ont opposé X à Y": no one acts on the other; the first named
        # side is actor1, as ACLED codes symmetric clashes.
        chosen["actor1"] = [chosen["actor2"].pop(0)]
        if not chosen["actor2"] and chosen["assoc_actor2"]:
            chosen["actor2"] = [chosen["assoc_actor2"].pop(0)]
    out = []
    for role in ("actor1", "assoc_actor1", "actor2", "assoc_actor2"):
        for m in chosen[role]:
            out.append(EventActor(role=role, name=m.name, text=m.text,
                                  inter=registry.inter_for(m.name, country),
                                  evidence=[m.span] if m.span else []))
    return out


_VICTIM_CATEGORIES = {"killed", "wounded", "abducted"}


@dataclass(frozen=True)
class _Named:
    """An actor the text does not name (the perpetrator of an unclaimed bombing)."""
    name: str
    text: str | None = None
    span: tuple[int, int] | None = None


def _unidentified(name: str) -> bool:
    return name.startswith("Unidentified ")


def _from_previous_sentence(a: Analysis, s_index: int) -> list:
    from warlog.extract.roles import RoleAssignment

    if s_index == 0:
        return []
    start, end = a.sentences[s_index - 1]
    named = [m for m in a.actors if start <= m.span[0] < end and m.name]
    if not named:
        return []
    if latter_at(a.text, a.sentences[s_index]):
        # "ces derniers": the last actors named, with those coordinated with them.
        group = [named[-1]]
        for m in reversed(named[:-1]):
            gap = a.text[m.span[1]:group[0].span[0]]
            if len(gap) > 12 or not re.fullmatch(r"\s*(?:,|et|ainsi que)\s*(?:de|du|des|d')?\s*",
                                                 gap):
                break
            group.insert(0, m)
        named = group
    return [RoleAssignment(m, "actor1", "anaphora") for m in named]


# --- how many -------------------------------------------------------------------------------

def _party(head: str, kind: str | None, by_role: dict) -> str:
    side = {"civilians": "civilians", "soldiers": "state", "police": "state",
            "fighters": "non_state"}.get(kind or "") or party_of_head(head)
    if side == "civilians":
        return "civilians"
    if side is None:
        return "unknown"
    matches = [role for role in ("actor1", "actor2") if role in by_role
               and ((by_role[role].inter == 1) == (side == "state"))]
    return matches[0] if len(matches) == 1 else "unknown"


def _source_of(a: Analysis, span) -> str | None:
    _, attribution = certainty_for(span, a.attributions, a.hedges)
    return attribution.speaker if attribution is not None else None


def _figures(a: Analysis, cand: Candidate, by_role: dict):
    fatalities, injuries, participants, materiel = [], [], [], []
    for c in cand.counts:
        source = _source_of(a, c.span)
        common = dict(text=c.text, source=source, evidence=[c.span])
        if c.category in ("killed", "wounded") and _is_subset(a, c, cand.counts):
            # "douze morts, dont cinq enfants": the five are among the twelve.
            continue
        if c.category in ("killed", "wounded") and c.value is not None:
            figure = Figure(value=c.value, qualifier=c.qualifier or "exact",
                            party=_party(c.head, c.kind, by_role), **common)
            (fatalities if c.category == "killed" else injuries).append(figure)
        elif c.category == "participants" and c.value is not None:
            party = _party(c.head, c.kind, by_role)
            if party == "unknown" and "actor1" in by_role:
                party = "actor1"
            participants.append(Participants(value=c.value, qualifier=c.qualifier or "exact",
                                             party=party, kind=c.kind or "fighters", **common))
        elif c.category == "materiel" and c.kind:
            materiel.append(Materiel(kind=c.kind, count=c.value, qualifier=c.qualifier,
                                     outcome=c.outcome or "used",
                                     party=_materiel_party(a, c, by_role), **common))
    return fatalities, injuries, participants, materiel


_SUBSET = re.compile(r"\b(?:dont|parmi (?:lesquels|lesquelles|eux|elles)|y compris|notamment)"
                     r"\s+(?:au moins\s+|plus de\s+|près de\s+|environ\s+)?$", re.IGNORECASE)


def _is_subset(a: Analysis, count, counts: list) -> bool:
    """A figure introduced by "dont"/"parmi lesquels" right after a figure of its category."""
    if not _SUBSET.search(a.text[max(0, count.span[0] - 30):count.span[0]]):
        return False
    return any(o.category == count.category and o.value is not None
               and o.span[1] <= count.span[0] and count.span[0] - o.span[1] <= 40
               for o in counts)


def _materiel_party(a: Analysis, count, by_role: dict) -> str:
    if count.outcome in (None, "used"):
        return "actor1" if "actor1" in by_role else "unknown"
    # Destroyed or captured materiel belongs to the side the clause's subject fights.
    s = a.sentences[a.sentence_index(count.span[0])]
    subjects = [m for m in a.actors if s[0] <= m.span[0] < count.span[0] and m.name]
    for m in subjects:
        for role, other in (("actor1", "actor2"), ("actor2", "actor1")):
            if role in by_role and by_role[role].name == m.name and other in by_role:
                return other
    return "unknown"


# --- who says so ----------------------------------------------------------------------------

def _sources(a: Analysis, cand: Candidate) -> tuple[list[Source], str]:
    certainty = "asserted"
    found: dict[str, Source] = {}
    spans = [t.span for t in cand.triggers] + [c.span for c in cand.counts]
    for span in spans:
        level, attribution = certainty_for(span, a.attributions, a.hedges)
        if _CERTAINTY_RANK.get(level, 0) > _CERTAINTY_RANK[certainty]:
            certainty = level
        if attribution is not None and attribution.speaker not in found:
            found[attribution.speaker] = Source(
                speaker=attribution.speaker, affiliation=attribution.affiliation,
                cue=attribution.cue, text=a.text[attribution.cue_span[0]:attribution.cue_span[1]],
                evidence=[attribution.cue_span])
    return list(found.values()), certainty


def _framing(cand: Candidate) -> list[str]:
    labels: list[str] = []
    for m in cand.actor_mentions:
        for label in m.framing:
            if label not in labels:
                labels.append(label)
    return labels
