"""The ``timeline`` table's rows: one per real-world event, with the mention that dates it best."""
from __future__ import annotations

import pandas as pd

from analysis.extract.events.timing import DATELINE, FROM_TEXT
from analysis.extract.timeline.matching import THRESHOLD, Row
from analysis.registries.codebook import Codebook


def timeline_row(row: Row, events: pd.DataFrame, order: int, basis: str, story: tuple[int, str], name_of,
                 codebook: Codebook) -> dict:
    mentions = events.loc[row.mentions]
    best = _best_dated(mentions)
    actors = [a for a in mentions["actor_id"] if not pd.isna(a)]
    actor = max(actors, key=actors.count) if actors else None  # the first told wins a tie: stable across runs
    scopes = [s for s in mentions["scope"] if not pd.isna(s)]
    specific = [s for s in scopes if not codebook.is_vague(s)] or scopes
    scope = specific[0] if specific else None  # as first told; disagreements are in contradictions
    article_ids = sorted(set(mentions["article_id"]))
    return {
        "timeline_id": row.timeline_id, "order": order, "story_id": story[0], "story": story[1],
        "event_type": row.event_type, "actor_id": actor, "scope": scope,
        "date_start": best["date_start"] if best is not None else None,
        "date_end": best["date_end"] if best is not None else None,
        "date_precision": best["date_precision"] if best is not None else "unknown",
        "date_text": best["date_text"] if best is not None else None,
        "date_anchor": best["date_anchor"] if best is not None else None,
        "n_mentions": len(mentions), "n_articles": len(article_ids), "article_ids": "; ".join(article_ids),
        "merged_because": " | ".join(row.reasons) if row.reasons else "single mention",
        "merge_score": row.score, "merge_threshold": THRESHOLD if row.reasons else None,
        "order_basis": basis,
        "summary": f"{name_of(actor) if actor else 'someone'}: {row.event_type.replace('_', ' ')}"
                   + (f" ({scope.replace('_', ' ')})" if scope else "")
                   + f", told {len(mentions)} time(s) in {len(article_ids)} article(s)",
    }


def _best_dated(mentions: pd.DataFrame):
    """The mention whose date the row shows: a date the text gives, the most precise first, then
    a dateline's, then the publication day's."""
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    candidates = []
    for n, (source, precision, start) in enumerate(zip(mentions["date_source"], mentions["date_precision"],
                                                        mentions["date_start"])):
        source = None if pd.isna(source) else source
        if source in FROM_TEXT or not pd.isna(start):
            candidates.append((0 if source in FROM_TEXT else 1 if source == DATELINE else 2, rank.get(precision, 4), n))
    return mentions.iloc[min(candidates)[2]] if candidates else None
