"""Which state an actor the registry does not know acts for, read from how the articles introduce
it: "German Chancellor Jonas Weber", "Danish Foreign Minister Lars Dahl", "Sweden's
Inspectorate of Strategic Products", "the Finnish Ministry for Foreign Affairs".

A state's name (with or without "'s") or its demonym, then words of office (``titles`` in
``data/states.yml``), right before a mention of the actor or opening its name, ties the actor to
that state; across the corpus the state named most often wins (the earlier on a tie). An actor
introduced without a word of office ("the Italian Peace and Disarmament Network", "Democratic
Party's lawmaker") acts for no state. Timeline matching then sees the Chancellor's decision and the
German government's as one side's.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from analysis.registries.actors import Registry, initials, key
from analysis.registries.states import state_titles
from analysis.schema import columns

BEFORE = 60  # characters before a mention where its introduction is written
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_INTRODUCTION = re.compile(r"(?P<state>[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}?)(?P<owner>['’]s)?"
                           r"(?P<title>(?: [A-Z][a-z-]+){0,4}) $")


def affiliations(mentions: pd.DataFrame, texts: dict[str, str], registry: Registry) -> dict[str, str]:
    """actor id -> the state it acts for, for actors outside the registry that an article
    introduces with a state's name or demonym and a word of office."""
    titles = state_titles()
    votes: dict[str, Counter] = {}
    first: dict[tuple[str, str], int] = {}
    for n, (article_id, actor_id, start, surface) in enumerate(columns(mentions, "article_id", "actor_id", "start",
                                                                       "surface")):
        if actor_id in registry.by_id:
            continue
        text = texts.get(article_id, "")
        state = held_office(surface, registry) or introduced_by(text[max(0, start - BEFORE):start], surface,
                                                                 registry, titles)
        if state is not None:
            votes.setdefault(actor_id, Counter())[state] += 1
            first.setdefault((actor_id, state), n)
    found = {actor_id: min(counts, key=lambda s: (-counts[s], first[(actor_id, s)]))
             for actor_id, counts in votes.items()}
    return found | _acronyms(mentions, found, registry)


def _acronyms(mentions: pd.DataFrame, found: dict[str, str], registry: Registry) -> dict[str, str]:
    """An acronym another article never spelled out ("the ISP") acts for the state its long form
    does ("Sweden's Inspectorate of Strategic Products")."""
    names = dict(columns(mentions, "actor_id", "name"))
    by_initials = {initials(names[actor_id]): state for actor_id, state in found.items() if actor_id in names}
    return {actor_id: by_initials[surface] for actor_id, surface in columns(mentions, "actor_id", "surface")
            if actor_id not in found and actor_id not in registry.by_id and _ACRONYM.fullmatch(surface)
            and surface in by_initials}


def held_office(surface: str, registry: Registry) -> str | None:
    """The state of an office a person's mention is written as ("Israel's defence minister", once
    the article names who holds it)."""
    found = registry.lookup(surface)
    actor = registry.by_id.get(found[0]) if found else None
    return registry.side(actor.actor_id) if actor is not None and actor.type == "person" and actor.role else None


def introduced_by(before: str, surface: str, registry: Registry, titles: frozenset[str]) -> str | None:
    """The state that introduces a mention: named with words of office just before it ("German
    Chancellor"), or with "'s" before a name that is itself one ("Sweden's Inspectorate"), or
    opening the name ("Finnish Ministry for Foreign Affairs")."""
    first_word, _, rest = surface.partition(" ")
    if rest and rest.split(" ")[0].lower() in titles and (state := _state_in(first_word, registry)):
        return state
    match = _INTRODUCTION.search(before)
    if match is None:
        return None
    office = {w.lower() for w in match.group("title").split()}
    if not (office & titles or (match.group("owner") and not office and first_word.lower() in titles)):
        return None
    return _state_in(match.group("state"), registry)


def _state_in(words_before: str, registry: Registry) -> str | None:
    """The state whose name or demonym ends ``words_before``, the longest name first."""
    words = words_before.split(" ")
    for size in range(len(words), 0, -1):  # "Saudi Arabia" before "Arabia", the longest name first
        phrase = " ".join(words[-size:])
        state = registry.demonym(phrase) or _state_named(phrase, registry)
        if state is not None:
            return registry.side(state)
    return None


def _state_named(phrase: str, registry: Registry) -> str | None:
    found = registry.phrases.get(key(phrase)) or registry.cased.get(phrase)
    if found is None:
        return None
    actor_id, kind = found
    actor = registry.by_id.get(actor_id)
    return actor_id if actor is not None and actor.type == "state" and kind == "alias" else None
