"""The cue rules behind :mod:`warlog.resolve.sources`.

One pass over a parsed document finds reporting prepositions ("selon", "d'après"),
reporting verbs (preposed "X a déclaré que …", inverted "…, a indiqué X", incises inside
quotes), bare quotes, conditionals, hedging phrases and denials, and resolves each speaker
through the speaker registry, the actor registry and earlier mentions in the same text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz
from spacy.attrs import POS
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import IDS as _POS_IDS
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from warlog.nlp.tokens import doc_text, tokens
from warlog.resolve._discourse import (_BACK_DETERMINERS, _CHANNEL_NOUNS, _EDGE, _HEAD_SKIP,
                                       _RELATIVE, _SOURCE_HEADS, _STOP_PUNCT, _STOP_WORDS,
                                       _DETERMINERS, _FIRST_PERSON, _PP_OPENERS, _PRONOUNS,
                                       _CONDITIONAL, _TIME_WORDS, Attribution, Hedge, Span,
                                       _cover, _drop_det, _Quote, _quotes, _sentences, _strip)
from warlog.resolve._speakers import SpeakerRegistry
from warlog.resolve._text import fold, key, words
from warlog.resolve.actors import ActorRegistry

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

_NAMING_VERBS = {"connaître", "appeler", "surnommer", "nommer", "baptiser", "dire"}
_GAP_BEFORE = re.compile(r"[\s,]*")
_GAP_AFTER = re.compile(r"[\s,:]*(?:que|qu['’])?[\s]*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;]\s|[.!?;]$")
_ROLE_SPLIT = re.compile(r"[,()]")
# Part-of-speech ids read straight from the parse arrays, so the token scans can pass over
# the words no rule looks at without building a Token for each.
_VERBAL_IDS = frozenset(_POS_IDS[p] for p in ("VERB", "AUX"))
_NO_CUE_IDS = frozenset(_POS_IDS[p] for p in ("NOUN", "PROPN", "DET", "ADP", "PRON", "NUM",
                                              "PUNCT", "SPACE"))
# Prepositions that open a channel phrase after a speaker ("l'armée dans un communiqué").
_CHANNEL_OPENERS = _PP_OPENERS | {"via", "par"}
_NOT_SPEAKERS = {"LOC", "GPE"}


class _Analysis:
    def __init__(self, doc: Doc, registry: SpeakerRegistry | None, country: str | None = None):
        self.doc = doc
        self.text = doc_text(doc)
        self.reg = registry or SpeakerRegistry.load()
        self.actors = ActorRegistry.load()
        self.sents = _sentences(doc, self.text)
        self.quotes = _quotes(self.text)
        self.keys = [key(t) for t in tokens(doc).text]
        self.pos_ids = doc.to_array(POS).tolist() if len(doc) else []
        self._ents: tuple | None = None
        self.attributions: list[Attribution] = []
        self.hedges: list[Hedge] = []
        self.last_person: tuple[str, str | None] | None = None
        # The source "la même source" points back to: an attribution, or the text of an
        # unnamed source ("selon une source militaire") that stays a hedge.
        self.last_source: Attribution | str | None = None
        self._country = self.actors.country(country) if country else None
        self._country_known = country is not None
        self.role_links: dict[str, tuple[str, str | None]] = {}
        self._cue_tokens: set[int] = set()
        self._prepositions = _preposition_index(self.reg)
        self._run()

    # ------------------------------------------------------------------ helpers
    @property
    def ents(self) -> tuple:
        # spaCy builds fresh Spans on every doc.ents; the entities cannot change mid-analysis.
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return self._ents

    def sent(self, pos: int) -> Span:
        for s, e in self.sents:
            if s <= pos < e:
                return (s, e)
        return (pos, pos)

    def para(self, pos: int) -> Span:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return (s, len(self.text) if e < 0 else e)

    def strip(self, s: int, e: int) -> Span:
        return _strip(self.text, s, e)

    def quote_before(self, pos: int) -> _Quote | None:
        for q in self.quotes:
            if q.closed and q.end <= pos and _GAP_BEFORE.fullmatch(self.text[q.end:pos]):
                return q
        return None

    def quote_after(self, pos: int) -> _Quote | None:
        for q in self.quotes:
            if q.open >= pos and _GAP_AFTER.fullmatch(self.text[pos:q.open]):
                return q
        return None

    def quote_around(self, pos: int) -> _Quote | None:
        for q in self.quotes:
            if q.content[0] <= pos < q.content[1]:
                return q
        return None

    def conditional(self, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        k = key(tok.text)
        return "Cnd" in tok.morph.get("Mood") or (
            len(k) > 5 and bool(_CONDITIONAL.search(k)) and k not in self.reg.not_conditional)

    def np_after(self, i: int, limit: int = 18) -> tuple[int, int] | None:
        """Token range of a noun phrase starting at token ``i``, up to punctuation."""
        j = i
        while j < len(self.doc) and j - i < limit:
            t = self.doc[j]
            if t.text in _STOP_PUNCT or t.is_space or self.keys[j] in _STOP_WORDS:
                break
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
                break
            j += 1
        return (i, j) if j > i else None

    def clause_start(self, pos: int) -> int:
        """Start of the clause an inverted cue ("…, a indiqué X") closes; the parser's
        sentence split is not trusted here, it sometimes cuts before the comma."""
        start = self.para(pos)[0]
        for m in _CLAUSE_END.finditer(self.text[start:pos]):
            candidate = start + m.end()
            if self.quote_around(candidate) is None:
                start = candidate
        return start

    def past_document_noun(self, a: int, b: int) -> int:
        """"un communiqué de l'armée" → "l'armée"; ``b`` when nobody is named."""
        heads = [i for i in range(a, b) if self.keys[i] not in _DETERMINERS]
        if not heads or self.keys[heads[0]] not in self.reg.document_nouns:
            return a
        rest = [i for i in range(heads[0] + 1, b) if self.keys[i] in ("de", "du", "d", "des")]
        if not rest:
            return b
        return rest[0] + 1

    def np_before(self, i: int, limit: int = 24) -> tuple[int, int] | None:
        j = i
        while j > 0 and i - j < limit:
            t = self.doc[j - 1]
            if t.text in _STOP_PUNCT or t.is_space or self.keys[j - 1] in _STOP_WORDS:
                break
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
                return None
            j -= 1
        while j < i and self.doc[j].pos_ == "ADV":
            j += 1
        if j >= i or self.doc[j].pos_ not in ("DET", "NOUN", "PROPN", "PRON"):
            return None
        if self.doc[j].pos_ == "PRON" and self.keys[j] not in _PRONOUNS:
            return None
        return (j, i)

    def span_key(self, a: int, b: int) -> str:
        return key(self.text[self.doc[a].idx:self.doc[b - 1].idx + len(self.doc[b - 1].text)])

    def span_text(self, a: int, b: int) -> tuple[str, Span]:
        s, e = self.strip(self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text))
        return self.text[s:e], (s, e)

    def country(self) -> str | None:
        """The country the report is about: the caller's, else the one it names most
        (adjectives and names), if one leads; computed only when a speaker needs it."""
        if not self._country_known:
            self._country_known = True
            self._country = _main_country(self.actors, self.keys)
        return self._country

    def trim(self, a: int, b: int) -> tuple[int, int] | None:
        """Tokens [a, b) without what only surrounds the speaker: dates ("mercredi des
        responsables"), a leading adverb, the channel ("l'armée dans un communiqué")."""
        keys = self.keys
        while a < b and (keys[a] in _TIME_WORDS or self.doc[a].pos_ == "ADV"
                         or self.doc[a].text == "-"):
            a += 1
        for j in range(a + 1, b):
            if keys[j] in _TIME_WORDS and self.doc[j].pos_ != "ADJ":
                b = j
                break
            if keys[j] in _CHANNEL_OPENERS and self.channel_at(j + 1, b):
                b = j
                break
            if j > a + 1 and self.trailing_participle(j, b):
                # "un habitant joint par téléphone", "un officier s'exprimant sous couvert
                # d'anonymat": how the speaker was reached is no part of the speaker.
                b = j
                break
        return (a, b) if a < b else None

    def trailing_participle(self, j: int, b: int) -> bool:
        doc = self.doc
        if self.keys[j] in ("s", "se") and j + 1 < b:
            j += 1
            reflexive = True
        else:
            reflexive = False
        t = doc[j]
        if "Part" not in t.morph.get("VerbForm") or self.keys[j] in self.reg.role_nouns:
            return False
        if t.lemma_.lower() in _NAMING_VERBS:
            return False  # "connue sous le nom d'Islam Awazi" names the speaker
        if not (t.pos_ == "VERB" or t.text.lower().endswith("ant")):
            return False
        return reflexive or (j + 1 < b and doc[j + 1].pos_ == "ADP")

    def channel_at(self, i: int, b: int) -> bool:
        while i < b and self.keys[i] in _HEAD_SKIP:
            i += 1
        if i >= b:
            return False
        k = self.keys[i]
        return (k in _CHANNEL_NOUNS or k in self.reg.document_nouns or k in self.reg.media_nouns
                or any(sp.kind == "outlet" for sp, _ in self.reg.lookup(self.doc[i].text, roles=False)[:1]))

    def subject_np(self, subj: Token, end: int) -> tuple[int, int]:
        """The subject's own noun phrase: "Les FARDC, appuyées par des wazalendo," is
        "Les FARDC". Appositions stay when they name the speaker or state a role
        ("…, le colonel Boubacar Diallo," · "…, directeur de l'OSDH,")."""
        a = subj.left_edge.i
        # Glued tokens are one word the tokeniser split ("L'état-major" → "état", "-", "major").
        while a > 0 and not self.doc[a - 1].whitespace_ and self.doc[a - 1].text not in _STOP_PUNCT:
            a -= 1
        b = a
        # A clitic after the head belongs to the verb ("les combats se poursuivaient").
        while b < end and self.doc[b].text not in _STOP_PUNCT and not (
                b > subj.i and (self.doc[b].pos_ == "PRON" or self.keys[b] in ("ne", "n"))):
            b += 1
        if b < end and self.doc[b].text not in _STOP_PUNCT:
            return (a, b)
        if b <= subj.i:
            return (a, end)  # the head lies past a comma: keep the parser's subject
        while b < end:
            seg = b + 1
            stop = seg
            while stop < end and self.doc[stop].text not in _STOP_PUNCT:
                stop += 1
            if not self.apposition(seg, stop):
                break
            b = stop
        return (a, b)

    def apposition(self, a: int, b: int) -> bool:
        """A segment that names or describes the speaker: a person, or a role phrase."""
        if a >= b:
            return False
        s, e = self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text)
        if any(ent.label_ == "PER" and s <= ent.start_char and ent.end_char <= e for ent in self.ents):
            return True
        i = a
        while i < b and (self.keys[i] in _DETERMINERS or self.keys[i] in self.reg.titles):
            i += 1
        return i > a and i < b and self.doc[i].pos_ == "PROPN" or \
            (i < b and self.keys[i] in self.reg.role_nouns) or \
            (i > a and self.keys[i - 1] in self.reg.role_nouns)

    def antecedent(self, rel: Token, verb: Token) -> tuple[int, int] | Attribution | None:
        """What a relative "qui" stands for: the attribution already made for it
        ("selon des élus, qui ont dénoncé …"), else the noun phrase it follows."""
        head = verb.head if verb.dep_ == "acl:relcl" else None
        if head is None or head.i >= rel.i or head.pos_ not in ("NOUN", "PROPN"):
            return None
        for a in reversed(self.attributions):
            if a.cue_span[0] <= head.idx < a.cue_span[1] and head.text in a.speaker_text:
                return a
        if any(ent.label_ in _NOT_SPEAKERS and ent.start <= head.i < ent.end for ent in self.ents):
            return None  # "à Goma, qui a …": a place says nothing
        a = head.left_edge.i
        b = head.i + 1
        while b < rel.i and self.doc[b].text not in _STOP_PUNCT and self.keys[b] not in _RELATIVE:
            b += 1
        if self.keys[a] in _PP_OPENERS or self.doc[a].pos_ == "ADP":
            a += 1
        return (a, b) if a < b else None

    def same_source(self, a: int, b: int) -> bool:
        """"la même source", "cette source": the previous source again."""
        ks = self.keys[a:b]
        return (len(ks) >= 2 and ks[0] in _BACK_DETERMINERS and ks[-1] in _SOURCE_HEADS
                and all(k in ("meme", "memes") for k in ks[1:-1]))

    # ------------------------------------------------------------------ speakers
    def resolve(self, a: int, b: int, continuation: bool) -> tuple[str, str, str | None, bool]:
        """(speaker, speaker_text, affiliation, is_person) for tokens [a, b)."""
        a = self.past_document_noun(a, b)
        written, (s, e) = self.span_text(a, b)
        nationality = self.actors.nationality
        pers = [ent for ent in self.ents if ent.label_ == "PER" and s <= ent.start_char and ent.end_char <= e]
        # A name in the phrase outranks whatever its role words resemble in the registry.
        hits = self.reg.lookup(pers[0].text, nationality, roles=False) if pers else []
        if not hits:
            hits = self.reg.lookup(written, nationality, country=self.country,
                                   place=self.actors.country, roles=not pers)
        if hits:
            sp = hits[0][0]
            return sp.name, written, sp.affiliation, sp.kind == "person"
        role = self.role_of(written, pers[0] if pers else None)
        if pers:
            name = pers[0].text
            if role:
                self.role_links[key(role)] = (name, role)
            return name, written, role, True
        if role:
            rk = key(role)
            for linked, target in self.role_links.items():
                if fuzz.ratio(rk, linked) >= 85:
                    return target[0], written, target[1], True
            if continuation and self.last_person:
                return self.last_person[0], written, self.last_person[1], True
        found = self.actors.lookup(written)
        if found and found[0][2] >= 95:
            return found[0][0].name, written, None, False
        national = self.national(a, b)
        if national is not None:
            return national, written, None, False
        return written, written, role, False

    def national(self, a: int, b: int) -> str | None:
        """"l'armée" in a report about Mali → "Military Forces of Mali", when the actor
        registry has that actor."""
        i = a
        while i < b and self.keys[i] in _DETERMINERS:
            i += 1
        template = self.reg.national.get(self.span_key(i, b)) if i < b else None
        if template is None or (country := self.country()) is None:
            return None
        name = template.format(country=country)
        return name if self.actors.get(name) is not None else None

    def role_of(self, written: str, per: "SpacySpan | None") -> str | None:
        """The stated role in a speaker phrase ("porte-parole de l'armée malienne")."""
        text = written.replace(per.text, ",") if per is not None else written
        for part in _ROLE_SPLIT.split(text):
            ks = [w.key for w in words(part)]
            while ks and ks[0] in {"le", "la", "l", "les", "un", "une"}:
                ks.pop(0)
            joined = " ".join(ks)
            if any(joined.startswith(rn + " ") for rn in self.reg.role_nouns):
                return _drop_det(part.strip())
        return None

    # ------------------------------------------------------------------ cues
    def _run(self) -> None:
        doc, pos_ids = self.doc, self.pos_ids
        for i in range(len(doc)):
            if i in self._cue_tokens:
                continue
            prep = self.preposition_at(i)
            if prep:
                self.prep_cue(i, prep)
            elif pos_ids[i] in _NO_CUE_IDS:
                continue  # what cue_lemma says of these parts of speech
            elif (lemma := self.cue_lemma(tok := doc[i])):
                self.verb_cue(tok, lemma)
        self.bare_quotes()
        self.find_conditionals()
        self.find_phrases()
        hedge_phrases = [h for h in self.hedges if h.kind == "hedged" and h.form == "phrase"]
        final = []
        for a in self.attributions:
            if a.certainty == "attributed" and any(_cover(h.span, a.scope) for h in hedge_phrases):
                a = Attribution(**{**a.__dict__, "certainty": "hedged"})
            final.append(a)
        self.attributions = sorted(final, key=lambda a: a.cue_span)
        self.hedges.sort(key=lambda h: h.span)

    def preposition_at(self, i: int) -> int:
        # Only prepositions opening with this word can match; tried in registry order.
        if i >= len(self.keys):
            return 0
        for p in self._prepositions.get(self.keys[i], ()):
            if tuple(self.keys[i:i + len(p)]) == p:
                return len(p)
        return 0

    def prep_cue(self, i: int, n: int) -> None:
        np = self.np_after(i + n)
        if np is not None:
            np = self.trim(*np)
        if np is None:
            return
        a, b = np
        heads = [k for k in self.keys[a:b] if k not in _HEAD_SKIP]
        if heads and heads[0] in self.reg.not_sources:
            return  # "selon son acronyme arabe": a manner of speaking, nobody speaks
        self._cue_tokens.update(range(i, b))
        cue = self.text[self.doc[i].idx:self.doc[i + n - 1].idx + len(self.doc[i + n - 1].text)]
        written, (s, e) = self.span_text(a, b)
        cue_span = (self.doc[i].idx, e)
        head_keys = [k for k in self.keys[a:b] if k not in _DETERMINERS]
        scope = self.prep_scope(cue_span)
        if self.same_source(a, b):
            if isinstance(self.last_source, Attribution):
                prev = self.last_source
                self.add(prev.speaker, written, prev.affiliation, cue, cue_span, scope, "attributed", False)
            else:
                self.hedges.append(Hedge("hedged", self.text[cue_span[0]:cue_span[1]], cue_span,
                                         scope, "anonymous"))
            return
        if head_keys and head_keys[0] in self.reg.document_nouns:
            a = self.past_document_noun(a, b)
            if a >= b:
                return  # "selon un bilan provisoire": no speaker at all
            head_keys = [k for k in self.keys[a:b] if k not in _DETERMINERS]
        if head_keys and head_keys[0] in self.reg.anonymous:
            self.hedges.append(Hedge("hedged", self.text[cue_span[0]:cue_span[1]], cue_span, scope, "anonymous"))
            self.last_source = written
            return
        speaker, text, affiliation, person = self.resolve(a, b, False)
        self.add(speaker, text, affiliation, cue, cue_span, scope, "attributed", person)

    def prep_scope(self, cue_span: Span) -> Span:
        q = self.quote_after(cue_span[1])
        if q:
            return q.content
        s, e = self.sent(cue_span[0])
        before = self.text[s:cue_span[0]].strip(_EDGE + " ").lower()
        after = self.strip(cue_span[1], e)
        if not before or before in ("et", "mais", "or", "toujours"):
            return after
        if after[1] <= after[0]:
            return self.strip(s, cue_span[0])
        return self.strip(s, e)

    def cue_lemma(self, tok: Token) -> str | None:
        if tok.pos_ in ("VERB", "AUX") and key(tok.lemma_) in self.reg.cue_verbs:
            return key(tok.lemma_)
        if key(tok.lemma_) in self.reg.light_verbs and tok.i + 1 < len(self.doc):
            # Light-verb cues: "a fait état de", "a fait savoir que".
            phrase = f"{key(tok.lemma_)} {self.keys[tok.i + 1]}"
            if phrase in self.reg.cue_verbs:
                return phrase
        if tok.pos_ in ("NOUN", "PROPN", "DET", "ADP", "PRON", "NUM", "PUNCT", "SPACE"):
            return None
        # The lemmatiser leaves "indique", "estime" unlemmatised and tags "dément" ADV.
        return self.reg.cue_forms.get(key(tok.text))

    def verb_cue(self, verb: Token, lemma: str) -> None:
        morph = verb.morph
        if "Inf" in morph.get("VerbForm") or any(c.dep_ == "aux:pass" for c in verb.children):
            return
        aux = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
        if not aux and verb.i > 0 and self.keys[verb.i - 1] in ("a", "ont", "avait", "avaient"):
            aux = [self.doc[verb.i - 1]]
        if not aux and "Fin" not in morph.get("VerbForm"):
            if verb.pos_ in ("VERB", "AUX") or verb.text.lower().endswith(("é", "ée", "és", "ées")):
                return
        if lemma in self.reg.publish_verbs and not any(
                c.dep_ == "obj" and key(c.text) in self.reg.media_nouns for c in verb.children):
            return
        first = aux[0] if aux else verb
        cue_s = first.idx
        cue_e = verb.idx + len(verb.text)
        cue = " ".join(t.text for t in (*aux, verb))
        k = verb.i + 1
        pronoun = any(self.doc[j].text.startswith("-") and self.keys[j] in _PRONOUNS
                      for j in range(first.i + 1, verb.i))
        while k < len(self.doc) and self.keys[k] in ({"t"} | _PRONOUNS) and self.doc[k].text.startswith("-"):
            pronoun = pronoun or self.keys[k] in _PRONOUNS
            cue_e = self.doc[k].idx + len(self.doc[k].text)
            k += 1
        adverbs = {c.i for c in verb.children if c.dep_ == "advmod"}
        continuation = any(self.keys[c] in self.reg.continuation for c in adverbs)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "expl:subj") and not c.text.startswith("-")]
        pre = [c for c in subj if c.i < first.i]
        post = [c for c in subj if c.i > verb.i]
        prev = self.doc[first.i - 1] if first.i > 0 else None
        inverted = pronoun or (not pre and prev is not None and prev.text in {",", "»", "”", '"'})
        np = None
        inside = self.quote_around(cue_s)
        if inside is not None and not inverted:
            return  # the speaker's own words ("nous affirmons que …"), not a new attribution
        if pre and key(pre[0].text) in _FIRST_PERSON:
            return
        same: Attribution | None = None
        if pre and key(pre[0].text) in _PRONOUNS:
            pronoun = True
        elif pre and self.keys[pre[0].i] in _RELATIVE:
            found = self.antecedent(pre[0], verb)
            if found is None:
                return  # a "qui" whose antecedent is unknown names nobody
            if isinstance(found, Attribution):
                same = found
            else:
                np = found
        elif pre:
            np = self.subject_np(pre[0], first.i)
        elif inverted and not pronoun:
            start = k
            while start < len(self.doc) and self.doc[start].pos_ == "ADV":
                start += 1
            start = self.skip_pp(start)
            if post and post[0].left_edge.i >= start:
                start = post[0].left_edge.i
            np = self.np_after(start)
            if np is not None and np[1] + 1 < len(self.doc) and self.doc[np[1]].text == ",":
                # "estime le commandant de la brigade, Oleksiy Bondar" · "…, le général X".
                after = np[1] + 1
                while after < len(self.doc) and (self.keys[after] in _DETERMINERS
                                                 or self.keys[after] in self.reg.titles):
                    after += 1
                for ent in self.ents:
                    if ent.label_ == "PER" and ent.start == after:
                        np = (np[0], ent.end)
        elif not pre and not inverted:
            # The parser often loses the subject of a long sentence: take the noun phrase
            # that opens the clause.
            np = self.np_before(first.i)
        if np is not None and np[1] - np[0] == 1 and self.keys[np[0]] in _PRONOUNS:
            pronoun, np = True, None
        if np is not None:
            np = self.trim(*np)
        if np is not None and self.same_source(*np):
            if not isinstance(self.last_source, Attribution):
                if self.last_source is None:
                    return  # pointing back to nothing: no new speaker either
                # An unnamed source stays one, as "selon une source militaire" did.
                scope = self.verb_scope(verb, cue_s, cue_e, inverted)
                span = self.span_text(*np)[1]
                span = (min(cue_s, span[0]), max(cue_e, span[1]))
                self._cue_tokens.update(range(first.i, verb.i + 1))
                self.hedges.append(Hedge("hedged", self.text[span[0]:span[1]], span, scope, "anonymous"))
                return
            same = self.last_source
        if np is None and not pronoun and same is None:
            return
        self._cue_tokens.update(range(first.i, verb.i + 1))
        if same is not None:
            speaker, affiliation, person = same.speaker, same.affiliation, False
            if np is not None:
                text, (ns, ne) = self.span_text(*np)
            else:
                text, (ns, ne) = self.text[pre[0].idx:pre[0].idx + len(pre[0].text)], \
                    (pre[0].idx, pre[0].idx + len(pre[0].text))
            cue_span = (min(cue_s, ns), max(cue_e, ne))
        elif pronoun:
            if self.last_person is None:
                return
            speaker, affiliation = self.last_person
            text, person = self.text[cue_s:cue_e], True
            cue_span = (cue_s, cue_e)
        else:
            a, b = np
            speaker, text, affiliation, person = self.resolve(a, b, continuation)
            _, (ns, ne) = self.span_text(a, b)
            cue_span = (min(cue_s, ns), max(cue_e, ne))
        if lemma in self.reg.denial_verbs:
            scope = self.denial_scope(verb, cue_s, inverted)
            self.hedges.append(Hedge("denied", self.text[cue_s:cue_e], (cue_s, cue_e), scope, "denial"))
            self.add(speaker, text, affiliation, cue, cue_span, scope, "denied", person)
            return
        scope = self.verb_scope(verb, cue_s, cue_e, inverted)
        self.add(speaker, text, affiliation, cue, cue_span, scope, "attributed", person)

    def skip_pp(self, i: int) -> int:
        """Skip "à l'AFP", "dans un communiqué" between an inverted verb and its subject."""
        if i >= len(self.doc) or self.keys[i] not in _PP_OPENERS:
            return i
        j = i + 1
        seen_noun = False
        while j < len(self.doc):
            t = self.doc[j]
            if t.pos_ == "DET" and seen_noun:
                return j
            if t.pos_ in ("NOUN", "PROPN"):
                seen_noun = True
            elif t.pos_ not in ("DET", "ADJ", "ADP"):
                return j
            j += 1
        return j

    def verb_scope(self, verb: Token, cue_s: int, cue_e: int, inverted: bool) -> Span:
        q = self.quote_before(cue_s) if inverted else None
        if q is None and inverted:
            q = self.quote_around(cue_s)
        if q is None and not inverted:
            q = self.quote_after(cue_e)
        if q is not None:
            return q.content
        s, e = self.sent(cue_s)
        if inverted:
            return self.strip(self.clause_start(cue_s), cue_s)
        for t in self.doc[verb.i + 1:min(verb.i + 8, len(self.doc))]:
            if t.idx >= e:
                break
            if self.keys[t.i] in ("que", "qu"):
                scope = self.strip(t.idx + len(t.text), e)
                return self.continued(scope)
            if t.text == ":":
                return self.strip(t.idx + 1, e)
        return self.strip(cue_e, e)

    def continued(self, scope: Span) -> Span:
        """Following sentences in the reportive conditional stay in the speaker's scope."""
        para = self.para(scope[0])
        end = scope[1]
        for s, e in self.sents:
            if s < end or s >= para[1]:
                continue
            toks = [t for t in self.doc.char_span(s, e, alignment_mode="expand") or []]
            verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
            has_cue = any(t.i in self._cue_tokens or self.preposition_at(t.i)
                          or key(t.lemma_) in self.reg.cue_verbs for t in toks)
            if has_cue or not any(self.conditional(v) for v in verbs):
                break
            end = self.strip(s, e)[1]
        return (scope[0], end)

    def denial_scope(self, verb: Token, cue_s: int, inverted: bool) -> Span:
        s, e = self.sent(cue_s)
        if inverted:
            return self.strip(self.clause_start(cue_s), cue_s)
        j = verb.i + 1
        while j < len(self.doc) and (self.doc[j].pos_ == "ADV" or self.doc[j].text.startswith("-")):
            j += 1
        rest = self.keys[j:j + 4]
        anaphoric = any(tuple(rest[:len(p)]) == p for p in self.reg.anaphoric)
        tail = self.strip(self.doc[j].idx if j < len(self.doc) else e, e)
        if anaphoric or tail[1] <= tail[0]:
            for ps, pe in reversed(self.sents):
                if pe <= s:
                    return self.strip(ps, pe)
            return (s, s)
        return tail

    def add(self, speaker, text, affiliation, cue, cue_span, scope, certainty, person) -> None:
        att = Attribution(speaker, text, affiliation, cue, cue_span, scope, certainty)
        self.attributions.append(att)
        self.last_source = att
        if person:
            self.last_person = (speaker, affiliation)

    def bare_quotes(self) -> None:
        """A quote with no cue of its own belongs to the speaker just before it."""
        for q in self.quotes:
            if any(_cover(q.content, a.scope) for a in self.attributions) or q.content[1] <= q.content[0]:
                continue
            para = self.para(q.open)
            prev = [a for a in self.attributions if a.cue_span[1] <= q.open]
            prev = [a for a in prev if a.cue_span[0] >= self.para(max(para[0] - 1, 0))[0]]
            if prev:
                a = prev[-1]
                self.attributions.append(Attribution(a.speaker, a.speaker_text, a.affiliation, "« »",
                                                     (q.open, q.open + 1), q.content, "attributed"))
                continue
            s, _ = self.sent(q.open)
            pers = [ent for ent in self.ents if ent.label_ == "PER" and para[0] <= ent.start_char < q.open]
            if pers:
                ent = pers[-1]
                hits = self.reg.lookup(ent.text)
                name = hits[0][0].name if hits else ent.text
                aff = hits[0][0].affiliation if hits else None
                self.attributions.append(Attribution(name, ent.text, aff, "« »", (q.open, q.open + 1),
                                                     q.content, "attributed"))

    # ------------------------------------------------------------------ hedges
    def find_conditionals(self) -> None:
        seen: set[int] = set()
        for i, pos in enumerate(self.pos_ids):
            # conditional() holds only for verbs and auxiliaries.
            if pos not in _VERBAL_IDS or not self.conditional(tok := self.doc[i]):
                continue
            unit = tok.head if tok.dep_.startswith("aux") else tok
            # Conditional inside "X a déclaré que …" is the future-in-the-past, not doubt.
            if unit.i in seen or any(key(a.lemma_) in self.reg.cue_verbs and a.i in self._cue_tokens
                                     for a in unit.ancestors):
                continue
            seen.add(unit.i)
            s = min(tok.idx, unit.idx)
            e = max(tok.idx + len(tok.text), unit.idx + len(unit.text))
            scope = self.strip(*self.sent(s))
            q = self.quote_around(s)
            if q is not None:
                scope = (max(scope[0], q.content[0]), min(scope[1], q.content[1]))
            self.hedges.append(Hedge("hedged", self.text[s:e], (s, e), scope, "conditional"))

    def find_phrases(self) -> None:
        matcher = _phrase_matcher(self.reg)
        ws = words(self.text)
        if not ws:
            return
        shadow = Doc(matcher.vocab, words=[w.key for w in ws])
        taken = [h.span for h in self.hedges]
        for _, a, b in sorted(matcher(shadow), key=lambda m: (m[1], -m[2])):
            span = (ws[a].start, ws[b - 1].end)
            if any(span[0] < t[1] and t[0] < span[1] and (t[0] <= span[0] and span[1] <= t[1])
                   for t in taken):
                continue
            s, e = self.sent(span[0])
            scope = self.strip(span[1], e) if fold(self.text[span[0]:span[1]]).startswith("il sembl") \
                else self.strip(s, e)
            # The phrase supersedes a conditional it contains ("il semblerait").
            self.hedges = [h for h in self.hedges
                           if not (h.form == "conditional" and span[0] <= h.span[0] < span[1])]
            self.hedges.append(Hedge("hedged", self.text[span[0]:span[1]], span, scope, "phrase"))
            taken.append(span)


