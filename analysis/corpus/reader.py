"""Reading saved articles from disk in the four formats analysts have: .txt, .md, .jsonl, .html.

A reader never raises on bad input: each file yields articles and/or problems, so one broken file
cannot stop a batch. Strictness is decided later, by the caller.

Over 300 lines on purpose: the four formats share one walk, one size guard and one problem
vocabulary, which splitting per format would repeat.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.corpus.frontmatter import split_front_matter, validate_meta
from analysis.corpus.text import DecodeError, decode, normalize
from analysis.paths import shown

SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm")
DEFAULT_MAX_MB = 10.0
MB = 1024 * 1024
# Tags that mean a web page's source was saved, not its text; plain prose does not contain them.
_MARKUP = re.compile(r"<(!doctype|html|head|body|script|style|iframe|meta|link|div|span|p|a|br|img|table)"
                     r"(?=[\s>/])", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: str
    problem: str
    detail: str


@dataclass
class Article:
    article_id: str
    path: str
    text: str
    encoding: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    language: str | None = None
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Batch:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        self.articles += other.articles
        self.problems += other.problems


class _Skipped(Exception):
    """A file that cannot become an article; ``args`` are the problem and its detail."""


def discover(root: Path) -> tuple[list[Path], list[Problem]]:
    """Article files under ``root`` in a stable order, and why other entries are not read.

    Hidden files and folders (``.ipynb_checkpoints``, ``.git``) are skipped silently: they hold
    copies or tools' data, not articles. Links that leave ``root`` are refused because a saved
    folder should not make the workbook read files elsewhere on the machine. A file whose name is
    not UTF-8 is read, under its name with the odd bytes escaped, and reported.
    """
    if not root.is_dir():
        return [root], []
    paths: list[Path] = []
    problems: list[Problem] = []
    real_root = root.resolve()

    def unreadable(error: OSError) -> None:
        problems.append(Problem(shown_name(Path(error.filename), root), "cannot read folder",
                                f"{error.strerror}; the files in it were skipped"))

    for folder, folders, files in _walk(root, unreadable):
        for name in folders + files:
            path = Path(folder, name)
            try:
                refusal = _refusal(path, real_root)
            except OSError as error:
                refusal = ("cannot read file", error.strerror or str(error))
            if refusal:
                problems.append(Problem(shown_name(path, root), *refusal))
            elif path.suffix.lower() in SUFFIXES and not path.is_dir():
                paths.append(path)
                if printable(name) != name:
                    problems.append(Problem(shown_name(path, root), "file name not UTF-8", (
                        f"read as '{printable(name)}', its undecodable bytes escaped; rename the file "
                        "with UTF-8 characters so that its id reads as intended")))
    return sorted(paths), problems


def _walk(root: Path, unreadable: Callable[[OSError], None]) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk`` of ``root`` (sorted, hidden entries left out, links not entered) without
    recursion: Python 3.11's own recurses, and a folder nested a thousand deep would stop the
    batch with a ``RecursionError``."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = [entry for entry in listing if not entry.name.startswith(".")]
        except OSError as error:
            unreadable(error)
            continue
        folders = sorted(entry.name for entry in entries if _is_folder(entry))
        files = sorted(entry.name for entry in entries if not _is_folder(entry))
        yield folder, folders, files
        stack.extend(Path(folder, entry.name) for entry in sorted(entries, key=lambda e: e.name, reverse=True)
                     if _is_folder(entry) and not entry.is_symlink())


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (decoded by Python as lone surrogates)
    written as ``\\xNN`` escapes, so that every table and output file can hold it."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def shown_name(path: Path, root: Path) -> str:
    """A path as tables show it: relative to the data folder, printable."""
    return printable(shown(path, root))


def _refusal(path: Path, real_root: Path) -> tuple[str, str] | None:
    """Why a folder entry is not read as an article, or ``None``. Folders are walked into
    anyway; a link to a folder inside ``root`` is not, since its files are read where they are."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(real_root):
            return "link outside the data folder", f"points to {os.readlink(path)}; not followed"
        if not target.exists():
            return "broken link", f"points to {os.readlink(path)}, which does not exist"
        if target.is_dir():
            return None
    if path.is_dir():
        if path.suffix.lower() in SUFFIXES:
            return ("folder named like an article",
                    f"'{path.name}' is a folder, not a file; articles inside it are read like any subfolder's")
        return None
    if path.suffix.lower() not in SUFFIXES:
        return "unsupported file type", f"'{path.suffix or path.name}' is not one of {', '.join(SUFFIXES)}; skipped"
    return None


