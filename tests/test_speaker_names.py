"""The name a quote's speaker is given when the text says "he", "it" or "the senator".

Each passage is written for one rule of ``analysis.extract.quotes.referents`` (and the speaker
rules it builds on); the expected speaker and resolution were read off the passage. PolNeAR
measures the same rules at scale, strictly (tests/test_attribution.py, benchmarks/attribution.py).
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.coreference import first_name_gender
from analysis.schema import SPEAKER_RESOLUTIONS
from tests.conftest import passages_workbook

ARTICLES = {
    "surrounding_quotes": "Defence Minister Petra Lindqvist defended the halt on Monday. \"We will not sign new "
                          "licences while the war goes on,\" Lindqvist said.\n\nThe opposition leader, Jonas Berg, "
                          "called the decision hasty.\n\n\"Our partners were told in advance,\" she said.",
    "gender": "Antonin Keller, the trade commissioner, met the delegation. Melanie Ortiz, who chairs the export "
              "board, spoke after him.\n\n\"The board will publish every licence,\" she said.",
    "unnamed_official": "An official told reporters on Tuesday that \"the shipment is on hold.\"\n\n"
                        "\"No date has been set,\" he added.",
    "unnamed_body": "The ministry said the ban was final. \"There will be no exceptions,\" it added.",
    "with_saying": "Brazil protested, with its foreign minister, Mauro Vieira, saying the country \"will not "
                   "take sides in this war.\"",
    "statement": "\"The decision stands,\" a statement from the Presidency reads.",
    "title": "Sen. Ruth Adler of Vermont opened the hearing. Several witnesses followed.\n\n"
             "\"This sale should never have been approved,\" the Vermont senator said.",
    "issuer": "The Reuters report, which cited unnamed officials, claimed that shells \"were diverted to a "
              "third country.\"",
    "date_word": "Exports were frozen. On Tuesday an official had told a news agency that \"the deal is off.\"",
    "far_speaker": "President Luiz Inacio Lula da Silva refused the request in April.\n\nBrazil has kept its "
                   "neutrality since.\n\nThe nation continues to refuse sanctions.\n\n\"You have to want "
                   "peace,\" he told reporters.",
    "no_agreement": "Germany halted the deliveries in March.\n\n\"I regret it,\" she said.",
}


@pytest.fixture(scope="module")
def quotes(tmp_path_factory) -> pd.DataFrame:
    return passages_workbook(tmp_path_factory.mktemp("speaker_names"), ARTICLES).quotes


def quote(quotes: pd.DataFrame, article: str, words: str) -> dict:
    found = quotes[(quotes["article_id"] == article) & quotes["text"].str.contains(words, regex=False)
                   & quotes["kind"].isin(["direct", "partial"])]
    assert len(found) == 1, found[["kind", "text", "speaker"]]
    return found.iloc[0].to_dict()


@pytest.mark.parametrize("article, words, speaker, surface, resolution", [
    ("surrounding_quotes", "Our partners were told", "Petra Lindqvist", "she", "pronoun→name"),
    ("gender", "The board will publish", "Melanie Ortiz", "she", "pronoun→name"),
    ("unnamed_official", "No date has been set", "An official", "he", "unresolved"),
    ("unnamed_body", "There will be no exceptions", "The ministry", "it", "unresolved"),
    ("with_saying", "will not take sides", "Mauro Vieira", "Mauro Vieira", "named"),
    ("statement", "The decision stands", "the Presidency", "a statement", "description→name"),
    ("title", "This sale should never", "Ruth Adler", "the Vermont senator", "description→name"),
    ("issuer", "were diverted", "Reuters", "The Reuters report", "description→name"),
    ("date_word", "the deal is off", "an official", "an official", "unresolved"),
    ("far_speaker", "You have to want peace", "Luiz Inacio Lula da Silva", "he", "pronoun→name"),
    ("no_agreement", "I regret it", "she", "she", "unresolved"),
])
def test_the_speaker_is_named_by_what_the_words_refer_to(quotes, article, words, speaker, surface, resolution):
    row = quote(quotes, article, words)
    assert (row["speaker"], row["speaker_surface"], row["speaker_resolution"]) == (speaker, surface, resolution)
    assert ARTICLES[article][row["speaker_start"]:row["speaker_end"]] == surface  # the mention stays checkable


def test_an_unresolved_pronoun_names_no_actor(quotes):
    row = quote(quotes, "no_agreement", "I regret it")
    assert pd.isna(row["speaker_actor_id"])  # Germany is no "she", and nobody else is there


def test_every_speaker_says_how_it_was_named(quotes):
    spoken = quotes[quotes["speaker"].notna()]
    assert set(spoken["speaker_resolution"]) <= set(SPEAKER_RESOLUTIONS)
    assert quotes.loc[quotes["speaker"].isna(), "speaker_resolution"].isna().all()


def test_first_names_give_a_gender_only_when_sure_and_never_to_a_surname():
    assert first_name_gender("Antonin Scalia") == "male"
    assert first_name_gender("Melanie") == "female"
    assert first_name_gender("Kim Jones") is None  # either
    assert first_name_gender("Clinton", surnames={"Clinton"}) is None
