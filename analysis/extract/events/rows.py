"""An event mention on its way to the ``events`` table, and the rows themselves."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from analysis.corpus.tables import index_at, trimmed
from analysis.extract.dates import TimeExpression
from analysis.extract.methods import NO_ACTOR, confidence
from analysis.registries.codebook import EventType

METHOD = "rule:codebook"
ACTOR_FOUND = {"text": "", "previous event": ":actor-of-previous-event", "article": ":actor-of-article"}


@dataclass
class Found:
    """One event mention while the article is being read."""
    event_type: EventType
    sentence: Span
    trigger: Span
    actor_id: str | None
    target: str | None
    scope: str | None
    modality: str
    date: TimeExpression | None
    date_source: str | None
    quantity: str | None
    duration: str | None
    actor_from: str | None  # "text", "previous event" or "article": where the actor was read
    cause: str | None = None
    cause_event: int | None = None


def event_rows(article_id: str, text: str, found: list[Found], sentence_starts: list[int]) -> list[dict]:
    """Rows for the ``events`` table, the evidence being the whole sentence that tells the event.
    An actor not read in the event's own sentence is said so in ``method`` and lowers the
    confidence, like a missing one."""
    rows = []
    for number, event in enumerate(found):
        start, end = trimmed(text, event.sentence.start_char, event.sentence.end_char)
        date = event.date
        cause = None
        if event.cause_event is not None:
            cause_event = found[event.cause_event]
            cause = f"{event.cause}: {cause_event.event_type.name} (event {event.cause_event})"
        read_in_text = event.actor_from == "text"
        rows.append({
            "article_id": article_id, "event_id": number, "sentence_id": index_at(sentence_starts, start),
            "event_type": event.event_type.name, "actor_id": event.actor_id, "target": event.target,
            "scope": event.scope, "quantity": event.quantity, "duration": event.duration, "modality": event.modality,
            "trigger": text[event.trigger.start_char:event.trigger.end_char],
            "trigger_start": event.trigger.start_char, "trigger_end": event.trigger.end_char,
            "evidence": text[start:end], "start": start, "end": end, "cause": cause,
            "cause_event_id": event.cause_event,
            "date_text": date.text or None if date else None, "date_start": date.date_start if date else None,
            "date_end": date.date_end if date else None,
            "date_precision": date.precision if date else "unknown",
            "date_anchor": date.anchor if date else None, "date_source": event.date_source,
            "days_from": date.days_from if date else None, "days_to": date.days_to if date else None,
            "timeline_id": None,
            "confidence": confidence(METHOD) if read_in_text else confidence(METHOD, NO_ACTOR),
            "method": METHOD + ACTOR_FOUND.get(event.actor_from or "", ""),
        })
    return rows
