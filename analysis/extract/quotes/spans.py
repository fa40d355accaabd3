"""The shapes quote extraction works on: a quote's span, an attribution, the article as the rules
see it, and a passage (a quote or a reported statement) on its way to the ``quotes`` table."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from analysis.corpus.tables import index_at
from analysis.extract.mentions import Mention
from analysis.registries.cues import Cues


@dataclass
class QuoteSpan:
    start: int                 # first character inside the marks
    end: int                   # last character inside the marks + 1
    balanced: bool = True
    nested_in: int | None = None
    kind: str = "direct"


@dataclass
class Attribution:
    speaker: str | None = None
    actor_id: str | None = None
    surface: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    method: str = "rule:no-cue"
    confidence: float = 0.3


@dataclass
class Context:
    """One article as the quote rules see it."""
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    sentence_starts: list[int]
    mentions: list[Mention]
    cues: Cues
    quotes: list[QuoteSpan] = field(default_factory=list)

    def paragraph_of(self, position: int) -> int:
        return index_at([s for s, _ in self.paragraphs], position)


def outside_quotes(context: Context, token: Token, allowed: QuoteSpan | None = None) -> bool:
    inside = [q for q in context.quotes if q.nested_in is None and q.start <= token.idx < q.end]
    return not inside or (allowed is not None and inside == [allowed])


@dataclass
class Passage:
    """A quote or a reported statement, ready to become a row: where, which kind, who said it,
    and, for a quote, its place among the article's quotes (``quote_index``) and the outer quote
    it is nested in (an index of that list)."""
    start: int
    end: int
    kind: str
    attribution: Attribution
    quote_index: int | None = None
    nested_in: int | None = None
