"""Stories: the timeline's rows grouped by who decided and for whom, so that one chart never mixes
Norway's halt for Saudi Arabia with Sweden's for Turkey.

A row's story is its deciding state and the state its mentions are most often aimed at ("Norway —
arms exports to Saudi Arabia, Nov 2018"). A row that names no target joins the story of the same
deciding state its articles tell most; a row with no deciding state, the story its articles tell
most; else it is a story of its own.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd

from analysis.extract.timeline.matching import Row

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's


def story_keys(rows: list[Row], events: pd.DataFrame, side_of) -> dict[int, tuple]:
    """timeline id -> ``(deciding side, target side)``."""
    targets = [side_of(t) for t in events["target"]]
    key = {}
    for row in rows:
        named = Counter(targets[i] for i in row.mentions if targets[i] is not None and targets[i] != row.side)
        key[row.timeline_id] = (row.side, min(named, key=lambda t: (-named[t], t)) if named else None)
    told_in: dict[str, Counter] = {}
    for row in rows:
        if key[row.timeline_id][1] is not None:
            for article in row.articles:
                told_in.setdefault(article, Counter())[key[row.timeline_id]] += len(row.mentions)
    for row in rows:
        side, target = key[row.timeline_id]
        if target is None:
            around = sum((told_in.get(article, Counter()) for article in sorted(row.articles)), Counter())
            fitting = {k: n for k, n in around.items() if side is None or k[0] == side}
            if fitting:
                key[row.timeline_id] = min(fitting, key=lambda k: (-fitting[k], str(k)))
    return key


def label(side: str | None, target: str | None, days: list[tuple[str, str]], name_of) -> str:
    """"Norway — arms exports to Saudi Arabia, Nov 2018"."""
    who = name_of(side) if side else "Unattributed"
    what = f"arms exports to {name_of(target)}" if target else "arms exports"
    span = _span(days)
    return f"{who} — {what}" + (f", {span}" if span else "")


def _span(days: list[tuple[str, str]]) -> str:
    """The months the story's dated rows cover: "Nov 2018", "Oct–Nov 2018", "2019–2022"."""
    if not days:
        return ""
    first = min(dt.date.fromisoformat(start[:10]) for start, _ in days)
    last = max(dt.date.fromisoformat(end[:10]) for _, end in days)
    if (last.year - first.year) * 12 + last.month - first.month > 12:
        return f"{first.year}–{last.year}"
    def month(day: dt.date, year: bool = True) -> str:
        return f"{MONTHS[day.month - 1]} {day.year}" if year else MONTHS[day.month - 1]

    if (first.year, first.month) == (last.year, last.month):
        return month(first)
    if first.year == last.year:
        return f"{month(first, year=False)}–{month(last)}"
    return f"{month(first)}–{month(last)}"
