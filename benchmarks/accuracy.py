"""Precision and recall of every extractor against the hand-made gold.

    .venv/bin/python -m benchmarks.accuracy

Scores the bundled articles (``tests/gold/``, with the cross-article timeline) and the fixtures
(``tests/fixtures/*.gold.yml``) separately, since the rules were first written on the former.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.paths import ARTICLES_DIR, FIXTURES_DIR, GOLD_DIR
from analysis.workbook import Workbook, build_workbook
from evaluation.gold import Report, load_gold, score_article, score_timeline


def score_set(workbook: Workbook, gold_paths: list[Path]) -> Report:
    texts = dict(zip(workbook.articles["article_id"], workbook.articles["text"]))
    total = Report()
    for path in gold_paths:
        gold = load_gold(path)
        total = total.add(score_article(texts[gold["article_id"]], gold, workbook, gold["article_id"]))
    return total


def main() -> int:
    pd.set_option("display.width", 120)
    started = time.perf_counter()
    bundled = build_workbook(ARTICLES_DIR)
    report = score_set(bundled, sorted(p for p in GOLD_DIR.glob("*.yml") if p.stem != "timeline"))
    texts = dict(zip(bundled.articles["article_id"], bundled.articles["text"]))
    report.scores.update(score_timeline(load_gold(GOLD_DIR / "timeline.yml"), texts, bundled.events,
                                        bundled.timeline, bundled.contradictions))
    print("Bundled articles (tests/gold):")
    print(report.table().to_string(index=False))
    with tempfile.TemporaryDirectory() as folder:
        for article in FIXTURES_DIR.glob("*.txt"):
            shutil.copy(article, folder)
        fixtures = build_workbook(folder)
    print("\nFixtures (tests/fixtures):")
    print(score_set(fixtures, sorted(FIXTURES_DIR.glob("*.gold.yml"))).table().to_string(index=False))
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
