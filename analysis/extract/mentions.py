"""An actor mention: where in the text an actor is named or referred to, and how it was found.

Every extractor maps the parser's tokens onto actors through these, so they live apart from the
rules that find them (``actors``) and resolve them (``coreference``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Span, Token

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


class Mentions(tuple):
    """One article's mentions in text order, looked up by character with a binary search: every
    rule asks "who is this word?", and a scan of all mentions per word would cost the article's
    length times its mentions."""

    def __new__(cls, mentions=()):
        return super().__new__(cls, sorted(mentions, key=lambda m: (m.start, m.end)))

    def __init__(self, mentions=()) -> None:
        self._starts = [m.start for m in self]
        self._reach = list(accumulate((m.end for m in self), max))  # the furthest end up to each one

    def at(self, position: int) -> Mention | None:
        """The first mention (in text order) covering ``position``."""
        found = None
        index = bisect_right(self._starts, position) - 1
        while index >= 0 and self._reach[index] > position:
            if position < self[index].end:
                found = self[index]
            index -= 1
        return found

    def __add__(self, other) -> Mentions:
        return Mentions([*self, *other])


def mention_at(mentions: Mentions, token: Token) -> Mention | None:
    """The mention covering a token, if any (extractors map parse tokens onto actors with it)."""
    return mentions.at(token.idx)


def is_subject(span: Span) -> bool:
    return span.root.dep_ in SUBJECTS


def overlaps(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in spans)