def read_file(path: Path, shown: str, max_mb: float = DEFAULT_MAX_MB) -> Batch:
    """One file to articles and problems, whatever is wrong with it.

    This is the boundary that keeps one file from stopping a batch, so an error nobody foresaw
    (a parser bug on strange input) becomes a problem row naming the file, not a crash.
    """
    try:
        return _parse(path, shown, _read_bytes(path, max_mb))
    except _Skipped as skipped:
        return _failed(shown, *skipped.args)
    except DecodeError as error:
        return _failed(shown, "not a text file", str(error))
    except Exception as error:  # noqa: BLE001 -- see the docstring
        return _failed(shown, "unexpected error", f"{type(error).__name__}: {_preview(str(error), 200)}; "
                                                  "the file was skipped (please report it)")


def _read_bytes(path: Path, max_mb: float) -> bytes:
    """The file's bytes, refusing before reading what is not a regular file (a pipe would block
    forever) or is over the limit, so an oversized file costs one ``stat``, not its size in memory."""
    limit = int(max_mb * MB)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Skipped("not a regular file", "it is a device, pipe or socket; only regular files are read")
        if info.st_size > limit:
            raise _too_large(info.st_size, max_mb)
        data = path.read_bytes()
    except PermissionError as error:
        raise _Skipped("cannot read file", f"{error.strerror}: the file's permissions do not let this user "
                                          "read it (fix with chmod a+r)") from None
    except OSError as error:
        raise _Skipped("cannot read file", error.strerror or str(error)) from None
    if len(data) > limit:  # it grew after stat
        raise _too_large(len(data), max_mb)
    return data


def _too_large(size: int, max_mb: float) -> _Skipped:
    return _Skipped("file too large", f"{size:,} bytes ({size / MB:.3g} MB) is over the {max_mb:g} MB limit; "
                                     "raise it with --max-mb (max_mb= in Python) to read the file")


def _parse(path: Path, shown: str, data: bytes) -> Batch:
    stem = printable(path.stem)
    if not data:
        raise _Skipped("empty file", "the file is 0 bytes")
    raw, encoding = decode(data)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(raw, encoding, shown, stem)
    if suffix in (".html", ".htm"):
        return _read_html(raw, encoding, shown, stem)
    return _read_text(raw, encoding, shown, stem, markup_allowed=suffix == ".md")


def _read_text(raw: str, encoding: str, shown: str, stem: str, markup_allowed: bool) -> Batch:
    """A .txt is kept as saved (but for what ``normalize`` does) even when it holds a web page's
    markup: offsets must match the file, and guessing which tags to strip would silently drop
    text. The analyst is told how to get the page's main text instead. Markdown may contain HTML
    by design, so .md is not checked."""
    repairs: list[Problem] = []
    text = _normalized(raw, shown, repairs)
    front = split_front_matter(text)
    batch = Batch(problems=repairs + [Problem(shown, problem, detail) for problem, detail in front.complaints])
    body = text[front.body_start:]
    if not markup_allowed and (tags := _markup(body)):
        batch.problems.append(Problem(shown, "HTML markup in a text file", (
            f"found {', '.join(tags)}; the text was kept as saved, tags included. To read only the "
            "article's text, save the page as .html (or rename this file to .html)")))
    where = "the text after the front matter" if front.body_start else "the file"
    batch.extend(_article(shown, stem, body, encoding, front.meta, where))
    return batch


def _markup(text: str) -> list[str]:
    """The distinct tags found, in order of appearance, as ``<name>``."""
    names = dict.fromkeys(match.group(1).lower() for match in _MARKUP.finditer(text))
    return [f"<{name}>" for name in names]


