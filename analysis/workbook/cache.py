"""Per-article extraction results kept between runs, so an unchanged corpus skips the model.

An article's key hashes its text, id and publication day together with everything that shapes
its rows: the code of ``analysis/``, the model, the registry, the codebook and the cue lists.
Change any of them and the keys change, so stale rows are never reused; a changed registry
re-extracts every article, as it must (its matches can be anywhere). The cache is one parquet
file per per-article table under ``build/cache/``, replaced as a whole only when something new
was extracted, holding exactly the keys of the last run.
"""
from __future__ import annotations

import fcntl
import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.corpus.reader import Article
from analysis.paths import CUES_FILE, PACKAGE_DIR, shown
from analysis.workbook.store import replace_folder

PER_ARTICLE = ("paragraphs", "sentences", "mentions", "quotes", "events")
EXTRACTION_STAGES = ("corpus", "registries", "extract")
KEY = "cache_key"


@cache
def code_version() -> str:
    """A hash of the code that shapes an article's rows (the corpus, registries and extract stages,
    the per-article map and the schema) and of the cue lists: a change there invalidates the cache, a change to a
    notebook helper does not."""
    from analysis.extract.nlp import MODEL  # imported here: reading tables never loads spaCy

    digest = hashlib.sha256(MODEL.encode())
    stages = [path for stage in EXTRACTION_STAGES for path in sorted((PACKAGE_DIR / stage).rglob("*.py"))]
    for path in stages + [PACKAGE_DIR / "workbook" / "extraction.py", PACKAGE_DIR / "schema.py", CUES_FILE]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(article: Article, versions: str) -> str:
    """The cache key of one article's rows under the given code and data versions."""
    fields = (versions, article.article_id, article.sha256, str(article.published), article.published_precision)
    return hashlib.sha256("|".join(fields).encode()).hexdigest()[:24]


class Cache:
    """Results by article key; ``hits`` and ``misses`` count the last build's articles.

    Safe under kill and under concurrent runs: the folder is replaced as a whole (a run sees one
    run's rows, all of them), and ``locked`` keeps two runs from reading and writing it at once
    (the second waits, saying so)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = self.misses = 0

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cache for one build: from its lookup to its store."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        with open(self.folder.parent / f".{self.folder.name}.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"waiting: another extract is using {shown(self.folder)}", file=sys.stderr, flush=True)
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def lookup(self, keys: list[str]) -> dict[str, pd.DataFrame]:
        """Cached rows of the given keys, per table (empty frames when nothing is cached, or when
        what is there cannot be read: the articles are then extracted again)."""
        wanted = set(keys)
        try:
            rows = {table: pd.read_parquet(self.folder / f"{table}.parquet") for table in PER_ARTICLE}
        except (OSError, ValueError):  # no cache yet, or one from a version of pyarrow that is gone
            rows = {table: pd.DataFrame({KEY: pd.Series(dtype="string")}) for table in PER_ARTICLE}
        found = {table: table_rows[table_rows[KEY].isin(wanted)] for table, table_rows in rows.items()}
        cached = set(found["sentences"][KEY]) | set(found["paragraphs"][KEY])
        self.hits = len(wanted & cached)
        self.misses = len(wanted) - self.hits
        return found

    def store(self, tables: dict[str, pd.DataFrame]) -> None:
        """Replace the cache with exactly these rows (the current corpus)."""
        def fill(folder: Path) -> None:
            for table in PER_ARTICLE:
                tables[table].to_parquet(folder / f"{table}.parquet", index=False)
        replace_folder(self.folder, fill)
