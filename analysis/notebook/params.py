"""Checking notebook parameters up front, with messages an analyst can act on.

Papermill hands parameters over as plain literals, so a misspelt actor would otherwise surface as
an empty chart three sections later. Here the run stops at once and names the closest spellings
that do exist; a parameter that cannot be checked yet (the table it names is still empty) is said
so and let through.
"""
from __future__ import annotations

import calendar
import datetime as dt
import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process
from unidecode import unidecode

from analysis.paths import resolve, shown

LIST_SEPARATOR = "; "
_PARTIAL_DATE = re.compile(r"\A(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\Z")
_GLOB = re.compile(r"[*?\[]")


class ParameterError(ValueError):
    """A parameter the notebook cannot use."""

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the message is the whole story."""
        return [f"ParameterError: {self}"]


def data_folder(data_dir: str) -> Path:
    path = resolve(data_dir)
    if not path.exists():
        raise ParameterError(f"data_dir={data_dir!r}: no such file or folder ({shown(path)})")
    return path


def confidence(min_confidence: float) -> float:
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) \
            or not 0 <= min_confidence <= 1:
        raise ParameterError(f"min_confidence={min_confidence!r}: give a number from 0 to 1")
    return float(min_confidence)


def chart_count(max_charts: int) -> int:
    """How many charts a notebook may draw: a report of ninety timelines is read by nobody."""
    if isinstance(max_charts, bool) or not isinstance(max_charts, int) or max_charts < 1:
        raise ParameterError(f"max_charts={max_charts!r}: give a whole number of charts, 1 or more")
    return max_charts


def date_range(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day covered. A coarse bound covers its whole period, so
    ``date_to="2025-05"`` keeps events of 31 May."""
    first = _bound("date_from", date_from, last=False)
    last = _bound("date_to", date_to, last=True)
    if first and last and first > last:
        raise ParameterError(f"date_from={date_from!r} is after date_to={date_to!r}")
    return first, last


def _bound(name: str, value: str | None, *, last: bool) -> dt.date | None:
    if value is None:
        return None
    match = _PARTIAL_DATE.match(str(value).strip())
    try:
        if match is None:
            raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        if day is not None:
            return dt.date(year, month, day)
        if month is not None:
            return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
    except ValueError as error:
        raise ParameterError(f"{name}={value!r} is not a date ({error}); use YYYY, YYYY-MM or YYYY-MM-DD") from None


def select_articles(articles: pd.DataFrame, wanted: str | list[str] | None) -> list[str]:
    """Article ids chosen by ids and/or glob patterns (matched against ids and file paths).

    A pattern that matches nothing is an empty selection, shown as such; a plain id that does
    not exist is a typo and stops the run."""
    if wanted is None:
        return articles["article_id"].tolist()
    items = [wanted] if isinstance(wanted, str) else [str(item) for item in wanted]
    ids, paths = articles["article_id"].tolist(), articles["path"].tolist()
    chosen: set[str] = set()
    for item in items:
        if _GLOB.search(item):
            chosen |= {article_id for article_id, path in zip(ids, paths)
                       if fnmatch.fnmatchcase(article_id, item) or fnmatch.fnmatchcase(path, item)}
        elif item in ids or item in paths:
            chosen |= {article_id for article_id, path in zip(ids, paths) if item in (article_id, path)}
        else:
            raise ParameterError(f"articles: no article has the id {item!r}." + _suggest(item, ids))
    return [article_id for article_id in ids if article_id in chosen]


def resolve_actor(actors: pd.DataFrame, actor: str | None, quotes: pd.DataFrame | None = None) -> str | None:
    """The ``actor_id`` named by a canonical name, an alias or an id (case and diacritics
    ignored); with no actor asked for, the actor quoted most (else mentioned most), said so; None
    when none has been extracted yet."""
    if actor is None:
        return most_quoted(actors, quotes)
    if actors.empty:
        print(f"The actors table is empty, so actor={actor!r} cannot be checked yet; "
              "the sections about one actor will be empty.")
        return None
    names = actor_names(actors)
    found = names.get(_key(actor))
    if found is None:
        raise ParameterError(f"actor: no actor is called {actor!r}." + _suggest(actor, _labels(actors)))
    return found


def most_quoted(actors: pd.DataFrame, quotes: pd.DataFrame | None) -> str | None:
    """The default actor: the one the quotes give most words to (by count, then the actors
    table's order), else the most mentioned; printed with its count so the report says why."""
    if actors.empty:
        print("No actor was extracted, so the sections about one actor are empty.")
        return None
    names = dict(zip(actors["actor_id"], actors["name"]))
    speakers = quotes["speaker_actor_id"].dropna() if quotes is not None and not quotes.empty else pd.Series([])
    speakers = speakers[speakers.isin(names)]
    if not speakers.empty:
        counts = speakers.value_counts(sort=False)
        order = {actor_id: n for n, actor_id in enumerate(actors["actor_id"])}
        chosen = min(counts.index, key=lambda a: (-counts[a], order[a]))
        print(f"actor=None: showing {names[chosen]}, quoted {counts[chosen]} time(s), more than anyone else.")
        return chosen
    chosen = actors.iloc[0]
    print(f"actor=None: nobody is quoted; showing {chosen['name']}, mentioned most ({chosen['n_mentions']} times).")
    return chosen["actor_id"]


def actor_name(actors: pd.DataFrame, actor_id: str | None) -> str:
    """The name to print for an actor id ("nobody" for none)."""
    names = dict(zip(actors["actor_id"], actors["name"]))
    return names.get(actor_id, actor_id) if actor_id else "nobody"


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """Folded name, alias or id -> actor_id."""
    names: dict[str, str] = {}
    for row in actors.itertuples():
        for name in [row.actor_id, row.name, *split_list(row.aliases)]:
            names.setdefault(_key(name), row.actor_id)
    return names


def check_topic(stances: pd.DataFrame, topic: str | None) -> str | None:
    if topic is None:
        return None
    topics = sorted(stances["topic"].dropna().unique())
    if not topics:
        print(f"The stances table is empty, so topic={topic!r} cannot be checked yet.")
        return topic
    by_key = {_key(known): known for known in topics}
    if _key(topic) not in by_key:
        raise ParameterError(f"topic: no stance is about {topic!r}." + _suggest(topic, topics))
    return by_key[_key(topic)]


def split_list(cell: object) -> list[str]:
    """The items of a "; "-separated cell (``actors.aliases``, ``timeline.article_ids``)."""
    if not isinstance(cell, str):
        return []
    return [item.strip() for item in cell.split(LIST_SEPARATOR.strip()) if item.strip()]


def _labels(actors: pd.DataFrame) -> list[str]:
    """Every spelling an analyst may mean, each shown with its canonical name."""
    labels = []
    for row in actors.itertuples():
        labels.append(row.name)
        labels += [f"{alias} (= {row.name})" for alias in split_list(row.aliases)]
    return labels


def _key(text: str) -> str:
    return " ".join(unidecode(str(text)).casefold().split())


def close_matches(value: str, choices: Iterable[str], limit: int = 5) -> list[str]:
    found = process.extract(value, list(dict.fromkeys(choices)), scorer=fuzz.WRatio, processor=_key,
                            limit=limit, score_cutoff=60)
    return [choice for choice, _score, _index in found]


def _suggest(value: str, choices: list[str]) -> str:
    matches = close_matches(value, choices)
    if matches:
        return " Close matches: " + ", ".join(matches) + "."
    return f" Known values ({len(choices)}): " + ", ".join(choices[:10]) + (", …" if len(choices) > 10 else "") + "."
