"""The order of the timeline's rows, from the text.

Each mention's date relative to its article's publication places it on one axis of days; articles
without a publication date are aligned through the events they share with placed ones; an effect
goes after its stated cause ("In reaction, ..."); only then does the codebook's usual sequence of
an episode break ties. ``order_basis`` says which of these decided each row.
"""
from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from analysis.extract.events.timing import DATELINE, FROM_TEXT, PUBLICATION
from analysis.extract.timeline.matching import Row
from analysis.registries.codebook import Codebook

OPEN_END = 0.5  # days: an open-ended "before/after publication" sits just on its side of day 0


# --- where each mention sits in time -------------------------------------------------------------

def _relative(events: pd.DataFrame) -> list[tuple[float, float] | None]:
    """Days relative to the mention's own article, from its date text, else from its cause
    ("In reaction" to an accusation made "earlier this year" happened then too)."""
    intervals = [None if pd.isna(low) else (float(low), float(high))
                 for low, high in zip(events["days_from"], events["days_to"])]
    by_key = {(row.article_id, row.event_id): i for i, row in enumerate(events.itertuples())}
    for i, row in enumerate(events.itertuples()):
        if intervals[i] is None and (cause := cause_index(row, by_key)) is not None:
            intervals[i] = intervals[cause]
    return intervals


def cause_index(row, by_key: dict) -> int | None:
    """The events-table index of the mention's stated cause, an event of the same article."""
    if pd.isna(row.cause_event_id):
        return None
    return by_key.get((row.article_id, int(row.cause_event_id)))


def _point(interval: tuple[float, float] | None) -> float:
    """A position for sorting: the middle of a closed interval, just inside day 0 for open ones."""
    if interval is None:
        return -OPEN_END
    low, high = interval
    if math.isinf(low) and math.isinf(high):
        return 0.0
    if math.isinf(low):
        return high - OPEN_END
    if math.isinf(high):
        return low + OPEN_END
    return (low + high) / 2


def positions(events: pd.DataFrame, articles: pd.DataFrame) -> list[float]:
    """Each mention on one axis of days: articles with a publication date use it; undated ones
    are shifted so that the events they share with an already placed article line up."""
    relative = _relative(events)
    points = [_point(r) for r in relative]
    published = dict(zip(articles["article_id"], pd.to_datetime(articles["published"], errors="coerce")))
    dated = {a: d for a, d in published.items() if not pd.isna(d)}
    origin = min(dated.values()) if dated else None
    shift = {a: float((d - origin).days) for a, d in dated.items()}
    if not shift:
        shift[events["article_id"].iloc[0]] = 0.0
    links = _shared_anchors(events, relative)
    pending = list(shift)
    while pending:  # breadth-first over articles linked by an event they both date
        article = pending.pop(0)
        for other, offset in links.get(article, []):
            if other not in shift:
                shift[other] = shift[article] + offset
                pending.append(other)
    return [points[i] + shift.get(article, 0.0) for i, article in enumerate(events["article_id"])]


def _shared_anchors(events: pd.DataFrame, relative) -> dict[str, list[tuple[str, float]]]:
    """Articles that date the same kind of event with closed intervals, linked to the first such
    article (a star per event type, so the links grow with the corpus, not with its square):
    ``links[a]`` holds ``(b, shift of b's publication relative to a's)``. Only closed intervals
    align; "before publication" says too little."""
    hubs: dict[str, tuple[str, float]] = {}
    links: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for interval, event_type, article in zip(relative, events["event_type"], events["article_id"]):
        if not interval or any(math.isinf(v) for v in interval):
            continue
        point = _point(interval)
        hub, hub_point = hubs.setdefault(event_type, (article, point))
        if article != hub:
            links[hub].append((article, hub_point - point))
            links[article].append((hub, point - hub_point))
    return links


# --- order ------------------------------------------------------------------------------------

def order_rows(rows: list[Row], events: pd.DataFrame, position: list[float], codebook: Codebook):
    """``(order, basis)`` by timeline id: rows sorted by their mentions' mean place on the shared
    axis, every effect moved after its cause, ties to the codebook's sequence."""
    sources = [None if pd.isna(source) else source for source in events["date_source"]]
    dated = {r.timeline_id: [i for i in r.mentions if sources[i] in FROM_TEXT] for r in rows}
    where = {r.timeline_id: sum(position[i] for i in r.mentions) / len(r.mentions) for r in rows}
    basis = {r.timeline_id: _basis(r, dated[r.timeline_id], sources) for r in rows}
    row_of = {i: r.timeline_id for r in rows for i in r.mentions}
    by_key = {(row.article_id, row.event_id): i for i, row in enumerate(events.itertuples())}
    caused_by: dict[int, set[int]] = defaultdict(set)
    for i, row in enumerate(events.itertuples()):
        cause = cause_index(row, by_key)
        if cause is not None and row_of[cause] != row_of[i]:
            caused_by[row_of[i]].add(row_of[cause])
    for effect, causes in caused_by.items():
        latest_cause = max(where[c] for c in causes)
        if where[effect] <= latest_cause:
            where[effect] = latest_cause + 1e-3
            basis[effect] = "after its stated cause"
    sequence = {name: t.sequence for name, t in codebook.event_types.items()}
    ranked = sorted(rows, key=lambda r: (round(where[r.timeline_id], 3), sequence.get(r.event_type, 99), r.timeline_id))
    for before, after in zip(ranked, ranked[1:]):
        if round(where[before.timeline_id], 3) == round(where[after.timeline_id], 3):
            basis[after.timeline_id] += "; a tie with the row before, broken by the codebook's sequence"
    return {r.timeline_id: n for n, r in enumerate(ranked, start=1)}, basis


def _basis(row: Row, dated: list[int], sources: list) -> str:
    if dated:
        return "dates in the text"
    told = {sources[i] for i in row.mentions}
    if DATELINE in told:
        return "the dateline's date (the text gives no date)"
    if PUBLICATION in told:
        return "publication order (the text gives no date)"
    return "aligned with another article (no date, no publication date)"
