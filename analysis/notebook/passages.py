"""Passages for the explorers and their static tables: the sentences around a span, with the span
marked, for everything about one actor or one merged event."""
from __future__ import annotations

import html
from bisect import bisect_left, bisect_right

import pandas as pd

from analysis.workbook import Workbook

QUOTE_KIND_LABELS = {"direct": "direct quote", "partial": "partial quote", "nested": "nested quote",
                     "indirect": "reported speech", "attitude": "attitude"}
PASSAGE_COLUMNS = ["kind", "article_id", "detail", "start", "end", "passage_start", "passage_end", "passage"]


class Sentences:
    """Each article's sentence bounds, looked up by binary search: an actor with thousands of
    mentions must not filter the whole sentences table once per mention."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        self._bounds: dict[str, tuple[list[int], list[int]]] = {}
        ordered = sentences.sort_values(["article_id", "start"], kind="stable")
        for article_id, starts, ends in zip(ordered["article_id"], ordered["start"], ordered["end"]):
            bounds = self._bounds.setdefault(article_id, ([], []))
            bounds[0].append(int(starts))
            bounds[1].append(int(ends))

    def passage(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The sentences around a span: enough context to read it, never a whole article."""
        starts, ends = self._bounds.get(article_id, ([], []))
        first, last = bisect_right(ends, start), bisect_left(starts, max(end, start + 1)) - 1
        if first > last:
            return start, end
        return min(starts[first], start), max(ends[last], end)


def highlight(text: str, start: int, end: int, context: tuple[int, int]) -> str:
    """HTML of ``text[context]`` with ``text[start:end]`` marked; every piece of article text is
    escaped, because articles are untrusted input and the report is opened in a browser."""
    lo, hi = context
    return (html.escape(text[lo:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:hi]))


def actor_evidence(workbook: Workbook, actor_id: str | None) -> pd.DataFrame:
    """Everything about one actor, in reading order: where they are mentioned, what they said,
    where they stand; each with the passage around it."""
    columns = PASSAGE_COLUMNS
    if actor_id is None:
        return pd.DataFrame(columns=columns)
    mentions = workbook.mentions[workbook.mentions["actor_id"] == actor_id]
    quotes = workbook.quotes[workbook.quotes["speaker_actor_id"] == actor_id]
    stances = workbook.stances[workbook.stances["actor_id"] == actor_id]
    found = ([("mention", row.article_id, f"as “{row.surface}” ({row.method})", row.start, row.end)
              for row in mentions.itertuples()]
             + [("quote", row.article_id, f"{QUOTE_KIND_LABELS.get(row.kind, row.kind)}, cue “{row.cue}”",
                 row.start, row.end)
                for row in quotes.itertuples()]
             + [("stance", row.article_id, f"{row.polarity} on {row.topic}", row.start, row.end)
                for row in stances.itertuples()])
    return _with_passages(workbook, found, columns)


def event_evidence(workbook: Workbook, timeline_id: int | None) -> pd.DataFrame:
    """The mentions of one merged event, one row per article mention, trigger marked."""
    columns = PASSAGE_COLUMNS
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
    sentences = Sentences(workbook.sentences)
    rows = []
    for kind, article_id, detail, start, end in found:
        lo, hi = sentences.passage(article_id, int(start), int(end))
        rows.append((kind, article_id, detail, int(start), int(end), lo, hi, texts.get(article_id, "")[lo:hi]))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["article_id", "start", "kind"], ignore_index=True)


def as_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """The explorer's default choice as a plain table: what the HTML report shows when its
    widgets cannot run."""
    return evidence[["kind", "article_id", "detail", "passage"]]
