"""The brat standoff format (``.ann`` files) as typed records: spans and the attributions that join
them, with offsets carried into the workbook's normalized text."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from analysis.corpus.text import decode, normalize

_RECORD_START = re.compile(r"[A-Z#*]\d*\t")
_SPAN_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)\Z", re.DOTALL)
_EVENT_LINE = re.compile(r"(E\d+)\t(.*)\Z", re.DOTALL)
_CONTENT_ROLES = ("Content", "Content2")  # Content2: a second, separately written part


@dataclass(frozen=True)
class Span:
    """One ``T`` line: a label over one or more character ranges (brat joins the pieces of a
    discontinuous span with a space in ``text``)."""

    span_id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return min(start for start, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(end for _, end in self.fragments)

    def text_in(self, text: str) -> str:
        return " ".join(text[start:end] for start, end in self.fragments)


@dataclass(frozen=True)
class Attribution:
    """One ``E`` line: Content(s) with the Source and Cue the annotator linked (either may lack)."""

    attribution_id: str
    contents: tuple[Span, ...]
    source: Span | None
    cue: Span | None


@dataclass(frozen=True)
class Annotation:
    spans: dict[str, Span]
    attributions: tuple[Attribution, ...]


def parse_annotation(ann: str) -> Annotation:
    """Records from an ``.ann`` file's text. A span's text may contain line breaks, so a line that
    does not start a record continues the one before; notes and unknown records are ignored."""
    records: list[str] = []
    for line in ann.removesuffix("\n").split("\n"):
        if _RECORD_START.match(line):
            records.append(line)
        elif records:
            records[-1] += "\n" + line
    spans = {span.span_id: span for span in filter(None, map(_span, records))}
    attributions = tuple(filter(None, (_attribution(record, spans) for record in records)))
    return Annotation(spans, attributions)


def _span(record: str) -> Span | None:
    match = _SPAN_LINE.match(record)
    if match is None:
        return None
    span_id, label, ranges, text = match.groups()
    fragments = tuple(tuple(map(int, pair.split())) for pair in ranges.split(";"))
    return Span(span_id, label, fragments, text)


def _attribution(record: str, spans: dict[str, Span]) -> Attribution | None:
    """The roles decide, not the spans' labels: a few spans are linked in a role their label
    does not name. An attribution without Content says nothing to score and is dropped."""
    match = _EVENT_LINE.match(record)
    if match is None:
        return None
    roles: dict[str, list[Span]] = {}
    for argument in match.group(2).split():
        role, _, span_id = argument.partition(":")
        if span_id in spans:
            roles.setdefault(role, []).append(spans[span_id])
    contents = tuple(span for role in _CONTENT_ROLES for span in roles.get(role, []))
    if not contents:
        return None
    return Attribution(match.group(1), contents, _first(roles.get("Source")), _first(roles.get("Cue")))


def _first(spans: list[Span] | None) -> Span | None:
    return spans[0] if spans else None


def read_article(text_path: Path, ann_path: Path) -> tuple[str, Annotation]:
    """The article as the workbook stores it and its annotation with offsets into that text.

    The corpus counts offsets in the file as saved; the workbook composes characters to NFC, which
    shortens a few articles, so every offset is carried over through the normalization's anchors."""
    raw, _ = decode(text_path.read_bytes())
    normalized = normalize(raw)
    annotation = parse_annotation(ann_path.read_text(encoding="utf-8"))
    if normalized.text == raw:
        return raw, annotation
    raw_at = [normalized.raw_index(index) for index in range(len(normalized.text) + 1)]
    return normalized.text, _moved(annotation, lambda offset: bisect_left(raw_at, offset))


def _moved(annotation: Annotation, move) -> Annotation:
    spans = {span_id: Span(span.span_id, span.label,
                           tuple((move(start), move(end)) for start, end in span.fragments), span.text)
             for span_id, span in annotation.spans.items()}

    def same(span: Span | None) -> Span | None:
        return None if span is None else spans[span.span_id]

    attributions = tuple(
        Attribution(item.attribution_id, tuple(map(same, item.contents)), same(item.source), same(item.cue))
        for item in annotation.attributions)
    return Annotation(spans, attributions)
