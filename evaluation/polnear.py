"""PolNeAR's hand-made attributions as the gold the benchmark scores against.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks who (Source) said or thought what (Content)
through which words (Cue) in real news. The benchmark measures the quote extractor against it, so
this module turns an annotation into the gold the README's scoring rule talks about: quotes (double
quoted stretches inside a Content) and indirect attributions (Contents without one), each with
its Source described well enough to judge a predicted speaker. Gold offsets point into the text the
workbook stores (normalized, see ``analysis.text``), so they compare directly with extracted rows.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pandas as pd

from analysis.corpus.tables import count_words
from evaluation.brat import Annotation, Attribution, read_article
from evaluation.sources import classify_source, has_title, head_name, lower_case_words

# A stretch between double quotes on one line; an unmatched mark never pairs across a line break.
_QUOTED = re.compile(r"[\"“]([^\"“”\n]*)[\"”]")
SOURCE_COLUMNS = {
    "source": "string", "source_start": "Int64", "source_end": "Int64", "source_kind": "string",
    "source_head": "string", "source_antecedent": "string", "source_has_title": "boolean",
    "cue": "string", "cue_start": "Int64", "cue_end": "Int64",
}
QUOTE_COLUMNS = {"article_id": "string", "attribution_id": "string", "start": "Int64", "end": "Int64",
                 "text": "string"} | SOURCE_COLUMNS
CONTENT_COLUMNS = {"article_id": "string", "attribution_id": "string", "start": "Int64", "end": "Int64"}


@dataclass(frozen=True)
class Gold:
    """What the scorer compares with: quotes and indirect attributions (one row each, Source
    described), and every Content fragment (the places where a quote may rightly be found)."""

    quotes: pd.DataFrame
    indirect: pd.DataFrame
    contents: pd.DataFrame


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` inside the marks of every double-quoted stretch of two words or more."""
    return [match.span(1) for match in _QUOTED.finditer(text) if count_words(match.group(1)) >= 2]


def article_gold(article_id: str, text: str, annotation: Annotation) -> Gold:
    """Gold quotes and indirect attributions of one article (see ``_gold_rows``)."""
    return _gold_tables([_gold_rows(article_id, text, annotation)])


def _gold_rows(article_id: str, text: str, annotation: Annotation) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of quotes, indirect attributions and Content fragments.

    A stretch counts as inside Content when every letter and digit of it is covered by Content
    spans: some annotators cut a long quote into one Content per sentence. It is credited to the
    attribution covering most of it, the innermost one on a tie (a quote reported inside another
    report belongs to the one who said it)."""
    alnum_before = [0, *accumulate(char.isalnum() for char in text)]
    covered = bytearray(len(text))
    for attribution in annotation.attributions:
        for content in attribution.contents:
            for start, end in content.fragments:
                covered[start:end] = b"\x01" * (end - start)
    vocabulary = lower_case_words(text)
    heads = _source_heads(annotation, text, vocabulary)
    quotes, quoting = [], set()
    for start, end in quoted_stretches(text):
        if any(not covered[index] for index in range(start, end) if text[index].isalnum()):
            continue
        shares = [(_alnum_inside(attribution, start, end, alnum_before), attribution)
                  for attribution in annotation.attributions]
        quoting |= {attribution.attribution_id for share, attribution in shares if share}
        best = max(shares, key=lambda pair: (pair[0], -_extent(pair[1])))[1]
        quotes.append({"article_id": article_id, "attribution_id": best.attribution_id, "start": start,
                       "end": end, "text": text[start:end]} | _described(best, text, vocabulary, heads))
    indirect = [
        {"article_id": article_id, "attribution_id": attribution.attribution_id,
         "start": min(content.start for content in attribution.contents),
         "end": max(content.end for content in attribution.contents),
         "text": " ".join(content.text_in(text) for content in attribution.contents)}
        | _described(attribution, text, vocabulary, heads)
        for attribution in annotation.attributions if attribution.attribution_id not in quoting]
    contents = [{"article_id": article_id, "attribution_id": attribution.attribution_id, "start": start,
                 "end": end}
                for attribution in annotation.attributions
                for content in attribution.contents for start, end in content.fragments]
    return quotes, indirect, contents


def _gold_tables(rows: list[tuple[list[dict], list[dict], list[dict]]]) -> Gold:
    """One table per kind of row, built once: a DataFrame per article would cost more than the parse."""
    quotes, indirect, contents = ([row for article in rows for row in article[kind]] for kind in range(3))
    return Gold(_table(quotes, QUOTE_COLUMNS), _table(indirect, QUOTE_COLUMNS),
                _table(contents, CONTENT_COLUMNS))


def _alnum_inside(attribution: Attribution, start: int, end: int, alnum_before: list[int]) -> int:
    return sum(max(0, alnum_before[min(end, stop)] - alnum_before[max(start, begin)])
               for content in attribution.contents for begin, stop in content.fragments)


def _extent(attribution: Attribution) -> int:
    return sum(stop - begin for content in attribution.contents for begin, stop in content.fragments)


def _source_heads(annotation: Annotation, text: str, vocabulary: frozenset[str]) -> list[tuple[int, str]]:
    """``(start, head name)`` of every named Source in the article, in reading order."""
    heads = set()
    for attribution in annotation.attributions:
        source = attribution.source
        if source is None:
            continue
        words = source.text_in(text)
        if classify_source(words, vocabulary) in ("named", "organisation"):
            head = head_name(words, vocabulary)
            if head:
                heads.add((source.start, head))
    return sorted(heads)


def _described(attribution: Attribution, text: str, vocabulary: frozenset[str],
               heads: list[tuple[int, str]]) -> dict:
    """Source and Cue columns. A pronoun's ``source_antecedent`` is the head name of the nearest
    named Source before it: a cheap stand-in for the person it refers to, used to accept a
    predicted speaker who names that person."""
    source, cue = attribution.source, attribution.cue
    row: dict = dict.fromkeys(SOURCE_COLUMNS)
    if cue is not None:
        row |= {"cue": cue.text_in(text), "cue_start": cue.start, "cue_end": cue.end}
    if source is None:
        row["source_kind"] = "none"
        return row
    words = source.text_in(text)
    kind = classify_source(words, vocabulary)
    before = bisect_left(heads, (source.start, ""))
    row |= {"source": words, "source_start": source.start, "source_end": source.end, "source_kind": kind,
            "source_head": head_name(words, vocabulary) if kind in ("named", "organisation") else None,
            "source_antecedent": heads[before - 1][1] if kind == "pronoun" and before else None,
            "source_has_title": has_title(words)}
    return row


def _table(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(columns)).astype(columns)
    return table.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def article_paths(split_dir: Path, article_ids: Iterable[str] | None = None) -> list[tuple[Path, Path]]:
    """``(text, annotation)`` file pairs of a PolNeAR compartment, sorted by name."""
    wanted = None if article_ids is None else set(article_ids)
    return [(path, split_dir / "attributions" / f"{path.stem}.ann")
            for path in sorted((split_dir / "text").glob("*.txt"))
            if wanted is None or path.stem in wanted]


def read_gold(split_dir: Path, article_ids: Iterable[str] | None = None) -> Gold:
    """The gold of every article (or the named ones) of a compartment, e.g. ``POLNEAR_DIR / "dev"``."""
    return _gold_tables([_gold_rows(text_path.stem, *read_article(text_path, ann_path))
                         for text_path, ann_path in article_paths(split_dir, article_ids)])
