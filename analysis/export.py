"""Hand-off exports: the tables in a format another tool reads, every row still traceable to its
article and offsets.

``csv``, ``parquet`` and ``jsonl`` write one file per table. ``dna`` writes what the Discourse
Network Analyzer (DNA, github.com/leifeld/dna) takes in through its R package rDNA:

- ``dna_documents.csv``: one row per article with the arguments of ``dna_addDocument``
  (``title``, ``text``, ``source``, ``date``), plus the ``documentId`` the statements refer to
  and our ``article_id``.
- ``dna_statements.csv``: one row per stance, in the columns ``dna_setStatements`` documents
  (rDNA/man/dna_setStatements.Rd): ``id`` (NA, so DNA assigns one), ``documentId``,
  ``startCaret`` / ``endCaret`` (character offsets, 0-based, end exclusive: our ``start`` /
  ``end``), ``statementTypeId`` (1, the "DNA Statement" type of a new database), ``coder`` (1),
  then the variables of that statement type: ``person``, ``organization``, ``concept`` (the
  stance's topic) and ``agreement`` (1 for favor, 0 for against; ``dna_addStatement`` accepts
  0/1 for its Boolean variables). The holder goes in ``person`` when the actors table says it is
  a person, else in ``organization``. After them come our trace columns ``article_id``,
  ``stance_id``, ``date`` and ``text``; drop them before ``dna_setStatements``.

Two losses are the formats' own: CSV writes an empty text and a missing value alike (both read
back as missing), and JSON has no infinity, so the open-ended ``days_to`` of "from now on" is
null in jsonl (its ``date_anchor`` still says so). Parquet keeps everything.

DNA's agreement is yes/no, so neutral stances are left out of the DNA export (``export`` says how
many). DNA counts carets in Java characters (UTF-16 units): they equal our offsets unless an
article holds characters outside the Basic Multilingual Plane, such as emoji.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.schema import TABLES
from analysis.workbook.store import atomic_write

FORMATS = ("csv", "parquet", "jsonl", "dna")
AGREEMENT = {"favor": 1, "against": 0}
DNA_DOCUMENTS, DNA_STATEMENTS = "dna_documents.csv", "dna_statements.csv"
DNA_COLUMNS = ["id", "documentId", "startCaret", "endCaret", "statementTypeId", "coder",
               "person", "organization", "concept", "agreement"]
TRACE_COLUMNS = ["article_id", "stance_id", "date", "text"]

Tables = dict[str, pd.DataFrame]


def export_tables(tables: Tables, fmt: str, out_dir: Path) -> list[Path]:
    """Write the tables in ``fmt`` into ``out_dir`` (each file atomically) and return the files."""
    if fmt == "dna":
        documents, statements = dna_tables(tables)
        return [_write_csv(documents, out_dir / DNA_DOCUMENTS), _write_csv(statements, out_dir / DNA_STATEMENTS)]
    writer = WRITERS[fmt]
    return [atomic_write(out_dir / f"{name}.{fmt}", lambda tmp, t=table: writer(t, tmp))
            for name, table in tables.items()]


def _write_csv(table: pd.DataFrame, target: Path) -> Path:
    return atomic_write(target, lambda tmp: table.to_csv(tmp, index=False))


WRITERS = {
    "csv": lambda table, path: table.to_csv(path, index=False),
    "parquet": lambda table, path: table.to_parquet(path, index=False),
    "jsonl": lambda table, path: table.to_json(path, orient="records", lines=True, force_ascii=False),
}
READERS = {
    "csv": lambda path: pd.read_csv(path, keep_default_na=False, na_values=[""]),
    "parquet": pd.read_parquet,
    "jsonl": lambda path: pd.read_json(path, orient="records", lines=True, dtype=False),
}


def read_export(out_dir: Path, fmt: str) -> Tables:
    """Tables written by ``export_tables`` (csv, parquet or jsonl), with the schema's dtypes back:
    what another Python user of the export, and the round-trip tests, read."""
    return {path.stem: _typed(path.stem, READERS[fmt](path)) for path in sorted(out_dir.glob(f"*.{fmt}"))}


def _typed(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Declared dtypes for the schema's columns, text for any other (``corrected_by``). An empty
    jsonl file holds no column names, so an empty table takes the schema's."""
    declared = TABLES.get(name, {})
    if table.columns.empty:
        table = table.reindex(columns=list(declared))
    return table.astype({column: declared.get(column, "string") for column in table.columns})


def dna_tables(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, statements)`` for DNA, from the articles and the favor/against stances."""
    articles = tables["articles"]
    documents = pd.DataFrame({
        "documentId": range(1, len(articles) + 1), "article_id": articles["article_id"],
        "title": articles["title"], "text": articles["text"], "source": articles["source"],
        "date": articles["published"]})
    document_of = dict(zip(documents["article_id"], documents["documentId"]))
    date_of = dict(zip(documents["article_id"], documents["date"]))
    actors = tables["actors"].set_index("actor_id")
    stances = tables["stances"][tables["stances"]["polarity"].isin(list(AGREEMENT))]
    names = [actors["name"].get(a, a) for a in stances["actor_id"]]
    is_person = [actors["type"].get(a) == "person" for a in stances["actor_id"]]
    statements = pd.DataFrame({
        "id": pd.array([pd.NA] * len(stances), dtype="Int64"),
        "documentId": [document_of[a] for a in stances["article_id"]],
        "startCaret": stances["start"].to_numpy(), "endCaret": stances["end"].to_numpy(),
        "statementTypeId": 1, "coder": 1,
        "person": [n if p else "" for n, p in zip(names, is_person)],
        "organization": ["" if p else n for n, p in zip(names, is_person)],
        "concept": stances["topic"].to_numpy(), "agreement": stances["polarity"].map(AGREEMENT).to_numpy(),
        "article_id": stances["article_id"].to_numpy(), "stance_id": stances["stance_id"].to_numpy(),
        "date": [date_of[a] for a in stances["article_id"]], "text": stances["evidence"].to_numpy()})
    return documents, statements


def neutral_left_out(tables: Tables) -> int:
    """How many stances the DNA export leaves out for having no yes/no agreement."""
    return int((~tables["stances"]["polarity"].isin(list(AGREEMENT))).sum())
