"""YAML as people write it in front matter and in data/*.yml: read safely, and literally.

Three departures from ``yaml.safe_load``. Dates stay text (``published: 2025-02-30`` is then one bad
value the front matter reports, not a parse error that loses the title and the source with it).
Only ``true`` and ``false`` are booleans, as in YAML 1.2: ``NO`` is Norway's code and ``on`` a word,
not ``False`` and ``True``.
Aliases (``*name``) are refused: nobody needs them in these files, and a few nested ones expand
to billions of nodes (the "billion laughs" file), enough to exhaust the machine's memory.
"""
from __future__ import annotations

import re
from contextlib import suppress

import yaml

TIMESTAMP, BOOL = "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted here",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in (TIMESTAMP, BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _FastLoader(yaml.CSafeLoader):
    """libyaml's parser with ``_Loader``'s resolvers; it cannot refuse aliases (see ``load_data_yaml``)."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class YamlError(ValueError):
    """Text that is not YAML (or uses an alias); the message is one line saying where and what."""


HINTS = {"mapping values are not allowed here": "; put the value in quotes when it contains ': '"}


def load_yaml(text: str, first_line: int = 1) -> object:
    """The document in ``text``; a ``YamlError`` naming the line (counted from ``first_line``,
    where the text starts in its file) when it is not YAML."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 -- a SafeLoader subclass
    except RecursionError:
        raise YamlError("nested too deeply") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + first_line}: " if mark else ""
        raise YamlError(f"{where}{error.problem or error.context}{HINTS.get(error.problem or '', '')}") from None
    except yaml.YAMLError as error:
        raise YamlError(str(error).splitlines()[0]) from None


def load_data_yaml(text: str) -> object:
    """The document in one of the data/*.yml files, read by libyaml (ten times faster than
    ``load_yaml``: every extraction reads them all). Only a text without "*" can hold no alias,
    and the C parser cannot refuse one; such a text, and one libyaml refuses, go to ``load_yaml``,
    which refuses aliases and words the error."""
    if "*" not in text:
        with suppress(yaml.YAMLError, RecursionError):
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 -- a SafeLoader subclass
    return load_yaml(text)
