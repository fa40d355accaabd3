"""Finding and marking the rows an entry points at. An entry names spans, never row numbers; a
span whose text or row is gone makes the entry stale, which ``apply`` reports as a problem."""
from __future__ import annotations

import pandas as pd

from analysis.schema import CORRECTED_BY
from analysis.workbook.corrections.entries import Correction, Span

TOUCHED = ("actors", "mentions", "quotes", "events", "timeline", "stances")
METHOD = "correction"  # the ``method`` of rows an analyst added
Tables = dict[str, pd.DataFrame]


class StaleCorrection(Exception):
    """An entry that no longer matches the articles or the extracted rows; the message says what."""


def with_marks(name: str, table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    if name in TOUCHED and CORRECTED_BY not in table:
        table[CORRECTED_BY] = pd.Series(pd.NA, index=table.index, dtype="string")
    return table


def mark(table: pd.DataFrame, rows, correction: Correction) -> pd.DataFrame:
    """Record the entry on the rows it changed; a row changed twice lists both ids."""
    table = table.copy()
    rows = table.index[rows] if isinstance(rows, pd.Series) else rows
    before = table.loc[rows, CORRECTED_BY]
    table.loc[rows, CORRECTED_BY] = [correction.id if pd.isna(b) else b if correction.id in b.split("; ")
                                     else f"{b}; {correction.id}" for b in before]
    return table


def article_text(tables: Tables, span: Span, what: str) -> str:
    """The article's text, once the span's text is checked against it."""
    texts = tables["articles"].set_index("article_id")["text"]
    if span.article_id not in texts.index:
        raise StaleCorrection(f"{what}: article {span.article_id} is no longer in the corpus")
    found = texts[span.article_id][span.start:span.end]
    if found != span.text:
        raise StaleCorrection(f"{what}: {span.article_id}[{span.start}:{span.end}] now reads {found!r}, "
                              f"not {span.text!r}")
    return texts[span.article_id]


def row_at(tables: Tables, table: str, span: Span, what: str, start: str = "start", end: str = "end",
            extra: pd.Series | None = None) -> int:
    """The index of the one row of ``table`` at the span (after checking the span's text)."""
    article_text(tables, span, what)
    rows = tables[table]
    match = (rows["article_id"] == span.article_id) & (rows[start] == span.start) & (rows[end] == span.end)
    match = match & extra if extra is not None else match
    found = rows.index[match.fillna(False)]
    if found.empty:
        raise StaleCorrection(f"{what}: no {table} row at {span.article_id}[{span.start}:{span.end}] "
                              f"({span.text!r}) any more")
    return found[0]


def actor_name(tables: Tables, actor_id: str, what: str) -> str:
    actors = tables["actors"].set_index("actor_id")
    if actor_id not in actors.index:
        raise StaleCorrection(f"{what}: actor '{actor_id}' is not in the actors table")
    return actors.loc[actor_id, "name"]


def next_id(rows: pd.DataFrame, column: str, article_id: str) -> int:
    taken = rows.loc[rows["article_id"] == article_id, column]
    return int(taken.max()) + 1 if len(taken) else 0


def appended(tables: Tables, rows: pd.DataFrame, row: dict) -> pd.DataFrame:
    """``rows`` plus one, placed after its article's other rows (articles in corpus order)."""
    added = pd.concat([rows, pd.DataFrame([row])], ignore_index=True).astype(rows.dtypes.to_dict())
    position = {a: n for n, a in enumerate(tables["articles"]["article_id"])}
    return added.iloc[added["article_id"].map(position).argsort(kind="stable")].reset_index(drop=True)
