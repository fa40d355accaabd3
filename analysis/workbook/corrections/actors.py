"""Corrections of actors and speakers: merge, split or rename an actor; set a quote's speaker."""
from __future__ import annotations

import pandas as pd

from analysis.workbook.corrections.entries import Correction
from analysis.workbook.corrections.rows import METHOD, Tables, actor_name, mark, row_at
from analysis.workbook.corrections.stances import reassign_quote_stances


def _replace_actor(tables: Tables, old: str, new: str, name: str, correction: Correction) -> Tables:
    """Every reference to ``old`` in the row tables becomes ``new``, marked."""
    columns = {"mentions": {"actor_id": "name"}, "quotes": {"speaker_actor_id": "speaker"},
               "events": {"actor_id": None, "target": None}, "timeline": {"actor_id": None},
               "stances": {"actor_id": None, "target": None}}
    tables = dict(tables)
    for table, pairs in columns.items():
        rows = tables[table].copy()
        touched = pd.Series(False, index=rows.index)
        for id_column, name_column in pairs.items():
            hit = (rows[id_column] == old).fillna(False)
            rows.loc[hit, id_column] = new
            if name_column:
                rows.loc[hit, name_column] = name
            touched |= hit
        tables[table] = mark(rows, touched, correction)
    return tables


def merge_actors(tables: Tables, c: Correction) -> Tables:
    merged, kept = c.fields["actor_id"], c.fields["into"]
    actor_name(tables, merged, "merged actor")
    name = actor_name(tables, kept, "kept actor")
    actors = tables["actors"]
    aliases = "; ".join(sorted({a for alias_list in actors.loc[actors["actor_id"].isin([merged, kept]), "aliases"]
                                .dropna() for a in alias_list.split("; ")}))
    tables = _replace_actor(tables, merged, kept, name, c)
    actors = actors[actors["actor_id"] != merged].copy()
    actors.loc[actors["actor_id"] == kept, "aliases"] = aliases
    tables["actors"] = mark(actors, actors["actor_id"] == kept, c)
    return tables


def split_actor(tables: Tables, c: Correction) -> Tables:
    old, new, name = c.fields["actor_id"], c.fields["new_actor_id"], c.fields["name"]
    mentions, quotes, stances = tables["mentions"], tables["quotes"], tables["stances"]
    rows = [row_at(tables, "mentions", span, "mention", extra=mentions["actor_id"] == old)
            for span in c.fields["mentions"]]
    mentions = mentions.copy()
    mentions.loc[rows, ["actor_id", "name"]] = [new, name]
    spoken = pd.Series(False, index=quotes.index)
    for row in rows:
        spoken |= ((quotes["article_id"] == mentions.at[row, "article_id"]) & (quotes["speaker_actor_id"] == old)
                   & (quotes["speaker_start"] == mentions.at[row, "start"])).fillna(False)
    quotes = quotes.copy()
    quotes.loc[spoken, ["speaker_actor_id", "speaker"]] = [new, name]
    tables = tables | {"mentions": mark(mentions, rows, c), "quotes": mark(quotes, spoken, c)}
    tables["stances"] = reassign_quote_stances(stances, quotes[spoken], old, new, c)
    surfaces = "; ".join(sorted(set(mentions.loc[rows, "surface"])))
    actors = pd.concat([tables["actors"], pd.DataFrame([{
        "actor_id": new, "name": name, "type": c.fields["type"], "aliases": surfaces, "method": METHOD}])],
        ignore_index=True).astype(tables["actors"].dtypes.to_dict())
    tables["actors"] = mark(actors, actors["actor_id"].isin([old, new]), c)
    return tables


def rename_actor(tables: Tables, c: Correction) -> Tables:
    actor_id, name = c.fields["actor_id"], c.fields["name"]
    old_name = actor_name(tables, actor_id, "renamed actor")
    tables = dict(tables)
    for table, id_column, name_column in (("actors", "actor_id", "name"), ("mentions", "actor_id", "name"),
                                          ("quotes", "speaker_actor_id", "speaker")):
        rows = tables[table].copy()
        hit = (rows[id_column] == actor_id).fillna(False)
        rows.loc[hit, name_column] = name
        tables[table] = mark(rows, hit, c)
    timeline = tables["timeline"].copy()
    hit = ((timeline["actor_id"] == actor_id).fillna(False)
           & timeline["summary"].str.startswith(f"{old_name}:").fillna(False))
    timeline.loc[hit, "summary"] = [name + s[len(old_name):] for s in timeline.loc[hit, "summary"]]
    tables["timeline"] = mark(timeline, hit, c)
    return tables


def set_speaker(tables: Tables, c: Correction) -> Tables:
    speaker = c.fields["speaker_actor_id"]
    name = actor_name(tables, speaker, "speaker") if speaker else None
    row = row_at(tables, "quotes", c.fields["quote"], "quote")
    quotes = tables["quotes"].copy()
    old = quotes.at[row, "speaker_actor_id"]
    resolution = "named" if speaker else pd.NA
    quotes.loc[row, ["speaker_actor_id", "speaker", "speaker_resolution"]] = [speaker, name, resolution]
    quotes.loc[row, ["speaker_surface", "speaker_start", "speaker_end"]] = pd.NA  # they pointed at the old speaker
    stances = reassign_quote_stances(tables["stances"], quotes.loc[[row]], old, speaker, c)
    return tables | {"quotes": mark(quotes, [row], c), "stances": stances}
