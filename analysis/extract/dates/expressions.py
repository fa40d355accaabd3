"""Temporal expressions in news text, resolved to intervals with a precision.

Most articles in the corpus carry no publication date, yet their events still need ordering. So every
expression is resolved twice: to calendar dates when the publication day is known, and always to an
interval of days relative to publication day 0, which orders events within one article without any
date at all. An interval is honest rather than sharp: "recently" is the three months up to
publication, not a guessed day.

Conventions (news usage; each is the same with or without a publication date):

- "Monday", "on Tuesday", "late Monday": the most recent such weekday on or before the publication
  day ("Monday of the publication week", 0 to 6 days before); in a clause in the future tense
  ("will halt exports on Monday", see ``toward_future``) the next one on or after it. "late"/"early"
  and "morning"/"night" do not narrow a day.
- "last Thursday": the most recent Thursday strictly before the publication day (1 to 7 days
  before), so an article from a Friday puts "last Thursday" on the day before. Writers who mean the
  Thursday of the previous week are not told apart. "next Thursday" mirrors it (1 to 7 days after).
- Weeks run Monday to Sunday: "last week" is the calendar week before the publication week.
- "two weeks ago": the seven days centred on 14 days before publication; "two months ago" and "two
  years ago" are whole calendar months and years.
- "over the past year": from the same date a year earlier to the publication day.
- "recently": the three months up to publication, precision "month".
- "from now on", "in the future": from the publication day on, open-ended (``date_end`` None,
  ``days_to`` inf), precision "unknown".
- A date without a year ("Oct. 1", "in March", "in late September") is the latest such day or
  month up to publication (in a January article, last September); in the future tense the next.
- "since X": from the start of X to the publication day.
- "early"/"mid"/"late" a month or a year: its first, middle or last third ("late September" is
  September 21-30, "early 2023" January 1 to May 1), at the period's precision.

The expressions are found by ``patterns`` and their intervals computed by ``calendar``.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cache

from analysis.extract.dates.calendar import RULES, Interval, clamped, written_days
from analysis.extract.dates.patterns import Reading, readings

# Every publication day of a four-year leap cycle: an interval relative to an unknown publication
# day is the envelope of its offsets over all of them.
_REFERENCE_DAYS = tuple(dt.date(2021, 1, 1) + dt.timedelta(days) for days in range(4 * 365 + 1))
# Between these days every rule's offsets from publication move a day a day or stand still, so
# their extremes fall on them: a month's first two and last four days (where a month or a year
# turns, and where a date a month back is cut to a shorter month) and the first week (a weekday's
# offsets depend on the weekday alone). A yearless date adds the days around it (``written_days``).
_TURNING_DAYS = tuple(day for number, day in enumerate(_REFERENCE_DAYS)
                      if number < 7 or day.day <= 2 or (day + dt.timedelta(4)).month != day.month)


@dataclass(frozen=True)
class TimeExpression:
    text: str              # == article_text[start:end]
    start: int             # offsets into the whole text passed in, not into the searched span
    end: int
    precision: str         # "day" | "week" | "month" | "year" | "unknown"
    date_start: str | None  # ISO date, inclusive; None when unknown or open-ended
    date_end: str | None
    anchor: str            # "absolute", "published 2024-10-09" or "relative: <how>"
    days_from: float | None  # relative to publication day 0; -inf/inf when open; None when unknown
    days_to: float | None
    method: str            # "rule" or "dateparser"
    reading: Reading | None = field(default=None, compare=False, repr=False)  # what the words say, unresolved


def find_time_expressions(text: str, start: int = 0, end: int | None = None,
                          published: dt.date | None = None) -> list[TimeExpression]:
    """Temporal expressions in ``text[start:end]``, in text order, offsets into ``text``."""
    return [_expression(match, reading, published)
            for match, reading in readings(text, start, len(text) if end is None else end)]


def compare(a: TimeExpression, b: TimeExpression, *, same_article: bool = False) -> int | None:
    """-1 when ``a`` is wholly before ``b``, 1 when wholly after, 0 when the text dates both to the
    same interval, None when the intervals overlap or cannot be placed on one axis.

    Calendar dates compare across articles. Day offsets only mean the same thing under one
    publication day, so they are used only when the caller says both come from one article.
    Offsets equal by envelope are not the same interval ("Monday" and "Tuesday" of an undated
    article both span 6..0 days before publication), so 0 there also needs the same anchor.
    """
    axes = [(_calendar_bounds(a), _calendar_bounds(b), True)]
    if same_article:
        axes.append(((a.days_from, a.days_to), (b.days_from, b.days_to), a.anchor == b.anchor))
    for (a_lo, a_hi), (b_lo, b_hi), may_be_equal in axes:
        if a_hi is not None and b_lo is not None and a_hi < b_lo:
            return -1
        if b_hi is not None and a_lo is not None and b_hi < a_lo:
            return 1
        if may_be_equal and None not in (a_lo, a_hi) and (a_lo, a_hi) == (b_lo, b_hi):
            return 0
    return None


def toward_future(expression: TimeExpression, published: dt.date | None) -> TimeExpression:
    """The expression re-read for a clause in the future tense (see ``Reading.toward_future``)."""
    if expression.reading is None or expression.reading.toward_future() is expression.reading:
        return expression
    return _resolved(expression.text, (expression.start, expression.end), expression.reading.toward_future(),
                     published)


def _expression(match: re.Match, reading: Reading, published: dt.date | None) -> TimeExpression:
    return _resolved(match.group(), match.span(), reading, published)


def _resolved(text: str, span: tuple[int, int], reading: Reading, published: dt.date | None) -> TimeExpression:
    if published is not None:
        low, high = _resolve(reading, published)
        return TimeExpression(
            text, *span, reading.precision, _iso(low), _iso(high),
            "absolute" if all(reading.fixed) else f"published {published.isoformat()}",
            _offset(low, published, -math.inf), _offset(high, published, math.inf), reading.method, reading)
    fixed_low, fixed_high = reading.fixed
    low, high = _resolve(reading, _REFERENCE_DAYS[0])  # only the fixed ends are kept
    days_from, days_to = (None, None) if fixed_low and fixed_high else _envelope(reading.rule, reading.args)
    return TimeExpression(
        text, *span, reading.precision,
        _iso(low) if fixed_low else None, _iso(high) if fixed_high else None,
        "absolute" if fixed_low and fixed_high else f"relative: {reading.describe}",
        None if fixed_low else days_from, None if fixed_high else days_to, reading.method, reading)


def _resolve(reading: Reading, published: dt.date) -> Interval:
    return RULES[reading.rule](published, *reading.args)


@cache
def _envelope(rule: str, args: tuple, days: tuple[dt.date, ...] | None = None) -> tuple[float, float]:
    """Earliest start and latest end, in days from publication, over every possible publication day
    (``_REFERENCE_DAYS``), taken over the days where they can turn (``days`` names others)."""
    if days is None:
        written = {day + dt.timedelta(shift) for month, day_of_month in written_days(rule, args)
                   for year in range(_REFERENCE_DAYS[0].year, _REFERENCE_DAYS[-1].year + 1)
                   for day in [clamped(year, month, day_of_month)] for shift in (-1, 0, 1)}
        days = _TURNING_DAYS + tuple(sorted(written.intersection(_REFERENCE_DAYS)))
    intervals = [(RULES[rule](day, *args), day) for day in days]
    return (min(_offset(low, day, -math.inf) for (low, _), day in intervals),
            max(_offset(high, day, math.inf) for (_, high), day in intervals))


def _offset(day: dt.date | None, published: dt.date, open_end: float) -> float:
    return open_end if day is None else float((day - published).days)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _calendar_bounds(expression: TimeExpression) -> tuple[float | None, float | None]:
    """Calendar bounds as day ordinals; an open end is infinite, an unknown one None."""
    def bound(iso: str | None, days: float | None, open_end: float) -> float | None:
        if iso is not None:
            return float(dt.date.fromisoformat(iso).toordinal())
        return open_end if days == open_end else None
    return (bound(expression.date_start, expression.days_from, -math.inf),
            bound(expression.date_end, expression.days_to, math.inf))
