"""Which event mentions tell one real-world event: matching that needs positive evidence.

Two mentions are one event only when their type families agree, both tell the measure or both a
call for it, the same state decided (a minister, a ministry, the government, the capital and the
state of one country agree; two countries never do), and at least one more field agrees: the same
target, dates that overlap, scopes that can describe one measure, or the same article telling it
again. A field that disagrees forbids the merge: targets named in both and different, neither
sentence naming the other's (arms to Israel are not arms to Saudi Arabia); dates further apart
than a few days at their precision (mentions months or years apart never merge); scopes that
cannot describe one measure. Unknown fields never license a merge on their own: a mention with no
deciding state joins only an event of its own article.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.extract.events.timing import DATELINE, PUBLICATION
from analysis.registries.codebook import Codebook

DEMANDED = "demanded"  # the modality of a call for a measure
THRESHOLD = 1         # fields that must agree beyond the family and the deciding state
DATE_SLACK = 7        # days: two reports of one decision may date it to neighbouring days
NEWS_WINDOW = 31      # days before publication an undated news event is taken to fall in


@dataclass(frozen=True)
class Mention:
    """What matching needs to know of one event row."""
    index: int
    article_id: str
    family: str
    side: str | None               # the state (or body) that decided
    target: str | None             # the state it is aimed at
    named: frozenset[str]          # every state its sentence names, other than the decider
    dates: tuple[int, int] | None  # days (proleptic ordinals), from the text
    window: tuple[int, int] | None  # days, when only the publication or the dateline dates it
    scope: str | None
    demanded: bool = False         # a call for the measure, not the measure


@dataclass(eq=False)  # compared and hashed by identity: rows are indexed while they grow
class Row:
    """A real-world event being assembled from mentions."""
    timeline_id: int
    family: str
    side: str | None
    event_type: str = ""                    # the type most of its mentions tell (set once matched)
    mentions: list[int] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    dates: tuple[int, int] | None = None    # the hull of the text dates of its mentions
    windows: list[tuple[int, int]] = field(default_factory=list)
    scopes: set[str] = field(default_factory=set)
    demanded: bool | None = None
    reasons: list[str] = field(default_factory=list)
    score: int | None = None                # the weakest evidence a mention joined on

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention.index)
        self.articles.add(mention.article_id)
        self.targets |= {mention.target} if mention.target else set()
        self.named |= mention.named
        self.side = self.side or mention.side
        if mention.dates is not None:
            low, high = mention.dates
            self.dates = (min(self.dates[0], low), max(self.dates[1], high)) if self.dates else mention.dates
        if mention.window is not None:
            self.windows.append(mention.window)
        if mention.scope is not None:
            self.scopes.add(mention.scope)
        self.demanded = mention.demanded if self.demanded is None else self.demanded


def mentions_of(events: pd.DataFrame, named: list[frozenset[str]], side_of, codebook: Codebook) -> list[Mention]:
    """One ``Mention`` per event row, in table order; ``side_of`` gives the state an actor acts
    for, ``named`` the states each row's sentence names."""
    found = []
    for index, row in enumerate(events.itertuples()):
        event_type = codebook.event_types.get(row.event_type)
        dates, window = _interval(row)
        found.append(Mention(index, row.article_id, event_type.family if event_type else row.event_type,
                             side_of(row.actor_id), side_of(row.target), named[index],
                             dates, window, None if pd.isna(row.scope) else row.scope, row.modality == DEMANDED))
    return found


def _interval(row) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """``(text dates, window)`` in days: a date the text gives is evidence; the publication day
    or the dateline only bounds when the event can have happened."""
    if pd.isna(row.date_start) or pd.isna(row.date_end):
        return None, None
    low, high = _day(row.date_start), _day(row.date_end)
    if row.date_source in (PUBLICATION, DATELINE) or row.date_precision == "unknown":
        return None, (high - NEWS_WINDOW, high)
    return (low, high), None


def _day(iso: str) -> int:
    return dt.date.fromisoformat(str(iso)[:10]).toordinal()


