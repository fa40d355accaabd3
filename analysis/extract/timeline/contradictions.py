"""Where the articles that tell one event disagree: its scope, its date, how many licences, who
decided, or its cause (one article gives a cause, another reports it denied). Every row cites both
sentences; nothing is reconciled."""
from __future__ import annotations

import re

import pandas as pd

from analysis.extract.timeline.matching import Row
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook

_NUMBER = re.compile(r"\d[\d,]*|\b(?:a dozen|dozens|hundreds|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|fifteen|twenty|thirty|forty|fifty|a hundred)\b", re.IGNORECASE)


def contradictions(rows: list[Row], events: pd.DataFrame, registry: Registry, codebook: Codebook) -> list[dict]:
    found = []
    records = list(events.itertuples())
    denials = {(r.article_id, r.sentence_id): r for r in records if r.event_type in codebook.denial_types}
    for row in rows:
        mentions = [records[i] for i in row.mentions]
        for a, b in _pairs_across_articles(mentions):
            found += [_claim(row, a, b, what) for what in _disagreements(a, b, registry, codebook)]
        found += _denied_causes(row, mentions, denials)
    return found


def _disagreements(a, b, registry: Registry, codebook: Codebook) -> list[str]:
    what = []
    if codebook.scopes_disagree(_known(a.scope), _known(b.scope)):
        what.append(f"scope: {a.scope} in one article, {b.scope} in the other")
    if _text_dated(a) and _text_dated(b) and (a.date_end < b.date_start or b.date_end < a.date_start):
        what.append(f"date: {a.date_text} vs {b.date_text}")
    if _known(a.quantity) and _known(b.quantity) and _numbers(a.quantity) != _numbers(b.quantity):
        what.append(f"number: {a.quantity} vs {b.quantity}")
    people = [registry.by_id.get(_known(x.actor_id)) for x in (a, b)]
    if all(p is not None and p.type == "person" for p in people) and people[0].actor_id != people[1].actor_id:
        what.append(f"actor: {people[0].name} in one article, {people[1].name} in the other")
    return what


def _text_dated(mention) -> bool:
    return not pd.isna(mention.date_start) and mention.date_precision != "unknown"


def _numbers(quantity: str) -> list[str]:
    return [n.lower().replace(",", "") for n in _NUMBER.findall(quantity)]


def _known(value: object) -> object:
    return None if pd.isna(value) else value


def _pairs_across_articles(mentions: list):
    """One pair per two distinct readings (scope, date, number, actor) told in different articles:
    the first mention of each reading stands for it, so a row told in thousands of articles stays
    cheap."""
    readings = {}
    for mention in mentions:
        readings.setdefault((mention.scope, mention.date_start, mention.quantity, mention.actor_id), mention)
    chosen = list(readings.values())
    for n, a in enumerate(chosen):
        for b in chosen[n + 1:]:
            if a.article_id != b.article_id:
                yield (a, b) if a.article_id < b.article_id else (b, a)


def _denied_causes(row: Row, mentions: list, denials: dict) -> list[dict]:
    """A mention with a stated cause, and, in another article, a denial in the sentence that
    names the same event ("the decision to suspend ... was not a reaction to ...")."""
    denied = [m for m in mentions if (m.article_id, m.sentence_id) in denials]
    found = []
    for claim in (m for m in mentions if not pd.isna(m.cause_event_id)):
        for mention in denied:
            if mention.article_id != claim.article_id:
                denial = denials[(mention.article_id, mention.sentence_id)]
                found.append(_claim(row, claim, denial, f"cause: one article says '{claim.cause.split(':')[0]}', "
                                                        "the other reports it denied"))
                break
    return found


def _claim(row: Row, a, b, what: str) -> dict:
    return {"timeline_id": row.timeline_id, "claim_a": a.evidence, "article_a": a.article_id,
            "start_a": a.start, "end_a": a.end, "claim_b": b.evidence, "article_b": b.article_id,
            "start_b": b.start, "end_b": b.end, "what": what}
