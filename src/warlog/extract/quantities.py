"""Numbers, their qualifiers, and what they count.

``parse_quantities`` finds numbers in plain text ("plus de 120", "une soixantaine", "30 000")
and skips what only looks like one (years, dates, times, calibres, model numbers, money).
``find_counts`` reads the parse to decide what each number counts — the dead, the wounded,
people taking part, materiel — from the counted noun and the verb governing it.

All word lists live in ``data/lexicons/fr/counts.yaml`` (see docs/quantities.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from warlog.extract._counts_lexicon import Lexicon, NounEntry, load_lexicon
from warlog.extract._counts_numbers import NumberParser, Quantity
from warlog.nlp.tokens import doc_text
from spacy.attrs import IDX, POS
from spacy.parts_of_speech import IDS as _POS_IDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Quantity", "CountMention", "parse_quantities", "find_counts"]

CASUALTY = ("killed", "wounded", "abducted", "arrested", "displaced")
_NOMINAL_POS = {"NOUN", "PROPN", "NUM", "PRON", "ADJ", "X"}
_VERBAL_POS = {"VERB", "AUX", "ADJ"}
_SUBSET_CUES = {"dont", "parmi", "notamment", "compris", "lesquels", "lesquelles", "eux",
                "elles"}
_WINDOW_AHEAD = 7
_LIST_GAP = re.compile(r"\s*(?:,|;|et|ainsi que|ou)?\s*(?:(?:des|les|de|d['’]|du|leurs|ses|"
                       r"plusieurs)\s*)?", re.IGNORECASE)
_WINDOW_BEHIND = 4
# The parts of speech from_noun accepts, as ids in the parse arrays: the scan for counted
# nouns then skips every other word without building a Token for it.
_NOUN_POS_IDS = frozenset(_POS_IDS[p] for p in ("NOUN", "PROPN", "ADJ", "X"))


@dataclass(frozen=True)
class CountMention:
    category: str
    value: int | None
    qualifier: str | None
    kind: str | None
    outcome: str | None
    head: str
    head_span: tuple[int, int]
    span: tuple[int, int]
    text: str
    verb: str | None


@lru_cache(maxsize=None)
def _parser() -> NumberParser:
    return NumberParser(load_lexicon())


def parse_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Quantities in ``text``; spans are shifted by ``offset`` (the text's place in its doc).

    A bare "un"/"une" is left out: only the parse can tell an article from a count.
    """
    return _parser().parse(text, offset)


# -- reading the parse ---------------------------------------------------------------------

def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _verb_forms(tok: Token) -> set[str]:
    """Lemma, surface, and a guessed infinitive: the tagger sometimes reads "massacré" or
    "tuant" as a noun and leaves it unlemmatised."""
    low = tok.lower_
    forms = {_lemma(tok), low}
    for suffix in ("ées", "és", "ée", "é", "ant"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[:-len(suffix)] + "er")
            break
    return forms


def _is_verbal(tok: Token) -> bool:
    return tok.pos_ in _VERBAL_POS or any(c.dep_.startswith("aux") for c in tok.children)


def _has_word(verb: Token, word: str) -> bool:
    """The fixed word of "perdre la vie", "prendre en otage", near its verb."""
    for t in list(verb.children) + list(verb.doc[verb.i + 1:verb.i + 5]):
        if _lemma(t) == word or t.lower_ == word or t.lower_.rstrip("s") == word:
            return True
    return False


def _role(tok: Token, verb: Token) -> str | None:
    dep = tok.dep_
    if dep in ("obj", "nsubj:pass", "xcomp") or dep.startswith("nsubj:pass"):
        return "patient"
    if dep.startswith("nsubj") or dep == "expl:subj":
        if any(c.dep_.startswith("aux:pass") for c in verb.children):
            return "patient"
        return "subject"
    if dep == "obl:agent":
        return "agent"
    if dep.startswith("obl") or dep == "iobj":
        cases = {_lemma(c) for c in tok.children if c.dep_ == "case"}
        return "agent" if "par" in cases else "oblique"
    return None


