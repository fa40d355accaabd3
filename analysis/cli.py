"""``python -m analysis``: the command line behind ``make report`` and batch use.

Exit codes: 0 when the run finished (problems, if any, are rows in ``problems``), 1 when nothing
could be read or written, or when ``--strict`` met a problem, always with a one-line reason.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from analysis.corpus.reader import DEFAULT_MAX_MB
from analysis.export import FORMATS, export_tables, neutral_left_out
from analysis.paths import (
    ARTICLES_DIR,
    BUILD_DIR,
    CACHE_DIR,
    CORRECTIONS_FILE,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    TABLES_DIR,
    check_output_dir,
    prepare_output_dir,
    resolve,
    shown,
)
from analysis.workbook import StrictModeError, build_workbook, load_workbook
from analysis.workbook.cache import Cache
from analysis.workbook.corrections import apply_corrections, load_corrections
from analysis.workbook.engine import ENGINES
from analysis.workbook.isolation import ARTICLE_SECONDS
from analysis.workbook.store import write_tables

YOUNG_OBJECTS = 50_000  # allocations between two collections of the youngest generation (Python's default: 700)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (StrictModeError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a missing folder, a read-only or full disk: one line, no traceback
        where = f": {error.filename}" if error.filename else ""
        print(f"error: {error.strerror or error}{where}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract", help="read articles and write every table as CSV and parquet",
        description="Read every article under DATA_DIR (.txt/.md with optional front matter, .jsonl, "
                    ".html) and write each table as DIR/<table>.csv and DIR/<table>.parquet.")
    _add_data_dir(extract)
    extract.add_argument("--out", default=str(TABLES_DIR), metavar="DIR",
                         help="output folder for the tables (default: build/tables)")
    extract.add_argument("--strict", action="store_true",
                         help="stop with an error at the first problem instead of recording it")
    extract.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, metavar="MB",
                         help=f"skip (or, with --strict, fail on) files larger than this (default: {DEFAULT_MAX_MB:g})")
    extract.add_argument("--engine", choices=ENGINES, default="auto",
                         help="where the per-article work runs: this process (local), one worker per core "
                              "(cores), or a Dask cluster (dask); default: auto, the cores when there are "
                              "two or more and enough articles")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: a scheduler address such as tcp://10.0.0.5:8786 "
                              "(default: a local cluster of two worker processes)")
    extract.add_argument("--no-cache", action="store_true",
                         help="extract every article again instead of reusing the cache")
    extract.add_argument("--cache-dir", default=str(CACHE_DIR), metavar="DIR",
                         help="where each article's rows are kept between runs (default: build/cache)")
    extract.add_argument("--article-seconds", type=float, default=ARTICLE_SECONDS, metavar="SECONDS",
                         help="leave out (as a problem) an article whose rules run longer than this; 0: no limit "
                              f"(default: {ARTICLE_SECONDS:g})")
    _add_force(extract)
    extract.set_defaults(run=run_extract)
    add_render_parser(commands)
    add_corrections_parser(commands)
    add_export_parser(commands)
    return parser


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", default=str(ARTICLES_DIR), metavar="DATA_DIR",
                        help="folder (or single file) of articles (default: data/articles)")


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="write into DIR even when it is outside build/ and reports/ and holds other files")


def run_extract(args: argparse.Namespace) -> int:
    out = check_output_dir(args.out, force=args.force)  # refuse before the slow part, create after it
    cache = None if args.no_cache else Cache(resolve(args.cache_dir))
    # What is loaded by now (the imported code of pandas, spaCy and ours) lives until exit: frozen,
    # the full collections of a long extraction stop walking it again (a third of their time).
    # The rules make and drop many small objects per article and keep few cycles: a young
    # generation of 50,000 instead of 700 collects ~100 times less often and costs no memory to speak of.
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS)
    workbook = build_workbook(args.data_dir, strict=args.strict, max_mb=args.max_mb, progress=sys.stderr.isatty(),
                              cache=cache, engine=args.engine, scheduler=args.scheduler,
                              article_seconds=args.article_seconds or None)
    if workbook.articles.empty:  # empty tables still say so in every report; --strict makes it an error
        reasons = "; ".join(f"{row.path}: {row.problem}" for row in workbook.problems.head(3).itertuples())
        print(f"warning: no article could be read from {args.data_dir}" + (f" ({reasons})" if reasons else "")
              + "; the tables are empty", file=sys.stderr)
    try:
        write_tables(workbook.tables(), prepare_output_dir(out, force=args.force), partitioned=args.engine == "dask")
    except OSError as error:
        print(f"error: cannot write tables to {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(table)} {name}" for name, table in workbook.tables().items())
    print(f"wrote {counts} to {_here(out)}")
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("analysis")
    except PackageNotFoundError:
        return "unknown (not installed: run make env)"


def notebook_parameters(folder: Path = NOTEBOOKS_DIR) -> str:
    """Each notebook with the lines of its parameters cell, for ``render --help``."""
    lines = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])),
                      "")
        lines += [f"  {path.stem}"] + [f"      {line}" for line in source.splitlines() if line.strip()]
    return "notebooks and their parameters (-p KEY VALUE):\n" + "\n".join(lines)


def add_render_parser(commands) -> None:
    render = commands.add_parser(
        "render", help="execute the notebooks and write them as HTML reports",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=notebook_parameters(),
        description="Execute every notebook in notebooks/ (or one) with papermill from the project root and "
                    "write NAME.html and the executed NAME.ipynb for each, plus index.html, into DIR. All or "
                    "nothing: DIR is replaced only when every notebook rendered. A failing cell fails the command, "
                    "naming the notebook and its code cell; the partly executed notebook is kept under "
                    "build/render-failed/.")
    render.add_argument("--notebook", metavar="NAME", help="only this notebook: 02, 02_actors or 02_actors.ipynb")
    render.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("KEY", "VALUE"),
                        help="override a notebook parameter; repeatable. JSON values (0.5, null, [\"a\", \"b\"]) "
                             "are parsed, anything else is text")
    render.add_argument("--out", default=str(REPORTS_DIR), metavar="DIR", help="output folder (default: reports)")
    _add_force(render)
    render.add_argument("--in-place", action="store_true",
                        help="re-execute the notebooks in notebooks/ with their default parameters and save them "
                             "there without volatile metadata (what `make notebooks` does); no HTML")
    render.set_defaults(run=run_render)


def run_render(args: argparse.Namespace) -> int:
    from analysis import render  # papermill and nbconvert load slowly; `extract` does not need them

    started = time.perf_counter()
    try:
        paths = render.find_notebooks(args.notebook)
        if args.in_place:
            if args.parameter:
                raise render.RenderError("--in-place keeps the committed notebooks on their default parameters; "
                                         "drop -p, or render with --out")
            done = render.refresh(paths, progress=sys.stderr.isatty())
            where = "notebooks/ (in place)"
        else:
            parameters = {key: render.parse_value(value) for key, value in args.parameter}
            if render.FIGURES_PARAMETER in parameters:  # a folder the notebooks write into, like --out
                _checked(f"-p {render.FIGURES_PARAMETER}", parameters[render.FIGURES_PARAMETER], args.force)
            out = prepare_output_dir(args.out, force=args.force)
            done = render.render(paths, parameters, out, progress=sys.stderr.isatty())
            where = f"{_here(out)} (open {_here(out / 'index.html')})"
    except render.RenderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for item in done:
        print(f"{item.name}: {item.seconds:.1f} s")
        for warning in item.warnings:
            print(f"{item.name}: {warning}", file=sys.stderr)
    print(f"rendered {len(done)} notebook(s) in {time.perf_counter() - started:.1f} s to {where}")
    return 0


def add_corrections_parser(commands) -> None:
    corrections = commands.add_parser("corrections", help="work with the analyst corrections (data/corrections.yml)")
    actions = corrections.add_subparsers(required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", help="validate the corrections file and list entries that no longer apply",
        description="Validate the corrections file, extract DATA_DIR (reusing build/cache) and apply the entries "
                    "in order, printing each entry as ok or stale with the reason. Exit code 1 when the file is "
                    "invalid or an entry is stale.")
    _add_data_dir(check)
    check.add_argument("--file", default=str(CORRECTIONS_FILE), metavar="YAML",
                       help="the corrections file (default: data/corrections.yml)")
    check.set_defaults(run=run_corrections_check)


def run_corrections_check(args: argparse.Namespace) -> int:
    corrections = load_corrections(resolve(args.file))
    tables = build_workbook(args.data_dir, cache=Cache(CACHE_DIR), corrections_file=None).tables()
    problems = apply_corrections(tables, corrections)["problems"]
    stale = {path.split("#", 1)[1]: detail for path, problem, detail in problems.itertuples(index=False)
             if problem == "stale correction"}
    for correction in corrections:
        status = f"stale: {stale[correction.id]}" if correction.id in stale else "ok"
        print(f"{correction.id} ({correction.kind}): {status}")
    print(f"{len(corrections)} correction(s), {len(stale)} stale")
    return 1 if stale else 0


def add_export_parser(commands) -> None:
    export = commands.add_parser(
        "export", help="write the tables for other tools (csv, parquet, jsonl, or statements for DNA)",
        description="Write every table of SOURCE as DIR/<table>.<format>; with --format dna, the favor/against "
                    "stances as dna_statements.csv and the articles as dna_documents.csv for the Discourse Network "
                    "Analyzer (neutral stances are left out). Every row keeps its article_id and offsets.")
    export.add_argument("source", nargs="?", default=str(ARTICLES_DIR), metavar="DATA_DIR_OR_TABLES",
                        help="a folder of articles (extracted now) or an `extract` output folder "
                             "(default: data/articles)")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", metavar="DIR", help="output folder (default: build/export/FORMAT)")
    _add_force(export)
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    out = check_output_dir(args.out or BUILD_DIR / "export" / args.format, force=args.force)
    workbook = load_workbook(args.source)
    if workbook.articles.empty:
        print(f"error: no article could be read from {args.source}", file=sys.stderr)
        return 1
    written = export_tables(workbook.tables(), args.format, prepare_output_dir(out, force=args.force))
    if args.format == "dna":
        print(f"left out {neutral_left_out(workbook.tables())} neutral stance(s): DNA's agreement is yes or no")
    print(f"wrote {len(written)} file(s) to {_here(out)}")
    return 0


def _checked(option: str, folder: object, force: bool) -> None:
    """``check_output_dir`` for a folder given as something other than ``--out``, naming it."""
    try:
        check_output_dir(str(folder), force=force)
    except ValueError as error:
        raise ValueError(f"{option}: {error}") from None


def _here(path: Path) -> str:
    """A path relative to the working directory, as a user typing commands reads it."""
    return shown(path, Path.cwd())