def _main_country(actors: ActorRegistry, keys: list[str]) -> str | None:
    """The country named most often in ``keys`` (nationality adjectives and country names),
    or ``None`` when none is named or two tie."""
    index = _country_index(actors)
    counts: dict[str, int] = {}
    for i, k in enumerate(keys):
        for phrase, country in index.get(k, ()):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                counts[country] = counts.get(country, 0) + 1
                break
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=counts.__getitem__)


_COUNTRY_INDEX: WeakKeyDictionary = WeakKeyDictionary()


def _country_index(actors: ActorRegistry) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index = _COUNTRY_INDEX.get(actors)
    if index is None:
        index = {}
        # Read-only use of the registry's own tables: the same adjectives and names that
        # resolve "l'armée malienne" decide which country a report is about.
        forms = [(tuple(k), c) for k, c in getattr(actors, "_nat", {}).items()]
        forms += [(tuple(k.split()), c) for k, c in getattr(actors, "_country_keys", {}).items()
                  if len(k) > 2]
        for phrase, country in sorted(forms, key=lambda f: -len(f[0])):
            if phrase:
                index.setdefault(phrase[0], []).append((phrase, country))
        _COUNTRY_INDEX[actors] = index
    return index


# Weak keys: an id() could be reused by a later registry and hand it a stale matcher.
_MATCHERS: WeakKeyDictionary[SpeakerRegistry, PhraseMatcher] = WeakKeyDictionary()
_PREPOSITIONS: WeakKeyDictionary[SpeakerRegistry, dict[str, list[tuple[str, ...]]]] = \
    WeakKeyDictionary()


def _phrase_matcher(reg: SpeakerRegistry) -> PhraseMatcher:
    matcher = _MATCHERS.get(reg)
    if matcher is None:
        vocab = Vocab()
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for phrase in reg.hedge_phrases:
            matcher.add("HEDGE", [Doc(vocab, words=key(phrase).split())])
        _MATCHERS[reg] = matcher
    return matcher


def _preposition_index(reg: SpeakerRegistry) -> dict[str, list[tuple[str, ...]]]:
    index = _PREPOSITIONS.get(reg)
    if index is None:
        index = {}
        for p in reg.prepositions:
            if not p:
                break  # an empty entry matched everywhere and hid every later one
            index.setdefault(p[0], []).append(p)
        _PREPOSITIONS[reg] = index
    return index


