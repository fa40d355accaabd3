"""One row per real-world event across articles, in order, and where the articles disagree.

Mentions merge when they have the same type, act for the same side (the ministry acts for Serbia
as Vučić does), their scopes can describe one event, and their dates can overlap. Order comes from
the text: each mention's date relative to its article's publication, articles aligned through the
events they share, causes before effects ("In reaction, ..."), and only then the codebook's usual
sequence of an episode to break ties. ``order_basis`` says which of these decided each row.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook
from analysis.schema import frame

OPEN_END = 0.5  # days: an open-ended "before/after publication" sits just on its side of day 0


@dataclass
class Row:
    timeline_id: int
    event_type: str
    side: str | None
    mentions: list[int] = field(default_factory=list)  # indices into the events table
    reasons: list[str] = field(default_factory=list)


def build_timeline(events: pd.DataFrame, articles: pd.DataFrame, registry: Registry,
                   codebook: Codebook) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(events with timeline_id, timeline, contradictions)``."""
    if events.empty:
        return events, frame("timeline", []), frame("contradictions", [])
    events = events.reset_index(drop=True)
    position = _positions(events, articles)
    rows = _merge(events, registry, codebook)
    order, basis = _order(rows, events, position, codebook)
    row_of = {i: r.timeline_id for r in rows for i in r.mentions}
    events = events.assign(timeline_id=[row_of[i] for i in events.index])
    events = events.astype({"timeline_id": "Int64"})
    table = frame("timeline", [_timeline_row(r, events, order[r.timeline_id], basis[r.timeline_id], registry, codebook)
                               for r in rows]).sort_values("order", kind="stable").reset_index(drop=True)
    return events, table, frame("contradictions", _contradictions(rows, events, codebook))


# --- where each mention sits in time -------------------------------------------------------------

def _relative(events: pd.DataFrame) -> list[tuple[float, float] | None]:
    """Days relative to the mention's own article, from its date text, else from its cause
    ("In reaction" to an accusation made "earlier this year" happened then too)."""
    intervals = [None if pd.isna(low) else (float(low), float(high))
                 for low, high in zip(events["days_from"], events["days_to"])]
    by_key = {(row.article_id, row.event_id): i for i, row in enumerate(events.itertuples())}
    for i, row in enumerate(events.itertuples()):
        if intervals[i] is None and (cause := _cause_index(row, by_key)) is not None:
            intervals[i] = intervals[cause]
    return intervals


def _cause_index(row, by_key: dict) -> int | None:
    """The events-table index of the mention's stated cause, an event of the same article."""
    if pd.isna(row.cause_event_id):
        return None
    return by_key.get((row.article_id, int(row.cause_event_id)))


def _point(interval: tuple[float, float] | None) -> float:
    """A position for sorting: the middle of a closed interval, just inside day 0 for open ones."""
    if interval is None:
        return -OPEN_END
    low, high = interval
    if math.isinf(low) and math.isinf(high):
        return 0.0
    if math.isinf(low):
        return high - OPEN_END
    if math.isinf(high):
        return low + OPEN_END
    return (low + high) / 2


def _positions(events: pd.DataFrame, articles: pd.DataFrame) -> list[float]:
    """Each mention on one axis of days: articles with a publication date use it; undated ones
    are shifted so that the events they share with an already placed article line up."""
    relative = _relative(events)
    points = [_point(r) for r in relative]
    published = dict(zip(articles["article_id"], pd.to_datetime(articles["published"], errors="coerce")))
    dated = {a: d for a, d in published.items() if not pd.isna(d)}
    origin = min(dated.values()) if dated else None
    shift = {a: float((d - origin).days) for a, d in dated.items()}
    if not shift:
        shift[events["article_id"].iloc[0]] = 0.0
    links = _shared_anchors(events, relative)
    pending = list(shift)
    while pending:  # breadth-first over articles linked by an event they both date
        article = pending.pop(0)
        for other, offset in links.get(article, []):
            if other not in shift:
                shift[other] = shift[article] + offset
                pending.append(other)
    return [points[i] + shift.get(article, 0.0) for i, article in enumerate(events["article_id"])]


def _shared_anchors(events: pd.DataFrame, relative) -> dict[str, list[tuple[str, float]]]:
    """Articles that date the same kind of event with closed intervals, linked to the first such
    article (a star per event type, so the links grow with the corpus, not with its square):
    ``links[a]`` holds ``(b, shift of b's publication relative to a's)``. Only closed intervals
    align; "before publication" says too little."""
    hubs: dict[str, tuple[str, float]] = {}
    links: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for interval, event_type, article in zip(relative, events["event_type"], events["article_id"]):
        if not interval or any(math.isinf(v) for v in interval):
            continue
        point = _point(interval)
        hub, hub_point = hubs.setdefault(event_type, (article, point))
        if article != hub:
            links[hub].append((article, hub_point - point))
            links[article].append((hub, point - hub_point))
    return links


# --- merging mentions into real-world events ----------------------------------------------------

