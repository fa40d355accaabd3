"""Corrections of stances: drop a false one, add a missed one, and move the stances read from a
quote when its speaker changes."""
from __future__ import annotations

import pandas as pd

from analysis.workbook.corrections.entries import Correction
from analysis.workbook.corrections.rows import (
    CORRECTED_BY,
    METHOD,
    Tables,
    actor_name,
    appended,
    article_text,
    mark,
    next_id,
    row_at,
)


def reassign_quote_stances(stances: pd.DataFrame, quotes: pd.DataFrame, old: str, new: str | None,
                            c: Correction) -> pd.DataFrame:
    """Stances read from these quotes follow their speaker; with no speaker they have no holder
    and are dropped."""
    keys = set(zip(quotes["article_id"], quotes["quote_id"]))
    hit = pd.Series([(a, q) in keys and actor == old for a, q, actor in
                     zip(stances["article_id"], stances["quote_id"], stances["actor_id"])], index=stances.index)
    if new is None:
        return stances[~hit]
    stances = stances.copy()
    stances.loc[hit, "actor_id"] = new
    return mark(stances, hit, c)


def drop_stance(tables: Tables, c: Correction) -> Tables:
    stances = tables["stances"]
    row = row_at(tables, "stances", c.fields["stance"], "stance evidence",
                  extra=(stances["actor_id"] == c.fields["actor_id"]) & (stances["topic"] == c.fields["topic"]))
    return tables | {"stances": stances.drop(index=row)}


def add_stance(tables: Tables, c: Correction) -> Tables:
    evidence = c.fields["evidence"]
    article_text(tables, evidence, "evidence")
    actor_name(tables, c.fields["actor_id"], "stance holder")
    stances = tables["stances"]
    row = {"article_id": evidence.article_id, "stance_id": next_id(stances, "stance_id", evidence.article_id),
           "actor_id": c.fields["actor_id"], "topic": c.fields["topic"], "target": c.fields.get("target"),
           "polarity": c.fields["polarity"], "evidence": evidence.text, "start": evidence.start,
           "end": evidence.end, "confidence": 1.0, "method": METHOD, CORRECTED_BY: c.id}
    return tables | {"stances": appended(tables, stances, row)}
