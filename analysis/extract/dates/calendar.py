"""Calendar arithmetic for dates in news: each rule turns a publication day and a reading's
arguments into an inclusive interval of days (None = open on that side)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Interval = tuple[dt.date | None, dt.date | None]  # inclusive; None = open-ended on that side


def _days(published: dt.date, first: int, last: int) -> Interval:
    return published + dt.timedelta(first), published + dt.timedelta(last)


def _weekday(published: dt.date, weekday: int, mode: str) -> Interval:
    """"on" Monday: on or before the publication day ("upcoming": on or after, for a clause in the
    future tense); "last": strictly before; "next": strictly after."""
    if mode == "next":
        offset = (weekday - published.weekday() - 1) % 7 + 1
    elif mode == "last":
        offset = -((published.weekday() - weekday - 1) % 7 + 1)
    elif mode == "upcoming":
        offset = (weekday - published.weekday()) % 7
    else:
        offset = -((published.weekday() - weekday) % 7)
    return _days(published, offset, offset)


def _unit(published: dt.date, unit: str, shift: int, clip: str | None) -> Interval:
    """The calendar week, month or year ``shift`` units from the publication one, optionally cut
    at the publication day ("earlier this year", "later this month")."""
    if unit == "week":
        monday = published - dt.timedelta(published.weekday() - 7 * shift)
        low, high = monday, monday + dt.timedelta(6)
    elif unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        low, high = month_interval(year, month + 1)
    else:
        low, high = dt.date(published.year + shift, 1, 1), dt.date(published.year + shift, 12, 31)
    return (low, published) if clip == "earlier" else (published, high) if clip == "later" else (low, high)


def _window(published: dt.date, unit: str, count: int) -> Interval:
    """From the same date ``count`` units earlier up to the publication day."""
    if unit in ("day", "week"):
        return published - dt.timedelta(count * (7 if unit == "week" else 1)), published
    months = published.year * 12 + published.month - 1 - count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    return clamped(year, month + 1, published.day), published


def _future(published: dt.date) -> Interval:
    return published, None


def _calendar(published: dt.date, year: int | None, month: int | None, day: int | None,
              direction: str = "past") -> Interval:
    """A year, month or day. Without a year, the latest such month or day up to publication ("in
    late September" in a January article is last September), or, for a clause in the future
    tense (``direction="future"``), the next one from publication."""
    if year is None:
        written, published_at = (month, day or 1), (published.month, published.day if day else 1)
        year = published.year - (written > published_at) if direction == "past" else \
            published.year + (written < published_at)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return month_interval(year, month)
    same_day = clamped(year, month, day)
    return same_day, same_day


def _part(published: dt.date, rule: str, args: tuple, part: str) -> Interval:
    """The first, middle or last third of a month or year ("late September": 21 to 30)."""
    low, high = RULES[rule](published, *args)
    if low is None or high is None:
        return low, high
    length = (high - low).days + 1
    third = {"early": 0, "mid": 1, "late": 2}[part]
    first = low + dt.timedelta(length * third // 3)
    last = low + dt.timedelta(length * (third + 1) // 3 - 1)
    return first, last


def _since_rule(published: dt.date, rule: str, args: tuple) -> Interval:
    return RULES[rule](published, *args)[0], published


def written_days(rule: str, args: tuple) -> set[tuple[int, int]]:
    """The ``(month, day)`` of a date written without a year, also under "early" and "since":
    the publication day on which its year turns."""
    if rule in ("part", "since"):
        return written_days(*args[:2])
    year, month, day = (args[:3] if rule == "calendar" else (None, None, None))
    return {(month, day)} if year is None and month is not None and day is not None else set()


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), clamped(year, month, 31)


def clamped(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day when it has fewer (February 29 in a common year)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(day - 1), following - dt.timedelta(1))


RULES: dict[str, Callable[..., Interval]] = {
    "days": _days, "weekday": _weekday, "unit": _unit, "window": _window, "future": _future,
    "calendar": _calendar, "since": _since_rule, "part": _part,
}
