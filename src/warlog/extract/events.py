"""From triggers to events: group a document's mentions into ACLED-unit event candidates.

ACLED's unit is one happening, one day, one place, one actor pair. A report tells a happening
in several sentences ("X ont lancé une offensive jeudi soir. Au moins 500 … ont attaqué … près
de Y. « … ont repoussé l'attaque … »"), so candidates found per sentence are merged when the
later one only adds what the earlier one lacked (a place, a date) or refers back to it ("l'attaque
de Y", a sentence with neither date nor place). A new date or a new place starts a new event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from warlog.extract.roles import mentions_air

Span = tuple[int, int]

# Event types that may be told as one another when a sentence only refers back ("l'attaque").
_REFERENCE_COMPATIBLE = {frozenset({"battles", "explosions_remote_violence"}),
                         frozenset({"protests", "riots"})}
# Within one event type, what a later sentence may add to a happening already told.
_SEVERITY = {"peaceful_protest": 1, "protest_with_intervention": 2,
             "excessive_force_against_protesters": 3, "violent_demonstration": 1,
             "mob_violence": 2,
             # A car bomb driven by a suicide bomber is a suicide bombing.
             "remote_explosive_landmine_ied": 1, "suicide_bomb": 2}
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
        return _index(self.sentences, offset)

    def paragraph_index(self, offset: int) -> int:
        return _index(self.paragraphs, offset)


def _index(spans: list[Span], offset: int) -> int:
    """Index of the span holding ``offset`` in sorted, non-overlapping ``spans``: the last
    one starting at or before it (an offset in a gap between spans belongs to the next one,
    as a linear scan for ``start <= offset < end`` would also fail and fall to the last)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]:
        return i
    # Offsets outside every span (whitespace between paragraphs) keep the old answer.
    return len(spans) - 1


@dataclass
class Candidate:
    event_type: str
    sub_event_type: str
    triggers: list
    segments: list[Span]           # text each merged mention covers (for counts, places…)
    sentences: list[int]
    paragraph: int
    date: object | None = None     # DateMention found in the event's own words
    headline: bool = False         # told in the report's title line
    reference: bool = False        # "L'attaque a été revendiquée…": points back to one told
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

    def absorb(self, other: "Candidate", take_date: bool = True,
               take_places: bool = True) -> None:
        self.triggers += other.triggers
        self.segments += other.segments
        self.sentences = sorted(set(self.sentences + other.sentences))
        if self.date is None and take_date:
            self.date = other.date
        if (self.event_type == other.event_type
                and _SEVERITY.get(other.sub_event_type, 0) > _SEVERITY.get(self.sub_event_type, 0)):
            # "Une marche… La police a dispersé les manifestants": the happening is the
            # protest with intervention, told in two steps.
            self.sub_event_type = other.sub_event_type
        if self.event_type == "protests" and other.event_type == "riots":
            # Barricades or stones thrown during a march: the demonstration turned violent.
            self.event_type, self.sub_event_type = other.event_type, other.sub_event_type
        if self.event_type == "protests" and other.sub_event_type == "arrests" \
                and _SEVERITY.get(self.sub_event_type, 0) < _SEVERITY["protest_with_intervention"]:
            # Arrests during a demonstration: the police intervened.
            self.sub_event_type = "protest_with_intervention"
        known = self.place_keys()
        if take_places:
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
    title = _headline_paragraph(a)
    candidates: list[Candidate] = []
    for s_index in sorted(by_sentence):
        triggers = sorted(by_sentence[s_index], key=lambda t: t.span)
        for cand in _sentence_candidates(a, s_index, triggers):
            cand.headline = cand.paragraph == title
            cand.reference = _refers_back(a, cand)
            candidates.append(cand)
    return candidates


def _headline_paragraph(a: Analysis) -> int | None:
    """The title line: a short first paragraph with no final full stop, before the body."""
    if len(a.paragraphs) < 2:
        return None
    start, end = a.paragraphs[0]
    line = a.text[start:end].strip()
    return 0 if len(line) <= 200 and not line.endswith((".", "»", '"')) else None


_DEFINITE = re.compile(r"(?:\b[lL]['’]|\b(?:[lL]es?|[lL]a|[cC]ette|[cC]et|[cC]es|[cC]e)\s+)"
                       r"(?:\w+\s+)?$")
_CLAIM = re.compile(r"\brevendiqu", re.IGNORECASE)


