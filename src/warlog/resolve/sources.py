"""Who says what: attributions, hedges and denials in a report.

:func:`find_attributions` finds reported speech ("a indiqué X", "X a déclaré que …",
"selon X", quotes « … ») with the span of the claim each one covers; :func:`find_hedges`
finds what weakens a claim (journalistic conditional, "selon des sources", "non confirmé")
or denies it ("a démenti"); :func:`certainty_for` combines both for one claim.
See docs/sources.md.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START
from spacy.tokens import Doc

from warlog.resolve._discourse import Attribution, Hedge, Span, _cover
from warlog.resolve._reported import _Analysis
from warlog.resolve._speakers import Speaker, SpeakerRegistry

__all__ = ["Attribution", "Hedge", "Speaker", "SpeakerRegistry", "certainty_for",
           "find_attributions", "find_hedges"]


def find_attributions(doc: Doc, registry: SpeakerRegistry | None = None, *,
                      country: str | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order. ``country`` is the country the report
    is about (else the one it names most): it decides what "l'armée" and an unqualified
    registered role ("le porte-parole du ministère de la Défense") stand for."""
    return list(_analyse(doc, registry, country)[0])


def find_hedges(doc: Doc, registry: SpeakerRegistry | None = None, *,
                country: str | None = None) -> list[Hedge]:
    """Conditionals, hedging phrases, unnamed sources and denials in ``doc``."""
    return list(_analyse(doc, registry, country)[1])


# Attributions and hedges come out of one analysis, and callers ask for both in turn:
# keep the last result per Doc so the pair costs one analysis. Weak keys let a Doc go
# once its caller is done with it; the entries hold results only, never the Doc itself.
_RESULTS: WeakKeyDictionary = WeakKeyDictionary()
# Everything the analysis reads from the parse: a Doc whose annotations were edited
# in between is analysed afresh.
_STAMP_ATTRS = [ORTH, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


def _analyse(doc: Doc, registry: SpeakerRegistry | None,
             country: str | None = None) -> tuple[tuple[Attribution, ...], tuple[Hedge, ...]]:
    reg = registry or SpeakerRegistry.load()
    stamp = doc.to_array(_STAMP_ATTRS).tobytes() if len(doc) else b""
    cached = _RESULTS.get(doc)
    if cached is not None and cached[0] is reg and cached[1] == stamp and cached[2] == country:
        return cached[3], cached[4]
    analysis = _Analysis(doc, reg, country)
    result = (tuple(analysis.attributions), tuple(analysis.hedges))
    _RESULTS[doc] = (reg, stamp, country, *result)
    return result


def certainty_for(span: Span, attributions: list[Attribution],
                  hedges: list[Hedge]) -> tuple[str, Attribution | None]:
    """``(certainty, attribution)`` for a claim at ``span``: denied > hedged > attributed >
    asserted. A conditional inside a named source's scope is reported speech, not doubt."""
    covering = [a for a in attributions if _cover(span, a.scope)]
    # Whoever denies a claim is the source that matters for it.
    denials = [a for a in covering if a.certainty == "denied"]
    pool = denials or covering
    attribution = min(pool, key=lambda a: a.scope[1] - a.scope[0]) if pool else None
    relevant = [h for h in hedges if _cover(span, h.scope)]
    if attribution is not None:
        relevant = [h for h in relevant if not (h.form == "conditional"
                                                and _cover(h.span, attribution.scope))]
    if any(h.kind == "denied" for h in relevant) or (attribution and attribution.certainty == "denied"):
        return "denied", attribution
    if any(h.kind == "hedged" for h in relevant) or (attribution and attribution.certainty == "hedged"):
        return "hedged", attribution
    if attribution is not None:
        return "attributed", attribution
    return "asserted", None
