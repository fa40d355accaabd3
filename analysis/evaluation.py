"""Scoring the extractors against hand-made gold (``tests/gold/``, ``tests/fixtures/*.gold.yml``).

Gold stores verbatim strings, not offsets, so that an annotator can write it by reading; this module
finds them in the text (mentions in order) and matches predictions by overlap, because where a
mention starts ("the Ministry" or "Ministry") is a convention, not an error.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.registry import key

QUOTED_KINDS = ("direct", "partial", "nested")


@dataclass
class Score:
    """Precision counts predicted rows that are right; recall counts gold rows that were found.
    The two numerators differ when one prediction covers two gold rows, or the reverse."""
    right: int = 0       # predicted rows that match gold
    predicted: int = 0
    found: int = 0       # gold rows matched by a prediction
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def add(self, other: Score) -> Score:
        return Score(self.right + other.right, self.predicted + other.predicted,
                     self.found + other.found, self.expected + other.expected)


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)

    def add(self, other: Report) -> Report:
        names = list(dict.fromkeys([*self.scores, *other.scores]))
        return Report({n: self.scores.get(n, Score()).add(other.scores.get(n, Score())) for n in names})

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([{"measure": name, "right": s.right, "predicted": s.predicted, "found": s.found,
                              "expected": s.expected, "precision": round(s.precision, 3),
                              "recall": round(s.recall, 3)} for name, s in self.scores.items()])


def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def same_actor(predicted: object, gold: object) -> bool:
    """Names agree ignoring case and diacritics; an unknown actor found by the model may carry a
    shorter form of the name ("Ilic" for "Dragan Ilić")."""
    if not isinstance(predicted, str) or not isinstance(gold, str):
        return not isinstance(predicted, str) and not isinstance(gold, str)
    p, g = key(predicted), key(gold)
    return p == g or (len(p) > 3 and g.endswith(" " + p)) or (len(g) > 3 and p.endswith(" " + g))


def locate_mentions(text: str, gold: dict) -> list[tuple[int, int, str]]:
    """Offsets of every gold mention: each actor's surfaces are listed in text order."""
    found = []
    for actor in gold.get("actors", []):
        position = 0
        for surface in actor.get("mentions", []):
            start = _find_word(text, surface, position)
            if start < 0:
                raise ValueError(f"gold mention {surface!r} of {actor['name']} not found after {position}")
            found.append((start, start + len(surface), actor["name"]))
            position = start + len(surface)
    return sorted(found)


def _find_word(text: str, surface: str, position: int) -> int:
    while (start := text.find(surface, position)) >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(surface)] if start + len(surface) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return start
        position = start + 1
    return -1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_article(text: str, gold: dict, mentions: pd.DataFrame, quotes: pd.DataFrame) -> Report:
    report = Report()
    report.scores.update(_score_mentions(text, gold, mentions))
    report.scores.update(_score_quotes(text, gold, quotes))
    return report


def _score_mentions(text: str, gold: dict, mentions: pd.DataFrame) -> dict[str, Score]:
    expected = locate_mentions(text, gold)
    predicted = list(zip(mentions["start"], mentions["end"], mentions["name"], mentions["actor_id"]))
    matched_gold = [any(_overlap((s, e), (ps, pe)) and same_actor(name, g) for ps, pe, name, _ in predicted)
                    for s, e, g in expected]
    matched_pred = [any(_overlap((s, e), (ps, pe)) and same_actor(name, g) for s, e, g in expected)
                    for ps, pe, name, _ in predicted]
    merges = Score()
    for actor in gold.get("actors", []):
        spans = [(s, e) for s, e, g in expected if g == actor["name"]]
        if len({text[s:e] for s, e in spans}) < 2:
            continue  # one spelling only: nothing to merge
        names = {aid: name for s, e in spans for ps, pe, name, aid in predicted if _overlap((s, e), (ps, pe))}
        merged = len(names) == 1 and same_actor(next(iter(names.values())), actor["name"])
        merges = merges.add(Score(int(merged), 1, int(merged), 1))
    mention_score = Score(sum(matched_pred), len(predicted), sum(matched_gold), len(expected))
    return {"mentions": mention_score, "actor_merges": merges}


def _score_quotes(text: str, gold: dict, quotes: pd.DataFrame) -> dict[str, Score]:
    scores = {}
    for label, kinds in (("quotes", QUOTED_KINDS), ("indirect", ("indirect",))):
        expected = [q for q in gold.get("quotes", []) if q["kind"] in kinds]
        predicted = quotes[quotes["kind"].isin(kinds)]
        spans = list(zip(predicted["start"], predicted["end"], predicted["speaker"], predicted["speaker_surface"],
                         predicted["kind"]))
        found = Score(predicted=len(spans), expected=len(expected))
        speakers = Score()
        right_predictions = set()
        for quote in expected:
            start = text.find(quote["text"])
            gold_span = (start, start + len(quote["text"]))
            covering = [i for i, span in enumerate(spans) if _overlap(gold_span, span[:2]) * 2 >= len(quote["text"])]
            if not covering:
                continue
            found.found += 1
            right_predictions.update(covering)
            covering = [i for i in covering if spans[i][4] == quote["kind"]] or covering
            correct = any(_speaker_right(spans[i][2], spans[i][3], quote) for i in covering)
            speakers = speakers.add(Score(int(correct), 1, int(correct), 1))
        found.right = len(right_predictions)
        scores[label] = found
        scores[f"{label}_speaker"] = speakers
    return scores


def _speaker_right(speaker: object, surface: object, quote: dict) -> bool:
    """The named actor, or, for a speaker the gold leaves unnamed ("three diplomats"), the same
    describing phrase."""
    if same_actor(speaker, quote.get("speaker")):
        return True
    mention = quote.get("speaker_mention")
    return (quote.get("speaker") is None and isinstance(mention, str) and isinstance(surface, str)
            and key(mention) in key(surface))
