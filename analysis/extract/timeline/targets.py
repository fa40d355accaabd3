"""The states each event mention's sentence names besides its decider, for matching: one article
may name "Saudi Arabia and the UAE" where another names the UAE first, so a differing target
forbids a merge only when neither sentence names the other's."""
from __future__ import annotations

from bisect import bisect_left

import pandas as pd

from analysis.schema import columns


def named_states(events: pd.DataFrame, mentions: pd.DataFrame, side_of, is_state) -> list[frozenset[str]]:
    """Per event, the states its sentence names other than its decider's side. Only the mentions
    of articles that tell an event are indexed: few do (train: 114 events in 839 articles)."""
    by_article: dict[str, tuple[list[int], list[str | None]]] = {}
    told = mentions[mentions["article_id"].isin(set(events["article_id"]))]
    for article_id, start, actor_id in columns(told.sort_values(["article_id", "start"], kind="stable"),
                                               "article_id", "start", "actor_id"):
        starts, sides = by_article.setdefault(article_id, ([], []))
        starts.append(start)
        sides.append(side_of(actor_id))
    found = []
    for row in events.itertuples():
        own = side_of(row.actor_id)
        starts, sides = by_article.get(row.article_id, ([], []))
        inside = sides[bisect_left(starts, row.start):bisect_left(starts, row.end)]
        found.append(frozenset(s for s in inside if s is not None and s != own and is_state(s)))
    return found