def _governor(tok: Token) -> tuple[str, Token] | None:
    """(role, verb) or ("nominal", noun) governing ``tok``, carried through coordination."""
    t = tok
    for _ in range(8):
        if t.dep_ in ("conj", "appos") and t.head.i != t.i \
                and t.head.pos_ in _NOMINAL_POS - {"ADJ"}:
            t = t.head
        elif t.dep_ == "nmod" and t.head.i > t.i:
            # French complements follow their head: a "head" after the noun is a mis-parse
            # ("deux hélicoptères Ka-52" hung on the model name).
            t = t.head
        elif t.head.i != t.i and t.head.pos_ == "ADV" and t.head.i < t.i \
                and t.head.lower_ in ("plus", "moins", "environ", "près", "au", "jusqu'"):
            # "plus de 200 assaillants" parsed as a complement of "plus".
            adv = t.head
            if adv.head.i != adv.i and _is_verbal(adv.head):
                verb = adv.head
                if adv.i > verb.i or any(c.dep_.startswith("aux:pass") for c in verb.children):
                    return "patient", _coordinated(verb, tok)
                return "subject", verb
            break
        else:
            break
    head = t.head
    if head.i == t.i:
        return None
    if t.dep_ == "nmod" and head.pos_ in _NOMINAL_POS:
        return "nominal", head
    if not _is_verbal(head):
        return None
    role = _role(t, head)
    if role is None:
        return None
    return role, _coordinated(head, tok)


