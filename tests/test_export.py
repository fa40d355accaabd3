"""Exports read back to the tables they were written from, and the DNA statements point at the
words of the stances they come from."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.export import (
    AGREEMENT,
    DNA_COLUMNS,
    DNA_DOCUMENTS,
    DNA_STATEMENTS,
    dna_tables,
    export_tables,
    read_export,
)
from analysis.paths import ARTICLES_DIR, ROOT
from analysis.schema import SPAN_COLUMN
from analysis.workbook.corrections import apply_corrections


@pytest.fixture(scope="module")
def tables(workbook):
    """The bundled tables as the pipeline hands them over: with the (empty) ``corrected_by``."""
    return apply_corrections(workbook.tables(), [])


def _as_the_format_keeps_it(table: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """CSV cannot tell "" from missing, JSON has no infinity (both documented in export.py)."""
    table = table.copy()
    for column in table.columns:
        if fmt == "csv" and table[column].dtype == "string":
            table[column] = table[column].mask(table[column] == "")
        if fmt == "jsonl" and table[column].dtype == "Float64":
            table[column] = table[column].mask(np.isinf(table[column].astype("float64")))
    return table


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_tables_round_trip(tables, tmp_path, fmt):
    written = export_tables(tables, fmt, tmp_path)
    assert sorted(path.name for path in written) == sorted(f"{name}.{fmt}" for name in tables)
    back = read_export(tmp_path, fmt)
    assert set(back) == set(tables)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(back[name], _as_the_format_keeps_it(table, fmt), obj=f"{fmt} {name}")


def test_every_extracted_row_keeps_its_article_and_offsets(tables, tmp_path):
    export_tables(tables, "jsonl", tmp_path)
    back = read_export(tmp_path, "jsonl")
    text = dict(zip(back["articles"]["article_id"], back["articles"]["text"]))
    for name, column in SPAN_COLUMN.items():
        rows = back[name]
        assert len(rows) == len(tables[name]) > 0
        assert all(text[a][s:e] == span
                   for a, s, e, span in zip(rows["article_id"], rows["start"], rows["end"], rows[column]))


def test_dna_statements_are_the_favor_and_against_stances(tables):
    documents, statements = dna_tables(tables)
    stances = tables["stances"]
    decided = stances[stances["polarity"] != "neutral"]
    assert len(statements) == len(decided) < len(stances)  # the bundled articles have neutral stances
    assert list(statements.columns[:len(DNA_COLUMNS)]) == DNA_COLUMNS
    assert list(statements["agreement"]) == [AGREEMENT[p] for p in decided["polarity"]]
    assert list(statements["concept"]) == list(decided["topic"])
    document_text = dict(zip(documents["documentId"], documents["text"]))
    for row in statements.itertuples():
        assert document_text[row.documentId][row.startCaret:row.endCaret] == row.text
    # a person holds a stance as a person, a state or body as an organization
    von_der_leyen = statements[statements["person"] == "Ursula von der Leyen"]
    assert len(von_der_leyen) == (decided["actor_id"] == "ursula-von-der-leyen").sum() > 0
    assert (von_der_leyen["organization"] == "").all()
    assert set(statements.loc[statements["organization"] != "", "person"]) == {""}


def test_dna_export_reads_back(tables, tmp_path):
    export_tables(tables, "dna", tmp_path)
    documents, statements = dna_tables(tables)
    read = lambda name: pd.read_csv(tmp_path / name, keep_default_na=False, na_values=[""])  # noqa: E731
    back_statements, back_documents = read(DNA_STATEMENTS), read(DNA_DOCUMENTS)
    assert back_statements["id"].isna().all()
    for column in ("documentId", "startCaret", "endCaret", "agreement", "stance_id"):
        assert list(back_statements[column]) == list(statements[column]), column
    for column in ("concept", "text", "article_id"):
        assert list(back_statements[column]) == list(statements[column]), column
    assert list(back_statements["person"].fillna("")) == list(statements["person"])
    assert list(back_documents["text"]) == list(documents["text"])


def test_export_command_writes_the_chosen_format(tmp_path):
    out = tmp_path / "dna"
    result = subprocess.run([sys.executable, "-m", "analysis", "export", "--format", "dna", str(ARTICLES_DIR),
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    statements = pd.read_csv(out / DNA_STATEMENTS)
    neutral = int(result.stdout.split("left out ")[1].split()[0])
    assert neutral > 0 and len(statements) > 0
    assert {"article_id", "startCaret", "endCaret"} <= set(statements.columns)
