"""Events, dates, speakers and timeline merges on real arms-export news the rules were not written
for, scored by world-dev's ``score.py``.

    .venv/bin/python -m benchmarks.events [--set world-dev|devset] [--details]

``world-dev`` is ``../shared/world-dev`` (30 articles, ten countries; measurement only). ``devset``
is ``benchmarks/devset`` (30 more, gathered and annotated by reading for development). Each is
extracted afresh (no cache) into ``build/events-<set>`` and scored against its ``gold.json``; the
scorer prints the per-type table and the HEADLINE line.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from analysis.cli import main as analysis
from analysis.paths import BUILD_DIR, DEVSET_DIR, WORLD_DEV_DIR

SETS = {"world-dev": WORLD_DEV_DIR, "devset": DEVSET_DIR}
SCORER = WORLD_DEV_DIR / "score.py"


def evaluate(name: str, details: bool = False, out: Path | None = None) -> str:
    """Extract set ``name`` into ``out`` (``build/events-<set>`` by default) and return the
    scorer's report."""
    folder, out = SETS[name], out or BUILD_DIR / f"events-{name}"
    started = time.perf_counter()
    if analysis(["extract", str(folder / "articles"), "--out", str(out), "--no-cache"]) != 0:
        raise SystemExit(f"extraction of {folder / 'articles'} failed")
    seconds = time.perf_counter() - started
    command = [sys.executable, str(SCORER), str(out), "--gold", str(folder / "gold.json")]
    report = subprocess.run(command + (["--details"] if details else []), capture_output=True, text=True, check=True)
    return f"{name}: extracted in {seconds:.1f} s\n{report.stdout}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="world-dev")
    parser.add_argument("--details", action="store_true", help="every miss, alignment and unmatched event row")
    args = parser.parse_args()
    print(evaluate(args.set, args.details))


if __name__ == "__main__":
    main()
