"""One row per real-world event across articles, grouped into stories, in order, and where the
articles that tell one event disagree.

``matching`` decides which mentions are one event (positive evidence, never a guess), ``stories``
groups the rows by who decided and for whom, ``order`` places them in time, ``contradictions``
lists disagreements, ``rows`` writes the table.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.extract.timeline.contradictions import contradictions
from analysis.extract.timeline.matching import match, mentions_of
from analysis.extract.timeline.order import order_rows, positions
from analysis.extract.timeline.rows import timeline_row
from analysis.extract.timeline.stories import group, label
from analysis.extract.timeline.targets import named_states
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook
from analysis.schema import columns, frame


def build_timeline(events: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame, registry: Registry,
                   codebook: Codebook, acts_for: dict[str, str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(events with timeline_id, timeline, contradictions)``; ``acts_for`` maps actors outside
    the registry to the state an article introduced them with."""
    acts_for = acts_for or {}
    if events.empty:
        return events, frame("timeline", []), frame("contradictions", [])
    events = events.reset_index(drop=True)
    names = dict(columns(mentions, "actor_id", "name"))

    def name_of(actor_id: str | None) -> str:
        return registry.by_id[actor_id].name if actor_id in registry.by_id else names.get(actor_id, actor_id)

    def side_of(actor_id: object) -> str | None:
        return None if pd.isna(actor_id) else acts_for.get(actor_id) or registry.side(actor_id)

    def is_state(actor_id: str) -> bool:
        return actor_id in registry.by_id and registry.by_id[actor_id].type == "state"

    rows = match(mentions_of(events, named_states(events, mentions, side_of, is_state), side_of, codebook), codebook)
    types = list(events["event_type"])
    for row in rows:
        told = [types[i] for i in row.mentions]
        counts = Counter(told)
        row.event_type = max(counts, key=lambda t: (counts[t], -told.index(t)))  # the first told wins a tie
    order, basis = order_rows(rows, events, positions(events, articles), codebook)
    story = _stories(rows, events, order, side_of, name_of, is_state)
    row_of = {i: r.timeline_id for r in rows for i in r.mentions}
    events = events.assign(timeline_id=[row_of[i] for i in events.index]).astype({"timeline_id": "Int64"})
    table = frame("timeline", [timeline_row(r, events, order[r.timeline_id], basis[r.timeline_id],
                                            story[r.timeline_id], name_of, codebook) for r in rows])
    table = table.sort_values("order", kind="stable").reset_index(drop=True)
    return events, table, frame("contradictions", contradictions(rows, events, registry, codebook))


def _stories(rows, events: pd.DataFrame, order: dict[int, int], side_of, name_of,
             is_state) -> dict[int, tuple[int, str]]:
    """timeline id -> ``(story_id, label)``; stories numbered by their earliest row."""
    target = [side if (side := side_of(t)) and is_state(side) else None for t in events["target"]]
    main_target = {}
    for row in rows:
        named = Counter(target[i] for i in row.mentions if target[i] and target[i] != row.side)
        main_target[row.timeline_id] = min(named, key=lambda t: (-named[t], t)) if named else None
    days = {row.timeline_id: row.dates or (row.windows[0] if row.windows else None) for row in rows}
    root = group(rows, main_target, days, is_state)
    numbers: dict[int, int] = {}
    for row in sorted(rows, key=lambda r: order[r.timeline_id]):
        numbers.setdefault(root[row.timeline_id], len(numbers) + 1)
    members: dict[int, list] = {}
    for row in rows:
        members.setdefault(root[row.timeline_id], []).append(row)
    labels = {story: label([r.side if r.side and is_state(r.side) else None for r in told],
                           [main_target[r.timeline_id] for r in told],
                           [r.dates for r in told if r.dates], name_of)
              for story, told in members.items()}
    return {r.timeline_id: (numbers[root[r.timeline_id]], labels[root[r.timeline_id]]) for r in rows}
