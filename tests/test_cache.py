"""The incremental cache: same tables warm or cold, only new articles parsed, stale keys unused."""
from __future__ import annotations

import shutil

import pandas as pd

from analysis.corpus.reader import read_corpus
from analysis.paths import ACTORS_FILE, ARTICLES_DIR
from analysis.registries.actors import load_registry
from analysis.workbook import build_workbook
from analysis.workbook.cache import Cache, article_key


def test_warm_tables_equal_cold_ones_and_the_model_is_skipped(tmp_path, workbook):
    cache = Cache(tmp_path / "cache")
    build_workbook(ARTICLES_DIR, cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    warm = build_workbook(ARTICLES_DIR, cache=cache)
    assert (cache.hits, cache.misses) == (2, 0)
    for name, table in workbook.tables().items():
        pd.testing.assert_frame_equal(table, warm.tables()[name], obj=name)


def test_adding_one_article_extracts_only_that_one(tmp_path, write_articles):
    folder = write_articles({})
    for path in ARTICLES_DIR.glob("*.txt"):
        shutil.copy(path, folder)
    cache = Cache(tmp_path / "cache")
    build_workbook(folder, cache=cache)
    (folder / "new.txt").write_text("Defence Minister Bratislav Gasic said exports of ammunition would resume.")
    grown = build_workbook(folder, cache=cache)
    assert (cache.hits, cache.misses) == (2, 1)
    assert grown.articles["article_id"].tolist() == ["000_4703bdd0fc345c40", "001_db637072722872a7", "new"]
    assert "bratislav-gasic" in set(grown.mentions["actor_id"])


def test_a_registry_edit_changes_every_key(tmp_path):
    edited = tmp_path / "actors.yml"
    registry = ACTORS_FILE.read_text(encoding="utf-8")
    edited.write_text(registry.replace("aliases: [Vučić,", "aliases: [Vule, Vučić,"), encoding="utf-8")
    article = read_corpus(ARTICLES_DIR).articles[0]
    before = article_key(article, f"code|{load_registry().version}|codebook")
    after = article_key(article, f"code|{load_registry(edited).version}|codebook")
    assert load_registry(edited).lookup("Vule") == ("aleksandar-vucic", "alias")
    assert before != after
