"""The plain-list views the rules read instead of spaCy objects (``nlp.words``, ``span_text``,
``nlp.sentences``), the joining of paragraph Docs (``nlp.joined``) and the overlap index
(``mentions.Spans``) must answer exactly what the slower forms answer: the tables may not change
because a rule got faster."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import nlp
from analysis.extract.mentions import Spans
from tests.conftest import examples

PASSAGE = ("Sweden’s  foreign minister,  Ann Linde, said on Tuesday: “We have revoked the licences.”\n\n"
           "The ministry didn't comment. Vučić  told reporters   that Belgrade would resume exports\tin May. ")


def test_words_are_the_tokens_attributes():
    doc = nlp.pipeline()(PASSAGE)
    columns = nlp.words(doc)
    assert columns.text == [t.text for t in doc]
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.lemma == [t.lemma_.lower() for t in doc]
    assert columns.pos == [t.pos_ for t in doc]
    assert columns.dep == [t.dep_ for t in doc]
    assert columns.idx == [t.idx for t in doc]
    assert columns.whole == doc.text == PASSAGE
    assert nlp.words(doc) is columns  # built once per Doc


def test_span_text_is_the_spans_text():
    doc = nlp.pipeline()(PASSAGE)
    spans = [*doc.sents, doc[3:9], doc[len(doc) - 3:]]
    assert [nlp.span_text(span) for span in spans] == [span.text for span in spans]


def test_joined_paragraphs_are_what_from_docs_joins():
    from spacy.tokens import Doc

    paragraphs = [paragraph + "\n\n" for paragraph in PASSAGE.split("\n\n")]
    docs = list(nlp.pipeline().pipe(paragraphs))
    ours, spacys = nlp.joined(docs[0].vocab, docs), Doc.from_docs(docs, ensure_whitespace=False)
    assert ours.text == spacys.text == "".join(paragraphs)
    assert (ours.to_array(nlp.CARRIED) == spacys.to_array(nlp.CARRIED)).all()
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in spacys.ents]
    def parse(doc: Doc) -> list[tuple]:
        return [(t.text_with_ws, t.head.i, t.dep_, t.tag_, t.lemma_, str(t.morph)) for t in doc]
    assert parse(ours) == parse(spacys)
    assert [s.start for s in nlp.sentences(ours)] == [s.start for s in spacys.sents] != [0]
    assert len(nlp.joined(docs[0].vocab, [])) == 0


def test_sentence_of_a_token_is_its_sentence():
    doc = nlp.pipeline()(PASSAGE)
    assert [nlp.sentence_of(token) for token in doc] == [token.sent for token in doc]
    assert [nlp.sentence_number(sentence) for sentence in nlp.sentences(doc)] == list(range(len(list(doc.sents))))


@pytest.mark.property
@settings(max_examples=examples(300))
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda s: (s[0], s[0] + s[1])), max_size=12),
       st.integers(0, 70), st.integers(0, 15))
def test_spans_overlap_as_a_scan_would(spans, start, width):
    end = start + width
    scanned = any(start < span_end and span_start < end for span_start, span_end in spans)
    assert Spans(spans).overlap(start, end) == scanned


def test_spans_overlap_examples():
    taken = Spans([(10, 20), (0, 5), (30, 31)])
    assert taken.overlap(4, 6) and taken.overlap(19, 25) and taken.overlap(30, 31)
    assert not taken.overlap(5, 10) and not taken.overlap(20, 30) and not taken.overlap(31, 40)
    assert not Spans([]).overlap(0, 100)
