"""``python -m analysis``: the command line behind ``make report`` and batch use.

Exit codes: 0 when the run finished (problems, if any, are rows in ``problems``), 1 when nothing
could be read or written, or when ``--strict`` met a problem, always with a one-line reason.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import ARTICLES_DIR, TABLES_DIR, resolve
from analysis.reader import DEFAULT_MAX_MB
from analysis.store import write_tables
from analysis.workbook import StrictModeError, build_workbook


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (StrictModeError, FileNotFoundError, NotADirectoryError, PermissionError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract", help="read articles and write every table as CSV and parquet",
        description="Read every article under DATA_DIR (.txt/.md with optional front matter, .jsonl, "
                    ".html) and write each table as DIR/<table>.csv and DIR/<table>.parquet.")
    extract.add_argument("data_dir", nargs="?", default=str(ARTICLES_DIR), metavar="DATA_DIR",
                         help="folder (or single file) of articles (default: data/articles)")
    extract.add_argument("--out", default=str(TABLES_DIR), metavar="DIR",
                         help="output folder for the tables (default: build/tables)")
    extract.add_argument("--strict", action="store_true",
                         help="stop with an error at the first problem instead of recording it")
    extract.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, metavar="MB",
                         help=f"skip (or, with --strict, fail on) files larger than this (default: {DEFAULT_MAX_MB:g})")
    extract.set_defaults(run=run_extract)
    return parser


def run_extract(args: argparse.Namespace) -> int:
    workbook = build_workbook(args.data_dir, strict=args.strict, max_mb=args.max_mb,
                              progress=sys.stderr.isatty())
    if workbook.articles.empty:
        reasons = "; ".join(f"{row.path}: {row.problem}" for row in workbook.problems.head(3).itertuples())
        print(f"error: no article could be read from {args.data_dir}" + (f" ({reasons})" if reasons else ""),
              file=sys.stderr)
        return 1
    out = resolve(args.out)
    try:
        write_tables(workbook.tables(), out)
    except OSError as error:
        print(f"error: cannot write tables to {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(table)} {name}" for name, table in workbook.tables().items())
    print(f"wrote {counts} to {_shown(out)}")
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
