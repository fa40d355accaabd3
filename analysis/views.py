"""The tables and charts the notebooks show, computed here so that they are tested.

Each function takes Workbook tables and returns a DataFrame (or draws one). Each copes with empty
input, because the extraction tables stay empty until their extractor has run and a selection may
leave nothing: "nothing to show" is a normal answer, printed as a sentence, never a traceback.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
from collections.abc import Callable

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.params import shown, split_list
from analysis.paths import resolve
from analysis.workbook import Workbook

FAVOR, AGAINST = "favor", "against"  # stance polarities; anything else counts as neutral
PRECISIONS = ("day", "month", "year", "unknown")
PERIODS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
UNKNOWN = "(unknown)"
UNATTRIBUTED = "(unattributed)"
LABEL_LENGTH = 60
GRID_SIZE = 15  # actors in the co-occurrence grid
REFERENCE_METHODS = ("pronoun", "role")  # mentions found by context, not by a spelling of the name
EXTRACTED = ("actors", "mentions", "quotes", "events", "timeline", "contradictions", "stances")

QUOTE_KINDS = {"direct": "direct quote", "partial": "partial quote", "nested": "nested quote",
               "indirect": "reported speech", "attitude": "attitude"}


def configure_display() -> None:
    """Wide text columns (evidence is the point of these tables) and figures that read well in
    the HTML report."""
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 160)
    matplotlib.rcParams.update({"figure.dpi": 100, "savefig.dpi": 120,
                                "axes.spines.top": False, "axes.spines.right": False})


def show(table: pd.DataFrame, empty: str) -> pd.DataFrame | None:
    """The table, or the sentence saying why there is none."""
    if table.empty:
        print(empty)
        return None
    return table


# --- selection ------------------------------------------------------------------------------

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
        print(f"No article could be read from {source}: every section below is empty. "
              "The problems table says why.")
        return full.problems
    empty = [name for name in EXTRACTED if getattr(full, name).empty]
    if empty:
        print(f"Empty tables (their extractor has not run yet, or found nothing): {', '.join(empty)}.")
    if selected.articles.empty:
        print(f"None of the {n_read} article(s) is selected (see the `articles` parameter): "
              "every section below is empty.")
    else:
        print(f"Selected {len(selected.articles)} of {n_read} article(s).")
    return None


# --- corpus -----------------------------------------------------------------------------------

def article_overview(workbook: Workbook) -> pd.DataFrame:
    """One row per article with its metadata and size in paragraphs, sentences, words, chars."""
    paragraphs = workbook.paragraphs.groupby("article_id").size()
    sentences = workbook.sentences.groupby("article_id").size()
    table = workbook.articles[["article_id", "title", "title_derived", "source", "published",
                               "published_precision", "n_words", "n_chars"]].copy()
    table.insert(6, "n_paragraphs", table["article_id"].map(paragraphs).fillna(0).astype("Int64"))
    table.insert(7, "n_sentences", table["article_id"].map(sentences).fillna(0).astype("Int64"))
    return table.reset_index(drop=True)


def source_counts(articles: pd.DataFrame) -> pd.DataFrame:
    table = articles.assign(source=articles["source"].fillna(UNKNOWN))
    return (table.groupby("source", as_index=False)
            .agg(n_articles=("article_id", "size"), n_words=("n_words", "sum"))
            .sort_values(["n_articles", "source"], ascending=[False, True], ignore_index=True))


def date_precision_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many publication dates are known to the day, month or year, and how many not at all;
    every precision is listed, so a zero is visible."""
    counts = articles["published_precision"].fillna("unknown").value_counts()
    return pd.DataFrame({"published_precision": PRECISIONS,
                         "n_articles": [int(counts.get(precision, 0)) for precision in PRECISIONS]})


def titles(articles: pd.DataFrame) -> pd.DataFrame:
    return articles[["article_id", "title", "title_derived"]].reset_index(drop=True)


def problem_counts(problems: pd.DataFrame) -> pd.DataFrame:
    return (problems.groupby("problem", as_index=False).agg(n_files=("path", "nunique"))
            .sort_values(["n_files", "problem"], ascending=[False, True], ignore_index=True))


def draw_sizes(overview: pd.DataFrame) -> Figure:
    return draw_counts(overview, "article_id", "n_words", "Article length")