def _refers_back(a: Analysis, cand: Candidate) -> bool:
    """A definite event noun with no place of its own ("l'attaque a été revendiquée jeudi",
    "ces affrontements ont fait 12 morts") tells more about a happening already told."""
    if cand.places:
        return False
    main = cand.triggers[0]
    definite = bool(_DEFINITE.search(a.text[max(0, main.span[0] - 25):main.span[0]]))
    if not definite:
        return False
    sentence = a.sentences[cand.sentences[0]]
    return cand.date is None or bool(_CLAIM.search(a.text[sentence[0]:sentence[1]]))


def _sentence_candidates(a: Analysis, s_index: int, triggers: list) -> list[Candidate]:
    s_start, s_end = a.sentences[s_index]
    # Split the sentence between triggers at the last clause break before each next trigger,
    # so its subject goes with it ("…, où les conseillers russes ont fait un retrait").
    bounds = ([s_start] + [_clause_start(a.text, prev.span[1], t.span[0])
                           for prev, t in zip(triggers, triggers[1:])] + [s_end])
    groups: list[tuple[list, Span]] = []
    for i, trig in enumerate(triggers):
        seg = (bounds[i], bounds[i + 1])
        if groups and (_is_consequence(a, trig) or _same_happening(a, groups[-1], trig, seg)):
            trigs, (g_start, _) = groups[-1]
            groups[-1] = (trigs + [trig], (g_start, seg[1]))
        else:
            groups.append(([trig], seg))
    paragraph = a.paragraph_index(s_start)
    out: list[Candidate] = []
    for trigs, seg in groups:
        # The main clause tells the happening; a participial clause only its toll.
        told = [t for t in trigs if not _is_consequence(a, t)
                and t.lemma not in _PARTICIPANT_NOUNS] or trigs
        main = max(told, key=lambda t: (t.weight, _TYPE_PRIORITY.get(t.event_type, 0),
                                        _SEVERITY.get(t.sub_event_type, 0)))
        if main.event_type == "protests":
            # "ont manifesté, lançant des pierres": a demonstration that turned violent.
            main = next((t for t in trigs if t.event_type == "riots"), main)
        cand = Candidate(main.event_type, main.sub_event_type, trigs, [seg], [s_index], paragraph)
        cand.date = _own_date(a, seg, (s_start, s_end), main)
        cand.places = _own_places(a, seg, (s_start, s_end), main)
        cand.counts = [c for c in a.counts if seg[0] <= c.span[0] < seg[1]]
        cand.weapons = [w for w in a.weapons if seg[0] <= w.span[0] < seg[1]]
        cand.actor_mentions = [m for m in a.actors if seg[0] <= m.span[0] < seg[1]]
        out += _split_plural(a, cand, main)
    return out


# "…, tuant deux civils et en blessant cinq autres": a present participle after a comma
# tells a consequence of the clause before it, not a happening of its own.
_PARTICIPIAL = re.compile(r"[,;]\s*(?:en\s+)?$")


def _is_consequence(a: Analysis, trig) -> bool:
    first = trig.text.split()[0].lower() if trig.text.split() else ""
    if not first.endswith("ant"):
        return False
    before = a.text[max(trig.sentence[0], trig.span[0] - 40):trig.span[0]]
    return bool(_PARTICIPIAL.search(before))


_CLAUSE_BREAK = re.compile(r"[,;:«»]|\s(?:où|qui|que|qu'|dont|tandis que|alors que|et|mais)\s")


def _clause_start(text: str, lo: int, hi: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, hi))
    return breaks[-1].end() if breaks else hi


# Trigger keys that name the people of a happening rather than the happening.
_PARTICIPANT_NOUNS = {"manifestant"}


def _same_happening(a: Analysis, group: tuple[list, Span], trig, seg: Span) -> bool:
    trigs, group_seg = group
    if any(t.lemma in _PARTICIPANT_NOUNS for t in trigs + [trig]):
        # "a interpellé une vingtaine de manifestants": the protesters are who the clause is
        # about, not a second happening.
        return True
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
    # "L'armée a annoncé jeudi avoir repoussé lundi une attaque": the day of the announcement
    # dates the statement, not the happening, when the clause has a date of its own or the
    # report gave an earlier one.
    said = [d for d in inside if _reporting_date(a, d)]
    if said and len(said) < len(inside):
        inside = [d for d in inside if d not in said]
    elif said and trig.span[0] > said[0].span[1] and _earlier_date(a, sentence, said[0]):
        return None
    return min(inside, key=lambda d: abs(d.span[0] - trig.span[0]))


