"""The grammar of French date expressions: one regex per form, one resolver per regex.

dateparser is not used: it returns nothing for the forms news reports use most ("jeudi soir",
"les 6 et 7 juin", "vendredi 7 juin dans la matinée") and would silently anchor on today's
date. Each rule here reads a form and resolves it against the publication date only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from warlog.extract._dates_calendar import (
    add_months, latest_day_number, latest_year, month_end, period, safe_date, weekday_before,
)
from warlog.extract._dates_lexicon import Lexicon, fold, guard

# Word edges written as lookarounds: they follow Unicode letters (so "mai" never matches
# inside "maintenant" or "Jamaïque") and, unlike \b, also hold next to a dot or apostrophe.
B, E = r"(?<!\w)", r"(?!\w)"
SEP = r"(?:\s*[-‐‑]\s*|\s+)"
# "cette nuit-là", "ce jeudi-là" name a day the text has already given, not a day counted
# from publication.
NOT_THAT = r"(?![-‐‑]\s*l[àa](?!\w))"
# Longest range read as one event: anything longer is a misreading ("du 7 au 6 juin").
MAX_RANGE_DAYS = 62
PERIOD_PRECISION = {"week": 2, "weekend": 2, "month": 3, "year": None}


@dataclass(frozen=True)
class Found:
    start: date | None
    end: date | None
    precision: int | None
    kind: str


UNRESOLVED = {k: Found(None, None, None, k) for k in ("absolute", "range", "relative", "vague")}
BACKGROUND = Found(None, None, None, "background")


def finish(start: date, end: date, precision: int | None, kind: str,
           published: date | None) -> Found:
    """Apply the publication rule: nothing after publication is an event date."""
    if published is not None:
        if start > published:
            return Found(start, end, None, "background")
        end = min(end, published)
    if kind == "background":
        precision = None
    return Found(start, end, precision, kind)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[dict[str, str | None], date | None], Found | None]


class Grammar:
    """The rules, compiled once from a lexicon. Longest match across rules wins (in dates.py),
    so a rule may freely match part of a longer form: "samedi" inside "dans la nuit de samedi
    à dimanche" loses to the range."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        alt = lex.alt
        self._wd = alt("weekdays")
        self._mon = alt("months")
        self._day = rf"(?:1(?:er|re|ᵉʳ)|[0-3]?\d|{alt('day_words')})"
        self._count = rf"(?:\d{{1,3}}|{alt('day_words')}|{alt('count_words')})"
        part = rf"(?:{alt('parts_of_day')}){E}"
        zone = rf"(?:{alt('time_zones')}){E}"
        clock = (rf"\d{{1,2}}\s*(?:h|heures?)(?:\s*\d{{2}})?{E}"
                 rf"(?:\s+(?:{alt('time_suffixes')}){E})?")
        time = (rf"(?:,?\s*(?:{alt('time_prepositions')})\s+(?:{clock}|(?:{alt('time_words')}){E})"
                rf"(?:\s+{zone}|\s*\(\s*{zone}[^)\n]{{0,12}}\))?)")
        self.part, self.time = part, time
        self.tail = rf"(?:,?\s+{part})?{time}?"
        self.lead = rf"(?:{part}\s*(?:du\s+|de\s+|d['’]\s*)|(?:le|ce)\s+)?"
        self.past = rf"(?:{alt('past_markers')}){E}"
        self.future = rf"(?:{alt('future_markers')}){E}"
        # The guard in front lets the engine skip to the characters a match can start with;
        # behind the word-edge lookbehind it would be tried, and cost, at every position.
        self.rules = [Rule(name, re.compile(guard(B + pattern) + B + pattern, re.IGNORECASE),
                           resolve)
                      for name, pattern, resolve in self._table()]

    # -- pieces ---------------------------------------------------------------------------
    def day(self, name: str | None = None) -> str:
        body = f"(?P<{name}>{self._day})" if name else self._day
        return rf"{B}{body}{E}"

    def month(self, name: str) -> str:
        return rf"(?P<{name}>{self._mon}){E}"

    def weekday(self, name: str | None = None) -> str:
        return (rf"(?P<{name}>{self._wd}){E}" if name else rf"{self._wd}{E}")

    @staticmethod
    def year(name: str) -> str:
        return rf"{B}(?P<{name}>(?:1[89]|20)\d\d){E}"

    def _table(self):
        alt = self.lex.alt
        wd_opt = rf"(?:{self.weekday()},?\s*)?"
        date2 = (rf"{wd_opt}{self.day('d2')}\s+{self.month('m2')}"
                 rf"(?:\s+{self.year('y2')}|\s+{self.past})?")
        date1 = rf"{wd_opt}{self.day('d1')}(?:\s+{self.month('m1')}(?:\s+{self.year('y1')})?)?"
        month_lead = rf"(?:{alt('month_leads')})(?:(?<=['’])\s*|\s+)"
        return [
            ("day_month",
             rf"{self.lead}(?:{self.weekday('wd')},?\s*)?{self.day('d')}\s+{self.month('m')}"
             rf"(?:\s+{self.year('y')}|\s+(?P<past>{self.past}))?{self.tail}", self.on_day_month),
            # "samedi 12" alone is read only before punctuation or a time of day: "samedi 12
            # civils ont été tués" is a count.
            ("weekday_number",
             rf"{self.lead}{self.weekday('wd')}\s+(?P<d>1er|[0-3]?\d){E}"
             rf"(?:,?\s+{self.part}{self.time}?|{self.time}|(?=\s*(?:[,;.:)!?»]|$)))",
             self.on_weekday_number),
            ("weekday",
             rf"{self.lead}{self.weekday('wd')}{NOT_THAT}"
             rf"(?:\s+(?P<past>{self.past})|\s+(?P<fut>{self.future}))?{self.tail}",
             self.on_weekday),
            ("relative_day", rf"{self.lead}(?P<r>{alt('relative_days')}){E}{NOT_THAT}{self.tail}",
             self.on_relative_day),
            ("period", rf"(?P<p>{alt('periods')}){E}", self.on_period),
            ("vague", rf"(?P<v>{alt('vague')}){E}", self.on_vague),
            ("ago", rf"(?:{alt('ago_prefixes')})\s+(?:(?P<a>{alt('approximate_counts')})\s*"
                    rf"|(?P<n>{self._count})\s+)(?P<u>{alt('ago_units')}){E}", self.on_ago),
            ("future", rf"(?:{alt('future')}){E}", lambda g, p: BACKGROUND),
            ("future_count", rf"dans\s+{self._count}\s+(?:{alt('ago_units')}){E}",
             lambda g, p: BACKGROUND),
            ("month", rf"{month_lead}{self.month('m')}(?:\s+{self.year('y')}"
                      rf"|\s+(?P<past>{self.past})|\s+(?P<fut>{self.future}))?", self.on_month),
            ("month_year", rf"{self.month('m')}\s+{self.year('y')}", self.on_month),
            ("month_part",
             rf"(?:(?:au|en|à\s+la|la|le|dès\s+la|dès\s+le|dès)\s+)?(?P<mp>{alt('month_parts')})"
             rf"(?:\s*[-‐‑]\s*|\s+(?:du\s+mois\s+)?(?:de\s+|d['’]\s*)?){self.month('m')}"
             rf"(?:\s+{self.year('y')}|\s+(?P<past>{self.past}))?", self.on_month_part),
            # Not part of a longer run of numbers (a phone number, a version).
            ("numeric", rf"{self.lead}(?<![\d][./-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<mo>[01]?\d)"
                        rf"(?P=sep)(?P<y>(?:1[89]|20)\d\d|\d\d){E}(?![./-]\d){self.tail}",
             self.on_numeric),
            ("iso", r"(?P<y>(?:1[89]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)" + E, self.on_numeric),
            ("day_list",
             rf"(?:(?:les|des|ces)\s+)?{wd_opt}{self.day('d1')}"
             rf"(?:\s*,\s*{wd_opt}{self.day()})*\s+et\s+{date2}{self.tail}", self.on_day_range),
            ("day_from_to", rf"(?:{self.part}\s+)?du\s+{date1}\s+au\s+{date2}{self.tail}",
             self.on_day_range),
            ("day_between", rf"entre\s+(?:les?\s+)?{date1}\s+et\s+(?:le\s+)?{date2}{self.tail}",
             self.on_day_range),
            ("weekday_from_to",
             rf"(?:{self.part}\s+)?(?:du|de)\s+{self.weekday('w1')}\s+(?:au|à)\s+"
             rf"{self.weekday('w2')}{self.tail}", self.on_weekday_range),
            ("weekday_between",
             rf"entre\s+(?:le\s+)?{self.weekday('w1')}\s+et\s+(?:le\s+)?{self.weekday('w2')}",
             self.on_weekday_range),
            ("year", rf"(?P<lead>{alt('year_leads')}){SEP}{self.year('y')}", self.on_year),
            ("year_range", rf"(?P<lead>de|entre)\s+{self.year('y1')}\s+"
                           rf"(?:à|et|jusqu['’]\s*en)\s+{self.year('y2')}", self.on_year),
            ("since",
             rf"(?:{alt('since_words')})\s+(?:(?:{alt('since_phrases')})"
             rf"|(?:le|la|l['’])\s*(?:{alt('since_onsets')})\s+"
             rf"(?:de\s+la\s+|du\s+|des\s+|de\s+l['’]\s*|d['’]\s*)\w+"
             rf"|(?:(?:plus|près|moins)\s+(?:de\s+|d['’]\s*)|environ\s+|presque\s+)?"
             rf"{self._count}\s+(?:{alt('ago_units')})){E}", lambda g, p: BACKGROUND),
        ]

    # -- readers --------------------------------------------------------------------------
    def day_number(self, text: str) -> int:
        digits = re.match(r"\d+", text)
        return int(digits.group()) if digits else self.lex.day_words[fold(text)]

    def count(self, text: str) -> int:
        key = fold(text)
        return int(key) if key.isdigit() else {**self.lex.day_words, **self.lex.counts}[key]

    def month_number(self, text: str) -> int:
        return self.lex.months[fold(text)]

    # -- resolvers ------------------------------------------------------------------------
    def on_day_month(self, g, published):
        day, month = self.day_number(g["d"]), self.month_number(g["m"])
        year = int(g["y"]) if g.get("y") else None
        if year is None:
            if published is None:
                # A day-month with no year and nothing to anchor it: never guess the year.
                return UNRESOLVED["absolute"] if safe_date(2000, month, day) else None
            year = latest_year(month, day, published, strict=bool(g.get("past")))
        found = safe_date(year, month, day) if year else None
        return finish(found, found, 1, "absolute", published) if found else None

    def on_weekday_number(self, g, published):
        day = self.day_number(g["d"])
        if not 1 <= day <= 31:
            return None
        if published is None:
            return UNRESOLVED["absolute"]
        found = latest_day_number(published, day)
        return finish(found, found, 1, "absolute", published) if found else None

    def on_weekday(self, g, published):
        if g.get("fut"):
            return BACKGROUND
        if published is None:
            return UNRESOLVED["relative"]
        day = weekday_before(published, self.lex.weekdays[fold(g["wd"])], strict=bool(g["past"]))
        return finish(day, day, 1, "relative", published)

    def on_relative_day(self, g, published):
        if published is None:
            return UNRESOLVED["relative"]
        first, last = self.lex.relative_days[fold(g["r"])]
        return finish(published + timedelta(first), published + timedelta(last), 1, "relative",
                      published)

    def on_period(self, g, published):
        unit, shift, days = self.lex.periods[fold(g["p"])]
        kind = "background" if unit == "year" else "relative"
        if published is None:
            return BACKGROUND if kind == "background" else UNRESOLVED[kind]
        start, end = period(published, unit, shift)
        if days is not None:
            start, end = start + timedelta(days[0]), start + timedelta(days[1])
        return finish(start, end, PERIOD_PRECISION[unit], kind, published)

    def on_vague(self, g, published):
        if published is None:
            return UNRESOLVED["vague"]
        first, last, precision = self.lex.vague[fold(g["v"])]
        return finish(published + timedelta(first), published + timedelta(last), precision,
                      "vague", published)

    def on_ago(self, g, published):
        unit = self.lex.ago_units[fold(g["u"])]
        approximate = g.get("a") is not None
        count = self.lex.approximate_counts[fold(g["a"])] if approximate else self.count(g["n"])
        if published is None:
            return BACKGROUND if unit == "year" else UNRESOLVED["relative"]
        if unit == "year":
            day = add_months(published, -12 * count)
            return finish(day, day, None, "background", published)
        if unit == "month":
            day, precision = add_months(published, -count), 3
        else:
            days = {"hour": round(count / 24), "day": count, "week": 7 * count}[unit]
            day = published - timedelta(days=days)
            precision = {"hour": 1, "day": 1, "week": 2}[unit]
        if approximate:
            precision = max(precision, 2)
        return finish(day, day, precision, "relative", published)

    def _month_year(self, g, month: int, first_day: int, published) -> int | None:
        if g.get("y"):
            return int(g["y"])
        if published is None:
            return None
        return latest_year(month, first_day, published, strict=bool(g.get("past")))

    def on_month(self, g, published):
        if g.get("fut"):
            return BACKGROUND
        month = self.month_number(g["m"])
        year = self._month_year(g, month, 1, published)
        if year is None:
            return UNRESOLVED["absolute"]
        return finish(date(year, month, 1), month_end(year, month), 3, "absolute", published)

    def on_month_part(self, g, published):
        first, last, precision = self.lex.month_parts[fold(g["mp"])]
        month = self.month_number(g["m"])
        year = self._month_year(g, month, first, published)
        if year is None:
            return UNRESOLVED["absolute"]
        end = date(year, month, min(last, month_end(year, month).day))
        return finish(date(year, month, first), end, precision, "absolute", published)

    def on_numeric(self, g, published):
        year = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        found = safe_date(year, int(g["mo"]), int(g["d"]))
        return finish(found, found, 1, "absolute", published) if found else None

    def on_day_range(self, g, published):
        d1, d2 = self.day_number(g["d1"]), self.day_number(g["d2"])
        m2 = self.month_number(g["m2"])
        m1 = self.month_number(g["m1"]) if g.get("m1") else m2
        y1 = int(g["y1"]) if g.get("y1") else None
        y2 = int(g["y2"]) if g.get("y2") else None
        forward = (m1, d1) <= (m2, d2)
        if y2 is not None:
            y1 = y1 if y1 is not None else (y2 if forward else y2 - 1)
        elif y1 is not None:
            y2 = y1 if forward else y1 + 1
        elif published is None:
            ok = safe_date(2000, m1, d1) and safe_date(2000, m2, d2)
            return UNRESOLVED["range"] if ok else None
        else:
            y1 = latest_year(m1, d1, published)
            if y1 is None:
                return None
            y2 = y1 if forward else y1 + 1
        start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
        if start is None or end is None or not 0 <= (end - start).days <= MAX_RANGE_DAYS:
            return None
        return finish(start, end, 1, "range", published)

    def on_weekday_range(self, g, published):
        if published is None:
            return UNRESOLVED["range"]
        first, last = (self.lex.weekdays[fold(g[k])] for k in ("w1", "w2"))
        end = weekday_before(published, last)
        start = end - timedelta(days=(last - first) % 7 or 7)
        return finish(start, end, 1, "range", published)

    def on_year(self, g, published):
        first = int(g.get("y") or g["y1"])
        last = int(g.get("y") or g["y2"])
        if first > last:
            return None
        start, end = date(first, 1, 1), date(last, 12, 31)
        if published and fold(g["lead"]) in {fold(w) for w in self.lex.entries["since_words"]}:
            end = max(published, start)
        return finish(start, end, None, "background", published)

