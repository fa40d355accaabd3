"""The tables the notebooks show, computed here so that they are tested.

Each function takes Workbook tables and returns a DataFrame. Each copes with empty input, because
the extraction tables stay empty until their extractor has run and a selection may leave nothing:
"nothing to show" is a normal answer, printed as a sentence, never a traceback.
"""
from __future__ import annotations

import pandas as pd

from analysis.notebook.params import split_list
from analysis.schema import AGAINST, FAVOR, PUBLISHED_PRECISIONS
from analysis.workbook import Workbook

PERIODS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
UNKNOWN = "(unknown)"
UNATTRIBUTED = "(unattributed)"
LABEL_LENGTH = 60
REFERENCE_METHODS = ("pronoun", "role")  # mentions found by context, not by a spelling of the name


def article_overview(workbook: Workbook) -> pd.DataFrame:
    """One row per article with its metadata and size in paragraphs, sentences, words, chars."""
    paragraphs = workbook.paragraphs.groupby("article_id").size()
    sentences = workbook.sentences.groupby("article_id").size()
    table = workbook.articles[["article_id", "title", "title_derived", "source", "published",
                               "published_precision", "n_words", "n_chars"]].copy()
    table.insert(6, "n_paragraphs", table["article_id"].map(paragraphs).fillna(0).astype("Int64"))
    table.insert(7, "n_sentences", table["article_id"].map(sentences).fillna(0).astype("Int64"))
    return table.reset_index(drop=True)


def source_counts(articles: pd.DataFrame) -> pd.DataFrame:
    table = articles.assign(source=articles["source"].fillna(UNKNOWN))
    return (table.groupby("source", as_index=False)
            .agg(n_articles=("article_id", "size"), n_words=("n_words", "sum"))
            .sort_values(["n_articles", "source"], ascending=[False, True], ignore_index=True))


def date_precision_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many publication dates are known to the day, month or year, and how many not at all;
    every precision is listed, so a zero is visible."""
    counts = articles["published_precision"].fillna("unknown").value_counts()
    return pd.DataFrame({"published_precision": PUBLISHED_PRECISIONS,
                         "n_articles": [int(counts.get(precision, 0)) for precision in PUBLISHED_PRECISIONS]})


def titles(articles: pd.DataFrame) -> pd.DataFrame:
    return articles[["article_id", "title", "title_derived"]].reset_index(drop=True)


def problem_counts(problems: pd.DataFrame) -> pd.DataFrame:
    return (problems.groupby("problem", as_index=False).agg(n_files=("path", "nunique"))
            .sort_values(["n_files", "problem"], ascending=[False, True], ignore_index=True))


def actor_names(actors: pd.DataFrame, mentions: pd.DataFrame | None = None) -> dict[str, str]:
    """actor_id -> canonical name: from the actors table, else the name the mentions carry."""
    names = dict(zip(mentions["actor_id"], mentions["name"])) if mentions is not None else {}
    names.update(zip(actors["actor_id"], actors["name"]))
    return {str(key): str(value) for key, value in names.items() if pd.notna(key)}


def named(actor_ids: pd.Series, actors: pd.DataFrame) -> pd.Series:
    """Canonical names for a column of actor ids (the id itself when the actor is unknown)."""
    return actor_ids.map(actor_names(actors)).astype("string").fillna(actor_ids)


def mention_counts(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    names = actor_names(actors, mentions)
    table = (mentions.groupby("actor_id", as_index=False)
             .agg(n_mentions=("start", "size"), n_articles=("article_id", "nunique")))
    table.insert(1, "name", table["actor_id"].map(names))
    return table.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)


def mentions_by_article(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actor x article mention counts, busiest actor first, the total before the articles (a
    report shows the first columns of a wide grid)."""
    if mentions.empty:
        return pd.DataFrame(columns=["name", "total"])
    names = actor_names(actors, mentions)
    table = pd.crosstab(mentions["actor_id"].map(names), mentions["article_id"])
    table.insert(0, "total", table.sum(axis=1))
    table = table.rename_axis(index="name", columns=None).reset_index()
    return table.sort_values(["total", "name"], ascending=[False, True], ignore_index=True)


