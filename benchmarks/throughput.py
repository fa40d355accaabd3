"""Throughput of the extraction against bare spaCy on the same texts, in one process.

    .venv/bin/python -m benchmarks.throughput --articles 100

Builds a corpus of N articles from the bundled articles and the fixtures, each copy varied (its
sentences shuffled with a fixed seed) so no two texts are equal, then measures (a) the floor: bare
``nlp.pipe`` over the same texts with the same model and batch size, and (b) the full
``build_workbook``; prints words/s of both, the ratio b/a, the peak RSS and the time per stage.
Machines are noisy, so the ratio within one run is the figure to compare, never seconds.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from analysis.corpus import tables as corpus
from analysis.corpus.reader import read_corpus
from analysis.extract import nlp
from analysis.paths import ARTICLES_DIR, FIXTURES_DIR
from analysis.workbook import build_workbook
from analysis.workbook.cache import Cache

STAGES = {  # the module whose functions' cumulative time is that stage's
    "load": "corpus/reader.py", "nlp": "spacy/language.py", "actors": "extract/actors.py",
    "quotes": "extract/quotes/rules.py", "reports": "extract/quotes/reports.py", "events": "extract/events/find.py",
    "dates": "extract/dates/expressions.py", "timeline": "extract/timeline/", "stances": "extract/stances.py",
}


def build_corpus(folder: Path, n_articles: int) -> int:
    """Write N varied articles into ``folder``; return their word count."""
    sources = [a.text for a in read_corpus(ARTICLES_DIR).articles + read_corpus(FIXTURES_DIR).articles]
    randomness = random.Random(20261125)
    words = 0
    for number in range(n_articles):
        paragraphs = sources[number % len(sources)].split("\n")
        randomness.shuffle(paragraphs)
        text = "\n".join(paragraphs)
        (folder / f"article_{number:05d}.txt").write_text(text, encoding="utf-8")
        words += corpus.count_words(text)
    return words


def bare_spacy(folder: Path) -> float:
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    for _ in nlp.pipeline().pipe(texts, batch_size=nlp.BATCH_SIZE):
        pass
    return time.perf_counter() - started


def full_extraction(folder: Path) -> float:
    started = time.perf_counter()
    build_workbook(folder)
    return time.perf_counter() - started


def warm_and_cold(folder: Path, cache_dir: Path) -> tuple[float, float]:
    """Seconds of a first run that fills a fresh cache, and of a second that reads it."""
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        build_workbook(folder, cache=Cache(cache_dir))
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1]


def profiled_extraction(folder: Path) -> pstats.Stats:
    """A second, profiled run for the per-stage split (the profiler slows Python code, so the
    ratio above comes from the unprofiled run)."""
    profile = cProfile.Profile()
    profile.runcall(build_workbook, folder)
    return pstats.Stats(profile)


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of the outermost call into each stage's module."""
    totals = dict.fromkeys(STAGES, 0.0)
    for (filename, _, _function), (_, _, _, cumulative, callers) in stats.stats.items():
        for stage, module in STAGES.items():
            if filename.endswith(module) and not any(c[0].endswith(module) for c in callers):
                totals[stage] += cumulative
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="corpus size (default 100)")
    parser.add_argument("--no-stages", action="store_true",
                        help="skip the second, profiled run that splits the time by stage (saves time on big N)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "articles"
        folder.mkdir()
        words = build_corpus(folder, args.articles)
        nlp.pipeline()  # load the model outside both timings
        floor = bare_spacy(folder)
        seconds = full_extraction(folder)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the profiler's own memory
        stats = None if args.no_stages else profiled_extraction(folder)
        cold, warm = warm_and_cold(folder, Path(name) / "cache")
    print(f"{args.articles} articles, {words:,} words", flush=True)
    print(f"bare spaCy nlp.pipe   {words / floor:8,.0f} words/s  ({floor:.1f} s)")
    print(f"full extraction       {words / seconds:8,.0f} words/s  ({seconds:.1f} s)")
    print(f"ratio extraction/bare {floor / seconds:8.2f}   (1.0 = the rules cost nothing on top of the model)")
    print(f"peak RSS              {peak_mb:8,.0f} MB  (model, bare pass and extraction)")
    print(f"cache: cold {cold:.1f} s, warm {warm:.2f} s, warm is {cold / warm:.0f}x faster")
    if stats is not None:
        print("time per stage (s, from a second, profiled run):")
        for stage, spent in stage_times(stats).items():
            print(f"  {stage:<9} {spent:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
