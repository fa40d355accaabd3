"""Shared fixtures: the bundled articles are parsed once per test session (spaCy is the slow part).

Property tests are deterministic by default (the ``ci`` profile: a fixed derivation of examples,
no example database), so a run of ``make test`` gives the same verdict on every machine. ``make
fuzz`` loads the ``fuzz`` profile instead: random examples, many more of them (``examples``).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from analysis.paths import ARTICLES_DIR
from analysis.workbook import Workbook, build_workbook

VUCIC_ARTICLE = "001_db637072722872a7"   # the untitled one, "Vučić" with diacritics
PESKOV_ARTICLE = "000_4703bdd0fc345c40"  # titled, "Vucic" without

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ_SCALE = 4  # how many times more examples one fuzz run tries than CI (make fuzz runs many)
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A property test's number of examples: ``count`` in CI, many more when fuzzing."""
    return count * FUZZ_SCALE if PROFILE == "fuzz" else count


@pytest.fixture(scope="session")
def workbook() -> Workbook:
    return build_workbook(ARTICLES_DIR)


def passages_workbook(folder: Path, articles: dict[str, str | tuple[str | None, str]], **options) -> Workbook:
    """The workbook of short passages written for a test module, one ``<name>.txt`` each; a
    ``(published, text)`` pair is written with front matter giving that id and publication day
    (None: unknown)."""
    for name, article in articles.items():
        if isinstance(article, tuple):
            published, text = article
            text = f"---\nid: {name}\npublished: {published or 'null'}\n---\n{text}"
        else:
            text = article
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return build_workbook(folder, **options)


@pytest.fixture
def write_articles(tmp_path):
    """Write ``{name: text or bytes}`` into a fresh folder and return it."""
    def write(files: dict[str, str | bytes]):
        folder = tmp_path / "articles"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return folder
    return write
