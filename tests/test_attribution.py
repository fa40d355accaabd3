"""Scoring who said what: the scorer on a hand-made article whose figures are counted by hand, then
the real extraction on a fixed slice of PolNeAR dev, held above measured floors."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.paths import POLNEAR_DIR
from analysis.schema import frame
from benchmarks.attribution import evaluate, format_report, listed, main
from evaluation.attribution import Ratio, judge_quotes, miss_patterns, score, speaker_right
from evaluation.brat import parse_annotation
from evaluation.polnear import article_gold

# Measured on DEV_SLICE (rounded down): raise them after a better measured run, never above it.
FLOOR = {
    "quotes_found": 1.0,         # 159 of 159
    "precision": 0.95,           # 165 of 173
    "speaker_named": 0.92,       # 108 of 117
    "speaker_unnamed": 0.90,     # 38 of 42
    "indirect_found": 0.74,      # 164 of 219: a "CLARIFICATION:" label no longer takes a paragraph whose gold
    "indirect_speaker": 0.89,    # 141 of 157    speaker is inside it (165 and 140 of 158 while it did)
}

# Per publisher, the first two dev articles by name with 3 gold quotes or more and at most 1,500 words.
DEV_SLICE = [
    "breitbart_2016-09-15_pat-caddell-democrat-voters-worr",
    "breitbart_2016-09-25_pence-gennifer-flowers-won-t-be-",
    "huff-post_2016-09-10_trump-s-east-european-achilles-h",
    "huff-post_2016-09-16_black-lawmakers-rip-donald-trump",
    "nyt_2016-09-12_visa-program-up-for-renewal-amid",
    "nyt_2016-09-19_obama-sees-personal-insult-if-bl",
    "politico_2016-09-08_flynn-says-trump-absolutely-righ",
    "politico_2016-09-12_former-dnc-chairman-calls-for-cl",
    "usa-today_2016-09-08_candidates-vie-for-vets-support-",
    "usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru",
    "wash-post_2016-09-10_outrage-but-few-options-on-the-t",
    "wash-post_2016-09-14_a-lesson-from-loretta-lynch-be-t",
    "west-journal_2016-09-12_obama-seeks-more-muslim-refugees",
    "west-journal_2016-09-14_clinton-hid-past-health-problems",
]

PARAGRAPHS = [
    "Sen. Ann Lee said: “We will fight this bill all the way.” She added that “the votes are not there.”",
    "The mayor said the budget was fine. Aides believe the plan will pass. "
    "Some critics called it a “clever trick” indeed.",
    "Gov. Tom Hart spoke next:",
    "“Nobody will stop us now.”",
    "“First part of the plea",
    "“Second part of the plea,” Hart said.",
    "A reader wrote “no comment here” and left.",
]
TEXT = "\n\n".join(PARAGRAPHS)
SENTENCES = [  # (text, paragraph) as a parser would split them
    ("Sen. Ann Lee said: “We will fight this bill all the way.”", 0),
    ("She added that “the votes are not there.”", 0),
    ("The mayor said the budget was fine.", 1), ("Aides believe the plan will pass.", 1),
    ("Some critics called it a “clever trick” indeed.", 1),
    ("Gov. Tom Hart spoke next:", 2), ("“Nobody will stop us now.”", 3), ("“First part of the plea", 4),
    ("“Second part of the plea,” Hart said.", 5), ("A reader wrote “no comment here” and left.", 6),
]


def span(piece: str, within: str = "") -> tuple[int, int]:
    """Offsets of ``piece`` in TEXT, looked for inside ``within`` when the piece occurs twice."""
    start = TEXT.index(piece, TEXT.index(within))
    return start, start + len(piece)


def t_line(span_id: str, label: str, piece: str, within: str = "") -> str:
    start, end = span(piece, within)
    return f"{span_id}\t{label} {start} {end}\t{piece}"


# Each E line names a trigger T0 that is not there: only the roles Content, Source and Cue are read.
ANN = "\n".join([
    t_line("T1", "Source", "Sen. Ann Lee"), t_line("T2", "Cue", "said"),
    t_line("T3", "Content", "“We will fight this bill all the way.”"), "E1\tAttribution:T0 Content:T3 Cue:T2 Source:T1",
    t_line("T4", "Source", "She"), t_line("T5", "Cue", "added"),
    t_line("T6", "Content", "that “the votes are not there.”"), "E2\tAttribution:T0 Content:T6 Cue:T5 Source:T4",
    t_line("T7", "Source", "The mayor"), t_line("T8", "Content", "the budget was fine"),
    "E3\tAttribution:T0 Content:T8 Source:T7",
    t_line("T9", "Source", "Aides"), t_line("T10", "Cue", "believe"), t_line("T11", "Content", "the plan will pass"),
    "E4\tAttribution:T0 Content:T11 Cue:T10 Source:T9",
    t_line("T12", "Source", "Some critics"), t_line("T13", "Cue", "called"),
    t_line("T14", "Content", "it a “clever trick”"), "E5\tAttribution:T0 Content:T14 Cue:T13 Source:T12",
    t_line("T15", "Source", "Gov. Tom Hart"), t_line("T16", "Cue", "spoke"),
    t_line("T17", "Content", "“Nobody will stop us now.”"), "E6\tAttribution:T0 Content:T17 Cue:T16 Source:T15",
    t_line("T18", "Source", "Hart", PARAGRAPHS[5]), t_line("T19", "Cue", "said", PARAGRAPHS[5]),
    t_line("T20", "Content", "“Second part of the plea,”"), "E7\tAttribution:T0 Content:T20 Cue:T19 Source:T18",
])


def predicted(*rows: dict) -> pd.DataFrame:
    return frame("quotes", [{"article_id": "a", "quote_id": number} | row for number, row in enumerate(rows)])


def quote(kind: str, piece: str, speaker: str | None = None, mention: str | None = None) -> dict:
    """A predicted row over ``piece``; ``mention`` is the speaker's words in the text, if any."""
    start, end = span(piece)
    row = {"kind": kind, "text": piece, "start": start, "end": end, "speaker": speaker}
    if mention is not None:
        row |= {"speaker_surface": mention, "speaker_start": span(mention)[0], "speaker_end": span(mention)[1]}
    return row