# --- actors -----------------------------------------------------------------------------------

def actor_names(actors: pd.DataFrame, mentions: pd.DataFrame) -> dict[str, str]:
    """actor_id -> canonical name: from the actors table, else the name the mentions carry."""
    names = dict(zip(mentions["actor_id"], mentions["name"]))
    names.update(zip(actors["actor_id"], actors["name"]))
    return {str(key): str(value) for key, value in names.items() if pd.notna(key)}


def mention_counts(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    names = actor_names(actors, mentions)
    table = (mentions.groupby("actor_id", as_index=False)
             .agg(n_mentions=("start", "size"), n_articles=("article_id", "nunique")))
    table.insert(1, "name", table["actor_id"].map(names))
    return table.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)


def mentions_by_article(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actor x article mention counts, busiest actor first."""
    if mentions.empty:
        return pd.DataFrame(columns=["name", "total"])
    names = actor_names(actors, mentions)
    table = pd.crosstab(mentions["actor_id"].map(names), mentions["article_id"])
    table["total"] = table.sum(axis=1)
    table = table.rename_axis(index="name", columns=None).reset_index()
    return table.sort_values(["total", "name"], ascending=[False, True], ignore_index=True)


def spellings(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Which written forms of a name were merged into each actor, and how often each occurs;
    pronouns and role phrases ("he", "the Serbian President") are listed apart, being references
    resolved by context rather than spellings."""
    names = actor_names(actors, mentions)
    aliases = dict(zip(actors["actor_id"], actors["aliases"]))
    rows = []
    for actor_id, group in mentions.groupby("actor_id", sort=False):
        by_context = group["method"].isin(REFERENCE_METHODS)
        forms = _form_counts(group[~by_context]["surface"])
        rows.append({"name": names.get(actor_id, actor_id), "n_spellings": len(forms),
                     "spellings": _joined(forms), "references": _joined(_form_counts(group[by_context]["surface"])),
                     "registry_aliases": "; ".join(split_list(aliases.get(actor_id)))})
    table = pd.DataFrame(rows, columns=["name", "n_spellings", "spellings", "references", "registry_aliases"])
    return table.sort_values(["n_spellings", "name"], ascending=[False, True], ignore_index=True)


def _form_counts(surfaces: pd.Series) -> pd.Series:
    """Counts per form, most frequent first and alphabetical among equals (stable output)."""
    counts = surfaces.value_counts()
    return counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")


def _joined(counts: pd.Series) -> str:
    return "; ".join(f"{form} ×{count}" for form, count in counts.items())


def cooccurrence(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Pairs of different actors named in the same sentence: how many sentences, in how many
    articles."""
    names = actor_names(actors, mentions)
    pairs = []
    for (article_id, _sentence), group in mentions.groupby(["article_id", "sentence_id"]):
        present = sorted({names.get(actor_id, actor_id) for actor_id in group["actor_id"].dropna()})
        pairs += [(a, b, article_id) for a, b in itertools.combinations(present, 2)]
    table = pd.DataFrame(pairs, columns=["actor_a", "actor_b", "article_id"])
    table = (table.groupby(["actor_a", "actor_b"], as_index=False)
             .agg(n_sentences=("article_id", "size"), n_articles=("article_id", "nunique")))
    return table.sort_values(["n_sentences", "actor_a", "actor_b"], ascending=[False, True, True],
                             ignore_index=True)


def draw_cooccurrence(pairs: pd.DataFrame) -> Figure:
    """A symmetric grid of the actors in most shared sentences (at most 15, so it stays legible)."""
    totals = pd.concat([pairs[["actor_a", "n_sentences"]].set_axis(["name", "n"], axis=1),
                        pairs[["actor_b", "n_sentences"]].set_axis(["name", "n"], axis=1)]).groupby("name")["n"].sum()
    names = sorted(totals.sort_index().sort_values(ascending=False, kind="stable").index[:GRID_SIZE])
    grid = pd.DataFrame(0, index=names, columns=names)
    for row in pairs[pairs["actor_a"].isin(names) & pairs["actor_b"].isin(names)].itertuples():
        grid.loc[row.actor_a, row.actor_b] = grid.loc[row.actor_b, row.actor_a] = row.n_sentences
    fig, ax = plt.subplots(figsize=(2 + 0.5 * len(names), 1.5 + 0.4 * len(names)))
    image = ax.imshow(grid.to_numpy(), cmap="Blues")
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    for (y, x), value in pd.DataFrame(grid.to_numpy()).stack().items():
        if value:
            ax.text(x, y, str(value), ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=ax, label="sentences naming both")
    ax.set_title("Actors named in the same sentence")
    return fig


def speaker_names(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Who each quote is attributed to: the actor's canonical name, else the words the article
    used, else "(unattributed)"."""
    names = dict(zip(actors["actor_id"], actors["name"]))
    resolved = quotes["speaker_actor_id"].map(names).astype("string")
    return resolved.fillna(quotes["speaker"]).fillna(UNATTRIBUTED)


def quotes_per_speaker(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    table = quotes.assign(speaker_name=speaker_names(quotes, actors))
    counts = (table.groupby("speaker_name")
              .agg(n_quotes=("start", "size"), n_articles=("article_id", "nunique"),
                   mean_confidence=("confidence", "mean")))
    kinds = pd.crosstab(table["speaker_name"], table["kind"]).add_prefix("n_") if not table.empty else None
    if kinds is not None:
        counts = counts.join(kinds)
    counts["mean_confidence"] = counts["mean_confidence"].astype(float).round(2)
    counts = counts.rename_axis("speaker").reset_index()
    return counts.sort_values(["n_quotes", "speaker"], ascending=[False, True], ignore_index=True)


def draw_mentions(counts: pd.DataFrame) -> Figure:
    return draw_counts(counts, "name", "n_mentions", "Mentions per actor")


def draw_quotes(speakers: pd.DataFrame) -> Figure:
    return draw_counts(speakers, "speaker", "n_quotes", "Quotes per speaker")


def draw_counts(table: pd.DataFrame, label: str, value: str, title: str) -> Figure:
    """Horizontal bars, largest on top (at most 20): the one chart shape for "how many per X"."""
    rows = table.head(20).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.35 * len(rows)))
    bars = ax.barh(rows[label].astype(str), rows[value].astype(int), color="#4c72b0")
    ax.bar_label(bars, fmt="{:,.0f}", padding=3)
    ax.set_xlabel(value.removeprefix("n_").replace("_", " "))
    ax.set_title(title)
    return fig


# --- stances ----------------------------------------------------------------------------------

def on_topic(stances: pd.DataFrame, topic: str | None) -> pd.DataFrame:
    return stances if topic is None else stances[stances["topic"] == topic].reset_index(drop=True)


def stance_matrix(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actor x topic: stances in favor, against and neutral, and a score from -1 (always
    against) to +1 (always in favor). The polarities are the stance extractor's (codebook.yml)."""
    columns = ["name", "topic", "n_stances", "n_favor", "n_against", "n_other", "n_articles", "score"]
    if stances.empty:
        return pd.DataFrame(columns=columns)
    table = stances.assign(name=_actor_column(stances["actor_id"], actors),
                           is_favor=stances["polarity"] == FAVOR, is_against=stances["polarity"] == AGAINST)
    grouped = table.groupby(["name", "topic"], as_index=False).agg(
        n_stances=("polarity", "size"), n_favor=("is_favor", "sum"), n_against=("is_against", "sum"),
        n_articles=("article_id", "nunique"))
    grouped["n_other"] = grouped["n_stances"] - grouped["n_favor"] - grouped["n_against"]
    grouped["score"] = ((grouped["n_favor"] - grouped["n_against"]) / grouped["n_stances"]).astype(float).round(2)
    return grouped[columns].sort_values(["topic", "name"], ignore_index=True)


def _actor_column(actor_ids: pd.Series, actors: pd.DataFrame) -> pd.Series:
    """Canonical names for a column of actor ids (the id itself when the actor is unknown)."""
    return actor_ids.map(dict(zip(actors["actor_id"], actors["name"]))).astype("string").fillna(actor_ids)


def draw_stances(matrix: pd.DataFrame) -> Figure:
    grid = matrix.pivot(index="name", columns="topic", values="score")
    counts = matrix.set_index(["name", "topic"])
    fig, ax = plt.subplots(figsize=(3 + 1.4 * len(grid.columns), 1.2 + 0.45 * len(grid.index)))
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(grid.columns)), grid.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(grid.index)), grid.index)
    for y, name in enumerate(grid.index):
        for x, topic in enumerate(grid.columns):
            if (name, topic) in counts.index:
                cell = counts.loc[(name, topic)]
                label = f"+{cell.n_favor} −{cell.n_against}" + (f" ~{cell.n_other}" if cell.n_other else "")
                ax.text(x, y, label, ha="center", va="center", fontsize=8,
                        color="white" if abs(cell.score) > 0.5 else "black")
    fig.colorbar(image, ax=ax, label="against (−1) … in favor (+1)")
    ax.set_title("Stance by actor and topic (stances: +favor −against ~neutral)")
    return fig


