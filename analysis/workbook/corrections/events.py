"""Corrections of events and the timeline: change an event's type or date, attach it to another
timeline row or detach it, drop a false event, add a missed one."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.workbook.corrections.entries import DATES, Correction, Span
from analysis.workbook.corrections.rows import (
    CORRECTED_BY,
    METHOD,
    StaleCorrection,
    Tables,
    actor_name,
    appended,
    article_text,
    mark,
    next_id,
    row_at,
)


def event_row(tables: Tables, span: Span, what: str = "event trigger") -> int:
    return row_at(tables, "events", span, what, "trigger_start", "trigger_end")


def change_event(tables: Tables, c: Correction) -> Tables:
    row = event_row(tables, c.fields["event"])
    events = tables["events"].copy()
    changes = {k: v for k, v in c.fields.items() if k in ("event_type", *DATES)}
    for column, value in changes.items():
        events.at[row, column] = pd.NA if value is None else str(value)
    if {"date_start", "date_end"} & set(changes):
        events.loc[row, ["days_from", "days_to"]] = days_from_publication(tables["articles"], events.loc[row])
    tables = tables | {"events": mark(events, [row], c)}
    timeline_id = events.at[row, "timeline_id"]
    shared = (events["timeline_id"] == timeline_id) & (events.index != row)
    if "event_type" in changes and shared.any():  # the other mentions still tell the old type
        return detach(tables, row, c)
    timeline = tables["timeline"].copy()
    here = timeline["timeline_id"] == timeline_id
    if "event_type" in changes:
        timeline.loc[here, "event_type"] = changes["event_type"]
    tables["timeline"] = mark(timeline, here, c)
    return tables


def days_from_publication(articles: pd.DataFrame, event: pd.Series) -> list:
    """Days from the article's publication day, when both are known to the day."""
    article = articles.set_index("article_id").loc[event["article_id"]]
    if article["published_precision"] != "day" or pd.isna(article["published"]):
        return [pd.NA, pd.NA]
    published = dt.date.fromisoformat(str(article["published"])[:10])
    return [pd.NA if pd.isna(event[c]) else float((dt.date.fromisoformat(event[c]) - published).days)
            for c in ("date_start", "date_end")]


def attach_event(tables: Tables, c: Correction) -> Tables:
    row, target = event_row(tables, c.fields["event"]), event_row(tables, c.fields["to_event"], "target event")
    events = tables["events"].copy()
    timeline_id = events.at[target, "timeline_id"]
    events.at[row, "timeline_id"] = timeline_id
    timeline = tables["timeline"]
    return tables | {"events": mark(events, [row], c),
                     "timeline": mark(timeline, timeline["timeline_id"] == timeline_id, c)}


def detach_event(tables: Tables, c: Correction) -> Tables:
    return detach(tables, event_row(tables, c.fields["event"]), c)


def detach(tables: Tables, row: int, c: Correction) -> Tables:
    """The event leaves its timeline row for a new one placed right after it."""
    events, timeline = tables["events"].copy(), tables["timeline"]
    old = events.at[row, "timeline_id"]
    after = timeline.loc[timeline["timeline_id"] == old, "order"]
    events.at[row, "timeline_id"] = new_id = int(timeline["timeline_id"].max()) + 1 if len(timeline) else 1
    tables = tables | {"events": mark(events, [row], c)}
    tables["timeline"] = mark(timeline, timeline["timeline_id"] == old, c)
    return new_timeline_row(tables, row, new_id, float(after.iloc[0]) + 0.5 if len(after) else float("inf"), c)


def new_timeline_row(tables: Tables, row: int, timeline_id: int, order: float, c: Correction) -> Tables:
    event, timeline = tables["events"].loc[row], tables["timeline"]
    actor = event["actor_id"]
    name = "someone" if pd.isna(actor) else actor_name(tables, actor, "event actor")
    scope = "" if pd.isna(event["scope"]) else f" ({event['scope'].replace('_', ' ')})"
    added = pd.DataFrame([{
        "timeline_id": timeline_id, "order": order, "event_type": event["event_type"], "actor_id": actor,
        "scope": event["scope"], **{k: event[k] for k in ("date_start", "date_end", "date_precision", "date_text",
                                                           "date_anchor")},
        "merged_because": "single mention", "order_basis": "placed by hand",
        "summary": f"{name}: {event['event_type'].replace('_', ' ')}{scope}, told 1 time(s) in 1 article(s)",
        CORRECTED_BY: c.id}])
    timeline = pd.concat([timeline.astype({"order": "Float64"}), added], ignore_index=True)
    return tables | {"timeline": timeline.sort_values("order", kind="stable").reset_index(drop=True)}


def drop_event(tables: Tables, c: Correction) -> Tables:
    row = event_row(tables, c.fields["event"])
    events, timeline = tables["events"], tables["timeline"]
    tables = tables | {"timeline": mark(timeline, timeline["timeline_id"] == events.at[row, "timeline_id"], c)}
    return tables | {"events": events.drop(index=row)}


def add_event(tables: Tables, c: Correction) -> Tables:
    trigger, evidence = c.fields["trigger"], c.fields["evidence"]
    article_text(tables, trigger, "trigger")
    article_text(tables, evidence, "evidence")
    if trigger.article_id != evidence.article_id or not evidence.start <= trigger.start < trigger.end <= evidence.end:
        raise StaleCorrection("the trigger is not inside the evidence span")
    actor = c.fields.get("actor_id")
    if actor:
        actor_name(tables, actor, "event actor")
    events, sentences, timeline = tables["events"], tables["sentences"], tables["timeline"]
    new_id = int(timeline["timeline_id"].max()) + 1 if len(timeline) else 1
    in_article = sentences[(sentences["article_id"] == trigger.article_id) & (sentences["start"] <= trigger.start)]
    row = {"article_id": trigger.article_id, "event_id": next_id(events, "event_id", trigger.article_id),
           "sentence_id": in_article["sentence_id"].max() if len(in_article) else 0,
           "event_type": c.fields["event_type"], "actor_id": actor, "trigger": trigger.text,
           "trigger_start": trigger.start, "trigger_end": trigger.end, "evidence": evidence.text,
           "start": evidence.start, "end": evidence.end, "date_precision": "unknown",
           **{k: None if v is None else str(v) for k, v in c.fields.items() if k in DATES},
           "timeline_id": new_id,
           "confidence": 1.0, "method": METHOD, CORRECTED_BY: c.id}
    events = appended(tables, events, row)
    events.loc[events.index[-1], ["days_from", "days_to"]] = days_from_publication(tables["articles"], events.iloc[-1])
    tables = tables | {"events": events}
    return new_timeline_row(tables, events.index[-1], new_id, float("inf"), c)
