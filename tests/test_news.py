"""Speaker names read on news outside PolNeAR (evaluation.news), on rows written by hand."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from evaluation.news import KINDS, judge_news, misaligned, news_file, news_scores, read_news

QUOTES = pd.DataFrame([
    {"article_id": "a", "kind": "direct", "start": 10, "end": 60, "speaker": "Lena Kovac",
     "speaker_surface": "she", "speaker_resolution": "pronoun→name"},
    {"article_id": "a", "kind": "partial", "start": 20, "end": 30, "speaker": pd.NA,
     "speaker_surface": pd.NA, "speaker_resolution": pd.NA},
    {"article_id": "a", "kind": "indirect", "start": 70, "end": 90, "speaker": "Lena Kovac",
     "speaker_surface": "Kovac", "speaker_resolution": "named"},
    {"article_id": "a", "kind": "direct", "start": 120, "end": 150, "speaker": "an aide",
     "speaker_surface": "an aide", "speaker_resolution": "unresolved"},
])


def read(quote_start: int, kind: str, referent: str | None) -> dict:
    return {"article_id": "a", "quote_start": quote_start, "source_start": None, "source_end": None,
            "source_kind": kind, "referent": referent, "referent_type": "person", "referent_gender": None}


def test_a_read_quote_is_judged_by_the_innermost_quoted_row_holding_its_first_character():
    rows = pd.DataFrame([read(40, "pronoun", "Lena Kovac"),     # inside the direct quote only
                         read(20, "description", "Lena Kovac"),  # the partial inside it has no speaker
                         read(75, "implicit", "Lena Kovac"),     # an indirect row is no quote
                         read(120, "description", None)])        # nobody named: right when left unresolved
    judged = judge_news(QUOTES, rows)
    assert judged["found"].tolist() == [True, True, False, True]
    assert judged["name_right"].tolist() == [True, False, pd.NA, True]
    scores = news_scores(judged)
    assert (scores["pronoun/description"][0].hits, scores["pronoun/description"][0].total) == (2, 3)
    assert (scores["implicit"][0].hits, scores["implicit"][0].total) == (0, 0)


def test_a_folder_read_as_other_texts_is_refused():
    articles = pd.DataFrame({"article_id": ["a", "b"], "sha256": ["1" * 64, "2" * 64]})
    assert misaligned({"a": "1" * 64, "b": "2" * 64}, articles) == []
    assert misaligned({"a": "1" * 64, "b": "3" * 64, "c": "4" * 64}, articles) == ["b", "c"]


@pytest.mark.parametrize("name", ["horne2017", "ggt2019", "fakeorreal2016"])
def test_the_news_sets_are_offsets_and_names_only(name):
    texts, rows = read_news(news_file(name))
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in texts.values())
    assert set(rows.columns) == {"article_id", "quote_start", "source_start", "source_end", "source_kind",
                                 "referent", "referent_type", "referent_gender"}  # no text of the articles
    assert set(rows["article_id"]) <= set(texts) and set(rows["source_kind"]) <= set(KINDS)
    spans = rows.dropna(subset=["source_start"])
    assert (spans["source_end"] > spans["source_start"]).all()
    assert rows.loc[rows["source_kind"] == "implicit", "source_start"].isna().all()
