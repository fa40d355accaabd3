"""Timeline merges, stories and contradictions on texts written for these tests.

The decisions are invented (the states are real so that the registry knows them). Each test names
the rule it checks; the expected rows were written by reading the texts.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.notebook import params, select
from tests.conftest import passages_workbook

ARTICLES = {  # id -> (publication day or None, body)
    "oslo_a": ("2021-05-08", "Norway suspended 12 arms export licences to Mali on Friday."),
    "oslo_b": ("2021-05-09", "Norway suspended fifteen arms export licences to Mali on Friday, its foreign "
                             "ministry said."),
    "oslo_peru": ("2021-05-08", "Norway suspended arms exports to Peru on Friday."),
    "oslo_2015": ("2015-03-20", "Norway suspended arms exports to Mali in March 2015."),
    "lawmakers": ("2021-05-08", "Norwegian lawmakers called for a halt to arms exports to Mali on Friday."),
    "nobody": (None, "Arms exports to Mali were suspended."),
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return passages_workbook(tmp_path_factory.mktemp("timeline"), ARTICLES)


def row_of(workbook, article_id: str) -> int:
    ids = workbook.events.loc[workbook.events["article_id"] == article_id, "timeline_id"]
    assert len(ids) == 1, workbook.events[["article_id", "event_type", "trigger"]]
    return int(ids.iloc[0])


def test_one_halt_told_by_two_articles_is_one_row_that_says_why(workbook):
    assert row_of(workbook, "oslo_a") == row_of(workbook, "oslo_b")
    row = workbook.timeline.set_index("timeline_id").loc[row_of(workbook, "oslo_a")]
    assert row["n_articles"] == 2 and row["merge_score"] >= row["merge_threshold"] == 1
    assert "same deciding side (norway)" in row["merged_because"] and "same target (mali)" in row["merged_because"]


@pytest.mark.parametrize("other, why", [
    ("oslo_peru", "the same state, another target"),
    ("oslo_2015", "the same target, six years apart"),
    ("lawmakers", "a call for the halt, not the halt"),
    ("nobody", "no deciding state and no date"),
])
def test_what_must_stay_apart_stays_apart(workbook, other, why):
    assert row_of(workbook, other) != row_of(workbook, "oslo_a"), why


def test_a_row_with_nothing_known_stays_alone(workbook):
    row = workbook.timeline.set_index("timeline_id").loc[row_of(workbook, "nobody")]
    assert row["n_mentions"] == 1 and row["merged_because"] == "single mention" and pd.isna(row["merge_score"])


def test_stories_group_rows_by_decider_and_target_with_a_label(workbook):
    timeline = workbook.timeline.set_index("timeline_id")
    mali, peru, earlier = (timeline.loc[row_of(workbook, a)] for a in ("oslo_a", "oslo_peru", "oslo_2015"))
    assert mali["story_id"] == earlier["story_id"] != peru["story_id"]
    assert mali["story"] == "Norway — Mali, 2015–2021"
    assert peru["story"] == "Norway — Peru, May 2021"


def test_two_articles_giving_different_numbers_are_a_contradiction(workbook):
    found = workbook.contradictions[workbook.contradictions["what"].str.startswith("number")]
    assert list(found["what"]) == ["number: 12 arms export licences vs fifteen arms export licences"]
    assert set(found[["article_a", "article_b"]].iloc[0]) == {"oslo_a", "oslo_b"}


def test_rows_are_ordered_by_date_and_say_so(workbook):
    timeline = workbook.timeline.set_index("timeline_id")
    assert timeline.loc[row_of(workbook, "oslo_2015"), "order"] < timeline.loc[row_of(workbook, "oslo_a"), "order"]
    assert timeline.loc[row_of(workbook, "oslo_2015"), "order_basis"] == "dates in the text"
    assert timeline.loc[row_of(workbook, "oslo_a"), "order_basis"].startswith("dates in the text")


def test_a_notebook_picks_one_story_by_number_or_words(workbook):
    peru = workbook.timeline.set_index("timeline_id").loc[row_of(workbook, "oslo_peru"), "story_id"]
    by_words = select.in_story(workbook, "peru")
    assert set(by_words.timeline["story_id"]) == {peru} and list(by_words.events["article_id"]) == ["oslo_peru"]
    assert select.in_story(workbook, str(peru)).timeline.equals(by_words.timeline)
    assert select.in_story(workbook, None) is workbook
    with pytest.raises(params.ParameterError, match="story='Chile' matches no story. The stories are: 1: "):
        select.in_story(workbook, "Chile")
