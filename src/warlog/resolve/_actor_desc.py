"""The description grammar of the actor registry.

Descriptions name an actor through a country slot instead of a name: a force noun and a
nationality ("l'aviation russe"), a force noun and a capital ("les forces de Damas"), the
event country's government forces ("les forces gouvernementales"), unidentified groups,
civilians, protesters; loaded labels ("les terroristes") are found here too, as framing.
The word lists live in ``data/actors.yaml``; docs/actors.md describes the grammar.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX

from warlog.resolve._text import fold, key

Table = dict[tuple[str, ...], Any]
_CONNECTORS = (("de", "la"), ("de", "l"), ("de",), ("du",), ("d",), ("des",))
_STATE_DETERMINERS = {"le", "du", "au"}


@dataclass
class _Cand:
    start: int            # word indices, [start, end)
    end: int
    kind: str             # name | description | label
    name: str | None
    inter: int | None
    alias: str | None
    score: float
    rank: int             # overlap tie-break, lower wins
    framing: tuple[str, ...] = ()
    generic: bool = False  # an unidentified group: a following name says who it was
    rule_actor: str | None = None
    lead: int = 0          # determiner words kept in the text before `start`


class _Table(dict):
    """A phrase table that knows its first words and phrase lengths, so a lookup at a word
    that opens no phrase is one set test instead of up to eight tuple builds. Edits drop
    what it knows; it is worked out again on the next lookup."""

    __slots__ = ("_shape",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shape = None

    def shape(self) -> tuple[set[str], list[int]]:
        if self._shape is None:
            self._shape = ({k[0] for k in self if k},
                           sorted({len(k) for k in self if k}, reverse=True))
        return self._shape

    def __setitem__(self, k, v):
        self._shape = None
        super().__setitem__(k, v)

    def __delitem__(self, k):
        self._shape = None
        super().__delitem__(k)

    def __ior__(self, other):
        self._shape = None
        return super().__ior__(other)

    def update(self, *args, **kwargs):
        self._shape = None
        super().update(*args, **kwargs)

    def setdefault(self, k, default=None):
        self._shape = None
        return super().setdefault(k, default)

    def pop(self, *args):
        self._shape = None
        return super().pop(*args)

    def popitem(self):
        self._shape = None
        return super().popitem()

    def clear(self):
        self._shape = None
        super().clear()


def _phrase_table(phrases, value=True) -> Table:
    table: Table = _Table()
    for p in phrases:
        k = tuple(key(p).split())
        if k:
            table[k] = value
    return table


def _longest(table: Table, keys: list[str], i: int, max_len: int = 8):
    if type(table) is _Table:
        top = min(max_len, len(keys) - i)
        if top <= 0:
            return None
        first, lengths = table.shape()
        if keys[i] not in first:
            return None
        for n in lengths:
            if n <= top:
                hit = table.get(tuple(keys[i:i + n]))
                if hit is not None:
                    return n, hit
        return None
    for n in range(min(max_len, len(keys) - i), 0, -1):
        hit = table.get(tuple(keys[i:i + n]))
        if hit is not None:
            return n, hit
    return None



class _TokensAt:
    """The token starting at a character offset, found by bisection over the offsets
    spaCy exports in one call: building a Token for every word costs more than the whole
    description scan, and only the few label words ever ask."""

    def __init__(self, doc):
        self._doc = doc
        self._starts = None

    def __bool__(self) -> bool:
        return self._doc is not None and len(self._doc) > 0

    def get(self, idx: int):
        if not self:
            return None
        if self._starts is None:
            self._starts = self._doc.to_array(IDX).tolist()
        # The last token at that offset, as a dict built in token order would keep.
        j = bisect_right(self._starts, idx) - 1
        return self._doc[j] if j >= 0 and self._starts[j] == idx else None


class DescriptionScanner:
    """Mixin for :class:`~warlog.resolve.actors.ActorRegistry`: candidates from the
    description tables it builds (``_force``, ``_nat``, ``_labels``…)."""

    def _template_cand(self, s, e, kind, country, alias_words, rank=2, **kw) -> _Cand:
        name = self.template_name(kind, country)
        return _Cand(s, e, "description", name, self._templates[kind][1], " ".join(alias_words),
                     100.0, rank, **kw)

    def _country_after(self, ks: list[str], j: int):
        """(words used, country) for a nationality adjective or "de <place>" at ``j``."""
        hit = _longest(self._nat, ks, j)
        if hit:
            return hit
        if ks[j:j + 2] == ["d", "origine"]:
            hit = _longest(self._nat, ks, j + 2)
            if hit:
                return hit[0] + 2, hit[1]
        for conn in _CONNECTORS:
            if tuple(ks[j:j + len(conn)]) == conn:
                hit = _longest(self._place, ks, j + len(conn))
                if hit:
                    return hit[0] + len(conn), hit[1]
        return None

    def _desc_cands(self, ws, ks, country, doc) -> list[_Cand]:
        out: list[_Cand] = []
        tokens = _TokensAt(doc)
        starts = self._desc_starts
        for i in range(len(ks)):
            # Every rule below needs a phrase that begins at word i.
            if ks[i] not in starts:
                continue
            force = _longest(self._force, ks, i)
            if force:
                j = i + force[0]
                while (mod := _longest(self._mods, ks, j)):
                    j += mod[0]
                where = self._country_after(ks, j)
                if where:
                    out.append(self._template_cand(i, j + where[0], force[1], where[1],
                                                   ks[i:j + where[0]]))
            gov = _longest(self._gov, ks, i)
            if gov:
                j = i + gov[0]
                where = self._country_after(ks, j)
                end = j + (where[0] if where else 0)
                out.append(self._template_cand(i, end, "military", where[1] if where else country,
                                               ks[i:end], rank=1))
            state = _longest(self._state_labels, ks, i)
            if state:
                j = i + state[0]
                where = self._country_after(ks, j)
                bare = i > 0 and ks[i - 1] in _STATE_DETERMINERS and ks[j:j + 1] not in (["de"], ["d"])
                if where or bare:
                    end = j + (where[0] if where else 0)
                    c = self._template_cand(i, end, "military", where[1] if where else country,
                                            ks[i:end], framing=(state[1].label,))
                    if c.name is None:
                        c.kind = "label"
                    out.append(c)
            unid = _longest(self._unid_always, ks, i)
            if unid:
                j = i + unid[0]
                qual = _longest(self._unid_qualifiers, ks, j)
                end = j + (qual[0] if qual else 0)
                out.append(self._template_cand(i, end, "unidentified", country, ks[i:end],
                                               generic=True))
            unq = _longest(self._unid_qualified, ks, i)
            if unq and (qual := _longest(self._unid_qualifiers, ks, i + unq[0])):
                end = i + unq[0] + qual[0]
                out.append(self._template_cand(i, end, "unidentified", country, ks[i:end],
                                               generic=True))
            group = _longest(self._groups, ks, i)
            if group:
                j = i + group[0]
                where = _longest(self._nat, ks, j)
                end = j + (where[0] if where else 0)
                out.append(self._template_cand(i, end, group[1], where[1] if where else country,
                                               ks[i:end]))
            out.extend(self._rule_cands(ks, i, country))
            out.extend(self._label_cands(ws, ks, i, country, tokens))
        return out

    def _rule_cands(self, ks, i, country) -> list[_Cand]:
        out = []
        for rule, nouns, adjectives in self._rules:
            if country is not None and country != rule.country:
                continue
            noun = _longest(nouns, ks, i)
            if not noun:
                continue
            adj = _longest(adjectives, ks, i + noun[0])
            if adj:
                actor = self._actors[rule.actor]
                framing = (noun[1].label,) if noun[1] is not None else ()
                out.append(_Cand(i, i + noun[0] + adj[0], "description", actor.name, actor.inter,
                                 " ".join(ks[i:i + noun[0] + adj[0]]), 100.0, 1,
                                 framing=framing, rule_actor=actor.name))
        return out

    def _label_cands(self, ws, ks, i, country, tokens) -> list[_Cand]:
        out = []
        head = _longest(self._heads, ks, i)
        for p in ([i + head[0]] if head else []) + [i]:
            form = _longest(self._labels, ks, p)
            if not form:
                continue
            if p == i and tokens:
                tok = tokens.get(ws[p].start)
                # "attaques terroristes": an adjective on a non-actor noun is not a mention.
                if (tok is not None and tok.pos_ == "ADJ" and tok.head is not tok
                        and (fold(tok.head.text),) not in self._heads
                        and (fold(tok.head.text),) not in self._force):
                    continue
            j = p + form[0]
            nat = _longest(self._nat, ks, j)
            if nat:
                j += nat[0]
            qual = _longest(self._unid_qualifiers, ks, j)
            label = form[1].label
            if qual:
                out.append(self._template_cand(i, j + qual[0], "unidentified", country, ks[i:j + qual[0]],
                                               framing=(label,), generic=True))
            else:
                out.append(_Cand(i, j, "label", None, None, None, 100.0, 3, framing=(label,)))
        return out
