"""Floors for events, dates and speakers on real news the rules were not written for.

``../shared/world-dev`` (measurement only: read at run time, never copied) and the development
set in ``benchmarks/devset`` are extracted and scored by world-dev's ``score.py``; each floor is
the figure measured when it was set (``benchmarks/README.md``), so a change that loses an event,
a date or a speaker on either set fails here.
"""
from __future__ import annotations

import re

import pytest

from benchmarks.events import evaluate

# set -> (events in place, dates right, speakers right, event actor right, most spurious event rows)
FLOORS = {"world-dev": (50, 47, 36, 46, 10), "devset": (43, 35, 60, 38, 12)}


def figures(report: str) -> tuple[int, ...]:
    headline = next(line for line in report.splitlines() if line.startswith("HEADLINE"))
    actor = re.search(r"event actor right (\d+)/", report)
    numbers = {key: int(re.search(pattern, headline).group(1)) for key, pattern in {
        "in_place": r"\(in place (\d+)\)", "dates": r"dates (\d+)/", "speakers": r"speakers (\d+)/",
        "spurious": r"spurious event rows (\d+)/"}.items()}
    return numbers["in_place"], numbers["dates"], numbers["speakers"], int(actor.group(1)), numbers["spurious"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_events_dates_and_speakers_hold_their_floors(name, tmp_path):
    in_place, dates, speakers, actors, spurious = figures(evaluate(name, out=tmp_path / "tables"))
    floor = FLOORS[name]
    assert (in_place >= floor[0] and dates >= floor[1] and speakers >= floor[2] and actors >= floor[3]
            and spurious <= floor[4]), (name, in_place, dates, speakers, actors, spurious)
