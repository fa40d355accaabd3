"""The dateline that opens a wire story: "HELSINKI, Jan 25 (Reuters) -", "BERLIN (AP) —".

Its place is where the reporter filed from, never an actor ("London" in "LONDON (Reuters) -" is not
the British government deciding anything); its agency is named (a mention of the agency) but is
the reporter's, never a party to the story: the dateline is parsed as a sentence of its own, so no
event or quotation can take it as its actor or speaker. Its date, when it has one, is the day of
the report, from which events without a date of their own are dated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.dates.patterns import MONTH_PATTERN

OPENING_PARAGRAPHS = 3  # headlines and bylines may come before the dateline
_DATELINE = re.compile(rf"""
    (?P<place>[A-Z][A-Z.'’\-]+(?:[ \-][A-Z][A-Z.'’\-]+){{0,3}}        # BERLIN, NEW YORK, RIO DE JANEIRO
             |[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){{0,2}})               # Oslo, Abu Dhabi
    (?:,[ ]+(?P<region>[A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+)?))?      # , Norway
    (?:,?[ ]+(?P<date>(?:{MONTH_PATTERN})[ ]+\d{{1,2}}(?:,?[ ]+\d{{4}})?
                     |\d{{1,2}}[ ]+(?:{MONTH_PATTERN})(?:[ ]+\d{{4}})?))?   # , Jan 25 / , 25 January 2023
    [ ]*(?:\((?P<agency>[A-Za-z][\w .&/-]{{1,30}})\))?              # (Reuters)
    [ ]*(?P<dash>[-–—]+|:)[ ]+""", re.VERBOSE)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int                       # the whole opening, dash included
    place: tuple[int, int]
    date: tuple[int, int] | None
    agency: tuple[int, int] | None

    def covers(self, start: int, end: int) -> bool:
        """Whether a span lies in the place: never a mention of an actor."""
        return self.place[0] <= start and end <= self.place[1]


def find_dateline(text: str, paragraphs: list[tuple[int, int]]) -> Dateline | None:
    """The dateline at the start of one of the first paragraphs. A place counts only in capitals
    ("BERLIN -") or with an agency or a date after it ("Oslo (AFP) -"), so a sentence such as
    "Norway said: ..." is never taken for one."""
    for start, end in paragraphs[:OPENING_PARAGRAPHS]:
        match = _DATELINE.match(text, start, end)
        if match is None:
            continue
        shouting = match.group("place").upper() == match.group("place") and len(match.group("place")) > 2
        if shouting or match.group("agency") or match.group("date"):
            place_end = match.end("region") if match.group("region") else match.end("place")
            return Dateline(match.start(), match.end(), (match.start("place"), place_end),
                            match.span("date") if match.group("date") else None,
                            match.span("agency") if match.group("agency") else None)
    return None
