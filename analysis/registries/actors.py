"""The actor registry: every state with its bodies and offices (``registries.states``), and the
actors ``data/actors.yml`` names (people, organisations, blocs), validated on load so that a typo in
the YAML is an error, not a silent miss.

Phrases stand for actors in four ways: an ``alias`` (a name), a ``role`` that names its country
("the Serbian President"), a ``seat`` that stands for a government ("Berlin", "the Kremlin"), and a
``bare`` role that does not ("the defence minister"), which only the article's own country may
fill. ``actors.yml`` wins over the generated entries: an entry with a state's id extends that state,
and one that claims a phrase of a generated body or office (Vučić claims "Serbian President")
takes all of that office's phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path

from analysis.corpus.text import fold
from analysis.paths import ACTORS_FILE, STATES_FILE
from analysis.registries.datafile import read_data_file
from analysis.registries.states import Entry, state_entries

TYPES = ("person", "organization", "state", "international_body")
GENDERS = ("male", "female")
KINDS = ("alias", "role", "seat", "bare")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"[a-z0-9]+")
_KEYS = {"id", "name", "type", "gender", "role", "organization", "country", "aliases", "roles", "seats", "demonyms"}


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
    seats: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    name_matched: bool = True  # False: the name is also a common word ("Jordan"); other phrases still match

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1] if self.type == "person" else None


@dataclass(frozen=True)
class Registry:
    actors: tuple[Actor, ...]
    by_id: dict[str, Actor] = field(compare=False, repr=False)
    phrases: dict[str, tuple[str, str]] = field(compare=False, repr=False)  # folded phrase -> (actor_id, kind)
    cased: dict[str, tuple[str, str]] = field(compare=False, repr=False)    # "UAE", "U.S.": matched as written
    descriptions: dict[str, str] = field(default_factory=dict, compare=False)  # noun -> actor type
    version: str = ""
    demonyms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # folded adjective -> id

    def __hash__(self) -> int:
        """By version only: the per-registry caches (phrase matchers) look a registry up once per
        article, and hashing every actor each time cost more than the matching. Equal registries
        have equal versions, so the hash stays consistent with ``==``."""
        return hash(self.version)

    def demonym(self, word: str) -> str | None:
        """The actor an adjective like "Serbian" points at, if the registry lists it."""
        return self.demonyms.get(key(word))

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

    @cached_property
    def describing_nouns(self) -> frozenset[str]:
        """Every noun ``describes`` can be true of, for some actor: any other noun describes no one."""
        return frozenset(self.descriptions) | {word for actor in self.actors for word in _own_words(actor)}

    @cached_property
    def genders(self) -> dict[str, str]:
        """Each actor's gender where the registry gives one: every article's people start from
        it (``coreference.person_genders``), and the registry lists thousands of actors."""
        return {actor.actor_id: actor.gender for actor in self.actors if actor.gender}

    def describes(self, actor_id: str, noun: str) -> bool:
        """Whether "the <noun>" can stand for this actor: a word of its name or role, or a generic
        description of its type."""
        actor = self.by_id.get(actor_id)
        if actor is None:
            return False
        return noun in _own_words(actor) or self.descriptions.get(noun) == actor.type

    def lookup(self, surface: str) -> tuple[str, str] | None:
        """``(actor_id, kind)`` for a surface form, ignoring case, diacritics and curly apostrophes
        (short capitals such as "UAE" only as written)."""
        return self.cased.get(surface.strip()) or self.phrases.get(key(surface))


def _own_words(actor: Actor) -> list[str]:
    """The words of an actor's name and role, which "the <noun>" may take up ("the minister")."""
    return f"{actor.name} {actor.role or ''}".lower().split()


@lru_cache(maxsize=1 << 16)
def key(surface: str) -> str:
    """The form phrases are compared in: folded, lower case, single spaces."""
    return " ".join(fold(surface).lower().replace("’", "'").split())


INITIALS_SKIP = frozenset({"of", "for", "and", "the", "on", "in"})  # words an acronym skips


def initials(name: str) -> str:
    """The acronym a long name makes: "Democratic National Committee" -> "DNC", "Inspectorate of
    Strategic Products" -> "ISP"."""
    return "".join(word[0] for word in name.split() if word.lower() not in INITIALS_SKIP and word[:1].isupper())


def is_cased(phrase: str) -> bool:
    """Short capitals ("UAE", "U.S.", "EU") are acronyms: matched with their case, so that "US"
    is never the word "us"."""
    letters = phrase.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


@cache
def load_registry(path: Path = ACTORS_FILE, states: Path = STATES_FILE) -> Registry:
    document, version = read_data_file(path, RegistryError)
    generated, states_version = state_entries(states)
    return build_registry(document, generated, source=path.name, version=f"{version}{states_version}")


