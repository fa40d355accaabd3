"""The tables' columns and dtypes, written once so every producer and reader agrees.

Stable dtypes matter: a column that is ``object`` in one run and ``string`` in the next makes
parquet files, nbval outputs and notebook filters differ for no reason.
"""
from __future__ import annotations

import pandas as pd

S, I, B, F = "string", "Int64", "boolean", "Float64"

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": S, "path": S, "title": S, "title_derived": B, "source": S, "url": S,
        "published": S, "published_precision": S, "language": S, "encoding": S, "sha256": S,
        "n_chars": I, "n_words": I, "text": S,
    },
    "paragraphs": {"article_id": S, "paragraph_id": I, "start": I, "end": I, "text": S},
    "sentences": {"article_id": S, "sentence_id": I, "paragraph_id": I, "start": I, "end": I, "text": S},
    "problems": {"path": S, "problem": S, "detail": S},
    "actors": {
        "actor_id": S, "name": S, "type": S, "role": S, "country": S, "aliases": S,
        "n_mentions": I, "n_articles": I, "method": S, "corrected_by": S,
    },
    "mentions": {
        "article_id": S, "sentence_id": I, "actor_id": S, "name": S, "surface": S,
        "start": I, "end": I, "method": S, "corrected_by": S,
    },
    "quotes": {
        "article_id": S, "quote_id": I, "sentence_id": I, "kind": S, "text": S, "start": I, "end": I,
        "speaker": S, "speaker_actor_id": S, "speaker_surface": S, "speaker_start": I, "speaker_end": I,
        "cue": S, "cue_start": I, "cue_end": I, "nested_in": I, "confidence": F, "method": S, "corrected_by": S,
    },
    "events": {
        "article_id": S, "event_id": I, "sentence_id": I, "event_type": S, "actor_id": S, "target": S,
        "scope": S, "modality": S, "trigger": S, "trigger_start": I, "trigger_end": I, "evidence": S,
        "start": I, "end": I, "cause": S, "cause_event_id": I, "date_text": S, "date_start": S, "date_end": S,
        "date_precision": S, "date_anchor": S, "days_from": F, "days_to": F, "timeline_id": I,
        "confidence": F, "method": S, "corrected_by": S,
    },
    "timeline": {
        "timeline_id": I, "order": I, "event_type": S, "actor_id": S, "scope": S, "date_start": S,
        "date_end": S, "date_precision": S, "date_text": S, "date_anchor": S, "n_mentions": I,
        "n_articles": I, "article_ids": S, "merged_because": S, "order_basis": S, "summary": S, "corrected_by": S,
    },
    "contradictions": {
        "timeline_id": I, "claim_a": S, "article_a": S, "start_a": I, "end_a": I,
        "claim_b": S, "article_b": S, "start_b": I, "end_b": I, "what": S,
    },
    "stances": {
        "article_id": S, "stance_id": I, "actor_id": S, "topic": S, "target": S, "polarity": S,
        "evidence": S, "start": I, "end": I, "quote_id": I, "confidence": F, "method": S, "corrected_by": S,
    },
}

# The column holding ``text[start:end]`` in each table that points into articles.
SPAN_COLUMN: dict[str, str] = {
    "paragraphs": "text", "sentences": "text", "mentions": "surface", "quotes": "text",
    "events": "evidence", "stances": "evidence",
}


# Every table an analyst correction can touch has ``corrected_by``: the entry id (NA = as extracted).

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
