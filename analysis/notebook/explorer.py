"""Explorers: pick an actor or an event from a drop-down and read the passages behind it, and
correct what the extraction got wrong.

In a live kernel the drop-down redraws the passages. A report rendered to HTML has no kernel, so
it shows no control at all: the default choice's passages as static HTML and a sentence saying
what JupyterLab offers there (a drop-down that can be changed but redraws nothing would mislead).
"Correct this" writes one entry to the corrections file (reviewable in git); the next render
applies it.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from analysis.notebook import passages, tables
from analysis.paths import CORRECTIONS_FILE, rendering_a_report, resolve
from analysis.schema import PRECISIONS
from analysis.workbook import Workbook
from analysis.workbook.corrections import add_correction

NOTE = "corrected in the explorer"
NOBODY = ""  # the "nobody" speaker: a value, not None, so the drop-down's saved state is stable

_STYLE = ("<style>.workbook-passages{font-family:var(--jp-content-font-family,sans-serif);font-size:13px;"
          "line-height:1.4}.workbook-passages table{border-collapse:collapse;width:100%}"
          ".workbook-passages td,.workbook-passages th{border-bottom:1px solid #ddd;padding:4px 8px;"
          "text-align:left;vertical-align:top}.workbook-passages .columns{display:flex;gap:12px;"
          "align-items:flex-start}.workbook-passages .article{flex:1;min-width:14em;"
          "border-left:3px solid #4c72b0;padding:0 8px}</style>")


def actor_explorer(workbook: Workbook, actor_id: str | None = None) -> widgets.VBox | None:
    """A drop-down of the actors with anything to show, busiest first, starting at ``actor_id``."""
    counts = tables.mention_counts(workbook.mentions, workbook.actors)
    with_quotes = set(workbook.quotes["speaker_actor_id"].dropna()) | set(workbook.stances["actor_id"].dropna())
    names = tables.actor_names(workbook.actors, workbook.mentions)
    options = [(f"{row.name} ({row.n_mentions} mentions)", row.actor_id) for row in counts.itertuples()]
    options += [(names.get(actor, actor), actor) for actor in sorted(with_quotes - set(counts["actor_id"]))]
    if not options:
        print("No actor has mentions, quotes or stances in this selection: nothing to explore.")
        return None
    return _explorer("Actor", options, actor_id, lambda chosen: actor_html(workbook, chosen))


def event_explorer(workbook: Workbook, timeline_id: int | None = None) -> widgets.VBox | None:
    """A drop-down of the merged events in timeline order; each shows its mentions side by side."""
    rows = tables.timeline_rows(workbook.timeline, workbook.actors)
    reported = rows[rows["timeline_id"].isin(workbook.events["timeline_id"].dropna())]
    options = [(tables.short_label(f"{row.order}. {row.summary}"), int(row.timeline_id))
               for row in reported.itertuples()]
    if not options:
        print("No merged event has mentions in this selection: nothing to explore.")
        return None
    return _explorer("Event", options, timeline_id, lambda chosen: event_html(workbook, chosen))


def _explorer(label: str, options: list[tuple[str, object]], default: object, render) -> widgets.VBox | HTML:
    values = [value for _label, value in options]
    start = default if default in values else values[0]
    if rendering_a_report():
        chosen = next(text for text, value in options if value == start)
        return HTML(f"<p><i>{html.escape(label)}: {html.escape(chosen)}. In JupyterLab a drop-down here chooses "
                    f"another of the {len(options)}.</i></p>{render(start)}")
    choice = widgets.Dropdown(options=options, value=start, description=label,
                              layout=widgets.Layout(width="70%"))
    passages = widgets.HTML(value=render(start))
    choice.observe(lambda change: setattr(passages, "value", render(change["new"])), names="value")
    return widgets.VBox([choice, passages])


PASSAGES_SHOWN = 200  # an actor quoted thousands of times would make a report of many megabytes


def actor_html(workbook: Workbook, actor_id: str) -> str:
    """Everything about one actor, in reading order: the first ``PASSAGES_SHOWN`` passages
    (``passages.actor_evidence`` has them all)."""
    evidence = passages.actor_evidence(workbook, actor_id)
    texts = _texts(workbook)
    rows = "".join(
        f"<tr><td>{html.escape(row.kind)}</td><td>{html.escape(row.article_id)}</td>"
        f"<td>{html.escape(row.detail)}</td><td>{_marked(texts, row)}</td></tr>"
        for row in evidence.head(PASSAGES_SHOWN).itertuples())
    shown = (f"{len(evidence)} passage(s)" if len(evidence) <= PASSAGES_SHOWN else
             f"the first {PASSAGES_SHOWN} of {len(evidence)} passages (passages.actor_evidence has them all)")
    return (f"{_STYLE}<div class='workbook-passages'><p>{shown}</p><table>"
            f"<tr><th>kind</th><th>article</th><th>what</th><th>passage</th></tr>{rows}</table></div>")


def event_html(workbook: Workbook, timeline_id: int) -> str:
    """One column per article, so the wording of each report can be compared across."""
    evidence = passages.event_evidence(workbook, timeline_id)
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
    return passages.highlight(texts.get(row.article_id, ""), row.start, row.end, (row.passage_start, row.passage_end))


# --- "correct this" ---------------------------------------------------------------------------

def _span(workbook: Workbook, article_id: str, start: int, end: int) -> dict:
    """A correction's key: article, offsets and the words there, so it survives re-extraction."""
    text = _texts(workbook)[article_id]
    return {"article_id": article_id, "start": int(start), "end": int(end), "text": text[start:end]}


