"""Actor registry and actor-mention finding.

The registry (``data/actors.yaml``) maps names, abbreviations and transliterations to
ACLED-style canonical actors. :meth:`ActorRegistry.find` lists every actor mention in a
document: registry names (spaCy ``PhraseMatcher`` over accent- and hyphen-folded words),
descriptions with a country slot ("l'armée syrienne", "les forces de Damas", "des civils"),
loaded labels ("les terroristes") that are kept as framing and never become a name, and a
transliteration-aware fuzzy fallback for spelling variants. See docs/actors.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from warlog.errors import LexiconError
from warlog.nlp.tokens import doc_text
from warlog.resolve._actor_data import DEFAULT_PATH, Actor, Alias, RegistryData, load_data
from warlog.resolve._actor_desc import DescriptionScanner, Table, _Cand, _phrase_table, _Table
from warlog.resolve._text import Word, key, translit_key, words

__all__ = ["Actor", "ActorMention", "ActorRegistry", "interaction"]

# Fuzzy cut-offs on transliteration keys (rapidfuzz ratio, 0-100). Inside running text the
# bar is higher: a false actor is worse than a missed spelling variant.
FIND_FUZZY_CUTOFF = 90.0
LOOKUP_FUZZY_CUTOFF = 88.0
MIN_FUZZY_CHARS = 8  # "Hama" must never drift to "Hamas"
TRANSLIT_SCORE = 95.0
AMBIGUOUS_UNRESOLVED = 50.0

_PARTICLES = {"al", "el", "ad", "ash", "as", "ar", "at", "an", "az", "ech", "ibn", "bin",
              "abou", "abu", "wal", "de", "du", "des", "la", "l", "d", "et", "ul", "ben"}


@dataclass(frozen=True)
class ActorMention:
    name: str | None
    inter: int | None
    text: str
    span: tuple[int, int]
    framing: tuple[str, ...]
    kind: str
    alias: str | None
    score: float


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: 10 × the smaller inter + the larger; a solo actor gives 10 × inter."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return 10 * (inter1 if inter1 is not None else inter2)
    low, high = sorted((inter1, inter2))
    return 10 * low + high


class ActorRegistry(DescriptionScanner):
    def __init__(self, data: RegistryData):
        self.path = data.path
        self._data = data
        self._actors: dict[str, Actor] = {a.name: a for a in data.actors}
        self._order = {a.name: i for i, a in enumerate(data.actors)}
        self._countries = {c.name: c for c in data.countries}
        self._country_keys: dict[str, str] = {}
        for c in data.countries:
            for form in (c.name, c.iso, *c.fr):
                self._country_keys[key(form)] = c.name
        self._branches: dict[tuple[str, str], Actor] = {
            (a.branch_of, a.country): a for a in data.actors if a.branch_of and a.country}
        self._templates = data.templates
        self._build_aliases()
        self._build_descriptions()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None) -> "ActorRegistry":
        """The registry at ``path`` (default: the packaged ``data/actors.yaml``, cached)."""
        if path is None:
            return _default_registry()
        return cls(load_data(path))

    def _build_aliases(self) -> None:
        self._alias_index: dict[str, list[tuple[Actor, Alias]]] = {}
        for actor in self._data.actors:
            for al in actor.alias_info:
                self._alias_index.setdefault(key(al.text), []).append((actor, al))
        for k, entries in self._alias_index.items():
            if len(entries) > 1 and not all(al.ambiguous for _, al in entries):
                names = ", ".join(repr(a.name) for a, _ in entries)
                raise LexiconError(
                    f"alias {entries[0][1].text!r} is shared by {names}; mark it "
                    f"`ambiguous: true` on each or remove it", self.path)
        self._vocab = Vocab()
        self._matcher = PhraseMatcher(self._vocab, attr="ORTH")
        for k in self._alias_index:
            self._matcher.add(k, [Doc(self._vocab, words=k.split())])
        self._translit: dict[str, list[tuple[Actor, Alias]]] = {}
        for k, entries in self._alias_index.items():
            self._translit.setdefault(translit_key(k), []).extend(entries)
        self._translit_keys = list(self._translit)

    def _build_descriptions(self) -> None:
        d = self._data.descriptions
        self._det = _phrase_table(d["determiners"])
        self._force: Table = _Table()
        for cat, nouns in d["force_nouns"].items():
            if cat not in self._templates:
                raise LexiconError(f"descriptions.force_nouns: {cat!r} is not a template", self.path)
            self._force.update(_phrase_table(nouns, cat))
        self._mods = _phrase_table(d["force_modifiers"])
        self._gov = _phrase_table(d["government"])
        unid = d["unidentified"]
        self._unid_always = _phrase_table(unid["always"])
        self._unid_qualified = _phrase_table(unid["qualified"])
        self._unid_qualifiers = _phrase_table(unid["qualifiers"])
        self._groups: Table = _Table()
        for kind in ("civilians", "protesters", "rioters"):
            self._groups.update(_phrase_table(d[kind], kind))
        self._heads = _phrase_table(d["group_heads"])
        self._nat: Table = _Table()
        self._place: Table = _Table()
        for c in self._data.countries:
            self._nat.update(_phrase_table(c.adj, c.name))
            self._place.update(_phrase_table((*c.fr, *c.capitals, *c.leaders), c.name))
        self._labels: Table = _Table()
        self._state_labels: Table = _Table()
        for lb in self._data.labels:
            (self._state_labels if lb.names_state else self._labels).update(
                _phrase_table(lb.forms, lb))
        self._rules = []
        for r in self._data.contextual:
            nouns = _Table(self._labels)
            nouns.update(_phrase_table(r.nouns, None))
            self._rules.append((r, nouns, _phrase_table(r.adjectives, True)))
        # Words that may stand between a label and the name it frames
        # ("les terroristes chinois du groupe …").
        self._glue = {"de", "du", "d", "des", "la", "l", "le", "les"}
        for table in (self._heads, self._nat, _phrase_table(d.get("qualifiers") or [])):
            for k in table:
                self._glue.update(k)
        # First words of every table a description can open with: the scan skips any other
        # word without trying the eight phrase lengths of each table on it.
        openers = [self._force, self._gov, self._state_labels, self._unid_always,
                   self._unid_qualified, self._groups, self._heads, self._labels]
        openers.extend(nouns for _, nouns, _ in self._rules)
        self._desc_starts = {k[0] for table in openers for k in table}

    # ------------------------------------------------------------------ registry
    @property
    def actors(self) -> list[Actor]:
        return list(self._data.actors)

    def country(self, value: str | None) -> str | None:
        """A registry country name from an English name, ISO code or French name."""
        if value is None:
            return None
        return self._country_keys.get(key(value))

    def country_iso(self, value: str | None) -> str | None:
        """ISO 3166 code of a country given by name, code or French name."""
        name = self.country(value)
        return self._countries[name].iso if name is not None else None

    def _need_country(self, value: str | None) -> str | None:
        name = self.country(value)
        if value is not None and name is None:
            if len(value) == 2 and value.isalpha() and value.isupper():
                # An ISO code the gazetteer found for a place ("Iskander", a weapon, is also
                # a town in Uzbekistan): a country the registry lacks has no forces to name.
                return None
            raise ValueError(f"unknown country {value!r}: add it to `countries` in {self.path}")
        return name

    def nationality(self, adjective: str) -> str | None:
        """The country of a French nationality adjective ("russes" → "Russia")."""
        return self._nat.get(tuple(key(adjective).split()))

    def template_name(self, kind: str, country: str | None) -> str | None:
        return None if country is None else self._templates[kind][0].format(country=country)

    def unidentified_group(self, country: str | None) -> str | None:
        """"Unidentified Armed Group (<country>)", what a bare label stands for when the
        text names no group; ``None`` without a known country."""
        return self.template_name("unidentified", self.country(country))

    def get(self, name: str) -> Actor | None:
        """The actor called ``name``, including template actors ("Civilians (Mali)")."""
        if name in self._actors:
            return self._actors[name]
        return _template_actor(self, name)

    def inter_for(self, name: str, event_country: str | None) -> int:
        actor = self.get(name)
        if actor is None:
            raise KeyError(f"{name!r} is not in the actor registry")
        where = self._need_country(event_country)
        if actor.inter == 1 and actor.country and where and actor.country != where:
            return 8
        return actor.inter

    # ------------------------------------------------------------------ lookup
    def _rank(self, entries, country: str | None) -> list[tuple[Actor, str, float]]:
        ranked = []
        for actor, al in entries:
            score = 100.0
            if country and (actor.name, country) in self._branch_parents():
                actor = self._branches[(actor.name, country)]
            elif al.ambiguous:
                score = 100.0 if country == actor.country else (
                    AMBIGUOUS_UNRESOLVED if country is None else 40.0)
            ranked.append((actor, al.text, score))
        ranked.sort(key=lambda r: (-r[2], self._order.get(r[0].name, 0)))
        return ranked

    def _branch_parents(self):
        return self._branches.keys()

    def lookup(self, name: str, country: str | None = None) -> list[tuple[Actor, str, float]]:
        """Ranked ``(actor, alias, score)`` for a name or description as written."""
        country = self._need_country(country)
        ks = [w.key for w in words(name)]
        if not ks:
            return []
        for variant in self._variants(ks):
            entries = self._alias_index.get(" ".join(variant))
            if entries:
                return self._rank(entries, country)
        # A description or contextual phrase that covers the whole text.
        cands = self._select(self._candidates(name, words(name), country, None))
        core = [c for c in cands if c.kind != "label"]
        if len(cands) == 1 and core:
            c = core[0]
            lead = 0
            while lead < c.start and (ks[lead],) in self._det:
                lead += 1
            if c.start == lead and c.end == len(ks) and c.name:
                actor = self.get(c.name)
                if actor is not None:
                    return [(actor, name.strip(), c.score)]
        if cands and all(c.kind == "label" for c in cands):
            return []
        tk = translit_key(" ".join(self._variants(ks)[-1]))
        if tk in self._translit:
            return [(a, t, min(s, TRANSLIT_SCORE)) for a, t, s in
                    self._rank(self._translit[tk], country)]
        if len(tk.replace(" ", "")) < 5:
            return []
        out: dict[str, tuple[Actor, str, float]] = {}
        for hit, score, _ in process.extract(tk, self._translit_keys, scorer=fuzz.ratio,
                                             limit=5, score_cutoff=LOOKUP_FUZZY_CUTOFF):
            for actor, text, s in self._rank(self._translit[hit], country):
                s = min(s, score)
                if actor.name not in out or out[actor.name][2] < s:
                    out[actor.name] = (actor, text, s)
        return sorted(out.values(), key=lambda r: -r[2])

    def _variants(self, ks: list[str]) -> list[list[str]]:
        """The text, then without leading determiners and "du groupe"-style glue."""
        out = [ks]
        i = 0
        while i < len(ks) - 1 and ((ks[i],) in self._det or ks[i] in ("du", "de", "d")
                                   or (ks[i],) in self._heads):
            i += 1
            out.append(ks[i:])
        return out

    # ------------------------------------------------------------------ find
    def find(self, doc: Doc | str, country: str | None = None) -> list[ActorMention]:
        """Every actor mention in ``doc``, sorted by position, non-overlapping."""
        country = self._need_country(country)
        text = doc_text(doc) if isinstance(doc, Doc) else doc
        ws = words(text)
        parsed = doc if isinstance(doc, Doc) else None
        selected = self._select(self._candidates(text, ws, country, parsed))
        selected = self._select(selected + self._fuzzy(text, ws, selected, country, parsed))
        merged = self._merge_framing(ws, selected)
        out = []
        prev_end = -1
        for c in merged:
            start = c.start
            if c.kind != "name":
                # Keep the determiner in a description's text ("l'armée syrienne").
                n = 0
                while start - 1 > prev_end and (ws[start - 1].key,) in self._det and n < 1:
                    start -= 1
                    n += 1
            span = (ws[start].start, ws[c.end - 1].end)
            out.append(ActorMention(c.name, c.inter, text[span[0]:span[1]], span, c.framing,
                                    c.kind, c.alias, c.score))
            prev_end = c.end - 1
        return out

    def _candidates(self, text: str, ws: list[Word], country: str | None,
                    doc: Doc | None) -> list[_Cand]:
        ks = [w.key for w in ws]
        return self._name_cands(text, ws, ks, country) + self._desc_cands(ws, ks, country, doc)

    def _name_cands(self, text, ws, ks, country) -> list[_Cand]:
        if not ks:
            return []
        out = []
        for match_id, s, e in self._matcher(Doc(self._vocab, words=ks)):
            entries = self._alias_index[self._vocab.strings[match_id]]
            raw = text[ws[s].start:ws[e - 1].end]
            entries = [(a, al) for a, al in entries if not (al.acronym and raw == raw.lower())]
            if entries:
                out.append(self._name_cand(s, e, self._rank(entries, country)))
        return out

    def _name_cand(self, s: int, e: int, ranked, score_cap: float = 100.0) -> _Cand:
        actor, alias, score = ranked[0]
        if score < 100.0:
            return _Cand(s, e, "name", None, None, alias, min(score, score_cap), 0)
        return _Cand(s, e, "name", actor.name, actor.inter, alias, min(score, score_cap), 0)

    def _fuzzy(self, text, ws, selected, country, doc) -> list[_Cand]:
        """Spelling variants of registry names among capitalised runs and named entities."""
        covered = set()
        for c in selected:
            covered.update(range(c.start, c.end))
        spans: set[tuple[int, int]] = set()
        run: list[int] = []

        def flush() -> None:
            while run and ws[run[-1]].key in _PARTICLES:
                run.pop()
            while run and (ws[run[0]].key,) in self._det:
                run.pop(0)
            if run:
                spans.add((run[0], run[-1] + 1))
            run.clear()

        for idx, w in enumerate(ws):
            # flush() on an empty run does nothing; most words end no run.
            if idx in covered:
                if run:
                    flush()
                continue
            cap = w.raw[:1].isupper()
            joined = bool(run) and text[ws[run[-1]].end:w.start] in (" ", "-", "'", "’")
            if joined and (cap or w.key in _PARTICLES):
                run.append(idx)
            else:
                if run:
                    flush()
                if cap:
                    run.append(idx)
        flush()
        if doc is not None:
            starts = {w.start: n for n, w in enumerate(ws)}
            ends = {w.end: n for n, w in enumerate(ws)}
            for ent in doc.ents:
                if ent.label_ in ("ORG", "MISC", "PER") and ent.start_char in starts and ent.end_char in ends:
                    spans.add((starts[ent.start_char], ends[ent.end_char] + 1))
        out = []
        for s, e in sorted(spans):
            if any(n in covered for n in range(s, e)):
                continue
            tk = translit_key(text[ws[s].start:ws[e - 1].end])
            if len(tk.replace(" ", "")) < MIN_FUZZY_CHARS:
                continue
            if tk in self._translit:
                out.append(self._name_cand(s, e, self._rank(self._translit[tk], country), TRANSLIT_SCORE))
                continue
            hit = process.extractOne(tk, self._translit_keys, scorer=fuzz.ratio,
                                     score_cutoff=FIND_FUZZY_CUTOFF)
            if hit:
                out.append(self._name_cand(s, e, self._rank(self._translit[hit[0]], country), hit[1]))
        return out

    @staticmethod
    def _select(cands: list[_Cand]) -> list[_Cand]:
        taken: set[int] = set()
        chosen = []
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
            if not taken.intersection(range(c.start, c.end)):
                taken.update(range(c.start, c.end))
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _merge_framing(self, ws: list[Word], cands: list[_Cand]) -> list[_Cand]:
        """"les terroristes du groupe X" is one mention of X framed as terroristes."""
        out: list[_Cand] = []
        for c in cands:
            if c.kind == "name" or c.rule_actor:
                prev = out[-1] if out else None
                if prev is not None and c.end - prev.end <= 12 and (
                        prev.kind == "label" or prev.generic
                        or (prev.rule_actor is not None and prev.rule_actor == c.name)):
                    gap = [w.key for w in ws[prev.end:c.start]]
                    if len(gap) <= 4 and all(g in self._glue for g in gap):
                        out.pop()
                        framing = tuple(dict.fromkeys(prev.framing + c.framing))
                        c = _Cand(**{**c.__dict__, "framing": framing})
            out.append(c)
        return out


def _template_actor(registry: ActorRegistry, name: str) -> Actor | None:
    for kind, (pattern, inter) in registry._templates.items():
        prefix, _, suffix = pattern.partition("{country}")
        if name.startswith(prefix) and name.endswith(suffix):
            country = name[len(prefix):len(name) - len(suffix)]
            if country in registry._countries:
                return Actor(name=name, inter=inter, country=country)
    return None


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    return ActorRegistry(load_data(DEFAULT_PATH))
