"""Analyst corrections (``data/corrections.yml``): a fix made once by hand, re-applied after every
extraction, and visible in the tables as ``corrected_by`` (the entry's id).

Entries never name row numbers, which change with every run: they name actor ids and spans
(article id, offsets and the text found there). When the article changes so that a span's text no
longer matches, or the extraction no longer has the row a span points at, the entry is stale: it
becomes a ``problems`` row instead of silently doing nothing, and ``python -m analysis corrections
check`` lists it. Entries apply in file order, so a later entry sees what an earlier one changed
(rename an actor created by a split).

Kinds (each entry also has ``id``, ``kind`` and ``note``; a span is a mapping of ``article_id``,
``start``, ``end`` and ``text``):

- ``merge_actors``: ``actor_id`` becomes ``into`` in mentions, quotes, events, timeline, stances.
- ``split_actor``: the ``mentions`` spans of ``actor_id`` go to a new actor ``new_actor_id`` with
  ``name`` and ``type`` (and so do the quotes those mentions speak and the stances of those quotes).
- ``rename_actor``: ``actor_id`` is called ``name``.
- ``set_speaker``: the ``quote`` span is spoken by ``speaker_actor_id`` (null clears the speaker).
- ``change_event``: the event whose trigger is the ``event`` span takes any of ``event_type``,
  ``date_start``, ``date_end``, ``date_precision``.
- ``attach_event`` / ``detach_event``: the ``event`` joins the timeline row of ``to_event``, or
  leaves its row for a new one of its own.
- ``drop_event`` / ``drop_stance``: a false event (by trigger) or stance (by ``stance`` evidence
  span, ``actor_id`` and ``topic``) is removed.
- ``add_event`` / ``add_stance``: a missed one, with its ``evidence`` span (and an event's
  ``trigger`` span inside it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from analysis.codebook import Codebook, load_codebook
from analysis.datafile import read_data_file
from analysis.paths import CORRECTIONS_FILE
from analysis.registry import TYPES
from analysis.store import atomic_write

CORRECTED_BY = "corrected_by"
TOUCHED = ("actors", "mentions", "quotes", "events", "timeline", "stances")
PRECISIONS = ("day", "week", "month", "year", "unknown")
POLARITIES = ("favor", "against", "neutral")
METHOD = "correction"  # the ``method`` of rows an analyst added
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPAN_KEYS = {"article_id", "start", "end", "text"}


class CorrectionError(ValueError):
    """The corrections file is not valid; the message lists every problem found."""


class StaleCorrection(Exception):
    """An entry that no longer matches the articles or the extracted rows; the message says what."""


@dataclass(frozen=True)
class Span:
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)
class Correction:
    id: str
    kind: str
    note: str
    fields: dict = field(default_factory=dict)  # the kind's own keys, spans as ``Span``
    source: str = CORRECTIONS_FILE.name


# --- validation ------------------------------------------------------------------------------

def _check_slug(value, codebook) -> str | None:
    return None if isinstance(value, str) and _SLUG.match(value) else "must be an actor id like 'aleksandar-vucic'"


def _check_optional_slug(value, codebook) -> str | None:
    return None if value is None else _check_slug(value, codebook)


def _check_text(value, codebook) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be text"


def _check_span(value, codebook) -> str | None:
    if not isinstance(value, dict) or set(value) != _SPAN_KEYS:
        return f"must be a mapping of exactly {', '.join(sorted(_SPAN_KEYS))}"
    start, end = value["start"], value["end"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not 0 <= start < end:
        return "needs whole-number offsets with 0 <= start < end"
    if not isinstance(value["article_id"], str) or not isinstance(value["text"], str):
        return "needs 'article_id' and 'text' as text"
    if len(value["text"]) != end - start:
        return f"'text' has {len(value['text'])} characters but the offsets span {end - start}"
    return None


def _check_spans(value, codebook) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of spans"
    return next((f"item {n + 1} {error}" for n, item in enumerate(value) if (error := _check_span(item, codebook))), None)


def _check_choice(choices: tuple[str, ...]) -> Callable:
    return lambda value, codebook: None if value in choices else f"must be one of {', '.join(choices)}"


def _check_event_type(value, codebook: Codebook) -> str | None:
    return _check_choice(tuple(codebook.event_types))(value, codebook)


def _check_topic(value, codebook: Codebook) -> str | None:
    return _check_choice(tuple(codebook.topics))(value, codebook)


def _check_date(value, codebook) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return "must be an ISO date such as 2025-05-26, or null"
    return None


REQUIRED, OPTIONAL = True, False
DATES = {"date_start": (_check_date, OPTIONAL), "date_end": (_check_date, OPTIONAL),
         "date_precision": (_check_choice(PRECISIONS), OPTIONAL)}
KINDS: dict[str, dict[str, tuple[Callable, bool]]] = {
    "merge_actors": {"actor_id": (_check_slug, REQUIRED), "into": (_check_slug, REQUIRED)},
    "split_actor": {"actor_id": (_check_slug, REQUIRED), "new_actor_id": (_check_slug, REQUIRED),
                    "name": (_check_text, REQUIRED), "type": (_check_choice(TYPES), REQUIRED),
                    "mentions": (_check_spans, REQUIRED)},
    "rename_actor": {"actor_id": (_check_slug, REQUIRED), "name": (_check_text, REQUIRED)},
    "set_speaker": {"quote": (_check_span, REQUIRED), "speaker_actor_id": (_check_optional_slug, REQUIRED)},
    "change_event": {"event": (_check_span, REQUIRED), "event_type": (_check_event_type, OPTIONAL), **DATES},
    "attach_event": {"event": (_check_span, REQUIRED), "to_event": (_check_span, REQUIRED)},
    "detach_event": {"event": (_check_span, REQUIRED)},
    "drop_event": {"event": (_check_span, REQUIRED)},
    "drop_stance": {"stance": (_check_span, REQUIRED), "actor_id": (_check_slug, REQUIRED),
                    "topic": (_check_topic, REQUIRED)},
    "add_event": {"event_type": (_check_event_type, REQUIRED), "actor_id": (_check_optional_slug, OPTIONAL),
                  "trigger": (_check_span, REQUIRED), "evidence": (_check_span, REQUIRED), **DATES},
    "add_stance": {"actor_id": (_check_slug, REQUIRED), "topic": (_check_topic, REQUIRED),
                   "polarity": (_check_choice(POLARITIES), REQUIRED), "evidence": (_check_span, REQUIRED),
                   "target": (_check_optional_slug, OPTIONAL)},
}
_COMMON = {"id", "kind", "note"}


def entry_problems(entry: object, codebook: Codebook) -> list[str]:
    """Everything wrong with one entry as written, before any article is looked at."""
    if not isinstance(entry, dict):
        return ["expected a mapping"]
    problems = [] if isinstance(entry.get("id"), str) and _SLUG.match(entry["id"]) else [
        "'id' must be a lower-case slug like 'merge-svr-alias'"]
    problems += [] if isinstance(entry.get("note"), str) and entry["note"].strip() else [
        "'note' must say why (text)"]
    spec = KINDS.get(entry.get("kind"))
    if spec is None:
        return problems + [f"'kind' must be one of {', '.join(KINDS)}"]
    problems += [f"unknown key '{k}'" for k in sorted(set(entry) - _COMMON - set(spec))]
    for name, (check, required) in spec.items():
        if name not in entry:
            problems += [f"'{name}' is required"] if required else []
        elif error := check(entry[name], codebook):
            problems.append(f"'{name}' {error}")
    if entry["kind"] == "change_event" and not set(entry) & {"event_type", *DATES}:
        problems.append("change_event needs at least one of event_type, date_start, date_end, date_precision")
    return problems


def _correction(entry: dict, source: str) -> Correction:
    fields = {name: _spanned(value) for name, value in entry.items() if name not in _COMMON}
    return Correction(entry["id"], entry["kind"], entry["note"], fields, source)


def _spanned(value):
    if isinstance(value, dict) and set(value) == _SPAN_KEYS:
        return Span(**value)
    if isinstance(value, list):
        return [_spanned(item) for item in value]
    return value


def parse_corrections(document: object, source: str, codebook: Codebook) -> list[Correction]:
    """Validated entries of one corrections document; a ``CorrectionError`` lists every problem."""
    if document in (None, {}):
        return []
    if not isinstance(document, list):
        raise CorrectionError(f"{source}: expected a list of entries ('- id: ...')")
    errors = [f"entry '{entry.get('id', n + 1) if isinstance(entry, dict) else n + 1}': " + "; ".join(problems)
              for n, entry in enumerate(document) if (problems := entry_problems(entry, codebook))]
    ids = [entry["id"] for entry in document]
    errors += [f"id '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if errors:
        raise CorrectionError(f"{source}: " + "; ".join(errors))
    return [_correction(entry, source) for entry in document]


def load_corrections(path: Path = CORRECTIONS_FILE, codebook: Codebook | None = None) -> list[Correction]:
    """The entries of a corrections file, validated; a missing file means no corrections."""
    if not path.exists():
        return []
    document, _ = read_data_file(path, CorrectionError)
    return parse_corrections(document, path.name, codebook or load_codebook())


NEW_FILE_HEADER = "# Analyst corrections, applied after every extraction: see analysis/corrections.py.\n"


def add_correction(entry: dict, path: Path = CORRECTIONS_FILE) -> str:
    """Append one validated entry to the corrections file and return its id (made up from the kind
    when the entry has none). Appending text, not re-dumping the file, keeps the comments and
    makes the change one reviewable block in ``git diff``."""
    text = path.read_text(encoding="utf-8") if path.exists() else NEW_FILE_HEADER
    existing = parse_corrections(yaml.safe_load(text), path.name, codebook := load_codebook())
    taken = {c.id for c in existing}
    entry = dict(entry)
    if "id" not in entry:
        base = str(entry.get("kind", "correction")).replace("_", "-")
        entry = {"id": next(f"{base}-{n}" for n in range(1, len(taken) + 2) if f"{base}-{n}" not in taken)} | entry
    parse_corrections([*(yaml.safe_load(text) or []), entry], path.name, codebook)
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=110)
    separator = "" if text.endswith("\n") or not text else "\n"
    atomic_write(path, lambda tmp: Path(tmp).write_text(text + separator + block, encoding="utf-8"))
    return entry["id"]


# --- application -----------------------------------------------------------------------------

Tables = dict[str, pd.DataFrame]


def apply_corrections(tables: Tables, corrections: list[Correction]) -> Tables:
    """New tables with every entry applied in order; ``corrected_by`` on every table an entry may
    touch (NA on rows none touched); a ``problems`` row for each stale entry. Pure: ``tables``
    is not modified."""
    tables = {name: _with_marks(name, table) for name, table in tables.items()}
    stale = []
    for correction in corrections:
        try:
            tables = APPLY[correction.kind](tables, correction)
        except StaleCorrection as reason:
            stale.append({"path": f"{correction.source}#{correction.id}", "problem": "stale correction",
                          "detail": f"{correction.kind}: {reason}"})
    tables = _recount_actors(_refresh_timeline(tables))
    if stale:
        problems = pd.concat([tables["problems"], pd.DataFrame(stale)], ignore_index=True)
        tables["problems"] = problems.astype(tables["problems"].dtypes.to_dict())
    return tables


def _with_marks(name: str, table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    if name in TOUCHED and CORRECTED_BY not in table:
        table[CORRECTED_BY] = pd.Series(pd.NA, index=table.index, dtype="string")
    return table


def _mark(table: pd.DataFrame, rows, correction: Correction) -> pd.DataFrame:
    """Record the entry on the rows it changed; a row changed twice lists both ids."""
    table = table.copy()
    rows = table.index[rows] if isinstance(rows, pd.Series) else rows
    before = table.loc[rows, CORRECTED_BY]
    table.loc[rows, CORRECTED_BY] = [correction.id if pd.isna(b) else b if correction.id in b.split("; ")
                                     else f"{b}; {correction.id}" for b in before]
    return table


def _article_text(tables: Tables, span: Span, what: str) -> str:
    """The article's text, once the span's text is checked against it."""
    texts = tables["articles"].set_index("article_id")["text"]
    if span.article_id not in texts.index:
        raise StaleCorrection(f"{what}: article {span.article_id} is no longer in the corpus")
    found = texts[span.article_id][span.start:span.end]
    if found != span.text:
        raise StaleCorrection(f"{what}: {span.article_id}[{span.start}:{span.end}] now reads {found!r}, "
                              f"not {span.text!r}")
    return texts[span.article_id]


def _row_at(tables: Tables, table: str, span: Span, what: str, start: str = "start", end: str = "end",
            extra: pd.Series | None = None) -> int:
    """The index of the one row of ``table`` at the span (after checking the span's text)."""
    _article_text(tables, span, what)
    rows = tables[table]
    match = (rows["article_id"] == span.article_id) & (rows[start] == span.start) & (rows[end] == span.end)
    match = match & extra if extra is not None else match
    found = rows.index[match.fillna(False)]
    if found.empty:
        raise StaleCorrection(f"{what}: no {table} row at {span.article_id}[{span.start}:{span.end}] "
                              f"({span.text!r}) any more")
    return found[0]


def _actor_name(tables: Tables, actor_id: str, what: str) -> str:
    actors = tables["actors"].set_index("actor_id")
    if actor_id not in actors.index:
        raise StaleCorrection(f"{what}: actor '{actor_id}' is not in the actors table")
    return actors.loc[actor_id, "name"]


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
        tables[table] = _mark(rows, touched, correction)
    return tables


def _merge_actors(tables: Tables, c: Correction) -> Tables:
    merged, kept = c.fields["actor_id"], c.fields["into"]
    _actor_name(tables, merged, "merged actor")
    name = _actor_name(tables, kept, "kept actor")
    actors = tables["actors"]
    aliases = "; ".join(sorted({a for alias_list in actors.loc[actors["actor_id"].isin([merged, kept]), "aliases"]
                                .dropna() for a in alias_list.split("; ")}))
    tables = _replace_actor(tables, merged, kept, name, c)
    actors = actors[actors["actor_id"] != merged].copy()
    actors.loc[actors["actor_id"] == kept, "aliases"] = aliases
    tables["actors"] = _mark(actors, actors["actor_id"] == kept, c)
    return tables


def _split_actor(tables: Tables, c: Correction) -> Tables:
    old, new, name = c.fields["actor_id"], c.fields["new_actor_id"], c.fields["name"]
    mentions, quotes, stances = tables["mentions"], tables["quotes"], tables["stances"]
    rows = [_row_at(tables, "mentions", span, "mention", extra=mentions["actor_id"] == old)
            for span in c.fields["mentions"]]
    mentions = mentions.copy()
    mentions.loc[rows, ["actor_id", "name"]] = [new, name]
    spoken = pd.Series(False, index=quotes.index)
    for row in rows:
        spoken |= ((quotes["article_id"] == mentions.at[row, "article_id"]) & (quotes["speaker_actor_id"] == old)
                   & (quotes["speaker_start"] == mentions.at[row, "start"])).fillna(False)
    quotes = quotes.copy()
    quotes.loc[spoken, ["speaker_actor_id", "speaker"]] = [new, name]
    tables = tables | {"mentions": _mark(mentions, rows, c), "quotes": _mark(quotes, spoken, c)}
    tables["stances"] = _reassign_quote_stances(stances, quotes[spoken], old, new, c)
    surfaces = "; ".join(sorted(set(mentions.loc[rows, "surface"])))
    actors = pd.concat([tables["actors"], pd.DataFrame([{
        "actor_id": new, "name": name, "type": c.fields["type"], "aliases": surfaces, "method": METHOD}])],
        ignore_index=True).astype(tables["actors"].dtypes.to_dict())
    tables["actors"] = _mark(actors, actors["actor_id"].isin([old, new]), c)
    return tables


def _reassign_quote_stances(stances: pd.DataFrame, quotes: pd.DataFrame, old: str, new: str | None,
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
    return _mark(stances, hit, c)


def _rename_actor(tables: Tables, c: Correction) -> Tables:
    actor_id, name = c.fields["actor_id"], c.fields["name"]
    old_name = _actor_name(tables, actor_id, "renamed actor")
    tables = dict(tables)
    for table, id_column, name_column in (("actors", "actor_id", "name"), ("mentions", "actor_id", "name"),
                                          ("quotes", "speaker_actor_id", "speaker")):
        rows = tables[table].copy()
        hit = (rows[id_column] == actor_id).fillna(False)
        rows.loc[hit, name_column] = name
        tables[table] = _mark(rows, hit, c)
    timeline = tables["timeline"].copy()
    hit = (timeline["actor_id"] == actor_id).fillna(False) & timeline["summary"].str.startswith(f"{old_name}:").fillna(False)
    timeline.loc[hit, "summary"] = [name + s[len(old_name):] for s in timeline.loc[hit, "summary"]]
    tables["timeline"] = _mark(timeline, hit, c)
    return tables


def _set_speaker(tables: Tables, c: Correction) -> Tables:
    speaker = c.fields["speaker_actor_id"]
    name = _actor_name(tables, speaker, "speaker") if speaker else None
    row = _row_at(tables, "quotes", c.fields["quote"], "quote")
    quotes = tables["quotes"].copy()
    old = quotes.at[row, "speaker_actor_id"]
    quotes.loc[row, ["speaker_actor_id", "speaker"]] = [speaker, name]
    quotes.loc[row, ["speaker_surface", "speaker_start", "speaker_end"]] = pd.NA  # they pointed at the old speaker
    stances = _reassign_quote_stances(tables["stances"], quotes.loc[[row]], old, speaker, c)
    return tables | {"quotes": _mark(quotes, [row], c), "stances": stances}


def _event_row(tables: Tables, span: Span, what: str = "event trigger") -> int:
    return _row_at(tables, "events", span, what, "trigger_start", "trigger_end")


def _change_event(tables: Tables, c: Correction) -> Tables:
    row = _event_row(tables, c.fields["event"])
    events = tables["events"].copy()
    changes = {k: v for k, v in c.fields.items() if k in ("event_type", *DATES)}
    for column, value in changes.items():
        events.at[row, column] = pd.NA if value is None else str(value)
    if {"date_start", "date_end"} & set(changes):
        events.loc[row, ["days_from", "days_to"]] = _days(tables["articles"], events.loc[row])
    tables = tables | {"events": _mark(events, [row], c)}
    timeline_id = events.at[row, "timeline_id"]
    shared = (events["timeline_id"] == timeline_id) & (events.index != row)
    if "event_type" in changes and shared.any():  # the other mentions still tell the old type
        return _detach(tables, row, c)
    timeline = tables["timeline"].copy()
    here = timeline["timeline_id"] == timeline_id
    if "event_type" in changes:
        timeline.loc[here, "event_type"] = changes["event_type"]
    tables["timeline"] = _mark(timeline, here, c)
    return tables


def _days(articles: pd.DataFrame, event: pd.Series) -> list:
    """Days from the article's publication day, when both are known to the day."""
    article = articles.set_index("article_id").loc[event["article_id"]]
    if article["published_precision"] != "day" or pd.isna(article["published"]):
        return [pd.NA, pd.NA]
    published = dt.date.fromisoformat(str(article["published"])[:10])
    return [pd.NA if pd.isna(event[c]) else float((dt.date.fromisoformat(event[c]) - published).days)
            for c in ("date_start", "date_end")]


def _attach_event(tables: Tables, c: Correction) -> Tables:
    row, target = _event_row(tables, c.fields["event"]), _event_row(tables, c.fields["to_event"], "target event")
    events = tables["events"].copy()
    timeline_id = events.at[target, "timeline_id"]
    events.at[row, "timeline_id"] = timeline_id
    timeline = tables["timeline"]
    return tables | {"events": _mark(events, [row], c),
                     "timeline": _mark(timeline, timeline["timeline_id"] == timeline_id, c)}


def _detach_event(tables: Tables, c: Correction) -> Tables:
    return _detach(tables, _event_row(tables, c.fields["event"]), c)


def _detach(tables: Tables, row: int, c: Correction) -> Tables:
    """The event leaves its timeline row for a new one placed right after it."""
    events, timeline = tables["events"].copy(), tables["timeline"]
    old = events.at[row, "timeline_id"]
    after = timeline.loc[timeline["timeline_id"] == old, "order"]
    events.at[row, "timeline_id"] = new_id = int(timeline["timeline_id"].max()) + 1 if len(timeline) else 1
    tables = tables | {"events": _mark(events, [row], c)}
    tables["timeline"] = _mark(timeline, timeline["timeline_id"] == old, c)
    return _new_timeline_row(tables, row, new_id, float(after.iloc[0]) + 0.5 if len(after) else float("inf"), c)


def _new_timeline_row(tables: Tables, row: int, timeline_id: int, order: float, c: Correction) -> Tables:
    event, timeline = tables["events"].loc[row], tables["timeline"]
    actor = event["actor_id"]
    name = "someone" if pd.isna(actor) else _actor_name(tables, actor, "event actor")
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


def _drop_event(tables: Tables, c: Correction) -> Tables:
    row = _event_row(tables, c.fields["event"])
    events, timeline = tables["events"], tables["timeline"]
    tables = tables | {"timeline": _mark(timeline, timeline["timeline_id"] == events.at[row, "timeline_id"], c)}
    return tables | {"events": events.drop(index=row)}


def _drop_stance(tables: Tables, c: Correction) -> Tables:
    stances = tables["stances"]
    row = _row_at(tables, "stances", c.fields["stance"], "stance evidence",
                  extra=(stances["actor_id"] == c.fields["actor_id"]) & (stances["topic"] == c.fields["topic"]))
    return tables | {"stances": stances.drop(index=row)}


def _add_event(tables: Tables, c: Correction) -> Tables:
    trigger, evidence = c.fields["trigger"], c.fields["evidence"]
    _article_text(tables, trigger, "trigger")
    _article_text(tables, evidence, "evidence")
    if trigger.article_id != evidence.article_id or not evidence.start <= trigger.start < trigger.end <= evidence.end:
        raise StaleCorrection("the trigger is not inside the evidence span")
    actor = c.fields.get("actor_id")
    if actor:
        _actor_name(tables, actor, "event actor")
    events, sentences, timeline = tables["events"], tables["sentences"], tables["timeline"]
    new_id = int(timeline["timeline_id"].max()) + 1 if len(timeline) else 1
    in_article = sentences[(sentences["article_id"] == trigger.article_id) & (sentences["start"] <= trigger.start)]
    row = {"article_id": trigger.article_id, "event_id": _next_id(events, "event_id", trigger.article_id),
           "sentence_id": in_article["sentence_id"].max() if len(in_article) else 0,
           "event_type": c.fields["event_type"], "actor_id": actor, "trigger": trigger.text,
           "trigger_start": trigger.start, "trigger_end": trigger.end, "evidence": evidence.text,
           "start": evidence.start, "end": evidence.end, "date_precision": "unknown",
           **{k: None if v is None else str(v) for k, v in c.fields.items() if k in DATES},
           "timeline_id": new_id,
           "confidence": 1.0, "method": METHOD, CORRECTED_BY: c.id}
    events = _appended(tables, events, row)
    events.loc[events.index[-1], ["days_from", "days_to"]] = _days(tables["articles"], events.iloc[-1])
    tables = tables | {"events": events}
    return _new_timeline_row(tables, events.index[-1], new_id, float("inf"), c)


def _add_stance(tables: Tables, c: Correction) -> Tables:
    evidence = c.fields["evidence"]
    _article_text(tables, evidence, "evidence")
    _actor_name(tables, c.fields["actor_id"], "stance holder")
    stances = tables["stances"]
    row = {"article_id": evidence.article_id, "stance_id": _next_id(stances, "stance_id", evidence.article_id),
           "actor_id": c.fields["actor_id"], "topic": c.fields["topic"], "target": c.fields.get("target"),
           "polarity": c.fields["polarity"], "evidence": evidence.text, "start": evidence.start,
           "end": evidence.end, "confidence": 1.0, "method": METHOD, CORRECTED_BY: c.id}
    return tables | {"stances": _appended(tables, stances, row)}


def _next_id(rows: pd.DataFrame, column: str, article_id: str) -> int:
    taken = rows.loc[rows["article_id"] == article_id, column]
    return int(taken.max()) + 1 if len(taken) else 0


def _appended(tables: Tables, rows: pd.DataFrame, row: dict) -> pd.DataFrame:
    """``rows`` plus one, placed after its article's other rows (articles in corpus order)."""
    added = pd.concat([rows, pd.DataFrame([row])], ignore_index=True).astype(rows.dtypes.to_dict())
    position = {a: n for n, a in enumerate(tables["articles"]["article_id"])}
    return added.iloc[added["article_id"].map(position).argsort(kind="stable")].reset_index(drop=True)


APPLY: dict[str, Callable[[Tables, Correction], Tables]] = {
    "merge_actors": _merge_actors, "split_actor": _split_actor, "rename_actor": _rename_actor,
    "set_speaker": _set_speaker, "change_event": _change_event, "attach_event": _attach_event,
    "detach_event": _detach_event, "drop_event": _drop_event, "drop_stance": _drop_stance,
    "add_event": _add_event, "add_stance": _add_stance,
}


# --- derived columns ---------------------------------------------------------------------------

def _recount_actors(tables: Tables) -> Tables:
    """Mention counts follow the corrected mentions; actors left with none disappear."""
    mentions, actors = tables["mentions"], tables["actors"]
    counts = mentions.groupby("actor_id").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"))
    actors = actors[actors["actor_id"].isin(counts.index)].copy()
    actors["n_mentions"] = actors["actor_id"].map(counts["n_mentions"]).astype("Int64")
    actors["n_articles"] = actors["actor_id"].map(counts["n_articles"]).astype("Int64")
    actors = actors.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable")
    return tables | {"actors": actors.reset_index(drop=True)}


def _refresh_timeline(tables: Tables) -> Tables:
    """Counts and article lists follow the corrected events; rows left without a mention
    disappear; orders are renumbered 1..n. A corrected row takes its date from a corrected mention
    when one is dated (the analyst's word over the extractor's), else from its first dated one."""
    events, timeline = tables["events"], tables["timeline"]
    if timeline.empty:
        return tables
    groups = {key: group for key, group in events.groupby("timeline_id")}
    timeline = timeline[timeline["timeline_id"].isin(list(groups))].copy()
    for index, timeline_id, corrected in zip(timeline.index, timeline["timeline_id"], timeline[CORRECTED_BY]):
        mentions = groups[timeline_id]
        article_ids = sorted(set(mentions["article_id"]))
        timeline.loc[index, ["n_mentions", "n_articles", "article_ids"]] = [
            len(mentions), len(article_ids), "; ".join(article_ids)]
        if pd.notna(corrected):
            dated = mentions[mentions["date_start"].notna() | mentions["date_text"].notna()]
            by_hand = dated[dated[CORRECTED_BY].notna() & dated["date_start"].notna()]
            best = (by_hand if len(by_hand) else dated).head(1)
            columns = ["date_start", "date_end", "date_precision", "date_text", "date_anchor"]
            timeline.loc[index, columns] = (best[columns].iloc[0].tolist() if len(best)
                                            else [pd.NA, pd.NA, "unknown", pd.NA, pd.NA])
    timeline = timeline.sort_values("order", kind="stable").reset_index(drop=True)
    timeline["order"] = pd.array(range(1, len(timeline) + 1), dtype="Int64")
    return tables | {"timeline": timeline}
