"""The tables' columns and dtypes, written once so every producer and reader agrees.

Stable dtypes matter: a column that is ``object`` in one run and ``string`` in the next makes
parquet files, nbval outputs and notebook filters differ for no reason.
"""
from __future__ import annotations

import pandas as pd

S, N, B, F = "string", "Int64", "boolean", "Float64"  # text, whole number, flag, fraction (all nullable)

# Vocabularies shared by extractors, corrections, notebooks and exports.
PRECISIONS = ("day", "week", "month", "year", "unknown")  # of a date; a publication date is never "week"
PUBLISHED_PRECISIONS = tuple(p for p in PRECISIONS if p != "week")
POLARITIES = ("favor", "against", "neutral")  # of a stance
FAVOR, AGAINST, NEUTRAL = POLARITIES
QUOTE_KINDS = ("direct", "partial", "nested")  # words inside quote marks
REPORTED_KINDS = ("indirect", "attitude")  # attributed content without quote marks
# How a quote's speaker was named: from a name, from a pronoun or a description that refers back to
# one, or not at all (the speaker is then the mention itself, "a senior official").
SPEAKER_RESOLUTIONS = ("named", "pronoun→name", "description→name", "unresolved")
CORRECTED_BY = "corrected_by"  # the analyst correction that changed a row (NA = as extracted)

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": S, "path": S, "title": S, "title_derived": B, "source": S, "url": S,
        "published": S, "published_precision": S, "language": S, "encoding": S, "sha256": S,
        "n_chars": N, "n_words": N, "text": S,
    },
    "paragraphs": {"article_id": S, "paragraph_id": N, "start": N, "end": N, "text": S},
    "sentences": {"article_id": S, "sentence_id": N, "paragraph_id": N, "start": N, "end": N, "text": S},
    "problems": {"path": S, "problem": S, "detail": S},
    "actors": {
        "actor_id": S, "name": S, "type": S, "role": S, "country": S, "aliases": S,
        "n_mentions": N, "n_articles": N, "method": S, "corrected_by": S,
    },
    "mentions": {
        "article_id": S, "sentence_id": N, "actor_id": S, "name": S, "surface": S,
        "start": N, "end": N, "method": S, "corrected_by": S,
    },
    "quotes": {
        "article_id": S, "quote_id": N, "sentence_id": N, "kind": S, "text": S, "start": N, "end": N,
        "speaker": S, "speaker_actor_id": S, "speaker_surface": S, "speaker_start": N, "speaker_end": N,
        "speaker_resolution": S, "cue": S, "cue_start": N, "cue_end": N, "nested_in": N, "confidence": F, "method": S,
        "corrected_by": S,
    },
    "events": {
        "article_id": S, "event_id": N, "sentence_id": N, "event_type": S, "actor_id": S, "target": S,
        "scope": S, "quantity": S, "duration": S, "modality": S, "trigger": S, "trigger_start": N, "trigger_end": N,
        "evidence": S, "start": N, "end": N, "cause": S, "cause_event_id": N, "date_text": S, "date_start": S,
        "date_end": S,
        "date_precision": S, "date_anchor": S, "date_source": S, "days_from": F, "days_to": F, "timeline_id": N,
        "confidence": F, "method": S, "corrected_by": S,
    },
    "timeline": {
        "timeline_id": N, "order": N, "story_id": N, "story": S, "event_type": S, "actor_id": S, "scope": S,
        "date_start": S, "date_end": S, "date_precision": S, "date_text": S, "date_anchor": S, "n_mentions": N,
        "n_articles": N, "article_ids": S, "merged_because": S, "merge_score": N, "merge_threshold": N,
        "order_basis": S, "summary": S, "corrected_by": S,
    },
    "contradictions": {
        "timeline_id": N, "claim_a": S, "article_a": S, "start_a": N, "end_a": N,
        "claim_b": S, "article_b": S, "start_b": N, "end_b": N, "what": S,
    },
    "stances": {
        "article_id": S, "stance_id": N, "actor_id": S, "topic": S, "target": S, "polarity": S,
        "evidence": S, "start": N, "end": N, "quote_id": N, "confidence": F, "method": S, "corrected_by": S,
    },
}

# The column holding ``text[start:end]`` in each table that points into articles.
SPAN_COLUMN: dict[str, str] = {
    "paragraphs": "text", "sentences": "text", "mentions": "surface", "quotes": "text",
    "events": "evidence", "stances": "evidence",
}


def frame(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A DataFrame with exactly the table's columns, in order, with their declared dtypes."""
    columns = TABLES[table]
    data = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=list(columns))
    data = data.reindex(columns=list(columns))
    return data.astype(columns).reset_index(drop=True)


def columns(table: pd.DataFrame, *names: str) -> zip:
    """The rows of a table's ``names`` columns as tuples of Python values, for a loop over a large
    table: iterating a column of Arrow-backed strings builds its values one by one, several times
    slower than ``tolist`` converts the whole column."""
    return zip(*(table[name].tolist() for name in names))


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
