"""Speaker names on news outside PolNeAR: the hand-read sets of ``tests/gold/news``.

    .venv/bin/python -m benchmarks.speakers --set horne2017|ggt2019|fakeorreal2016 --texts FOLDER [--misses]

The texts are public but not bundled; ``tests/gold/README.md`` says where each set's articles come
from and how their files are named. ``horne2017`` (2016 US political news) was read and its misses
studied in session 17, ``fakeorreal2016`` (2015-2016 US political news) in session 20; ``ggt2019``
(Canadian news, 2018-2019) is sealed: figures only, so it stays text the rules were not written for.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.workbook import build_workbook
from evaluation.news import SEALED, judge_news, misaligned, news_file, news_scores, read_news

SETS = ("horne2017", "ggt2019", "fakeorreal2016")
MISS_COLUMNS = ["article_id", "quote_start", "source_kind", "referent", "speaker", "speaker_surface",
                "speaker_resolution"]


def report(name: str, texts: Path, misses: bool) -> str:
    hashes, rows = read_news(news_file(name))
    workbook = build_workbook(texts)
    if wrong := misaligned(hashes, workbook.articles):
        raise ValueError(f"{len(wrong)} articles are missing or read as other texts (first: {wrong[0]}); "
                         "prepare the folder as tests/gold/README.md says")
    judged = judge_news(workbook.quotes, rows)
    lines = [f"{name}: {len(hashes)} articles, {len(rows)} quotes read, {int(judged['found'].sum())} found",
             "speaker names the referent, found quotes:"]
    for kind, (ratio, (low, high)) in news_scores(judged).items():
        lines.append(f"  {kind:<20} {ratio}, 95 % by article {low:.3f}-{high:.3f}")
    if misses:
        wrong_rows = judged[judged["found"] & ~judged["name_right"].fillna(True)]
        with pd.option_context("display.width", 200, "display.max_colwidth", 40, "display.max_rows", None):
            lines += ["", wrong_rows[MISS_COLUMNS].to_string(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=SETS, required=True, help="which hand-read set")
    parser.add_argument("--texts", type=Path, required=True, help="the folder of the set's article files")
    parser.add_argument("--misses", action="store_true", help="list the wrong names (refused for a sealed set)")
    args = parser.parse_args(argv)
    if args.misses and args.set in SEALED:
        print(f"error: {args.set} is sealed: figures only", file=sys.stderr)
        return 2
    try:
        print(report(args.set, args.texts, args.misses))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
