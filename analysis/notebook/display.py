"""What a notebook shows and saves: display settings, a table or the sentence saying why there is
none, and figures saved beside the table behind them."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display as ipython_display
from matplotlib.figure import Figure

from analysis.paths import resolve, shown, written_to

_SAVED: dict[Path, None] = {}  # what this kernel saved, in order: a figures folder may hold older runs' files

def configure_display() -> None:
    """Wide text columns (evidence is the point of these tables) and figures that read well in
    the HTML report."""
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 160)
    matplotlib.rcParams.update({"figure.dpi": 100, "savefig.dpi": 120,
                                "axes.spines.top": False, "axes.spines.right": False})


MAX_COLUMNS = 30  # a grid wider than this is read in its CSV, not on the page


class Table:
    """A table as a report shows it: blanks where a value is missing (not ``<NA>``/``NaT``), days
    without a time, text left-aligned and dates kept on one line. ``frame`` is the table itself."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def _shown(self) -> pd.DataFrame:
        """The rows and columns a report shows (``display.max_rows``, ``MAX_COLUMNS``), as text:
        only those are converted, so a table of thousands of rows, or an actor x article grid of a
        thousand articles, costs what its first page costs."""
        def cell(value: object) -> object:
            if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
                return ""
            return f"{value:%Y-%m-%d}" if isinstance(value, pd.Timestamp) else value

        page = self.frame.head(pd.get_option("display.max_rows")).iloc[:, :MAX_COLUMNS]
        return page.astype(object).map(cell) if not page.empty else page

    def __repr__(self) -> str:
        return repr(self._shown())

    def _repr_html_(self) -> str:
        shown_frame = self._shown()
        text = [c for c in self.frame.columns if not pd.api.types.is_numeric_dtype(self.frame[c])]
        uuid = hashlib.sha1(repr((list(self.frame.columns), self.frame.shape, repr(shown_frame.head(3)))).encode())
        styler = shown_frame.style.format(escape="html").set_uuid(uuid.hexdigest()[:10]) \
            .set_properties(subset=text, **{"text-align": "left"}) \
            .set_table_styles([{"selector": "th", "props": "text-align: left"},
                               {"selector": "td", "props": "white-space: pre-wrap"}])
        dates = [c for c in self.frame.columns if pd.api.types.is_datetime64_any_dtype(self.frame[c])
                 or c.startswith("date_") or c.endswith("_day")]
        if dates:  # per column, so the rule outranks the table's "td" rule (an id-only cell rule would not)
            styler = styler.set_table_styles({c: [{"selector": "td", "props": "white-space: nowrap"}] for c in dates},
                                             overwrite=False)
        (rows, columns), (limit, width) = self.frame.shape, shown_frame.shape
        cut = [f"{limit} of {rows} rows" if rows > limit else "",
               f"{width} of {columns} columns" if columns > width else ""]
        if not any(cut):
            return styler.to_html()
        return styler.to_html() + (f"<p><i>{' and '.join(filter(None, cut))} shown; the CSV beside the figures, or "
                                   f"`display.show(...).frame`, has them all.</i></p>")


def show(table: pd.DataFrame, empty: str) -> Table | None:
    """The table as a report shows it, or the sentence saying why there is none."""
    if table.empty:
        print(empty)
        return None
    return Table(table)


def plot(table: pd.DataFrame, draw: Callable[[pd.DataFrame], Figure], name: str, figures_dir: str,
         empty: str, finding: Callable[[pd.DataFrame], str] | None = None) -> Figure | None:
    """Draw ``table`` and save the figure with the table behind it (``NAME.png`` beside
    ``NAME.csv``), so every number in a chart can be looked up; ``finding`` says in one sentence
    what the chart shows."""
    if table.empty:
        print(empty)
        return None
    if finding is not None:
        print(finding(table))
    fig = draw(table)
    image, data = resolve(figures_dir) / f"{name}.png", resolve(figures_dir) / f"{name}.csv"
    written_to(image).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(written_to(image), bbox_inches="tight", metadata={"Software": None})
    table.to_csv(written_to(data), index=False)
    _SAVED.update(dict.fromkeys((data, image)))
    plt.close(fig)
    print(f"Saved {shown(image)} and {data.name} beside it.")
    return fig


def plot_each(table: pd.DataFrame, by: str, title: str, draw: Callable[[pd.DataFrame, str], Figure], name: str,
              figures_dir: str, empty: str, finding: Callable[[pd.DataFrame], str] | None = None,
              limit: int | None = None) -> None:
    """One figure per value of column ``by`` (one timeline per story), titled by column ``title``,
    each saved as ``NAME_<value>.png`` beside its table and shown in turn; with ``limit``, only
    that many, those with the most rows (a chart costs a second to draw and more to read)."""
    if table.empty:
        print(empty)
        return
    parts = list(table.groupby(by, sort=True, dropna=False))
    if limit is not None and len(parts) > limit:
        print(f"The {limit} largest of {len(parts)} are drawn; every row is in the table above.")
        kept = sorted(sorted(range(len(parts)), key=lambda i: -len(parts[i][1]))[:limit])
        parts = [parts[i] for i in kept]
    for value, part in parts:
        label = str(part[title].iloc[0])
        print(label)
        ipython_display(plot(part, lambda rows, label=label: draw(rows, label), f"{name}_{value}", figures_dir, empty,
                             finding))


def written(figures_dir: str, prefix: str) -> pd.DataFrame:
    """The figures (and their tables) this notebook saved in ``figures_dir`` during this session,
    in the order saved, never files an earlier run left there."""
    folder = resolve(figures_dir)
    files = [path for path in _SAVED if path.parent == folder and path.name.startswith(f"{prefix}_")]
    return pd.DataFrame({"file": [shown(path) for path in files]})
