"""Extraction: the per-article map (parse once with spaCy, then every rule on the article's own
text) and the cross-article steps after it (actor names, timeline, stances).

Kept apart from ``build`` so that reading extracted tables (a notebook kernel, a report) never
imports spaCy: ``build_workbook`` imports this module only when it has articles to extract.
"""
from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
from spacy.tokens import Doc

from analysis.corpus import tables as corpus
from analysis.corpus.reader import Article, Batch, Problem
from analysis.extract import actors, affiliation, coreference, datelines, events, nlp, stances, timeline
from analysis.extract.quotes import marks, referents, reports, rows, rules
from analysis.registries.actors import Registry, load_registry
from analysis.registries.codebook import Codebook, load_codebook
from analysis.registries.cues import load_cues
from analysis.schema import QUOTE_KINDS, TABLES, columns, frame
from analysis.workbook.build import StrictModeError, describe
from analysis.workbook.cache import KEY, PER_ARTICLE, Cache, article_key, code_version
from analysis.workbook.engine import run_partitions
from analysis.workbook.isolation import isolated

FAILED = "failed"  # a partition's problems: articles whose extraction failed, left out


def per_article(batch: Batch, registry: Registry, codebook: Codebook, cache: Cache | None, strict: bool,
                 engine: str, scheduler: str | None, progress: bool,
                 article_seconds: float | None) -> tuple[Batch, dict[str, pd.DataFrame]]:
    """Every article's own rows, from the cache or extracted now; the batch loses the articles
    whose extraction failed and gains their problems."""
    versions = f"{code_version()}|{registry.version}|{codebook.version}"
    keys = [article_key(article, versions) for article in batch.articles]
    cached = cache.lookup(keys) if cache else {table: pd.DataFrame({KEY: []}) for table in PER_ARTICLE}
    done = set(cached["paragraphs"][KEY])
    todo = [(key_, article) for key_, article in zip(keys, batch.articles) if key_ not in done]
    parts = run_partitions(partial(_extract_partition, article_seconds=article_seconds), todo, engine, scheduler,
                           progress)
    fresh = {table: pd.concat([part[table] for part in parts] or [_typed(table, [])], ignore_index=True)
             for table in (*PER_ARTICLE, FAILED)}
    failed = [Problem(path, problem, detail) for path, problem, detail
              in zip(fresh[FAILED]["path"], fresh[FAILED]["problem"], fresh[FAILED]["detail"])]
    if strict and failed:
        raise StrictModeError(describe(failed))
    left_out = set(fresh[FAILED][KEY])
    batch = Batch([a for k, a in zip(keys, batch.articles) if k not in left_out], batch.problems + failed)
    keys = [k for k in keys if k not in left_out]
    per_article = {table: _in_article_order(pd.concat([cached[table], fresh[table]], ignore_index=True), keys)
                   for table in PER_ARTICLE}
    if cache and todo:
        cache.store(per_article)
    return batch, per_article


def _extract_partition(todo: list[tuple[str, Article]], article_seconds: float | None) -> dict[str, pd.DataFrame]:
    """Parse a slice of the articles not in the cache (one spaCy stream) and extract their own
    rows, each article isolated: one that fails or runs out of time is a row of ``FAILED``
    instead. A top-level function of plain arguments, so a Dask worker can run it."""
    registry, codebook = load_registry(), load_codebook()
    spans = [corpus.paragraph_spans(article.text) for _, article in todo]
    rows: dict[str, list[dict]] = {table: [] for table in (*PER_ARTICLE, FAILED)}
    for (key_, article), article_spans, parsed in zip(todo, spans, _parsed([a for _, a in todo], spans)):
        found, problem = (parsed, None) if isinstance(parsed, Problem) else isolated(
            article, partial(extract_article, article, article_spans, parsed, registry, codebook), article_seconds)
        if not isinstance(parsed, Problem):
            nlp.forget(parsed)
        if isinstance(parsed, Problem) or problem is not None:
            rows[FAILED].append(vars(problem or parsed) | {KEY: key_})
            continue
        for table, table_rows in found.items():
            rows[table] += [row | {KEY: key_} for row in table_rows]
    return {table: _typed(table, table_rows) for table, table_rows in rows.items()}


def _parsed(articles: list[Article], spans: list[list[tuple[int, int]]]) -> list[Doc | Problem]:
    """One Doc per article from one spaCy stream; should the stream fail, each article is parsed
    alone, so that only the article the parser cannot take is lost."""
    texts = [corpus.chunks(article.text, article_spans, _dateline_end(article.text, article_spans))
             for article, article_spans in zip(articles, spans)]
    try:
        return list(nlp.parse(texts))
    except Exception:  # noqa: BLE001 -- find the article that broke the stream
        return [doc if problem is None else Problem(problem.path, "parse failed", problem.detail)
                for article, chunked in zip(articles, texts)
                for doc, problem in [isolated(article, lambda chunked=chunked: next(nlp.parse([chunked])), None)]]


