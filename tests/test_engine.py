"""Every engine gives the same tables as the local one, and Dask's partitioned output reads back."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.workbook import build_workbook, engine
from analysis.workbook.store import read_tables

FIXTURES_DIR = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def fixture_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for article in FIXTURES_DIR.glob("*.txt"):
        shutil.copy(article, folder)
    return folder


def test_the_cores_engine_tables_equal_the_local_engine(fixture_folder):
    local = build_workbook(fixture_folder, engine="local")
    forked = build_workbook(fixture_folder, engine="cores")  # 5 articles: 5 partitions over the cores
    assert len(local.events) and len(local.quotes)
    for name, table in local.tables().items():
        pd.testing.assert_frame_equal(table, forked.tables()[name], obj=name)


def test_auto_uses_the_cores_only_when_there_are_several_and_enough_articles(monkeypatch):
    monkeypatch.setattr(engine, "cores", lambda: 2)
    assert engine.chosen("auto", 3) == "local" and engine.chosen("auto", 4) == "cores"
    monkeypatch.setattr(engine, "cores", lambda: 1)
    assert engine.chosen("auto", 1000) == "local"
    assert engine.chosen("dask", 1) == "dask"


@pytest.mark.slow
def test_dask_local_cluster_tables_equal_the_local_engine(fixture_folder, monkeypatch):
    monkeypatch.setattr("analysis.workbook.engine.ARTICLES_PER_PARTITION", 2)  # 5 articles: 3 partitions, 2 workers
    local = build_workbook(fixture_folder)
    spread = build_workbook(fixture_folder, engine="dask")
    assert len(local.events) and len(local.quotes)
    for name, table in local.tables().items():
        pd.testing.assert_frame_equal(table, spread.tables()[name], obj=name)


@pytest.mark.slow
def test_extract_on_dask_writes_partitioned_parquet_that_reads_back(fixture_folder, tmp_path):
    out = tmp_path / "tables"
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(fixture_folder), "--out", str(out),
                             "--engine", "dask", "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (out / "quotes.parquet").is_dir() and list((out / "quotes.parquet").glob("part-*.parquet"))
    tables = read_tables(out)
    local = build_workbook(fixture_folder)
    for name, table in local.tables().items():
        pd.testing.assert_frame_equal(table, tables[name], obj=name)
