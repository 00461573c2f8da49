"""Deciding whether a matched trigger reports an event: the scope of context cues.

A cue only cancels the triggers it governs or shares a clause with. The *scope chain* of a
trigger is the trigger's head token and its governors, up to the first clause boundary that
does not pass modality down (a relative clause, an adverbial clause, an incise): "pourraient
lancer une offensive" reaches "pourraient" from "offensive", while "les rebelles, qui ont
attaqué lundi, pourraient…" does not reach "pourraient" from "attaqué".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

# Crossing one of these dependencies upward leaves the trigger's clause for good.
BARRIERS = {"acl:relcl", "advcl", "parataxis", "dislocated", "vocative", "reparandum",
            "list", "discourse"}
# A token with one of these dependencies heads its own clause.
CLAUSE_DEPS = {"ROOT", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "acl"}
# A noun in these positions under a negated verb is what the negation denies ("n'ont lancé
# aucune offensive"); as an oblique or a definite subject it is presupposed ("les frappes
# n'ont fait aucune victime" — the strikes happened).
NEGATABLE_NOUN_DEPS = {"obj", "nsubj", "nsubj:pass"}
NON_GOVERNING_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent",
                "nmod", "appos", "conj", "det", "case", "mark", "cc", "punct"}
NOUNISH = {"NOUN", "PROPN", "PRON"}


@dataclass(frozen=True)
class Link:
    token: Token
    # False for the head of a coordination the trigger is conjoined to: its modality and
    # tense are shared, but its own negation is not ("n'ont pas attaqué mais ont bombardé").
    own: bool


def scope_chain(t: Token) -> list[Link]:
    chain = [Link(t, True)]
    x = t
    while x.head.i != x.i and x.dep_ not in BARRIERS:
        chain.append(Link(x.head, x.dep_ != "conj"))
        x = x.head
    return chain


def clause_head(x: Token) -> Token:
    while x.head.i != x.i and x.pos_ not in ("VERB",) and x.dep_ not in CLAUSE_DEPS:
        x = x.head
    return x


def in_scope(t: Token, chain: list[Link], anchor: Token, scope: str, sent: Span) -> bool:
    if not sent.start <= anchor.i < sent.end:
        return False
    if scope == "sentence":
        return True
    if scope == "self":
        if anchor.head == t or (anchor.head.head == t and anchor.head.dep_.startswith("aux")):
            return True
        # A modifier right before the trigger that the parser hung elsewhere ("d'une possible
        # offensive" → possible/obl) still modifies it.
        return anchor.i == t.i - 1 and anchor.pos_ not in ("VERB", "AUX", "NOUN", "PROPN")
    if scope == "governs":
        if any(link.token == anchor for link in chain[1:]):
            return True
        # The tagger sometimes reads a governing verb as a modifier ("L'opposition menace
        # d'organiser…" → menace/ADJ under "opposition"); a non-nominal dependent of a
        # governor, before the trigger, is taken to be the governor it should have been.
        return (anchor.i < t.i and anchor.dep_ not in NON_GOVERNING_DEPS
                and any(link.token == anchor.head for link in chain[1:]))
    # clause
    own = {link.token.i for link in chain if link.own}
    h = clause_head(anchor)
    if h.i in own and anchor != t:
        return True
    # An incise ("…, constate un analyste") hangs as parataxis off the clause it comments on.
    return h.dep_ == "parataxis" and h.head.i in own


def negation_applies(t: Token) -> bool:
    """Whether a clause-level negation can deny a noun trigger (see NEGATABLE_NOUN_DEPS)."""
    if t.pos_ not in NOUNISH:
        return True
    if t.dep_ not in NEGATABLE_NOUN_DEPS and not _partitive_after_negation(t):
        return False
    for c in t.children:
        if c.dep_ == "det" and ("Def" in c.morph.get("Definite")
                                or c.morph.get("Poss") or "Dem" in c.morph.get("PronType")):
            return False
    return True


def _partitive_after_negation(t: Token) -> bool:
    """ "pas de retrait": the negated object, which the parser often labels obl:arg."""
    kids = [c for c in t.children if c.i < t.i]
    return (t.dep_ == "obl:arg" and any(c.dep_ == "case" and c.lemma_ == "de" for c in kids)
            and not any(c.dep_ == "det" for c in kids))


def finite_verbs(chain: list[Link]) -> list[Token]:
    """Finite verb forms that carry the tense/mood of each clause on the chain, nearest first."""
    out: list[Token] = []
    for link in chain:
        tok = link.token
        if tok.pos_ not in ("VERB", "AUX") and not any(
                c.dep_.startswith("aux") or c.dep_ == "cop" for c in tok.children):
            continue
        auxes = [c for c in tok.children if c.dep_.startswith("aux") or c.dep_ == "cop"]
        if not auxes and tok.dep_ == "conj" and "Part" in tok.morph.get("VerbForm"):
            # "ont attaqué la ville et tué…": the coordinated participle shares the auxiliary.
            auxes = [c for c in tok.head.children if c.dep_.startswith("aux")]
        fin = [a for a in auxes if "Fin" in a.morph.get("VerbForm")]
        if fin:
            out.append(fin[0])
        elif "Fin" in tok.morph.get("VerbForm"):
            out.append(tok)
    return out


def future_or_conditional(chain: list[Link]) -> Token | None:
    for v in finite_verbs(chain):
        if "Fut" in v.morph.get("Tense"):
            return v
        # A conditional auxiliary or copula is the journalistic hedge ("auraient attaqué",
        # "seraient présents"): reported, not hypothetical. Certainty, not status, covers it.
        if "Cnd" in v.morph.get("Mood") and not (v.dep_.startswith("aux") or v.dep_ == "cop"):
            return v
    return None


def generic_present(t: Token, chain: list[Link],
                    reporting_verbs: frozenset[str]) -> Token | None:
    """The nearest clause's finite verb when it is a simple present (no passé composé)."""
    # Nouns count too, obliques included: "font preuve de voracité au cours des combats",
    # "appuient al-Nosra dans son offensive" describe an undated state of affairs.
    for v in finite_verbs(chain):
        governed = v.head if v.dep_.startswith("aux") or v.dep_ == "cop" else v
        if governed.lemma_.lower() in reporting_verbs:
            continue
        if v.dep_ == "aux:tense" or "Fin" not in v.morph.get("VerbForm"):
            return None
        if "Pres" in v.morph.get("Tense") and "Ind" in v.morph.get("Mood"):
            return v
        return None
    return None
