"""Calendar arithmetic for date resolution, all of it anchored on the publication date.

The one rule every function keeps: a report cannot describe a day after its publication, so a
date written without a year takes the latest year that puts it on or before publication.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Far enough back to find a 29 February.
_YEARS_BACK = 8


def safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def latest_year(month: int, day: int, published: date, strict: bool = False) -> int | None:
    """Year of the latest `day month` on or before `published` (strictly before if `strict`)."""
    for year in range(published.year, published.year - _YEARS_BACK, -1):
        found = safe_date(year, month, day)
        if found is not None and (found < published or (found == published and not strict)):
            return year
    return None


def weekday_before(published: date, weekday: int, strict: bool = False) -> date:
    """The latest `weekday` on or before `published` (strictly before if `strict`)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return published - timedelta(days=back)


def latest_day_number(published: date, day: int) -> date | None:
    """The latest date numbered `day` on or before `published` ("jeudi 6": this month or before)."""
    year, month = published.year, published.month
    for _ in range(12):
        found = safe_date(year, month, day)
        if found is not None and found <= published:
            return found
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period(published: date, unit: str, shift: int) -> tuple[date, date]:
    """The week (Monday–Sunday), weekend, month or year named from `published`.

    shift 0 is the one in progress (a weekend in progress, or the last one if publication is on
    a weekday, since a report calls the weekend just gone "ce week-end"); -1 the previous one.
    """
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        if shift == 0:
            saturday = weekday_before(published, 5)
        else:
            saturday = weekday_before(published, 6, strict=True) - timedelta(days=1)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        first = add_months(published.replace(day=1), shift)
        return first, month_end(first.year, first.month)
    if unit == "year":
        return date(published.year + shift, 1, 1), date(published.year + shift, 12, 31)
    raise ValueError(f"unknown period unit {unit!r}")