def _read_jsonl(raw: str, encoding: str, shown: str, stem: str) -> Batch:
    batch = Batch()
    for number, line in enumerate(_normalized(raw, shown, batch.problems).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{shown}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            batch.problems.append(Problem(where, "malformed JSON line",
                                          f"{error.msg}: column {error.colno}; line skipped"))
            continue
        except RecursionError:
            batch.problems.append(Problem(where, "malformed JSON line", "nested too deeply; line skipped"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            batch.problems.append(Problem(where, "no article text", "each line needs a \"text\" string; line skipped"))
            continue
        meta, complaints = validate_meta(record)
        batch.problems += [Problem(where, problem, detail) for problem, detail in complaints]
        batch.extend(_article(where, f"{stem}-{number}", _normalized(record["text"], where, batch.problems),
                              encoding, meta, "the \"text\" field"))
    return batch


def _read_html(raw: str, encoding: str, shown: str, stem: str) -> Batch:
    """Main text and metadata of a saved web page; boilerplate, scripts and tags are dropped by
    trafilatura, which is built for exactly this."""
    import trafilatura

    extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    document = extracted.as_dict() if extracted else {}
    if not (document.get("text") or "").strip():
        return _failed(shown, "no article text", "no main text could be found in the HTML page")
    meta, complaints = validate_meta({
        "title": document.get("title"),
        "source": document.get("sitename") or document.get("hostname"),
        "url": document.get("url"),
        "published": document.get("date"),
        "language": document.get("language"),
    })
    batch = Batch(problems=[Problem(shown, problem, detail) for problem, detail in complaints])
    text = _normalized(document["text"], shown, batch.problems)
    batch.extend(_article(shown, stem, text, encoding, meta, "the page's main text"))
    return batch


def _normalized(raw: str, where: str, problems: list[Problem]) -> str:
    """The normalized text; mojibake undone is reported, since the text then differs from the file
    in more than line ends and composed accents, and an analyst searching the file for a name read
    as "François" finds "FranÃ§ois" there."""
    normalized = normalize(raw)
    if normalized.repaired:
        first = list(dict.fromkeys(normalized.repaired))[:3]
        shown_pairs = ", ".join(f"{saved!r} as {read!r}" for saved, read in first)
        count = len(normalized.repaired)
        problems.append(Problem(where, "mojibake repaired", (
            f"{count} garbled stretch{'es' if count > 1 else ''} (UTF-8 read as Windows-1252) read as meant, "
            f"e.g. {shown_pairs}; offsets count in the repaired text")))
    return normalized.text


def _article(shown: str, fallback_id: str, body: str, encoding: str, meta: dict, where: str) -> Batch:
    """An article, unless the body holds nothing to analyse: with no letter or digit (only
    '--- *** ---' or emoji) the parser would yield sentences without a word, and every later table
    would be empty for it, so it is reported here instead, where the reason is plain."""
    if not body.strip():
        return _failed(shown, "empty article", f"{where} holds only white space")
    if not any(char.isalnum() for char in body):
        return _failed(shown, "no words", f"{where} has no letter or digit, only {_preview(body)!r}; "
                                          "nothing to analyse, skipped")
    return Batch(articles=[Article(
        article_id=str(meta.get("id") or fallback_id), path=shown, text=body, encoding=encoding,
        title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
        published=meta.get("published"), published_precision=meta.get("published_precision", "unknown"),
        language=meta.get("language"),
    )])


def _preview(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _failed(shown: str, problem: str, detail: str) -> Batch:
    return Batch(problems=[Problem(shown, problem, detail)])


def read_corpus(root: Path, max_mb: float = DEFAULT_MAX_MB, progress: bool = False) -> Batch:
    """Every article under ``root``; duplicates (same text, or same id) are kept once and reported."""
    from tqdm.auto import tqdm

    if not max_mb > 0:  # also false for NaN
        raise ValueError(f"the size limit (--max-mb, max_mb=) must be a positive number of MB, not {max_mb}")
    paths, problems = discover(root)
    batch = Batch(problems=problems)
    base = root if root.is_dir() else root.parent
    for path in tqdm(paths, desc="reading", unit="file", disable=not progress):
        batch.extend(read_file(path, shown_name(path, base), max_mb))
    return _without_duplicates(batch)


def _without_duplicates(batch: Batch) -> Batch:
    seen_text: dict[str, Article] = {}
    seen_id: dict[str, Article] = {}
    kept = Batch(problems=list(batch.problems))
    for article in batch.articles:
        if (first := seen_text.get(article.sha256)) is not None:
            kept.problems.append(Problem(article.path, "duplicate article",
                                         f"same text as {first.path} (id {first.article_id}); loaded once"))
        elif (first := seen_id.get(article.article_id)) is not None:
            kept.problems.append(Problem(article.path, "duplicate id",
                                         f"id {article.article_id!r} is already used by {first.path}; skipped"))
        else:
            seen_text[article.sha256] = seen_id[article.article_id] = article
            kept.articles.append(article)
    return kept
