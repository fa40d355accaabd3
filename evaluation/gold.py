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

from analysis.registries.actors import key
from analysis.schema import QUOTE_KINDS


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


def score_article(text: str, gold: dict, workbook, article_id: str) -> Report:
    """Every per-article measure for one gold file against the workbook's rows of that article."""
    names = dict(zip(workbook.actors["actor_id"], workbook.actors["name"]))
    def rows(table: pd.DataFrame) -> pd.DataFrame:
        table = table[table["article_id"] == article_id]
        return table.assign(actor_name=table["actor_id"].map(names)) if "actor_id" in table else table
    report = Report()
    report.scores.update(_score_mentions(text, gold, rows(workbook.mentions)))
    report.scores.update(_score_quotes(text, gold, rows(workbook.quotes)))
    report.scores.update(score_events(text, gold, rows(workbook.events)))
    report.scores.update(score_stances(text, gold, rows(workbook.stances)))
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
    for label, kinds in (("quotes", QUOTE_KINDS), ("indirect", ("indirect",))):
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


def score_events(text: str, gold: dict, events: pd.DataFrame) -> dict[str, Score]:
    """An event is found when a row of the same type cites the gold evidence sentence; then its
    actor, scope and date are checked one by one (gold names compared as for speakers)."""
    expected = gold.get("events", [])
    found, actor, scope, date = Score(predicted=len(events), expected=len(expected)), Score(), Score(), Score()
    right_rows = set()
    for event in expected:
        rows = _citing(events[events["event_type"] == event["type"]], text, event["evidence"])
        if rows.empty:
            continue
        found.found += 1
        right_rows.update(rows.index)
        row = rows.iloc[0]
        actor = actor.add(_hit(same_actor(row["actor_name"], event.get("actor"))))
        scope = scope.add(_hit(_same(row["scope"], event.get("scope"))))
        date = date.add(_hit(_same(row["date_text"], event.get("date_text"))))
    found.right = len(right_rows)
    return {"events": found, "event_actor": actor, "event_scope": scope, "event_date": date}


def _citing(events: pd.DataFrame, text: str, evidence: str) -> pd.DataFrame:
    """The rows whose sentence overlaps the gold evidence (a dateline before the sentence is in
    the evidence, not in the row's sentence)."""
    start = text.find(evidence)
    return events[(events["start"] < start + len(evidence)) & (events["end"] > start)]


def score_stances(text: str, gold: dict, stances: pd.DataFrame) -> dict[str, Score]:
    """A stance is found when a row gives the same actor the same topic over the gold evidence."""
    expected = gold.get("stances", [])
    found, polarity = Score(predicted=len(stances), expected=len(expected)), Score()
    right_rows = set()
    for stance in expected:
        start = text.find(stance["evidence"])
        span = (start, start + len(stance["evidence"]))
        keep = [topic == stance["topic"] and same_actor(name, stance["actor"]) and _overlap(span, (s, e)) > 0
                for topic, name, s, e in zip(stances["topic"], stances["actor_name"], stances["start"], stances["end"])]
        rows = stances[keep] if len(stances) else stances
        if rows.empty:
            continue
        found.found += 1
        right_rows.update(rows.index)
        polarity = polarity.add(_hit(stance["polarity"] in set(rows["polarity"])))
    found.right = len(right_rows)
    return {"stances": found, "stance_polarity": polarity}


def score_timeline(timeline_gold: dict, texts: dict[str, str], events: pd.DataFrame,
                   timeline: pd.DataFrame, contradictions: pd.DataFrame) -> dict[str, Score]:
    """Across articles: are the mentions of one real event on one timeline row (merges), do the
    rows come in the gold order (pairs in the right order), and is each contradiction there."""
    row_of: list[set[int]] = []
    for entry in timeline_gold.get("events", []):
        ids = set()
        for mention in entry["mentions"]:
            rows = _citing(events[(events["article_id"] == mention["article_id"])
                                  & (events["event_type"] == entry["event_type"])],
                           texts[mention["article_id"]], mention["evidence"])
            ids.update(int(t) for t in rows["timeline_id"].dropna())
        row_of.append(ids)
    merges = Score()
    for entry, ids in zip(timeline_gold.get("events", []), row_of):
        if len(entry["mentions"]) > 1:
            merges = merges.add(_hit(len(ids) == 1))
    order = dict(zip(timeline["timeline_id"], timeline["order"]))
    placed = [order[min(ids)] for ids in row_of if len(ids) == 1]
    pairs = [(a, b) for i, a in enumerate(placed) for b in placed[i + 1:] if a != b]
    in_order = Score(sum(a < b for a, b in pairs), len(pairs), sum(a < b for a, b in pairs), len(pairs))
    found = Score(predicted=len(contradictions))
    right = set()
    for contradiction in timeline_gold.get("contradictions", []):
        found.expected += 1
        entry = next(e for e in timeline_gold["events"] if e["timeline_id"] == contradiction["timeline_id"])
        ids = row_of[timeline_gold["events"].index(entry)]
        aspect = contradiction["what"].split()[0]
        rows = contradictions[contradictions["timeline_id"].isin(ids) & contradictions["what"].str.startswith(aspect)]
        found.found += not rows.empty
        right.update(rows.index)
    found.right = len(right)
    return {"timeline_merges": merges, "timeline_order_pairs": in_order, "contradictions": found}


def _hit(correct: bool) -> Score:
    return Score(int(correct), 1, int(correct), 1)


def _same(predicted: object, gold: object) -> bool:
    if pd.isna(predicted) or predicted is None:
        return gold is None
    return isinstance(gold, str) and key(str(predicted)) == key(gold)
