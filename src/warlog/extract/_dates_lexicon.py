"""The French date lexicon (``data/lexicons/fr/dates.yaml``): loading, schema check, matching.

Entries are written once, in their usual spelling; :func:`phrase_regex` makes them tolerant of
case, accents, apostrophe and hyphen variants, and :func:`fold` gives the key a matched text is
looked up under, so the regex and the lookup can never disagree about what an entry covers.
"""

from __future__ import annotations

import re
import re._casefix
import re._constants as sre
import re._parser as sre_parse
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from warlog.errors import LexiconError

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "fr" / "dates.yaml"

UNITS = ("hour", "day", "week", "month", "year")
PERIOD_UNITS = ("week", "weekend", "month", "year")
_LISTS = ("parts_of_day", "time_prepositions", "time_words", "time_suffixes", "time_zones",
          "past_markers", "future_markers", "ago_prefixes", "month_leads", "year_leads",
          "since_words", "since_phrases", "since_onsets", "future")

# Letters that French text writes with or without an accent (and capitals without one).
_VARIANTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç", "y": "yÿ"}


def fold(text: str) -> str:
    """Lookup key: lower case, no accents, letters and digits only."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def phrase_regex(phrase: str) -> str:
    out: list[str] = []
    for char in phrase.lower():
        base = fold(char) or char
        if char == " ":
            out.append(r"(?:\s*[-‐‑]\s*|\s+)")
        elif char == "-":
            out.append(r"(?:\s*[-‐‑]\s*|\s+)?")
        elif char in "'’":
            out.append(r"['’ʼ]\s*")
        elif len(base) == 1 and base in _VARIANTS:
            out.append(f"[{_VARIANTS[base]}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def alternation(phrases) -> str:
    # Longest first, so that "janvier" wins over "janv." and "dans la nuit" over "nuit".
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + _factored([_pieces(p) for p in ordered]) + ")"


def _pieces(phrase: str) -> tuple[str, ...]:
    return tuple(phrase_regex(c) for c in phrase.lower())


# Pieces that match exactly one character, so alternatives starting with different ones can
# never both match at one place (checked case-insensitively in _exclusive).
_ONE_CHAR = re.compile(r"\[[^\]\\]+\]|\\?.", re.DOTALL)


def _factored(alternatives: list[tuple[str, ...]]) -> str:
    """The alternation of `alternatives`, in order, with common first pieces taken out.

    The regex engine tries a flat alternation branch by branch, dozens at every word; as a
    tree it tests one character per distinct first letter. Branches are only regrouped when
    their first pieces exclude each other, so which branch wins is unchanged.
    """
    firsts = [a[0] if a else None for a in alternatives]
    if (len(alternatives) < 2 or None in firsts
            or not all(_ONE_CHAR.fullmatch(f) for f in firsts)
            or not _exclusive(set(firsts))):
        return "|".join("".join(a) for a in alternatives)
    groups: dict[str, list[tuple[str, ...]]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    out = []
    for first, rests in groups.items():
        if len(rests) == 1:
            out.append(first + "".join(rests[0]))
        else:
            out.append(first + "(?:" + _factored(rests) + ")")
    return "|".join(out)


def _exclusive(pieces: set[str]) -> bool:
    """Whether no character matches two of the one-character `pieces` (ignoring case)."""
    compiled = [re.compile(p, re.IGNORECASE) for p in pieces]
    chars = set()
    for p in pieces:
        for c in (p[1:-1] if p.startswith("[") else p[-1]):
            chars.update((c, c.lower(), c.upper(), c.casefold()[:1], c.upper().lower()))
    # Characters the engine treats as case variants beyond lower/upper (ſ for s, K for k…).
    chars.update(_EXTRA_CASES)
    return all(sum(1 for r in compiled if r.fullmatch(c)) <= 1 for c in chars if len(c) == 1)


_EXTRA_CASES = {chr(c) for k, v in re._casefix._EXTRA_CASES.items() for c in (k, *v)}

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
               sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
               sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}


def guard(regex: str) -> str:
    """A lookahead for the characters a match of `regex` can start with ("" if any can).

    In front of a pattern it lets the engine skip ahead to where a match can start instead of
    making a full attempt at every character. It never changes what matches: it only lists
    the first characters the pattern itself allows, and is read under the same flags.
    """
    first = _first(list(sre_parse.parse(regex)))
    if first is None or first[1] or not first[0]:
        return ""
    parts = set()
    for kind, value in first[0]:
        if kind == "lit":
            parts.add(re.escape(chr(value)))
        elif kind == "range":
            parts.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif value in _CATEGORIES:
            parts.add(_CATEGORIES[value])
        else:
            return ""
    return "(?=[" + "".join(sorted(parts)) + "])"


def _first(items) -> tuple[set, bool] | None:
    """(what can start a match of the sequence, whether it can match empty); None: anything."""
    out: set = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return out | {("lit", av)}, False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    out.add(("lit", value))
                elif kind is sre.RANGE:
                    out.add(("range", value))
                elif kind is sre.CATEGORY:
                    out.add(("cat", value))
                else:
                    return None
            return out, False
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            found = None if add_flags or del_flags else _first(list(sub))
        elif op is sre.BRANCH:
            found, empty = set(), False
            for branch in av[1]:
                got = _first(list(branch))
                if got is None:
                    return None
                found |= got[0]
                empty = empty or got[1]
            found = (found, empty)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, sub = av
            found = _first(list(sub))
            if found is not None and low == 0:
                found = (found[0], True)
        elif op is sre.ATOMIC_GROUP:
            found = _first(list(av))
        else:
            return None
        if found is None:
            return None
        out |= found[0]
        if not found[1]:
            return out, False
    return out, True


@dataclass(frozen=True)
class Lexicon:
    path: str
    months: dict[str, int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    counts: dict[str, int]
    approximate_counts: dict[str, int]
    relative_days: dict[str, tuple[int, int]]
    periods: dict[str, tuple[str, int, tuple[int, int] | None]]
    vague: dict[str, tuple[int, int, int]]
    ago_units: dict[str, str]
    month_parts: dict[str, tuple[int, int, int]]
    # Every section's entries as written in the file (the keys of a mapping section).
    entries: dict[str, tuple[str, ...]]

    def alt(self, name: str) -> str:
        """Regex alternation of the entries of one section."""
        return alternation(self.entries[name])


class _Checker:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> LexiconError:
        return LexiconError(f"{where}: {problem}", self.path)

    def section(self, data: dict, name: str, kind: type) -> Any:
        value = data.get(name)
        if not isinstance(value, kind) or not value:
            raise self.fail(name, f"missing or not a non-empty {kind.__name__}")
        return value

    def int_in(self, where: str, value: Any, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(where, f"{value!r} is not a whole number in {low}..{high}")
        return value

    def pair(self, where: str, value: Any, low: int, high: int) -> tuple[int, int]:
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value, value]
        if not isinstance(value, list) or len(value) != 2:
            raise self.fail(where, f"{value!r} is not a number or a [first, last] pair")
        first, last = (self.int_in(where, v, low, high) for v in value)
        if first > last:
            raise self.fail(where, f"{value!r}: first is after last")
        return first, last

    def mapping(self, data: dict, name: str, convert) -> dict:
        out = {}
        for key, value in self.section(data, name, dict).items():
            key_text = str(key)
            if not fold(key_text):
                raise self.fail(f"{name}.{key_text}", "empty entry")
            if fold(key_text) in out:
                raise self.fail(f"{name}.{key_text}", "duplicate entry (ignoring accents/case)")
            out[fold(key_text)] = convert(f"{name}.{key_text}", value)
        return out

    def keyed(self, where: str, value: Any, fields: tuple[str, ...]) -> dict:
        if not isinstance(value, dict) or set(value) - set(fields):
            raise self.fail(where, f"expected a mapping with keys {', '.join(fields)}")
        return value


def _parse(data: Any, path: Path) -> Lexicon:
    check = _Checker(path)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise check.fail("version", "the file must be a mapping with `version: 1`")

    def period(where: str, value: Any):
        value = check.keyed(where, value, ("unit", "shift", "days"))
        if value.get("unit") not in PERIOD_UNITS:
            raise check.fail(where, f"unit must be one of {', '.join(PERIOD_UNITS)}")
        days = value.get("days")
        return (value["unit"], check.int_in(where, value.get("shift"), -1, 0),
                check.pair(where, days, 0, 6) if days is not None else None)

    def vague(where: str, value: Any):
        value = check.keyed(where, value, ("window", "precision"))
        first, last = check.pair(where, value.get("window"), -400, 0)
        return first, last, check.int_in(where, value.get("precision"), 1, 3)

    def month_part(where: str, value: Any):
        value = check.keyed(where, value, ("days", "precision"))
        first, last = check.pair(where, value.get("days"), 1, 31)
        return first, last, check.int_in(where, value.get("precision"), 1, 3)

    def unit(where: str, value: Any):
        if value not in UNITS:
            raise check.fail(where, f"{value!r} is not one of {', '.join(UNITS)}")
        return value

    lex = Lexicon(
        path=str(path),
        months=check.mapping(data, "months", lambda w, v: check.int_in(w, v, 1, 12)),
        weekdays=check.mapping(data, "weekdays", lambda w, v: check.int_in(w, v, 0, 6)),
        day_words=check.mapping(data, "day_words", lambda w, v: check.int_in(w, v, 1, 31)),
        counts=check.mapping(data, "count_words", lambda w, v: check.int_in(w, v, 1, 100)),
        approximate_counts=check.mapping(data, "approximate_counts",
                                         lambda w, v: check.int_in(w, v, 1, 100)),
        relative_days=check.mapping(data, "relative_days", lambda w, v: check.pair(w, v, -7, 0)),
        periods=check.mapping(data, "periods", period),
        vague=check.mapping(data, "vague", vague),
        ago_units=check.mapping(data, "ago_units", unit),
        month_parts=check.mapping(data, "month_parts", month_part),
        entries={},
    )
    for name in _LISTS:
        items = check.section(data, name, list)
        if not all(isinstance(i, str) and fold(i) for i in items):
            raise check.fail(name, "every entry must be a non-empty string")
        lex.entries[name] = tuple(items)
    for name in ("months", "weekdays", "day_words", "count_words", "approximate_counts",
                 "relative_days", "periods", "vague", "ago_units", "month_parts"):
        lex.entries[name] = tuple(str(k) for k in data[name])
    if set(lex.months.values()) != set(range(1, 13)):
        raise check.fail("months", "every month 1..12 needs at least one name")
    if set(lex.weekdays.values()) != set(range(7)):
        raise check.fail("weekdays", "every weekday 0..6 needs a name")
    return lex


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and check a dates lexicon; the packaged one is cached (see :func:`default_lexicon`)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read the dates lexicon: {exc}", path) from exc
    return _parse(data, path)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
