"""Analyst corrections applied to the bundled articles: each kind changes what it says and marks
the rows with its id; a stale entry becomes a problem; a fresh extraction gets the same result."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
import yaml

from analysis.paths import ARTICLES_DIR, CORRECTIONS_FILE, ROOT
from analysis.registries.codebook import load_codebook
from analysis.workbook import build_workbook
from analysis.workbook.cache import Cache
from analysis.workbook.corrections import (
    CorrectionError,
    add_correction,
    apply_corrections,
    load_corrections,
    parse_corrections,
)
from tests.conftest import PESKOV_ARTICLE, VUCIC_ARTICLE


@pytest.fixture(scope="module")
def tables(workbook):
    return workbook.tables()


@pytest.fixture(scope="module")
def texts(tables):
    return dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))


@pytest.fixture(scope="module")
def span(texts):
    """A span entry for the ``n``-th occurrence of ``phrase`` in an article, offsets found in the text."""
    def make(article_id: str, phrase: str, n: int = 1) -> dict:
        start = -1
        for _ in range(n):
            start = texts[article_id].index(phrase, start + 1)
        return {"article_id": article_id, "start": start, "end": start + len(phrase), "text": phrase}
    return make


def corrected(tables, *entries: dict) -> dict[str, pd.DataFrame]:
    return apply_corrections(tables, parse_corrections(list(entries), "corrections.yml", load_codebook()))


def entry(kind: str, id_: str = "fix", **fields) -> dict:
    return {"id": id_, "kind": kind, "note": "checked against the article", **fields}


def actor(tables, actor_id: str) -> pd.Series:
    return tables["actors"].set_index("actor_id").loc[actor_id]


def at(table: pd.DataFrame, spec: dict, start: str = "start", end: str = "end") -> pd.DataFrame:
    return table[(table["article_id"] == spec["article_id"]) & (table[start] == spec["start"])
                 & (table[end] == spec["end"])]


def test_no_corrections_leaves_corrected_by_empty_and_changes_nothing(tables):
    before = {name: table.copy() for name, table in tables.items()}
    result = apply_corrections(tables, [])
    for name in ("actors", "mentions", "quotes", "events", "timeline", "stances"):
        assert result[name]["corrected_by"].isna().all()
        pd.testing.assert_frame_equal(result[name], tables[name])
    for name, table in before.items():  # pure: the input is untouched
        pd.testing.assert_frame_equal(tables[name], table)


def test_merge_moves_every_row_of_the_merged_actor_and_recounts(tables):
    svr, russia = actor(tables, "russian-svr"), actor(tables, "russia")
    result = corrected(tables, entry("merge_actors", "svr-is-russia", actor_id="russian-svr", into="russia"))
    for table, column in (("mentions", "actor_id"), ("quotes", "speaker_actor_id"), ("events", "actor_id"),
                          ("stances", "actor_id"), ("timeline", "actor_id")):
        assert not (result[table][column] == "russian-svr").any(), table
    merged = actor(result, "russia")
    assert merged["n_mentions"] == svr["n_mentions"] + russia["n_mentions"]
    assert merged["corrected_by"] == "svr-is-russia" and "SVR" in merged["aliases"]
    assert "russian-svr" not in set(result["actors"]["actor_id"])
    # "Russia’s Foreign Intelligence Service (SVR) alleged" is now Russia's quote, marked as corrected
    quote = result["quotes"][result["quotes"]["speaker_surface"] == "Foreign Intelligence Service"]
    assert set(quote["speaker"]) == {"Russia"} and set(quote["corrected_by"]) == {"svr-is-russia"}


def test_split_gives_the_listed_mentions_to_a_new_actor(tables, span):
    belgrade = [span(PESKOV_ARTICLE, "Belgrade", 1), span(PESKOV_ARTICLE, "Belgrade", 2),
                span(VUCIC_ARTICLE, "Belgrade")]
    result = corrected(tables, entry("split_actor", "belgrade-is-the-government", actor_id="serbia",
                                     new_actor_id="serbian-government", name="Government of Serbia",
                                     type="organization", mentions=belgrade))
    government = actor(result, "serbian-government")
    assert (government["name"], government["n_mentions"], government["n_articles"]) == ("Government of Serbia", 3, 2)
    assert actor(result, "serbia")["n_mentions"] == actor(tables, "serbia")["n_mentions"] - 3
    moved = result["mentions"][result["mentions"]["actor_id"] == "serbian-government"]
    assert set(moved["surface"]) == {"Belgrade"} and set(moved["corrected_by"]) == {"belgrade-is-the-government"}


def test_rename_changes_the_name_everywhere_it_is_shown(tables):
    result = corrected(tables, entry("rename_actor", "cicero-magazine", actor_id="cicero", name="Cicero (magazine)"))
    assert actor(result, "cicero")["name"] == "Cicero (magazine)"
    assert set(result["mentions"].loc[result["mentions"]["actor_id"] == "cicero", "name"]) == {"Cicero (magazine)"}


def test_set_speaker_names_the_unattributed_nested_quote(tables, span):
    told = span(VUCIC_ARTICLE, "it’s impossible.")  # "We were told ‘it’s impossible.’": Serbia said it
    assert at(tables["quotes"], told)["speaker_actor_id"].isna().all()
    result = corrected(tables, entry("set_speaker", "serbia-said-impossible", quote=told, speaker_actor_id="serbia"))
    quote = at(result["quotes"], told).iloc[0]
    assert (quote["speaker_actor_id"], quote["speaker"], quote["corrected_by"]) == ("serbia", "Serbia",
                                                                                  "serbia-said-impossible")


def test_clearing_a_speaker_drops_the_stances_read_from_the_quote(tables, span):
    reported = span(PESKOV_ARTICLE, "concerns about the weapons ending up in Ukraine")  # what he "dismissed"
    quote_id = at(tables["quotes"], reported)["quote_id"].iloc[0]
    from_quote = (tables["stances"]["article_id"] == PESKOV_ARTICLE) & (tables["stances"]["quote_id"] == quote_id)
    assert from_quote.sum() == 1
    result = corrected(tables, entry("set_speaker", "unclear-who", quote=reported, speaker_actor_id=None))
    assert at(result["quotes"], reported)["speaker_actor_id"].isna().all()
    assert len(result["stances"]) == len(tables["stances"]) - 1
    assert not ((result["stances"]["article_id"] == PESKOV_ARTICLE) & (result["stances"]["quote_id"] == quote_id)).any()


def test_change_event_date_reaches_its_timeline_row(tables, span):
    ban = span(VUCIC_ARTICLE, "ban")  # "announced the ban late Monday"
    result = corrected(tables, entry("change_event", "ban-date", event=ban, date_start="2025-05-26",
                                     date_end="2025-05-26", date_precision="day"))
    event = at(result["events"], ban, "trigger_start", "trigger_end").iloc[0]
    assert (event["date_start"], event["date_precision"], event["corrected_by"]) == ("2025-05-26", "day", "ban-date")
    row = result["timeline"].set_index("timeline_id").loc[event["timeline_id"]]
    assert (row["date_start"], row["date_end"], row["corrected_by"]) == ("2025-05-26", "2025-05-26", "ban-date")


def test_change_event_type_of_a_shared_row_detaches_the_mention(tables, span):
    willingness = span(PESKOV_ARTICLE, "willingness")
    before = at(tables["events"], willingness, "trigger_start", "trigger_end").iloc[0]
    result = corrected(tables, entry("change_event", "a-declaration", event=willingness, event_type="denial"))
    after = at(result["events"], willingness, "trigger_start", "trigger_end").iloc[0]
    assert after["event_type"] == "denial" and after["timeline_id"] != before["timeline_id"]
    timeline = result["timeline"].set_index("timeline_id")
    assert timeline.loc[after["timeline_id"], "event_type"] == "denial"
    told = (tables["events"]["timeline_id"] == before["timeline_id"]).sum()
    assert timeline.loc[before["timeline_id"], "n_mentions"] == told - 1
    assert list(result["timeline"]["order"]) == list(range(1, len(tables["timeline"]) + 2))


def test_attach_and_detach_move_mentions_between_timeline_rows(tables, span):
    reserved, suspend, the_move = (span(VUCIC_ARTICLE, "reserved"), span(VUCIC_ARTICLE, "suspend"),
                                   span(VUCIC_ARTICLE, "The move"))
    events = tables["events"]
    suspension_row = at(events, suspend, "trigger_start", "trigger_end")["timeline_id"].iloc[0]
    reservation_row = at(events, reserved, "trigger_start", "trigger_end")["timeline_id"].iloc[0]
    size = (events["timeline_id"] == suspension_row).sum()
    result = corrected(tables, entry("attach_event", "reservation-is-the-halt", event=reserved, to_event=suspend),
                       entry("detach_event", "the-move-is-separate", event=the_move))
    timeline = result["timeline"].set_index("timeline_id")
    assert reservation_row not in timeline.index  # its only mention left
    assert timeline.loc[suspension_row, "n_mentions"] == size  # one mention joined, one left
    assert timeline.loc[suspension_row, "corrected_by"] == "reservation-is-the-halt; the-move-is-separate"
    detached = at(result["events"], the_move, "trigger_start", "trigger_end").iloc[0]
    assert timeline.loc[detached["timeline_id"], "n_mentions"] == 1
    assert timeline.loc[detached["timeline_id"], "order"] == timeline.loc[suspension_row, "order"] + 1


def test_drop_removes_a_false_event_and_a_false_stance(tables, span):
    accusations = span(VUCIC_ARTICLE, "accusations", 2)  # "In response to the accusations": not a new accusation
    buyers = span(PESKOV_ARTICLE, "the buyers can do with it what they want.")
    result = corrected(tables, entry("drop_event", "not-an-accusation", event=accusations),
                       entry("drop_stance", "no-stance", stance=buyers, actor_id="aleksandar-vucic",
                             topic="arms_exports"))
    assert len(result["events"]) == len(tables["events"]) - 1
    assert at(result["events"], accusations, "trigger_start", "trigger_end").empty
    assert len(result["stances"]) == len(tables["stances"]) - 1 and at(result["stances"], buyers).empty


def test_add_event_and_stance_with_their_evidence(tables, span):
    sentence = span(VUCIC_ARTICLE, "Meanwhile, Russian Foreign Ministry Spokeswoman Maria Zakharova demanded "
                                   "clarity from Belgrade.")
    trigger = span(VUCIC_ARTICLE, "demanded clarity")
    quote = span(VUCIC_ARTICLE, "We’ve heard conflicting claims from Serbian representatives.")
    result = corrected(tables,
                       entry("add_event", "zakharova-accuses", event_type="accusation", actor_id="maria-zakharova",
                             trigger=trigger, evidence=sentence),
                       entry("add_stance", "zakharova-doubts", actor_id="maria-zakharova",
                             topic="arms_diversion", polarity="against", evidence=quote))
    event = at(result["events"], trigger, "trigger_start", "trigger_end").iloc[0]
    assert (event["event_type"], event["method"], event["evidence"]) == ("accusation", "correction", sentence["text"])
    sentences = tables["sentences"]
    assert event["sentence_id"] == at(sentences, sentence)["sentence_id"].iloc[0]
    assert result["timeline"].set_index("timeline_id").loc[event["timeline_id"], "n_mentions"] == 1
    stance = at(result["stances"], quote).iloc[0]
    assert (stance["actor_id"], stance["polarity"], stance["corrected_by"]) == ("maria-zakharova", "against",
                                                                                "zakharova-doubts")
    for table in ("events", "stances"):  # every row still points at its own words
        text = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
        column = "evidence"
        assert all(text[a][s:e] == v for a, s, e, v in zip(result[table]["article_id"], result[table]["start"],
                                                          result[table]["end"], result[table][column]))


def test_a_stale_entry_is_a_problem_and_changes_nothing(tables, texts, span):
    moved = span(PESKOV_ARTICLE, "Belgrade") | {"start": 10, "end": 18}  # the article was edited
    gone = span(VUCIC_ARTICLE, "Serbia") | {"article_id": "999_removed"}
    result = corrected(tables, entry("split_actor", "moved", actor_id="serbia", new_actor_id="serbian-government",
                                     name="Government of Serbia", type="organization", mentions=[moved]),
                       entry("set_speaker", "gone", quote=gone, speaker_actor_id="serbia"),
                       entry("merge_actors", "never-seen", actor_id="no-such-actor", into="russia"))
    problems = result["problems"].set_index("path")
    assert list(problems.index) == ["corrections.yml#moved", "corrections.yml#gone", "corrections.yml#never-seen"]
    assert set(problems["problem"]) == {"stale correction"}
    detail = problems.loc["corrections.yml#moved", "detail"]
    assert f"now reads {texts[PESKOV_ARTICLE][10:18]!r}, not 'Belgrade'" in detail
    assert "999_removed is no longer in the corpus" in problems.loc["corrections.yml#gone", "detail"]
    assert "'no-such-actor' is not in the actors table" in problems.loc["corrections.yml#never-seen", "detail"]
    assert result["mentions"]["corrected_by"].isna().all()
    assert "serbian-government" not in set(result["actors"]["actor_id"])


def test_corrections_survive_a_fresh_extraction_and_a_cache_hit(tables, span, tmp_path):
    fixes = [entry("rename_actor", "cicero-magazine", actor_id="cicero", name="Cicero (magazine)"),
             entry("change_event", "ban-date", event=span(VUCIC_ARTICLE, "ban"), date_start="2025-05-26",
                   date_end="2025-05-26", date_precision="day")]
    path = tmp_path / "corrections.yml"
    path.write_text(yaml.safe_dump(fixes, allow_unicode=True), encoding="utf-8")
    expected = apply_corrections(tables, load_corrections(path))
    cache = Cache(tmp_path / "cache")
    for _ in ("cold", "warm"):
        again = apply_corrections(build_workbook(ARTICLES_DIR, cache=cache).tables(), load_corrections(path))
        for name, table in expected.items():
            pd.testing.assert_frame_equal(again[name], table)


def test_invalid_entries_are_refused_with_every_reason(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text("- id: Bad Id\n  kind: merge_actors\n  note: x\n  actor_id: a\n"
                    "- id: two\n  kind: drop_event\n  note: x\n  event: {article_id: a, start: 5, end: 3, text: ab}\n"
                    "- id: three\n  kind: teleport\n  note: x\n", encoding="utf-8")
    with pytest.raises(CorrectionError) as error:
        load_corrections(path)
    message = str(error.value)
    assert "'id' must be a lower-case slug" in message and "'into' is required" in message
    assert "entry 2 ('two'): 'event' needs whole-number offsets" in message and "'kind' must be one of" in message


def test_missing_file_means_no_corrections_and_the_bundled_file_has_no_stale_entry(tables, tmp_path):
    assert load_corrections(tmp_path / "absent.yml") == []
    result = apply_corrections(tables, load_corrections(CORRECTIONS_FILE))
    assert not (result["problems"]["problem"] == "stale correction").any()


def test_add_correction_appends_a_reviewable_entry_and_keeps_comments(tmp_path, span):
    path = tmp_path / "corrections.yml"
    path.write_text("# kept comment\n", encoding="utf-8")
    first = add_correction({"kind": "rename_actor", "note": "a magazine", "actor_id": "cicero",
                            "name": "Cicero (magazine)"}, path)
    second = add_correction({"id": "ban-date", "kind": "change_event", "note": "Monday 26 May",
                             "event": span(VUCIC_ARTICLE, "ban"), "date_start": "2025-05-26"}, path)
    assert (first, second) == ("rename-actor-1", "ban-date")
    assert path.read_text(encoding="utf-8").startswith("# kept comment\n")
    assert [c.id for c in load_corrections(path)] == ["rename-actor-1", "ban-date"]
    with pytest.raises(CorrectionError, match="id 'ban-date' is used twice"):
        add_correction({"id": "ban-date", "kind": "rename_actor", "note": "x", "actor_id": "a", "name": "b"}, path)
    assert len(load_corrections(path)) == 2  # a refused entry is not written


def test_check_command_lists_ok_and_stale_entries(tmp_path, span):
    path = tmp_path / "corrections.yml"
    path.write_text(yaml.safe_dump([
        entry("rename_actor", "cicero-magazine", actor_id="cicero", name="Cicero (magazine)"),
        entry("drop_event", "edited-away", event=span(VUCIC_ARTICLE, "ban") | {"start": 0, "end": 3})],
        allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "corrections", "check", str(ARTICLES_DIR),
                             "--file", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "cicero-magazine (rename_actor): ok"
    assert lines[1].startswith("edited-away (drop_event): stale: ") and "not 'ban'" in lines[1]
    assert lines[2] == "2 correction(s), 1 stale"


def test_the_explorers_entries_validate_and_apply(workbook, tmp_path):
    """The three "correct this" forms build entries that the file accepts and extraction applies."""
    from analysis.notebook import explorer

    path = tmp_path / "corrections.yml"
    ban = workbook.events.query("trigger == 'ban'").iloc[0]
    ids = [add_correction(explorer.merge_entry("russian-svr", "russia"), path),
           add_correction(explorer.date_entry(workbook, ban["article_id"], ban["event_id"], "2025-05-26", "2025-05-26",
                                              "day"), path)]
    assert ids == ["merge-actors-1", "change-event-1"]
    result = build_workbook(ARTICLES_DIR, corrections_file=path)
    assert "russian-svr" not in set(result.mentions["actor_id"])
    event = result.events.query("trigger == 'ban'").iloc[0]
    assert (event["date_start"], event["date_precision"], event["corrected_by"]) == (
        "2025-05-26", "day", "change-event-1")