# A reporting or claiming verb right before a date: "a annoncé jeudi", "a revendiqué lundi".
_REPORTED_ON = re.compile(
    r"\b(?:annon[cç]\w*|revendiqu\w*|indiqu\w*|affirm\w*|déclar\w*|précis\w*|rapport\w*|"
    r"confirm\w*|signal\w*|assur\w*|dément\w*|démenti|accus\w*|ajout\w*|expliqu\w*|dit|"
    r"fait savoir|fait état)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _reporting_date(a: Analysis, d) -> bool:
    return bool(_REPORTED_ON.search(a.text[max(0, d.span[0] - 30):d.span[0]]))


def _earlier_date(a: Analysis, sentence: Span, said) -> bool:
    """Whether the report dated something before the announcement, in this paragraph."""
    para = a.paragraph_index(sentence[0])
    return any(d.kind != "background" and d.span[1] <= sentence[0] and d.start is not None
               and said.start is not None and d.start < said.start
               and a.paragraph_index(d.span[0]) >= para - 1 for d in a.dates)


# "MOGADISCIO, 12 mars (AFP) -": where the story was filed, not where it happened.
_DATELINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’ -]+(?:\s*\([^)]{1,40}\))?\s*,\s*(?:\d{1,2}(?:er)?\s+\w+"
                       r"(?:\s+\d{4})?\s*)?\([^)]{1,30}\)\s*[-–—]")
_QUOTE = re.compile(r"«[^»]*»|“[^”]*”")


def _dateline_end(a: Analysis, offset: int) -> int:
    p_start = a.paragraphs[a.paragraph_index(offset)][0]
    m = _DATELINE.match(a.text, p_start)
    return m.end() if m else p_start


def _own_places(a: Analysis, seg: Span, sentence: Span, trig) -> list:
    places = _event_places(a, sentence, trig)
    inside = [p for p in places if seg[0] <= p.span[0] < seg[1]]
    if not inside:
        in_sentence = [p for p in places if sentence[0] <= p.span[0] < sentence[1]]
        if in_sentence:
            inside = [min(in_sentence, key=lambda p: (p.span[0] > trig.span[0],
                                                      abs(p.span[0] - trig.span[0])))]
    specific = [p for p in inside if p.level == "place"]
    if specific:
        # A province named beside its villages only says where the villages are.
        return specific
    return inside


def _event_places(a: Analysis, sentence: Span, trig) -> list:
    """The places of a sentence that can say where its happening was: not the dateline when
    the text names another place, not a place inside a quote the trigger is not in, not a
    weapon's name."""
    quotes = [m.span() for m in _QUOTE.finditer(a.text, sentence[0], sentence[1])]
    places = [p for p in a.places
              if not any(q0 <= p.span[0] < q1 and not q0 <= trig.span[0] < q1
                         for q0, q1 in quotes)
              # A weapon's name is no place ("des missiles Iskander").
              and not any(w.span[0] <= p.span[0] < w.span[1] for w in a.weapons)]
    dateline = _dateline_end(a, sentence[0])
    if any(p.span[0] < dateline for p in places) and any(
            p.span[0] >= dateline and sentence[0] <= p.span[0] < sentence[1] for p in places):
        places = [p for p in places if not sentence[0] <= p.span[0] < dateline]
    return places


def _split_plural(a: Analysis, cand: Candidate, main) -> list[Candidate]:
    """"des attaques … près de X et de Y": one event per place, as ACLED codes them."""
    places = [p for p in cand.places if p.level == "place"]
    before = a.text[max(0, main.span[0] - 20):main.span[0]]
    plural_noun = bool(re.search(r"(?:^|\s)(?:des|plusieurs|de nouvelles|de nouveaux|deux|trois)\s+$",
                                 before, re.IGNORECASE)) and main.text.lower().endswith(("s", "x"))
    if len(places) < 2 or not plural_noun or not all(
            _COORDINATED.fullmatch(a.text[p.span[1]:q.span[0]])
            for p, q in zip(places, places[1:])):
        # Places not listed together ("à Sake, à 25 km à l'ouest de Goma") are one place
        # and its landmark, not two targets.
        return [cand]
    parts = []
    for place in places:
        part = replace(cand, triggers=list(cand.triggers), segments=list(cand.segments),
                       sentences=list(cand.sentences), places=[place], counts=list(cand.counts),
                       weapons=list(cand.weapons), actor_mentions=list(cand.actor_mentions))
        parts.append(part)
    return parts


