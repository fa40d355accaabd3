"""Per-article extraction results kept between runs, so an unchanged corpus skips the model.

An article's key hashes its text, id and publication day together with everything that shapes
its rows: the code of ``analysis/``, the model, the registry, the codebook and the cue lists.
Change any of them and the keys change, so stale rows are never reused; a changed registry
re-extracts every article, as it must (its matches can be anywhere). The cache is one parquet
file per per-article table under ``build/cache/``, rewritten only when something new was
extracted, holding exactly the keys of the last run.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.corpus.reader import Article
from analysis.extract.nlp import MODEL
from analysis.paths import CUES_FILE, PACKAGE_DIR
from analysis.workbook.store import atomic_write

PER_ARTICLE = ("paragraphs", "sentences", "mentions", "quotes", "events")
EXTRACTION_STAGES = ("corpus", "registries", "extract")
KEY = "cache_key"


@cache
def code_version() -> str:
    """A hash of the code that shapes an article's rows (the corpus, registries and extract stages
    and the schema) and of the cue lists: a change there invalidates the cache, a change to a
    notebook helper does not."""
    digest = hashlib.sha256(MODEL.encode())
    stages = [path for stage in EXTRACTION_STAGES for path in sorted((PACKAGE_DIR / stage).rglob("*.py"))]
    for path in stages + [PACKAGE_DIR / "schema.py", CUES_FILE]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(article: Article, versions: str) -> str:
    """The cache key of one article's rows under the given code and data versions."""
    fields = (versions, article.article_id, article.sha256, str(article.published), article.published_precision)
    return hashlib.sha256("|".join(fields).encode()).hexdigest()[:24]


class Cache:
    """Results by article key; ``hits`` and ``misses`` count the last build's articles."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = self.misses = 0

    def lookup(self, keys: list[str]) -> dict[str, pd.DataFrame]:
        """Cached rows of the given keys, per table (empty frames when nothing is cached)."""
        wanted = set(keys)
        found = {}
        for table in PER_ARTICLE:
            path = self.folder / f"{table}.parquet"
            rows = pd.read_parquet(path) if path.exists() else pd.DataFrame({KEY: pd.Series(dtype="string")})
            found[table] = rows[rows[KEY].isin(wanted)]
        cached = set(found["sentences"][KEY]) | set(found["paragraphs"][KEY])
        self.hits = len(wanted & cached)
        self.misses = len(wanted) - self.hits
        return found

    def store(self, tables: dict[str, pd.DataFrame]) -> None:
        """Replace the cache with exactly these rows (the current corpus)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in PER_ARTICLE:
            atomic_write(self.folder / f"{table}.parquet", lambda tmp, t=tables[table]: t.to_parquet(tmp, index=False))
