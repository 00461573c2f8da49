"""French temporal expressions, resolved against the publication date.

``find_dates`` reads every date expression in a text ("jeudi soir", "les 6 et 7 juin",
"vendredi 7 juin dans la matinée", "il y a deux jours", "depuis 2011") and resolves it to a
``[start, end]`` window with an ACLED time precision. Word lists live in
``data/lexicons/fr/dates.yaml``; the forms and rules are described in ``docs/dates.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from warlog.extract._dates_grammar import Found, Grammar
from warlog.extract._dates_lexicon import default_lexicon

__all__ = ["DateMention", "find_dates", "publication_window"]

KINDS = ("absolute", "range", "relative", "vague", "background")
# Resolution steps years back and forth from publication; outside these bounds it would leave
# the calendar, and no news report is dated there.
MIN_YEAR, MAX_YEAR = 1000, 9000


@dataclass(frozen=True)
class DateMention:
    start: date | None      # None only when unresolved (relative expression, no publication date)
    end: date | None
    precision: int | None   # ACLED time_precision 1 day, 2 week / part of month, 3 month
    text: str               # the expression as written
    span: tuple[int, int]   # [start, end) offsets into the text passed in, plus `offset`
    kind: str               # "absolute" | "range" | "relative" | "vague" | "background"


@lru_cache(maxsize=1)
def _grammar() -> Grammar:
    return Grammar(default_lexicon())


@lru_cache(maxsize=1)
def _since_before() -> re.Pattern[str]:
    # A date right after "depuis" names when something ongoing began, not when an event
    # happened ("les combats font rage depuis le 6 juin").
    words = _grammar().lex.alt("since_words")
    return re.compile(rf"(?<!\w){words}\s+$", re.IGNORECASE)


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in `text`, sorted by span, non-overlapping (longest match wins).

    Relative expressions are resolved against `published`; without it they come back with
    `start`, `end` and `precision` set to None. No resolved date is ever after `published`
    (a later one is background: a plan, a forecast, or a misreading).
    """
    if published is not None and not MIN_YEAR <= published.year <= MAX_YEAR:
        raise ValueError(f"publication date {published} is out of range "
                         f"(years {MIN_YEAR}..{MAX_YEAR})")
    grammar = _grammar()
    candidates: list[tuple[int, int, int, Found]] = []
    for order, rule in enumerate(grammar.rules):
        for match in rule.pattern.finditer(text):
            found = rule.resolve(match.groupdict(), published)
            if found is None:
                continue
            start, end = match.start(), _trim(text, match.start(), match.end())
            candidates.append((start, end, order, found))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))

    chosen: list[tuple[int, int, Found]] = []
    for start, end, _, found in candidates:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, found))
    chosen.sort(key=lambda c: c[0])

    mentions = []
    for start, end, found in chosen:
        start, found = _since(text, start, found, published)
        mentions.append(DateMention(found.start, found.end, found.precision, text[start:end],
                                    (start + offset, end + offset), found.kind))
    return mentions


def publication_window(published: date | None) -> DateMention | None:
    """Fallback date for an event the text does not date: the week up to publication."""
    if published is None:
        return None
    return DateMention(published - timedelta(days=6), published, 2, "", (0, 0), "vague")


def _trim(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return end


def _since(text: str, start: int, found: Found, published: date | None) -> tuple[int, Found]:
    if found.kind == "background":
        return start, found
    before = _since_before().search(text, max(0, start - 40), start)
    if before is None:
        return start, found
    end = found.end
    if found.start is not None and published is not None and found.start <= published:
        end = published
    return before.start(), Found(found.start, end, None, "background")
