"""Explorers: pick an actor or an event from a drop-down and read the passages behind it.

In a live kernel the drop-down redraws the passages. In the HTML report there is no kernel: the
saved widget state shows the default choice, and the notebook also prints that choice as a plain
table, so the report reads the same without JavaScript.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from analysis import views
from analysis.workbook import Workbook

_STYLE = ("<style>.workbook-passages{font-family:var(--jp-content-font-family,sans-serif);font-size:13px;"
          "line-height:1.4}.workbook-passages table{border-collapse:collapse;width:100%}"
          ".workbook-passages td,.workbook-passages th{border-bottom:1px solid #ddd;padding:4px 8px;"
          "text-align:left;vertical-align:top}.workbook-passages .columns{display:flex;gap:12px;"
          "align-items:flex-start}.workbook-passages .article{flex:1;min-width:14em;"
          "border-left:3px solid #4c72b0;padding:0 8px}</style>")


def actor_explorer(workbook: Workbook, actor_id: str | None = None) -> widgets.VBox | None:
    """A drop-down of the actors with anything to show, busiest first, starting at ``actor_id``."""
    counts = views.mention_counts(workbook.mentions, workbook.actors)
    with_quotes = set(workbook.quotes["speaker_actor_id"].dropna()) | set(workbook.stances["actor_id"].dropna())
    names = views.actor_names(workbook.actors, workbook.mentions)
    options = [(f"{row.name} ({row.n_mentions} mentions)", row.actor_id) for row in counts.itertuples()]
    options += [(names.get(actor, actor), actor) for actor in sorted(with_quotes - set(counts["actor_id"]))]
    if not options:
        print("No actor has mentions, quotes or stances in this selection: nothing to explore.")
        return None
    return _explorer("Actor", options, actor_id, lambda chosen: actor_html(workbook, chosen))


def event_explorer(workbook: Workbook, timeline_id: int | None = None) -> widgets.VBox | None:
    """A drop-down of the merged events in timeline order; each shows its mentions side by side."""
    rows = views.timeline_rows(workbook.timeline, workbook.actors)
    reported = rows[rows["timeline_id"].isin(workbook.events["timeline_id"].dropna())]
    options = [(views.short_label(f"{row.order}. {row.summary}"), int(row.timeline_id)) for row in reported.itertuples()]
    if not options:
        print("No merged event has mentions in this selection: nothing to explore.")
        return None
    return _explorer("Event", options, timeline_id, lambda chosen: event_html(workbook, chosen))


def _explorer(label: str, options: list[tuple[str, object]], default: object, render) -> widgets.VBox:
    values = [value for _label, value in options]
    start = default if default in values else values[0]
    choice = widgets.Dropdown(options=options, value=start, description=label,
                              layout=widgets.Layout(width="70%"))
    passages = widgets.HTML(value=render(start))
    choice.observe(lambda change: setattr(passages, "value", render(change["new"])), names="value")
    return widgets.VBox([choice, passages])


def actor_html(workbook: Workbook, actor_id: str) -> str:
    evidence = views.actor_evidence(workbook, actor_id)
    texts = _texts(workbook)
    rows = "".join(
        f"<tr><td>{html.escape(row.kind)}</td><td>{html.escape(row.article_id)}</td>"
        f"<td>{html.escape(row.detail)}</td><td>{_marked(texts, row)}</td></tr>"
        for row in evidence.itertuples())
    return (f"{_STYLE}<div class='workbook-passages'><p>{len(evidence)} passage(s)</p><table>"
            f"<tr><th>kind</th><th>article</th><th>what</th><th>passage</th></tr>{rows}</table></div>")


def event_html(workbook: Workbook, timeline_id: int) -> str:
    """One column per article, so the wording of each report can be compared across."""
    evidence = views.event_evidence(workbook, timeline_id)
    texts = _texts(workbook)
    titles = dict(zip(workbook.articles["article_id"], workbook.articles["title"]))
    columns = []
    for article_id, group in evidence.groupby("article_id", sort=True):
        items = "".join(f"<p>{_marked(texts, row)}<br><small>{html.escape(row.detail)}</small></p>"
                        for row in group.itertuples())
        columns.append(f"<div class='article'><b>{html.escape(article_id)}</b><br>"
                       f"<i>{html.escape(str(titles.get(article_id, '')))}</i>{items}</div>")
    return (f"{_STYLE}<div class='workbook-passages'><p>{len(evidence)} mention(s) in {len(columns)} article(s)</p>"
            f"<div class='columns'>{''.join(columns)}</div></div>")


def _texts(workbook: Workbook) -> dict[str, str]:
    return dict(zip(workbook.articles["article_id"], workbook.articles["text"]))


def _marked(texts: dict[str, str], row) -> str:
    return views.highlight(texts.get(row.article_id, ""), row.start, row.end, (row.passage_start, row.passage_end))


def passages(evidence: pd.DataFrame) -> pd.DataFrame:
    """The explorer's default choice as a plain table: what the HTML report shows when its
    widgets cannot run."""
    return evidence[["kind", "article_id", "detail", "passage"]]
