"""Property: whatever the article looks like, every stored span is the text at its offsets."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.workbook import build_workbook

WORDS = ["Vučić", "Vucic", "said", "the", "halt", "Вучић", "exports", "😀", "Zakharova", "SVR", "«non»", "a"]
MARKS = ["“", "”", "\"", "‘", "’", "'", ". ", ", ", ":", "\n", "\r\n", "\n\n", " — "]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + MARKS) | st.text(st.characters(exclude_categories=("Cs",)), max_size=3),
                min_size=1, max_size=60), st.booleans())
def test_spans_hold_on_generated_articles(tokens, bom):
    body = " ".join(tokens)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.txt").write_bytes(("\ufeff" if bom else "").encode() + body.encode("utf-8"))
        workbook = build_workbook(folder)
    for name, bad in workbook.span_violations().items():
        assert bad.empty, name