_COORDINATED = re.compile(r"\s*(?:,|et|ou|ainsi que)\s*(?:(?:à|de|d'|du|des|dans|sur)\s*)?"
                          r"(?:(?:la|le|les|l')\s*)?", re.IGNORECASE)


_VIOLENT = {"battles", "explosions_remote_violence", "violence_against_civilians"}


def _compatible(a: Candidate, b: Candidate, reference: bool) -> bool:
    if a.event_type == b.event_type:
        return True
    if not reference:
        return False
    # Houses burnt during a raid are part of the raid, as ACLED codes it.
    subs = {a.sub_event_type, b.sub_event_type}
    if "looting_property_destruction" in subs and {a.event_type, b.event_type} & _VIOLENT:
        return True
    return frozenset({a.event_type, b.event_type}) in _REFERENCE_COMPATIBLE


def merge_candidates(a: Analysis, candidates: list[Candidate]) -> list[Candidate]:
    """Merge the mentions of one happening told across sentences; keep document order."""
    events: list[Candidate] = []
    for cand in candidates:
        if cand.headline:
            continue
        if cand.date is None and events:
            cand.date = _relative_to_last(a, events, cand)
        target = _merge_target(a, events, cand)
        if target is None:
            events.append(cand)
        else:
            target.absorb(cand, take_date=not cand.reference)
    # A title announces what the body tells: it adds its evidence to that event and is
    # never an event of its own. It only confirms a body event of its own type: its words
    # and figures never go to a different kind of happening.
    for cand in (c for c in candidates if c.headline):
        keys = cand.place_keys()
        fitting = [e for e in events if e.event_type == cand.event_type]
        target = next((e for e in fitting if e.place_keys() & keys), None) or (
            fitting[0] if fitting else None)
        if target is not None:
            target.absorb(cand, take_date=False, take_places=False)
    return events


# Happenings that are a step of a larger one told just before, as ACLED codes them: arrests
# during a demonstration, missiles or drones shot down during the strike they belong to.
_PART_OF = {"arrests": {"protests", "riots"},
            "disrupted_weapons_use": {"explosions_remote_violence"}}


def _part_of(events: list[Candidate], cand: Candidate) -> Candidate | None:
    wanted = _PART_OF.get(cand.sub_event_type)
    if not wanted or cand.reference is None:
        return None
    specific = {_place_key(p) for p in cand.places if p.level == "place"}
    for e in reversed(events):
        if e.paragraph < cand.paragraph - 1:
            break
        if e.event_type not in wanted:
            continue
        same_day = cand.date is None or e.date is None or (
            (e.date.start, e.date.end) == (cand.date.start, cand.date.end))
        if same_day and (not specific or specific & e.place_keys()):
            return e
    return None


# Days counted from the happening just told, not from publication.
_RELATIVE_TO_EVENT = [(re.compile(r"\bla veille\b", re.IGNORECASE), -1),
                      (re.compile(r"\ble surlendemain\b", re.IGNORECASE), 2),
                      (re.compile(r"\ble lendemain\b", re.IGNORECASE), 1),
                      (re.compile(r"\b(?:le même jour|le jour même|ce même jour)\b",
                                  re.IGNORECASE), 0)]


def _relative_to_last(a: Analysis, events: list[Candidate], cand: Candidate):
    """"La veille de l'attentat", "le lendemain", "le même jour": a day counted from the
    last dated happening told, in this paragraph or the one before."""
    seg = cand.segments[0]
    sentence = a.sentences[cand.sentences[0]]
    text = a.text[sentence[0]:seg[1]]
    for pattern, days in _RELATIVE_TO_EVENT:
        m = pattern.search(text)
        if m is None:
            continue
        told = next((e for e in reversed(events) if e.date is not None
                     and e.date.start is not None and e.paragraph >= cand.paragraph - 1), None)
        if told is None or told.date.start != told.date.end:
            return None
        day = told.date.start + timedelta(days=days)
        offset = sentence[0] + m.start()
        return replace(told.date, start=day, end=day, precision=1, text=m.group(0),
                       span=(offset, offset + len(m.group(0))), kind="relative")
    return None


