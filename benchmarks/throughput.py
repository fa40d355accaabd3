"""End-to-end speed and memory of ``python -m analysis extract`` and ``render``, as ratios against
floors measured in the same run.

    .venv/bin/python -m benchmarks.throughput [--articles 100] [--folder DIR] [--stages] [--render]

Every figure comes from separate processes, timed from process start to exit (reading and
writing included), because that is what an analyst waits for:

- floor: bare single-process ``nlp.pipe`` of the same model over the same texts (model load
  included), in its own process;
- extract, cold (a fresh cache), warm (the same again: every article from the cache), and with
  one article added; on every core (the default) and in one process (``--engine local``);
- peak resident memory of the extract process and of its largest worker;
- the one-process run's own time split, unprofiled, into spaCy (import, model, ``pipe``), the
  per-article rules and the rest (``SPLIT``);
- with ``--render``: the four notebooks rendered on the extracted tables, against the floor of
  four papermill runs of a one-cell notebook (a kernel started and stopped four times).

The corpus is ``--folder`` (e.g. ``../shared/polnear/train/text``) or N articles built from the
bundled articles and the fixtures, each copy's paragraphs shuffled with a fixed seed so no two
texts are equal. Machines are noisy: compare the ratios within one run, never seconds.
``--stages`` adds a profiled in-process run that splits the time by stage.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.corpus import tables as corpus
from analysis.corpus.reader import read_corpus
from analysis.paths import ARTICLES_DIR, FIXTURES_DIR, ROOT

STAGES = {  # the module whose functions' cumulative time is that stage's
    "load": "corpus/reader.py", "nlp": "spacy/language.py", "actors": "extract/actors.py",
    "quotes": "extract/quotes/rules.py", "referents": "extract/quotes/referents.py",
    "reports": "extract/quotes/reports.py", "events": "extract/events/find.py",
    "dates": "extract/dates/expressions.py", "timeline": "extract/timeline/", "stances": "extract/stances.py",
}
# Runs a module or a snippet as __main__ and reports its own and its children's peak RSS on exit.
MEASURED = """
import resource, runpy, sys
kind, target, *args = sys.argv[1:]
sys.argv = [target, *args]
try:
    if kind == "module":
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        exec(compile(open(target).read(), target, "exec"), {"__name__": "__main__"})
except SystemExit as done:
    if done.code:
        raise
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"PEAK_KB {own} {workers}", file=sys.stderr)
"""
BARE = """
import sys
from pathlib import Path
from analysis.extract import nlp
texts = [path.read_text(encoding="utf-8") for path in sorted(Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipeline().pipe(texts, batch_size=nlp.BATCH_SIZE):
    pass
"""
# Runs ``analysis`` in one process with the time inside spaCy (importing it and loading the model,
# as the floor does, and the ``pipe`` stream) and inside the per-article rules counted, unprofiled;
# the rest is everything else of the process. Printed as SPLIT <spaCy seconds> <rules seconds>.
SPLIT = """
import sys, time
started = time.perf_counter()
import spacy
spent = {"parse": time.perf_counter() - started, "rules": 0.0}
from analysis import cli
from analysis.extract import nlp
from analysis.workbook import extraction
load, rules = nlp.pipeline, extraction.extract_article

class Timed:
    def __init__(self, language):
        self.language = language
    def __getattr__(self, name):
        return getattr(self.language, name)
    def pipe(self, texts, **options):
        docs = self.language.pipe(texts, **options)
        while True:
            started = time.perf_counter()
            doc = next(docs, None)
            spent["parse"] += time.perf_counter() - started
            if doc is None:
                return
            yield doc

def timed_pipeline():
    started = time.perf_counter()
    language = load()
    spent["parse"] += time.perf_counter() - started
    return Timed(language)

def timed_rules(*args):
    started = time.perf_counter()
    try:
        return rules(*args)
    finally:
        spent["rules"] += time.perf_counter() - started

nlp.pipeline, extraction.extract_article = timed_pipeline, timed_rules
try:
    sys.exit(cli.main(sys.argv[1:]))
finally:
    print("SPLIT", spent["parse"], spent["rules"], file=sys.stderr)
"""
ONE_CELL = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {"tags": ["parameters"]},
                       "outputs": [], "source": ["x = 1"]}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def build_corpus(folder: Path, n_articles: int) -> None:
    """Write N varied articles into ``folder``."""
    sources = [a.text for a in read_corpus(ARTICLES_DIR).articles + read_corpus(FIXTURES_DIR).articles]
    randomness = random.Random(20261125)
    for number in range(n_articles):
        paragraphs = sources[number % len(sources)].split("\n")
        randomness.shuffle(paragraphs)
        (folder / f"article_{number:05d}.txt").write_text("\n".join(paragraphs), encoding="utf-8")


def timed(kind: str, target: str, *args: str) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (KB) of the process and of its largest child, and what it printed
    to standard error, for one run."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, kind, target, *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{target} {' '.join(args)} failed: {done.stderr[-2000:]}")
    own, workers = next(line.split()[1:] for line in done.stderr.splitlines() if line.startswith("PEAK_KB"))
    return seconds, int(own), int(workers), done.stderr


def extract(folder: Path, out: Path, cache: Path, engine: str = "auto",
            script: Path | None = None) -> tuple[float, int, int, str]:
    """One ``extract`` process; with ``script`` (``SPLIT``), run through it."""
    target = ("file", str(script)) if script else ("module", "analysis")
    return timed(*target, "extract", str(folder), "--out", str(out), "--cache-dir", str(cache),
                 "--engine", engine, "--force")


def render_ratio(tables: Path, scratch: Path) -> tuple[float, float]:
    """Seconds of the four-notebook render on ``tables``, and of its floor (four papermill runs
    of a one-cell notebook)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "analysis", "render", "-p", "data_dir", str(tables),
                           "--out", str(scratch / "report")], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"render failed: {done.stderr[-2000:]}")
    rendered = time.perf_counter() - started
    notebook = scratch / "one_cell.ipynb"
    notebook.write_text(json.dumps(ONE_CELL))
    started = time.perf_counter()
    for number in range(4):
        subprocess.run([sys.executable, "-m", "papermill", "--no-progress-bar", str(notebook),
                        str(scratch / f"out_{number}.ipynb")], cwd=ROOT, capture_output=True, check=True)
    return rendered, time.perf_counter() - started


