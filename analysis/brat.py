"""PolNeAR's hand-made attributions (brat standoff ``.ann`` files) as typed records and as gold.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks who (Source) said or thought what (Content)
through which words (Cue) in real news. The benchmark measures the quote extractor against it, so
this module turns an annotation into the gold the README's scoring rule talks about: quotes (double
quoted stretches inside a Content) and indirect attributions (Contents without one), each with
its Source described well enough to judge a predicted speaker. Gold offsets point into the text the
workbook stores (normalized, see ``analysis.text``), so they compare directly with extracted rows.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pandas as pd

from analysis.corpus import count_words
from analysis.paths import ROOT
from analysis.text import decode, normalize

POLNEAR_DIR = ROOT.parent / "shared" / "polnear"

_RECORD_START = re.compile(r"[A-Z#*]\d*\t")
_SPAN_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)\Z", re.DOTALL)
_EVENT_LINE = re.compile(r"(E\d+)\t(.*)\Z", re.DOTALL)
_CONTENT_ROLES = ("Content", "Content2")  # Content2: a second, separately written part

# A stretch between double quotes on one line; an unmatched mark never pairs across a line break.
_QUOTED = re.compile(r"[\"“]([^\"“”\n]*)[\"”]")
_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")
_SEGMENT_BREAK = re.compile(r"[,;()\[\]—–]| - | of ")  # "Sen. Chuck Schumer of New York" -> Schumer
_POSSESSIVE = re.compile(r"(?:[’']s?)\Z")

PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their who whom whose which that this "
    "these those one".split())
TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice secretary speaker gen "
    "general lt col adm judge justice chairman chairwoman chair mayor attorney former sir prof professor "
    "rev reverend sheriff chief commissioner ambassador minister prime deputy acting assistant".split())
# Capitalised words that name nobody: sentence-initial function words and party/nation groups.
NOT_NAMES = PRONOUNS | frozenset(
    "the a an some many most several both all few each every another other others no any such neither "
    "either about nearly more half only top republican republicans democrat democrats democratic "
    "conservative conservatives liberal liberals american americans jr sr ii iii".split())
ORGANISATION_WORDS = frozenset(
    "campaign committee department party administration house senate congress times post news journal "
    "network press agency office ministry council association institute foundation university center "
    "centre group company corporation bureau commission court poll survey magazine channel".split())

SOURCE_COLUMNS = {
    "source": "string", "source_start": "Int64", "source_end": "Int64", "source_kind": "string",
    "source_head": "string", "source_antecedent": "string", "source_has_title": "boolean",
    "cue": "string", "cue_start": "Int64", "cue_end": "Int64",
}
QUOTE_COLUMNS = {"article_id": "string", "attribution_id": "string", "start": "Int64", "end": "Int64",
                 "text": "string"} | SOURCE_COLUMNS
CONTENT_COLUMNS = {"article_id": "string", "attribution_id": "string", "start": "Int64", "end": "Int64"}


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


@dataclass(frozen=True)
class Gold:
    """What the scorer compares with: quotes and indirect attributions (one row each, Source
    described), and every Content fragment (the places where a quote may rightly be found)."""

    quotes: pd.DataFrame
    indirect: pd.DataFrame
    contents: pd.DataFrame


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


def classify_source(source: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """``pronoun``, ``description``, ``organisation`` or ``named``.

    ``vocabulary`` holds the article's lower-case words: a capitalised first word that the article
    also writes in lower case ("Officials said") is a sentence start, not a name. An organisation
    is named by an acronym or with an institution word after its name ("the Clinton campaign")."""
    words = [word.lower().rstrip("’'") for word in _WORD.findall(source)]
    if words and all(word in PRONOUNS for word in words):
        return "pronoun"
    found = _head(source, vocabulary)
    if found is None:
        return "description"
    head, segment = found
    named_part = segment[segment.rfind(head):]  # "House Speaker Paul Ryan" is a person
    if _is_acronym(head) or any(word.lower() in ORGANISATION_WORDS for word in _WORD.findall(named_part)):
        return "organisation"
    return "named"


def head_name(source: str, vocabulary: frozenset[str] = frozenset()) -> str | None:
    """The word a speaker's name must contain to be this Source: the last capitalised non-title
    word of the first piece (cut at commas, brackets, dashes and "of") that has one ("Rep. Jerry
    Nadler, a Democrat" -> Nadler). A possessive only modifies ("Trump's manager, Kellyanne
    Conway" -> Conway) unless nothing else is named ("Clinton's campaign" -> Clinton)."""
    found = _head(source, vocabulary)
    return None if found is None else found[0]


def _head(source: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """``(head name, the piece of the Source it was found in)``."""
    fallback = None
    for index, segment in enumerate(_SEGMENT_BREAK.split(source)):
        names = _name_words(segment, vocabulary if index == 0 else frozenset())
        owners = [name for name, possessive in names if not possessive]
        if owners:
            return owners[-1], segment
        if names and fallback is None:
            fallback = names[-1][0], segment
    return fallback


def has_title(source: str) -> bool:
    """A title such as Sen., Rep., Gov., Mr. or President: a cue the extractor may read as a name."""
    return any(word[0].isupper() and word.rstrip(".").lower() in TITLES for word in _WORD.findall(source))


def _name_words(source: str, vocabulary: frozenset[str]) -> list[tuple[str, bool]]:
    """``(word, is_possessive)`` for each capitalised word that names someone; a possessive marks
    the whole name it ends ("Donald Trump's doctor": both words only modify)."""
    names: list[tuple[str, bool]] = []
    run: list[int] = []  # indices in ``names`` of the name being read
    for position, word in enumerate(_WORD.findall(source)):
        possessive = bool(_POSSESSIVE.search(word))
        bare = _POSSESSIVE.sub("", word).rstrip(".")
        lower = bare.lower()
        if (not bare[:1].isupper() or lower in TITLES or lower in NOT_NAMES or len(bare) < 2
                or (position == 0 and lower in vocabulary)):
            run = []
            continue
        run.append(len(names))
        names.append((bare, possessive))
        if possessive:
            names[run[0]:] = [(name, True) for name, _ in names[run[0]:]]
            run = []
    return names


def _is_acronym(word: str) -> bool:
    """Short capitals such as FBI or GOP; longer ones are mostly transcript speakers (PENCE)."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def lower_case_words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(text) if word[0].islower())


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` inside the marks of every double-quoted stretch of two words or more."""
    return [match.span(1) for match in _QUOTED.finditer(text) if count_words(match.group(1)) >= 2]


def article_gold(article_id: str, text: str, annotation: Annotation) -> Gold:
    """Gold quotes and indirect attributions of one article (see ``_gold_rows``)."""
    return _gold_tables([_gold_rows(article_id, text, annotation)])


def _gold_rows(article_id: str, text: str, annotation: Annotation) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of quotes, indirect attributions and Content fragments.

    A stretch counts as inside Content when every letter and digit of it is covered by Content
    spans: some annotators cut a long quote into one Content per sentence. It is credited to the
    attribution covering most of it, the innermost one on a tie (a quote reported inside another
    report belongs to the one who said it)."""
    alnum_before = [0, *accumulate(char.isalnum() for char in text)]
    covered = bytearray(len(text))
    for attribution in annotation.attributions:
        for content in attribution.contents:
            for start, end in content.fragments:
                covered[start:end] = b"\x01" * (end - start)
    vocabulary = lower_case_words(text)
    heads = _source_heads(annotation, text, vocabulary)
    quotes, quoting = [], set()
    for start, end in quoted_stretches(text):
        if any(not covered[index] for index in range(start, end) if text[index].isalnum()):
            continue
        shares = [(_alnum_inside(attribution, start, end, alnum_before), attribution)
                  for attribution in annotation.attributions]
        quoting |= {attribution.attribution_id for share, attribution in shares if share}
        best = max(shares, key=lambda pair: (pair[0], -_extent(pair[1])))[1]
        quotes.append({"article_id": article_id, "attribution_id": best.attribution_id, "start": start,
                       "end": end, "text": text[start:end]} | _described(best, text, vocabulary, heads))
    indirect = [
        {"article_id": article_id, "attribution_id": attribution.attribution_id,
         "start": min(content.start for content in attribution.contents),
         "end": max(content.end for content in attribution.contents),
         "text": " ".join(content.text_in(text) for content in attribution.contents)}
        | _described(attribution, text, vocabulary, heads)
        for attribution in annotation.attributions if attribution.attribution_id not in quoting]
    contents = [{"article_id": article_id, "attribution_id": attribution.attribution_id, "start": start,
                 "end": end}
                for attribution in annotation.attributions
                for content in attribution.contents for start, end in content.fragments]
    return quotes, indirect, contents


def _gold_tables(rows: list[tuple[list[dict], list[dict], list[dict]]]) -> Gold:
    """One table per kind of row, built once: a DataFrame per article would cost more than the parse."""
    quotes, indirect, contents = ([row for article in rows for row in article[kind]] for kind in range(3))
    return Gold(_table(quotes, QUOTE_COLUMNS), _table(indirect, QUOTE_COLUMNS),
                _table(contents, CONTENT_COLUMNS))


def _alnum_inside(attribution: Attribution, start: int, end: int, alnum_before: list[int]) -> int:
    return sum(max(0, alnum_before[min(end, stop)] - alnum_before[max(start, begin)])
               for content in attribution.contents for begin, stop in content.fragments)


def _extent(attribution: Attribution) -> int:
    return sum(stop - begin for content in attribution.contents for begin, stop in content.fragments)


def _source_heads(annotation: Annotation, text: str, vocabulary: frozenset[str]) -> list[tuple[int, str]]:
    """``(start, head name)`` of every named Source in the article, in reading order."""
    heads = set()
    for attribution in annotation.attributions:
        source = attribution.source
        if source is None:
            continue
        words = source.text_in(text)
        if classify_source(words, vocabulary) in ("named", "organisation"):
            head = head_name(words, vocabulary)
            if head:
                heads.add((source.start, head))
    return sorted(heads)


def _described(attribution: Attribution, text: str, vocabulary: frozenset[str],
               heads: list[tuple[int, str]]) -> dict:
    """Source and Cue columns. A pronoun's ``source_antecedent`` is the head name of the nearest
    named Source before it: a cheap stand-in for the person it refers to, used to accept a
    predicted speaker who names that person."""
    source, cue = attribution.source, attribution.cue
    row: dict = {column: None for column in SOURCE_COLUMNS}
    if cue is not None:
        row |= {"cue": cue.text_in(text), "cue_start": cue.start, "cue_end": cue.end}
    if source is None:
        row["source_kind"] = "none"
        return row
    words = source.text_in(text)
    kind = classify_source(words, vocabulary)
    before = bisect_left(heads, (source.start, ""))
    row |= {"source": words, "source_start": source.start, "source_end": source.end, "source_kind": kind,
            "source_head": head_name(words, vocabulary) if kind in ("named", "organisation") else None,
            "source_antecedent": heads[before - 1][1] if kind == "pronoun" and before else None,
            "source_has_title": has_title(words)}
    return row


def _table(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(columns)).astype(columns)
    return table.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def article_paths(split_dir: Path, article_ids: Iterable[str] | None = None) -> list[tuple[Path, Path]]:
    """``(text, annotation)`` file pairs of a PolNeAR compartment, sorted by name."""
    wanted = None if article_ids is None else set(article_ids)
    return [(path, split_dir / "attributions" / f"{path.stem}.ann")
            for path in sorted((split_dir / "text").glob("*.txt"))
            if wanted is None or path.stem in wanted]


def read_gold(split_dir: Path, article_ids: Iterable[str] | None = None) -> Gold:
    """The gold of every article (or the named ones) of a compartment, e.g. ``POLNEAR_DIR / "dev"``."""
    return _gold_tables([_gold_rows(text_path.stem, *read_article(text_path, ann_path))
                         for text_path, ann_path in article_paths(split_dir, article_ids)])
