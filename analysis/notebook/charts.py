"""The charts the notebooks draw, each from one of the tables in ``tables``: bars for "how many per
X", a grid for co-occurrence, a heatmap for stances, and the timeline drawn to each date's precision."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.notebook.tables import short_label

GRID_SIZE = 15  # actors in the co-occurrence grid
BARS = 20  # rows in a bar chart


def draw_counts(table: pd.DataFrame, label: str, value: str, title: str) -> Figure:
    """Horizontal bars, largest on top (at most 20): the one chart shape for "how many per X"."""
    rows = table.head(BARS).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.35 * len(rows)))
    bars = ax.barh(rows[label].astype(str), rows[value].astype(int), color="#4c72b0")
    ax.bar_label(bars, fmt="{:,.0f}", padding=3)
    ax.set_xlabel(value.removeprefix("n_").replace("_", " "))
    ax.set_title(title)
    return fig


def draw_sizes(overview: pd.DataFrame) -> Figure:
    return draw_counts(overview, "article_id", "n_words", "Article length")


def draw_mentions(counts: pd.DataFrame) -> Figure:
    return draw_counts(counts, "name", "n_mentions", "Mentions per actor")


def draw_quotes(speakers: pd.DataFrame) -> Figure:
    return draw_counts(speakers, "speaker", "n_quotes", "Quotes per speaker")


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


def draw_timeline(rows: pd.DataFrame, title: str = "Export-policy timeline") -> Figure:
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
    ax.set_title(title)
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
