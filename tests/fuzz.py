"""``make fuzz``: the property tests with random, news-like examples, run after run, for a bounded
time; prints every failure Hypothesis found (with the input, shrunk) and a summary.

    .venv/bin/python -m tests.fuzz --minutes 30

Each run is pytest over the ``property`` tests with the ``fuzz`` profile (random examples, many
more than CI's fixed ones) and a new seed. A failure found here becomes an ``@example`` of its
test, so that CI checks it on every run from then on.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time

from analysis.paths import ROOT

_EXAMPLES = re.compile(r"(\d+) passing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to keep running (default: 30)")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    env = os.environ | {"HYPOTHESIS_PROFILE": "fuzz"}
    runs = examples = 0
    found: list[str] = []
    seeds = random.Random()
    while (left := deadline - time.monotonic()) > 10:
        seed = seeds.randrange(2**32)
        command = [sys.executable, "-m", "pytest", "-m", "property", "-p", "no:nbval", "-q", "-p", "no:cacheprovider",
                   "--hypothesis-seed", str(seed), "--hypothesis-show-statistics", "tests"]
        try:
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=left)
        except subprocess.TimeoutExpired as stopped:
            examples += sum(map(int, _EXAMPLES.findall(stopped.stdout.decode() if stopped.stdout else "")))
            break
        runs += 1
        examples += sum(map(int, _EXAMPLES.findall(result.stdout)))
        print(f"run {runs} (seed {seed}): {'ok' if result.returncode == 0 else 'FAILED'}", flush=True)
        if result.returncode != 0:
            found.append(f"seed {seed}:\n{result.stdout[-6000:]}")
    minutes = args.minutes - max(0.0, deadline - time.monotonic()) / 60
    print(f"\nfuzzed for {minutes:.1f} min: {runs} complete run(s), {examples:,} examples, "
          f"{len(found)} failing run(s)")
    for report in found:
        print(f"\n--- {report}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
