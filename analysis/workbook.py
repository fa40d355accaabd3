"""The Workbook: every table of one corpus, built by one pass through the pipeline.

Flow is one way: read files -> normalize -> parse once with spaCy -> each extractor adds its
tables. Notebooks only ever see the finished Workbook.
"""
from __future__ import annotations

import datetime as dt

from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from spacy.tokens import Doc

from analysis import actors, corpus, events, nlp, quotes, stances, timeline
from analysis.codebook import Codebook, load_codebook
from analysis.paths import resolve
from analysis.reader import DEFAULT_MAX_MB, Problem, read_corpus
from analysis.registry import Registry, load_registry
from analysis.schema import SPAN_COLUMN, frame, span_violations
from analysis.store import MANIFEST, read_tables


class StrictModeError(RuntimeError):
    """Raised instead of recording a problem when the caller asked for strictness."""


def _empty(table: str):
    return field(default_factory=lambda: frame(table, []))


@dataclass
class Workbook:
    articles: pd.DataFrame = _empty("articles")
    paragraphs: pd.DataFrame = _empty("paragraphs")
    sentences: pd.DataFrame = _empty("sentences")
    problems: pd.DataFrame = _empty("problems")
    actors: pd.DataFrame = _empty("actors")
    mentions: pd.DataFrame = _empty("mentions")
    quotes: pd.DataFrame = _empty("quotes")
    events: pd.DataFrame = _empty("events")
    timeline: pd.DataFrame = _empty("timeline")
    contradictions: pd.DataFrame = _empty("contradictions")
    stances: pd.DataFrame = _empty("stances")

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def span_violations(self) -> dict[str, pd.DataFrame]:
        """Per table, the rows where ``articles.text[start:end]`` is not the stored span."""
        return {name: span_violations(self.articles, name, table)
                for name, table in self.tables().items() if name in SPAN_COLUMN}


def build_workbook(data_dir: str | Path, *, strict: bool = False, max_mb: float = DEFAULT_MAX_MB,
                   progress: bool = False) -> Workbook:
    """Read and extract every article under ``data_dir``. Problems become rows, or, when
    ``strict``, a ``StrictModeError`` naming the first of them."""
    root = resolve(data_dir)
    if not root.exists():
        raise FileNotFoundError(f"no such file or folder: {root}")
    batch = read_corpus(root, max_mb=max_mb, progress=progress)
    if strict and batch.problems:
        raise StrictModeError(describe(batch.problems))
    spans = [corpus.paragraph_spans(article.text) for article in batch.articles]
    docs = list(nlp.parse(corpus.chunks(article.text, article_spans)
                          for article, article_spans in zip(batch.articles, spans)))
    tables = corpus.split(batch, docs, spans)
    tables.update(extract(tables, docs, load_registry(), load_codebook()))
    return Workbook(**tables)


def extract(tables: dict[str, pd.DataFrame], docs: list[Doc], registry: Registry,
            codebook: Codebook) -> dict[str, pd.DataFrame]:
    """The extractors, in dependency order, over articles already split and parsed."""
    articles = tables["articles"]
    article_ids, texts = articles["article_id"].tolist(), articles["text"].tolist()
    starts = tables["sentences"].groupby("article_id", sort=False)["start"].agg(list)
    paragraphs = tables["paragraphs"].groupby("article_id", sort=False)[["start", "end"]].apply(
        lambda frame_: list(zip(frame_["start"], frame_["end"])))
    found, quote_rows, event_rows = [], [], []
    for article_id, text, doc, published in zip(article_ids, texts, docs, _publication_days(articles)):
        sentence_starts = starts.get(article_id, [0])
        mentions = actors.find_mentions(text, doc, sentence_starts, registry)
        rows = quotes.extract_quotes(article_id, text, doc, paragraphs.get(article_id, []), sentence_starts, mentions)
        mentions = sorted(mentions + actors.first_person_mentions(doc, rows, registry, sentence_starts),
                          key=lambda m: (m.start, m.end))
        found.append(mentions)
        quote_rows += rows
        event_rows += events.event_rows(
            article_id, text, events.find_events(text, doc, mentions, codebook, registry, published), sentence_starts)
    names = actors.canonical_names(texts, found, registry)
    mention_table = actors.mentions_table(article_ids, texts, found, names)
    quote_table = quotes.quotes_table(quote_rows)
    event_table, timeline_table, contradictions = timeline.build_timeline(
        frame("events", event_rows), articles, registry, codebook)
    return {"mentions": mention_table, "actors": actors.actors_table(mention_table, found, registry),
            "quotes": quote_table, "events": event_table, "timeline": timeline_table,
            "contradictions": contradictions,
            "stances": stances.extract_stances(event_table, quote_table, codebook)}


def _publication_days(articles: pd.DataFrame) -> list[dt.date | None]:
    """Dates resolve against the publication day only when it is known to the day."""
    return [dt.date.fromisoformat(day) if precision == "day" and isinstance(day, str) else None
            for day, precision in zip(articles["published"], articles["published_precision"])]


def load_workbook(path: str | Path = "data/articles", **options) -> Workbook:
    """A Workbook from a folder of articles (extracted now) or from ``extract``'s output folder."""
    root = resolve(path)
    if (root / MANIFEST).exists():
        return Workbook(**read_tables(root))
    return build_workbook(root, **options)


def describe(problems: list[Problem]) -> str:
    first = problems[0]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{first.path}: {first.problem}: {first.detail}{more}"
