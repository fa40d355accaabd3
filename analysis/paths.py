"""Every path the workbook uses, derived from this file so code runs from any working directory.

Notebooks run under papermill with the notebook's folder as working directory, tests run from the
project root, the CLI from anywhere: deriving paths from ``__file__`` makes all three agree. The
measurement data beside the project (``../shared``) is named here too, so that tests and
benchmarks read it from one place.
"""
from __future__ import annotations

import re
from pathlib import Path

from analysis.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "analysis"
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
ACTORS_FILE = DATA_DIR / "actors.yml"
STATES_FILE = DATA_DIR / "states.yml"
CODEBOOK_FILE = DATA_DIR / "codebook.yml"
CUES_FILE = DATA_DIR / "cues.yml"
CORRECTIONS_FILE = DATA_DIR / "corrections.yml"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
TABLES_DIR = BUILD_DIR / "tables"
CACHE_DIR = BUILD_DIR / "cache"
REPORTS_DIR = ROOT / "reports"

# Gold written by reading, and the measurement corpora beside the project (never copied into it).
TESTS_DIR = ROOT / "tests"
GOLD_DIR = TESTS_DIR / "gold"
REFERENTS_DIR = GOLD_DIR / "polnear"  # whom PolNeAR's quote Sources name: <split>_speakers.yml
NEWS_GOLD_DIR = GOLD_DIR / "news"  # whom quotes in news outside PolNeAR name: <set>_speakers.yml
FIXTURES_DIR = TESTS_DIR / "fixtures"
SHARED_DIR = ROOT.parent / "shared"
SEEDS_DIR = SHARED_DIR / "seeds"
POLNEAR_DIR = SHARED_DIR / "polnear"
WORLD_DEV_DIR = SHARED_DIR / "world-dev"
DEVSET_DIR = ROOT / "benchmarks" / "devset"  # more real arms-export news with gold, gathered for development


STAGING_VARIABLE = "ANALYSIS_STAGING"  # "final folder" + os.pathsep + "staging folder", set while rendering


def written_to(path: Path) -> Path:
    """Where a file meant for ``path`` is written now: into the staging folder while a render
    fills one (``STAGING_VARIABLE``), so that a failed render leaves the old reports whole; the
    notebook still prints the final path."""
    import os

    final, _, staging = os.environ.get(STAGING_VARIABLE, "").partition(os.pathsep)
    if final and staging and path.resolve().is_relative_to(Path(final)):
        return Path(staging) / path.resolve().relative_to(Path(final))
    return path


def rendering_a_report() -> bool:
    """Whether this kernel runs for a report rendered to HTML (no live kernel behind its controls)."""
    import os

    return bool(os.environ.get(STAGING_VARIABLE))


def resolve(path: str | Path) -> Path:
    """Read a user-given path relative to the project root, so notebook parameters such as
    ``data/articles`` mean the same thing wherever the kernel was started."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else ROOT / path


def shown(path: Path, base: Path = ROOT) -> str:
    """A path as printed in tables, notebooks and messages: relative to ``base`` when inside it,
    so outputs do not depend on where the project was cloned or the command was run. The path as
    given is tried before the resolved one, so a link inside ``base`` keeps its own name."""
    for candidate, against in ((path, base), (_resolved(path), _resolved(base))):
        if candidate.is_relative_to(against):
            return candidate.relative_to(against).as_posix()
    return path.as_posix()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return path


OUTPUT_MARKERS = ("tables.json", "index.html")  # left by a finished `extract` / `render`
_TABLE_FILES = {f"{table}.{kind}" for table in TABLES for kind in ("csv", "parquet")} | {"tables.json"}
_TEMPORARY = re.compile(r"\.(.+)\.\w+\.tmp")  # how the store names a file while it is being written


def check_output_dir(path: str | Path, *, force: bool = False) -> Path:
    """The resolved output folder, or a ``ValueError`` saying why writing there is refused.

    Outputs replace files by name, so a mistyped ``--out`` (a home folder, a folder of someone's
    spreadsheets) would overwrite or litter files that are not ours. Safe without asking: a new or
    empty folder, anything under build/ or reports/ (generated, never hand-made), and a folder that
    holds this tool's earlier output. data/ is raw input and is refused even with ``force``.
    Commands call this before their slow work, so a refusal costs nothing.
    """
    folder = resolve(path).resolve()
    if folder.is_relative_to(DATA_DIR.resolve()):
        raise ValueError(f"{folder} is inside {DATA_DIR}, which holds the raw articles and is never written; "
                         "write under build/ or reports/ instead")
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder")
    if not (force or _free_to_write(folder)):
        raise ValueError(f"{folder} is not empty and holds no earlier output of this tool "
                         f"({' or '.join(OUTPUT_MARKERS)}); choose a new or empty folder, or one under "
                         "build/ or reports/, or pass --force (force=True) to write there anyway")
    return folder


def prepare_output_dir(path: str | Path, *, force: bool = False) -> Path:
    """Create the output folder once ``check_output_dir`` accepts it, and return it."""
    folder = check_output_dir(path, force=force)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_to_write(folder: Path) -> bool:
    if not folder.exists() or any(folder.is_relative_to(ours.resolve()) for ours in (BUILD_DIR, REPORTS_DIR)):
        return True
    names = {entry.name for entry in folder.iterdir()}
    return not names.isdisjoint(OUTPUT_MARKERS) or all(is_table_file(name) for name in names)


def is_table_file(name: str) -> bool:
    """A table or a temporary file of one: all an interrupted extract leaves, and re-running it
    must not need ``--force``."""
    temporary = _TEMPORARY.fullmatch(name)
    return (temporary.group(1) if temporary else name) in _TABLE_FILES


def holds_tables(folder: Path) -> bool:
    """Whether a folder is (or was meant to be) an ``extract`` output: any table file in it. Such
    a folder is read as tables, never as articles."""
    return folder.is_dir() and any(is_table_file(entry.name) for entry in folder.iterdir())
