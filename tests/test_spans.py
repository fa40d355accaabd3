"""Properties that hold whatever the article looks like: every stored span is the text at its
offsets, and no article makes an extractor fail (a failure would be an "extraction failed"
problem row). The inputs that once broke the workbook are kept as explicit examples."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.workbook import build_workbook
from tests.conftest import examples
from tests.news import article

EXTRACTION_PROBLEMS = ("extraction failed", "extraction too slow", "parse failed")
FOUND_BEFORE = [
    "Le ministre Vučić : «non» a dit.",               # a space before the colon: IndexError (labelled speaker)
    "He said: “We will halt exports.” ",              # a trailing space after the last quote: IndexError (tail)
]


@pytest.mark.property
@settings(max_examples=examples(25))
@given(article, st.booleans())
@example(FOUND_BEFORE[0], False)
@example(FOUND_BEFORE[1], False)
def test_spans_hold_and_no_article_breaks_an_extractor(text, bom):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.txt").write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
        workbook = build_workbook(folder)
    assert not workbook.problems["problem"].isin(EXTRACTION_PROBLEMS).any(), workbook.problems.to_dict("records")
    for name, bad in workbook.span_violations().items():
        assert bad.empty, name
