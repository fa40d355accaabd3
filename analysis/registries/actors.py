"""The actor registry (``data/actors.yml``): known actors, their spellings and the phrases that
stand for them, validated on load so that a typo in the YAML is an error, not a silent miss."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.corpus.text import fold
from analysis.paths import ACTORS_FILE
from analysis.registries.datafile import read_data_file

TYPES = ("person", "organization", "state", "international_body")
GENDERS = ("male", "female")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = {"id", "name", "type", "gender", "role", "organization", "country", "aliases", "roles", "demonyms"}


class RegistryError(ValueError):
    """The registry file is not valid; the message lists every problem found."""


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    type: str
    gender: str | None = None
    role: str | None = None
    organization: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1] if self.type == "person" else None


@dataclass(frozen=True)
class Registry:
    actors: tuple[Actor, ...]
    by_id: dict[str, Actor] = field(compare=False, repr=False)
    phrases: dict[str, tuple[str, str]] = field(compare=False, repr=False)  # key -> (actor_id, "alias"|"role")
    descriptions: dict[str, str] = field(default_factory=dict, compare=False)  # noun -> actor type
    version: str = ""

    def demonym(self, word: str) -> str | None:
        """The actor an adjective like "Serbian" points at, if the registry lists it."""
        folded = key(word)
        return next((a.actor_id for a in self.actors if folded in {key(d) for d in a.demonyms}), None)

    def side(self, actor_id: str | None) -> str | None:
        """The state an actor acts for: itself for a state, else the top of its organization chain."""
        seen: set[str] = set()
        while actor_id in self.by_id and actor_id not in seen:
            seen.add(actor_id)
            actor = self.by_id[actor_id]
            if actor.type == "state" or not actor.organization:
                return actor_id
            actor_id = actor.organization
        return actor_id

    def describes(self, actor_id: str, noun: str) -> bool:
        """Whether "the <noun>" can stand for this actor: a word of its name or role, or a generic
        description of its type."""
        actor = self.by_id.get(actor_id)
        if actor is None:
            return False
        words = f"{actor.name} {actor.role or ''}".lower().split()
        return noun in words or self.descriptions.get(noun) == actor.type

    def lookup(self, surface: str) -> tuple[str, str] | None:
        """``(actor_id, kind)`` for a surface form, ignoring case, diacritics and curly apostrophes."""
        return self.phrases.get(key(surface))


def key(surface: str) -> str:
    """The form phrases are compared in: folded, lower case, single spaces."""
    return " ".join(fold(surface).lower().split())


@cache
def load_registry(path: Path = ACTORS_FILE) -> Registry:
    document, version = read_data_file(path, RegistryError)
    return build_registry(document, source=path.name, version=version)


def build_registry(document: dict, source: str = "registry", version: str = "") -> Registry:
    entries = document.get("actors") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{source}: expected a top-level 'actors:' list")
    errors: list[str] = []
    actors = [actor for index, entry in enumerate(entries) if (actor := _actor(entry, index, errors))]
    phrases: dict[str, tuple[str, str]] = {}
    for actor in actors:
        named = [(actor.name, "alias"), *((a, "alias") for a in actor.aliases), *((r, "role") for r in actor.roles)]
        for phrase, kind in named:
            previous = phrases.setdefault(key(phrase), (actor.actor_id, kind))
            if previous[0] != actor.actor_id:
                errors.append(f"'{phrase}' is listed for both {previous[0]} and {actor.actor_id}")
    ids = [actor.actor_id for actor in actors]
    errors += [f"id '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    errors += [f"{a.actor_id}: organization '{a.organization}' is not an actor id"
               for a in actors if a.organization and a.organization not in ids]
    descriptions = document.get("descriptions") or {}
    if not isinstance(descriptions, dict):
        errors.append("'descriptions' must map nouns to actor types")
        descriptions = {}
    errors += [f"description '{noun}': type must be one of {', '.join(TYPES)}"
               for noun, kind in descriptions.items() if kind not in TYPES]
    if errors:
        raise RegistryError(f"{source}: " + "; ".join(errors))
    return Registry(tuple(actors), {a.actor_id: a for a in actors}, phrases,
                    {str(noun).lower(): kind for noun, kind in descriptions.items()}, version)


def _actor(entry: object, index: int, errors: list[str]) -> Actor | None:
    where = f"actor #{index + 1}"
    if not isinstance(entry, dict):
        errors.append(f"{where}: expected a mapping")
        return None
    where = f"actor '{entry.get('id', index + 1)}'"
    problems = [f"unknown key '{k}'" for k in sorted(set(entry) - _KEYS)]
    for required in ("id", "name", "type"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            problems.append(f"'{required}' is required text")
    if isinstance(entry.get("id"), str) and not _SLUG.match(entry["id"]):
        problems.append("'id' must be a lower-case slug like 'aleksandar-vucic'")
    if entry.get("type") not in TYPES:
        problems.append(f"'type' must be one of {', '.join(TYPES)}")
    if entry.get("gender") not in (None, *GENDERS):
        problems.append(f"'gender' must be one of {', '.join(GENDERS)}")
    for listed in ("aliases", "roles", "demonyms"):
        value = entry.get(listed, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"'{listed}' must be a list of text")
    for single in ("role", "organization", "country"):
        if entry.get(single) is not None and not isinstance(entry[single], str):
            problems.append(f"'{single}' must be text")
    if problems:
        errors.append(f"{where}: " + "; ".join(problems))
        return None
    return Actor(actor_id=entry["id"], name=entry["name"], type=entry["type"], gender=entry.get("gender"),
                 role=entry.get("role"), organization=entry.get("organization"), country=entry.get("country"),
                 aliases=tuple(entry.get("aliases", [])), roles=tuple(entry.get("roles", [])),
                 demonyms=tuple(entry.get("demonyms", [])))
