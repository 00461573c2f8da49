"""Event triggers: the words that say an event happened, and the context that cancels them.

``find_triggers(doc)`` matches the phrases of ``data/lexicons/fr/triggers.yaml`` on spaCy
lemmas and lower-case forms, keeps the longest of overlapping matches, and gives each
trigger a status: ``event``, or why it is not one (``negated``, ``hypothetical``,
``background``, ``commentary``, ``diplomacy``). Statuses and how to add a trigger:
``docs/triggers.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.errors import Errors
from spacy.matcher import Matcher
from spacy.tokens import Span, Token

from warlog.extract._trigger_context import (
    clause_head, future_or_conditional, generic_present, in_scope, negation_applies,
    scope_chain,
)
from warlog.extract._trigger_lexicon import (
    CUE_STATUSES, Cue, TriggerEntry, TriggerLexicon, load_lexicon,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["Trigger", "TriggerLexicon", "find_triggers", "load_lexicon"]

WILDCARD = "*"
# Gaps allowed by "*" in a phrase: enough for "tiré à balles réelles sur la foule", short
# enough not to bridge two clauses.
WILDCARD_OP = "{0,4}"
REFLEXIVE = {"se", "s'"}


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    span: tuple[int, int]
    text: str
    lemma: str
    token_i: int
    sentence: tuple[int, int]
    status: str
    reason: str | None
    weight: float


def find_triggers(doc: Doc, lexicon: TriggerLexicon | None = None) -> list[Trigger]:
    """All triggers in ``doc``, including those whose context says they are no event."""
    lex = lexicon or load_lexicon()
    compiled = _compiled(lex, doc.vocab)
    matches = compiled.match(doc)
    spans = _trigger_spans(doc, compiled, matches[_TRIGGER], matches[_EXCLUDE])
    cue_hits = _cue_hits(doc, compiled, matches[_CUE])
    dated = {doc[s].sent.start for (_, s, _) in matches[_DATE]}
    out = []
    for entry, span in spans:
        t = span.root
        sent = t.sent
        status, reason = _status(t, span, entry, sent, cue_hits, sent.start in dated, lex)
        event_type, sub = _refined(entry, t)
        out.append(Trigger(
            event_type=event_type, sub_event_type=sub,
            span=(span.start_char, span.end_char), text=span.text, lemma=entry.key,
            token_i=t.i, sentence=(sent.start_char, sent.end_char), status=status,
            reason=reason, weight=entry.weight,
        ))
    return sorted(out, key=lambda tr: tr.span)


# What a pattern stands for: a trigger phrase (entry, phrase), an exclusion (entry), a context
# cue or a date cue (index in its list).
_TRIGGER, _EXCLUDE, _CUE, _DATE = range(4)
_MATCHED_ATTRS = {"LOWER": 0, "LEMMA": 1}
# Attributes spaCy's Matcher checks a document for, and the component that sets them.
_ANNOTATED = {"TAG": "tagger", "POS": "morphologizer or tagger+attribute_ruler",
              "MORPH": "morphologizer or tagger+attribute_ruler", "LEMMA": "lemmatizer",
              "DEP": "parser"}
# Distinct sets of token-pattern groups a document can need; each gets its own small Matcher.
_MAX_SUBMATCHERS = 512


@dataclass(frozen=True)
class _Group:
    kind: int
    ident: tuple[int, ...]
    key: str
    patterns: list[list[dict]]


class _PatternSet:
    """All patterns (triggers, exclusions, cues, date cues) matched in one pass per document.

    spaCy's Matcher tries every pattern at every token, and the ``LEMMA IN`` sets run as Python
    predicates, which cost ~30 ms a document for the whole lexicon. Patterns that only compare
    LOWER or LEMMA token by token are matched here by hash lookup on the first token instead.
    The rest (wildcards, DEP/MORPH/SHAPE cues) go to a Matcher holding only the groups whose
    literal words occur in the document; a group's matches do not depend on which other groups
    share its Matcher, so the result is what the one big Matcher gave.
    """

    def __init__(self, groups: list[_Group], vocab: Vocab):
        self.vocab = vocab
        self.groups = groups
        # first token (column, hash) -> [(group index, [(column, hashes), ...] of the rest)]
        self.fixed: dict[tuple[int, int], list[tuple[int, tuple[tuple[int, frozenset], ...]]]] = {}
        # Token-pattern groups, and per group the literal words one of which each pattern needs.
        self.slow: list[tuple[int, list[frozenset[int] | None]]] = []
        # Per cue group with operators: True if an operator ends a pattern (see match()).
        self.cue_ops: dict[int, bool] = {}
        self._matchers: dict[tuple[int, ...], Matcher] = {}
        self._full_cues: Matcher | None = None
        strings = vocab.strings
        self.index = {strings.add(g.key): i for i, g in enumerate(groups)}
        # Attributes the Matchers would refuse to match on a document that lacks them, per
        # kind of group (the trigger Matcher, then the cue and date ones).
        self.needs_annotation = [
            sorted({a for g in groups if g.kind in kinds for p in g.patterns for spec in p
                    for a in _ANNOTATED if a in {str(k).upper() for k in spec}},
                   key=list(_ANNOTATED).index)
            for kinds in ((_TRIGGER, _EXCLUDE), (_CUE,), (_DATE,))]
        for g_i, group in enumerate(groups):
            slow = []
            for pattern in group.patterns:
                specs = _fixed_specs(pattern, strings)
                if specs is None:
                    slow.append(pattern)
                    continue
                (col, first), rest = specs[0], tuple(specs[1:])
                for h in first:
                    self.fixed.setdefault((col, h), []).append((g_i, rest))
            if slow:
                self.slow.append((g_i, [_needed(p, strings) for p in group.patterns
                                        if _fixed_specs(p, strings) is None]))
                if group.kind == _CUE and any(_has_op(p) for p in slow):
                    self.cue_ops[g_i] = any(_has_op(p[-1:]) for p in slow)

    def match(self, doc: Doc) -> list[list[tuple[int, int, int]]]:
        """Per kind, the (group index, start, end) matches, deduplicated like Matcher output."""
        for attrs in self.needs_annotation:
            for attr in attrs:
                if not doc.has_annotation(attr):
                    raise ValueError(Errors.E155.format(pipe=_ANNOTATED[attr], attr=attr))
        found: set[tuple[int, int, int]] = set()
        n = len(doc)
        if n:
            cols = doc.to_array([LOWER, LEMMA]).T.tolist()
            fixed = self.fixed
            for col, values in enumerate(cols):
                for i, h in enumerate(values):
                    cands = fixed.get((col, h))
                    if cands is None:
                        continue
                    for g_i, rest in cands:
                        end = i + 1 + len(rest)
                        if end > n:
                            continue
                        for k, (c, hs) in enumerate(rest, i + 1):
                            if cols[c][k] not in hs:
                                break
                        else:
                            found.add((g_i, i, end))
        slow_found = self._slow_matches(doc, cols if n else [[], []])
        by_kind: list[list[tuple[int, int, int]]] = [[], [], [], []]
        for m in found:
            by_kind[self.groups[m[0]].kind].append(m)
        slow_set = set()
        for m in slow_found:
            if m not in found and m not in slow_set:
                slow_set.add(m)
                by_kind[self.groups[m[0]].kind].append(m)
        cues = by_kind[_CUE]
        # Cue order decides which cue a status is blamed on. The Matcher reports a match when
        # it reads the match's last token, so fixed-length matches come by end, start, then
        # pattern order. With operators ("être * présent") the order among matches of the same
        # end, or of any end when an operator ends the pattern, has no such rule: ask the one
        # big Matcher then (rare: it needs two cues ending on one token).
        cues.sort(key=lambda m: (m[2], m[1], m[0]))
        ops = [m for m in slow_set if m[0] in self.cue_ops]
        if ops:
            ends: dict[int, int] = {}
            for m in cues:
                ends[m[2]] = ends.get(m[2], 0) + 1
            if any(self.cue_ops[m[0]] or ends[m[2]] > 1 for m in ops):
                by_kind[_CUE] = self._full_cue_matches(doc)
        return by_kind

    def _slow_matches(self, doc: Doc, cols: list[list[int]]) -> list[tuple[int, int, int]]:
        if not self.slow:
            return []
        present = set(cols[0]).union(cols[1])
        active = tuple(g_i for g_i, needs in self.slow
                       if any(all(alts is None or not alts.isdisjoint(present) for alts in need)
                              for need in needs))
        if not active:
            return []
        matcher = self._matchers.get(active)
        if matcher is None:
            if len(self._matchers) >= _MAX_SUBMATCHERS:
                self._matchers.clear()
            matcher = Matcher(self.vocab)
            for g_i in active:
                group = self.groups[g_i]
                matcher.add(group.key, [p for p in group.patterns
                                        if _fixed_specs(p, self.vocab.strings) is None])
            self._matchers[active] = matcher
        index = self.index
        return [(index[m], s, e) for m, s, e in matcher(doc)]

    def _full_cue_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._full_cues is None:
            self._full_cues = Matcher(self.vocab)
            for group in self.groups:
                if group.kind == _CUE:
                    self._full_cues.add(group.key, group.patterns)
        index = self.index
        return [(index[m], s, e) for m, s, e in self._full_cues(doc)]


def _fixed_specs(pattern: list[dict], strings) -> list[tuple[int, frozenset[int]]] | None:
    """The pattern as (column, accepted hashes) per token, if it needs nothing but that."""
    out = []
    for spec in pattern:
        if len(spec) != 1:
            return None
        ((attr, value),) = spec.items()
        col = _MATCHED_ATTRS.get(attr.upper()) if isinstance(attr, str) else None
        if col is None:
            return None
        if isinstance(value, str):
            values = [value]
        elif (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
              and all(isinstance(v, str) for v in value["IN"])):
            values = value["IN"]
        else:
            return None
        out.append((col, frozenset(strings.add(v) for v in values)))
    return out or None


def _needed(pattern: list[dict], strings) -> list[frozenset[int] | None]:
    """Per token, the LOWER/LEMMA strings one of which must be in the document (None: any)."""
    out: list[frozenset[int] | None] = []
    for spec in pattern:
        if not isinstance(spec, dict) or any(str(k).upper() == "OP" for k in spec):
            out.append(None)
            continue
        alts = None
        for attr, value in spec.items():
            if not isinstance(attr, str) or attr.upper() not in _MATCHED_ATTRS:
                continue
            if isinstance(value, str):
                alts = frozenset([strings.add(value)])
            elif (isinstance(value, dict) and list(value) == ["IN"]
                  and isinstance(value["IN"], list) and all(isinstance(v, str) for v in value["IN"])):
                alts = frozenset(strings.add(v) for v in value["IN"])
            if alts is not None:
                break
        out.append(alts)
    return out


def _has_op(pattern: list[dict]) -> bool:
    return any(isinstance(spec, dict) and any(str(k).upper() == "OP" for k in spec)
               for spec in pattern)


@dataclass
class _Compiled:
    patterns: _PatternSet
    reflexive: dict[tuple[int, int], bool]
    lexicon: TriggerLexicon

    def match(self, doc: Doc) -> list[list[tuple[int, int, int]]]:
        groups = self.patterns.groups
        return [[(groups[g].ident, s, e) for g, s, e in kind]
                for kind in self.patterns.match(doc)]


_CACHE: dict[tuple[int, int], _Compiled] = {}


def _compiled(lex: TriggerLexicon, vocab: Vocab) -> _Compiled:
    key = (id(lex), id(vocab))
    hit = _CACHE.get(key)
    if hit is not None and hit.lexicon is lex:
        return hit
    from warlog.nlp.pipeline import load

    # Phrases are written by analysts in natural French ("frappes aériennes"); parsing them
    # with the same pipeline gives the lemmas they will have in running text.
    nlp = load("fr")
    phrases = {p for e in lex.entries for p in (*e.phrases, *e.exclude)}
    phrases.update(c.phrase or "" for c in (*lex.cues, *lex.dates) if c.pattern is None)
    parsed = _parse_phrases(sorted(phrases), nlp)
    groups: list[_Group] = []
    reflexive: dict[tuple[int, int], bool] = {}
    for i, entry in enumerate(lex.entries):
        for j, phrase in enumerate(entry.phrases):
            patterns, reflexive[(i, j)] = _phrase_patterns(parsed[phrase])
            groups.append(_Group(_TRIGGER, (i, j), f"{i}:{j}", patterns))
        for j, phrase in enumerate(entry.exclude):
            # Exclusions are exact forms: "de combat" must not swallow "des combats".
            groups.append(_Group(_EXCLUDE, (i,), f"x{i}:{j}",
                                 _phrase_patterns(parsed[phrase])[0][1:]))
    for i, cue in enumerate(lex.cues):
        groups.append(_Group(_CUE, (i,), f"c{i}", _cue_patterns(cue, parsed)))
    for i, cue in enumerate(lex.dates):
        groups.append(_Group(_DATE, (i,), f"d{i}", _cue_patterns(cue, parsed)))
    compiled = _Compiled(_PatternSet(groups, vocab), reflexive, lex)
    _CACHE[key] = compiled
    return compiled


def _parse_phrases(phrases: list[str], nlp) -> dict[str, list[tuple[str, str, str]]]:
    """(text, lower, lemma) of each phrase's tokens; NER plays no part in lemmas."""
    docs = nlp.pipe(phrases, disable=[n for n in ("ner",) if n in nlp.pipe_names])
    return {p: [(w.text, w.lower_, w.lemma_) for w in d] for p, d in zip(phrases, docs)}


