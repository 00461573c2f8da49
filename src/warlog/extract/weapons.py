"""Weapons used in an event ("des canons à mortier de type HY-12").

Materiel that was lost or used is counted by :mod:`warlog.extract.quantities`; this module
only names the weapon kinds and model codes a report mentions, from ``weapons.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warlog.errors import LexiconError
from warlog.lexicons import DATA_DIR, load_yaml

LEXICON = "lexicons/fr/weapons.yaml"
# A model code: letters and digits with at least one digit, e.g. HY-12, BM-21, TB2, Su-22M4.
_MODEL = r"([A-Z][A-Za-z]*[- ]?\d[\w-]*|[A-Z]{2,}[\w-]*\d[\w-]*)"


@dataclass(frozen=True)
class WeaponMention:
    kind: str
    model: str | None
    text: str
    span: tuple[int, int]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load_yaml(LEXICON)
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise LexiconError("'kinds' must map a weapon kind to a list of words", DATA_DIR / LEXICON)
    by_word: dict[str, str] = {}
    for kind, words in kinds.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"kind {kind!r} must list words", DATA_DIR / LEXICON)
        for word in words:
            by_word[word.lower()] = kind
    cues = data.get("model_cues") or []
    words = sorted(by_word, key=len, reverse=True)
    cue_alt = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    # Words match in any case, model codes only as written. The model may follow directly
    # ("drone Bayraktar TB2") or after a cue with a few words between ("canons à mortier
    # fabriqués en Turquie de type HY-12"); a cue may be glued to the code ("typeHY-12").
    pattern = (
        r"(?<!\w)(?i:(?P<weapon>" + "|".join(re.escape(w) for w in words) + r"))(?!\w)"
        r"(?:[^.;:!?]{0,60}?(?i:" + cue_alt + r")\s*(?P<model>" + _MODEL + r")"
        r"|\s+(?P<direct>(?:[A-Z][a-z]+\s)?" + _MODEL + r"))?"
    )
    return re.compile(pattern), by_word


def find_weapons(text: str, start: int = 0, end: int | None = None) -> list[WeaponMention]:
    """Weapons named in ``text[start:end]``; offsets are into ``text``."""
    pattern, by_word = _patterns()
    end = len(text) if end is None else end
    found = []
    for m in pattern.finditer(text, start, end):
        model = m.group("model") or m.group("direct")
        stop = m.end() if model else m.end("weapon")
        found.append(WeaponMention(by_word[m.group("weapon").lower()], model,
                                   text[m.start():stop], (m.start(), stop)))
    return found
