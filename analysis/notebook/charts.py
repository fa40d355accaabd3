"""The charts the notebooks draw, each from one of the tables in ``tables``: bars for "how many per
X", a grid for co-occurrence, a heatmap for stances, and the timeline drawn to each date's precision."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.notebook.tables import short_label

GRID_SIZE = 15  # actors in the co-occurrence grid
BARS = 20  # rows in a bar chart


def draw_counts(table: pd.DataFrame, label: str, value: str, title: str) -> Figure:
    """Horizontal bars, largest on top (at most 20): the one chart shape for "how many per X"."""
    rows = table.head(BARS).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.35 * len(rows)))
    bars = ax.barh(rows[label].astype(str), rows[value].astype(int), color="#4c72b0")
    ax.bar_label(bars, fmt="{:,.0f}", padding=3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no tick at 0.5
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
    """Dated events on a calendar, drawn to their precision (a day is a dot, a month or a year a
    bar across it); undated events in a lane of their own below, in the order the text implies, so
    the drawing never puts an event on a date the text does not give."""
    rows = rows.reset_index(drop=True)
    dated, undated = rows[rows["first_day"].notna()], rows[rows["first_day"].isna()]
    lanes = [part for part in (dated, undated) if len(part)]
    fig, axes = plt.subplots(len(lanes), 1, squeeze=False, figsize=(10, 1.4 + 0.45 * len(rows)),
                             height_ratios=[max(len(part), 1) for part in lanes])
    drawn = set()
    for ax, part in zip(axes[:, 0], lanes):
        for y, row in enumerate(part.itertuples()):
            if pd.isna(row.first_day):
                ax.plot(y + 1, y, marker="D", markersize=8, markerfacecolor="white", markeredgecolor="#c44e52",
                        linestyle="none")
                drawn.add("undated")
            elif row.first_day == row.last_day:
                ax.plot(mdates.date2num(row.first_day), y, marker="o", markersize=8, color="#4c72b0")
                drawn.add("day")
            else:
                start = mdates.date2num(row.first_day)
                width = mdates.date2num(row.last_day + pd.Timedelta(days=1)) - start
                ax.broken_barh([(start, width)], (y - 0.3, 0.6), color="#55a868")
                drawn.add("period")
        ax.set_yticks(range(len(part)), [_event_label(row) for row in part.itertuples()])
        ax.invert_yaxis()
        if part is dated:
            first, last = mdates.date2num(part["first_day"].min()), mdates.date2num(part["last_day"].max())
            margin = max((last - first) * 0.05, 15.0)  # a single day still gets a month of calendar around it
            ax.set_xlim(first - margin, last + 1 + margin)
            ax.xaxis_date()
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        else:
            ax.set_xlim(0, len(part) + 1)
            ax.set_xticks([])
            ax.set_xlabel("undated: in the order the text implies, not on the calendar")
    legend = {"day": plt.Line2D([], [], marker="o", color="#4c72b0", linestyle="none", label="known to the day"),
              "period": plt.Rectangle((0, 0), 1, 1, color="#55a868", label="known to the month or year (whole period)"),
              "undated": plt.Line2D([], [], marker="D", markerfacecolor="white", markeredgecolor="#c44e52",
                                    linestyle="none", label="undated")}
    axes[-1, 0].legend(handles=[legend[kind] for kind in legend if kind in drawn], loc="upper center",
                       bbox_to_anchor=(0.5, -0.3 if len(undated) else -0.22), ncol=3, frameon=False)
    axes[0, 0].set_title(title)
    fig.tight_layout()
    return fig


def _event_label(row) -> str:
    """"3. Norway: export suspension (arms)": the order, who, what, on how much."""
    kind = row.event_type.replace("_", " ") if isinstance(row.event_type, str) else "event"
    what = kind + (f" ({row.scope.replace('_', ' ')})" if isinstance(row.scope, str) else "")
    return short_label(f"{row.order}. {row.actor if isinstance(row.actor, str) else 'someone'}: {what}")
