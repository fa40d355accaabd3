"""Temporal expressions: every form with and without a publication date, the bundled articles, ordering.

Expected intervals are worked out by hand from the calendar: 2024-10-09 is a Wednesday, so its
week runs Monday 2024-10-07 to Sunday 2024-10-13. Undated bounds are the extremes over every
possible publication day (a leap year included), reasoned out in the comments.
"""
from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.dates import TimeExpression, compare, expressions, find_time_expressions, patterns
from tests.conftest import PESKOV_ARTICLE, VUCIC_ARTICLE, examples

PUBLISHED = dt.date(2024, 10, 9)  # a Wednesday
INF = math.inf

# (sentence, expression, precision, dated (date_start, date_end), undated (days_from, days_to))
RELATIVE = [
    ("The ministry announced the ban late Monday, officials said.", "late Monday", "day",
     ("2024-10-07", "2024-10-07"), (-6, 0)),
    ("Peskov emphasized on Tuesday that Russia understands.", "on Tuesday", "day",
     ("2024-10-08", "2024-10-08"), (-6, 0)),
    # strictly before publication: a Thursday publication means a week earlier, a Friday one the day before
    ("In an interview last Thursday, Vucic spoke.", "last Thursday", "day",
     ("2024-10-03", "2024-10-03"), (-7, -1)),
    # Jan 1 of the publication year; on Dec 31 of a leap year that is 365 days back
    ("Earlier this year, the SVR alleged shipments.", "Earlier this year", "year",
     ("2024-01-01", "2024-10-09"), (-365, 0)),
    # a year back from Feb 29 or Mar 1 of a leap year is 366 days
    ("Serbia faced protests over the past year, which Belgrade blamed on the West.", "over the past year",
     "year", ("2023-10-09", "2024-10-09"), (-366, 0)),
    # three months back spans at most 31 + 31 + 30 = 92 days
    ("Von der Leyen recently urged Serbia to align.", "recently", "month",
     ("2024-07-09", "2024-10-09"), (-92, 0)),
    ("He added that from now on, all ammunition stays home.", "from now on", "unknown",
     ("2024-10-09", None), (0, INF)),
    ("The ministry said that in the future, exports need approval.", "in the future", "unknown",
     ("2024-10-09", None), (0, INF)),
    # the latest Oct 1 up to publication: the day itself (0), or, published on Sept 30 of a leap
    # year, the Oct 1 a year and a day earlier (-365)
    ("Shipments resumed Oct. 1 after the review.", "Oct. 1", "day",
     ("2024-10-01", "2024-10-01"), (-365, 0)),
    # the latest March up to publication: published Feb 29, the March before began 365 days
    # earlier; published March 1, this March ends 30 days later
    ("The decree was signed in March by the minister.", "in March", "month",
     ("2024-03-01", "2024-03-31"), (-365, 30)),
    # the previous Monday-Sunday week: its Monday is 7 to 13 days back, its Sunday 1 to 7
    ("Exports were halted last week after the accusations.", "last week", "week",
     ("2024-09-30", "2024-10-06"), (-13, -1)),
    ("Talks continue this week in Belgrade.", "this week", "week",
     ("2024-10-07", "2024-10-13"), (-6, 6)),
    ("The SVR repeated the claim yesterday.", "yesterday", "day", ("2024-10-08", "2024-10-08"), (-1, -1)),
    ("Zakharova demanded clarity today.", "today", "day", ("2024-10-09", "2024-10-09"), (0, 0)),
    # the previous calendar month: from Jan 31 its first day (Dec 1) is 61 days back
    ("The ban was announced last month.", "last month", "month", ("2024-09-01", "2024-09-30"), (-61, -1)),
    # Jan 1 of the next year is at least 1 day ahead; its Dec 31 at most 365 + 366 - 1 = 730
    ("Elections are expected next year.", "next year", "year", ("2025-01-01", "2025-12-31"), (1, 730)),
    # 14 days before 2024-10-09 is 2024-09-25, give or take 3 days
    ("The first accusation came two weeks ago.", "two weeks ago", "week",
     ("2024-09-22", "2024-09-28"), (-17, -11)),
]

