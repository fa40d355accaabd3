"""Every path the workbook uses, derived from this file so code runs from any working directory.

Notebooks run under papermill with the notebook's folder as working directory, tests run from the
project root, the CLI from anywhere: deriving paths from ``__file__`` makes all three agree.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
ACTORS_FILE = DATA_DIR / "actors.yml"
CODEBOOK_FILE = DATA_DIR / "codebook.yml"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
TABLES_DIR = BUILD_DIR / "tables"
REPORTS_DIR = ROOT / "reports"


def resolve(path: str | Path) -> Path:
    """Read a user-given path relative to the project root, so notebook parameters such as
    ``data/articles`` mean the same thing wherever the kernel was started."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else ROOT / path
