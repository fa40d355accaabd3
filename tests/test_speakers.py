"""Who said what, one news convention at a time.

Each article below is a short passage written in a wire or newspaper style for the construct it
names; the expected speaker was read off the passage, not off the extractor. PolNeAR measures the
same rules at scale (tests/test_attribution.py); these say which convention broke when it drops.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.registries.cues import CuesError, load_cues
from tests.conftest import passages_workbook

ARTICLES = {
    "woven": "A defence ministry spokesperson, Ana Ferreira, said on Monday the licences were \"paused for "
             "review.\"\n\nThe move is also aimed at \"making sure every sale meets our strategic "
             "goals,\" a point the government has made before.",
    "there_is": "Ministry spokesman Olav Berg claims that there is too much faith in what the howitzers "
                "could do for the army and called the sale a \"failed and costly plan\".",
    "inverted": '"We will not back down," said Maria Lopez, a nurse who organized the walkout at the '
                'county hospital, "and the board knows it."',
    "inverted_description": "“The dip we see now comes from the leaks, the audit, all the old licence "
                            "trouble,” said a person close to the minister.",
    "misturned_mark": "“It's unusual,“ said Erik Sund, a lawyer with the Export Law Centre. "
                      "“It's a hard case to win.”",
    "dateline": 'WASHINGTON -- Senator Ann Marsh said on Monday that the bill "will not survive the week."',
    "party_state": 'Sen. Tom Reed (R-Ohio) said, "We have the votes to pass it."',
    "party_state_lost": "Speaking Sunday at her party's county meeting Sen. Ruth Holm (D-MA) said "
                        'Lund was a "proven failure" as a minister.',
    "lead_in": 'Governor Ellen Park disagreed. "This plan costs far too much money."',
    "lead_in_paragraph": "Governor Ellen Park praised the mayor's team on Tuesday.\n\n"
                         '"They worked through the night to keep the shelters open."',
    "tail": '"Did anyone ask the workers what they think?" asked Joe Brennan, a welder who has spent '
            "thirty years at the plant.",
    "signature": '"Taxes are too high and nobody in the capital listens to us."\n\n- Carla Ruiz, Phoenix',
    "signature_below": "Dahl voted for the ban in the end.\n\n\"We will look into it. We will certainly look "
                       "into it.\"\n\n- Maria Holm.\n\nHolm has been looking into it for a long time.",
    # the parser makes "on Friday" the clause's only name before the cue
    "date_before_cue": "Export row.\n\nMost of Sund’s anger this week was aimed at Moll, who Sund on Friday called “a "
                       "reckless, dishonest trader of arms.”",
    "bracketed_cue": "Export row.\n\nThe paradox of the ban, says Karl Lind, a historian at the Trade Archive, is "
                     "that it was \"one of the strictest embargoes of the decade,\" not for its scope (think Norway "
                     "and Sweden) but for its \"reach into every port.\"",
    "signature_line": "“We crossed the border for work, not for handouts.” ― Rosa Diaz, 41, Denver",
    "caption": "Maria Lopez, 34, Phoenix\n\n“We came here for work and we stayed for our children.”",
    "label": 'Pollsters agree - David Chen: "Turnout decides everything in a primary."',
    "phrasal": '"Let me finish my answer," Marsh shot back.',
    "participle": 'Senator Lee said on Tuesday, after the governor won her primary, remarking that voters '
                  '"want someone who will fight."',
    "relative": 'The bill was backed by Mayor Joan Ortiz, who said it would "change everything for renters."',
    "scare": 'Ministers will discuss the "growth plan" for the region when they meet next month.',
    "attitude": "Senator Ann Marsh criticized the new tariff on imported steel.",
    "noun_owner": "Marsh's call for a ceasefire was rejected by the government.",
    "noun_clause": "The ministry rejected Russia's accusation that the shells had reached Ukraine.",
    "unattributed": "The measure is expected to pass the Senate on Friday.",
    "transcript": "TAPPER: Will you endorse him before the convention?\n\nSANDERS: We will see what happens.",
    "editor_labels": "Denmark halts arms sales\n\nFILE PHOTO: A protester holds a poster outside the consulate in "
                     "Istanbul.\n\nCORRECTION: An earlier version of this story misstated the date of the halt."
                     "\n\nMinister Lena Kovac: Our embargo stays until the fighting ends.",
    "two_acts": "Marsh said the bill would pass easily and voted against the amendment.",
    "two_cues": "Minister Karl Berg revealed that the plant had stopped production, adding that he had offered "
                "the stock to allies.",
    "with_unnamed": "Minister Lena Kovac marked the vote in Oslo with supporters, calling it “a great day for the "
                    "export ban.”",
    "questioned_clause": "Defence Minister Karl Berg is questioning whether President Ruth Adler would have "
                         "signed the deal “if it were going to a friendly country.”",
    # the parser hangs "spoke" under "said" and leaves "said" no subject: the phrase before the aside is it
    "subject_before_aside": "One delegate, who like others spoke on condition of anonymity to discuss the talks, said "
                            "the message was that \"no licence will be renewed this year.\"",
    # the parser sets the official in apposition to "team" and leaves "said" no subject
    "relative_before_cue": "Export row.\n\nAlthough there is no such link with Ortega's team, a senior official who "
                           "spoke anonymously to describe private talks said Monday, \"There are certainly discussions "
                           "between the ministry and the Ortega team.\"",
    "cue_in_commas": "Export row.\n\nMinister Anna Lund spoke in Oslo.\n\nLund, a senior aide said, \"is confident the "
                     "ban will hold\" after the vote.",
    "cue_before_colon": "\"Apparently there is a problem,\" Holm said as a protester shouted: \"Stop the sales!\"",
    "cue_subject_unnamed": "Export row.\n\nEven a top party strategist said Minister Anna Lund will have to choose "
                           "whose camp she’s in, saying, “Sooner or later, she’s going to have to step out — I think "
                           "the strain is going to grow on her.”",
    "shared_subject": "Export row.\n\nWhen Minister Anna Lund later referred to the export ban and said she would "
                      "\"protect every licence,\" the crowd applauded loudly.",
    "controlled_cue": "Export row.\n\nBut several reports note that Minister Anna Lund wanted to maintain \"strict "
                      "neutrality\" during the conflict.",
    "participle_on_verb": "Export row.\n\nMinister Anna Lund sent out a campaign letter as the party board meeting "
                          "began vowing to \"defend every seat\" in the region's final vote.",
    "inverted_after_clause": "Export row.\n\nOn Sunday, Karl Dahl opened a new front, stating on the radio that "
                             "Lund's \"judgment\" was \"badly flawed.\"\n\nDeputy Minister Ola Berg weighed in as "
                             "well, telling Radio Nord in a talk broadcast on Monday, “But honestly, they’re both "
                             "capable,” he said, adding, “Lund is entirely capable of leading.”",
    "reported_before_colon": "Columnist Eva Lund imagined Minister Ola Holm was thinking: \"What have I done?\"",
}


@pytest.fixture(scope="module")
def quotes(tmp_path_factory) -> pd.DataFrame:
    return passages_workbook(tmp_path_factory.mktemp("speakers"), ARTICLES, corrections_file=None).quotes


def rows(quotes: pd.DataFrame, article: str, kind: str | None = None) -> pd.DataFrame:
    found = quotes[quotes["article_id"] == article]
    return found if kind is None else found[found["kind"] == kind]


def speaker_of(quotes: pd.DataFrame, article: str, words: str) -> str | None:
    """The speaker of the one quote row containing ``words``."""
    found = rows(quotes, article)
    found = found[found["text"].str.contains(words, regex=False) & found["kind"].isin(["direct", "partial"])]
    assert len(found) == 1, found[["kind", "text", "speaker"]]
    speaker = found["speaker"].iloc[0]
    return None if pd.isna(speaker) else speaker


@pytest.mark.parametrize("article, words, speaker", [
    ("inverted", "We will not back down", "Maria Lopez"),
    ("inverted", "the board knows it", "Maria Lopez"),
    ("inverted_description", "The dip we see now", "a person close to the minister"),
    ("misturned_mark", "It's unusual", "Erik Sund"),
    ("dateline", "will not survive", "Ann Marsh"),
    ("party_state", "We have the votes", "Tom Reed"),
    ("party_state_lost", "proven failure", "Ruth Holm"),
    ("lead_in", "This plan costs", "Ellen Park"),
    ("lead_in_paragraph", "They worked through the night", "Ellen Park"),
    ("tail", "Did anyone ask the workers", "Joe Brennan"),
    ("signature", "Taxes are too high", "Carla Ruiz"),
    ("signature_below", "We will look into it", "Maria Holm"),  # not Dahl, whose verb is a cue too
    ("date_before_cue", "dishonest trader", "Sund"),  # a date is never a speaker
    ("bracketed_cue", "strictest embargoes", "Karl Lind"),  # "(think ...)" asks the reader; it reports nothing
    ("bracketed_cue", "reach into every port", "Karl Lind"),
    ("label", "Turnout decides everything", "David Chen"),
    ("caption", "We came here for work", "Maria Lopez"),
    ("signature_line", "We crossed the border", "Rosa Diaz"),
    ("phrasal", "Let me finish", "Marsh"),
    ("participle", "want someone who will fight", "Lee"),
    ("relative", "change everything for renters", "Joan Ortiz"),
    ("woven", "making sure every sale", "Ana Ferreira"),
    ("there_is", "failed and costly plan", "Olav Berg"),
    ("questioned_clause", "if it were going", "Karl Berg"),
    ("with_unnamed", "a great day", "Lena Kovac"),
    ("subject_before_aside", "no licence will be renewed", "One delegate"),
    ("relative_before_cue", "certainly discussions", "a senior official"),  # not the Ortega named before
    ("cue_in_commas", "is confident the ban will hold", "a senior aide"),  # the aide speaks of Lund
    ("cue_before_colon", "Stop the sales", "a protester"),  # not Holm, whose "said" the parser hangs it from
    ("cue_before_colon", "Apparently there is a problem", "Holm"),
    ("reported_before_colon", "What have I done", "Eva Lund"),  # what she imagines, not the minister's words
    ("cue_subject_unnamed", "the strain is going to grow", "a top party strategist"),  # said's, not Lund's
    ("shared_subject", "protect every licence", "Anna Lund"),  # "said" shares Lund, not the crowd that applauds
    ("participle_on_verb", "defend every seat", "Anna Lund"),  # the parser's "meeting began vowing"
    ("controlled_cue", "strict neutrality", "Anna Lund"),  # what Lund wants, not what the reports note
    ("inverted_after_clause", "both capable", "Ola Berg"),  # "he said" does not report Berg's clause
])
def test_the_speaker_is_who_the_convention_names(quotes, article, words, speaker):
    assert speaker in (speaker_of(quotes, article, words) or "")


def test_each_report_keeps_its_own_cue(quotes):
    found = rows(quotes, "two_cues", "indirect")
    assert found["cue"].tolist() == ["revealed", "adding"]
    assert found["speaker"].tolist() == ["Karl Berg", "Karl Berg"]


def test_a_relative_pronoun_is_kept_as_the_mention_and_named_as_its_antecedent(quotes):
    row = rows(quotes, "relative", "partial").iloc[0]
    assert row["speaker_surface"] == "who" and "Joan Ortiz" in row["speaker"]
    assert ARTICLES["relative"][row["speaker_start"]:row["speaker_end"]] == "who"


def test_a_quoted_name_after_a_verb_of_talking_about_has_no_speaker(quotes):
    assert speaker_of(quotes, "scare", "growth plan") is None


def test_what_someone_attacks_is_an_attitude_not_reported_speech(quotes):
    attitude = rows(quotes, "attitude", "attitude")
    assert attitude["text"].tolist() == ["the new tariff on imported steel"]
    assert "Ann Marsh" in attitude["speaker"].iloc[0] and attitude["cue"].iloc[0] == "criticized"
    assert rows(quotes, "attitude", "indirect").empty


def test_a_cue_noun_reports_its_owners_attitude(quotes):
    call = rows(quotes, "noun_owner", "attitude")
    call = call[call["cue"] == "call"]
    assert call["text"].tolist() == ["a ceasefire"] and call["speaker"].tolist() == ["Marsh"]


def test_a_cue_noun_with_a_that_clause_is_reported_speech(quotes):
    accusation = rows(quotes, "noun_clause", "indirect")
    assert accusation["text"].tolist() == ["the shells had reached Ukraine"]
    assert accusation["speaker"].tolist() == ["Russia"]


def test_an_expectation_with_nobody_named_is_kept_unattributed(quotes):
    expected = rows(quotes, "unattributed", "attitude")
    assert expected["method"].tolist() == ["rule:unattributed"]
    assert expected["speaker"].isna().all()
    assert expected["text"].iloc[0].startswith("The measure") and expected["text"].iloc[0].endswith("on Friday")


def test_transcript_labels_name_the_speaker_of_their_lines(quotes):
    lines = rows(quotes, "transcript", "indirect").sort_values("start")
    assert lines["speaker_surface"].tolist() == ["TAPPER", "SANDERS"]
    assert lines["text"].tolist() == ["Will you endorse him before the convention?", "We will see what happens."]


def test_an_editors_label_before_a_colon_names_no_speaker(quotes):
    lines = rows(quotes, "editor_labels", "indirect")
    assert lines["speaker"].tolist() == ["Lena Kovac"]  # not "FILE PHOTO", not "CORRECTION"
    assert lines["text"].tolist() == ["Our embargo stays until the fighting ends."]


def test_reported_speech_stops_before_the_speakers_next_act(quotes):
    said = rows(quotes, "two_acts", "indirect")
    assert said["text"].tolist() == ["the bill would pass easily"]


@pytest.mark.parametrize("text, message", [
    ("speech_verbs: [say, claim]\nattitude_verbs: [want, claim]\n", "listed twice.*claim"),
    ("speech_verbs: [say]\nbody_nouns: [company, government]\nstate_body_nouns: [government, regime]\n",
     "state_body_nouns not among body_nouns: regime"),
    ("speech_verbs: [say]\nspeaking_artifacts: [poll, report]\nexamining_artifacts: [poll, census]\n",
     "examining_artifacts not among speaking_artifacts: census"),
    ("speech_verbs: [say]\nbody_nouns: [newspaper]\nkind_body_nouns: [newspaper, daily]\n",
     "kind_body_nouns not among body_nouns: daily"),
    ("speech_verbs: [say]\nartifact_kin: [[lawsuit, suit], [suit, sue]]\n", "artifact_kin lists suit in two groups"),
], ids=["verb_in_two_groups", "state_body_not_a_body", "examining_not_an_artifact", "kind_not_a_body",
        "word_in_two_kin_groups"])
def test_an_ambiguous_or_stray_cue_list_is_refused(tmp_path, text, message):
    cues = tmp_path / "cues.yml"
    cues.write_text(text, encoding="utf-8")
    with pytest.raises(CuesError, match=message):
        load_cues(cues)


def test_the_bundled_cue_lists_load():
    cues = load_cues()
    assert "say" in cues.verbs and "discuss" in cues.topics and "want" in cues.attitudes
    assert "shoot back" in cues.phrasal and "call" in cues.nouns


def test_a_phrasal_verb_is_the_cue_of_its_quote(quotes):
    row = rows(quotes, "phrasal", "direct").iloc[0]
    assert (row["cue"], row["method"]) == ("shot", "rule:cue-in-sentence")


def test_a_signature_records_its_dash_as_the_cue(quotes):
    row = rows(quotes, "signature_line", "direct").iloc[0]
    assert (row["cue"], row["method"]) == ("―", "rule:signature")
    assert ARTICLES["signature_line"][row["cue_start"]:row["cue_end"]] == "―"
