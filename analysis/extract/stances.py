"""Stances: who is for or against what, each row citing the words it rests on.

Two sources, both named in ``method``: an event whose type the codebook ties to a topic
(refusing sanctions is a position on sanctions), and a quote or reported statement that speaks of
a topic, its polarity read from the cue ("urged" is for, a negated or refusing cue is against,
anything else is recorded as neutral rather than guessed).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import pandas as pd

from analysis.extract.events.rows import METHOD as EVENT_METHOD
from analysis.extract.methods import confidence
from analysis.registries.codebook import Codebook
from analysis.registries.cues import Cues
from analysis.schema import AGAINST, FAVOR, NEUTRAL, columns, frame

_WORD = re.compile(r"\w+")
SAID_KINDS = ("direct", "partial", "indirect")  # a nested quote is someone else's words


def extract_stances(events: pd.DataFrame, quotes: pd.DataFrame, codebook: Codebook, cues: Cues) -> pd.DataFrame:
    """The ``stances`` table: from events the codebook ties to a topic, and from what the speakers
    of quotes and reported speech said about a topic (cue words from ``cues``)."""
    rows = _from_events(events, codebook) + _from_quotes(quotes, codebook, cues)
    rows = _deduplicated(sorted(rows, key=lambda r: (r["article_id"], r["start"], r["topic"], r["method"])))
    numbers: dict[str, int] = defaultdict(int)
    for row in rows:
        row["stance_id"] = numbers[row["article_id"]]
        numbers[row["article_id"]] += 1
    return frame("stances", rows)


def _from_events(events: pd.DataFrame, codebook: Codebook) -> list[dict]:
    """A stance only where the text names who took the position: an actor carried over from the
    previous event or the article ("analysts read the remark as an offer") is a guess about who
    acted, too weak to say what anyone stands for."""
    rows = []
    for event in events.itertuples():
        if pd.isna(event.actor_id) or event.method != EVENT_METHOD:
            continue
        for topic in codebook.topics.values():
            polarity = topic.events.get(event.event_type)
            if polarity is not None:
                rows.append(_row(event.article_id, event.actor_id, topic.name, event.target, polarity,
                                 event.evidence, event.start, event.end, None, "rule:event"))
    return rows


@cache
def _keyword_patterns(codebook: Codebook) -> dict[str, re.Pattern]:
    """Per topic, one pattern finding any of its keywords as whole words (one search per quote and
    topic, not one per keyword)."""
    return {topic.name: re.compile(rf"\b(?:{'|'.join(map(re.escape, topic.keywords))})\b")
            for topic in codebook.topics.values() if topic.keywords}


def _from_quotes(quotes: pd.DataFrame, codebook: Codebook, cues: Cues) -> list[dict]:
    """Stances in what actors said. Nested quotes are someone else's words; of the attitude rows
    only those a speech verb governs ("X dismissed concerns about ...") are something said."""
    rows = []
    for kind, method, speaker_id, text, cue_word, article_id, start, end, quote_id in columns(
            quotes, "kind", "method", "speaker_actor_id", "text", "cue", "article_id", "start", "end", "quote_id"):
        said = kind in SAID_KINDS or method == "rule:speech-object"
        if pd.isna(speaker_id) or not said:
            continue
        lowered = text.lower()
        for topic, keywords in _keyword_patterns(codebook).items():
            if not keywords.search(lowered):
                continue
            cue = "" if pd.isna(cue_word) else str(cue_word).lower()
            against = not cues.stance_against.isdisjoint(_WORD.findall(lowered))
            polarity = FAVOR if any(cue.startswith(c) for c in cues.stance_favor) else AGAINST if against else NEUTRAL
            rows.append(_row(article_id, speaker_id, topic, None, polarity, text, start, end, quote_id,
                             f"rule:{kind}-quote"))
    return rows


def _row(article_id, actor_id, topic, target, polarity, evidence, start, end, quote_id, method) -> dict:
    return {"article_id": article_id, "stance_id": 0, "actor_id": actor_id, "topic": topic,
            "target": None if pd.isna(target) else target, "polarity": polarity, "evidence": evidence,
            "start": int(start), "end": int(end), "quote_id": quote_id, "confidence": confidence(method),
            "method": method}


def _deduplicated(rows: list[dict]) -> list[dict]:
    """An event and a quote inside its sentence that give the same actor the same topic say it
    once: the event's row stays, since its polarity comes from the codebook, not from a cue."""
    event_spans = defaultdict(list)
    for row in rows:
        if row["method"] == "rule:event":
            event_spans[(row["article_id"], row["actor_id"], row["topic"])].append((row["start"], row["end"]))
    def covered(row: dict) -> bool:
        return row["method"] != "rule:event" and any(
            start <= row["start"] and row["end"] <= end
            for start, end in event_spans[(row["article_id"], row["actor_id"], row["topic"])])
    return [row for row in rows if not covered(row)]
