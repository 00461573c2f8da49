"""Find place mentions in a spaCy ``Doc`` and resolve them against the gazetteer.

Candidates are capitalised token runs ("Jisr al-Choghour", "Tal Melh"), whatever label
spaCy's NER gave them: fr_core_news_md tags many villages PER or ORG. A run becomes a place
when the gazetteer knows the name and the context does not say otherwise (a title before a
person, an armed group's name, a common word). Each mention is then resolved in the light of
the whole document: its country (hint, or majority of unambiguous places), the provinces it
names ("dans la province de Hama"), the distance to the other places, feature class and
population. See docs/places.md.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc

from warlog.nlp.tokens import tokens
from warlog.resolve._geo_context import (
    ORG_WORDS,
    Context,
    fold_same_length,
    is_org_context,
    is_person_context,
    left_context,
)
from warlog.resolve._geo_text import name_key
from warlog.resolve.gazetteer import (
    Candidate,
    Gazetteer,
    default_store_path,
    distance_km,
    feature_weight,
    population_weight,
    store_path,
)

__all__ = ["PlaceMention", "find_places", "Gazetteer"]


@dataclass(frozen=True)
class PlaceMention:
    text: str
    span: tuple[int, int]
    name: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str | None        # GeoNames feature class.code: "P.PPL", "A.ADM1", "A.PCLI"
    geo_precision: int         # ACLED: 1 the town itself, 2 near it / part of a region, 3 province
    level: str                 # "place" | "admin1" | "country"
    score: float
    phrase: str | None         # the spatial phrase that set the precision


_ARTICLE_WORD = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ech|ed|en|er|es|et|ez)-[A-ZÀ-Þ]")
_PARTICLES = frozenset({"al", "el", "ash", "ad", "an", "ar", "as", "at", "az", "ez", "ed",
                        "es", "ech", "ben", "bin", "ibn", "bou", "ould"})
_FR_CONNECTORS = frozenset({"de", "du", "des", "la", "le", "les"})
_ELISION = re.compile(r"^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’]$", re.I)
_PLACE_LABELS = frozenset({"LOC", "GPE"})
NOTABLE_POPULATION = 50000


class _Word(NamedTuple):
    """A word glued back from tokens. A tuple: a report has hundreds, and a frozen
    dataclass costs three times as much to make."""
    i: int          # first token
    j: int          # one past the last token
    text: str
    start: int
    end: int
    stop: bool


def _wordish(t: str) -> bool:
    return t == "-" or (t[:1].isalpha() and all(ch.isalpha() or ch in "-'’" for ch in t))


class _Tokens:
    """The token attributes the scan reads: the shared token table (indexing a ``Doc``
    builds a ``Token`` object on every access), and which tokens may glue to the next."""

    __slots__ = ("doc_text", "text", "stop", "idx", "glue")

    def __init__(self, doc: Doc):
        table = tokens(doc)
        self.text, self.stop, self.idx = table.text, table.stop, table.idx
        self.doc_text = table.doc_text
        # glue[k]: token k may be glued to token k + 1 as far as token k alone can tell.
        wordish, elision = _WORDISH, _ELISION.match
        self.glue = [ws == "" and wordish(t) and not elision(t)
                     for t, ws in zip(table.text, table.ws)]


class _WordishMemo(dict):
    def __missing__(self, t: str) -> bool:
        self[t] = out = _wordish(t)
        return out

    def __call__(self, t: str) -> bool:
        return self[t]


_WORDISH = _WordishMemo()


def _words(doc: Doc, sent, toks: _Tokens | None = None) -> list[_Word]:
    """Tokens glued back into words: spaCy splits "al-Choghour" and "Ma'arrat" apart."""
    toks = toks or _Tokens(doc)
    texts, stops, idx, glue = toks.text, toks.stop, toks.idx, toks.glue
    text = toks.doc_text
    out: list[_Word] = []
    k, end = sent.start, sent.end
    while k < end:
        j = k + 1
        while j < end and glue[j - 1] and _WORDISH[texts[j]]:
            j += 1
        while j - 1 > k and texts[j - 1] == "-":
            j -= 1
        a, b = idx[k], idx[j - 1] + len(texts[j - 1])
        out.append(_Word(k, j, text[a:b], a, b, j - k == 1 and stops[k]))
        k = j
    return out


def _is_name_word(w: _Word) -> bool:
    return not w.stop and _NAME_TEXT[w.text]


class _NameTextMemo(dict):
    def __missing__(self, t: str) -> bool:
        ok = bool(t) and t[0].isalpha() and not any(ch.isdigit() for ch in t) and \
            (t[0].isupper() or bool(_ARTICLE_WORD.match(t)))
        if len(self) < 200000:
            self[t] = ok
        return ok


_NAME_TEXT = _NameTextMemo()


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    sent_start: int
    label: str | None
    ctx: Context
    sentence_initial: bool
    acronym: bool
    cands: list[Candidate] = field(default_factory=list)
    best: Candidate | None = None
    total: float = 0.0
    accepted: bool = False

    @property
    def key(self) -> str:
        return name_key(self.text)

    @property
    def placey(self) -> bool:
        return self.ctx.spatial or self.label in _PLACE_LABELS


def _runs(words: list[_Word]) -> list[list[_Word]]:
    """Maximal runs of capitalised words, with the particles and French connectors inside
    them ("Jisr ash Shughur", "Boucle du Mouhoun") kept so the whole can be tried first."""
    runs, i = [], 0
    while i < len(words):
        if not _is_name_word(words[i]):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            low = words[j].text.lower()
            if _is_name_word(words[j]):
                j += 1
            elif (low in _PARTICLES or low in _FR_CONNECTORS) and j + 1 < len(words) \
                    and _is_name_word(words[j + 1]):
                j += 2
            else:
                break
        runs.append(words[i:j])
        i = j
    return runs


def _split_run(run: list[_Word]) -> list[list[_Word]]:
    parts, cur = [], []
    for w in run:
        if w.text.lower() in _FR_CONNECTORS:
            if cur:
                parts.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        parts.append(cur)
    return parts


def _ent_at(doc: Doc) -> dict[int, object]:
    at = {}
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            at[k] = ent
    return at


def _in_org_entity(ent, i: int) -> bool:
    if ent is None or ent.label_ not in ("ORG", "MISC") or ent.start == i:
        return False
    return fold_same_length(ent[0].text) in ORG_WORDS


def _collect(doc: Doc, gaz: Gazetteer, countries: list[str] | None) -> list[_Mention]:
    toks = _Tokens(doc)
    text = toks.doc_text
    folded = fold_same_length(text)
    ents = _ent_at(doc)
    out: list[_Mention] = []
    for sent in doc.sents:
        for run in _runs(_words(doc, sent, toks)):
            parts = [run]
            if len(run) > 1 and any(w.text.lower() in _FR_CONNECTORS for w in run):
                whole = text[run[0].start:run[-1].end]
                if not [c for c in gaz.matches(whole, countries, fuzzy=False)
                        if c.name_score >= 0.95]:
                    parts = _split_run(run)
            for part in parts:
                m = _mention(text, part, sent, ents, out, folded)
                if m is not None:
                    m.cands = gaz.matches(m.text, countries)
                    if m.cands:
                        out.append(m)
    return out


_LOWER_OR_DIGIT = re.compile(r"[a-z0-9]")
_ORG_AFTER = re.compile(r"\s+[uU]nies\b")


def _mention(text: str, part: list[_Word], sent, ents, previous: list[_Mention],
             folded: str | None = None) -> _Mention | None:
    if folded is None:
        folded = fold_same_length(text)
    start, end = part[0].start, part[-1].end
    surface = text[start:end]
    sent_start = sent.start_char
    ent = ents.get(part[0].i)
    label = ent.label_ if ent is not None else None
    ctx = left_context(text, start, sent_start, folded)
    if ctx.coordinated and previous and previous[-1].sent_start == sent_start \
            and previous[-1].ctx.phrase and start - previous[-1].end <= 12:
        ctx = previous[-1].ctx
    if is_person_context(text, start, sent_start, folded):
        return None
    if _ORG_AFTER.match(text, end):
        return None  # "les Nations unies" is an organisation, not a place
    if is_org_context(text, start, sent_start, surface, ctx.spatial, folded) or \
            _in_org_entity(ent, part[0].i):
        return None
    return _Mention(start, end, surface, sent_start, label, ctx,
                    sentence_initial=not _LOWER_OR_DIGIT.search(folded, sent_start, start),
                    acronym=surface.isupper() and len(surface) <= 5 and len(part) == 1)


def _notable(c: Candidate) -> bool:
    return c.is_country or c.fcode in ("ADM1", "PPLC", "PPLA") or \
        c.population >= NOTABLE_POPULATION


def _generic_best(m: _Mention) -> Candidate | None:
    exact = [c for c in m.cands if c.name_score >= 0.95]
    if not exact:
        return None
    return max(exact, key=lambda c: (feature_weight(c) + population_weight(c.population),
                                     -c.geonames_id))


def _doc_country(mentions: list[_Mention]) -> str | None:
    votes: Counter[str] = Counter()
    for m in mentions:
        c = _generic_best(m)
        if c is None or not c.country or (_minor_alias(c) and _ambiguous(m)):
            continue
        countries = {x.country for x in m.cands if x.name_score >= 0.95}
        if _notable(c) or len(countries) == 1:
            votes[c.country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _score(m: _Mention, c: Candidate, doc_country: str | None, admin_votes: Counter,
           anchors: list[tuple[str, int, float, float]]) -> float:
    # Exact names (main or alternate) are one tier: the context decides between them.
    s = 0.55 * (1.0 if c.name_score >= 0.95 else c.name_score) + 0.1 * feature_weight(c) \
        + 0.1 * population_weight(c.population)
    if doc_country and c.country == doc_country:
        s += 0.25
    if admin_votes and c.admin1_code:
        s += 0.15 * admin_votes[(c.country, c.admin1_code)] / max(admin_votes.values())
    if c.lat is not None and c.lon is not None:
        mkey, gid0, here = m.key, c.geonames_id, (c.lat, c.lon)
        near = [distance_km((lat, lon), here) for key, gid, lat, lon in anchors
                if gid != gid0 and key != mkey]
        if near:
            s += 0.15 * math.exp(-min(near) / 25)
    if c.is_country and c.name_score >= 0.97 and m.ctx.level in (None, "country") \
            and m.ctx.precision in (None, 3):
        # "la Chine", "en Syrie": a country name is the country, not a village spelt alike.
        s += 0.3
    if m.ctx.level == "admin1":
        s += 0.2 if c.fcode == "ADM1" else 0.0
    elif m.ctx.level == "country":
        s += 0.1 if c.is_country else 0.0
    elif m.ctx.level == "region":
        s += 0.05 if c.fcode == "ADM1" else 0.0
    elif c.fclass == "P":
        s += 0.05
    return s


_MAJOR_CITY = 500_000


def fold_name(name: str | None) -> str:
    return name_key(name or "")


def _ambiguous(m: "_Mention") -> bool:
    """The name is exact in more than one country."""
    return len({x.country for x in m.cands if x.name_score >= 0.95}) > 1


def _minor_alias(c: Candidate) -> bool:
    """Reached only by an alternate name, and not a major city: weak evidence of a country."""
    return (not c.is_country and fold_name(c.matched) != fold_name(c.name)
            and (c.population or 0) < _MAJOR_CITY)


def _accept(m: _Mention, c: Candidate, doc_country: str | None) -> bool:
    exact = c.name_score >= 0.95
    if m.acronym:
        return c.is_country and exact
    # A place abroad reached only by an alternate name must be a major city ("Moscou"); with
    # the report's country unknown, so must one whose name is exact in several countries:
    # "Boni", a Malian village, is also an alternate name of Bonn (and of Watampone).
    if _minor_alias(c) and (c.country != doc_country if doc_country else _ambiguous(m)):
        return False
    if doc_country and c.country != doc_country:
        # A same-named place abroad only when it is notable and named exactly.
        return exact and _notable(c) and (m.placey or m.label is not None)
    if c.match == "fuzzy" and (not m.ctx.spatial or c.name_score < 0.6):
        return False
    if c.match == "translit" and c.name_score < 0.8:
        return False
    if _notable(c) and (exact or m.placey):
        return True
    if m.sentence_initial and m.label not in _PLACE_LABELS:
        return False
    if doc_country is None:
        countries = {x.country for x in m.cands if x.name_score >= c.name_score - 0.05}
        return m.placey and len(countries) == 1
    return m.placey


def _resolve(mentions: list[_Mention], doc_country: str | None, gaz: Gazetteer) -> None:
    admin_votes: Counter = Counter()
    anchors: list[tuple[str, int, float, float]] = []
    # Unambiguous mentions first: they give the provinces and anchor points.
    for m in mentions:
        inside = [c for c in m.cands if not doc_country or c.country == doc_country]
        exact = [c for c in inside if c.name_score >= 0.95]
        if len({c.geonames_id for c in exact if c.fclass == "P"}) == 1 or \
                (m.ctx.level == "admin1" and exact):
            c = max(exact, key=lambda x: (x.fcode == "ADM1") if m.ctx.level == "admin1"
                    else (x.fclass == "P"))
            if c.admin1_code:
                admin_votes[(c.country, c.admin1_code)] += 3 if m.ctx.level == "admin1" else 1
            if c.lat is not None and c.fclass == "P" and not c.is_country:
                anchors.append((m.key, c.geonames_id, c.lat, c.lon))
    for m in mentions:
        cands = m.cands
        if doc_country and not any(c.country == doc_country for c in cands):
            have = {x.geonames_id for x in cands}
            cands = cands + [c for c in gaz.matches(m.text, [doc_country])
                             if c.geonames_id not in have]
        # A spelling variant never beats an exact name that is local or notable.
        if any(c.name_score >= 0.95 and (c.country == doc_country or _notable(c))
               for c in cands):
            cands = [c for c in cands if c.name_score >= 0.95]
        scored = sorted(((_score(m, c, doc_country, admin_votes, anchors), c) for c in cands),
                        key=lambda t: (-t[0], t[1].geonames_id))
        for total, c in scored[:1]:
            m.best, m.total = c, total
            m.accepted = _accept(m, c, doc_country)
    # A name accepted once as a place is a place elsewhere in the report too ("l'attaque
    # de Karnaz" after "près de Karnaz"), with the same resolution.
    chosen: dict[str, _Mention] = {}
    for m in mentions:
        if m.accepted and (m.key not in chosen or m.total > chosen[m.key].total):
            chosen[m.key] = m
    for m in mentions:
        ref = chosen.get(m.key)
        if ref is not None and not m.accepted and not m.acronym:
            m.best, m.total, m.accepted = ref.best, ref.total, True


def _to_mention(m: _Mention, gaz: Gazetteer) -> PlaceMention:
    c = m.best
    assert c is not None
    phrase = m.ctx.phrase
    if c.is_country:
        level, precision = "country", 3
    elif m.ctx.level == "admin1" or c.fcode == "ADM1":
        level, precision = "admin1", 3
        if c.country and c.admin1_code:
            seat = gaz.admin1_seat(c.country, c.admin1_code, [m.text, c.name])
            if seat is not None:
                admin1 = c.admin1 or seat.admin1
                c = seat
                return PlaceMention(m.text, (m.start, m.end), c.name, c.geonames_id, c.lat,
                                    c.lon, c.country, admin1, None, c.feature, precision,
                                    level, round(min(1.0, m.total / 1.3), 3), phrase)
    else:
        level = "place"
        if m.ctx.precision in (1, 2):
            precision = m.ctx.precision
        elif m.ctx.level == "region":
            precision = 2
        else:
            precision = 1
            if m.ctx.level == "country":
                phrase = None
    return PlaceMention(m.text, (m.start, m.end), c.name, c.geonames_id, c.lat, c.lon,
                        c.country, c.admin1, c.admin2, c.feature, precision, level,
                        round(min(1.0, m.total / 1.3), 3), phrase)


_OPEN: dict[tuple[str, str], Gazetteer] = {}


def _default_gazetteer() -> Gazetteer:
    key = (str(store_path()), str(default_store_path()))
    if key not in _OPEN:
        _OPEN[key] = Gazetteer.open()
    return _OPEN[key]


def find_places(doc: Doc, gazetteer: Gazetteer | None = None,
                country_hint: str | None = None,
                keep_unresolved: bool = False) -> list[PlaceMention]:
    """Place mentions of ``doc`` in text order, each resolved. Names the gazetteer cannot
    resolve are left out, unless ``keep_unresolved``: then a name a spatial phrase
    introduces comes out with ``name=None`` (the caller falls back to its province)."""
    gaz = gazetteer or _default_gazetteer()
    hint = country_hint.upper() if country_hint else None
    with gaz.pinned():
        mentions = _collect(doc, gaz, [hint] if hint else None)
        known = [m for m in mentions if m.cands]
        doc_country = hint or _doc_country(known)
        _resolve(known, doc_country, gaz)
        out = []
        for m in mentions:
            if m.accepted and m.best is not None:
                out.append(_to_mention(m, gaz))
            elif keep_unresolved and m.ctx.spatial and not m.sentence_initial \
                    and not m.acronym:
                out.append(PlaceMention(m.text, (m.start, m.end), None, None, None, None, None,
                                        None, None, None, m.ctx.precision or 1, "place", 0.0,
                                        m.ctx.phrase))
        return out
