"""Who an actor is and which state it acts for, on sentences written for these tests (the people
are invented; the states and offices are real so that the registry knows them)."""
from __future__ import annotations

import pytest

from analysis.workbook import build_workbook

TEXT = ("---\nid: offices\npublished: 2024-09-03\n---\n"
        "OSLO (NTB) - Portugal's defence minister, Ana Ribeiro, said she regretted the decision. "
        "\"We were not consulted,\" she said.\n\n"
        "Danish Foreign Minister Lars Holm announced the halt of arms exports to Mali on Monday. "
        "The Swedish Inspectorate of Strategic Products agreed.\n")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actors")
    (folder / "offices.txt").write_text(TEXT, encoding="utf-8")
    return build_workbook(folder)


def test_an_office_named_beside_its_holder_is_the_holder_everywhere(workbook):
    ribeiro = workbook.mentions[workbook.mentions["actor_id"] == "ana-ribeiro"]
    assert list(ribeiro["surface"]) == ["Portugal's defence minister", "Ana Ribeiro", "she", "she"]
    direct = workbook.quotes[workbook.quotes["kind"] == "direct"]
    assert list(direct["speaker_actor_id"]) == ["ana-ribeiro"] and list(direct["speaker_surface"]) == ["she"]


def test_an_actor_outside_the_registry_acts_for_the_state_that_introduces_it(workbook):
    country = dict(zip(workbook.actors["actor_id"], workbook.actors["country"]))
    assert country["ana-ribeiro"] == "Portugal" and country["lars-holm"] == "Denmark"


def test_a_dateline_place_is_no_actor_and_its_agency_is_no_decider(workbook):
    assert "oslo" not in set(workbook.mentions["actor_id"]) and "norway" not in set(workbook.mentions["actor_id"])
    assert list(workbook.events["actor_id"]) == ["lars-holm"]
