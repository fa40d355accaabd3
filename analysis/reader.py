"""Reading saved articles from disk in the four formats analysts have: .txt, .md, .jsonl, .html.

A reader never raises on bad input: each file yields articles and/or problems, so one broken file
cannot stop a batch. Strictness is decided later, by the caller.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.frontmatter import split_front_matter, validate_meta
from analysis.text import DecodeError, decode, normalize

SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm")
DEFAULT_MAX_MB = 10.0


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


def discover(root: Path) -> tuple[list[Path], list[Problem]]:
    """Article files under ``root`` in a stable order. Links that leave ``root`` are refused
    because a saved folder should not make the workbook read files elsewhere on the machine."""
    if root.is_file():
        return [root], []
    paths: list[Path] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(real_root):
            problems.append(Problem(_shown(path, root), "link outside the data folder",
                                    f"points to {os.readlink(path)}; not followed"))
        elif path.suffix.lower() in SUFFIXES:
            paths.append(path)
        else:
            problems.append(Problem(_shown(path, root), "unsupported file type",
                                    f"'{path.suffix or path.name}' is not one of {', '.join(SUFFIXES)}; skipped"))
    return paths, problems


def read_file(path: Path, shown: str, max_mb: float = DEFAULT_MAX_MB) -> Batch:
    """One file to articles and problems, whatever is wrong with it."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            return _failed(shown, "file too large",
                           f"{size / 1024 / 1024:.1f} MB is over the {max_mb:g} MB limit (raise it with --max-mb)")
        data = path.read_bytes()
    except OSError as error:
        return _failed(shown, "cannot read file", error.strerror or str(error))
    try:
        raw, encoding = decode(data)
    except DecodeError as error:
        return _failed(shown, "not a text file", str(error))
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(raw, encoding, shown, path.stem)
    if suffix in (".html", ".htm"):
        return _read_html(raw, encoding, shown, path.stem)
    return _read_text(raw, encoding, shown, path.stem)


def _read_text(raw: str, encoding: str, shown: str, stem: str) -> Batch:
    text = normalize(raw).text
    front = split_front_matter(text)
    batch = Batch(problems=[Problem(shown, problem, detail) for problem, detail in front.complaints])
    body = text[front.body_start:]
    batch.extend(_article(shown, stem, body, encoding, front.meta))
    return batch


def _read_jsonl(raw: str, encoding: str, shown: str, stem: str) -> Batch:
    batch = Batch()
    for number, line in enumerate(normalize(raw).text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{shown}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            batch.problems.append(Problem(where, "malformed JSON line", error.msg))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            batch.problems.append(Problem(where, "no article text", "each line needs a \"text\" string"))
            continue
        meta, complaints = validate_meta(record)
        batch.problems += [Problem(where, problem, detail) for problem, detail in complaints]
        batch.extend(_article(where, f"{stem}-{number}", normalize(record["text"]).text, encoding, meta))
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
    batch.extend(_article(shown, stem, normalize(document["text"]).text, encoding, meta))
    return batch


def _article(shown: str, fallback_id: str, body: str, encoding: str, meta: dict) -> Batch:
    if not body.strip():
        return _failed(shown, "empty article", "the file has no text besides whitespace and metadata")
    return Batch(articles=[Article(
        article_id=str(meta.get("id") or fallback_id), path=shown, text=body, encoding=encoding,
        title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
        published=meta.get("published"), published_precision=meta.get("published_precision", "unknown"),
        language=meta.get("language"),
    )])


def _failed(shown: str, problem: str, detail: str) -> Batch:
    return Batch(problems=[Problem(shown, problem, detail)])


def _shown(path: Path, root: Path) -> str:
    """Paths in tables are relative to the data folder, so outputs do not depend on the machine."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_corpus(root: Path, max_mb: float = DEFAULT_MAX_MB, progress: bool = False) -> Batch:
    """Every article under ``root``; duplicates (same text, or same id) are kept once and reported."""
    from tqdm.auto import tqdm

    paths, problems = discover(root)
    batch = Batch(problems=problems)
    base = root.parent if root.is_file() else root
    for path in tqdm(paths, desc="reading", unit="file", disable=not progress):
        batch.extend(read_file(path, _shown(path, base), max_mb))
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
