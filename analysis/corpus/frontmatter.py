"""YAML front matter: the metadata block an analyst writes at the top of a saved article.

Only the fields below are read; unknown values stay ``None`` (never guessed), and a value of the
wrong type is reported rather than silently coerced, because a wrong date would reorder a timeline.
A block opens with a line that is exactly ``---``: a first line such as ``--- *** ---`` is text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from analysis.corpus.yamltext import YamlError, load_yaml

FIELDS = ("id", "title", "source", "url", "published", "language")
_OPENING = re.compile(r"\A---[ \t]*\n")
_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_PARTIAL_DATE = re.compile(r"\A(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\Z")
_INSTEAD = {"id": "the file name is used instead", "title": "a title is derived from the first sentence"}
_KINDS = {"list": "a list", "dict": "a mapping", "bool": "true/false", "date": "a date",
          "datetime": "a date and time", "bytes": "binary data"}


@dataclass
class FrontMatter:
    meta: dict[str, object] = field(default_factory=dict)
    body_start: int = 0  # where the article body begins in the text
    complaints: list[tuple[str, str]] = field(default_factory=list)  # (problem, detail)


def split_front_matter(text: str) -> FrontMatter:
    """Separate metadata from body; a broken block is reported and the body is still kept."""
    if not _OPENING.match(text):
        return FrontMatter()
    match = _BLOCK.match(text)
    if match is None:
        return FrontMatter(complaints=[("unterminated front matter",
                                        "the file starts with '---' but no closing '---' line follows; "
                                        "the whole file was read as the article body")])
    try:
        loaded = load_yaml(match.group(1) or "", first_line=2) or {}
    except YamlError as error:
        return FrontMatter(body_start=match.end(), complaints=[(
            "malformed front matter", f"the YAML block could not be parsed ({error}); "
                                      "metadata ignored, the text after the block kept as the body")])
    if not isinstance(loaded, dict):
        return FrontMatter(complaints=[(
            "malformed front matter", "the lines between the first two '---' lines are not 'field: value' "
                                      "pairs; no metadata read, the whole file kept as the article body")])
    meta, complaints = validate_meta(loaded)
    return FrontMatter(meta=meta, body_start=match.end(), complaints=complaints)


def validate_meta(loaded: dict) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """Keep known fields with the right types; say which ones were dropped and what happens instead."""
    meta: dict[str, object] = {}
    complaints: list[tuple[str, str]] = []
    for name in FIELDS:
        value = loaded.get(name)
        if value is None:
            continue
        if name == "published":
            try:
                meta["published"], meta["published_precision"] = parse_published(value)
            except ValueError as error:
                complaints.append(("bad front matter value", f"published: {error}; kept as unknown"))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            meta[name] = _text(value) or None
        else:
            complaints.append(("bad front matter value", f"{name}: expected text, got {_kind(value)}; "
                                                         f"{_INSTEAD.get(name, 'kept as unknown')}"))
    return meta, complaints


def parse_published(value: object) -> tuple[str, str]:
    """Return ``(ISO date, precision)``; a bare year or year-month keeps its coarser precision
    instead of pretending to know the day."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValueError(f"expected a date, got {_kind(value)}")
    text = _text(value)
    match = _PARTIAL_DATE.match(text)
    if match is None:
        try:
            return dt.datetime.fromisoformat(text).date().isoformat(), "day"
        except ValueError:
            raise ValueError(f"{_short(text)!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(f"{text!r} is not a valid date ({error})") from None
    precision = "day" if day else "month" if month else "year"
    return text, precision


def _text(value: str | int | float) -> str:
    """A scalar as stripped text; a lone surrogate from a JSON escape becomes '?', since it could
    not be written to any output file."""
    return str(value).encode("utf-8", "replace").decode("utf-8").strip()


def _short(text: str, limit: int = 40) -> str:
    """Enough of a value to recognise it in a message, which must stay one readable line."""
    return text if len(text) <= limit else text[:limit] + "…"


def _kind(value: object) -> str:
    name = type(value).__name__
    return _KINDS.get(name, name)
