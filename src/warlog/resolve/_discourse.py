"""Text structure for reported speech: quotes, sentences and the records they feed.

Kept apart from the cue rules (``_reported.py``) so both the rules and
:func:`~warlog.resolve.sources.certainty_for` share one notion of spans and coverage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from warlog.nlp.tokens import doc_text

Span = tuple[int, int]

_STOP_PUNCT = {",", ".", ";", ":", "«", "»", "(", ")", "!", "?", '"', "“", "”", "—", "–", "…"}
_STOP_WORDS = {"qui", "que", "qu", "dont", "lors", "depuis", "car", "mais", "citant", "sous"}
_PRONOUNS = {"il", "elle", "ils", "elles", "on"}
_DETERMINERS = {"des", "de", "d", "une", "un", "plusieurs", "certaines", "certains", "les", "la",
                "le", "l", "du"}
_FIRST_PERSON = {"je", "j", "nous", "vous", "tu"}
_PP_OPENERS = {"a", "au", "aux", "dans", "sur", "lors", "devant", "aupres"}
# Words that date a statement ("ont rapporté mercredi des responsables"): never part of
# who speaks, wherever the parser puts them.
_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier",
               "aujourd", "hui", "avant", "soir", "matin", "midi", "apres", "nuit", "tard",
               "dernier", "derniere", "week", "end", "veille", "lendemain"}
# The media a statement went out through ("dans un communiqué", "à l'AFP", "sur X"),
# on top of the registry's document and media nouns.
_CHANNEL_NOUNS = {"presse", "journalistes", "journaliste", "television", "radio", "reseaux",
                  "telephone", "conference", "antenne", "chaine", "site", "compte", "comptes",
                  "afp", "reuters", "agence", "interview", "entretien", "x", "twitter",
                  "telegram", "facebook", "telegramme", "media", "medias", "correspondant"}
_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
# Determiners before a head noun, possessives and demonstratives included ("son acronyme").
_HEAD_SKIP = {"des", "de", "d", "une", "un", "plusieurs", "certaines", "certains", "les", "la",
              "le", "l", "du", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces",
              "meme", "memes"}
# "la même source", "cette source": the source named before, not a new one.
_BACK_DETERMINERS = {"la", "le", "les", "l", "ce", "cet", "cette", "ces"}
_SOURCE_HEADS = {"source", "sources"}
_EDGE = " \t\n\u00a0\u202f,;:.«»\"“”—–"
_CONDITIONAL = re.compile(r"(rait|raient)$")
_BREAKS = re.compile(r"\n+")
_WORD_CHAR = re.compile(r"\w")
_QUOTE_OPENERS = re.compile('[«“"]')
_LEAD_DET = re.compile(r"^(?:le|la|les|un|une|l['’])\s*", re.IGNORECASE)
# A claim is covered by an attribution or hedge when at least this share of it lies inside.
COVER_SHARE = 0.5


@dataclass(frozen=True)
class Attribution:
    speaker: str
    speaker_text: str
    affiliation: str | None
    cue: str
    cue_span: Span
    scope: Span
    certainty: str


@dataclass(frozen=True)
class Hedge:
    kind: str            # "hedged" | "denied"
    cue: str
    span: Span
    scope: Span
    form: str = "phrase"  # "phrase" | "conditional" | "anonymous" | "denial"


@dataclass(frozen=True)
class _Quote:
    open: int            # index of the opening mark
    end: int             # index after the closing mark (or paragraph end when unclosed)
    content: Span
    closed: bool


def _quotes(text: str) -> list[_Quote]:
    """« … » pairs (and “ ”, "…"); an unclosed « runs to the end of its paragraph."""
    out = []
    i, n = 0, len(text)
    pairs = {"«": "»", "“": "”", '"': '"'}
    while i < n:
        # Jump to the next opening mark: nothing else in between changes the scan.
        found = _QUOTE_OPENERS.search(text, i)
        if found is None:
            break
        i = found.start()
        c = text[i]
        if c in pairs:
            close = pairs[c]
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            j = text.find(close, i + 1, para_end)
            if c == '"' and j < 0:
                i += 1
                continue  # a stray straight quote opens nothing
            closed = j >= 0
            end = j + 1 if closed else para_end
            content = _strip(text, i + 1, j if closed else para_end)
            out.append(_Quote(i, end, content, closed))
            i = end
            continue
        i += 1
    return out


def _strip(text: str, s: int, e: int, chars: str = _EDGE) -> Span:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return (s, e)


def _sentences(doc: Doc, text: str | None = None) -> list[Span]:
    """spaCy's sentences, cut at line breaks: the parser happily runs a sentence across a
    paragraph break, and a paragraph break always ends a claim. ``text`` is ``doc.text``
    when the caller already has it (spaCy rebuilds it on every access)."""
    if text is None:
        text = doc_text(doc)
    out: list[Span] = []
    for sent in doc.sents:
        a = sent.start_char
        for m in _BREAKS.finditer(text[sent.start_char:sent.end_char]):
            b = sent.start_char + m.start()
            if text[a:b].strip():
                out.append((a, b))
            a = sent.start_char + m.end()
        if text[a:sent.end_char].strip():
            out.append((a, sent.end_char))
    merged: list[Span] = []
    for span in out:
        # A lone "«" sentence belongs to the quote that follows it.
        if merged and not _WORD_CHAR.search(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _cover(span: Span, scope: Span) -> bool:
    length = max(span[1] - span[0], 1)
    inside = min(span[1], scope[1]) - max(span[0], scope[0])
    return inside >= COVER_SHARE * length


def _drop_det(text: str) -> str:
    return _LEAD_DET.sub("", text)
