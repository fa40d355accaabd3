"""Extracted quotes scored against PolNeAR gold, by the rules written in the corpus README.

Every figure is a ``Ratio`` that keeps its counts, because "0.80" over 5 quotes and over 500 are
different news. The choices the README leaves open, made here once:

- Predicted quotes are rows of kind direct, partial or nested; rows of kind indirect (reported
  speech) and attitude (what X wants, backs or attacks) are scored only against indirect gold,
  because PolNeAR's annotators mark both as attributions. The predicted span that covers most of
  a gold span is its match (the earliest on a tie), found when it covers at least half of the gold
  characters.
- Precision counts predicted quotes that have a speaker (a name or a mention); one lies in Content
  when at least half of its characters are inside annotated Content spans.
- Speaker right is measured on found quotes whose attribution has a Source. It is right when the
  predicted mention overlaps the Source span, or when the Source's head name is a word of the
  predicted speaker's name or mention. For a pronoun Source, the head name of the nearest *named*
  Source before it in the article is accepted as well: the person "he" refers to is not annotated,
  and that is the cheapest honest guess at it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, fields

import pandas as pd
from unidecode import unidecode

from analysis.schema import QUOTE_KINDS, REPORTED_KINDS
from evaluation.polnear import Gold

NAMED = ("named", "organisation")
UNNAMED = ("pronoun", "description")
SPEAKER_COLUMNS = ("speaker", "speaker_surface", "speaker_start", "speaker_end", "speaker_resolution")
_OPENING_MARKS = ('"', "“")


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits} of {self.total})"


@dataclass(frozen=True)
class Scores:
    quotes_found: Ratio            # gold quotes covered at least half by a predicted quote
    precision: Ratio               # predicted quotes with a speaker that lie in annotated Content
    speaker_named: Ratio           # found quotes of named Sources with the right speaker
    speaker_unnamed: Ratio         # the same for pronoun and description Sources
    indirect_found: Ratio          # gold indirect Contents covered at least half by a predicted indirect
    indirect_speaker: Ratio        # found indirect attributions with a Source and the right speaker

    def figures(self) -> dict[str, Ratio]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def score(predicted: pd.DataFrame, gold: Gold) -> Scores:
    """All figures for a ``quotes`` table (the schema's columns) against the gold of the same articles."""
    quotes = judge_quotes(predicted, gold.quotes)
    indirect = judge_indirect(predicted, gold)
    return Scores(
        quotes_found=_ratio(quotes["found"]),
        precision=precision(predicted, gold.contents),
        speaker_named=_speaker_ratio(quotes, NAMED),
        speaker_unnamed=_speaker_ratio(quotes, UNNAMED),
        indirect_found=_ratio(indirect["found"]),
        indirect_speaker=_speaker_ratio(indirect, NAMED + UNNAMED),
    )


def judge_quotes(predicted: pd.DataFrame, gold_quotes: pd.DataFrame) -> pd.DataFrame:
    """The gold quotes with their best predicted match: ``coverage``, ``found``, the match's
    speaker columns and ``speaker_right`` (NA when not found or when the gold has no Source)."""
    fragments = [[(start, end)] for start, end in zip(gold_quotes["start"], gold_quotes["end"])]
    return _judged(gold_quotes, fragments, predicted[predicted["kind"].isin(QUOTE_KINDS)])


def judge_indirect(predicted: pd.DataFrame, gold: Gold) -> pd.DataFrame:
    """The same for indirect attributions, whose Content may come in several pieces."""
    pieces: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for article_id, attribution_id, start, end in gold.contents[
            ["article_id", "attribution_id", "start", "end"]].itertuples(index=False):
        pieces.setdefault((article_id, attribution_id), []).append((start, end))
    fragments = [pieces.get(key, []) for key in zip(gold.indirect["article_id"], gold.indirect["attribution_id"])]
    return _judged(gold.indirect, fragments, predicted[predicted["kind"].isin(REPORTED_KINDS)])


def precision(predicted: pd.DataFrame, contents: pd.DataFrame) -> Ratio:
    quotes = predicted[predicted["kind"].isin(QUOTE_KINDS) & _has_speaker(predicted)]
    merged = {article_id: _merged(list(zip(group["start"], group["end"])))
              for article_id, group in contents.groupby("article_id", sort=False)}
    inside = [2 * _covered(start, end, merged.get(article_id, [])) >= end - start
              for article_id, start, end in zip(quotes["article_id"], quotes["start"], quotes["end"])]
    return Ratio(sum(inside), len(inside))


def speaker_right(gold: dict, predicted: dict) -> bool:
    """The README's rule (see the module docstring) for one gold row and one predicted row."""
    located = not pd.isna(predicted["speaker_start"]) and not pd.isna(predicted["speaker_end"])
    if located and predicted["speaker_start"] < gold["source_end"] and gold["source_start"] < predicted["speaker_end"]:
        return True
    heads = [gold["source_head"]]
    if gold["source_kind"] == "pronoun":
        heads.append(gold["source_antecedent"])
    names = [predicted["speaker"], predicted["speaker_surface"]]
    return any(_names(name, head) for head in heads if not pd.isna(head) for name in names if not pd.isna(name))


def _names(name: str, head: str) -> bool:
    """``head`` is a whole word of ``name``, ignoring case and diacritics."""
    return re.search(rf"(?<!\w){re.escape(unidecode(head))}(?!\w)", unidecode(name), re.IGNORECASE) is not None


def _judged(gold: pd.DataFrame, fragments: list[list[tuple[int, int]]], candidates: pd.DataFrame) -> pd.DataFrame:
    by_article: dict[str, list[tuple[int, int, int]]] = {}
    for position, (article_id, start, end) in enumerate(
            zip(candidates["article_id"], candidates["start"], candidates["end"])):
        by_article.setdefault(article_id, []).append((position, start, end))
    rows = []
    for record, pieces in zip(gold.to_dict("records"), fragments):
        merged = _merged(pieces)
        size = sum(end - start for start, end in merged)
        best, covered = None, 0
        for position, start, end in by_article.get(record["article_id"], []):
            overlap = _covered(start, end, merged)
            if overlap > covered:
                best, covered = position, overlap
        found = size > 0 and 2 * covered >= size
        match = candidates.iloc[best][list(SPEAKER_COLUMNS)].to_dict() if best is not None else {}
        right = speaker_right(record, match) if found and record["source_kind"] != "none" else None
        rows.append({"coverage": covered / size if size else 0.0, "found": found, "speaker_right": right}
                    | {column: match.get(column) for column in SPEAKER_COLUMNS})
    added = pd.DataFrame(rows, columns=["coverage", "found", "speaker_right", *SPEAKER_COLUMNS], index=gold.index)
    added = added.astype({"coverage": "Float64", "found": "boolean", "speaker_right": "boolean",
                          "speaker": "string", "speaker_surface": "string",
                          "speaker_start": "Int64", "speaker_end": "Int64", "speaker_resolution": "string"})
    return pd.concat([gold, added], axis=1)


def _has_speaker(predicted: pd.DataFrame) -> pd.Series:
    return predicted["speaker"].notna() | predicted["speaker_surface"].notna() | predicted["speaker_start"].notna()


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covered(start: int, end: int, merged: list[tuple[int, int]]) -> int:
    """Characters of ``[start, end)`` inside the sorted, disjoint ``merged`` intervals."""
    return sum(max(0, min(end, stop) - max(start, begin)) for begin, stop in merged)


def _ratio(flags: pd.Series) -> Ratio:
    return Ratio(int(flags.fillna(False).sum()), len(flags))


def _speaker_ratio(judged: pd.DataFrame, kinds: tuple[str, ...]) -> Ratio:
    return _ratio(judged.loc[judged["found"] & judged["source_kind"].isin(kinds), "speaker_right"])


# --- why quotes are missed -------------------------------------------------------------------------

def miss_patterns(judged: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """How many gold quotes fail in each way, most frequent first (then by label, for a stable order).

    ``judged`` comes from ``judge_quotes``; a quote fails when it was not found or was found with a
    wrong or missing speaker. ``articles`` and ``sentences`` are the workbook's tables."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    layout = {article_id: list(zip(group["start"], group["end"], group["paragraph_id"]))
              for article_id, group in sentences.sort_values(["article_id", "start"]).groupby("article_id")}
    failed = judged[~judged["found"] | judged["speaker_right"].eq(False).fillna(False)]
    counts = Counter(miss_label(record, texts[record["article_id"]], layout.get(record["article_id"], []))
                     for record in failed.to_dict("records"))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return pd.Series(dict(ordered), name="n_quotes", dtype="Int64")


def miss_label(quote: dict, text: str, sentences: list[tuple[int, int, int]]) -> str:
    """A short description of one failed gold quote, e.g. ``missed · cue after · pronoun ·
    previous sentence · opens paragraph``. ``sentences`` are ``(start, end, paragraph_id)`` in order."""
    parts = [_outcome(quote), _cue_place(quote, sentences), _SOURCE_WORDS[quote["source_kind"]]]
    if quote["source_kind"] != "none":
        parts.append(_source_distance(quote, sentences))
    opens = _opens_paragraph(quote["start"], text, sentences)
    flags = {
        "opens paragraph": opens,
        "continues quote": opens and _continues_quote(quote["start"], text, sentences),
        "after colon": text[:quote["start"]].rstrip().rstrip("".join(_OPENING_MARKS)).rstrip().endswith(":"),
        "title": quote["source_has_title"] is True,
    }
    return " · ".join(parts + [flag for flag, present in flags.items() if present])


_SOURCE_WORDS = {"named": "named", "organisation": "organisation", "pronoun": "pronoun",
                 "description": "description", "none": "no source"}


def _outcome(quote: dict) -> str:
    if not quote["found"]:
        return "missed"
    return "no speaker" if all(pd.isna(quote[column]) for column in SPEAKER_COLUMNS) else "wrong speaker"


def _sentence_at(offset: int, sentences: list[tuple[int, int, int]]) -> int:
    return max(0, bisect_right([start for start, _, _ in sentences], offset) - 1)


def _cue_place(quote: dict, sentences: list[tuple[int, int, int]]) -> str:
    """Where the annotated cue stands relative to the sentence(s) the quote is in."""
    if pd.isna(quote["cue_start"]) or not sentences:
        return "no cue in sentence"
    first, last = _sentence_at(quote["start"], sentences), _sentence_at(quote["end"] - 1, sentences)
    cue = _sentence_at(quote["cue_start"], sentences)
    if cue == first - 1:
        return "cue in previous sentence"
    if cue == last + 1:
        return "cue in next sentence"  # often "?” Trump said." cut off by the parser
    if not first <= cue <= last:
        return "no cue in sentence"
    if quote["cue_end"] <= quote["start"]:
        return "cue before"
    return "cue after" if quote["cue_start"] >= quote["end"] else "cue inside"


def _source_distance(quote: dict, sentences: list[tuple[int, int, int]]) -> str:
    if not sentences:
        return "same sentence"
    first, last = _sentence_at(quote["start"], sentences), _sentence_at(quote["end"] - 1, sentences)
    source = _sentence_at(quote["source_start"], sentences)
    if first <= source <= last:
        return "same sentence"
    if source > last:
        return "next sentence" if source == last + 1 else "later sentence"
    paragraphs_back = sentences[first][2] - sentences[source][2]
    if paragraphs_back == 0:
        return "previous sentence" if first - source == 1 else "2+ sentences back"
    return "previous paragraph" if paragraphs_back == 1 else "earlier paragraph"


def _paragraph_bounds(paragraph: int, sentences: list[tuple[int, int, int]]) -> tuple[int, int]:
    inside = [(start, end) for start, end, number in sentences if number == paragraph]
    return (inside[0][0], inside[-1][1]) if inside else (0, 0)


def _opens_paragraph(start: int, text: str, sentences: list[tuple[int, int, int]]) -> bool:
    if not sentences:
        return False
    paragraph_start, _ = _paragraph_bounds(sentences[_sentence_at(start, sentences)][2], sentences)
    return text[paragraph_start:start].strip() in _OPENING_MARKS


def _continues_quote(start: int, text: str, sentences: list[tuple[int, int, int]]) -> bool:
    """The paragraph before ends inside an open quote: the news convention for a quote running on
    over several paragraphs (each reopens, only the last closes)."""
    paragraph = sentences[_sentence_at(start, sentences)][2]
    begin, end = _paragraph_bounds(paragraph - 1, sentences)
    is_open = False
    for mark in re.findall(r"[\"“”]", text[begin:end]):
        is_open = not is_open if mark == '"' else mark == "“"
    return is_open