def _merge_target(a: Analysis, events: list[Candidate], cand: Candidate) -> Candidate | None:
    # The per-place parts of one split sentence ("des attaques … près de X et de Y") share
    # their first segment; they stay apart.
    events = [e for e in events if e.segments[0] != cand.segments[0]]
    if not events:
        return None
    whole = _part_of(events, cand)
    if whole is not None:
        return whole
    prev = events[-1]
    adjacent = cand.sentences[0] - prev.last_sentence <= 1 and cand.paragraph == prev.paragraph
    same_place = [e for e in reversed(events)
                  if e.place_keys() & cand.place_keys() and _compatible(e, cand, False)]
    # A name the gazetteer does not know joins an event told at the same name, or the one
    # told in the sentence just before ("…à Niamey. Partis de la place de la Concertation").
    resolved = any(p.name for p in cand.places)
    if cand.date is None and cand.places and not resolved:
        if same_place:
            return same_place[0]
        if adjacent and prev.places and _compatible(prev, cand, False):
            return prev
    if cand.reference or (cand.date is None and not cand.places):
        # Neither date nor place: a continuation or a reference to the last happening told,
        # in this paragraph or the one before (a quote or a toll often opens the next).
        for e in reversed(events):
            if e.paragraph < cand.paragraph - 1 and not cand.reference:
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
        if cand.paragraph == prev.paragraph and prev.date is not None \
                and _compatible(prev, cand, False) and (
                (prev.date.start, prev.date.end) == (cand.date.start, cand.date.end)):
            # Same day, same kind of happening, no other place: one side's account of the
            # fighting the other side's account told ("ont affirmé avoir repoussé mardi…").
            return prev
        return None
    for e in same_place:
        # Same place and same day, or an undated headline or lede ("Attaque meurtrière près
        # de Gao") that the dated sentence goes on to tell.
        if e.date is None or (e.date.start, e.date.end) == (cand.date.start, cand.date.end):
            return e
    return None


_PEOPLE = {"killed", "wounded", "participants", "abducted", "arrested", "displaced"}


def attach_orphan_counts(a: Analysis, events: list[Candidate]) -> None:
    """A toll told in a sentence of its own ("Le bilan fait état de cinq morts") belongs to
    the last event told before it, in its paragraph or the one before. Sentences with an
    event word that is not an event (background, hypothesis) or a background date ("depuis
    2012") keep their figures to themselves."""
    taken = {id(c) for e in events for c in e.counts}
    quiet = {a.sentence_index(t.span[0]) for t in a.triggers}
    quiet |= {a.sentence_index(d.span[0]) for d in a.dates if d.kind == "background"}
    for count in a.counts:
        if id(count) in taken or count.category not in _PEOPLE or count.value is None:
            continue
        s_index = a.sentence_index(count.span[0])
        if s_index in quiet:
            continue
        paragraph = a.paragraph_index(count.span[0])
        before = [e for e in events if e.segments[-1][1] <= count.span[0]
                  and paragraph - 1 <= e.paragraph <= paragraph]
        if before:
            target = max(before, key=lambda e: e.segments[-1][1])
            target.counts.append(count)
            target.segments.append(a.sentences[s_index])


def keep(cand: Candidate) -> bool:
    """ACLED codes specific happenings: drop a candidate with no date, no place and no count
    of people of its own (generic talk of "les combats")."""
    return (cand.date is not None or bool(cand.places)
            or any(c.category in _PEOPLE and c.value is not None for c in cand.counts))


_GROUND_FIRED = {"missile", "mrl", "artillery", "mortar"}
_AIR_DEFENCE = re.compile(r"\b(?:défenses?|systèmes?|batteries?)\s+(?:anti-?)?aériennes?\b|"
                          r"\bantiaériens?\b|\bantiaériennes?\b", re.IGNORECASE)


def refine_type(a: Analysis, cand: Candidate) -> None:
    """Strikes told without saying how ("ont frappé") are air strikes when aircraft are in view."""
    if cand.sub_event_type not in {"shelling_artillery_missile_attack", "armed_clash"}:
        return
    if not any(t.lemma in {"frapper", "frappe", "bombarder", "bombardement", "raid"}
               for t in cand.triggers):
        return
    if any(w.kind in _GROUND_FIRED for w in cand.weapons):
        # "des frappes de missiles": the weapon named says how, whatever aircraft are about.
        return
    first = cand.sentences[0]
    context = a.sentences[max(0, first - 1)][0], a.sentences[cand.last_sentence][1]
    # Air defence shoots down what others fired; it does not make a strike an air strike.
    words = _AIR_DEFENCE.sub(" ", a.text[context[0]:context[1]])
    if mentions_air(words):
        cand.event_type, cand.sub_event_type = "explosions_remote_violence", "air_drone_strike"
