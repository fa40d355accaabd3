"""Events on short texts written for these tests: one frame or one date rule per article.

Every text here is invented for the rule it checks (states are real so that the registry knows
them; the decisions are not reported ones). The expected rows were written by reading the
sentence, before the extractor was run on it.
"""
from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import passages_workbook

# article id -> (publication day or None, body)
ARTICLES = {
    # frames
    "negated_future": ("2021-05-04", "Portugal will not export arms to Mali as long as the fighting goes on, "
                                     "the foreign minister said on Monday."),
    "court_order": ("2021-05-04", "An Austrian court ordered the government to stop exports of the rifle parts "
                                  "to Mali."),
    "no_new_permits": ("2021-06-10", "Sweden has not granted any new export permits for military equipment to Mali "
                                     "since March."),
    "veto": ("2021-05-05", "Austria vetoed the re-export of its armoured vehicles to Mali on Friday."),
    "rejected_request": ("2021-05-05", "The Portuguese government rejected the request to export rifles to Mali."),
    "lifted_ban": ("2021-05-05", "Norway lifted its ban on arms sales to Mali on Tuesday."),
    "green_light": ("2021-05-05", "Austria gave the green light to re-export ammunition to Mali."),
    "revoked": ("2021-05-05", "Portugal revoked the licences for rifle exports to Mali."),
    "cancelled_contract": ("2021-05-05", "Mali cancelled the purchase contract for Austrian rifles."),
    "not_an_embargo": ("2021-05-05", "This is not an embargo on Mali, the Austrian minister said."),
    "not_an_arms_embargo": ("2021-05-05", "The minister told parliament the decision was not an arms embargo."),
    "called_for": ("2021-05-05", "The opposition leader called for a halt to arms exports to Mali."),
    "licences_in_halt": ("2021-05-05", "Norway suspended new licences for arms exports to Mali."),
    "dateline_city": ("2021-05-05", "OSLO (AFP) - The Norwegian government suspended arms exports to Mali."),
    "capital": ("2021-05-05", "Vienna has halted all arms exports to Mali, the foreign ministry said."),
    "quantity": ("2021-05-05", "Portugal suspended 30 of 350 arms export licences to Mali for 30 days."),
    "condition": ("2021-05-05", "If Mali attacks its neighbour, Portugal would impose an arms embargo."),
    "claim_content": ("2021-05-05", "The newspaper alleged that Austria had quietly allowed exports of rifles "
                                    "to Mali."),
    # dates
    "announced_monday": ("2021-05-05", "Portugal announced Monday that it would suspend arms exports to Mali."),
    "confirmed_wednesday": ("2021-05-07", "The Austrian defence ministry confirmed Wednesday that it was halting "
                                          "arms exports to Mali."),
    "dateline_date": ("2021-03-21", "LISBON, March 20 (Lusa) - Portugal halted arms exports to Mali."),
    "yesterday": ("2021-05-05", "Portugal halted arms exports to Mali yesterday."),
    "late_september": ("2022-01-15", "In late September, Norway lifted its ban on arms sales to Mali."),
    "undated": (None, "Norway lifted its ban on arms sales to Mali on Friday."),
    "future_weekday": ("2021-05-05", "Portugal will halt arms exports to Mali on Monday."),
    "quotation": ("2021-05-05", "\"We have stopped every delivery of arms to Mali. The decision is final,\" the "
                                "Austrian defence minister said on Sunday."),
    "sentence_before": ("2021-05-05", "Mali asked Portugal for rifles last year. Portugal refused the request."),
    "restatement": ("2021-05-05", "Austria halted arms exports to Mali on Monday. Officials said the halt "
                                  "covered rifles and ammunition."),
    "since_an_act": ("2021-05-05", "Portugal approved its first export licence for Mali since 2017 on Tuesday."),
    "since_a_halt": ("2021-05-05", "Sweden lifted its 2019 ban on arms sales to Mali, reversing a ban in force "
                                   "since 2017."),
}


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> pd.DataFrame:
    workbook = passages_workbook(tmp_path_factory.mktemp("events"), ARTICLES)
    assert workbook.problems.empty, workbook.problems
    return workbook.events


def rows(events: pd.DataFrame, article_id: str) -> pd.DataFrame:
    return events[events["article_id"] == article_id]


def one(events: pd.DataFrame, article_id: str, event_type: str) -> pd.Series:
    found = rows(events, article_id)
    found = found[found["event_type"] == event_type]
    assert len(found) == 1, (article_id, event_type, rows(events, article_id)[["event_type", "trigger"]])
    return found.iloc[0]