def _phrase_patterns(words: list[tuple[str, str, str]]) -> tuple[list[list[dict]], bool]:
    reflexive = len(words) > 1 and words[0][1] in REFLEXIVE
    if reflexive:
        # "se battre": the clitic is often far from the verb ("se sont violemment battus"),
        # so it is checked on the parse instead of matched in sequence.
        words = words[1:]
    by_lemma, by_lower = [], []
    for text, lower, lemma in words:
        if text == WILDCARD:
            by_lemma.append({"OP": WILDCARD_OP})
            by_lower.append({"OP": WILDCARD_OP})
            continue
        by_lemma.append({"LEMMA": {"IN": sorted({lower, lemma.lower()})}})
        by_lower.append({"LOWER": lower})
    return [by_lemma, by_lower], reflexive


def _cue_patterns(cue: Cue, parsed: dict[str, list[tuple[str, str, str]]]) -> list[list[dict]]:
    if cue.pattern is not None:
        return [list(cue.pattern)]
    patterns, _ = _phrase_patterns(parsed[cue.phrase or ""])
    return patterns


def _trigger_spans(doc: Doc, compiled: _Compiled, matches: list, exclusions: list,
                   ) -> list[tuple[TriggerEntry, Span]]:
    lex = compiled.lexicon
    candidates = []
    excluded: dict[int, list[tuple[int, int]]] = {}
    for (index,), start, end in exclusions:
        excluded.setdefault(index, []).append((start, end))
    for label, start, end in matches:
        index = label[0]
        entry = lex.entries[index]
        if any(s < end and start < e for s, e in excluded.get(index, ())):
            continue
        span = doc[start:end]
        if span[0].is_punct or span[-1].is_punct:
            continue
        root = span.root
        if entry.pos and root.pos_ not in entry.pos:
            continue
        if compiled.reflexive[label] and not _is_reflexive(root):
            continue
        candidates.append((entry, span, index))
    # Longest wins ("frappes aériennes" over "frappes"); on a tie, the earlier lexicon entry.
    candidates.sort(key=lambda c: (-(c[1].end - c[1].start), c[1].start, c[2]))
    taken: set[int] = set()
    kept = []
    for entry, span, _ in candidates:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        kept.append((entry, span))
    return kept


