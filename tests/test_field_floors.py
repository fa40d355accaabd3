"""Floors for events, dates, speakers and timeline merges on real news the rules were not written
for.

``../shared/world-dev`` (measurement only: read at run time, never copied) and the development
set in ``benchmarks/devset`` are extracted and scored by world-dev's ``score.py``; each floor is
the figure measured when it was set (``benchmarks/README.md``), so a change that loses an event, a
date, a speaker or a merge, or merges what must stay apart, fails here.
"""
from __future__ import annotations

import re

import pytest

from benchmarks.events import evaluate

AT_LEAST = {  # figure -> the pattern that reads it from the scorer's report
    "events in place": r"\(in place (\d+)\)", "dates right": r"\| dates (\d+)/", "speakers right": r"speakers (\d+)/",
    "event actor right": r"event actor right (\d+)/", "merges right": r"\| merges (\d+)/",
}
AT_MOST = {"spurious event rows": r"spurious event rows (\d+)/", "must-not merges": r"false merges (\d+)/\d+ must-not",
           "cross-story merges": r"\((\d+) cross-story\)"}
FLOORS = {
    "world-dev": {"events in place": 52, "dates right": 49, "speakers right": 38, "event actor right": 49,
                  "merges right": 25, "spurious event rows": 10, "must-not merges": 0, "cross-story merges": 0},
    "devset": {"events in place": 43, "dates right": 35, "speakers right": 61, "event actor right": 38,
               "merges right": 24, "spurious event rows": 12, "must-not merges": 1, "cross-story merges": 0},
}


def figures(report: str) -> dict[str, int]:
    return {name: int(re.search(pattern, report).group(1)) for name, pattern in {**AT_LEAST, **AT_MOST}.items()}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_events_dates_speakers_and_merges_hold_their_floors(name, tmp_path):
    measured = figures(evaluate(name, out=tmp_path / "tables"))
    floors = FLOORS[name]
    below = {k: (measured[k], floors[k]) for k in AT_LEAST if measured[k] < floors[k]}
    above = {k: (measured[k], floors[k]) for k in AT_MOST if measured[k] > floors[k]}
    assert not below and not above, (name, below, above)
