"""Shared fixtures: the bundled articles are parsed once per test session (spaCy is the slow part)."""
from __future__ import annotations

import pytest

from analysis.paths import ARTICLES_DIR
from analysis.workbook import Workbook, build_workbook

VUCIC_ARTICLE = "001_db637072722872a7"   # the untitled one, "Vučić" with diacritics
PESKOV_ARTICLE = "000_4703bdd0fc345c40"  # titled, "Vucic" without


@pytest.fixture(scope="session")
def workbook() -> Workbook:
    return build_workbook(ARTICLES_DIR)


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
