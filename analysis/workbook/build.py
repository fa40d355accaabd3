"""Building the Workbook: every table of one corpus, by one pass through the pipeline.

Flow is one way: read files -> normalize -> (per article, cached, on this machine's cores or a
cluster) parse once with spaCy and extract the article's own rows (``extraction``) -> cross-article
steps -> analysts' corrections. Notebooks only ever see the finished Workbook.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from analysis.corpus.reader import DEFAULT_MAX_MB, Problem, read_corpus
from analysis.paths import CACHE_DIR, CORRECTIONS_FILE, holds_tables, resolve
from analysis.registries.actors import load_registry
from analysis.registries.codebook import load_codebook
from analysis.schema import SPAN_COLUMN, frame, span_violations
from analysis.workbook.cache import Cache
from analysis.workbook.corrections import apply_corrections, load_corrections
from analysis.workbook.isolation import ARTICLE_SECONDS
from analysis.workbook.store import read_tables


class StrictModeError(RuntimeError):
    """Raised instead of recording a problem when the caller asked for strictness."""


def _empty(table: str):
    return field(default_factory=lambda: frame(table, []))


@dataclass
class Workbook:
    """Every table of one corpus as a pandas DataFrame (columns in ``analysis.schema``)."""

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
                   progress: bool = False, cache: Cache | None = None, engine: str = "auto",
                   scheduler: str | None = None, corrections_file: Path | None = CORRECTIONS_FILE,
                   article_seconds: float | None = ARTICLE_SECONDS) -> Workbook:
    """Read and extract every article under ``data_dir``. Problems become rows, or, when
    ``strict``, a ``StrictModeError`` naming the first of them; an article whose extraction fails
    or takes longer than ``article_seconds`` is such a problem, and is left out. With a
    ``cache``, articles extracted before under the same code, model, registry and codebook are
    not parsed again. The per-article work runs on every core (``engine="auto"``: "cores" when
    there are two or more and enough articles, else "local"), or over a Dask cluster
    (``engine="dask"``: ``scheduler`` address, or a local one of two workers). The analysts'
    corrections (``corrections_file``; None for the tables as extracted) are applied last, every
    corrected row marked in ``corrected_by``."""
    from analysis.workbook import extraction  # spaCy is imported only when there are articles to extract

    root = resolve(data_dir)
    if not root.exists():
        raise FileNotFoundError(f"no such file or folder: {root}")
    batch = read_corpus(root, max_mb=max_mb, progress=progress)
    if strict and batch.problems:
        raise StrictModeError(describe(batch.problems))
    registry, codebook = load_registry(), load_codebook()
    with cache.locked() if cache else nullcontext():
        batch, rows = extraction.per_article(batch, registry, codebook, cache, strict, engine, scheduler, progress,
                                             article_seconds)
    tables = extraction.combine(batch, rows, registry, codebook)
    if corrections_file is not None:
        tables = apply_corrections(tables, load_corrections(corrections_file, codebook))
    return Workbook(**tables)


def load_workbook(path: str | Path = "data/articles", corrections_file: str | Path | None = CORRECTIONS_FILE,
                  **options) -> Workbook:
    """A Workbook from a folder of articles (extracted now, through the cache, with the analysts'
    corrections applied) or from ``extract``'s output folder (corrected when it was written)."""
    root = resolve(path)
    if holds_tables(root):
        return Workbook(**read_tables(root))
    corrections = resolve(corrections_file) if corrections_file is not None else None
    return build_workbook(root, cache=Cache(CACHE_DIR), corrections_file=corrections, **options)


def describe(problems: list[Problem]) -> str:
    first = problems[0]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{first.path}: {first.problem}: {first.detail}{more}"