def _is_reflexive(t: Token) -> bool:
    return any(c.lemma_.lower() in ("se", "soi") or "Yes" in c.morph.get("Reflex")
               for c in t.children)


def _cue_hits(doc: Doc, compiled: _Compiled,
             matches: list) -> dict[str, list[tuple[Cue, Span]]]:
    hits: dict[str, list[tuple[Cue, Span]]] = {s: [] for s in CUE_STATUSES}
    for (index,), start, end in matches:
        cue = compiled.lexicon.cues[index]
        hits[cue.status].append((cue, doc[start:end]))
    return hits


def _status(t: Token, span: Span, entry: TriggerEntry, sent: Span,
            cue_hits: dict[str, list[tuple[Cue, Span]]], dated: bool,
            lex: TriggerLexicon) -> tuple[str, str | None]:
    chain = scope_chain(t)
    for status in CUE_STATUSES:
        if status in entry.ignore_context:
            continue
        for cue, cue_span in cue_hits[status]:
            anchor = cue_span[cue.anchor] if cue.anchor is not None else cue_span.root
            if span.start <= anchor.i < span.end:
                continue
            # A "self" cue may modify any word of a multi-word trigger ("échanges de tirs
            # quotidiens": the adjective hangs on "tirs").
            on_span = cue.scope == "self" and span.start <= anchor.head.i < span.end
            if not on_span and not in_scope(t, chain, anchor, cue.scope, sent):
                continue
            if status == "negated" and cue.scope == "clause":
                # Sentence negation sits on the verb; "pas" under a number ("pas moins de")
                # or a noun is not one.
                if anchor.head.pos_ not in ("VERB", "AUX") or not negation_applies(t):
                    continue
            return status, cue_span.text
        if status == "hypothetical":
            verb = future_or_conditional(chain)
            if verb is not None:
                return status, verb.text
        if status == "background" and not dated:
            verb = generic_present(t, chain, lex.reporting_verbs)
            if verb is not None:
                return status, f"présent sans date: {verb.text}"
    return "event", None


def _refined(entry: TriggerEntry, t: Token) -> tuple[str, str]:
    if not entry.refine:
        return entry.event_type, entry.sub_event_type
    head = clause_head(t)
    words = {w for x in head.subtree if clause_head(x) == head or x in t.subtree
             for w in (x.lower_, x.lemma_.lower())}
    for r in entry.refine:
        if r.if_any & words:
            return r.event_type, r.sub_event_type
    return entry.event_type, entry.sub_event_type