def test_a_negated_future_export_is_an_announced_halt_dated_by_its_reporting_clause(events):
    halt = one(events, "negated_future", "export_suspension")
    assert halt["modality"] == "announced" and halt["target"] == "mali"
    assert halt["date_start"] == "2021-05-03" and halt["date_source"] == "reporting clause"


def test_a_court_order_to_stop_exports_is_an_ordered_halt(events):
    assert one(events, "court_order", "export_suspension")["modality"] == "ordered"


def test_no_new_permits_since_a_month_is_a_halt_dated_from_that_month(events):
    halt = one(events, "no_new_permits", "export_suspension")
    assert halt["actor_id"] == "sweden" and halt["date_start"] == "2021-03-01"


@pytest.mark.parametrize("article_id, event_type, actor", [
    ("veto", "export_refusal", "austria"),
    ("rejected_request", "export_refusal", "portugal-government"),
    ("lifted_ban", "resumption", "norway"),
    ("green_light", "export_approval", "austria"),
    ("revoked", "licence_revocation", "portugal"),
    ("cancelled_contract", "contract_cancellation", "mali"),
])
def test_each_new_frame_gives_its_type_and_who_decided(events, article_id, event_type, actor):
    assert one(events, article_id, event_type)["actor_id"] == actor


def test_a_refusal_and_a_lifting_take_their_weekday(events):
    assert one(events, "veto", "export_refusal")["date_start"] == "2021-04-30"  # the Friday before a Wednesday
    assert one(events, "lifted_ban", "resumption")["date_start"] == "2021-05-04"


@pytest.mark.parametrize("article_id", ["not_an_embargo", "not_an_arms_embargo", "condition"])
def test_a_negation_or_a_condition_is_no_event(events, article_id):
    assert rows(events, article_id).empty


def test_a_call_for_a_halt_is_demanded_not_done(events):
    assert one(events, "called_for", "export_suspension")["modality"] == "demanded"


def test_licences_inside_a_suspension_are_no_approval_requirement(events):
    assert list(rows(events, "licences_in_halt")["event_type"]) == ["export_suspension"]


def test_a_dateline_city_is_never_the_actor(events):
    halt = one(events, "dateline_city", "export_suspension")
    assert halt["actor_id"] == "norway-government"
    assert halt["start"] > 0  # the sentence starts after the dateline


def test_a_capital_acting_stands_for_its_state(events):
    assert one(events, "capital", "export_suspension")["actor_id"] == "austria"


def test_how_many_licences_and_for_how_long(events):
    halt = one(events, "quantity", "export_suspension")
    assert halt["quantity"] == "30 of 350 arms export licences" and halt["duration"] == "for 30 days"


def test_what_an_allegation_says_is_no_event_of_its_own(events):
    assert list(rows(events, "claim_content")["event_type"]) == ["accusation"]


@pytest.mark.parametrize("article_id, event_type, day, source", [
    ("announced_monday", "export_suspension", "2021-05-03", "reporting clause"),
    ("confirmed_wednesday", "export_suspension", "2021-05-05", "reporting clause"),
    ("dateline_date", "export_suspension", "2021-03-20", "dateline"),
    ("yesterday", "export_suspension", "2021-05-04", "own clause"),
    ("future_weekday", "export_suspension", "2021-05-10", "own clause"),
    ("quotation", "export_suspension", "2021-05-02", "quotation's reporting clause"),
    ("sentence_before", "export_refusal", "2020-01-01", "sentence before"),
    ("since_an_act", "resumption", "2021-05-04", "own clause"),
])
def test_each_date_rule_resolves_against_the_publication_day(events, article_id, event_type, day, source):
    event = one(events, article_id, event_type)
    assert (event["date_start"], event["date_source"]) == (day, source)


def test_late_september_in_a_january_article_is_last_year(events):
    lifting = one(events, "late_september", "resumption")
    assert (lifting["date_start"], lifting["date_end"]) == ("2021-09-21", "2021-09-30")


def test_without_a_publication_day_a_weekday_keeps_its_words_and_no_date(events):
    lifting = one(events, "undated", "resumption")
    assert lifting["date_text"] == "on Friday" and pd.isna(lifting["date_start"])
    assert "publication" in lifting["date_anchor"]


def test_a_restatement_takes_the_date_of_its_dated_telling(events):
    halts = rows(events, "restatement")
    assert list(halts["event_type"]) == ["export_suspension", "export_suspension"]
    assert list(halts["date_start"]) == ["2021-05-03", "2021-05-03"]
    assert list(halts["date_source"]) == ["own clause", "another mention"]


def test_a_since_date_dates_the_measure_a_lifting_reverses(events):
    ban = one(events, "since_a_halt", "export_suspension")
    assert ban["date_start"] == "2017-01-01"
