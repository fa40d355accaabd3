"""Narrowing a Workbook to what a notebook's parameters ask for: some articles, a confidence floor,
a date range, one story; and the sanity check that says what was read and what is left."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from analysis.notebook.params import ParameterError, split_list
from analysis.notebook.tables import timeline_rows
from analysis.workbook import Workbook

WARNING = "Warning:"  # a printed line starting so is also shown in the terminal by `render`
EXTRACTED = ("actors", "mentions", "quotes", "events", "timeline", "contradictions", "stances")


def select(workbook: Workbook, article_ids: list[str], min_confidence: float = 0.0) -> Workbook:
    """The Workbook narrowed to some articles, keeping only rows at or above ``min_confidence``.

    Actors and problems are kept whole: the registry and the unreadable files are not about any
    one article. A merged timeline event stays while one of its articles is selected and, when
    its mentions are known, one of them is confident enough."""
    ids = set(article_ids)

    def in_articles(table: pd.DataFrame) -> pd.DataFrame:
        return table[table["article_id"].isin(ids)].reset_index(drop=True)

    def confident(table: pd.DataFrame) -> pd.DataFrame:
        return in_articles(table)[lambda t: t["confidence"].fillna(0).astype(float) >= min_confidence] \
            .reset_index(drop=True)

    events = confident(workbook.events)
    return dataclasses.replace(
        workbook,
        articles=in_articles(workbook.articles), paragraphs=in_articles(workbook.paragraphs),
        sentences=in_articles(workbook.sentences), mentions=in_articles(workbook.mentions),
        quotes=confident(workbook.quotes), events=events, stances=confident(workbook.stances),
        timeline=_timeline_in(workbook.timeline, workbook.events, events, ids),
        contradictions=workbook.contradictions[
            workbook.contradictions["article_a"].isin(ids) | workbook.contradictions["article_b"].isin(ids)
        ].reset_index(drop=True),
    )


def _timeline_in(timeline: pd.DataFrame, all_events: pd.DataFrame, kept_events: pd.DataFrame,
                 ids: set[str]) -> pd.DataFrame:
    in_articles = timeline["article_ids"].map(lambda value: bool(set(split_list(value)) & ids))
    dropped = set(all_events["timeline_id"].dropna()) - set(kept_events["timeline_id"].dropna())
    return timeline[in_articles.astype(bool) & ~timeline["timeline_id"].isin(dropped)].reset_index(drop=True)


def check_corpus(full: Workbook, selected: Workbook, source: str) -> pd.DataFrame | None:
    """Say what was read and what is selected. When nothing is left the problems table is the
    answer, so an empty report explains itself."""
    n_read, n_problems = len(full.articles), len(full.problems)
    print(f"Read {n_read} article(s) from {source}; {n_problems} problem(s) recorded.")
    if n_read == 0:
        print(f"{WARNING} no article could be read from {source}: every section below is empty. "
              "The problems table says why.")
        return full.problems
    empty = [name for name in EXTRACTED if getattr(full, name).empty]
    if empty:
        print(f"Empty tables (their extractor has not run yet, or found nothing): {', '.join(empty)}.")
    if selected.articles.empty:
        print(f"{WARNING} none of the {n_read} article(s) is selected (see the `articles` parameter): "
              "every section below is empty.")
    else:
        print(f"Selected {len(selected.articles)} of {n_read} article(s).")
    return None


def within(workbook: Workbook, first_day: dt.date | None, last_day: dt.date | None) -> Workbook:
    """The merged events overlapping a date range, with their mentions and contradictions.
    Undated events cannot be placed in a range: they are left out, and the count says so."""
    if first_day is None and last_day is None:
        return workbook
    rows = timeline_rows(workbook.timeline, workbook.actors)
    low = pd.Timestamp(first_day) if first_day else pd.Timestamp.min
    high = pd.Timestamp(last_day) if last_day else pd.Timestamp.max
    overlap = rows["first_day"].notna() & (rows["first_day"] <= high) & (rows["last_day"] >= low)
    kept = set(rows[overlap]["timeline_id"])
    undated = int(rows["first_day"].isna().sum())
    print(f"{len(kept)} of {len(rows)} merged event(s) overlap {first_day or '…'} to {last_day or '…'}"
          + (f"; {undated} undated event(s) left out, having no date to compare." if undated else "."))
    return dataclasses.replace(
        workbook,
        timeline=_rows_of(workbook.timeline, kept), events=_rows_of(workbook.events, kept),
        contradictions=_rows_of(workbook.contradictions, kept))


def in_story(workbook: Workbook, story: int | str | None) -> Workbook:
    """The merged events of one story, chosen by its number or by words of its label ("Norway",
    "Saudi Arabia"); every story when ``story`` is None. A choice that matches no story stops the
    notebook, listing the stories there are."""
    if story is None:
        return workbook
    timeline = workbook.timeline
    wanted = str(story).strip().lower()
    chosen = timeline[(timeline["story_id"].astype(str) == wanted)
                      | timeline["story"].fillna("").str.lower().str.contains(wanted, regex=False)]
    if chosen.empty:
        stories = "; ".join(f"{n}: {label}" for n, label in
                            timeline[["story_id", "story"]].drop_duplicates().sort_values("story_id").itertuples(
                                index=False))
        raise ParameterError(f"story={story!r} matches no story. The stories are: {stories or 'none'}")
    kept = set(chosen["timeline_id"])
    return dataclasses.replace(workbook, timeline=_rows_of(timeline, kept), events=_rows_of(workbook.events, kept),
                               contradictions=_rows_of(workbook.contradictions, kept))


def _rows_of(table: pd.DataFrame, timeline_ids: set) -> pd.DataFrame:
    return table[table["timeline_id"].isin(timeline_ids)].reset_index(drop=True)


def default_event(workbook: Workbook) -> int | None:
    """The explorer's first choice: the merged event reported in the most articles (the first
    in the order among equals), because comparing reports is what the explorer is for."""
    events = workbook.events.dropna(subset=["timeline_id"])
    if events.empty:
        return None
    spread = events.groupby("timeline_id")["article_id"].nunique()
    order = dict(zip(workbook.timeline["timeline_id"], workbook.timeline["order"]))
    return int(min(spread.index,
                   key=lambda timeline_id: (-spread[timeline_id], order.get(timeline_id, 0), timeline_id)))
