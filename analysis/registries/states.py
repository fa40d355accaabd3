"""Every state, its government, ministries and offices, as registry entries (``data/states.yml``).

The names come from well-kept packages, not a hand list: pycountry for ISO 3166 (official and
common names), countryinfo for capitals, demonyms and other spellings. ``data/states.yml`` adds what
news needs and the packages lack (seats of government, short demonyms, spellings to drop), and the
templates of the bodies and offices every state has ("the Dutch foreign ministry", "Norway's
foreign minister"), each acting for its state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError
from unidecode import unidecode

from analysis.paths import STATES_FILE
from analysis.registries.datafile import read_data_file

_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ɏ'’.\- ]+$")


class StatesError(ValueError):
    """data/states.yml is not valid."""


@dataclass(frozen=True)
class Entry:
    """One generated actor before it joins the registry: the same fields as an ``actors.yml`` entry."""
    id: str
    name: str
    type: str
    country: str
    organization: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    news_names: tuple[str, ...] = ()  # the aliases news writes in a body's name ("Britain's foreign minister")
    name_matched: bool = True         # False when the name is also a common word ("Jordan", "Chad")
    claimed: tuple[str, ...] = ()     # spellings the overrides give it: its own even when a territory shares them


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(name).lower()).strip("-")


@cache
def state_entries(path: Path = STATES_FILE) -> tuple[tuple[Entry, ...], str]:
    """``(entries, version)``: every state and its bodies and offices."""
    document, version = read_data_file(path, StatesError)
    overrides = _mapping(document, "overrides")
    bodies, offices = _mapping(document, "bodies"), _mapping(document, "offices")
    states = [_state(country, overrides.get(country.alpha_2) or {}) for country in pycountry.countries]
    states = _without_shared_spellings([state for state in states if state is not None])
    entries: list[Entry] = []
    for state in states:
        entries.append(state)
        entries += [_body(state, key, template, "organization", None) for key, template in bodies.items()]
        entries += [_body(state, key, template, "person", f"{state.id}-{template.get('body')}")
                    for key, template in offices.items()]
    return tuple(entries), version


@cache
def state_titles(path: Path = STATES_FILE) -> frozenset[str]:
    """The words of office that tie an actor outside the registry to the state that introduces it."""
    document, _ = read_data_file(path, StatesError)
    titles = document.get("titles") if isinstance(document, dict) else None
    if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
        raise StatesError("states.yml: 'titles' must be a list of words")
    return frozenset(t.lower() for t in titles)


def _mapping(document: object, key: str) -> dict:
    value = document.get(key) if isinstance(document, dict) else None
    if not isinstance(value, dict):
        raise StatesError(f"states.yml: '{key}' must be a mapping")
    return value


def _state(country, override: dict) -> Entry | None:
    """A state from its ISO record, its countryinfo record and the overrides; None for the
    territories countryinfo does not know (they are not parties to arms-export decisions)."""
    try:
        info = CountryInfo(country.alpha_2).info()
    except (CountryNotFoundError, KeyError, ValueError):
        return None
    name = override.get("name") or info.get("name") or getattr(country, "common_name", None) or country.name
    spellings = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
                 info.get("name"), *info.get("altSpellings", []), *override.get("aliases", [])]
    dropped = {unidecode(word).lower() for word in override.get("drop", [])}
    aliases = [s for s in dict.fromkeys(filter(None, spellings)) if s != name and _usable(s, dropped, override)]
    demonyms = [d for d in dict.fromkeys([*override.get("demonyms", []), info.get("demonym")]) if d]
    seats = list(dict.fromkeys([*override.get("seats", []), *([info["capital"]] if info.get("capital") else [])]))
    return Entry(slug(name), name, "state", name, aliases=tuple(aliases),
                 seats=tuple(s for s in seats if unidecode(s).lower() not in dropped),
                 demonyms=tuple(d for d in demonyms if unidecode(d).lower() not in dropped),
                 news_names=tuple(override.get("aliases", [])), name_matched=unidecode(name).lower() not in dropped,
                 claimed=tuple(w.lower() for key in ("aliases", "demonyms", "seats") for w in override.get(key, [])))


def _usable(spelling: str, dropped: set[str], override: dict) -> bool:
    """A spelling news could write: Latin letters, not a bare ISO code, not a dropped word. Short
    capitals (UAE, USA) count only when the overrides give them (they are matched with their case)."""
    bare = spelling.replace(".", "")
    if unidecode(spelling).lower() in dropped or not _LATIN_WORD.match(spelling):
        return False
    return spelling in override.get("aliases", []) or not (bare.isupper() and len(bare) <= 5)


def _without_shared_spellings(states: list[Entry]) -> list[Entry]:
    """A spelling or demonym two states share ("Korean", "Congolese") names neither, unless the
    overrides give it to one ("Norwegian" is Norway's, not Svalbard's): then it is that one's."""
    seen: dict[str, int] = {}
    for state in states:
        for word in {*state.aliases, *state.demonyms, state.name}:
            seen[word.lower()] = seen.get(word.lower(), 0) + 1
    claimed = {word for state in states for word in state.claimed}
    shared = {word for word, count in seen.items() if count > 1}

    def keep(state: Entry, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(word for word in words if word.lower() in state.claimed
                     or (word.lower() not in shared and word.lower() not in claimed))

    return [replace(s, aliases=keep(s, s.aliases), demonyms=keep(s, s.demonyms)) for s in states]


def _body(state: Entry, key: str, template: dict, kind: str, organization: str | None) -> Entry:
    """A body or office of ``state`` from its template, its phrases filled with each of the
    state's names (its name and aliases of one word or more) and demonyms."""
    names = [state.name, *(alias for alias in state.news_names if not alias.replace(".", "").isupper())]
    phrases = [pattern.format(name=name, demonym=demonym)
               for pattern in template.get("patterns", [])
               for name in (names if "{name}" in pattern else [state.name])
               for demonym in (state.demonyms if "{demonym}" in pattern else [""])]
    label = template["name"].format(name=state.name)
    return Entry(f"{state.id}-{key}", label, kind, state.name, organization=organization or state.id,
                 role=label if kind == "person" else None, roles=tuple(dict.fromkeys(phrases)))