def _coordinated(head: Token, tok: Token) -> Token:
    """"ont liquidé 120 terroristes et détruit cinq chars, trois véhicules…": the parse
    often hangs later objects on the first verb; the nearest coordinated verb before the
    noun is the one that governs it."""
    if head.i > tok.i:
        return head
    cluster = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    # "tuant deux civils et en blessant cinq autres": the second participle is often hung
    # on the first one's object.
    cluster += [c for d in head.children if d.dep_ in ("obj", "obl", "obl:arg")
                for c in d.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if head.dep_ == "conj" and head.head.pos_ == "VERB":
        cluster.append(head.head)
    return max((v for v in cluster if v.i < tok.i), key=lambda v: v.i)


def _verb_category(lex: Lexicon, verb: Token, role: str) -> str | None:
    lemma = _lemma(verb)
    for ph in lex.phrases:
        if ph.verb == lemma and ph.role == role and _has_word(verb, ph.word):
            return ph.category
    candidates = _verb_forms(verb)
    for cat, roles in lex.verbs.items():
        if role == "patient" and any(c in roles["patient"] for c in candidates):
            return cat
        # Intransitive deaths have no object: a post-verbal subject parses as one.
        if (role == "subject" or (role == "patient" and cat != "participants")) \
                and any(c in roles["subject"] for c in candidates):
            return cat
    return None


def _outcome(lex: Lexicon, verb: Token, role: str, noun: Token | None = None) -> str | None:
    if role == "oblique" and noun is not None:
        # "s'emparer de trois camions": only a "de" complement is what the verb acts on.
        if not any(c.dep_ == "case" and _lemma(c) == "de" for c in noun.children):
            return None
    elif role != "patient":
        return None
    lemma = _lemma(verb)
    forms = _verb_forms(verb)
    for ph in lex.outcome_phrases:
        if ph.verb == lemma and _has_word(verb, ph.word):
            return ph.category
    for outcome, verbs in lex.outcome_verbs.items():
        if forms & verbs:
            return outcome
    return None


def _participles(noun: Token) -> list[Token]:
    """Participles and relative clauses on the noun: "trois soldats tués"."""
    return [c for c in noun.children
            if c.dep_ in ("amod", "acl", "acl:relcl") and c.pos_ in ("VERB", "ADJ")]


def _demonym(tok: Token) -> bool:
    return (tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.text[:1].isupper()
            and tok.lower_.endswith(("iens", "iennes", "ais", "aises", "ois", "oises", "ains",
                                     "aines", "ites", "ards"))
            and not tok.is_sent_start)


class _Reader:
    def __init__(self, doc: Doc, lex: Lexicon, text: str | None = None):
        self.doc, self.lex = doc, lex
        # spaCy rebuilds doc.text on every access; find_counts passes the one it has.
        self.text = doc.text if text is None else text
        self.mentions: list[CountMention] = []
        self.used: set[int] = set()

    def _match(self, tok: Token) -> tuple[NounEntry, int, int] | None:
        return self.lex.match_noun(self.text, tok.idx)

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _counted_noun(self, last: Token):
        """The noun after a number, skipping "de" after "centaine" and adjectives."""
        j = last.i + 1
        approx = _lemma(last).rstrip("s") in self.lex.approximations or \
            last.lower_.rstrip("s") in self.lex.scales
        if j < len(self.doc) and (
                (approx and self.doc[j].lower_ in ("de", "d'", "d’"))
                or (last.pos_ in ("NUM", "PRON") and self.doc[j].lower_ == "des")):
            j += 1                                 # "une centaine de …", "trois des …"
        for k in range(j, min(j + 3, len(self.doc))):
            tok = self.doc[k]
            m = self._match(tok)
            if m:
                return tok, m
            if _demonym(tok):
                # "4 millions d'Ukrainiens": people, though no list names them.
                return tok, (NounEntry(tok.text, "people", None), tok.idx + len(tok),
                             tok.idx + len(tok))
            if not (tok.pos_ in ("ADJ", "ADV") or tok.lower_ in ("autres", "nouveaux")):
                break
        if j < len(self.doc) and self.doc[j].lower_ == "autres":
            # "des centaines d'autres ont fui": the people are those counted before.
            tok = self.doc[j]
            end = tok.idx + len(tok)
            return tok, (NounEntry(tok.text, "people", None), end, end)
        return None

    # -- category decisions ------------------------------------------------------------

    def _people_category(self, noun: Token, anchor: Token, start_tok: Token):
        """(category, verb lemma, kind from verb) for people, or None."""
        lex = self.lex
        for p in _participles(noun) + _participles(anchor):
            cat = _verb_category(lex, p, "patient")
            if cat:
                return cat, _lemma(p)
        gov = _governor(anchor)
        if gov and gov[0] == "nominal":
            trig = _lemma(gov[1])
            for cat, nouns in lex.nominal.items():
                if trig in nouns:
                    return cat, None
        elif gov:
            role, verb = gov
            cat = _verb_category(lex, verb, role)
            if cat:
                return cat, _lemma(verb)
        prev = self._list_previous(start_tok)
        if prev is not None and prev.category in CASUALTY:
            return prev.category, prev.verb
        sent_start = start_tok.sent.start
        cues = {t.lower_ for t in self.doc[max(sent_start, start_tok.i - 3):start_tok.i]}
        if cues & _SUBSET_CUES:
            for prev in reversed(self.mentions):
                if prev.span[1] <= start_tok.idx and prev.span[0] >= start_tok.sent.start_char \
                        and prev.category in CASUALTY:
                    return prev.category, prev.verb
        return self._window(noun, start_tok)

    def _window(self, noun: Token, start_tok: Token):
        """When the parse is off: a casualty verb just after the noun, or just before it."""
        sent = noun.sent
        for t in self.doc[noun.i + 1:min(sent.end, noun.i + 1 + _WINDOW_AHEAD)]:
            if t.lower_ in (";", ":") or t.i in self.used or t.like_num:
                break
            hit = self._match(t)
            if hit and hit[0].cls == "casualty" and t.pos_ in ("NOUN", "ADJ"):
                return hit[0].category, None
            if hit and t.pos_ != "VERB":
                break
            if t.pos_ in ("VERB", "ADJ", "AUX"):
                prev = self.doc[t.i - 1]
                # "ont tué" is active: its subject is the killer, not the killed.
                aux = [c for c in t.children if c.dep_.startswith("aux")]
                active = not any(c.dep_.startswith("aux:pass") for c in aux) and (
                    _lemma(prev) == "avoir" or any(_lemma(c) == "avoir" for c in aux))
                passive = "Part" in t.morph.get("VerbForm") and not active
                cat = _verb_category(self.lex, t, "patient" if passive else "subject")
                if cat in CASUALTY:
                    return cat, _lemma(t)
        # "tuant 12", "ont tué au moins 30": only a verb right before the number takes it as
        # object; one further back belongs to another clause.
        for t in reversed(self.doc[max(sent.start, start_tok.i - _WINDOW_BEHIND):start_tok.i]):
            if t.pos_ == "ADV":
                continue
            cat = _verb_category(self.lex, t, "patient") if _is_verbal(t) else None
            if cat in CASUALTY:
                return cat, _lemma(t)
            break
        return None

    def _list_previous(self, start_tok: Token) -> CountMention | None:
        """The mention this one continues in a list ("cinq chars, trois VCI et un …")."""
        for prev in reversed(self.mentions):
            if prev.span[1] <= start_tok.idx:
                if prev.span[1] >= start_tok.sent.start_char and _LIST_GAP.fullmatch(
                        self.text[prev.span[1]:start_tok.idx]):
                    return prev
                return None
        return None

    def _materiel_outcome(self, noun: Token, anchor: Token, start_tok: Token):
        lex = self.lex
        for p in _participles(noun) + _participles(anchor):
            out = _outcome(lex, p, "patient")
            if out:
                return out, _lemma(p)
        gov = _governor(anchor)
        if gov and gov[0] == "nominal":
            trig = _lemma(gov[1])
            for out, nouns in lex.outcome_nominal.items():
                if trig in nouns:
                    return out, None
        elif gov:
            role, verb = gov
            out = _outcome(lex, verb, role, anchor)
            if out:
                return out, _lemma(verb)
        prev = self._list_previous(start_tok)
        if prev is not None and prev.category == "materiel":
            return prev.outcome, prev.verb
        return "used", _lemma(gov[1]) if gov and gov[0] != "nominal" else None

    def _classify(self, entry: NounEntry, noun: Token, anchor: Token, start_tok: Token,
                  counted_by_article: bool):
        """(category, kind, outcome, verb) or None when the number counts nothing we track."""
        if entry.cls == "materiel":
            outcome, verb = self._materiel_outcome(noun, anchor, start_tok)
            return "materiel", entry.kind, outcome, verb
        if entry.cls == "casualty":
            gov = _governor(anchor)
            if gov and gov[0] != "nominal":
                cat = _verb_category(self.lex, gov[1], gov[0])
                # "exécuté onze otages": a killing verb outranks what the noun implied.
                if cat == entry.category or (cat == "killed" and entry.category != "killed"):
                    return cat, None, None, _lemma(gov[1])
            return entry.category, None, None, None
        decided = self._people_category(noun, anchor, start_tok)
        if decided:
            cat, verb = decided
            kind = entry.kind
            if cat == "participants" and verb in self.lex.kinds_by_verb:
                kind = kind or self.lex.kinds_by_verb[verb]
            return cat, kind, None, verb
        if entry.participant and not counted_by_article:
            return "participants", entry.kind, None, None
        return None

    # -- mentions ----------------------------------------------------------------------

    def _add(self, cls, value, qualifier, noun, m, start, anchor):
        entry, end, head_end = m
        cat, kind, outcome, verb = cls
        self.mentions.append(CountMention(
            category=cat, value=value, qualifier=qualifier, kind=kind, outcome=outcome,
            head=self._head_word(noun, head_end),
            head_span=(noun.idx, head_end), span=(start, end), text=self.text[start:end],
            verb=verb))
        self.used.update(t.i for t in self.doc.char_span(noun.idx, end, alignment_mode="expand"))
        self.used.add(anchor.i)

    def _head_word(self, noun: Token, head_end: int) -> str:
        surface = self.text[noun.idx:head_end]
        if noun.pos_ == "NUM" or head_end != noun.idx + len(noun):
            return surface.lower()
        lemma = _lemma(noun)
        # The lemmatiser mangles some plurals ("obus" -> "obu"); keep the lemma only if the
        # lexicon still recognises it.
        hit = self.lex.match_noun(lemma, 0)
        return lemma if hit and hit[1] == len(lemma) or not self.lex.match_noun(surface, 0) \
            else surface.lower()

    def from_quantity(self, q: Quantity) -> None:
        s, e = q.span
        first, last = self._token_at(s), self._token_at(e - 1)
        if first is None or last is None:
            return
        found = self._counted_noun(last)
        if found:
            noun, m = found
            anchor = last if noun.head.i == last.i and last.pos_ in ("NOUN", "NUM", "PRON") \
                else noun
        elif last.pos_ in ("NUM", "PRON") and last.dep_ not in ("nummod", "det"):
            # "ont tué au moins 30", "12 ont péri": the number stands for the people.
            noun, anchor = last, last
            m = (NounEntry(last.text, "people", None), e, e)
        else:
            return
        if noun.i in self.used:
            return
        cls = self._classify(m[0], noun, anchor, first, False)
        if cls:
            self._add(cls, q.value, q.qualifier, noun, m, s, anchor)

    def from_noun(self, tok: Token) -> None:
        """A counted noun without a number: "un soldat a été tué", "avec l'appui des chars"."""
        if tok.i in self.used or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "X"):
            return
        if tok.i and self.doc[tok.i - 1].text in ("-", "‐"):
            return
        m = self._match(tok)
        if not m:
            return
        entry = m[0]
        article = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("un", "une")
                        and c.i < tok.i), None)
        if article and any(t.lower_ in ("l'", "l’") for t in self.doc[article.i - 1:article.i]):
            article = None
        if article is None and entry.cls != "materiel":
            return
        if article is not None and "Plur" in tok.morph.get("Number"):
            article = None
        start = article.idx if article is not None else tok.idx
        cls = self._classify(entry, tok, tok, article or tok, article is not None)
        if cls:
            value = 1 if article is not None else None
            self._add(cls, value, "exact" if value else None, tok, m, start, tok)


def find_counts(doc: Doc) -> list[CountMention]:
    """Every count in the doc, in text order; offsets are into ``doc.text``."""
    lex = load_lexicon()
    text = doc_text(doc)
    reader = _Reader(doc, lex, text)
    quantities = parse_quantities(text)
    for q in quantities:
        reader.from_quantity(q)
    # The union of the quantity spans as disjoint sorted runs, to test each token's offset
    # by bisection rather than against every span.
    runs: list[list[int]] = []
    for s, e in sorted(q.span for q in quantities):
        if s >= e:
            continue  # an empty span covers nothing
        if runs and s <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e])
    run_starts = [r[0] for r in runs]
    if not len(doc):
        return sorted(reader.mentions, key=lambda m: m.span)
    used = reader.used
    idxs = doc.to_array(IDX).tolist()
    # from_noun's own part-of-speech test, made before a Token is built.
    nouns = [i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in _NOUN_POS_IDS]
    for i in nouns:
        idx = idxs[i]
        j = bisect_right(run_starts, idx) - 1
        if (j >= 0 and idx < runs[j][1]) or i in used:
            continue
        reader.from_noun(doc[i])
    return sorted(reader.mentions, key=lambda m: m.span)