def build_registry(document: dict, generated: tuple[Entry, ...] = (), source: str = "registry",
                   version: str = "") -> Registry:
    entries = document.get("actors") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{source}: expected a top-level 'actors:' list")
    errors: list[str] = []
    own = [actor for index, entry in enumerate(entries) if (actor := _actor(entry, index, errors))]
    ids = [actor.actor_id for actor in own]
    errors += [f"id '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    phrases: dict[str, tuple[str, str]] = {}
    cased: dict[str, tuple[str, str]] = {}
    words = _country_words(own, generated)
    for actor in own:
        for phrase, kind in _phrases(actor, words):
            table, phrase_key = _slot(phrase, phrases, cased)
            previous = table.setdefault(phrase_key, (actor.actor_id, kind))
            if previous[0] != actor.actor_id:
                errors.append(f"'{phrase}' is listed for both {previous[0]} and {actor.actor_id}")
    actors = _merged(own, generated, phrases, cased, words)
    known = {actor.actor_id for actor in actors}
    errors += [f"{a.actor_id}: organization '{a.organization}' is not an actor id"
               for a in own if a.organization and a.organization not in known]
    descriptions = document.get("descriptions") or {}
    if not isinstance(descriptions, dict):
        errors.append("'descriptions' must map nouns to actor types")
        descriptions = {}
    errors += [f"description '{noun}': type must be one of {', '.join(TYPES)}"
               for noun, kind in descriptions.items() if kind not in TYPES]
    if errors:
        raise RegistryError(f"{source}: " + "; ".join(errors))
    demonyms = {key(d): actor.actor_id for actor in actors for d in actor.demonyms}
    return Registry(tuple(actors), {a.actor_id: a for a in actors}, phrases, cased,
                    {str(noun).lower(): kind for noun, kind in descriptions.items()}, version, demonyms)


def _slot(phrase: str, phrases: dict, cased: dict) -> tuple[dict, str]:
    """The table and key a phrase is kept under."""
    return (cased, phrase) if is_cased(phrase) else (phrases, key(phrase))


def _country_words(own: list[Actor], generated: tuple[Entry, ...]) -> dict[str, set[str]]:
    """country -> the words that name it in a role: its names, demonyms and seats ("Kremlin
    spokesperson" names Russia as "Russian President" does)."""
    words: dict[str, set[str]] = {}
    for state in [*generated, *own]:
        if state.type == "state" and state.country:
            words.setdefault(state.country, set()).update(
                key(w) for w in (state.name, *state.aliases, *state.demonyms, *state.seats))
    return words


def _phrases(actor: Actor, country_words: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Every phrase of an actor with its kind; a role is ``bare`` when it names no country."""
    names = [set(_WORD.findall(name)) for name in country_words.get(actor.country or "", ())]  # once, not per role

    def kind(role: str) -> str:
        words = set(_WORD.findall(key(role)))
        return "role" if actor.type == "state" or any(name <= words for name in names) else "bare"
    return ([(actor.name, "alias")] * actor.name_matched + [(a, "alias") for a in actor.aliases]
            + [(s, "seat") for s in actor.seats]
            + [(r, kind(r)) for r in actor.roles])


def _merged(own: list[Actor], generated: tuple[Entry, ...], phrases: dict, cased: dict,
            country_words: dict[str, set[str]]) -> list[Actor]:
    """The own actors, extended by the generated ones that share their id or a phrase with them,
    then every other generated actor with the phrases no one has claimed."""
    by_id = {actor.actor_id: actor for actor in own}
    claimed_by: dict[str, str] = {}
    for entry in generated:
        owner = by_id.get(entry.id) or _claimer(entry, by_id, phrases, cased)
        if owner is not None:
            claimed_by[entry.id] = owner.actor_id
            by_id[owner.actor_id] = _extended(owner, entry)
    merged = [by_id[actor.actor_id] for actor in own]
    merged += [Actor(entry.id, entry.name, entry.type, role=entry.role,
                     organization=claimed_by.get(entry.organization, entry.organization), country=entry.country,
                     aliases=entry.aliases, roles=entry.roles, seats=entry.seats, demonyms=entry.demonyms,
                     name_matched=entry.name_matched)
               for entry in generated if entry.id not in claimed_by]
    for actor in merged:
        for phrase, kind in _phrases(actor, country_words):
            table, phrase_key = _slot(phrase, phrases, cased)
            table.setdefault(phrase_key, (actor.actor_id, kind))  # the first owner keeps a phrase
    return merged


def _claimer(entry: Entry, by_id: dict[str, Actor], phrases: dict, cased: dict) -> Actor | None:
    """The own actor that claims one of a generated body's or office's phrases, if any."""
    if entry.type == "state":
        return None
    for phrase in (*entry.aliases, *entry.roles):
        table, phrase_key = _slot(phrase, phrases, cased)
        if phrase_key in table and table[phrase_key][0] in by_id:
            return by_id[table[phrase_key][0]]
    return None


def _extended(actor: Actor, entry: Entry) -> Actor:
    """An own actor with a generated entry's phrases added (its own fields win)."""
    def union(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*mine, *theirs)))
    if entry.type == "state":
        return replace(actor, country=actor.country or entry.country, aliases=union(actor.aliases, entry.aliases),
                       seats=union(actor.seats, entry.seats), demonyms=union(actor.demonyms, entry.demonyms))
    return replace(actor, country=actor.country or entry.country, roles=union(actor.roles, entry.roles))


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
    for listed in ("aliases", "roles", "seats", "demonyms"):
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
                 seats=tuple(entry.get("seats", [])), demonyms=tuple(entry.get("demonyms", [])))