# (sentence, expression, precision, (date_start, date_end)): the same with or without publication date
ABSOLUTE = [
    ("Serbia applied for EU membership in 2009 and waited.", "in 2009", "year", ("2009-01-01", "2009-12-31")),
    ("It gained candidate status in 2012, the commission said.", "in 2012", "year", ("2012-01-01", "2012-12-31")),
    ("The halt took effect October 1, 2024, the ministry said.", "October 1, 2024", "day",
     ("2024-10-01", "2024-10-01")),
    ("The halt took effect 1 October 2024, the ministry said.", "1 October 2024", "day",
     ("2024-10-01", "2024-10-01")),
    ("The decree was published on 2024-10-01 in the gazette.", "on 2024-10-01", "day",
     ("2024-10-01", "2024-10-01")),
    ("The first shipment left in March 2023 via Bulgaria.", "in March 2023", "month", ("2023-03-01", "2023-03-31")),
]

SINCE = ("Serbia has sold shells to EU members since 2022, officials said.", "since 2022")


def only(sentence: str, published: dt.date | None = None) -> TimeExpression:
    """The one expression in ``sentence``, after checking that its offsets hold."""
    found = find_time_expressions(sentence, published=published)
    assert len(found) == 1, f"expected one expression in {sentence!r}, got {found}"
    expression = found[0]
    assert sentence[expression.start:expression.end] == expression.text
    return expression


@pytest.mark.parametrize("sentence, text, precision, dated, undated", RELATIVE)
def test_relative_expression_with_publication_date(sentence, text, precision, dated, undated):
    expression = only(sentence, PUBLISHED)
    assert (expression.text, expression.precision) == (text, precision)
    assert (expression.date_start, expression.date_end) == dated
    assert expression.days_from == (dt.date.fromisoformat(dated[0]) - PUBLISHED).days
    expected_to = INF if dated[1] is None else (dt.date.fromisoformat(dated[1]) - PUBLISHED).days
    assert expression.days_to == expected_to
    assert expression.anchor == "published 2024-10-09"


@pytest.mark.parametrize("sentence, text, precision, dated, undated", RELATIVE)
def test_relative_expression_without_publication_date(sentence, text, precision, dated, undated):
    expression = only(sentence, None)
    assert (expression.text, expression.precision) == (text, precision)
    assert (expression.date_start, expression.date_end) == (None, None)
    assert (expression.days_from, expression.days_to) == undated
    assert expression.anchor.startswith("relative: ")


@pytest.mark.parametrize("published", [PUBLISHED, None])
@pytest.mark.parametrize("sentence, text, precision, interval", ABSOLUTE)
def test_absolute_expression(sentence, text, precision, interval, published):
    expression = only(sentence, published)
    assert (expression.text, expression.precision, expression.anchor) == (text, precision, "absolute")
    assert (expression.date_start, expression.date_end) == interval
    if published is None:
        assert (expression.days_from, expression.days_to) == (None, None)
    else:
        assert expression.days_from == (dt.date.fromisoformat(interval[0]) - published).days
        assert expression.days_to == (dt.date.fromisoformat(interval[1]) - published).days


def test_explicit_calendar_dates_go_through_dateparser_and_the_rest_does_not():
    methods = {only(sentence, None).text: only(sentence, None).method for sentence, *_ in ABSOLUTE + RELATIVE}
    assert {text for text, method in methods.items() if method == "dateparser"} == {
        "October 1, 2024", "1 October 2024", "on 2024-10-01", "in March 2023", "Oct. 1"}


def test_since_runs_from_the_start_of_the_period_to_publication():
    sentence, text = SINCE
    dated = only(sentence, PUBLISHED)
    assert (dated.text, dated.date_start, dated.date_end) == (text, "2022-01-01", "2024-10-09")
    assert (dated.days_from, dated.days_to) == ((dt.date(2022, 1, 1) - PUBLISHED).days, 0)
    undated = only(sentence, None)
    assert (undated.date_start, undated.date_end) == ("2022-01-01", None)
    assert (undated.days_from, undated.days_to) == (None, 0)


