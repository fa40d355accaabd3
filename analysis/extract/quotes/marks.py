"""Where the quotes are: double quote marks paired on the text, single marks nested inside them,
and whether each quote stands as a statement (direct) or is woven into the writer's sentence
(partial)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from analysis.corpus.tables import index_at, trimmed
from analysis.corpus.text import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE
from analysis.extract.mentions import Mentions
from analysis.extract.quotes.spans import Context, QuoteSpan
from analysis.registries.cues import load_cues

_MARKS = re.compile(r"[“”„«»\"]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s“\"(—–-]))[‘'](?=\S)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![\w])")
_DIRECT_BEFORE = set(".:,;!?—–-(")


def quote_context(text: str, doc: Doc, paragraphs: list[tuple[int, int]], sentence_starts: list[int],
                  mentions: Mentions) -> Context:
    """One article as the quote rules see it, its quotes found and classified."""
    quotes = find_quotes(text, paragraphs)
    paragraph_starts = [start for start, _ in paragraphs]
    for quote in quotes:
        quote.kind = classify(text, quote, paragraph_starts[index_at(paragraph_starts, quote.start)])
    return Context(text, doc, paragraphs, sentence_starts, mentions, load_cues(), quotes)


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pair double quote marks paragraph by paragraph; a quote still open at the end of a paragraph
    continues when the next paragraph reopens (the news convention), else ends there unbalanced."""
    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        for mark in _MARKS.finditer(text, p_start, p_end):
            position, char = mark.start(), mark.group()
            if open_at is not None and position == p_start and _opens(text, position):
                continue  # a continued quote reopens its new paragraph
            if open_at is None and _opens(text, position):
                open_at = position
            elif open_at is not None and _closes(text, position):
                quotes.append(QuoteSpan(open_at + 1, position))
                open_at = None
            elif open_at is not None and char in OPENING_QUOTES:
                quotes.append(QuoteSpan(open_at + 1, trimmed(text, open_at + 1, position)[1], balanced=False))
                open_at = position
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        if open_at is not None and not (next_start is not None and _opens(text, next_start)):
            quotes.append(QuoteSpan(open_at + 1, p_end, balanced=False))
            open_at = None
    quotes = [q for q in quotes if q.end > q.start]
    return quotes + _nested(text, quotes)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    if char in OPENING_QUOTES:
        return True
    if char in CLOSING_QUOTES:
        return False
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, position: int) -> bool:
    """While a quote is open, any straight mark or closing curly mark ends it, and so does an
    opening mark typed where a closing one belongs: '“It's a first,“ said Ola Berg'."""
    after = text[position + 1:position + 2]
    misturned = text[position] in OPENING_QUOTES and text[position - 1:position] in ",.?!" and after in ("", " ", "\n")
    return text[position] in CLOSING_QUOTES or text[position] == STRAIGHT_QUOTE or misturned


def _nested(text: str, outer_quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches inside a double-quoted one ("We were told ‘it’s impossible.’")."""
    nested = []
    for number, outer in enumerate(outer_quotes):
        position = outer.start
        while (opening := _SINGLE_OPEN.search(text, position, outer.end)) is not None:
            closing = _SINGLE_CLOSE.search(text, opening.end(), outer.end)
            if closing is None:
                break
            nested.append(QuoteSpan(opening.end(), closing.start(), nested_in=number, kind="nested"))
            position = closing.end()
    return nested


def classify(text: str, quote: QuoteSpan, paragraph_start: int) -> str:
    """direct: the quote stands as a statement (opens the paragraph or a sentence, or follows a
    cue's comma or colon); partial: it is a fragment woven into the writer's own sentence."""
    if quote.nested_in is not None:
        return "nested"
    before = text[paragraph_start:quote.start - 1].rstrip()
    marks = CLOSING_QUOTES + STRAIGHT_QUOTE
    if before.endswith(tuple(marks)) and before.rstrip(marks)[-1:] in (".", "!", "?"):
        return "direct"  # 'Novak said on "Nordic Morning." "Looking at the licences ..."'
    return "direct" if not before or before[-1] in _DIRECT_BEFORE else "partial"
