"""The strict speaker-name rule (evaluation.referents), on rows written by hand."""
from __future__ import annotations

import pandas as pd

from analysis.paths import REFERENTS_DIR
from benchmarks.attribution import listed
from evaluation.referents import (
    COLUMNS,
    article_interval,
    names_referent,
    read_referents,
    referents_file,
    strict_scores,
    words,
)

PEOPLE = {("hillary", "clinton"): "female", ("bill", "clinton"): "male", ("clinton", "campaign"): None,
          ("donald", "trump"): "male"}


def row(speaker, referent, resolution="named"):
    return {"speaker": speaker, "referent": referent, "speaker_resolution": resolution}


def test_names_compare_as_words_without_titles_articles_or_possessives():
    assert words("The Clinton campaign's") == ("clinton", "campaign")
    assert words("Sen. Marco Rubio") == ("marco", "rubio")
    assert words("Aleksandar Vučić") == ("aleksandar", "vucic")


def test_a_name_is_right_when_it_holds_the_referent_or_a_part_no_one_else_has():
    assert names_referent(row("Donald J. Trump", "Donald Trump"), PEOPLE)
    assert names_referent(row("Trump", "Donald Trump"), PEOPLE)  # "Trump campaign" would not end with it
    assert not names_referent(row("Clinton", "Hillary Clinton"), PEOPLE)  # Bill Clinton too
    assert not names_referent(row("Donald Trump", "Hillary Clinton"), PEOPLE)
    assert not names_referent(row(pd.NA, "Hillary Clinton"), PEOPLE)


def test_a_source_that_names_nobody_is_right_only_when_left_unresolved():
    assert names_referent(row("a senior aide", pd.NA, "unresolved"), PEOPLE)
    assert not names_referent(row("Donald Trump", pd.NA, "pronoun→name"), PEOPLE)


def test_the_referents_read_for_polnear_are_offsets_and_names_only():
    for split in ("dev", "train", "holdout"):
        table = read_referents(referents_file(split))
        assert len(table) > 400 and table["article_id"].nunique() > 60, split
        assert set(table["source_kind_read"]) <= {"named", "pronoun", "description"}
        assert (table["source_start"] < table["source_end"]).all()
        assert not table.duplicated(["article_id", "source_start"]).any()
    assert sorted(path.name for path in REFERENTS_DIR.iterdir()) == [
        "dev_speakers.yml", "holdout_speakers.yml", "train_batch_session12.txt", "train_speakers.yml"]
    sealed = set(read_referents(referents_file("holdout"))["article_id"])
    read = set(read_referents(referents_file("train"))["article_id"])
    assert not sealed & read  # never developed on
    batch = listed(REFERENTS_DIR / "train_batch_session12.txt")  # scored unread, then read
    assert len(batch) == 150 and set(batch) <= read


def test_gender_mismatches_are_told_apart_by_what_named_the_speaker():
    sources = [(0, 3, "She", "Hillary Clinton", "female"), (50, 53, "she", "Hillary Clinton", "female"),
               (90, 92, "he", "Donald Trump", "male")]
    referents = pd.DataFrame([{"article_id": "a", "source_start": start, "source_end": end,
                               "source_kind_read": "pronoun", "referent": referent, "referent_type": "person",
                               "referent_gender": gender}
                              for start, end, _, referent, gender in sources]).astype(COLUMNS)
    said = [("Donald Trump", "pronoun→name"), ("Donald Trump", "named"), ("Donald Trump", "pronoun→name")]
    judged = pd.DataFrame([{"article_id": "a", "source_start": start, "source_end": end, "source": source,
                            "found": True, "speaker": speaker, "speaker_resolution": resolution}
                           for (start, end, source, _, _), (speaker, resolution) in zip(sources, said)])
    strict = strict_scores(judged, referents)
    assert (strict.gender_mismatches, strict.resolved_mismatches) == (2, 1)
    assert (strict.unnamed.hits, strict.unnamed.total) == (1, 3)


def test_the_interval_draws_articles_again_so_an_article_that_misses_together_widens_it():
    def judged(right_by_article: dict[str, list[bool]]) -> pd.DataFrame:
        return pd.DataFrame([{"article_id": article, "name_right": right}
                             for article, rights in right_by_article.items() for right in rights],
                            columns=["article_id", "name_right"])

    assert article_interval(judged({"a": [True, True], "b": [True]})) == (1.0, 1.0)
    # two articles, one right throughout and one wrong throughout: a draw holds both, or one of them twice
    assert article_interval(judged({"a": [True, True], "b": [False, False]})) == (0.0, 1.0)
    # the same four Sources spread over four articles vary less than over two
    spread = article_interval(judged({"a": [True], "b": [True], "c": [False], "d": [False],
                                      "e": [True], "f": [True], "g": [False], "h": [False]}))
    clustered = article_interval(judged({"a": [True] * 4, "b": [False] * 4}))
    assert clustered == (0.0, 1.0) and 0.0 < spread[0] < 0.5 < spread[1] < 1.0
    assert article_interval(judged({})) == (0.0, 0.0)
