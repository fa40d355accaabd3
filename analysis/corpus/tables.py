"""Articles to the three base tables: articles, paragraphs and sentences, plus problems.

Paragraphs are found in the text itself: blank lines separate them, and so does a single line
break, except where a hard-wrapped line simply continues (it ends mid-sentence and the next line
starts in lower case). The bundled articles use both conventions.
"""
from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd
from spacy.tokens import Span

from analysis.corpus.reader import Article, Problem
from analysis.schema import frame

MAX_CHUNK = 50_000  # characters the model sees at once; a longer paragraph is cut at a space
TITLE_LENGTH = 90
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")
_CONTINUES = re.compile(r"[^.!?:;\"”’)\]]\Z")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    previous_end = -1
    for line in _LINE.finditer(text):
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        end = line.end() - (len(line.group()) - len(line.group().rstrip()))
        wrapped = (spans and text[previous_end:start].count("\n") == 1
                   and _CONTINUES.search(text[spans[-1][0]:previous_end]) and text[start].islower())
        if wrapped:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        previous_end = end
    return spans


def chunks(text: str, spans: list[tuple[int, int]], breaks: tuple[int, ...] = ()) -> list[str]:
    """Pieces for the model that concatenate back to exactly ``text``: each paragraph with the
    blank space after it (the first also with any before it), very long ones cut at spaces, and
    cut again at ``breaks`` (a dateline's end: "VIENNA (AFP) – Austria halted ..." parses as a
    sentence only without its dateline)."""
    cuts = sorted({0, *(start for start, _ in spans[1:]), *(b for b in breaks if 0 < b < len(text)), len(text)})
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        while end - start > MAX_CHUNK:
            cut = text.rfind(" ", start + 1, start + MAX_CHUNK)
            cut = start + MAX_CHUNK if cut == -1 else cut + 1
            pieces.append(text[start:cut])
            start = cut
        pieces.append(text[start:end])
    return [piece for piece in pieces if piece] if text else []


def index_at(starts: list[int], position: int) -> int:
    """The number of the sentence (or paragraph) holding ``position``, from their sorted starts:
    every extracted row names its sentence this way."""
    return max(0, bisect_right(starts, position) - 1)


def paragraph_rows(article: Article, spans: list[tuple[int, int]]) -> list[dict]:
    return [{"article_id": article.article_id, "paragraph_id": number, "start": start, "end": end,
             "text": article.text[start:end]} for number, (start, end) in enumerate(spans)]


def sentence_rows(article: Article, spans: list[tuple[int, int]], sentences: list[Span]) -> list[dict]:
    """The parser's sentences, trimmed of white space and tied to their paragraph."""
    paragraph_starts = [start for start, _ in spans]
    rows: list[dict] = []
    for sentence in sentences:
        start, end = trimmed(article.text, sentence.start_char, sentence.end_char)
        if start == end:
            continue
        paragraph = index_at(paragraph_starts, start)
        previous = rows[-1] if rows else None
        if previous and previous["paragraph_id"] == paragraph and not _has_word(article.text[start:end]):
            previous["end"], previous["text"] = end, article.text[previous["start"]:end]
            continue
        rows.append({"article_id": article.article_id, "sentence_id": len(rows), "paragraph_id": paragraph,
                     "start": start, "end": end, "text": article.text[start:end]})
    return rows


def _has_word(span: str) -> bool:
    """The parser sometimes ends a sentence before its closing quote mark; a piece with no word
    in it belongs to the sentence before."""
    return any(char.isalnum() for char in span)


def articles_table(articles: list[Article], sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article; a missing title is derived from the first sentence and flagged."""
    first_sentence = sentences.groupby("article_id", sort=False)["text"].first()
    rows = []
    for article in articles:
        derived = article.title is None
        rows.append({
            "article_id": article.article_id, "path": article.path,
            "title": derive_title(first_sentence.get(article.article_id, article.text)) if derived else article.title,
            "title_derived": derived, "source": article.source, "url": article.url,
            "published": article.published, "published_precision": article.published_precision,
            "language": article.language, "encoding": article.encoding, "sha256": article.sha256,
            "n_chars": len(article.text), "n_words": count_words(article.text), "text": article.text,
        })
    return frame("articles", rows)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    return frame("problems", [vars(problem) for problem in problems])


def derive_title(sentence: str) -> str:
    """A display title: the first sentence, cut at a word boundary when long."""
    sentence = " ".join(sentence.split()).rstrip(".")
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    return sentence[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space around it (sentences and evidence never start with a newline)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