def speaker_entry(workbook: Workbook, article_id: str, quote_id: int, actor_id: str | None) -> dict:
    """Set (or, with None, clear) the speaker of one quote."""
    quote = workbook.quotes.query("article_id == @article_id and quote_id == @quote_id").iloc[0]
    return {"kind": "set_speaker", "note": NOTE, "quote": _span(workbook, article_id, quote["start"], quote["end"]),
            "speaker_actor_id": actor_id}


def merge_entry(actor_id: str, into: str) -> dict:
    """Every row of ``actor_id`` becomes a row of ``into`` (a missed merge)."""
    return {"kind": "merge_actors", "note": NOTE, "actor_id": actor_id, "into": into}


def date_entry(workbook: Workbook, article_id: str, event_id: int, date_start: str, date_end: str,
               precision: str) -> dict:
    """Give one event mention the dates the analyst knows."""
    event = workbook.events.query("article_id == @article_id and event_id == @event_id").iloc[0]
    return {"kind": "change_event", "note": NOTE,
            "event": _span(workbook, article_id, event["trigger_start"], event["trigger_end"]),
            "date_start": date_start, "date_end": date_end, "date_precision": precision}


def correction_panel(workbook: Workbook, path: str | Path = CORRECTIONS_FILE) -> widgets.VBox | None:
    """Three small forms: a quote's speaker, an actor merge, an event's date. Each button writes
    one validated entry to ``path`` and says which id it got, or why the entry was refused. A
    report rendered to HTML says where the forms are instead of showing buttons that do nothing."""
    path = resolve(path)
    if rendering_a_report():
        print(f"In JupyterLab this section holds forms that write corrections to {path.name}; "
              "a rendered report cannot write, so it shows none.")
        return None
    actors = [(f"{row.name} ({row.actor_id})", row.actor_id) for row in workbook.actors.itertuples()]
    quotes = [(tables.short_label(f"{row.article_id} #{row.quote_id}: {row.text}"), (row.article_id, row.quote_id))
              for row in workbook.quotes.itertuples()]
    events = [(tables.short_label(f"{row.article_id} #{row.event_id} {row.event_type}: {row.trigger}"),
               (row.article_id, row.event_id)) for row in workbook.events.itertuples()]
    status = widgets.HTML()

    def write(build) -> None:
        try:
            status.value = html.escape(f"written as '{add_correction(build(), path)}' in {path.name}; "
                                       "render again to see it applied")
        except (ValueError, IndexError) as error:
            status.value = html.escape(f"not written: {error}")

    quote, speaker = _choice("Quote", quotes), _choice("Speaker", [("nobody", NOBODY), *actors])
    merged, into = _choice("Merge", actors), _choice("into", actors)
    event, precision = _choice("Event", events), _choice("Precision", [(p, p) for p in PRECISIONS])
    first, last = widgets.Text(description="From", placeholder="YYYY-MM-DD"), widgets.Text(description="To")
    forms = [
        (widgets.HBox([quote, speaker]), lambda: speaker_entry(workbook, *quote.value, speaker.value or None)),
        (widgets.HBox([merged, into]), lambda: merge_entry(merged.value, into.value)),
        (widgets.HBox([event, first, last, precision]),
         lambda: date_entry(workbook, *event.value, first.value, last.value or first.value, precision.value)),
    ]
    rows = []
    for form, build in forms:
        button = widgets.Button(description="Correct this")
        button.on_click(lambda _click, build=build: write(build))
        rows.append(widgets.HBox([form, button]))
    return widgets.VBox([*rows, status])


def _choice(label: str, options: list[tuple[str, object]]) -> widgets.Dropdown:
    return widgets.Dropdown(options=options or [("(none)", None)], description=label,
                            layout=widgets.Layout(width="auto"))
