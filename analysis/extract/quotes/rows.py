"""The ``quotes`` table of one article: its quotes and its reported statements, numbered in text
order, a nested quote pointing at the row of the quote around it."""
from __future__ import annotations

from analysis.corpus.tables import index_at
from analysis.extract.quotes.spans import Passage


def quote_rows(article_id: str, text: str, sentence_starts: list[int], passages: list[Passage]) -> list[dict]:
    """Rows for quotes (from ``rules.attribute_quotes``) and reported content (from
    ``reports.reported``) together, ordered by position, then end, then kind."""
    passages = sorted(passages, key=lambda p: (p.start, p.end, p.kind))
    row_of_quote = {p.quote_index: number for number, p in enumerate(passages) if p.quote_index is not None}
    return [_row(article_id, text, number, sentence_starts, passage,
                 None if passage.nested_in is None else row_of_quote[passage.nested_in])
            for number, passage in enumerate(passages)]


def _row(article_id: str, text: str, number: int, sentence_starts: list[int], passage: Passage,
         nested_in: int | None) -> dict:
    a = passage.attribution
    return {
        "article_id": article_id, "quote_id": number, "sentence_id": index_at(sentence_starts, passage.start),
        "kind": passage.kind, "text": text[passage.start:passage.end], "start": passage.start, "end": passage.end,
        "speaker": a.speaker, "speaker_actor_id": a.actor_id, "speaker_surface": a.surface,
        "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
        "speaker_resolution": a.resolution, "cue": a.cue, "cue_start": a.cue_start,
        "cue_end": a.cue_end, "nested_in": nested_in, "confidence": a.confidence, "method": a.method,
    }
