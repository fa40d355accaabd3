"""The notebooks' tables, charts and explorers on hand-built rows.

``hand_filled`` gives the two bundled articles extraction tables written by hand, each span found
in the real text, so that notebook, render and browser tests see content whatever state the
extractors are in; the expected numbers below are counted by reading those rows and articles.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right

import matplotlib
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.notebook import charts, display, explorer, params, passages, select, tables
from analysis.schema import frame
from analysis.workbook import Workbook
from tests.conftest import PESKOV_ARTICLE, VUCIC_ARTICLE, examples

matplotlib.use("Agg")

ACTORS = [  # actor_id, name, type, aliases, pattern finding its mentions in the bundled articles
    ("aleksandar-vucic", "Aleksandar Vučić", "person", "Vučić; Vucic; Aleksandar Vucic",
     r"Aleksandar Vu[cč]i[cć]|Vu[cč]i[cć]"),
    ("dmitry-peskov", "Dmitry Peskov", "person", "Peskov", r"Dmitry Peskov|Peskov"),
    ("maria-zakharova", "Maria Zakharova", "person", "Zakharova", r"Maria Zakharova"),
    ("ursula-von-der-leyen", "Ursula von der Leyen", "person", "von der Leyen", r"Ursula von der Leyen"),
    ("russian-svr", "Foreign Intelligence Service of Russia", "organization", "SVR; Foreign Intelligence Service",
     r"Foreign Intelligence Service|SVR(?!\))"),
    ("russia", "Russia", "state", "Moscow; Kremlin", r"\bRussia\b|Moscow|Kremlin"),
]
QUOTES = [  # article, speaker, text inside the quote marks, cue, confidence
    (PESKOV_ARTICLE, "dmitry-peskov", "understands what unprecedented pressure is being put on Serbia,", "emphasized",
     0.9),
    (PESKOV_ARTICLE, "dmitry-peskov", "not at all a simple story.", "describing", 0.9),
    (PESKOV_ARTICLE, "aleksandar-vucic", "warehouses are full of ammunition, and we are producing more,", "revealed",
     0.9),
    (PESKOV_ARTICLE, "aleksandar-vucic", "the buyers can do with it what they want.", "saying", 0.9),
    (VUCIC_ARTICLE, "russian-svr", "Serbian producers are aware of who the real end users", "saying", 0.8),
    (VUCIC_ARTICLE, "aleksandar-vucic", "From this sector, around 24,000 people earn their living", "stated", 0.9),
    (VUCIC_ARTICLE, "maria-zakharova", "We’ve heard conflicting claims from Serbian representatives.", "expressed",
     0.6),
]
STANCES = [  # article, actor, topic, polarity, target, evidence, confidence
    (PESKOV_ARTICLE, "aleksandar-vucic", "arms exports", "favor", None,
     "declaration of willingness to sell weapons to EU member states", 0.9),
    (PESKOV_ARTICLE, "aleksandar-vucic", "arms exports", "favor", None,
     "he had offered EU countries to purchase the stockpile", 0.8),
    (VUCIC_ARTICLE, "aleksandar-vucic", "arms exports", "against", None,
     "has ordered a halt to all arms and military equipment exports from Serbia", 0.9),
    (PESKOV_ARTICLE, "dmitry-peskov", "arms exports", "neutral", None,
     "describing the matter of Serbian arms exports as “not at all a simple story.”", 0.7),
    (PESKOV_ARTICLE, "russian-svr", "arms exports", "against", "Serbian defense firms",
     "alleged that Serbian defense firms had increased indirect arms shipments to Ukraine", 0.8),
    (VUCIC_ARTICLE, "maria-zakharova", "arms exports", "against", "Serbian officials",
     "she expressed skepticism over contradictory Serbian official statements", 0.6),
    (PESKOV_ARTICLE, "ursula-von-der-leyen", "EU sanctions on Russia", "favor", "Serbia",
     "urged Serbia to demonstrate “greater alignment” with EU positions, including sanctions against Russia", 0.9),
    (PESKOV_ARTICLE, "aleksandar-vucic", "EU sanctions on Russia", "against", None,
     "Vucic has repeatedly refused to join EU sanctions on Moscow", 0.9),
]
TIMELINE = [  # timeline_id, order, event_type, actor, scope, date_start, precision, summary
    (0, 0, "eu_application", None, "EU membership", "2009", "year", "Serbia applies for EU membership"),
    (1, 1, "eu_candidacy", None, "EU membership", "2012", "year", "Serbia becomes an EU candidate"),
    (2, 2, "export_halt", "aleksandar-vucic", "ammunition", None, None, "Vučić halts arms exports"),
    (3, 3, "election_call", "aleksandar-vucic", "parliament", None, None, "Vučić calls early elections"),
]
EVENTS = [  # article, timeline_id, trigger, evidence, cause, date_text, confidence
    (PESKOV_ARTICLE, 0, "applied", "applied for EU membership in 2009", None, "in 2009", 0.9),
    (PESKOV_ARTICLE, 1, "gained", "gained candidate status in 2012", None, "in 2012", 0.9),
    (PESKOV_ARTICLE, 2, "suspension", "Vucic announced a suspension of ammunition exports",
     "Russian allegations of indirect arms shipments to Ukraine", "Earlier this year", 0.8),
    (VUCIC_ARTICLE, 2, "halt", "has ordered a halt to all arms and military equipment exports", None, None, 0.9),
    (VUCIC_ARTICLE, 2, "ban", "announced the ban late Monday", None, "late Monday", 0.7),
    (PESKOV_ARTICLE, 3, "announced", "Vucic announced plans for early parliamentary elections",
     "public pressure", None, 0.8),
]


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def hand_filled(base: Workbook) -> Workbook:
    """The base tables of ``base`` with every extraction table replaced by the rows above."""
    texts = dict(zip(base.articles["article_id"], base.articles["text"]))
    starts = base.sentences.groupby("article_id")["start"].agg(list).to_dict()

    def sentence_of(article_id: str, start: int) -> int:
        return bisect_right(starts[article_id], start) - 1

    mentions = [
        {"article_id": article_id, "sentence_id": sentence_of(article_id, match.start()), "actor_id": actor_id,
         "name": name, "surface": match.group(), "start": match.start(), "end": match.end(), "method": "hand"}
        for actor_id, name, _type, _aliases, pattern in ACTORS
        for article_id, text in texts.items() for match in re.finditer(pattern, text)
    ]
    mentions.sort(key=lambda row: (row["article_id"], row["start"]))
    counts = pd.DataFrame(mentions).groupby("actor_id").agg(n=("start", "size"), a=("article_id", "nunique"))
    actors = [{"actor_id": actor_id, "name": name, "type": kind, "aliases": aliases,
               "n_mentions": counts.loc[actor_id, "n"], "n_articles": counts.loc[actor_id, "a"], "method": "hand"}
              for actor_id, name, kind, aliases, _pattern in ACTORS]
    names = {actor_id: name for actor_id, name, *_ in ACTORS}
    quotes = []
    for number, (article_id, speaker, quoted, cue, confidence) in enumerate(QUOTES):
        start, end = span(texts[article_id], quoted)
        cue_start, cue_end = span(texts[article_id], cue)
        quotes.append({"article_id": article_id, "quote_id": number, "sentence_id": sentence_of(article_id, start),
                       "kind": "direct", "text": quoted, "start": start, "end": end, "speaker": names[speaker],
                       "speaker_actor_id": speaker, "cue": cue, "cue_start": cue_start, "cue_end": cue_end,
                       "confidence": confidence, "method": "hand"})
    stances = []
    for number, (article_id, actor_id, topic, polarity, target, evidence, confidence) in enumerate(STANCES):
        start, end = span(texts[article_id], evidence)
        stances.append({"article_id": article_id, "stance_id": number, "actor_id": actor_id, "topic": topic,
                        "target": target, "polarity": polarity, "evidence": evidence, "start": start, "end": end,
                        "confidence": confidence, "method": "hand"})
    timeline_of = {row[0]: row for row in TIMELINE}
    events = []
    for number, (article_id, timeline_id, trigger, evidence, cause, date_text, confidence) in enumerate(EVENTS):
        start, end = span(texts[article_id], evidence)
        trigger_start = start + evidence.index(trigger)
        _id, _order, event_type, actor_id, scope, date_start, precision, _summary = timeline_of[timeline_id]
        events.append({"article_id": article_id, "event_id": number, "sentence_id": sentence_of(article_id, start),
                       "event_type": event_type, "actor_id": actor_id, "scope": scope, "trigger": trigger,
                       "trigger_start": trigger_start, "trigger_end": trigger_start + len(trigger),
                       "evidence": evidence, "start": start, "end": end, "cause": cause, "date_text": date_text,
                       "date_start": date_start, "date_precision": precision or "unknown",
                       "timeline_id": timeline_id, "confidence": confidence, "method": "hand"})
    timeline = [{"timeline_id": timeline_id, "order": order, "story_id": 1, "story": "Serbia — European Union",
                 "event_type": event_type, "actor_id": actor_id,
                 "scope": scope, "date_start": date_start, "date_precision": precision or "unknown",
                 "n_mentions": sum(event[1] == timeline_id for event in EVENTS),
                 "article_ids": "; ".join(sorted({event[0] for event in EVENTS if event[1] == timeline_id})),
                 "merged_because": "same event type and actor", "summary": summary}
                for timeline_id, order, event_type, actor_id, scope, date_start, precision, summary in TIMELINE]
    claim_a, claim_b = "In reaction, Vucic announced a suspension of ammunition exports", \
        "the decision to suspend arms exports was not a reaction to Russia’s statements"
    (start_a, end_a), (start_b, end_b) = span(texts[PESKOV_ARTICLE], claim_a), span(texts[VUCIC_ARTICLE], claim_b)
    contradictions = [{"timeline_id": 2, "claim_a": claim_a, "article_a": PESKOV_ARTICLE, "start_a": start_a,
                       "end_a": end_a, "claim_b": claim_b, "article_b": VUCIC_ARTICLE, "start_b": start_b,
                       "end_b": end_b, "what": "whether the halt was a reaction to Russia"}]
    return dataclasses.replace(
        base, actors=frame("actors", actors), mentions=frame("mentions", mentions), quotes=frame("quotes", quotes),
        events=frame("events", events), timeline=frame("timeline", timeline),
        contradictions=frame("contradictions", contradictions), stances=frame("stances", stances))


@pytest.fixture(scope="module")
def filled(workbook) -> Workbook:
    return hand_filled(workbook)


def test_hand_filled_rows_point_at_their_spans(filled):
    assert all(violations.empty for violations in filled.span_violations().values())


# --- params -------------------------------------------------------------------------------------

def test_articles_are_chosen_by_id_or_glob_and_a_missing_id_names_close_ones(filled):
    everything = [PESKOV_ARTICLE, VUCIC_ARTICLE]
    assert params.select_articles(filled.articles, "*") == everything
    assert params.select_articles(filled.articles, None) == everything
    assert params.select_articles(filled.articles, "001_*") == [VUCIC_ARTICLE]
    assert params.select_articles(filled.articles, [VUCIC_ARTICLE, "000_*"]) == everything
    assert params.select_articles(filled.articles, "nothing-*") == []
    with pytest.raises(params.ParameterError, match=f"no article has the id '001_db63'.*{VUCIC_ARTICLE}"):
        params.select_articles(filled.articles, "001_db63")


def test_an_actor_is_found_by_any_spelling_and_a_typo_lists_close_names(filled, capsys):
    for spelling in ("Aleksandar Vučić", "vucic", "VUČIĆ", "aleksandar-vucic", "Aleksandar  Vucic"):
        assert params.resolve_actor(filled.actors, spelling) == "aleksandar-vucic"
    assert params.resolve_actor(filled.actors, "Peskov") == "dmitry-peskov"
    with pytest.raises(params.ParameterError) as error:
        params.resolve_actor(filled.actors, "Vucik")
    assert "no actor is called 'Vucik'" in str(error.value) and "Vucic (= Aleksandar Vučić)" in str(error.value)
    assert error.value._render_traceback_() == [f"ParameterError: {error.value}"]


def test_an_actor_cannot_be_checked_before_actors_are_extracted(capsys):
    assert params.resolve_actor(Workbook().actors, "Aleksandar Vučić") is None
    assert "actors table is empty" in capsys.readouterr().out


def test_topics_ignore_case_and_a_wrong_one_names_the_known_ones(filled):
    assert params.check_topic(filled.stances, "Arms Exports") == "arms exports"
    assert params.check_topic(filled.stances, None) is None
    with pytest.raises(params.ParameterError, match="Close matches: arms exports"):
        params.check_topic(filled.stances, "arms export ban")


def test_date_bounds_cover_their_whole_period_and_must_be_in_order():
    assert params.date_range("2025-05", "2025-05") == (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert params.date_range("2024", "2024-02") == (dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    assert params.date_range(None, "2009-03-04") == (None, dt.date(2009, 3, 4))
    with pytest.raises(params.ParameterError, match="is after"):
        params.date_range("2025-06", "2025-05")
    for bad in ("May 2025", "2025-13", "2025-02-30"):
        with pytest.raises(params.ParameterError, match="is not a date"):
            params.date_range(bad, None)


def test_confidence_and_data_folder_are_checked():
    assert params.confidence(0.5) == 0.5
    for bad in (1.5, -0.1, "0.5", True):
        with pytest.raises(params.ParameterError, match="min_confidence"):
            params.confidence(bad)
    with pytest.raises(params.ParameterError, match="no such file or folder"):
        params.data_folder("data/no-such-folder")
    assert params.chart_count(3) == 3
    for bad in (0, 2.5, "12", True):
        with pytest.raises(params.ParameterError, match="max_charts"):
            params.chart_count(bad)


# --- views on the hand-filled tables --------------------------------------------------------------

def test_mentions_are_counted_per_actor_and_article(filled):
    counts = tables.mention_counts(filled.mentions, filled.actors).set_index("actor_id")
    # Vucic/Vučić forms: six in the Peskov article (title, "Aleksandar Vucic's", revealed, suspension,
    # refused, elections), four in the other (ordered, instruction, meeting, stated).
    assert counts.loc["aleksandar-vucic", ["n_mentions", "n_articles"]].tolist() == [10, 2]
    assert counts.loc["dmitry-peskov", ["n_mentions", "n_articles"]].tolist() == [2, 1]
    by_article = tables.mentions_by_article(filled.mentions, filled.actors).set_index("name")
    assert by_article.loc["Aleksandar Vučić", [PESKOV_ARTICLE, VUCIC_ARTICLE, "total"]].tolist() == [6, 4, 10]
    assert by_article.loc["Foreign Intelligence Service of Russia", [PESKOV_ARTICLE, VUCIC_ARTICLE]].tolist() == [2, 3]


def test_spellings_merged_into_an_actor_are_listed_most_frequent_first(filled):
    merged = tables.spellings(filled.mentions, filled.actors).set_index("name")
    assert merged.loc["Aleksandar Vučić", "spellings"] == \
        "Vucic ×5; Vučić ×3; Aleksandar Vucic ×1; Aleksandar Vučić ×1"
    assert merged.loc["Aleksandar Vučić", "n_spellings"] == 4
    assert merged.loc["Aleksandar Vučić", "registry_aliases"] == "Vučić; Vucic; Aleksandar Vucic"


def test_pronouns_are_references_not_spellings():
    mentions = frame("mentions", [
        {"article_id": "a", "sentence_id": 0, "actor_id": "x", "name": "X", "surface": "Xavier", "start": 0,
         "end": 6, "method": "registry"},
        {"article_id": "a", "sentence_id": 1, "actor_id": "x", "name": "X", "surface": "he", "start": 10,
         "end": 12, "method": "pronoun"}])
    row = tables.spellings(mentions, Workbook().actors).iloc[0]
    assert (row["n_spellings"], row["spellings"], row["references"]) == (1, "Xavier ×1", "he ×1")


def test_actors_sharing_a_sentence_are_paired(filled):
    pairs = tables.cooccurrence(filled.mentions, filled.actors).set_index(["actor_a", "actor_b"])
    # Vučić and Russia share the Peskov article's title and its "refused ... sanctions on Moscow"
    # sentence, and the other article's first sentence and its "not a reaction to Russia's" one.
    assert pairs.loc[("Aleksandar Vučić", "Russia"), ["n_sentences", "n_articles"]].tolist() == [4, 2]
    assert ("Aleksandar Vučić", "Dmitry Peskov") not in pairs.index


def test_quotes_are_counted_per_speaker_and_filtered_by_confidence(filled):
    speakers = tables.quotes_per_speaker(filled.quotes, filled.actors).set_index("speaker")
    assert speakers["n_quotes"].to_dict() == {"Aleksandar Vučić": 3, "Dmitry Peskov": 2,
                                              "Foreign Intelligence Service of Russia": 1, "Maria Zakharova": 1}
    confident = select.select(filled, [PESKOV_ARTICLE, VUCIC_ARTICLE], min_confidence=0.7)
    assert "Maria Zakharova" not in set(tables.quotes_per_speaker(confident.quotes, confident.actors)["speaker"])
    assert tables.actor_quotes(filled.quotes, "dmitry-peskov")["text"].tolist() == [
        "understands what unprecedented pressure is being put on Serbia,", "not at all a simple story."]


def test_unresolved_speakers_keep_the_articles_words():
    quotes = frame("quotes", [{"article_id": "a", "start": 0, "end": 3, "speaker": "a diplomat", "kind": "direct"},
                              {"article_id": "a", "start": 5, "end": 9, "kind": "direct"}])
    assert tables.speaker_names(quotes, Workbook().actors).tolist() == ["a diplomat", "(unattributed)"]


def test_stances_are_scored_per_actor_and_topic(filled):
    matrix = tables.stance_matrix(filled.stances, filled.actors).set_index(["name", "topic"])
    vucic = matrix.loc[("Aleksandar Vučić", "arms exports")]
    assert [vucic.n_favor, vucic.n_against, vucic.n_other, vucic.n_articles, vucic.score] == [2, 1, 0, 2, 0.33]
    assert matrix.loc[("Dmitry Peskov", "arms exports"), ["n_other", "score"]].tolist() == [1, 0.0]
    assert matrix.loc[("Ursula von der Leyen", "EU sanctions on Russia"), "score"] == 1.0
    evidence = tables.stance_evidence(tables.on_topic(filled.stances, "EU sanctions on Russia"), filled.actors)
    assert evidence["name"].tolist() == ["Aleksandar Vučić", "Ursula von der Leyen"]


def test_oppositions_come_from_stated_targets_and_opposite_sides(filled):
    found = tables.oppositions(filled.stances, filled.actors)
    assert list(found[["topic", "actor", "opposes", "basis"]].itertuples(index=False, name=None)) == [
        ("EU sanctions on Russia", "Aleksandar Vučić", "Ursula von der Leyen", "opposite sides"),
        ("arms exports", "Foreign Intelligence Service of Russia", "Aleksandar Vučić", "opposite sides"),
        ("arms exports", "Foreign Intelligence Service of Russia", "Serbian defense firms", "stated"),
        ("arms exports", "Maria Zakharova", "Aleksandar Vučić", "opposite sides"),
        ("arms exports", "Maria Zakharova", "Serbian officials", "stated"),
    ]


@pytest.mark.parametrize(("start", "end", "precision", "first", "last"), [
    ("2025-05-14", None, "day", "2025-05-14", "2025-05-14"),
    ("2025-05-01", None, "month", "2025-05-01", "2025-05-31"),
    ("2025-05", None, None, "2025-05-01", "2025-05-31"),
    ("2009", None, "year", "2009-01-01", "2009-12-31"),
    ("2024-03-06", None, "week", "2024-03-04", "2024-03-10"),
    ("2025-05-14", "2025-06-02", "week", "2025-05-14", "2025-06-02"),
])
def test_a_date_covers_what_its_precision_allows(start, end, precision, first, last):
    assert tables.date_interval(start, end, precision) == (pd.Timestamp(first), pd.Timestamp(last))


def test_undated_events_have_no_interval():
    assert tables.date_interval(None, None, "unknown") is None


def test_a_date_range_keeps_overlapping_events_and_says_what_it_left_out(filled, capsys):
    dated = select.within(filled, dt.date(2010, 1, 1), dt.date(2015, 12, 31))
    assert dated.timeline["timeline_id"].tolist() == [1]
    assert dated.events["timeline_id"].tolist() == [1]
    assert dated.contradictions.empty
    assert capsys.readouterr().out.strip() == (
        "1 of 4 merged event(s) overlap 2010-01-01 to 2015-12-31; 2 undated event(s) left out, "
        "having no date to compare.")
    assert select.within(filled, None, None) is filled


def test_the_timeline_keeps_the_order_and_the_explorer_starts_at_the_widest_reported_event(filled):
    rows = tables.timeline_rows(filled.timeline, filled.actors)
    assert rows["order"].tolist() == [0, 1, 2, 3]
    assert rows["last_day"].tolist()[:2] == [pd.Timestamp("2009-12-31"), pd.Timestamp("2012-12-31")]
    assert select.default_event(filled) == 2  # the export halt, the only event in both articles
    causes = tables.causes(filled.events)
    assert causes["cause"].tolist() == ["Russian allegations of indirect arms shipments to Ukraine", "public pressure"]


def test_a_month_event_is_a_bar_a_day_event_a_dot_and_undated_events_a_lane_of_their_own():
    timeline = frame("timeline", [
        {"timeline_id": 0, "order": 0, "date_start": "2025-03-03", "date_precision": "day", "summary": "day"},
        {"timeline_id": 1, "order": 1, "date_precision": "unknown", "summary": "between"},
        {"timeline_id": 2, "order": 2, "date_start": "2025-05", "date_precision": "month", "summary": "month"},
        {"timeline_id": 3, "order": 3, "date_precision": "unknown", "summary": "after"},
    ])
    figure = charts.draw_timeline(tables.timeline_rows(timeline, Workbook().actors), "A story")
    calendar, lane = figure.axes
    (bar,) = calendar.collections  # broken_barh: the month, from its first day to the end of its last
    (x, width), = [(path.vertices[:, 0].min(), path.vertices[:, 0].max() - path.vertices[:, 0].min())
                   for path in bar.get_paths()]
    assert matplotlib.dates.num2date(x).date() == dt.date(2025, 5, 1) and round(width) == 31
    (dot,) = [line for line in calendar.lines if line.get_marker() == "o"]
    assert dot.get_xdata()[0] == matplotlib.dates.date2num(pd.Timestamp("2025-03-03"))
    assert [line.get_marker() for line in lane.lines] == ["D", "D"] and lane.get_xticks().size == 0  # no calendar
    assert [label.get_text() for label in lane.get_yticklabels()] == ["1. someone: event", "3. someone: event"]
    assert calendar.get_title() == "A story"
    assert [text.get_text() for text in lane.get_legend().get_texts()] == [
        "known to the day", "known to the month or year (whole period)", "undated"]


def test_passages_mark_the_span_and_escape_article_text():
    text = "Intro. He said <script>alert(1)</script> loudly. End."
    start = text.index("<script>")
    marked = passages.highlight(text, start, start + len("<script>alert(1)</script>"), (7, 48))
    assert marked == "He said <mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark> loudly."


def test_actor_evidence_lists_mentions_quotes_and_stances_in_reading_order(filled):
    evidence = passages.actor_evidence(filled, "dmitry-peskov")
    assert evidence["kind"].tolist() == ["mention", "mention", "quote", "stance", "quote"]
    texts = dict(zip(filled.articles["article_id"], filled.articles["text"]))
    for row in evidence.itertuples():
        assert texts[row.article_id][row.passage_start:row.passage_end] == row.passage
        assert row.passage_start <= row.start < row.end <= row.passage_end


# --- explorers --------------------------------------------------------------------------------------

def test_the_actor_explorer_redraws_when_another_actor_is_picked(filled):
    box = explorer.actor_explorer(filled, "dmitry-peskov")
    choice, passages = box.children
    assert choice.value == "dmitry-peskov"
    # Russia/Moscow/Kremlin: eleven times in the Peskov article, three in the other.
    assert choice.options[:2] == (("Russia (14 mentions)", "russia"),
                                  ("Aleksandar Vučić (10 mentions)", "aleksandar-vucic"))
    assert "not at all a simple story." in passages.value and "the buyers can do" not in passages.value
    choice.value = "aleksandar-vucic"
    assert "the buyers can do with it what they want." in passages.value


def test_the_event_explorer_shows_one_column_per_article(filled):
    box = explorer.event_explorer(filled, select.default_event(filled))
    choice, passages = box.children
    assert "3 mention(s) in 2 article(s)" in passages.value
    assert "<mark>halt</mark>" in passages.value and "<mark>suspension</mark>" in passages.value
    choice.value = 3
    assert "1 mention(s) in 1 article(s)" in passages.value and "<mark>announced</mark>" in passages.value


def test_explorers_escape_article_text(filled):
    text = "<script>alert(1)</script> Vučić spoke."
    articles = frame("articles", [{"article_id": "x", "path": "x.txt", "title": "<b>t</b>", "text": text}])
    sentences = frame("sentences", [{"article_id": "x", "sentence_id": 0, "start": 0, "end": len(text), "text": text}])
    mentions = frame("mentions", [{"article_id": "x", "sentence_id": 0, "actor_id": "v", "name": "Vučić",
                                   "surface": "Vučić", "start": 26, "end": 31, "method": "hand"}])
    hostile = Workbook(articles=articles, sentences=sentences, mentions=mentions)
    shown = explorer.actor_explorer(hostile).children[1].value
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Vučić</mark>" in shown


def test_explorers_say_so_when_there_is_nothing_to_explore(capsys):
    assert explorer.actor_explorer(Workbook()) is None
    assert explorer.event_explorer(Workbook()) is None
    assert capsys.readouterr().out.count("nothing to explore") == 2


# --- empty input ------------------------------------------------------------------------------------

def test_every_view_copes_with_empty_tables(tmp_path, capsys):
    empty = Workbook()
    selected = select.select(empty, [])
    assert select.check_corpus(empty, selected, "data/none") is empty.problems
    assert "Warning: no article could be read from data/none" in capsys.readouterr().out
    results = [
        tables.article_overview(selected), tables.source_counts(empty.articles), tables.titles(empty.articles),
        tables.problem_counts(empty.problems), tables.mention_counts(empty.mentions, empty.actors),
        tables.mentions_by_article(empty.mentions, empty.actors), tables.spellings(empty.mentions, empty.actors),
        tables.cooccurrence(empty.mentions, empty.actors), tables.quotes_per_speaker(empty.quotes, empty.actors),
        tables.stance_matrix(empty.stances, empty.actors), tables.stance_evidence(empty.stances, empty.actors),
        tables.actor_quotes(empty.quotes, None), tables.oppositions(empty.stances, empty.actors),
        tables.timeline_rows(empty.timeline, empty.actors), tables.event_mentions(empty.events),
        tables.causes(empty.events), tables.contradiction_table(empty.contradictions),
        passages.actor_evidence(empty, None), passages.event_evidence(empty, None),
    ]
    assert all(table.empty for table in results)
    assert tables.date_precision_counts(empty.articles)["n_articles"].sum() == 0
    assert select.default_event(empty) is None
    assert display.plot(results[4], charts.draw_mentions, "02_mentions", str(tmp_path), "Nothing to plot.") is None
    assert capsys.readouterr().out == "Nothing to plot.\n" and not any(tmp_path.iterdir())


def test_a_figure_is_saved_beside_the_table_behind_it(filled, tmp_path, capsys):
    counts = tables.mention_counts(filled.mentions, filled.actors)
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "02_quotes.png").write_bytes(b"left by an earlier run")
    figure = display.plot(counts, charts.draw_mentions, "02_mentions", str(tmp_path / "figures"), "unused")
    assert figure is not None
    assert pd.read_csv(tmp_path / "figures" / "02_mentions.csv")["n_mentions"].tolist() == counts["n_mentions"].tolist()
    assert (tmp_path / "figures" / "02_mentions.png").read_bytes()[:4] == b"\x89PNG"
    assert capsys.readouterr().out == f"Saved {tmp_path}/figures/02_mentions.png and 02_mentions.csv beside it.\n"
    assert display.written(str(tmp_path / "figures"), "02")["file"].tolist() == [
        f"{tmp_path}/figures/02_mentions.csv", f"{tmp_path}/figures/02_mentions.png"]  # not the older 02_quotes


def test_only_the_largest_stories_are_drawn_when_charts_are_capped(tmp_path, capsys):
    rows = pd.DataFrame({"story_id": [1, 2, 2, 3, 3, 3], "story": ["one", "two", "two", "three", "three", "three"],
                         "n": range(6)})
    drawn = []

    def draw(part: pd.DataFrame, label: str):
        drawn.append(label)
        return matplotlib.figure.Figure()

    display.plot_each(rows, "story_id", "story", draw, "04_timeline", str(tmp_path), "unused", limit=2)
    assert drawn == ["two", "three"]  # the two with the most rows, in story order
    assert "The 2 largest of 3 are drawn" in capsys.readouterr().out
    display.plot_each(rows, "story_id", "story", draw, "04_timeline", str(tmp_path), "unused")
    assert drawn[2:] == ["one", "two", "three"]


def test_the_cooccurrence_grid_keeps_the_fifteen_busiest_actors():
    names = [f"actor {number:02d}" for number in range(20)]
    pairs = pd.DataFrame([(names[0], name, 20 - index, 1) for index, name in enumerate(names[1:], start=1)],
                         columns=["actor_a", "actor_b", "n_sentences", "n_articles"])
    axes = charts.draw_cooccurrence(pairs).axes[0]
    shown = [label.get_text() for label in axes.get_yticklabels()]
    assert len(shown) == 15 and names[0] in shown and names[19] not in shown  # the weakest pairs drop out


@given(st.lists(st.integers(1, 40), min_size=1, max_size=12), st.integers(0, 300), st.integers(0, 40))
@settings(max_examples=examples(200))
def test_a_passage_is_the_sentences_a_span_overlaps(lengths, start, width):
    """The binary search gives what filtering the sentences table gives (sentences written
    back to back, a span anywhere, also beyond the text)."""
    starts = [sum(lengths[:i]) for i in range(len(lengths))]
    sentences = pd.DataFrame({"article_id": "a", "start": starts, "end": [s + n for s, n in zip(starts, lengths)]})
    end = start + width
    own = sentences[(sentences["end"] > start) & (sentences["start"] < max(end, start + 1))]
    expected = (start, end) if own.empty else (min(own["start"].min(), start), max(own["end"].max(), end))
    assert passages.Sentences(sentences).passage("a", start, end) == expected
    assert passages.Sentences(sentences).passage("elsewhere", start, end) == (start, end)


def test_a_long_table_shows_its_first_page_and_says_how_many_rows_it_has():
    table = pd.DataFrame({"name": [f"actor {n:04d}" for n in range(5000)], "n_mentions": range(5000)})
    page = display.Table(table)._repr_html_()
    assert "actor 0059" in page and "actor 0060" not in page
    assert "60 of 5000 rows shown" in page
    wide = pd.DataFrame({f"article_{n:03d}": [n] for n in range(400)})
    page = display.Table(wide)._repr_html_()
    assert "article_029" in page and "article_030" not in page
    assert "30 of 400 columns shown" in page
