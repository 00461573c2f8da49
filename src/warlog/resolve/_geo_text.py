"""Name keys for gazetteer lookup.

Two keys per name, both computed the same way for gazetteer names and for text mentions:

* ``name_key``: case, accents, apostrophes and hyphens folded, Arabic articles dropped
  ("Jisr al-Choghour" → "jisr choghour", "Jisr ash Shughur" → "jisr shughur").
* ``translit_key``: a consonant skeleton of ``name_key`` that absorbs the usual differences
  between French, English and scholarly romanisations of Arabic (ch/sh, ou/u, dj/j, q/k,
  gh/r, kh/h, vowels, doubled letters, Tal/Tell/Tall): "Jabine", "Joubbaïne" and "Jubbayn"
  all give "jbn"; "Tal Melh" and "Tall Mallah" both give "tl ml".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Romanised Arabic articles (with sun-letter assimilation) and their French spellings.
ARTICLES = frozenset({
    "al", "el", "il", "ul", "ech", "ach", "ash", "as", "ad", "adh", "an", "ar", "at", "ath",
    "az", "ed", "en", "er", "es", "et", "ez",
})

_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_SPECIAL = str.maketrans({
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ı": "i", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ħ": "h", "Ħ": "h", "þ": "th", "ð": "d",
    **{c: "" for c in _APOSTROPHES},
})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LATIN_LETTER = re.compile(r"[a-z]")


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: accents stripped, apostrophes removed, punctuation → space."""
    if text.isascii():
        text = text.lower()
        for c in "'`":
            text = text.replace(c, "")
        return " ".join(_NON_ALNUM.sub(" ", text).split())
    text = text.translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def _split_articles(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, w in enumerate(words):
        # A lone article is dropped, but never the only word ("As" alone stays a name).
        if w in ARTICLES and len(words) > 1 and (i < len(words) - 1):
            continue
        out.append(w)
    return out


@lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    words = fold(text).split()
    return " ".join(_split_articles(words))


def full_key(text: str) -> str:
    """``fold`` without dropping articles, for tie-breaking similarity."""
    return fold(text)


# Order matters: digraphs before the single letters they contain.
_DIGRAPHS = [
    ("tch", "sh"), ("sch", "sh"), ("ch", "sh"), ("dj", "j"), ("dzh", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "r"), ("qu", "k"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"),
]
_VOWELS = set("aeiouyw")


@lru_cache(maxsize=262144)
def _skeleton(word: str) -> str:
    if word.isdigit():
        return word
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    # Final -h (Arabic ta marbuta, "Hamah", "Mallah"; "Melh") is written or not at will.
    if len(word) > 2 and word.endswith("h"):
        word = word[:-1]
    word = word.replace("q", "k").replace("x", "ks")
    chars: list[str] = []
    for i, c in enumerate(word):
        if c == "c":
            nxt = word[i + 1] if i + 1 < len(word) else ""
            c = "s" if nxt in ("e", "i", "y") else "k"
        # Doubled letters ("Jubbayn", "Tall") collapse; letters split by a vowel
        # ("Hamamiyat" vs "Hamat") stay apart.
        if not chars or chars[-1] != c:
            chars.append(c)
    return "".join(c for c in chars if c not in _VOWELS) or word[:1]


def translit_key(text: str) -> str:
    return key_skeleton(name_key(text))


def key_skeleton(nkey: str) -> str:
    """``translit_key`` of a string that is already a ``name_key``."""
    return " ".join(_skeleton(w) for w in nkey.split())


def is_latin_name(text: str) -> bool:
    """Worth indexing: written in Latin script and not a bare code or an all-lowercase
    machine transliteration (GeoNames carries "ladhqyh", "LTK" among alternate names)."""
    if not any(c.isupper() for c in text):
        return False
    if len(text) <= 4 and text.isupper():
        return False
    if text.isascii():
        return True
    # Mostly Latin letters (Basic Latin to Extended-B, and Latin Extended Additional).
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c <= "\u024f" or "\u1e00" <= c <= "\u1eff")
    return latin >= 0.8 * len(letters) and bool(_LATIN_LETTER.search(fold(text)))
