"""Who said what, measured on real news: the workbook's quotes against PolNeAR's annotations.

Runs the same extraction as ``python -m analysis extract`` over a PolNeAR compartment and scores
its ``quotes`` table with ``analysis.scoring`` (the rules are in ``/work/shared/polnear/README.md``
and in that module's docstring). Develop on ``train``; ``dev`` is for measuring.

    .venv/bin/python -m benchmarks.attribution [--split dev|train] [--limit N] [--read | --holdout | --articles FILE]

``--holdout`` scores the train articles whose speakers were read into a sealed file
(``tests/gold/polnear/holdout_speakers.yml``) and prints figures only: no miss is shown, so the
rules are never written against them and they stay text the rules were not written for.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import POLNEAR_DIR
from analysis.workbook import Workbook, build_workbook
from evaluation.attribution import Scores, judge_quotes, miss_patterns, score
from evaluation.polnear import Gold, article_paths, read_gold
from evaluation.referents import HOLDOUT, Strict, read_referents, referents_file, strict_scores

SPLITS = ("dev", "train")
N_PATTERNS = 20
LABELS = {
    "quotes_found": "direct quotes found",
    "precision": "precision (quotes with a speaker in Content)",
    "speaker_named": "speaker right, named Sources",
    "speaker_unnamed": "speaker right, pronoun/description Sources",
    "indirect_found": "indirect attributions found (indirect + attitude rows)",
    "indirect_speaker": "indirect speaker right",
}


class MisalignedGold(ValueError):
    """Gold and workbook disagree on an article's text: every figure would be noise."""


@dataclass(frozen=True)
class Evaluation:
    split: str
    n_articles: int
    n_words: int
    seconds: float
    problems: pd.DataFrame  # the reader's, e.g. a duplicate left out (PolNeAR train holds one twice)
    gold: Gold
    scores: Scores
    patterns: pd.Series
    strict: Strict | None  # names read strictly, where the referents were written (dev, part of train)


def evaluate(split: str, article_ids: list[str] | None = None, limit: int | None = None,
             referents_path: Path | None = None) -> Evaluation:
    """Extract and score a compartment, or the named articles of it, or its first ``limit``; names
    strictly against ``referents_path`` (default: the compartment's read referents)."""
    split_dir = POLNEAR_DIR / split
    if not split_dir.is_dir():
        raise FileNotFoundError(f"PolNeAR is not at {POLNEAR_DIR} (expected {split_dir}/text and /attributions)")
    paths = article_paths(split_dir, article_ids)
    names = [text_path.stem for text_path, _ in paths]
    if article_ids is not None and len(names) != len(set(article_ids)):
        raise FileNotFoundError(f"not in {split_dir}: {sorted(set(article_ids) - set(names))}")
    paths, names = paths[:limit], names[:limit]
    started = time.perf_counter()
    workbook = _extracted(split_dir, [text_path for text_path, _ in paths], whole=article_ids is None and limit is None)
    seconds = time.perf_counter() - started
    extracted = set(workbook.articles["article_id"])
    gold = read_gold(split_dir, [name for name in names if name in extracted])
    _check_alignment(workbook, gold)
    judged = judge_quotes(workbook.quotes, gold.quotes)
    referents_path = referents_path or referents_file(split)
    referents = read_referents(referents_path) if referents_path.exists() else None
    if referents is not None:
        referents = referents[referents["article_id"].isin(set(gold.quotes["article_id"]))]
    return Evaluation(split, len(workbook.articles), int(workbook.articles["n_words"].sum()), seconds,
                      workbook.problems, gold, score(workbook.quotes, gold),
                      miss_patterns(judged, workbook.articles, workbook.sentences),
                      None if referents is None else strict_scores(judged, referents))


def _extracted(split_dir: Path, text_paths: list[Path], whole: bool) -> Workbook:
    """The workbook of the chosen articles. A subset is copied to a temporary folder outside the
    project (the corpus stays where it is), because ``build_workbook`` reads whole folders."""
    if whole:
        return build_workbook(split_dir / "text")
    with tempfile.TemporaryDirectory(prefix="polnear-") as folder:
        for path in text_paths:
            shutil.copyfile(path, Path(folder) / path.name)
        return build_workbook(folder)