def spellings(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Which written forms of a name were merged into each actor, and how often each occurs
    (most frequent first, alphabetical among equals); pronouns and role phrases ("he", "the
    Serbian President") are listed apart, being references resolved by context rather than
    spellings. One grouping for the whole table: a corpus has thousands of actors."""
    names = actor_names(actors, mentions)
    aliases = dict(zip(actors["actor_id"], actors["aliases"]))
    forms = (mentions.assign(by_context=mentions["method"].isin(REFERENCE_METHODS))
             .groupby(["actor_id", "by_context", "surface"], sort=False).size().rename("n").reset_index()
             .sort_values(["n", "surface"], ascending=[False, True], kind="stable"))
    forms["form"] = forms["surface"] + " ×" + forms["n"].astype(str)
    joined = forms.groupby(["actor_id", "by_context"], sort=False)["form"].agg("; ".join).to_dict()
    counted = forms[~forms["by_context"]].groupby("actor_id").size().to_dict()
    rows = [{"name": names.get(actor_id, actor_id), "n_spellings": counted.get(actor_id, 0),
             "spellings": joined.get((actor_id, False), ""), "references": joined.get((actor_id, True), ""),
             "registry_aliases": "; ".join(split_list(aliases.get(actor_id)))}
            for actor_id in mentions["actor_id"].dropna().drop_duplicates()]
    table = pd.DataFrame(rows, columns=["name", "n_spellings", "spellings", "references", "registry_aliases"])
    return table.sort_values(["n_spellings", "name"], ascending=[False, True], ignore_index=True)


def cooccurrence(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Pairs of different actors named in the same sentence: how many sentences, in how many
    articles (one self-join of the sentences' actors, not a loop over sentences)."""
    names = actor_names(actors, mentions)
    present = mentions.dropna(subset=["actor_id"])
    present = present.assign(name=[names.get(actor_id, actor_id) for actor_id in present["actor_id"]])
    present = present[["article_id", "sentence_id", "name"]].drop_duplicates()
    pairs = present.merge(present, on=["article_id", "sentence_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["name_a"] < pairs["name_b"]].rename(columns={"name_a": "actor_a", "name_b": "actor_b"})
    table = (pairs.groupby(["actor_a", "actor_b"], as_index=False)
             .agg(n_sentences=("article_id", "size"), n_articles=("article_id", "nunique")))
    return table.sort_values(["n_sentences", "actor_a", "actor_b"], ascending=[False, True, True],
                             ignore_index=True)


def speaker_names(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Who each quote is attributed to: the actor's canonical name, else the words the article
    used, else "(unattributed)"."""
    resolved = quotes["speaker_actor_id"].map(actor_names(actors)).astype("string")
    return resolved.fillna(quotes["speaker"]).fillna(UNATTRIBUTED)


def quotes_per_speaker(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    table = quotes.assign(speaker_name=speaker_names(quotes, actors))
    counts = (table.groupby("speaker_name")
              .agg(n_quotes=("start", "size"), n_articles=("article_id", "nunique"),
                   mean_confidence=("confidence", "mean")))
    kinds = pd.crosstab(table["speaker_name"], table["kind"]).add_prefix("n_") if not table.empty else None
    if kinds is not None:
        counts = counts.join(kinds)
    counts["mean_confidence"] = counts["mean_confidence"].astype(float).round(2)
    counts = counts.rename_axis("speaker").reset_index()
    return counts.sort_values(["n_quotes", "speaker"], ascending=[False, True], ignore_index=True)


def on_topic(stances: pd.DataFrame, topic: str | None) -> pd.DataFrame:
    return stances if topic is None else stances[stances["topic"] == topic].reset_index(drop=True)


def stance_matrix(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actor x topic: stances in favor, against and neutral, and a score from -1 (always
    against) to +1 (always in favor). The polarities are the stance extractor's (codebook.yml)."""
    columns = ["name", "topic", "n_stances", "n_favor", "n_against", "n_other", "n_articles", "score"]
    if stances.empty:
        return pd.DataFrame(columns=columns)
    table = stances.assign(name=named(stances["actor_id"], actors),
                           is_favor=stances["polarity"] == FAVOR, is_against=stances["polarity"] == AGAINST)
    grouped = table.groupby(["name", "topic"], as_index=False).agg(
        n_stances=("polarity", "size"), n_favor=("is_favor", "sum"), n_against=("is_against", "sum"),
        n_articles=("article_id", "nunique"))
    grouped["n_other"] = grouped["n_stances"] - grouped["n_favor"] - grouped["n_against"]
    grouped["score"] = ((grouped["n_favor"] - grouped["n_against"]) / grouped["n_stances"]).astype(float).round(2)
    return grouped[columns].sort_values(["topic", "name"], ignore_index=True)


def stance_evidence(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every stance with the words that carry it: the evidence behind each heatmap cell."""
    table = stances.assign(name=named(stances["actor_id"], actors))
    table = table.sort_values(["topic", "name", "article_id", "start"], ignore_index=True)
    return table[["name", "topic", "polarity", "target", "article_id", "evidence", "confidence"]]


def actor_quotes(quotes: pd.DataFrame, actor_id: str | None) -> pd.DataFrame:
    table = quotes[quotes["speaker_actor_id"] == actor_id] if actor_id else quotes.iloc[0:0]
    table = table.sort_values(["article_id", "start"], ignore_index=True)
    return table[["article_id", "kind", "text", "cue", "confidence"]]


def oppositions(stances: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Who opposes whom on which topic: stances that name their target, and actors who take
    opposite sides of one topic (an opponent facing a supporter)."""
    table = stances.assign(name=named(stances["actor_id"], actors))
    columns = ["topic", "actor", "opposes", "basis", "evidence"]
    stated = table[(table["polarity"] == AGAINST) & table["target"].notna()]
    rows = [(row.topic, row.name, row.target, "stated", row.evidence) for row in stated.itertuples()]
    matrix = stance_matrix(stances, actors)
    for topic, group in matrix.groupby("topic"):
        supporters = group[group["score"] > 0]["name"].tolist()
        for opponent in group[group["score"] < 0].itertuples():
            evidence = table[(table["name"] == opponent.name) & (table["topic"] == topic)
                             & (table["polarity"] == AGAINST)]["evidence"].iloc[0]
            rows += [(topic, opponent.name, supporter, "opposite sides", evidence) for supporter in supporters]
    result = pd.DataFrame(rows, columns=columns).drop_duplicates(["topic", "actor", "opposes"])
    return result.sort_values(["topic", "actor", "opposes"], ignore_index=True)


def date_interval(start: object, end: object, precision: object = None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day an event may cover. A date is as wide as its precision says: "2025-05"
    or a month-precision "2025-05-01" without an end covers all of May. ``None`` when undated."""
    if not _filled(start):
        return None
    if _filled(end):
        first, last = pd.Period(start.strip()).start_time, pd.Period(end.strip()).end_time
    else:
        period = pd.Period(start.strip(), freq=PERIODS.get(precision) if isinstance(precision, str) else None)
        first, last = period.start_time, period.end_time
    return first.normalize(), max(first, last).normalize()


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def timeline_rows(timeline: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The merged events in their order, each with the first and last day it may cover."""
    intervals = [date_interval(start, end, precision) for start, end, precision in
                 zip(timeline["date_start"], timeline["date_end"], timeline["date_precision"])]
    table = timeline.assign(
        actor=named(timeline["actor_id"], actors),
        first_day=pd.Series([interval[0] if interval else pd.NaT for interval in intervals],
                            index=timeline.index, dtype="datetime64[ns]"),
        last_day=pd.Series([interval[1] if interval else pd.NaT for interval in intervals],
                           index=timeline.index, dtype="datetime64[ns]"),
    ).sort_values(["order", "timeline_id"], ignore_index=True)
    return table[["order", "timeline_id", "story_id", "story", "date_text", "date_anchor", "date_precision",
                  "first_day", "last_day", "event_type", "actor", "scope", "n_mentions", "order_basis", "summary"]]


def story_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per story (``timeline_rows``): its label, how many events, the days they cover."""
    if rows.empty:
        return pd.DataFrame(columns=["story_id", "story", "n_events", "n_undated", "first_day", "last_day"])
    return rows.groupby(["story_id", "story"], sort=False).agg(
        n_events=("timeline_id", "size"), n_undated=("first_day", lambda days: int(days.isna().sum())),
        first_day=("first_day", "min"), last_day=("last_day", "max")).reset_index() \
        .sort_values("story_id", ignore_index=True)


def event_mentions(events: pd.DataFrame, timeline_id: int | None = None) -> pd.DataFrame:
    """How each merged event is reported, article by article."""
    table = events if timeline_id is None else events[events["timeline_id"] == timeline_id]
    table = table.sort_values(["timeline_id", "article_id", "start"], ignore_index=True)
    return table[["timeline_id", "article_id", "event_type", "trigger", "evidence", "date_text",
                  "date_precision", "confidence"]]


def causes(events: pd.DataFrame) -> pd.DataFrame:
    table = events[events["cause"].notna()].sort_values(["timeline_id", "article_id", "start"], ignore_index=True)
    return table[["timeline_id", "article_id", "event_type", "cause", "evidence"]]


def contradiction_table(contradictions: pd.DataFrame) -> pd.DataFrame:
    table = contradictions.sort_values(["timeline_id", "article_a", "start_a"], ignore_index=True)
    return table[["timeline_id", "what", "article_a", "claim_a", "article_b", "claim_b"]]


def short_label(text: str) -> str:
    """At most ``LABEL_LENGTH`` characters, cut at a word, never inside one."""
    if len(text) <= LABEL_LENGTH:
        return text
    cut = text[:LABEL_LENGTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