def stage_times(folder: Path) -> dict[str, float]:
    """Cumulative seconds of the outermost call into each stage's module, from a profiled
    in-process run (the profiler slows Python code, so ratios come from the unprofiled runs)."""
    from analysis.workbook import build_workbook

    profile = cProfile.Profile()
    profile.runcall(build_workbook, folder, engine="local")
    totals = dict.fromkeys(STAGES, 0.0)
    for (filename, _, _function), (_, _, _, cumulative, callers) in pstats.Stats(profile).stats.items():
        for stage, module in STAGES.items():
            if module in filename and not any(module in c[0] for c in callers):
                totals[stage] += cumulative
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="size of the built corpus (default 100)")
    parser.add_argument("--folder", type=Path, help="measure this folder of .txt articles instead")
    parser.add_argument("--stages", action="store_true", help="add a profiled run split by stage")
    parser.add_argument("--render", action="store_true", help="add the render against the papermill floor")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        folder = scratch / "articles"
        if args.folder:
            shutil.copytree(args.folder, folder)
        else:
            folder.mkdir()
            build_corpus(folder, args.articles)
        texts = sorted(folder.glob("*.txt"))
        words = sum(corpus.count_words(path.read_text(encoding="utf-8")) for path in texts)
        bare_script = scratch / "bare.py"
        bare_script.write_text(BARE)
        split_script = scratch / "split.py"
        split_script.write_text(SPLIT)
        floor, floor_kb, _, _ = timed("file", str(bare_script), str(folder))
        cold, cold_kb, worker_kb, _ = extract(folder, scratch / "tables", scratch / "cache")
        warm, *_ = extract(folder, scratch / "tables", scratch / "cache")
        shutil.copy(texts[0], folder / "added_article.txt")
        added, *_ = extract(folder, scratch / "tables", scratch / "cache")
        (folder / "added_article.txt").unlink()
        single, single_kb, _, printed = extract(folder, scratch / "single", scratch / "single-cache", "local",
                                                split_script)
        parsing, rules = (float(x) for x in next(line.split()[1:] for line in printed.splitlines()
                                                 if line.startswith("SPLIT")))
        print(f"{len(texts)} articles, {words:,} words; every figure a whole process, start to exit")
        print(f"bare spaCy nlp.pipe, one process  {words / floor:8,.0f} words/s  ({floor:.1f} s, "
              f"peak {floor_kb / 1024:,.0f} MB)")
        for label, seconds in (("extract, every core (cold)", cold), ("extract, one process (cold)", single)):
            print(f"{label:<33} {words / seconds:8,.0f} words/s  ({seconds:.1f} s)  ratio to bare "
                  f"{floor / seconds:.2f}")
        rest = single - parsing - rules
        print(f"one process, split (unprofiled): spaCy {parsing:.1f} s ({parsing / single:.0%}), rules "
              f"{rules:.1f} s ({rules / single:.0%}), the rest {rest:.1f} s ({rest / single:.0%}); rules + rest "
              f"{(rules + rest) / single:.1%}")
        print(f"extract warm (all from the cache)  {warm:.1f} s, {cold / warm:.0f}x faster than cold")
        print(f"extract with one article added     {added:.1f} s")
        print(f"peak RSS: extract {cold_kb / 1024:,.0f} MB + largest worker {worker_kb / 1024:,.0f} MB; "
              f"one process {single_kb / 1024:,.0f} MB")
        if args.render:
            rendered, render_floor = render_ratio(scratch / "tables", scratch)
            print(f"render of the four notebooks {rendered:.1f} s; floor (four papermill runs of one cell) "
                  f"{render_floor:.1f} s; ratio {rendered / render_floor:.2f}")
        if args.stages:
            print("time per stage (s, profiled in-process run):")
            for stage, spent in stage_times(folder).items():
                print(f"  {stage:<9} {spent:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
