"""An actor mention: where in the text an actor is named or referred to, and how it was found.

Every extractor maps the parser's tokens onto actors through these, so they live apart from the
rules that find them (``actors``) and resolve them (``coreference``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = {"that", "which", "who", "whom", "what"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor_id: str
    name: str
    method: str       # registry | model | surname | acronym | pronoun | role
    type: str         # person | organization | state | international_body
    sentence_id: int
    is_subject: bool = False


def mention_at(mentions: list[Mention], token) -> Mention | None:
    """The mention covering a token, if any (extractors map parse tokens onto actors with it)."""
    return next((m for m in mentions if m.start <= token.idx < m.end), None)


def is_subject(span: Span) -> bool:
    return span.root.dep_ in SUBJECTS


def overlaps(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in spans)