def _check_alignment(workbook: Workbook, gold: Gold) -> None:
    """Gold offsets and extracted offsets must point into the same text."""
    texts = dict(zip(workbook.articles["article_id"], workbook.articles["text"]))
    for row in gold.quotes.itertuples():
        if texts.get(row.article_id, "")[row.start:row.end] != row.text:
            raise MisalignedGold(f"{row.article_id}: gold quote at {row.start} is not the workbook's text there; "
                             "the reader and the gold disagree on offsets")


def format_report(evaluation: Evaluation, misses: bool = True) -> str:
    words_per_second = evaluation.n_words / evaluation.seconds if evaluation.seconds else 0.0
    quotes, indirect = evaluation.gold.quotes, evaluation.gold.indirect
    kinds = quotes["source_kind"].value_counts()
    lines = [
        f"PolNeAR {evaluation.split}: {evaluation.n_articles} articles, {evaluation.n_words:,} words, "
        f"extracted in {evaluation.seconds:.1f} s ({words_per_second:,.0f} words/s)",
        f"gold: {len(quotes)} quotes (Sources: {kinds.get('named', 0) + kinds.get('organisation', 0)} named, "
        f"{kinds.get('pronoun', 0)} pronoun, {kinds.get('description', 0)} description, {kinds.get('none', 0)} none), "
        f"{len(indirect)} indirect attributions",
    ]
    lines += [f"reader: {row.path}: {row.problem} ({row.detail})" for row in evaluation.problems.itertuples()]
    lines += [""]
    lines += [f"{LABELS[name]:<46} {ratio}" for name, ratio in evaluation.scores.figures().items()]
    if evaluation.strict is not None:
        strict = evaluation.strict
        lines += ["", f"strict: the speaker's name is the person or body the Source refers to "
                      f"(referents read for {strict.covered} of the gold quotes with a Source)",
                  f"{'resolved name right, named Sources':<46} {strict.named}, {_interval(strict.named_interval)}",
                  f"{'resolved name right, pronoun/description Sources':<46} {strict.unnamed}, "
                  f"{_interval(strict.unnamed_interval)}",
                  f"{'he/she named as the other gender':<46} {strict.gender_mismatches} "
                  f"({strict.resolved_mismatches} by the pronoun resolver)"]
    if misses:
        lines += ["", f"{N_PATTERNS} most frequent miss patterns (of {int(evaluation.patterns.sum())} failed quotes):"]
        lines += [f"{count:>6}  {label}" for label, count in evaluation.patterns.head(N_PATTERNS).items()]
    return "\n".join(lines)


def listed(path: Path) -> list[str]:
    """The article ids of a list file: one a line; blank lines and "#" comments left out."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted({line for line in lines if line})


def _interval(bounds: tuple[float, float]) -> str:
    return f"95 % by article {bounds[0]:.3f}-{bounds[1]:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev", help="PolNeAR compartment (default: dev)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N articles, by file name")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--read", action="store_true",
                       help="only the articles whose speakers were read into tests/gold/polnear (406 of train)")
    which.add_argument("--holdout", action="store_true",
                       help="only the sealed train articles read into tests/gold/polnear/holdout_speakers.yml; "
                            "figures only, no misses")
    which.add_argument("--articles", type=Path, metavar="FILE",
                       help="only the articles listed in FILE, one id a line (e.g. --split train --articles "
                            "tests/gold/polnear/train_batch_session12.txt: the 150 session 12 scored before "
                            "reading their misses)")
    args = parser.parse_args(argv)
    split, chosen, path = args.split, None, None
    if args.holdout:
        split, path = "train", referents_file(HOLDOUT)
    if args.read or args.holdout:
        chosen = sorted(set(read_referents(path or referents_file(split))["article_id"]))
    if args.articles:
        chosen = listed(args.articles)
    try:
        evaluation = evaluate(split, article_ids=chosen, limit=args.limit, referents_path=path)
    except (FileNotFoundError, MisalignedGold) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(format_report(evaluation, misses=not args.holdout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
