"""Text keys shared by the actor and speaker resolvers.

Matching never runs on the raw text: French reports spell the same name with or without
accents, hyphens, elided articles and Arabic or Russian transliteration habits. Every key
below keeps a way back to character offsets in the text as read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"\w+", re.UNICODE)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


# Every resolver folds the same few thousand words over and over: memoise the pure keys.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents or ligatures ("Qaïda" → "qaida")."""
    if text.isascii():
        return text.lower()
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Word(NamedTuple):
    """A word of the text. A tuple: a report has hundreds, and a tuple is the cheapest
    immutable record Python makes."""
    key: str          # folded form
    start: int
    end: int
    raw: str


def words(text: str, offset: int = 0) -> list[Word]:
    """Word tokens of ``text``; hyphens and apostrophes separate words so "al-Cham",
    "al Cham" and "l'armée"/"l armée" give the same key sequence."""
    # A copy, so a caller that edits its list cannot corrupt the shared cache entry.
    return list(_words(text, offset))


# Small: entries for whole documents are large, and the repeats come in quick succession
# (the actor pass, the speaker pass, the pipeline's second actor pass over the same text).
@lru_cache(maxsize=256)
def _words(text: str, offset: int) -> tuple[Word, ...]:
    out = []
    for m in _WORD.finditer(text):
        raw = m.group()
        start, end = m.span()
        out.append(Word(fold(raw), start + offset, end + offset, raw))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """Space-joined folded words: the exact-match key for aliases and spellings."""
    # Straight from the regex: going through ``words`` would flood its small cache with
    # single tokens and evict the documents it is there for.
    return " ".join(fold(m.group()) for m in _WORD.finditer(text))


# Arabic article forms as French and English press write them before a hyphen.
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ag|ach|ash|as|at|ar|an|az|ed|es|et|er|en|ez|ech)-")
# Ordered: longer digraphs first, so "tch" is consumed before "ch".
_TRANSLIT = [
    ("tsch", "sh"), ("tch", "sh"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("sch", "sh"),
    ("ch", "sh"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("ou", "u"), ("ck", "k"), ("qu", "k"), ("q", "k"), ("c", "k"), ("w", "v"), ("y", "i"),
    ("ee", "i"), ("ei", "i"), ("ai", "e"), ("ae", "e"), ("x", "ks"),
]
_REPEAT = re.compile(r"(.)\1+")
# Standalone Arabic articles ("Al Qaeda"); "et", "en", "es" are French words and stay.
_BARE_ARTICLES = {"al", "el", "ash", "ach", "ad", "ar", "az", "ul"}


@lru_cache(maxsize=1 << 14)
def translit_key(text: str) -> str:
    """A key where French, English and German transliterations of one Arabic or Russian
    name meet: "Kouptchichine" and "Kupchishin" both give "kupshishin"; "Hayat Tahrir
    al-Cham" and "Hayat Tahrir ash-Sham" both give "haiat tahrir sham"."""
    text = _ARTICLE.sub("", fold(text).replace("'", " ").replace("’", " "))
    out = []
    tokens = [fold(m.group()) for m in _WORD.finditer(text)]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _BARE_ARTICLES] or tokens
    for word in tokens:
        for a, b in _TRANSLIT:
            word = word.replace(a, b)
        word = _REPEAT.sub(r"\1", word)
        if len(word) > 3 and word.endswith("e"):
            word = word[:-1]
        out.append(word)
    return " ".join(out)
