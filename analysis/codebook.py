"""The event codebook (``data/codebook.yml``), loaded and validated so that a typo in a trigger
list or a topic's event type is an error at load time, not a silently empty timeline."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.datafile import read_data_file
from analysis.paths import CODEBOOK_FILE

MODALITIES = ("ordered", "announced", "enacted", "planned", "offered", "alleged", "denied", "reported")
POLARITIES = ("favor", "against", "neutral")


class CodebookError(ValueError):
    """The codebook file is not valid; the message lists every problem found."""


@dataclass(frozen=True)
class EventType:
    name: str
    definition: str
    lemmas: frozenset[str]
    phrases: tuple[str, ...]
    needs: tuple[str, ...]
    roles: tuple[str, ...]
    modality: str
    sequence: int


@dataclass(frozen=True)
class Topic:
    name: str
    definition: str
    events: dict[str, str]       # event type -> polarity it expresses
    keywords: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded codebook, cached matchers
class Codebook:
    event_types: dict[str, EventType]
    modalities: dict[str, str]   # governing verb lemma -> modality
    scopes: dict[str, tuple[str, ...]]
    cause_openers: tuple[str, ...]
    cause_links: tuple[str, ...]
    topics: dict[str, Topic]
    version: str = ""


@cache
def load_codebook(path: Path = CODEBOOK_FILE) -> Codebook:
    document, version = read_data_file(path, CodebookError)
    return build_codebook(document, source=path.name, version=version)


def build_codebook(document: dict, source: str = "codebook", version: str = "") -> Codebook:
    errors: list[str] = []
    types = {name: _event_type(name, entry, errors) for name, entry in _mapping(document, "event_types", errors).items()}
    modalities = {str(k): str(v) for k, v in _mapping(document, "modalities", errors).items()}
    errors += [f"modality of '{verb}': '{m}' is not one of {', '.join(MODALITIES)}"
               for verb, m in modalities.items() if m not in MODALITIES]
    scopes = {name: tuple(_strings(phrases, f"scope '{name}'", errors))
              for name, phrases in _mapping(document, "scopes", errors).items()}
    topics = {name: _topic(name, entry, types, errors) for name, entry in _mapping(document, "topics", errors).items()}
    causes = _mapping(document, "causes", errors)
    openers = tuple(_strings(causes.get("openers", []), "causes: openers", errors))
    links = tuple(_strings(causes.get("links", []), "causes: links", errors))
    if errors:
        raise CodebookError(f"{source}: " + "; ".join(errors))
    return Codebook(types, modalities, scopes, openers, links, topics, version)


def _mapping(document: object, key: str, errors: list[str]) -> dict:
    value = document.get(key) if isinstance(document, dict) else None
    if not isinstance(value, dict) or not value:
        errors.append(f"'{key}' must be a non-empty mapping")
        return {}
    return value


def _strings(value: object, where: str, errors: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(f"{where}: expected a list of text")
        return []
    return [v.lower() for v in value]


def _event_type(name: str, entry: object, errors: list[str]) -> EventType:
    if not isinstance(entry, dict):
        errors.append(f"event type '{name}': expected a mapping")
        entry = {}
    modality = entry.get("modality")
    if modality not in MODALITIES:
        errors.append(f"event type '{name}': modality must be one of {', '.join(MODALITIES)}")
    if not isinstance(entry.get("sequence"), int):
        errors.append(f"event type '{name}': 'sequence' must be a whole number")
    if not isinstance(entry.get("definition"), str):
        errors.append(f"event type '{name}': 'definition' is required text")
    where = f"event type '{name}'"
    return EventType(name, str(entry.get("definition", "")), frozenset(_strings(entry.get("lemmas", []), where, errors)),
                     tuple(_strings(entry.get("phrases", []), where, errors)),
                     tuple(_strings(entry.get("needs", []), where, errors)),
                     tuple(_strings(entry.get("roles", []), where, errors)), str(modality), int(entry.get("sequence") or 0))


def _topic(name: str, entry: object, types: dict[str, EventType], errors: list[str]) -> Topic:
    if not isinstance(entry, dict):
        errors.append(f"topic '{name}': expected a mapping")
        entry = {}
    events = entry.get("events") or {}
    for event_type, polarity in events.items():
        if event_type not in types:
            errors.append(f"topic '{name}': '{event_type}' is not an event type")
        if polarity not in POLARITIES:
            errors.append(f"topic '{name}': polarity '{polarity}' is not one of {', '.join(POLARITIES)}")
    return Topic(name, str(entry.get("definition", "")), dict(events),
                 tuple(_strings(entry.get("keywords", []), f"topic '{name}'", errors)))
