"""``python -m analysis`` end to end, in a subprocess as an analyst would run it."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from analysis.paths import ARTICLES_DIR, ROOT
from analysis.workbook.store import read_tables, write_csv


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT)


def test_extract_writes_every_table_as_csv_and_parquet(tmp_path):
    result = run("extract", str(ARTICLES_DIR), "--out", str(tmp_path / "t"))
    assert result.returncode == 0, result.stderr
    counts = json.loads((tmp_path / "t" / "tables.json").read_text())
    assert counts["articles"] == 2 and counts["sentences"] == 31 and counts["paragraphs"] == 17
    for table in counts:
        csv = pd.read_csv(tmp_path / "t" / f"{table}.csv")
        parquet = pd.read_parquet(tmp_path / "t" / f"{table}.parquet")
        assert len(csv) == len(parquet) == counts[table]
    articles = pd.read_parquet(tmp_path / "t" / "articles.parquet").set_index("article_id")
    sentences = pd.read_parquet(tmp_path / "t" / "sentences.parquet")
    for row in sentences.itertuples():
        assert articles.loc[row.article_id, "text"][row.start:row.end] == row.text


def test_tables_are_written_as_pandas_writes_csv_byte_for_byte(tmp_path):
    awkward = ["plain", "", " padded ", "a, b", 'a "quoted" word', '"', "two\nlines", "carriage\rreturn",
               "tab\there", "Zürich’s “café”", None]
    rows = len(awkward) * 3
    table = pd.DataFrame({
        "text": pd.array((awkward * 3)[:rows], dtype="string"),
        "number": pd.array(([0, -7, 10**15, None] * rows)[:rows], dtype="Int64"),
        "share": pd.array(([0.1, 2.0, 1e-07, 1e16, 1 / 3, None] * rows)[:rows], dtype="Float64"),
        "flag": pd.array(([True, False, None] * rows)[:rows], dtype="boolean"),
    })
    one_column = pd.DataFrame({"text": pd.array(["", None, "x"], dtype="string")})  # an empty row is quoted
    empty = table.iloc[:0]
    for number, frame in enumerate([table, one_column, empty]):
        frame.to_csv(tmp_path / f"pandas{number}.csv", index=False)
        write_csv(frame, tmp_path / f"ours{number}.csv")
        assert (tmp_path / f"ours{number}.csv").read_bytes() == (tmp_path / f"pandas{number}.csv").read_bytes()


def test_nothing_readable_writes_empty_tables_with_a_warning_and_strict_refuses(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "empty.txt").write_text("   \n")
    result = run("extract", str(data), "--out", str(tmp_path / "t"))
    assert result.returncode == 0, result.stderr  # make report on an empty folder renders reports saying so
    assert "warning: no article could be read" in result.stderr and "empty article" in result.stderr
    tables = read_tables(tmp_path / "t")
    assert tables["articles"].empty and tables["problems"]["problem"].tolist() == ["empty article"]
    strict = run("extract", str(data), "--out", str(tmp_path / "s"), "--strict")
    assert strict.returncode != 0 and "empty article" in strict.stderr
    assert not (tmp_path / "s").exists()


def test_problems_are_recorded_but_strict_makes_them_fatal(tmp_path, write_articles):
    folder = write_articles({"good.txt": "Vučić announced a suspension of ammunition exports.",
                             "bad.txt": b"\x89PNG\r\n\x1a\n\x00\x00"})
    relaxed = run("extract", str(folder), "--out", str(tmp_path / "t"))
    assert relaxed.returncode == 0, relaxed.stderr
    problems = pd.read_csv(tmp_path / "t" / "problems.csv")
    assert problems.values.tolist() == [
        ["bad.txt", "not a text file", "binary content (control bytes or NUL), not text"]]
    strict = run("extract", str(folder), "--out", str(tmp_path / "s"), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.strip() == "error: bad.txt: not a text file: binary content (control bytes or NUL), not text"


def test_help_documents_every_command():
    result = run("--help")
    assert result.returncode == 0 and "extract" in result.stdout