@pytest.mark.parametrize("published, expected", [
    (dt.date(2024, 10, 11), "2024-10-10"),  # a Friday: the day before
    (dt.date(2024, 10, 10), "2024-10-03"),  # a Thursday: not the same day, a week before
    (dt.date(2024, 10, 9), "2024-10-03"),   # a Wednesday
])
def test_last_weekday_is_strictly_before_publication(published, expected):
    assert only("It was signed last Thursday.", published).date_start == expected


def test_plain_weekday_may_be_the_publication_day_itself():
    assert only("The ministry announced the ban on Wednesday.", PUBLISHED).date_start == "2024-10-09"


@pytest.mark.parametrize("sentence", [
    "From this sector, around 24,000 people earn their living, and when counting their families, "
    "we’re talking about 150,000 people.",
    "We will decide on Wed. what we do; we may act in 2,000 places.",
    "The March on Belgrade drew 2021 marchers and recent polls.",
    "Vucic announced plans for early parliamentary elections and later told the media.",
    "Deliveries of February 30, 2024 cannot exist.",
])
def test_no_false_positives(sentence):
    assert find_time_expressions(sentence) == []
    assert find_time_expressions(sentence, published=PUBLISHED) == []


def test_a_span_is_searched_alone_and_offsets_point_into_the_whole_text():
    text = "Yesterday the SVR spoke. Last week the ministry halted exports. Today it explained."
    second = text.index("Last week"), text.index(" Today")
    found = find_time_expressions(text, *second)
    assert [(e.text, e.start, e.end) for e in found] == [("Last week", second[0], second[0] + 9)]
    assert [e.text for e in find_time_expressions(text)] == ["Yesterday", "Last week", "Today"]


def test_more_than_one_expression_in_a_sentence_in_text_order():
    sentence = "Serbia, which applied for EU membership in 2009 and gained candidate status in 2012, waits."
    found = find_time_expressions(sentence)
    assert [e.text for e in found] == ["in 2009", "in 2012"]
    assert all(sentence[e.start:e.end] == e.text for e in found)


ARTICLE_EXPRESSIONS = {
    PESKOV_ARTICLE: ["in 2009", "in 2012", "on Tuesday", "last Thursday", "Earlier this year", "recently",
                     "over the past year"],
    VUCIC_ARTICLE: ["late Monday", "from now on", "in the future"],
}


@pytest.mark.parametrize("published", [None, PUBLISHED])
def test_bundled_articles_yield_exactly_their_real_expressions(workbook, published):
    texts = dict(zip(workbook.articles["article_id"], workbook.articles["text"]))
    found: dict[str, list[str]] = {article_id: [] for article_id in texts}
    for sentence in workbook.sentences.itertuples():
        text = texts[sentence.article_id]
        for expression in find_time_expressions(text, sentence.start, sentence.end, published):
            assert text[expression.start:expression.end] == expression.text
            assert sentence.start <= expression.start < expression.end <= sentence.end
            found[sentence.article_id].append(expression.text)
    assert found == ARTICLE_EXPRESSIONS


def test_dateparser_never_sees_a_sentence_without_a_calendar_phrase(workbook, monkeypatch):
    def refuse():
        raise AssertionError("dateparser was called")
    monkeypatch.setattr(patterns, "_dateparser", refuse)
    for text in workbook.articles["text"]:
        assert find_time_expressions(text)  # both articles have relative expressions, resolved by rules


def test_order_by_calendar_dates_across_articles():
    in_2009 = only("It applied in 2009.")
    in_2012 = only("It gained status in 2012.")
    assert compare(in_2009, in_2012) == -1
    assert compare(in_2012, in_2009) == 1
    assert compare(in_2009, only("Talks began in 2009.")) == 0
    since_2022 = only("Sales have grown since 2022.")  # its end is unknown, its start is not
    assert compare(in_2012, since_2022) == -1
    in_2024 = only("It happened in 2024.")
    assert compare(in_2024, only("It happened October 1, 2024.")) is None  # one inside the other


