"""The shapes quote extraction works on: a quote's span, an attribution, the article as the rules
see it, and a passage (a quote or a reported statement) on its way to the ``quotes`` table."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from analysis.corpus.tables import index_at
from analysis.extract.mentions import Mentions, Spans
from analysis.extract.nlp import words
from analysis.registries.cues import Cues, is_cue


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
    resolution: str | None = None  # one of ``schema.SPEAKER_RESOLUTIONS`` when there is a speaker


@dataclass
class Context:
    """One article as the quote rules see it, with the indexes that keep every lookup a binary
    search: a long sentence full of quotes and speech verbs must cost its length, not its square."""
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    sentence_starts: list[int]
    mentions: Mentions
    cues: Cues
    quotes: list[QuoteSpan] = field(default_factory=list)  # classified: their kinds are final

    def __post_init__(self) -> None:
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._outer = [q for q in self.quotes if q.nested_in is None]  # in text order, never overlapping
        self._outer_starts = [q.start for q in self._outer]
        self._statements = Spans((q.start, q.end) for q in self.quotes if q.kind != "partial")
        self._cue_indices: dict[bool, list[int]] = {}
        self._cue_sets: dict[bool, frozenset[int]] = {}
        columns = words(self.doc)
        self._according = [i for i, lower in enumerate(columns.lower) if lower == "according"]
        self.verbs = [i for i, (pos, lemma) in enumerate(zip(columns.pos, columns.lemma))  # where cues can be
                      if pos in ("VERB", "AUX") and lemma in self.cues.verb_lemmas]

    def paragraph_of(self, position: int) -> int:
        return index_at(self._paragraph_starts, position)

    def quote_at(self, position: int) -> QuoteSpan | None:
        """The outermost quote holding a character, if any."""
        index = bisect_right(self._outer_starts, position) - 1
        return self._outer[index] if index >= 0 and position < self._outer[index].end else None

    def overlaps_statement(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a quote that stands as a statement (not a partial one)."""
        return self._statements.overlap(start, end)

    def next_statement(self, start: int, end: int) -> int | None:
        """The opening mark of the first statement quote opening inside (start, end), if any."""
        starts = self._statements.starts
        index = bisect_right(starts, start + 1)
        opening = starts[index] - 1 if index < len(starts) else None
        return opening if opening is not None and opening < end else None

    def cue_indices(self, whole_quote: bool) -> list[int]:
        """Token numbers of every cue of a whole (or partial) quote, in text order."""
        if whole_quote not in self._cue_indices:
            self._cue_indices[whole_quote] = [i for i in self.verbs if is_cue(self.doc[i], self.cues, whole_quote)]
            self._cue_sets[whole_quote] = frozenset(self._cue_indices[whole_quote])
        return self._cue_indices[whole_quote]

    def is_cue_index(self, i: int, whole_quote: bool) -> bool:
        return i in self._cue_sets[whole_quote] if whole_quote in self._cue_sets else i in self.cue_indices(whole_quote)

    def according_indices(self, tokens: range) -> list[int]:
        """Token numbers of "according" within a range of tokens."""
        return self._according[bisect_left(self._according, tokens.start):bisect_left(self._according, tokens.stop)]


def outside_quotes(context: Context, token: Token, allowed: QuoteSpan | None = None) -> bool:
    """Not inside any quote, or only inside ``allowed`` (the quote around a nested one)."""
    around = context.quote_at(token.idx)
    return around is None or around is allowed


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