def stance_evidence(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every stance with the words that carry it: the evidence behind each heatmap cell."""
    table = stances.assign(name=_actor_column(stances["actor_id"], actors))
    table = table.sort_values(["topic", "name", "article_id", "start"], ignore_index=True)
    return table[["name", "topic", "polarity", "target", "article_id", "evidence", "confidence"]]


def actor_quotes(quotes: pd.DataFrame, actor_id: str | None) -> pd.DataFrame:
    table = quotes[quotes["speaker_actor_id"] == actor_id] if actor_id else quotes.iloc[0:0]
    table = table.sort_values(["article_id", "start"], ignore_index=True)
    return table[["article_id", "kind", "text", "cue", "confidence"]]


def oppositions(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Who opposes whom on which topic: stances that name their target, and actors who take
    opposite sides of one topic (an opponent facing a supporter)."""
    table = stances.assign(name=_actor_column(stances["actor_id"], actors))
    columns = ["topic", "actor", "opposes", "basis", "evidence"]
    stated = table[(table["polarity"] == AGAINST) & table["target"].notna()]
    rows = [(row.topic, row.name, row.target, "stated", row.evidence) for row in stated.itertuples()]
    matrix = stance_matrix(stances, actors)
    for topic, group in matrix.groupby("topic"):
        supporters = group[group["score"] > 0]["name"].tolist()
        for opponent in group[group["score"] < 0].itertuples():
            evidence = table[(table["name"] == opponent.name) & (table["topic"] == topic)
                             & (table["polarity"] == AGAINST)]["evidence"].iloc[0]
            rows += [(topic, opponent.name, supporter, "opposite sides", evidence) for supporter in supporters]
    result = pd.DataFrame(rows, columns=columns).drop_duplicates(["topic", "actor", "opposes"])
    return result.sort_values(["topic", "actor", "opposes"], ignore_index=True)


# --- timeline ---------------------------------------------------------------------------------

def date_interval(start: object, end: object, precision: object = None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day an event may cover. A date is as wide as its precision says: "2025-05"
    or a month-precision "2025-05-01" without an end covers all of May. ``None`` when undated."""
    if not _filled(start):
        return None
    if _filled(end):
        first, last = pd.Period(start.strip()).start_time, pd.Period(end.strip()).end_time
    else:
        period = pd.Period(start.strip(), freq=PERIODS.get(precision) if isinstance(precision, str) else None)
        first, last = period.start_time, period.end_time
    return first.normalize(), max(first, last).normalize()


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def timeline_rows(timeline: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The merged events in their order, each with the first and last day it may cover."""
    intervals = [date_interval(start, end, precision) for start, end, precision in
                 zip(timeline["date_start"], timeline["date_end"], timeline["date_precision"])]
    table = timeline.assign(
        actor=_actor_column(timeline["actor_id"], actors),
        first_day=pd.Series([interval[0] if interval else pd.NaT for interval in intervals],
                            index=timeline.index, dtype="datetime64[ns]"),
        last_day=pd.Series([interval[1] if interval else pd.NaT for interval in intervals],
                           index=timeline.index, dtype="datetime64[ns]"),
    ).sort_values(["order", "timeline_id"], ignore_index=True)
    return table[["order", "timeline_id", "date_text", "date_anchor", "date_precision", "first_day", "last_day",
                  "event_type", "actor", "scope", "n_mentions", "order_basis", "summary"]]


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
    return int(min(spread.index, key=lambda timeline_id: (-spread[timeline_id], order.get(timeline_id, 0), timeline_id)))


def draw_timeline(rows: pd.DataFrame) -> Figure:
    """Dated events as intervals drawn to their precision (a day is a dot, a month or a year a
    bar across it); undated events keep their place in the order, drawn hollow between the dated
    events around them."""
    rows = rows.reset_index(drop=True)
    x_positions = _timeline_positions(rows)
    dated = rows["first_day"].notna()
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.45 * len(rows)))
    for y, row in rows.iterrows():
        if not dated[y]:
            ax.plot(x_positions[y], y, marker="D", markersize=8, markerfacecolor="white",
                    markeredgecolor="#c44e52", linestyle="none")
        elif row["first_day"] == row["last_day"]:
            ax.plot(mdates.date2num(row["first_day"]), y, marker="o", markersize=8, color="#4c72b0")
        else:
            start = mdates.date2num(row["first_day"])
            width = mdates.date2num(row["last_day"] + pd.Timedelta(days=1)) - start
            ax.broken_barh([(start, width)], (y - 0.3, 0.6), color="#55a868")
    ax.set_yticks(range(len(rows)), [short_label(f"{row.order}. {row.summary}") for row in rows.itertuples()])
    ax.invert_yaxis()
    if dated.any():
        ax.xaxis_date()
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    else:
        ax.set_xlabel("order (no event has a date)")
    handles = [plt.Line2D([], [], marker="o", color="#4c72b0", linestyle="none", label="known to the day"),
               plt.Rectangle((0, 0), 1, 1, color="#55a868", label="known to the month or year (whole period)"),
               plt.Line2D([], [], marker="D", markerfacecolor="white", markeredgecolor="#c44e52",
                          linestyle="none", label="undated: placed by order")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.set_title("Export-policy timeline")
    return fig


def _timeline_positions(rows: pd.DataFrame) -> list[float]:
    """x of each event: the middle of its interval when dated. A run of undated events is spread
    over the gap between the dated events before and after it, or placed past the last (before
    the first) one, so the drawing never claims a date the text does not give."""
    firsts = [mdates.date2num(day) if pd.notna(day) else None for day in rows["first_day"]]
    lasts = [mdates.date2num(day) if pd.notna(day) else None for day in rows["last_day"]]
    known = [value for value in firsts + lasts if value is not None]
    if not known:
        return [float(order) for order in rows["order"]]
    step = max((max(known) - min(known)) * 0.06, 7.0)
    positions: list[float] = []
    index = 0
    while index < len(rows):
        if firsts[index] is not None:
            positions.append((firsts[index] + lasts[index]) / 2)
            index += 1
            continue
        run_end = next((i for i in range(index, len(rows)) if firsts[i] is not None), len(rows))
        before = lasts[index - 1] if index > 0 else None
        after = firsts[run_end] if run_end < len(rows) else None
        count = run_end - index
        for i in range(count):
            if before is not None and after is not None:
                positions.append(before + (after - before) * (i + 1) / (count + 1))
            elif before is not None:
                positions.append(before + step * (i + 1))
            else:
                positions.append(after - step * (count - i))
        index = run_end
    return positions


def event_mentions(events: pd.DataFrame, timeline_id: int | None = None) -> pd.DataFrame:
    """How each merged event is reported, article by article."""
    table = events if timeline_id is None else events[events["timeline_id"] == timeline_id]
    table = table.sort_values(["timeline_id", "article_id", "start"], ignore_index=True)
    return table[["timeline_id", "article_id", "event_type", "trigger", "evidence", "date_text",
                  "date_precision", "confidence"]]


def causes(events: pd.DataFrame) -> pd.DataFrame:
    table = events[events["cause"].notna()].sort_values(["timeline_id", "article_id", "start"], ignore_index=True)
    return table[["timeline_id", "article_id", "event_type", "cause", "evidence"]]


def contradiction_table(contradictions: pd.DataFrame) -> pd.DataFrame:
    table = contradictions.sort_values(["timeline_id", "article_a", "start_a"], ignore_index=True)
    return table[["timeline_id", "what", "article_a", "claim_a", "article_b", "claim_b"]]


def short_label(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


# --- passages (explorers and their static tables) ---------------------------------------------

def passage_bounds(sentences: pd.DataFrame, article_id: str, start: int, end: int) -> tuple[int, int]:
    """The sentences around a span: enough context to read it, never a whole article."""
    own = sentences[(sentences["article_id"] == article_id) & (sentences["end"] > start)
                    & (sentences["start"] < max(end, start + 1))]
    if own.empty:
        return start, end
    return int(min(own["start"].min(), start)), int(max(own["end"].max(), end))


def highlight(text: str, start: int, end: int, context: tuple[int, int]) -> str:
    """HTML of ``text[context]`` with ``text[start:end]`` marked; every piece of article text is
    escaped, because articles are untrusted input and the report is opened in a browser."""
    lo, hi = context
    return (html.escape(text[lo:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:hi]))


def actor_evidence(workbook: Workbook, actor_id: str | None) -> pd.DataFrame:
    """Everything about one actor, in reading order: where they are mentioned, what they said,
    where they stand; each with the passage around it."""
    columns = ["kind", "article_id", "detail", "start", "end", "passage_start", "passage_end", "passage"]
    if actor_id is None:
        return pd.DataFrame(columns=columns)
    mentions = workbook.mentions[workbook.mentions["actor_id"] == actor_id]
    quotes = workbook.quotes[workbook.quotes["speaker_actor_id"] == actor_id]
    stances = workbook.stances[workbook.stances["actor_id"] == actor_id]
    found = ([("mention", row.article_id, f"as “{row.surface}” ({row.method})", row.start, row.end)
              for row in mentions.itertuples()]
             + [("quote", row.article_id, f"{QUOTE_KINDS.get(row.kind, row.kind)}, cue “{row.cue}”", row.start, row.end)
                for row in quotes.itertuples()]
             + [("stance", row.article_id, f"{row.polarity} on {row.topic}", row.start, row.end)
                for row in stances.itertuples()])
    return _with_passages(workbook, found, columns)


def event_evidence(workbook: Workbook, timeline_id: int | None) -> pd.DataFrame:
    """The mentions of one merged event, one row per article mention, trigger marked."""
    columns = ["kind", "article_id", "detail", "start", "end", "passage_start", "passage_end", "passage"]
    events = workbook.events[workbook.events["timeline_id"] == timeline_id] if timeline_id is not None \
        else workbook.events.iloc[0:0]
    found = [("event", row.article_id, _event_detail(row),
              row.trigger_start if pd.notna(row.trigger_start) else row.start,
              row.trigger_end if pd.notna(row.trigger_end) else row.end)
             for row in events.itertuples()]
    return _with_passages(workbook, found, columns)


def _event_detail(row) -> str:
    when = row.date_text if pd.notna(row.date_text) else "no date in the text"
    return f"{row.event_type}; {when}; confidence {row.confidence}"


def _with_passages(workbook: Workbook, found: list[tuple], columns: list[str]) -> pd.DataFrame:
    texts = dict(zip(workbook.articles["article_id"], workbook.articles["text"]))
    rows = []
    for kind, article_id, detail, start, end in found:
        lo, hi = passage_bounds(workbook.sentences, article_id, int(start), int(end))
        rows.append((kind, article_id, detail, int(start), int(end), lo, hi, texts.get(article_id, "")[lo:hi]))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["article_id", "start", "kind"], ignore_index=True)


# --- figures ------------------------------------------------------------------------------------

def plot(table: pd.DataFrame, draw: Callable[[pd.DataFrame], Figure], name: str, figures_dir: str,
         empty: str) -> Figure | None:
    """Draw ``table`` and save the figure with the table behind it (``NAME.png`` beside
    ``NAME.csv``), so every number in a chart can be looked up."""
    if table.empty:
        print(empty)
        return None
    fig = draw(table)
    folder = resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    image, data = folder / f"{name}.png", folder / f"{name}.csv"
    fig.savefig(image, bbox_inches="tight", metadata={"Software": None})
    table.to_csv(data, index=False)
    plt.close(fig)
    print(f"Saved {shown(image)} and {data.name} beside it.")
    return fig


def written(figures_dir: str, prefix: str) -> pd.DataFrame:
    """The figures (and their tables) this notebook wrote."""
    folder = resolve(figures_dir)
    files = sorted(folder.glob(f"{prefix}_*")) if folder.exists() else []
    return pd.DataFrame({"file": [shown(path) for path in files]})