def _quotations(quote_rows: list[dict]) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, cue_start)`` of the quotations whose reporting verb is known."""
    return tuple((row["start"], row["end"], row["cue_start"]) for row in quote_rows
                 if row["kind"] in QUOTE_KINDS and row.get("cue_start") is not None)


def _dateline_end(text: str, spans: list[tuple[int, int]]) -> tuple[int, ...]:
    dateline = datelines.find_dateline(text, spans)
    return (dateline.end,) if dateline is not None else ()


def extract_article(article: Article, spans: list[tuple[int, int]], doc: Doc, registry: Registry,
                    codebook: Codebook) -> dict[str, list[dict]]:
    """Everything that one article yields on its own, step by step: sentences, actor mentions,
    quotes and their speakers, reported speech, first-person mentions inside quotes, events. These
    are the rows the cache keeps."""
    text, article_id = article.text, article.article_id
    sentences = corpus.sentence_rows(article, spans, nlp.sentences(doc))
    sentence_starts = [row["start"] for row in sentences] or [0]
    dateline = datelines.find_dateline(text, spans)
    found, genders = actors.find_mentions(text, doc, sentence_starts, registry, dateline)
    context = marks.quote_context(text, doc, spans, sentence_starts, found)
    passages = referents.resolve_speakers(context, rules.attribute_quotes(context) + reports.reported(context), genders)
    quote_rows = rows.quote_rows(article_id, text, sentence_starts, passages)
    found = found + coreference.first_person_mentions(doc, quote_rows, registry, sentence_starts)
    published = _publication_day(article.published, article.published_precision)
    return {
        "paragraphs": corpus.paragraph_rows(article, spans),
        "sentences": sentences,
        "mentions": actors.mention_rows(article_id, text, found),
        "quotes": quote_rows,
        "events": events.event_rows(article_id, text,
                                    events.find_events(text, doc, found, codebook, registry, published, dateline,
                                                       _quotations(quote_rows)),
                                    sentence_starts),
    }


def combine(batch: Batch, per_article: dict[str, pd.DataFrame], registry: Registry,
            codebook: Codebook) -> dict[str, pd.DataFrame]:
    """The cross-article steps, after the per-article map: canonical names of new actors, the
    actors table, the timeline and its contradictions, stances."""
    sentences = frame("sentences", per_article["sentences"])
    mentions = per_article["mentions"]
    names = actors.canonical_names(mentions, registry)
    mentions = mentions.assign(name=[names.get(a, n) for a, n in columns(mentions, "actor_id", "name")])
    quote_table = frame("quotes", per_article["quotes"])
    articles = corpus.articles_table(batch.articles, sentences)
    acts_for = affiliation.affiliations(mentions, dict(columns(articles, "article_id", "text")), registry)
    event_table, timeline_table, contradictions = timeline.build_timeline(
        frame("events", per_article["events"]), articles, mentions, registry, codebook, acts_for)
    return {
        "articles": articles, "paragraphs": frame("paragraphs", per_article["paragraphs"]), "sentences": sentences,
        "problems": corpus.problems_table(batch.problems), "actors": actors.actors_table(mentions, registry, acts_for),
        "mentions": frame("mentions", mentions), "quotes": quote_table, "events": event_table,
        "timeline": timeline_table, "contradictions": contradictions,
        "stances": stances.extract_stances(event_table, quote_table, codebook, load_cues()),
    }


def _typed(table: str, rows: list[dict]) -> pd.DataFrame:
    """Per-article rows with the schema's dtypes (and the cache key; mentions keep their type;
    ``FAILED`` rows are ``problems`` rows). Built column by column, each typed as it is made: a
    frame of the row dicts, typed after, costs twice as much."""
    if table == FAILED:
        return _typed("problems", rows)
    dtypes = TABLES[table] | {KEY: "string"} | ({"type": "string"} if table == "mentions" else {})
    return pd.DataFrame({column: pd.array([row.get(column) for row in rows], dtype=dtype)
                         for column, dtype in dtypes.items()})


def _in_article_order(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows grouped by article in corpus order, each article's rows in the order extracted."""
    position = {key_: number for number, key_ in enumerate(keys)}
    return rows.iloc[rows[KEY].map(position).argsort(kind="stable")].reset_index(drop=True)


def _publication_day(published: str | None, precision: str) -> dt.date | None:
    """Dates resolve against the publication day only when it is known to the day."""
    return dt.date.fromisoformat(published) if precision == "day" and isinstance(published, str) else None