PREDICTED = predicted(
    quote("direct", "We will fight this bill all the way.", "Ann Lee", "Sen. Ann Lee"),  # right by overlap
    quote("partial", "votes are not there.", "Ann Lee"),  # 20 of 24 characters; "She" -> Lee before her
    quote("direct", "clever", "The mayor", "The mayor"),  # exactly half of "clever trick"; wrong speaker
    quote("direct", "no comment here"),  # scare quotes without a speaker: not in precision
    quote("direct", "A reader wrote", "A reader", "A reader"),  # has a speaker, lies in no Content
    quote("indirect", "the budget was fine", "the mayor", "The mayor"),
    quote("indirect", "pass", "Aides", "Aides"),  # 4 of 18 characters: not found
)


@pytest.fixture(scope="module")
def gold():
    return article_gold("a", TEXT, parse_annotation(ANN))


def test_the_hand_made_gold_is_what_the_text_says(gold):
    assert gold.quotes["text"].tolist() == ["We will fight this bill all the way.", "the votes are not there.",
                                            "clever trick", "Nobody will stop us now.", "Second part of the plea,"]
    assert gold.quotes["source_kind"].tolist() == ["named", "pronoun", "description", "named", "named"]
    assert gold.indirect["text"].tolist() == ["the budget was fine", "the plan will pass"]


def test_figures_counted_by_hand(gold):
    scores = score(PREDICTED, gold)
    assert scores.quotes_found == Ratio(3, 5)      # Lee, She, critics; not Hart twice
    assert scores.precision == Ratio(3, 4)         # four have a speaker; "A reader wrote" is in no Content
    assert scores.speaker_named == Ratio(1, 1)     # Lee
    assert scores.speaker_unnamed == Ratio(1, 2)   # She (named as Lee) right, "Some critics" wrong
    assert scores.indirect_found == Ratio(1, 2)    # the mayor's; "pass" covers too little of the plan
    assert scores.indirect_speaker == Ratio(1, 1)


def test_an_empty_quotes_table_scores_zero_over_the_whole_gold(gold):
    scores = score(frame("quotes", []), gold)
    assert scores.quotes_found == Ratio(0, 5) and scores.indirect_found == Ratio(0, 2)
    assert scores.precision == Ratio(0, 0) and scores.precision.value == 0.0
    assert scores.speaker_named == Ratio(0, 0)


