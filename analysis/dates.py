"""Temporal expressions in news text, resolved to intervals with a precision.

Most articles in the corpus carry no publication date, yet their events still need ordering. So every
expression is resolved twice: to calendar dates when the publication day is known, and always to an
interval of days relative to publication day 0, which orders events within one article without any
date at all. An interval is honest rather than sharp: "recently" is the three months up to
publication, not a guessed day.

Conventions (news usage; each is the same with or without a publication date):

- "Monday", "on Tuesday", "late Monday": the most recent such weekday on or before the publication
  day ("Monday of the publication week", 0 to 6 days before). "late"/"early" and "morning"/"night"
  do not narrow a day.
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
- A date without a year ("Oct. 1", "in March") is in the publication year.
- "since X": from the start of X to the publication day. "early"/"late"/"mid-" keep the whole
  period (late 2023 is inside 2023; how late is not guessed).

dateparser reads only the calendar phrases these patterns found ("October 1, 2024", "Oct. 1",
"March 2023"), never a raw sentence: its ``search_dates`` reads "we" as Wednesday and "24,000" as
a year. Everything else is resolved by the rules below.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from dateparser.date import DateDataParser

Interval = tuple[dt.date | None, dt.date | None]  # inclusive; None = open-ended on that side

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
RECENTLY_MONTHS = 3
WEEKS_AGO_SLACK = 3  # "two weeks ago" is 14 days before publication, give or take this many

# Every publication day of a four-year leap cycle: an interval relative to an unknown publication
# day is the envelope of its offsets over all of them.
_REFERENCE_DAYS = tuple(dt.date(2021, 1, 1) + dt.timedelta(days) for days in range(4 * 365 + 1))
_DATEPARSER_BASE = dt.datetime(2024, 1, 1)  # a leap year, so a yearless "February 29" parses


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


@dataclass(frozen=True)
class _Reading:
    """What an expression means before the publication day is applied: a rule and its arguments
    (hashable, so the envelope of every rule is computed once), and which ends need no anchor."""

    rule: str
    args: tuple
    precision: str
    describe: str
    fixed: tuple[bool, bool] = (False, False)
    method: str = "rule"


# ---------------------------------------------------------------------------------------- patterns
_MONTH = "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|,\d)"
_YEAR = r"(?:1[89]|20)\d\d(?!\w|[.,]\d)"
_WEEKDAY = "|".join(WEEKDAYS)
_NUMBER = "|".join(NUMBERS) + r"|\d{1,3}"
_UNIT = r"(?P<{}>day|week|month|year)s?"
_WRITTEN_YEAR = re.compile(r"\d{4}")

_PATTERN = re.compile(rf"""
    (?<![\w-])
    (?:(?P<since>(?i:since))\s+)?
    (?:
      (?:(?P<lead>(?i:in|on|during|throughout|early|late|mid-?))(?:(?<=-)|\s+))?
      (?:
        (?P<calendar>(?:(?:{_WEEKDAY}),?\s+)?(?P<c_core>
            \d{{4}}-\d\d-\d\d(?![\w-])
          | (?:{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?
          | {_DAY}\s+(?:of\s+)?(?:{_MONTH})(?!\w)(?:,?\s+{_YEAR})?
          | (?:{_MONTH}),?\s+{_YEAR}))
      | (?(lead)|(?(since)|(?!)))  # a bare month or year needs a lead word: not "2021 marchers", "May"
          (?:(?P<month>{'|'.join(MONTHS)})(?!\w)|(?P<year>{_YEAR}))
      | (?P<weekday>(?:(?P<w_mod>(?i:last|next))\s+)?(?P<w_day>{_WEEKDAY})(?!\w)
          (?:\s+(?i:morning|afternoon|evening|night)(?!\w))?)
      )
    | (?P<window>(?i:(?:(?:over|in|during|for|throughout|within)\s+the\s+(?:past|last|previous)|the\s+past)
          \s+(?:(?P<n_count>{_NUMBER})\s+)?{_UNIT.format("n_unit")})(?!\w))
    | (?P<ago>(?i:(?P<a_count>{_NUMBER})\s+{_UNIT.format("a_unit")}\s+ago)(?!\w))
    | (?P<period>(?i:(?:(?P<p_clip>earlier|later)\s+this|(?P<p_which>last|this|next))
          \s+(?P<p_unit>week|month|year))(?!\w))
    | (?P<relday>(?i:today|yesterday|tomorrow)(?!\w))
    | (?P<recently>(?i:recently|lately)(?!\w))
    | (?P<future>(?i:from\s+now\s+on|in\s+(?:the\s+(?:near\s+|distant\s+)?)?future)(?!\w))
    )""", re.VERBOSE)


# ------------------------------------------------------------------------------------------- API
def find_time_expressions(text: str, start: int = 0, end: int | None = None,
                          published: dt.date | None = None) -> list[TimeExpression]:
    """Temporal expressions in ``text[start:end]``, in text order, offsets into ``text``."""
    found = []
    for match in _PATTERN.finditer(text, start, len(text) if end is None else end):
        reading = _READERS[match.lastgroup](match)
        if reading is None:
            continue
        if match.group("since"):
            reading = _since(reading)
        found.append(_expression(match, reading, published))
    return found


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


# ----------------------------------------------------------------------------------- resolution
def _expression(match: re.Match, reading: _Reading, published: dt.date | None) -> TimeExpression:
    span = match.span()
    if published is not None:
        low, high = _resolve(reading, published)
        return TimeExpression(
            match.group(), *span, reading.precision, _iso(low), _iso(high),
            "absolute" if all(reading.fixed) else f"published {published.isoformat()}",
            _offset(low, published, -math.inf), _offset(high, published, math.inf), reading.method)
    fixed_low, fixed_high = reading.fixed
    low, high = _resolve(reading, _REFERENCE_DAYS[0])  # only the fixed ends are kept
    days_from, days_to = (None, None) if fixed_low and fixed_high else _envelope(reading.rule, reading.args)
    return TimeExpression(
        match.group(), *span, reading.precision,
        _iso(low) if fixed_low else None, _iso(high) if fixed_high else None,
        "absolute" if fixed_low and fixed_high else f"relative: {reading.describe}",
        None if fixed_low else days_from, None if fixed_high else days_to, reading.method)


def _resolve(reading: _Reading, published: dt.date) -> Interval:
    return _RULES[reading.rule](published, *reading.args)


@cache
def _envelope(rule: str, args: tuple) -> tuple[float, float]:
    """Earliest start and latest end, in days from publication, over every possible publication day."""
    intervals = [(_RULES[rule](day, *args), day) for day in _REFERENCE_DAYS]
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


# ----------------------------------------------------------------------------------------- rules
def _days(published: dt.date, first: int, last: int) -> Interval:
    return published + dt.timedelta(first), published + dt.timedelta(last)


def _weekday(published: dt.date, weekday: int, mode: str) -> Interval:
    """"on" Monday: on or before the publication day; "last": strictly before; "next": strictly after."""
    if mode == "next":
        offset = (weekday - published.weekday() - 1) % 7 + 1
    elif mode == "last":
        offset = -((published.weekday() - weekday - 1) % 7 + 1)
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
        low, high = _month_interval(year, month + 1)
    else:
        low, high = dt.date(published.year + shift, 1, 1), dt.date(published.year + shift, 12, 31)
    return (low, published) if clip == "earlier" else (published, high) if clip == "later" else (low, high)


def _window(published: dt.date, unit: str, count: int) -> Interval:
    """From the same date ``count`` units earlier up to the publication day."""
    if unit in ("day", "week"):
        return published - dt.timedelta(count * (7 if unit == "week" else 1)), published
    months = published.year * 12 + published.month - 1 - count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    return _clamped(year, month + 1, published.day), published


def _future(published: dt.date) -> Interval:
    return published, None


def _calendar(published: dt.date, year: int | None, month: int | None, day: int | None) -> Interval:
    """A year, month or day; without a year, in the publication year."""
    year = published.year if year is None else year
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return _month_interval(year, month)
    same_day = _clamped(year, month, day)
    return same_day, same_day


def _since(reading: _Reading) -> _Reading:
    return _Reading("since", (reading.rule, reading.args), reading.precision,
                    f"from {reading.describe} to publication", (reading.fixed[0], False), reading.method)


def _since_rule(published: dt.date, rule: str, args: tuple) -> Interval:
    return _RULES[rule](published, *args)[0], published


def _month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), _clamped(year, month, 31)


def _clamped(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day when it has fewer (February 29 in a common year)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(day - 1), following - dt.timedelta(1))


_RULES: dict[str, Callable[..., Interval]] = {
    "days": _days, "weekday": _weekday, "unit": _unit, "window": _window, "future": _future,
    "calendar": _calendar, "since": _since_rule,
}


# -------------------------------------------------------------------------------------- readers
def _read_calendar(match: re.Match) -> _Reading | None:
    """Explicit calendar dates go to dateparser; a phrase it rejects ("February 30") is no date."""
    core = match.group("c_core")
    parsed = _parse_calendar(core)
    if parsed is None:
        return None
    year, month, day = parsed
    if year is None:
        label = MONTHS[month - 1] + (f" {day}" if day else "")
        return _Reading("calendar", parsed, "day" if day else "month", f"{label} of the publication year",
                        method="dateparser")
    describe = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    return _Reading("calendar", parsed, "day" if day else "month", describe, (True, True), "dateparser")


@lru_cache(maxsize=4096)
def _parse_calendar(core: str) -> tuple[int | None, int, int | None] | None:
    """``(year, month, day)`` of a calendar phrase, None for parts it does not state. dateparser
    fills a missing year from its base, so whether a year was written is read from the phrase."""
    data = _dateparser().get_date_data(core)
    if data.date_obj is None or data.period not in ("day", "month"):
        return None
    written_year = _WRITTEN_YEAR.search(core) is not None
    return (data.date_obj.year if written_year else None, data.date_obj.month,
            data.date_obj.day if data.period == "day" else None)


@cache
def _dateparser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": _DATEPARSER_BASE, "PREFER_DAY_OF_MONTH": "first",
        "PARSERS": ["absolute-time"]})


def _read_month(match: re.Match) -> _Reading:
    name = match.group("month")
    return _Reading("calendar", (None, MONTHS.index(name) + 1, None), "month", f"{name} of the publication year")


def _read_year(match: re.Match) -> _Reading:
    year = int(match.group("year"))
    return _Reading("calendar", (year, None, None), "year", str(year), (True, True))


def _read_window(match: re.Match) -> _Reading:
    unit, count = match.group("n_unit").lower(), _count(match.group("n_count") or "1")
    return _Reading("window", (unit, count), unit, f"the past {_quantity(count, unit)} up to publication")


def _read_ago(match: re.Match) -> _Reading:
    unit, count = match.group("a_unit").lower(), _count(match.group("a_count"))
    if unit == "day":
        return _Reading("days", (-count, -count), "day", f"{_quantity(count, unit)} before publication")
    if unit == "week":
        centre = -7 * count
        return _Reading("days", (centre - WEEKS_AGO_SLACK, centre + WEEKS_AGO_SLACK), "week",
                        f"about {_quantity(count, unit)} before publication")
    return _Reading("unit", (unit, -count, None), unit, _calendar_unit(unit, -count))


def _read_period(match: re.Match) -> _Reading:
    unit = match.group("p_unit").lower()
    clip = (match.group("p_clip") or "").lower() or None
    shift = {"last": -1, "this": 0, "next": 1}[(match.group("p_which") or "this").lower()]
    describe = _calendar_unit(unit, shift)
    if clip:
        describe += ", up to publication" if clip == "earlier" else ", from publication on"
    return _Reading("unit", (unit, shift, clip), unit, describe)


def _calendar_unit(unit: str, shift: int) -> str:
    """"the month before the publication month", "the year 2 years before the publication year"."""
    if shift == 0:
        return f"the publication {unit}"
    distance = "" if abs(shift) == 1 else f" {_quantity(abs(shift), unit)}"
    return f"the {unit}{distance} {'before' if shift < 0 else 'after'} the publication {unit}"


def _read_weekday(match: re.Match) -> _Reading:
    name = match.group("w_day")
    mode = (match.group("w_mod") or "on").lower()
    describe = {"on": f"{name} of the publication week", "last": f"{name} before the publication day",
                "next": f"{name} after the publication day"}[mode]
    return _Reading("weekday", (WEEKDAYS.index(name), mode), "day", describe)


def _read_relday(match: re.Match) -> _Reading:
    word = match.group("relday").lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    describe = {-1: "the day before publication", 0: "the publication day",
                1: "the day after publication"}[offset]
    return _Reading("days", (offset, offset), "day", describe)


def _read_recently(match: re.Match) -> _Reading:
    return _Reading("window", ("month", RECENTLY_MONTHS), "month",
                    f"the past {_quantity(RECENTLY_MONTHS, 'month')} up to publication")


def _read_future(match: re.Match) -> _Reading:
    return _Reading("future", (), "unknown", "from publication on")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _quantity(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


_READERS: dict[str, Callable[[re.Match], _Reading | None]] = {
    "calendar": _read_calendar, "month": _read_month, "year": _read_year, "window": _read_window,
    "ago": _read_ago, "period": _read_period, "weekday": _read_weekday, "relday": _read_relday,
    "recently": _read_recently, "future": _read_future,
}
