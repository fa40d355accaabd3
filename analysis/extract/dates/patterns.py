"""The temporal expressions a news text writes, as regular expressions, and what each means before
a publication day is applied (a ``Reading``: a calendar rule and its arguments).

dateparser reads only the calendar phrases these patterns found ("October 1, 2024", "Oct. 1",
"March 2023"), never a raw sentence: its ``search_dates`` reads "we" as Wednesday and "24,000" as
a year. Everything else is read by the rules here and resolved by ``calendar``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from dateparser.date import DateDataParser

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
RECENTLY_MONTHS = 3
WEEKS_AGO_SLACK = 3  # "two weeks ago" is 14 days before publication, give or take this many
_DATEPARSER_BASE = dt.datetime(2024, 1, 1)  # a leap year, so a yearless "February 29" parses


@dataclass(frozen=True)
class Reading:
    """What an expression means before the publication day is applied: a rule and its arguments
    (hashable, so the envelope of every rule is computed once), and which ends need no anchor."""

    rule: str
    args: tuple
    precision: str
    describe: str
    fixed: tuple[bool, bool] = (False, False)
    method: str = "rule"

    def toward_future(self) -> Reading:
        """The same words in a clause in the future tense ("will halt exports on Monday", "in
        March"): the next such weekday or month from publication, not the latest."""
        if self.rule == "weekday" and self.args[1] == "on":
            return Reading(self.rule, (self.args[0], "upcoming"), self.precision,
                           self.describe.replace("of the publication week", "on or after the publication day"),
                           self.fixed, self.method)
        if self.rule == "calendar" and len(self.args) == 4 and self.args[3] == "past":
            return Reading(self.rule, (*self.args[:3], "future"), self.precision,
                           self.describe.replace("the latest", "the next").replace("up to", "from"),
                           self.fixed, self.method)
        if self.rule == "part":
            inner = Reading(self.args[0], self.args[1], self.precision, self.describe).toward_future()
            return Reading("part", (inner.rule, inner.args, self.args[2]), self.precision,
                           self.describe.replace("the latest", "the next").replace("up to", "from"),
                           self.fixed, self.method)
        return self


MONTH_PATTERN = "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = MONTH_PATTERN
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




def readings(text: str, start: int, end: int) -> Iterator[tuple[re.Match, Reading]]:
    """Each temporal expression in ``text[start:end]`` with its reading, in text order."""
    for match in _PATTERN.finditer(text, start, end):
        reading = _READERS[match.lastgroup](match)
        if reading is None:
            continue
        part = (match.group("lead") or "").lower().rstrip("-")
        if part in PARTS and reading.precision in ("month", "year"):
            reading = _part(reading, part)
        yield match, (_since(reading) if match.group("since") else reading)


PARTS = ("early", "mid", "late")  # thirds of a month or a year: "late September" is September 21-30


def _part(reading: Reading, part: str) -> Reading:
    """"early 2023", "mid-March", "late September": one third of the period, at its precision."""
    return Reading("part", (reading.rule, reading.args, part), reading.precision, f"{part} {reading.describe}",
                   reading.fixed, reading.method)


def _since(reading: Reading) -> Reading:
    return Reading("since", (reading.rule, reading.args), reading.precision,
                    f"from {reading.describe} to publication", (reading.fixed[0], False), reading.method)


def _read_calendar(match: re.Match) -> Reading | None:
    """Explicit calendar dates go to dateparser; a phrase it rejects ("February 30") is no date."""
    core = match.group("c_core")
    parsed = _parse_calendar(core)
    if parsed is None:
        return None
    year, month, day = parsed
    if year is None:
        label = MONTHS[month - 1] + (f" {day}" if day else "")
        return Reading("calendar", (*parsed, "past"), "day" if day else "month",
                       f"the latest {label} up to publication", method="dateparser")
    describe = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    return Reading("calendar", parsed, "day" if day else "month", describe, (True, True), "dateparser")


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


def _read_month(match: re.Match) -> Reading:
    name = match.group("month")
    return Reading("calendar", (None, MONTHS.index(name) + 1, None, "past"), "month",
                   f"the latest {name} up to publication")


def _read_year(match: re.Match) -> Reading:
    year = int(match.group("year"))
    return Reading("calendar", (year, None, None), "year", str(year), (True, True))


def _read_window(match: re.Match) -> Reading:
    unit, count = match.group("n_unit").lower(), _count(match.group("n_count") or "1")
    return Reading("window", (unit, count), unit, f"the past {_quantity(count, unit)} up to publication")


def _read_ago(match: re.Match) -> Reading:
    unit, count = match.group("a_unit").lower(), _count(match.group("a_count"))
    if unit == "day":
        return Reading("days", (-count, -count), "day", f"{_quantity(count, unit)} before publication")
    if unit == "week":
        centre = -7 * count
        return Reading("days", (centre - WEEKS_AGO_SLACK, centre + WEEKS_AGO_SLACK), "week",
                        f"about {_quantity(count, unit)} before publication")
    return Reading("unit", (unit, -count, None), unit, _calendar_unit(unit, -count))


def _read_period(match: re.Match) -> Reading:
    unit = match.group("p_unit").lower()
    clip = (match.group("p_clip") or "").lower() or None
    shift = {"last": -1, "this": 0, "next": 1}[(match.group("p_which") or "this").lower()]
    describe = _calendar_unit(unit, shift)
    if clip:
        describe += ", up to publication" if clip == "earlier" else ", from publication on"
    return Reading("unit", (unit, shift, clip), unit, describe)


def _calendar_unit(unit: str, shift: int) -> str:
    """"the month before the publication month", "the year 2 years before the publication year"."""
    if shift == 0:
        return f"the publication {unit}"
    distance = "" if abs(shift) == 1 else f" {_quantity(abs(shift), unit)}"
    return f"the {unit}{distance} {'before' if shift < 0 else 'after'} the publication {unit}"


def _read_weekday(match: re.Match) -> Reading:
    name = match.group("w_day")
    mode = (match.group("w_mod") or "on").lower()
    describe = {"on": f"{name} of the publication week", "last": f"{name} before the publication day",
                "next": f"{name} after the publication day"}[mode]
    return Reading("weekday", (WEEKDAYS.index(name), mode), "day", describe)


def _read_relday(match: re.Match) -> Reading:
    word = match.group("relday").lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    describe = {-1: "the day before publication", 0: "the publication day",
                1: "the day after publication"}[offset]
    return Reading("days", (offset, offset), "day", describe)


def _read_recently(match: re.Match) -> Reading:
    return Reading("window", ("month", RECENTLY_MONTHS), "month",
                    f"the past {_quantity(RECENTLY_MONTHS, 'month')} up to publication")


def _read_future(match: re.Match) -> Reading:
    return Reading("future", (), "unknown", "from publication on")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _quantity(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


_READERS: dict[str, Callable[[re.Match], Reading | None]] = {
    "calendar": _read_calendar, "month": _read_month, "year": _read_year, "window": _read_window,
    "ago": _read_ago, "period": _read_period, "weekday": _read_weekday, "relday": _read_relday,
    "recently": _read_recently, "future": _read_future,
}