def test_miss_patterns_describe_each_failed_quote(gold):
    articles = frame("articles", [{"article_id": "a", "text": TEXT}])
    sentences = frame("sentences", [
        {"article_id": "a", "sentence_id": number, "paragraph_id": paragraph, "start": span(text)[0],
         "end": span(text)[1], "text": text} for number, (text, paragraph) in enumerate(SENTENCES)])
    patterns = miss_patterns(judge_quotes(PREDICTED, gold.quotes), articles, sentences)
    assert list(patterns.items()) == [  # one each, so in the order of their labels
        ("missed · cue after · named · same sentence · opens paragraph · continues quote", 1),
        ("missed · cue in previous sentence · named · previous paragraph · opens paragraph · after colon · title", 1),
        ("wrong speaker · cue before · description · same sentence", 1),
    ]


def test_speaker_names_match_whole_words_ignoring_case_and_diacritics():
    gold = {"source_start": 0, "source_end": 5, "source_head": "Vučić", "source_kind": "named",
            "source_antecedent": None}
    def said_by(name):
        return {"speaker": name, "speaker_surface": None, "speaker_start": None, "speaker_end": None}
    assert speaker_right(gold, said_by("Aleksandar Vucic"))
    assert speaker_right(gold, said_by("VUČIĆ"))
    assert not speaker_right(gold | {"source_head": "Lee"}, said_by("Leeds City Council"))
    assert speaker_right(gold | {"source_head": None}, said_by("x") | {"speaker_start": 4, "speaker_end": 9})
    assert not speaker_right(gold | {"source_head": None}, said_by("x") | {"speaker_start": 5, "speaker_end": 9})


needs_polnear = pytest.mark.skipif(not POLNEAR_DIR.exists(), reason=f"PolNeAR is not at {POLNEAR_DIR}")


@pytest.fixture(scope="module")
def dev_slice():
    return evaluate("dev", DEV_SLICE)


@needs_polnear
@pytest.mark.parametrize("figure", list(FLOOR))
def test_dev_slice_stays_above_the_floor(dev_slice, figure):
    ratio = dev_slice.scores.figures()[figure]
    assert ratio.value >= FLOOR[figure], f"{figure}: {ratio}"


@needs_polnear
def test_dev_slice_names_speakers_strictly_above_the_floor(dev_slice):
    strict = dev_slice.strict
    assert strict.covered.hits == strict.covered.total == 159  # every Source of the slice was read
    assert strict.named.value >= 0.88, strict.named      # 101 of 113
    assert strict.unnamed.value >= 0.78, strict.unnamed  # 36 of 46
    assert strict.gender_mismatches == strict.resolved_mismatches == 0


@needs_polnear
def test_dev_slice_is_scored_against_all_its_gold(dev_slice):
    assert dev_slice.n_articles == len(DEV_SLICE)
    assert dev_slice.scores.quotes_found.total == len(dev_slice.gold.quotes) > 100
    assert dev_slice.scores.indirect_found.total == len(dev_slice.gold.indirect)
    assert set(dev_slice.gold.quotes["article_id"]) == set(DEV_SLICE)


@needs_polnear
def test_a_sealed_report_shows_figures_and_no_misses(dev_slice):
    # the holdout articles are scored with figures only, so no rule is ever written against them
    sealed, full = format_report(dev_slice, misses=False), format_report(dev_slice)
    assert "resolved name right, pronoun/description Sources" in sealed
    assert "miss patterns" not in sealed and "miss patterns" in full


@needs_polnear
def test_the_holdout_is_scored_from_its_own_file_with_figures_only(capsys):
    assert main(["--holdout", "--limit", "2"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("PolNeAR train: 2 articles")
    assert "resolved name right, named Sources" in report and "miss patterns" not in report


@needs_polnear
def test_a_list_of_articles_is_scored_alone(tmp_path, capsys):
    chosen = tmp_path / "batch.txt"
    chosen.write_text(f"# two of the slice\n{DEV_SLICE[1]}\n\n{DEV_SLICE[0]}  # and a comment\n", encoding="utf-8")
    assert listed(chosen) == sorted(DEV_SLICE[:2])
    assert main(["--articles", str(chosen)]) == 0
    assert capsys.readouterr().out.startswith("PolNeAR dev: 2 articles")
