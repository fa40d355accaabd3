"""The tables' columns and dtypes, written once so every producer and reader agrees.

Stable dtypes matter: a column that is ``object`` in one run and ``string`` in the next makes
parquet files, nbval outputs and notebook filters differ for no reason.
"""
from __future__ import annotations

import pandas as pd

S, I, B = "string", "Int64", "boolean"

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": S, "path": S, "title": S, "title_derived": B, "source": S, "url": S,
        "published": S, "published_precision": S, "language": S, "encoding": S, "sha256": S,
        "n_chars": I, "n_words": I, "text": S,
    },
    "paragraphs": {"article_id": S, "paragraph_id": I, "start": I, "end": I, "text": S},
    "sentences": {"article_id": S, "sentence_id": I, "paragraph_id": I, "start": I, "end": I, "text": S},
    "problems": {"path": S, "problem": S, "detail": S},
}

# The column holding ``text[start:end]`` in each table that points into articles.
SPAN_COLUMN: dict[str, str] = {"paragraphs": "text", "sentences": "text"}


def frame(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A DataFrame with exactly the table's columns, in order, with their declared dtypes."""
    columns = TABLES[table]
    data = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=list(columns))
    data = data.reindex(columns=list(columns))
    return data.astype(columns).reset_index(drop=True)


def span_violations(articles: pd.DataFrame, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose stored span is not ``articles.text[start:end]``: empty when the invariant holds."""
    column = SPAN_COLUMN[table]
    texts = dict(zip(articles["article_id"], articles["text"]))
    bad = [
        index for index, article_id, start, end, span in
        zip(rows.index, rows["article_id"], rows["start"], rows["end"], rows[column])
        if texts.get(article_id, "")[start:end] != span
    ]
    return rows.loc[bad]
