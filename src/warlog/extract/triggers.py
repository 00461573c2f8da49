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
    spans = _trigger_spans(doc, compiled)
    cue_hits = _cue_hits(doc, compiled)
    dated = ({doc[s].sent.start for (_, s, _) in compiled.dates(doc)}
             if len(compiled.dates) else set())
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


@dataclass
class _Compiled:
    triggers: Matcher
    reflexive: dict[str, bool]
    cues: Matcher
    dates: Matcher
    lexicon: TriggerLexicon


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
    triggers, cues, dates = Matcher(vocab), Matcher(vocab), Matcher(vocab)
    reflexive: dict[str, bool] = {}
    for i, entry in enumerate(lex.entries):
        for j, phrase in enumerate(entry.phrases):
            label = f"{i}:{j}"
            patterns, reflexive[label] = _phrase_patterns(phrase, nlp)
            triggers.add(label, patterns)
        for j, phrase in enumerate(entry.exclude):
            # Exclusions are exact forms: "de combat" must not swallow "des combats".
            triggers.add(f"x{i}:{j}", _phrase_patterns(phrase, nlp)[0][1:])
    for i, cue in enumerate(lex.cues):
        cues.add(str(i), _cue_patterns(cue, nlp))
    for i, cue in enumerate(lex.dates):
        dates.add(str(i), _cue_patterns(cue, nlp))
    compiled = _Compiled(triggers, reflexive, cues, dates, lex)
    _CACHE[key] = compiled
    return compiled


def _phrase_patterns(phrase: str, nlp) -> tuple[list[list[dict]], bool]:
    words = list(nlp(phrase))
    reflexive = len(words) > 1 and words[0].lower_ in REFLEXIVE
    if reflexive:
        # "se battre": the clitic is often far from the verb ("se sont violemment battus"),
        # so it is checked on the parse instead of matched in sequence.
        words = words[1:]
    by_lemma, by_lower = [], []
    for w in words:
        if w.text == WILDCARD:
            by_lemma.append({"OP": WILDCARD_OP})
            by_lower.append({"OP": WILDCARD_OP})
            continue
        by_lemma.append({"LEMMA": {"IN": sorted({w.lower_, w.lemma_.lower()})}})
        by_lower.append({"LOWER": w.lower_})
    return [by_lemma, by_lower], reflexive


def _cue_patterns(cue: Cue, nlp) -> list[list[dict]]:
    if cue.pattern is not None:
        return [list(cue.pattern)]
    patterns, _ = _phrase_patterns(cue.phrase or "", nlp)
    return patterns


def _trigger_spans(doc: Doc, compiled: _Compiled) -> list[tuple[TriggerEntry, Span]]:
    lex = compiled.lexicon
    candidates = []
    matches = [(doc.vocab.strings[m], s, e) for m, s, e in compiled.triggers(doc)]
    excluded: dict[int, list[tuple[int, int]]] = {}
    for label, start, end in matches:
        if label.startswith("x"):
            excluded.setdefault(int(label[1:].split(":")[0]), []).append((start, end))
    for label, start, end in matches:
        if label.startswith("x"):
            continue
        index = int(label.split(":")[0])
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


def _cue_hits(doc: Doc, compiled: _Compiled) -> dict[str, list[tuple[Cue, Span]]]:
    hits: dict[str, list[tuple[Cue, Span]]] = {s: [] for s in CUE_STATUSES}
    if not len(compiled.cues):
        return hits
    for match_id, start, end in compiled.cues(doc):
        cue = compiled.lexicon.cues[int(doc.vocab.strings[match_id])]
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
            if not in_scope(t, chain, anchor, cue.scope, sent):
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