def test_order_within_a_dated_article():
    tuesday = only("Peskov spoke on Tuesday.", PUBLISHED)
    thursday = only("Vucic spoke last Thursday.", PUBLISHED)
    assert compare(thursday, tuesday) == -1
    assert compare(only("It applied in 2009.", PUBLISHED), thursday) == -1


def test_order_within_an_undated_article_needs_same_article():
    thursday = only("Vucic spoke last Thursday.")  # 7..1 days before publication
    from_now_on = only("From now on, exports stop.")  # publication on
    assert compare(thursday, from_now_on) is None  # offsets of two different articles mean nothing
    assert compare(thursday, from_now_on, same_article=True) == -1
    assert compare(from_now_on, thursday, same_article=True) == 1
    # both lie 6..0 days before publication, but which came first depends on the publication weekday
    monday, tuesday = only("It was announced late Monday."), only("Peskov spoke on Tuesday.")
    assert compare(monday, tuesday, same_article=True) is None
    assert compare(tuesday, only("Zakharova replied on Tuesday."), same_article=True) == 0
    # an undated article's relative offset cannot be set against a calendar date
    assert compare(thursday, only("It applied in 2009."), same_article=True) is None


def test_compare_is_antisymmetric_over_every_pair():
    samples = ([only(s, p) for s, *_ in RELATIVE for p in (PUBLISHED, None)]
               + [only(s, p) for s, *_ in ABSOLUTE for p in (PUBLISHED, None)])
    for a, b in itertools.product(samples, repeat=2):
        for same_article in (False, True):
            forward, backward = compare(a, b, same_article=same_article), compare(b, a, same_article=same_article)
            assert forward == (None if backward is None else -backward), (a, b)


_YEARLESS = st.builds(lambda month, day, direction: ("calendar", (None, month, day, direction)),
                      st.integers(1, 12), st.one_of(st.none(), st.integers(1, 31)), st.sampled_from(["past", "future"]))
_PERIODS = st.one_of(
    _YEARLESS,
    st.builds(lambda unit, shift, clip: ("unit", (unit, shift, clip)), st.sampled_from(["week", "month", "year"]),
              st.integers(-3, 3), st.sampled_from([None, "earlier", "later"])),
    st.builds(lambda weekday, mode: ("weekday", (weekday, mode)), st.integers(0, 6),
              st.sampled_from(["on", "last", "next", "upcoming"])),
    st.builds(lambda unit, count: ("window", (unit, count)), st.sampled_from(["day", "week", "month", "year"]),
              st.integers(1, 30)),
)
_READINGS = st.one_of(
    _PERIODS,
    st.builds(lambda inner, part: ("part", (*inner, part)), st.one_of(_YEARLESS, _PERIODS),
              st.sampled_from(["early", "mid", "late"])),
    st.builds(lambda inner: ("since", inner), _PERIODS),
)


@pytest.mark.property
@settings(max_examples=examples(60), deadline=None)
@given(_READINGS)
def test_the_envelope_over_turning_days_is_the_envelope_over_every_day(reading):
    """Relative intervals are the envelope of their offsets over every publication day of a leap
    cycle; it is taken over the few days where offsets can turn, and must come out the same."""
    rule, args = reading
    assert expressions._envelope(rule, args) == expressions._envelope(rule, args, expressions._REFERENCE_DAYS)


def test_the_envelope_of_a_yearless_day_turns_around_that_day():
    # "on March 5" in an undated article: from the day itself back to the day after the one a
    # year before (a leap year between makes it 365 days back).
    assert expressions._envelope("calendar", (None, 3, 5, "past")) == (-365.0, 0.0)
    assert expressions._envelope("calendar", (None, 3, 5, "future")) == (0.0, 365.0)
    assert expressions._envelope("weekday", (0, "last")) == (-7.0, -1.0)
