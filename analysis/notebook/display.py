"""What a notebook shows and saves: display settings, a table or the sentence saying why there is
none, and figures saved beside the table behind them."""
from __future__ import annotations

from collections.abc import Callable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display as ipython_display
from matplotlib.figure import Figure

from analysis.paths import resolve, shown


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


def plot_each(table: pd.DataFrame, by: str, title: str, draw: Callable[[pd.DataFrame, str], Figure], name: str,
              figures_dir: str, empty: str) -> None:
    """One figure per value of column ``by`` (one timeline per story), titled by column ``title``,
    each saved as ``NAME_<value>.png`` beside its table and shown in turn."""
    if table.empty:
        print(empty)
        return
    for value, part in table.groupby(by, sort=True, dropna=False):
        label = str(part[title].iloc[0])
        ipython_display(plot(part, lambda rows, label=label: draw(rows, label), f"{name}_{value}", figures_dir, empty))


def written(figures_dir: str, prefix: str) -> pd.DataFrame:
    """The figures (and their tables) this notebook wrote."""
    folder = resolve(figures_dir)
    files = sorted(folder.glob(f"{prefix}_*")) if folder.exists() else []
    return pd.DataFrame({"file": [shown(path) for path in files]})
