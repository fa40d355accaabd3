"""The entries of ``data/corrections.yml``: their kinds, their validation, reading and appending.

An analyst correction is a fix made once by hand, re-applied after every extraction (by ``apply``)
and visible in the tables as ``corrected_by`` (the entry's id).

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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.corpus.yamltext import YamlError, load_yaml
from analysis.paths import CORRECTIONS_FILE
from analysis.registries.actors import TYPES
from analysis.registries.codebook import Codebook, load_codebook
from analysis.registries.datafile import read_data_file
from analysis.schema import POLARITIES, PRECISIONS
from analysis.workbook.store import atomic_write

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPAN_KEYS = {"article_id", "start", "end", "text"}


class CorrectionError(ValueError):
    """The corrections file is not valid; the message lists every problem found."""


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
    return next((f"item {n + 1} {error}" for n, item in enumerate(value)
                 if (error := _check_span(item, codebook))), None)


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
    errors = [f"entry {n + 1}{_named(entry)}: " + "; ".join(problems)
              for n, entry in enumerate(document) if (problems := entry_problems(entry, codebook))]
    ids = [entry["id"] for entry in document if isinstance(entry, dict) and isinstance(entry.get("id"), str)]
    errors += [f"id '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if errors:
        raise CorrectionError(f"{source}: " + "; ".join(errors))
    return [_correction(entry, source) for entry in document]


def _named(entry: object) -> str:
    """" ('merge-svr')" after an entry's number, when it has a usable id."""
    return f" ('{entry['id']}')" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""


def _document(text: str, source: str) -> object:
    try:
        return load_yaml(text)
    except YamlError as problem:
        raise CorrectionError(f"{source}: not valid YAML: {problem}") from None


def load_corrections(path: Path = CORRECTIONS_FILE, codebook: Codebook | None = None) -> list[Correction]:
    """The entries of a corrections file, validated; a missing file means no corrections."""
    if not path.exists():
        return []
    document, _ = read_data_file(path, CorrectionError)
    return parse_corrections(document, path.name, codebook or load_codebook())


NEW_FILE_HEADER = ("# Analyst corrections, applied after every extraction: "
                   "see analysis/workbook/corrections/entries.py.\n")


def add_correction(entry: dict, path: Path = CORRECTIONS_FILE) -> str:
    """Append one validated entry to the corrections file and return its id (made up from the kind
    when the entry has none). Appending text, not re-dumping the file, keeps the comments and
    makes the change one reviewable block in ``git diff``."""
    text = path.read_text(encoding="utf-8") if path.exists() else NEW_FILE_HEADER
    existing = parse_corrections(_document(text, path.name), path.name, codebook := load_codebook())
    taken = {c.id for c in existing}
    entry = dict(entry)
    if "id" not in entry:
        base = str(entry.get("kind", "correction")).replace("_", "-")
        entry = {"id": next(f"{base}-{n}" for n in range(1, len(taken) + 2) if f"{base}-{n}" not in taken)} | entry
    parse_corrections([*(_document(text, path.name) or []), entry], path.name, codebook)
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=110)
    separator = "" if text.endswith("\n") or not text else "\n"
    atomic_write(path, lambda tmp: Path(tmp).write_text(text + separator + block, encoding="utf-8"))
    return entry["id"]
