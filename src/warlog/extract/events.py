"""From triggers to events: group a document's mentions into ACLED-unit event candidates.

ACLED's unit is one happening, one day, one place, one actor pair. A report tells a happening
in several sentences ("X ont lancé une offensive jeudi soir. Au moins 500 … ont attaqué … près
de Y. « … ont repoussé l'attaque … »"), so candidates found per sentence are merged when the
later one only adds what the earlier one lacked (a place, a date) or refers back to it ("l'attaque
de Y", a sentence with neither date nor place). A new date or a new place starts a new event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from warlog.extract.roles import mentions_air

Span = tuple[int, int]

# Event types that may be told as one another when a sentence only refers back ("l'attaque").
_REFERENCE_COMPATIBLE = {frozenset({"battles", "explosions_remote_violence"})}
# Type preference when one sentence carries triggers of several types for one happening.
_TYPE_PRIORITY = {
    "explosions_remote_violence": 5, "violence_against_civilians": 4, "battles": 3,
    "riots": 2, "protests": 1, "strategic_developments": 0,
}


@dataclass
class Analysis:
    """Everything the earlier stages found in one document, in document offsets."""
    text: str
    published: date | None
    sentences: list[Span]
    paragraphs: list[Span]
    triggers: list       # extract.triggers.Trigger
    dates: list          # extract.dates.DateMention
    counts: list         # extract.quantities.CountMention
    actors: list         # resolve.actors.ActorMention (labels resolved by context)
    places: list         # resolve.places.PlaceMention
    attributions: list   # resolve.sources.Attribution
    hedges: list         # resolve.sources.Hedge
    weapons: list        # extract.weapons.WeaponMention
    country: str | None = None

    def sentence_index(self, offset: int) -> int:
        for i, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return i
        return len(self.sentences) - 1

    def paragraph_index(self, offset: int) -> int:
        for i, (start, end) in enumerate(self.paragraphs):
            if start <= offset < end:
                return i
        return len(self.paragraphs) - 1


@dataclass
class Candidate:
    event_type: str
    sub_event_type: str
    triggers: list
    segments: list[Span]           # text each merged mention covers (for counts, places…)
    sentences: list[int]
    paragraph: int
    date: object | None = None     # DateMention found in the event's own words
    places: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    weapons: list = field(default_factory=list)
    actor_mentions: list = field(default_factory=list)

    @property
    def last_sentence(self) -> int:
        return self.sentences[-1]

    @property
    def weight(self) -> float:
        return max(t.weight for t in self.triggers)

    def place_keys(self) -> set:
        return {_place_key(p) for p in self.places}

    def absorb(self, other: "Candidate") -> None:
        self.triggers += other.triggers
        self.segments += other.segments
        self.sentences = sorted(set(self.sentences + other.sentences))
        if self.date is None:
            self.date = other.date
        known = self.place_keys()
        self.places += [p for p in other.places if _place_key(p) not in known]
        self.counts += [c for c in other.counts if c not in self.counts]
        self.weapons += [w for w in other.weapons if w not in self.weapons]
        self.actor_mentions += other.actor_mentions


def _place_key(place) -> object:
    return place.geonames_id if place.geonames_id is not None else _fold(place.text)


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def find_candidates(a: Analysis) -> list[Candidate]:
    """One candidate per happening told in a sentence (before cross-sentence merging)."""
    by_sentence: dict[int, list] = {}
    for trig in a.triggers:
        if trig.status == "event":
            by_sentence.setdefault(a.sentence_index(trig.span[0]), []).append(trig)
    candidates: list[Candidate] = []
    for s_index in sorted(by_sentence):
        triggers = sorted(by_sentence[s_index], key=lambda t: t.span)
        candidates += _sentence_candidates(a, s_index, triggers)
    return candidates


def _sentence_candidates(a: Analysis, s_index: int, triggers: list) -> list[Candidate]:
    s_start, s_end = a.sentences[s_index]
    # Split the sentence between triggers at the last clause break before each next trigger,
    # so its subject goes with it ("…, où les conseillers russes ont fait un retrait").
    bounds = ([s_start] + [_clause_start(a.text, prev.span[1], t.span[0])
                           for prev, t in zip(triggers, triggers[1:])] + [s_end])
    groups: list[tuple[list, Span]] = []
    for i, trig in enumerate(triggers):
        seg = (bounds[i], bounds[i + 1])
        if groups and _same_happening(a, groups[-1], trig, seg):
            trigs, (g_start, _) = groups[-1]
            groups[-1] = (trigs + [trig], (g_start, seg[1]))
        else:
            groups.append(([trig], seg))
    paragraph = a.paragraph_index(s_start)
    out: list[Candidate] = []
    for trigs, seg in groups:
        main = max(trigs, key=lambda t: (t.weight, _TYPE_PRIORITY.get(t.event_type, 0)))
        cand = Candidate(main.event_type, main.sub_event_type, trigs, [seg], [s_index], paragraph)
        cand.date = _own_date(a, seg, (s_start, s_end), main)
        cand.places = _own_places(a, seg, (s_start, s_end), main)
        cand.counts = [c for c in a.counts if seg[0] <= c.span[0] < seg[1]]
        cand.weapons = [w for w in a.weapons if seg[0] <= w.span[0] < seg[1]]
        cand.actor_mentions = [m for m in a.actors if seg[0] <= m.span[0] < seg[1]]
        out += _split_plural(a, cand, main)
    return out


_CLAUSE_BREAK = re.compile(r"[,;:«»]|\s(?:où|qui|que|qu'|dont|tandis que|alors que|et|mais)\s")


def _clause_start(text: str, lo: int, hi: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, hi))
    return breaks[-1].end() if breaks else hi


def _same_happening(a: Analysis, group: tuple[list, Span], trig, seg: Span) -> bool:
    trigs, group_seg = group
    if any(t.event_type == "strategic_developments" for t in trigs + [trig]):
        return all(t.event_type == trig.event_type for t in trigs)
    # A second violent trigger in one sentence is the same happening unless both bring their
    # own place ("des combats à X, tandis que des frappes visaient Y").
    return not (_has_places(a, seg) and _has_places(a, group_seg))


def _has_places(a: Analysis, seg: Span) -> bool:
    return any(seg[0] <= p.span[0] < seg[1] for p in a.places)


def _own_date(a: Analysis, seg: Span, sentence: Span, trig):
    usable = [d for d in a.dates if d.kind != "background"]
    inside = [d for d in usable if seg[0] <= d.span[0] < seg[1]]
    if not inside:
        inside = [d for d in usable if sentence[0] <= d.span[0] < sentence[1]]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.span[0] - trig.span[0]))


def _own_places(a: Analysis, seg: Span, sentence: Span, trig) -> list:
    inside = [p for p in a.places if seg[0] <= p.span[0] < seg[1]]
    if not inside:
        in_sentence = [p for p in a.places if sentence[0] <= p.span[0] < sentence[1]]
        if in_sentence:
            inside = [min(in_sentence, key=lambda p: (p.span[0] > trig.span[0],
                                                      abs(p.span[0] - trig.span[0])))]
    specific = [p for p in inside if p.level == "place"]
    if specific:
        # A province named beside its villages only says where the villages are.
        return specific
    return inside


def _split_plural(a: Analysis, cand: Candidate, main) -> list[Candidate]:
    """"des attaques … près de X et de Y": one event per place, as ACLED codes them."""
    places = [p for p in cand.places if p.level == "place"]
    before = a.text[max(0, main.span[0] - 20):main.span[0]]
    plural_noun = bool(re.search(r"(?:^|\s)(?:des|plusieurs|de nouvelles|de nouveaux|deux|trois)\s+$",
                                 before, re.IGNORECASE)) and main.text.lower().endswith(("s", "x"))
    if len(places) < 2 or not plural_noun:
        return [cand]
    parts = []
    for place in places:
        part = Candidate(cand.event_type, cand.sub_event_type, list(cand.triggers),
                         list(cand.segments), list(cand.sentences), cand.paragraph, cand.date,
                         [place], list(cand.counts), list(cand.weapons),
                         list(cand.actor_mentions))
        parts.append(part)
    return parts


def _compatible(a: Candidate, b: Candidate, reference: bool) -> bool:
    if a.event_type == b.event_type:
        return True
    return reference and frozenset({a.event_type, b.event_type}) in _REFERENCE_COMPATIBLE


def merge_candidates(a: Analysis, candidates: list[Candidate]) -> list[Candidate]:
    """Merge the mentions of one happening told across sentences; keep document order."""
    events: list[Candidate] = []
    for cand in candidates:
        target = _merge_target(a, events, cand)
        if target is None:
            events.append(cand)
        else:
            target.absorb(cand)
    return events


def _merge_target(a: Analysis, events: list[Candidate], cand: Candidate) -> Candidate | None:
    if not events:
        return None
    prev = events[-1]
    adjacent = (cand.sentences[0] - prev.last_sentence <= 1 and cand.paragraph == prev.paragraph)
    same_place = [e for e in reversed(events)
                  if e.place_keys() & cand.place_keys() and _compatible(e, cand, False)]
    if cand.date is None and not cand.places:
        # Neither date nor place: a continuation or a reference to the last happening told.
        for e in reversed(events):
            if e.paragraph != cand.paragraph and not adjacent:
                break
            if _compatible(e, cand, True):
                return e
        return None
    if cand.date is None:
        if adjacent and not prev.places and _compatible(prev, cand, False):
            return prev
        return same_place[0] if same_place else None
    if not cand.places:
        if adjacent and prev.date is None and prev.places and _compatible(prev, cand, False):
            return prev
        return None
    for e in same_place:
        # Same place and same day, or an undated headline or lede ("Attaque meurtrière près
        # de Gao") that the dated sentence goes on to tell.
        if e.date is None or (e.date.start, e.date.end) == (cand.date.start, cand.date.end):
            return e
    return None


_PEOPLE = {"killed", "wounded", "participants", "abducted", "arrested", "displaced"}


def keep(cand: Candidate) -> bool:
    """ACLED codes specific happenings: drop a candidate with no date, no place and no count
    of people of its own (generic talk of "les combats")."""
    return (cand.date is not None or bool(cand.places)
            or any(c.category in _PEOPLE and c.value is not None for c in cand.counts))


def refine_type(a: Analysis, cand: Candidate) -> None:
    """Strikes told without saying how ("ont frappé") are air strikes when aircraft are in view."""
    if cand.sub_event_type not in {"shelling_artillery_missile_attack", "armed_clash"}:
        return
    if not any(t.lemma in {"frapper", "frappe", "bombarder", "bombardement", "raid"}
               for t in cand.triggers):
        return
    first = cand.sentences[0]
    context = a.sentences[max(0, first - 1)][0], a.sentences[cand.last_sentence][1]
    if mentions_air(a.text[context[0]:context[1]]):
        cand.event_type, cand.sub_event_type = "explosions_remote_violence", "air_drone_strike"
