"""The loader on the two bundled articles; expected counts were taken by reading the files."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.tables import chunks, derive_title, paragraph_spans
from analysis.paths import SEEDS_DIR
from tests.conftest import PESKOV_ARTICLE, VUCIC_ARTICLE


def test_bodies_are_byte_exact_copies_of_the_seeds(workbook):
    if not SEEDS_DIR.exists():
        pytest.skip(f"{SEEDS_DIR} is not beside the project")
    for row in workbook.articles.itertuples():
        assert row.text.encode("utf-8") == (SEEDS_DIR / f"{row.article_id}.txt").read_bytes()


def test_paragraph_counts_follow_both_conventions(workbook):
    # 000 separates paragraphs with blank lines (headline + 6), 001 with single line breaks (10).
    counts = workbook.paragraphs.groupby("article_id").size()
    assert counts[PESKOV_ARTICLE] == 7
    assert counts[VUCIC_ARTICLE] == 10


def test_sentence_counts_and_closing_quotes_stay_attached(workbook):
    counts = workbook.sentences.groupby("article_id").size()
    assert counts[PESKOV_ARTICLE] == 14
    assert counts[VUCIC_ARTICLE] == 17
    block = workbook.sentences.query("article_id == @VUCIC_ARTICLE and paragraph_id == 3")
    assert block["text"].tolist() == [
        "“Serbian producers are aware of who the real end users of their products are, and that their "
        "weapons are being used to kill Russian soldiers and civilians in Russian towns.”"]


def test_titles_and_unknown_metadata(workbook):
    articles = workbook.articles.set_index("article_id")
    assert articles.loc[PESKOV_ARTICLE, "title"].startswith("Serbia’s President Vucic Under Intense")
    assert not articles.loc[PESKOV_ARTICLE, "title_derived"]
    assert articles.loc[VUCIC_ARTICLE, "title_derived"]
    assert articles.loc[VUCIC_ARTICLE, "title"].startswith("Serbian President Aleksandar Vučić has ordered a halt")
    assert articles.loc[VUCIC_ARTICLE, "title"].endswith("…")
    for column in ("source", "url", "published"):
        assert articles[column].isna().all()
    assert (articles["published_precision"] == "unknown").all()
    assert (articles["encoding"] == "utf-8").all()
    assert articles.loc[VUCIC_ARTICLE, "n_chars"] == 2272


def test_every_span_is_the_text_it_points_to(workbook):
    for name, bad in workbook.span_violations().items():
        assert bad.empty, f"{name}: {bad.head()}"


def test_row_order_and_dtypes_are_stable(workbook):
    assert workbook.sentences["article_id"].is_monotonic_increasing
    for _, group in workbook.sentences.groupby("article_id"):
        assert group["start"].is_monotonic_increasing
        assert group["sentence_id"].tolist() == list(range(len(group)))
    assert workbook.sentences["start"].dtype == pd.Int64Dtype()
    assert workbook.articles["title"].dtype == pd.StringDtype()


def test_hard_wrapped_lines_join_but_single_line_paragraphs_do_not():
    text = "Title line\n\nThe ministry said the ban would\nstay in place. Officials agreed.\nA new line here."
    pieces = [text[s:e] for s, e in paragraph_spans(text)]
    assert pieces == ["Title line", "The ministry said the ban would\nstay in place. Officials agreed.",
                      "A new line here."]


def test_chunks_concatenate_back_to_the_text():
    text = "  lead\n\nsecond " + "word " * 30_000 + "\nlast"
    assert "".join(chunks(text, paragraph_spans(text))) == text
    assert max(len(piece) for piece in chunks(text, paragraph_spans(text))) <= 50_000


def test_derived_title_is_cut_at_a_word():
    assert derive_title("Short one.") == "Short one"
    long = derive_title("word " * 40)
    assert long.endswith("…") and len(long) <= 91 and "wor…" not in long
