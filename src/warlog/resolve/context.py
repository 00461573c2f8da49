"""What a report's context says about its places and actors.

The report's country (from its places, else from the nationalities it names), countries
that act ("La Russie a lancé…"), forces named without a nationality ("l'armée"), and bare
labels ("les terroristes") standing for the group last named. The pipeline runs these
between place and actor resolution and event assembly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy import symbols as spacy_symbols
from spacy.attrs import POS

from warlog.extract.roles import cue_before, cues
from warlog.lexicons import load_yaml, require_str_list
from warlog.resolve.actors import ActorMention, ActorRegistry

NON_STATE_INTER = {2, 3, 4}
_ADJ, _PROPN = spacy_symbols.ADJ, spacy_symbols.PROPN


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main_country(places) -> str | None:
    counts = Counter(p.country for p in places if p.country and p.name)
    return counts.most_common(1)[0][0] if counts else None


def countries_acting(doc, places, registry: ActorRegistry):
    """A country that is the subject of a verb ("La Russie a lancé une attaque") is its
    armed forces, not a location: returns (places kept, actor mentions made)."""
    keep, forces = [], []
    for p in places:
        span = doc.char_span(*p.span) if p.level == "country" else None
        actor = (registry.get(f"Military Forces of {registry.country(p.country)}")
                 if span is not None and span.root.dep_ in ("nsubj", "nsubj:pass") else None)
        if actor is None:
            keep.append(p)
            continue
        forces.append(ActorMention(name=actor.name, inter=actor.inter, text=p.text,
                                   span=p.span, framing=(), kind="description", alias=p.text,
                                   score=100.0))
    return keep, forces


def unqualified_forces(text: str, found, registry: ActorRegistry, country: str | None):
    """"L'armée", "la police" without a nationality: the forces of the report's country."""
    name = registry.country(country) if country else None
    if name is None:
        return []
    out = []
    for kind, pattern in _forces_patterns().items():
        actor = registry.get(f"{kind} of {name}")
        if actor is None:
            continue
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if not any(overlaps(span, f.span) for f in found + out):
                out.append(ActorMention(name=actor.name, inter=actor.inter, text=m.group(),
                                        span=span, framing=(), kind="description",
                                        alias=m.group().lower(), score=90.0))
    return out


@lru_cache(maxsize=1)
def _forces_patterns() -> dict[str, re.Pattern[str]]:
    data = load_yaml("lexicons/fr/forces.yaml")
    kinds = {"Military Forces": "military", "Police Forces": "police"}
    return {kind: re.compile(r"(?<!\w)(?:" + "|".join(
                re.escape(p) for p in sorted(require_str_list(data, key, "lexicons/fr/forces.yaml"),
                                             key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
            for kind, key in kinds.items()}


def named_country(doc, registry: ActorRegistry) -> str | None:
    """ISO code of the country the text names most, by nationality adjectives and country
    names: a cheap token scan, run before places and actors are resolved."""
    counts: Counter = Counter()
    # Only adjectives and proper nouns can name a country: pick them from the POS array
    # rather than making a Token object for every word.
    pos = doc.to_array(POS) if len(doc) else ()
    for i in (i for i, p in enumerate(pos) if p == _ADJ or p == _PROPN):
        token = doc[i]
        country = (registry.nationality(token.lower_) if pos[i] == _ADJ
                   else registry.country(token.text))
        if country is not None:
            counts[country] += 1
    if not counts:
        return None
    return registry.country_iso(counts.most_common(1)[0][0])


def resolve_labels(mentions, registry: ActorRegistry, country: str | None, text: str):
    """Bare labels ("les terroristes") stand for the last named armed group before them —
    not counting allies named in passing ("appuyées par des combattants wazalendo") — and,
    with none, for the unidentified armed group of the report's country."""
    allies = cues().assoc
    resolved = []
    last_non_state = None
    for m in mentions:
        if m.name is not None and cue_before(text[max(0, m.span[0] - 60):m.span[0]], allies):
            resolved.append(m)
            continue
        if m.name is None:
            name = last_non_state or registry.unidentified_group(country)
            if name is None:
                resolved.append(m)
                continue
            m = replace(m, name=name, inter=registry.inter_for(name, country))
        elif m.inter in NON_STATE_INTER:
            last_non_state = m.name
        resolved.append(m)
    return resolved
