"""Writing and reading the tables as CSV + parquet, atomically.

Each file is written under a temporary name and renamed into place, and a manifest with the row
counts is renamed in last: a reader that finds the manifest knows every table it lists is whole.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis.schema import TABLES, frame

MANIFEST = "tables.json"


class IncompleteTables(RuntimeError):
    """The folder holds tables from an interrupted or different run."""


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, partitioned: bool = False) -> list[Path]:
    """Every table as CSV and parquet. ``partitioned`` writes each parquet as a folder with one
    file per block of articles (what a cluster's readers split work on); ``pd.read_parquet`` and
    ``read_tables`` read a folder and a file alike."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    manifest_path.unlink(missing_ok=True)  # readers must not trust a half-replaced set
    written = []
    for name, table in tables.items():
        target = out_dir / f"{name}.parquet"
        if partitioned:
            written.append(_write_partitions(table, target))
        else:
            if target.is_dir():  # a partitioned folder from an earlier run on a cluster
                shutil.rmtree(target)
            written.append(atomic_write(target, lambda tmp, t=table: t.to_parquet(tmp, index=False)))
        written.append(atomic_write(out_dir / f"{name}.csv", lambda tmp, t=table: t.to_csv(tmp, index=False)))
    counts = {name: len(table) for name, table in tables.items()}
    atomic_write(manifest_path, lambda tmp: Path(tmp).write_text(json.dumps(counts, indent=2) + "\n"))
    return written


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Tables from ``extract``'s output folder, refusing a set that was not completely written."""
    manifest_path = out_dir / MANIFEST
    if not manifest_path.exists():
        raise IncompleteTables(f"{out_dir} has no {MANIFEST}: the tables there are missing or were "
                               "not completely written; run `python -m analysis extract` again")
    counts = json.loads(manifest_path.read_text())
    tables = {}
    for name, expected in counts.items():
        table = pd.read_parquet(out_dir / f"{name}.parquet")
        if len(table) != expected:
            raise IncompleteTables(f"{name}.parquet has {len(table)} rows, the manifest says {expected}")
        tables[name] = frame(name, table) if name in TABLES else table
    return tables


ARTICLES_PER_FILE = 1000


def _write_partitions(table: pd.DataFrame, target: Path) -> Path:
    """Write into a fresh folder beside ``target``, then swap it in (the manifest, written last,
    is what makes the set trusted)."""
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    article_ids = list(dict.fromkeys(table["article_id"])) if "article_id" in table else []
    blocks = [article_ids[i:i + ARTICLES_PER_FILE] for i in range(0, len(article_ids), ARTICLES_PER_FILE)] or [None]
    for number, block in enumerate(blocks):
        part = table if block is None else table[table["article_id"].isin(block)]
        part.to_parquet(staging / f"part-{number:05d}.parquet", index=False)
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)
    os.replace(staging, target)
    return target


def atomic_write(target: Path, write) -> Path:
    """Call ``write(temporary_path)``, then rename the result onto ``target`` in one step."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target