def _merge(events: pd.DataFrame, registry: Registry, codebook: Codebook) -> list[Row]:
    rows: list[Row] = []
    scopes_of: dict[int, set[str]] = defaultdict(set)  # timeline_id -> specific scopes told so far
    for i, (event_type, actor, scope) in enumerate(zip(events["event_type"], events["actor_id"], events["scope"])):
        side = registry.side(None if pd.isna(actor) else actor)
        scope = None if pd.isna(scope) else scope
        match = next((r for r in rows if r.event_type == event_type
                      and (r.side is None or side is None or r.side == side)
                      and all(codebook.scopes_compatible(told, scope) for told in scopes_of[r.timeline_id])), None)
        if match is None:
            match = Row(len(rows) + 1, event_type, side, [], [])
            rows.append(match)
        elif len(match.reasons) < len(match.mentions):
            reason = [f"same type ({event_type})",
                      f"same side ({side or match.side})" if side and match.side else "actor unstated in one mention"]
            told = scopes_of[match.timeline_id] | ({scope} if scope else set())
            if len(told) > 1:
                reason.append(f"scopes {' / '.join(sorted(told))} can describe one measure")
            match.reasons.append("; ".join(reason))
        match.mentions.append(i)
        match.side = match.side or side
        if scope:
            scopes_of[match.timeline_id].add(scope)
    return rows


# --- order ------------------------------------------------------------------------------------

def _order(rows: list[Row], events: pd.DataFrame, position: list[float], codebook: Codebook):
    """Sort by position on the shared axis; then move every effect after its cause; ties go to
    the codebook's sequence."""
    where = {r.timeline_id: sum(position[i] for i in r.mentions) / len(r.mentions) for r in rows}
    row_of = {i: r.timeline_id for r in rows for i in r.mentions}
    by_key = {(row.article_id, row.event_id): i for i, row in enumerate(events.itertuples())}
    caused_by: dict[int, set[int]] = defaultdict(set)
    for i, row in enumerate(events.itertuples()):
        cause = _cause_index(row, by_key)
        if cause is not None and row_of[cause] != row_of[i]:
            caused_by[row_of[i]].add(row_of[cause])
    basis = {r.timeline_id: "dates in the text" for r in rows}
    for effect, causes in caused_by.items():
        latest_cause = max(where[c] for c in causes)
        if where[effect] <= latest_cause:
            where[effect] = latest_cause + 1e-3
            basis[effect] = "after its stated cause"
    sequence = {name: t.sequence for name, t in codebook.event_types.items()}
    ranked = sorted(rows, key=lambda r: (round(where[r.timeline_id], 3), sequence.get(r.event_type, 99), r.timeline_id))
    for before, after in zip(ranked, ranked[1:]):
        if round(where[before.timeline_id], 3) == round(where[after.timeline_id], 3):
            basis[after.timeline_id] = "codebook sequence (the text does not order them)"
    return {r.timeline_id: n for n, r in enumerate(ranked, start=1)}, basis


def _timeline_row(row: Row, events: pd.DataFrame, order: int, basis: str, registry: Registry,
                  codebook: Codebook) -> dict:
    mentions = events.loc[row.mentions]
    dated = mentions[mentions["date_text"].notna()]
    best = dated.iloc[0] if len(dated) else None
    actors = [a for a in mentions["actor_id"] if not pd.isna(a)]
    actor = max(actors, key=actors.count) if actors else None  # the first told wins a tie: stable across runs
    scopes = [s for s in mentions["scope"] if not pd.isna(s)]
    specific = [s for s in scopes if not codebook.is_vague(s)] or scopes
    scope = specific[0] if specific else None  # as first told; disagreements are in contradictions
    name = registry.by_id[actor].name if actor in registry.by_id else (actor or "someone")
    article_ids = sorted(set(mentions["article_id"]))
    return {
        "timeline_id": row.timeline_id, "order": order, "event_type": row.event_type, "actor_id": actor,
        "scope": scope, "date_start": best["date_start"] if best is not None else None,
        "date_end": best["date_end"] if best is not None else None,
        "date_precision": best["date_precision"] if best is not None else "unknown",
        "date_text": best["date_text"] if best is not None else None,
        "date_anchor": best["date_anchor"] if best is not None else None,
        "n_mentions": len(mentions), "n_articles": len(article_ids), "article_ids": "; ".join(article_ids),
        "merged_because": " | ".join(row.reasons) if row.reasons else "single mention",
        "order_basis": basis,
        "summary": f"{name}: {row.event_type.replace('_', ' ')}" + (f" ({scope.replace('_', ' ')})" if scope else "")
                   + f", told {len(mentions)} time(s) in {len(article_ids)} article(s)",
    }


# --- contradictions ----------------------------------------------------------------------------

def _contradictions(rows: list[Row], events: pd.DataFrame, codebook: Codebook) -> list[dict]:
    """Where articles disagree about one event: its scope, its date, or its cause (one article
    gives a cause, another reports it denied)."""
    found = []
    records = list(events.itertuples())
    denials = {(r.article_id, r.sentence_id): r for r in records if r.event_type in codebook.denial_types}
    for row in rows:
        mentions = [records[i] for i in row.mentions]
        for a, b in _pairs_across_articles(mentions):
            if codebook.scopes_disagree(_known(a.scope), _known(b.scope)):
                found.append(_claim(row, a, b, f"scope: {a.scope} in one article, {b.scope} in the other"))
            if not pd.isna(a.date_start) and not pd.isna(b.date_start) and (
                    a.date_end < b.date_start or b.date_end < a.date_start):
                found.append(_claim(row, a, b, f"date: {a.date_text} vs {b.date_text}"))
        found += _denied_causes(row, mentions, denials)
    return found


def _known(value: object) -> object:
    return None if pd.isna(value) else value


def _pairs_across_articles(mentions: list):
    """One pair per two distinct (scope, date) readings told in different articles: the first
    mention of each reading stands for it, so a row told in thousands of articles stays cheap."""
    readings = {}
    for mention in mentions:
        readings.setdefault((mention.scope, mention.date_start), mention)
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