def match(mentions: list[Mention], codebook: Codebook) -> list[Row]:
    """Rows in the order their first mention is told; each mention joins the earliest row with
    the strongest evidence at or above ``THRESHOLD``, else starts a row. Candidates come from an
    index by (family, deciding state) and by (family, article), so the work grows with the
    mentions, not with their square."""
    rows: list[Row] = []
    by_side: dict[tuple[str, str], list[Row]] = {}
    by_article: dict[tuple[str, str], list[Row]] = {}
    for mention in mentions:
        candidates = by_side.get((mention.family, mention.side), []) if mention.side else []
        candidates = list(dict.fromkeys([*candidates, *by_article.get((mention.family, mention.article_id), [])]))
        best = None
        for row in candidates:
            found = evidence(mention, row, codebook)
            if found is not None and found[0] >= THRESHOLD and (best is None or found[0] > best[1][0]):
                best = (row, found)
        if best is None:
            row = Row(len(rows) + 1, mention.family, mention.side)
            rows.append(row)
        else:
            row, (score, reasons) = best
            row.reasons.append("; ".join(reasons))
            row.score = score if row.score is None else min(row.score, score)
        row.add(mention)
        if row.side:
            by_side.setdefault((row.family, row.side), [])
            if row not in by_side[(row.family, row.side)]:
                by_side[(row.family, row.side)].append(row)
        by_article.setdefault((row.family, mention.article_id), [])
        if row not in by_article[(row.family, mention.article_id)]:
            by_article[(row.family, mention.article_id)].append(row)
    return rows


def evidence(mention: Mention, row: Row, codebook: Codebook) -> tuple[int, list[str]] | None:
    """``(score, reasons)`` for ``mention`` telling the event of ``row``; None when a field forbids it."""
    same_article = mention.article_id in row.articles
    if mention.family != row.family or (mention.side and row.side and mention.side != row.side) \
            or mention.demanded != row.demanded:
        return None  # another kind of measure, another decider, or a call for it rather than it
    if not same_article and not (mention.side and mention.side == row.side):
        return None  # another article's event needs the same deciding state, named in both
    if mention.target and row.targets and mention.target not in row.targets \
            and mention.target not in row.named and not row.targets & mention.named:
        return None  # aimed at another state, which neither sentence names beside its own
    if not _dates_compatible(mention, row):
        return None
    if not all(codebook.scopes_compatible(scope, mention.scope) for scope in row.scopes):
        return None
    reasons = [f"same family ({row.family})"] + ([f"same deciding side ({row.side})"] if mention.side else [])
    score = 0
    if same_article:
        score += 1
        reasons.append("told again in the same article")
    if mention.target in row.targets:
        score += 1
        reasons.append(f"same target ({mention.target})")
    elif mention.target in row.named and row.targets & mention.named:
        score += 1
        reasons.append(f"same targets named ({', '.join(sorted({mention.target} | row.targets & mention.named))})")
    if mention.dates and row.dates:
        score += 1
        reasons.append(f"dates overlap ({_iso(mention.dates)} / {_iso(row.dates)})")
    specific = {s for s in row.scopes if not codebook.is_vague(s)}
    if mention.scope and not codebook.is_vague(mention.scope) and specific:
        score += 1
        reasons.append(f"scopes {' / '.join(sorted(specific | {mention.scope}))} can describe one measure")
    return score, reasons


def _dates_compatible(mention: Mention, row: Row) -> bool:
    """No two known times further apart than ``DATE_SLACK`` days: text dates against text dates
    and windows; two windows only bound each other."""
    def apart(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(a[0] - b[1], b[0] - a[1], 0)

    if mention.dates and row.dates and apart(mention.dates, row.dates) > DATE_SLACK:
        return False
    if mention.dates and any(apart(mention.dates, window) > DATE_SLACK for window in row.windows):
        return False
    if mention.window and row.dates and apart(mention.window, row.dates) > DATE_SLACK:
        return False
    return not (mention.window and any(apart(mention.window, window) > DATE_SLACK for window in row.windows))


def _iso(days: tuple[int, int]) -> str:
    low, high = (dt.date.fromordinal(d).isoformat() for d in days)
    return low if low == high else f"{low}..{high}"
