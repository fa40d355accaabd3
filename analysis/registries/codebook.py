"""The event codebook (``data/codebook.yml``), loaded and validated so that a typo in a trigger
list or a topic's event type is an error at load time, not a silently empty timeline.

Everything the extractors know about event types, scopes and causes is read from here, so a new
kind of export-policy event is a codebook entry, not a code change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.paths import CODEBOOK_FILE
from analysis.registries.datafile import read_data_file
from analysis.schema import POLARITIES

MODALITIES = ("enacted", "announced", "ordered", "demanded", "planned", "offered", "alleged", "denied", "reported")


class CodebookError(ValueError):
    """The codebook file is not valid; the message lists every problem found."""


@dataclass(frozen=True)
class EventType:
    name: str
    family: str                  # types of one family can tell one real-world event
    definition: str
    lemmas: frozenset[str]
    phrases: tuple[str, ...]
    needs: tuple[str, ...]
    roles: tuple[str, ...]
    modality: str
    sequence: int
    negative: bool = False       # a refusal: a negated verb is part of its meaning, not a denial of it
    negated: frozenset[str] = frozenset()  # verbs whose negation is this type ("will not export")
    objects: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # lemma -> what it must act on
    examples: tuple[str, ...] = ()
    objects_if_any: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # checked when said
    decided: frozenset[str] = frozenset()  # verbs that count only when decided or announced ("will ship")
    becomes: str | None = None             # the type it is when the sentence says ``becomes_when``
    becomes_when: tuple[str, ...] = ()
    becomes_objects: frozenset[str] = frozenset()  # ... or when it acts on exports in general
    guess_actor: bool = True               # False: only the text names the actor (an accusation's accuser)


@dataclass(frozen=True)
class Scope:
    name: str
    phrases: tuple[str, ...]
    includes: frozenset[str] = frozenset()  # narrower scopes this one covers (all arms covers ammunition)
    vague: bool = False  # a loose word ("arms") that may stand for any scope


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
    scopes: dict[str, Scope]     # most specific first: the first phrase found near a trigger wins
    cause_openers: tuple[str, ...]
    cause_links: tuple[str, ...]
    cause_types: frozenset[str]   # event types a link ("The move follows ...") can point back to
    denial_types: frozenset[str]  # event types that deny a stated cause
    topics: dict[str, Topic]
    version: str = ""
    anaphors: dict[str, frozenset[str]] = field(default_factory=dict)  # "the move" -> families it refers to
    demand_words: frozenset[str] = frozenset()  # "called for a halt": the event is demanded, not done
    order_words: frozenset[str] = frozenset()   # "ordered the government to stop": the event is ordered
    permission_words: frozenset[str] = frozenset()  # "would require permission from Vienna": its giver

    def scopes_compatible(self, a: str | None, b: str | None) -> bool:
        """Whether two mentions' scopes can describe one measure: the same, one vague or unknown,
        or one covering the other (a halt of "all arms" told elsewhere as one of ammunition)."""
        return a == b or self.is_vague(a) or self.is_vague(b) or self._covers(a, b) or self._covers(b, a)

    def scopes_disagree(self, a: str | None, b: str | None) -> bool:
        """Two specific, different scopes that can still be one measure: a contradiction to show."""
        return a != b and not (self.is_vague(a) or self.is_vague(b)) and self.scopes_compatible(a, b)

    def is_vague(self, scope: str | None) -> bool:
        return scope is None or scope in self.scopes and self.scopes[scope].vague

    def _covers(self, wide: str | None, narrow: str | None) -> bool:
        return wide in self.scopes and narrow in self.scopes[wide].includes


@cache
def load_codebook(path: Path = CODEBOOK_FILE) -> Codebook:
    document, version = read_data_file(path, CodebookError)
    return build_codebook(document, source=path.name, version=version)


def build_codebook(document: dict, source: str = "codebook", version: str = "") -> Codebook:
    errors: list[str] = []
    object_sets = document.get("object_sets") or {} if isinstance(document, dict) else {}
    if not isinstance(object_sets, dict):
        errors.append("'object_sets' must map names to lists of words")
        object_sets = {}
    types = {name: _event_type(name, entry, object_sets, errors)
             for name, entry in _mapping(document, "event_types", errors).items()}
    modalities = {str(k): str(v) for k, v in _mapping(document, "modalities", errors).items()}
    errors += [f"modality of '{verb}': '{m}' is not one of {', '.join(MODALITIES)}"
               for verb, m in modalities.items() if m not in MODALITIES]
    scopes = {name: _scope(name, entry, errors) for name, entry in _mapping(document, "scopes", errors).items()}
    errors += [f"scope '{s.name}': includes '{n}', which is not a scope" for s in scopes.values()
               for n in sorted(s.includes) if n not in scopes]
    topics = {name: _topic(name, entry, types, errors) for name, entry in _mapping(document, "topics", errors).items()}
    causes = _mapping(document, "causes", errors)
    openers = tuple(_strings(causes.get("openers", []), "causes: openers", errors))
    links = tuple(_strings(causes.get("links", []), "causes: links", errors))
    cause_types, denial_types = (_type_names(causes.get(key, []), f"causes: {key}", types, errors)
                                 for key in ("cause_types", "denial_types"))
    errors += [f"event type '{t.name}': becomes '{t.becomes}', which is not an event type"
               for t in types.values() if t.becomes is not None and t.becomes not in types]
    anaphor_entries = document.get("anaphors") or {}
    if not isinstance(anaphor_entries, dict):
        errors.append("'anaphors' must map phrases to the families they refer to")
        anaphor_entries = {}
    families = {t.family for t in types.values()}
    anaphors = {str(phrase).lower(): frozenset(_strings(listed, f"anaphor '{phrase}'", errors))
                for phrase, listed in anaphor_entries.items()}
    errors += [f"anaphor '{phrase}': '{family}' is not a family of any event type"
               for phrase, listed in anaphors.items() for family in sorted(listed) if family not in families]
    demand_words = frozenset(_strings(document.get("demand_words", []), "demand_words", errors))
    order_words = frozenset(_strings(document.get("order_words", []), "order_words", errors))
    permission_words = frozenset(_strings(document.get("permission_words", []), "permission_words", errors))
    if errors:
        raise CodebookError(f"{source}: " + "; ".join(errors))
    return Codebook(types, modalities, scopes, openers, links, cause_types, denial_types, topics, version,
                    anaphors, demand_words, order_words, permission_words)


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


def _type_names(value: object, where: str, types: dict[str, EventType], errors: list[str]) -> frozenset[str]:
    names = _strings(value, where, errors)
    errors += [f"{where}: '{name}' is not an event type" for name in names if name not in types]
    return frozenset(names)


def _flag(entry: dict, key: str, where: str, errors: list[str], default: bool = False) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        errors.append(f"{where}: '{key}' must be true or false")
    return value is True


def _event_type(name: str, entry: object, object_sets: dict, errors: list[str]) -> EventType:
    if not isinstance(entry, dict):
        errors.append(f"event type '{name}': expected a mapping")
        entry = {}
    where = f"event type '{name}'"
    modality = entry.get("modality")
    if modality not in MODALITIES:
        errors.append(f"{where}: modality must be one of {', '.join(MODALITIES)}")
    if not isinstance(entry.get("sequence"), int):
        errors.append(f"{where}: 'sequence' must be a whole number")
    for required in ("definition", "family"):
        if not isinstance(entry.get(required), str):
            errors.append(f"{where}: '{required}' is required text")
    lemmas = frozenset(_strings(entry.get("lemmas", []), where, errors))
    objects, objects_if_any = (_objects(entry.get(key) or {}, f"{where}: {key}", object_sets, errors)
                               for key in ("objects", "objects_if_any"))
    phrase_words = {word for phrase in _strings(entry.get("phrases", []), where, []) for word in phrase.split()}
    errors += [f"{where}: objects of '{lemma}', which is neither one of its lemmas nor a word of its phrases"
               for lemma in (*objects, *objects_if_any) if lemma not in lemmas | phrase_words]
    becomes = entry.get("becomes") or {}
    if not isinstance(becomes, dict):
        errors.append(f"{where}: 'becomes' must map 'type' and 'when'")
        becomes = {}
    return EventType(name, str(entry.get("family", "")), str(entry.get("definition", "")), lemmas,
                     tuple(_strings(entry.get("phrases", []), where, errors)),
                     tuple(dict.fromkeys(_words(entry.get("needs", []), where, object_sets, errors))),
                     tuple(_strings(entry.get("roles", []), where, errors)), str(modality),
                     int(entry.get("sequence") or 0), _flag(entry, "negative", where, errors),
                     frozenset(_strings(entry.get("negated", []), f"{where}: negated", errors)),
                     objects,
                     tuple(entry.get("examples") or ()),
                     objects_if_any, frozenset(_strings(entry.get("decided", []), f"{where}: decided", errors)),
                     becomes.get("type"), tuple(_strings(becomes.get("when", []), f"{where}: becomes when", errors)),
                     frozenset(_strings(becomes.get("objects", []), f"{where}: becomes objects", errors)),
                     _flag(entry, "guess_actor", where, errors, default=True))


def _objects(value: object, where: str, object_sets: dict, errors: list[str]) -> dict[str, frozenset[str]]:
    """lemma -> the words it must act on, each given as a list or as the name of an object set."""
    if not isinstance(value, dict):
        errors.append(f"{where}: must map trigger lemmas to lists of words")
        return {}
    return {str(lemma).lower(): frozenset(_words(object_sets.get(words, words) if isinstance(words, str) else words,
                                                 f"{where} of '{lemma}'", object_sets, errors))
            for lemma, words in value.items()}


def _words(value: object, where: str, object_sets: dict, errors: list[str]) -> list[str]:
    """A list of words, an item naming an object set standing for all its words."""
    return [word for item in _strings(value, where, errors)
            for word in (_strings(object_sets[item], f"object set '{item}'", errors)
                         if item in object_sets else [item])]


def _scope(name: str, entry: object, errors: list[str]) -> Scope:
    where = f"scope '{name}'"
    if not isinstance(entry, dict):
        errors.append(f"{where}: expected a mapping with 'phrases'")
        entry = {}
    return Scope(name, tuple(_strings(entry.get("phrases"), where, errors)),
                 frozenset(_strings(entry.get("includes", []), f"{where}: includes", errors)),
                 _flag(entry, "vague", where, errors))


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
