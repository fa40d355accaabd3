"""Stories: the timeline's rows grouped into the episodes an analyst follows, so that one chart
never mixes Norway's halt for Saudi Arabia with Sweden's for Turkey.

Two rows belong to one story when the same state decided both for the same target (at any
distance in time: a ban and its lifting years later), or when one article tells both, they share a
state (as decider or target: Russia's accusation and Serbia's halt it provoked) and their dates are
within a year. A row that names no state joins its article's largest story. The label names the
states that decide most of the story's rows, then those they act on, then the months it covers:
"Norway, Denmark — Saudi Arabia, Nov 2018".
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from analysis.extract.timeline.matching import Row

LINK_DAYS = 365  # an article links two rows only when their dates are this close (or unknown)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's


def group(rows: list[Row], targets: dict[int, str | None], days: dict[int, tuple[int, int] | None],
          is_state) -> dict[int, int]:
    """timeline id -> the timeline id that stands for its story (the union's root). ``targets``
    holds each row's main target state; deciders count only when ``is_state`` (a person the text
    does not tie to a state names no state)."""
    parent = {row.timeline_id: row.timeline_id for row in rows}

    def root(tid: int) -> int:
        while parent[tid] != tid:
            parent[tid] = parent[parent[tid]]
            tid = parent[tid]
        return tid

    def join(a: int, b: int) -> None:
        first, second = sorted((root(a), root(b)))
        parent[second] = first

    by_pair: dict[tuple[str, str], int] = {}
    def states(row: Row) -> set[str]:
        return {s for s in (row.side, targets[row.timeline_id]) if s and is_state(s)}

    for row in rows:
        if row.side and is_state(row.side) and targets[row.timeline_id]:
            join(row.timeline_id, by_pair.setdefault((row.side, targets[row.timeline_id]), row.timeline_id))
    by_article: dict[str, list[Row]] = {}
    for row in rows:
        for article in sorted(row.articles):
            by_article.setdefault(article, []).append(row)
    for told in by_article.values():
        for n, a in enumerate(told):
            for b in told[n + 1:]:
                if states(a) & states(b) and _close(days[a.timeline_id], days[b.timeline_id]):
                    join(a.timeline_id, b.timeline_id)
    for told in by_article.values():
        sizes = Counter(root(r.timeline_id) for r in told if states(r))
        for row in told:
            if not states(row) and sizes:
                join(row.timeline_id, min(sizes, key=lambda tid: (-sizes[tid], tid)))
    return {tid: root(tid) for tid in parent}


def _close(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is None or b is None or max(a[0] - b[1], b[0] - a[1]) <= LINK_DAYS


def label(deciders: list[str], targets: list[str], days: list[tuple[int, int]], name_of) -> str:
    """"Norway, Denmark — Saudi Arabia, Nov 2018": the states deciding at least a fifth of the
    story's rows (at most three), the states they act on, the months covered."""
    counted = Counter(d for d in deciders if d)
    main = [d for d, n in counted.most_common(3) if n * 5 >= len(deciders)] or [d for d, _ in counted.most_common(1)]
    aimed = [t for t, _ in Counter(t for t in targets if t and t not in main).most_common(2)]
    who = ", ".join(name_of(d) for d in main) or "Unattributed"
    span = _span(days)
    return who + (f" — {', '.join(name_of(t) for t in aimed)}" if aimed else "") + (f", {span}" if span else "")


def _span(days: list[tuple[int, int]]) -> str:
    """The months the story's dated rows cover: "Nov 2018", "Oct–Nov 2018", "2019–2022"."""
    if not days:
        return ""
    first = dt.date.fromordinal(min(low for low, _ in days))
    last = dt.date.fromordinal(max(high for _, high in days))

    def month(day: dt.date, year: bool = True) -> str:
        return f"{MONTHS[day.month - 1]} {day.year}" if year else MONTHS[day.month - 1]

    if (last.year - first.year) * 12 + last.month - first.month > 12:
        return f"{first.year}–{last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return month(first)
    if first.year == last.year:
        return f"{month(first, year=False)}–{month(last)}"
    return f"{month(first)}–{month(last)}"
