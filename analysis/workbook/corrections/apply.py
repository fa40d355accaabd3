"""Applying the corrections: every entry in file order, a stale one reported as a problem, then
the columns derived from the corrected rows (actor counts, timeline rows) recomputed."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.schema import CORRECTED_BY
from analysis.workbook.corrections.actors import merge_actors, rename_actor, set_speaker, split_actor
from analysis.workbook.corrections.entries import Correction
from analysis.workbook.corrections.events import add_event, attach_event, change_event, detach_event, drop_event
from analysis.workbook.corrections.rows import StaleCorrection, Tables, with_marks
from analysis.workbook.corrections.stances import add_stance, drop_stance


def apply_corrections(tables: Tables, corrections: list[Correction]) -> Tables:
    """New tables with every entry applied in order; ``corrected_by`` on every table an entry may
    touch (NA on rows none touched); a ``problems`` row for each stale entry. Pure: ``tables``
    is not modified."""
    tables = {name: with_marks(name, table) for name, table in tables.items()}
    stale = []
    for correction in corrections:
        try:
            tables = APPLY[correction.kind](tables, correction)
        except StaleCorrection as reason:
            stale.append({"path": f"{correction.source}#{correction.id}", "problem": "stale correction",
                          "detail": f"{correction.kind}: {reason}"})
    tables = _recount_actors(_refresh_timeline(tables))
    if stale:
        problems = pd.concat([tables["problems"], pd.DataFrame(stale)], ignore_index=True)
        tables["problems"] = problems.astype(tables["problems"].dtypes.to_dict())
    return tables


APPLY: dict[str, Callable[[Tables, Correction], Tables]] = {
    "merge_actors": merge_actors, "split_actor": split_actor, "rename_actor": rename_actor,
    "set_speaker": set_speaker, "change_event": change_event, "attach_event": attach_event,
    "detach_event": detach_event, "drop_event": drop_event, "drop_stance": drop_stance,
    "add_event": add_event, "add_stance": add_stance,
}


# --- derived columns ---------------------------------------------------------------------------

def _recount_actors(tables: Tables) -> Tables:
    """Mention counts follow the corrected mentions; actors left with none disappear."""
    mentions, actors = tables["mentions"], tables["actors"]
    counts = mentions.groupby("actor_id").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"))
    actors = actors[actors["actor_id"].isin(counts.index)].copy()
    actors["n_mentions"] = actors["actor_id"].map(counts["n_mentions"]).astype("Int64")
    actors["n_articles"] = actors["actor_id"].map(counts["n_articles"]).astype("Int64")
    actors = actors.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable")
    return tables | {"actors": actors.reset_index(drop=True)}


def _refresh_timeline(tables: Tables) -> Tables:
    """Counts and article lists follow the corrected events; rows left without a mention
    disappear; orders are renumbered 1..n. A corrected row takes its date from a corrected mention
    when one is dated (the analyst's word over the extractor's), else from its first dated one."""
    events, timeline = tables["events"], tables["timeline"]
    if timeline.empty:
        return tables
    groups = dict(list(events.groupby("timeline_id")))
    timeline = timeline[timeline["timeline_id"].isin(list(groups))].copy()
    ids = timeline["timeline_id"].tolist()
    article_ids = {timeline_id: sorted(set(groups[timeline_id]["article_id"].tolist())) for timeline_id in ids}
    timeline["n_mentions"] = pd.array([len(groups[t]) for t in ids], dtype=timeline["n_mentions"].dtype)
    timeline["n_articles"] = pd.array([len(article_ids[t]) for t in ids], dtype=timeline["n_articles"].dtype)
    timeline["article_ids"] = pd.array(["; ".join(article_ids[t]) for t in ids], dtype=timeline["article_ids"].dtype)
    for index, timeline_id, corrected in zip(timeline.index, ids, timeline[CORRECTED_BY].tolist()):
        mentions = groups[timeline_id]
        if pd.notna(corrected):
            dated = mentions[mentions["date_start"].notna() | mentions["date_text"].notna()]
            by_hand = dated[dated[CORRECTED_BY].notna() & dated["date_start"].notna()]
            best = (by_hand if len(by_hand) else dated).head(1)
            columns = ["date_start", "date_end", "date_precision", "date_text", "date_anchor"]
            timeline.loc[index, columns] = (best[columns].iloc[0].tolist() if len(best)
                                            else [pd.NA, pd.NA, "unknown", pd.NA, pd.NA])
    timeline = timeline.sort_values("order", kind="stable").reset_index(drop=True)
    timeline["order"] = pd.array(range(1, len(timeline) + 1), dtype="Int64")
    return tables | {"timeline": timeline}
