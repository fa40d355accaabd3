"""Nothing lost when a run is killed or two runs overlap: outputs and the cache are whole sets, the
old one or the new one, and a second run waits for the first instead of interleaving with it.

Each case runs ``python -m analysis extract`` in a subprocess with one function of the workbook
wrapped to stop the process at an exact point (SIGKILL after the n-th call, or a pause until the
test says go), so the cases are deterministic: no test races a timer against the writes.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import ARTICLES_DIR, ROOT
from analysis.workbook.store import read_tables
from tests.conftest import VUCIC_ARTICLE

pytestmark = pytest.mark.slow
GOOD = ARTICLES_DIR / f"{VUCIC_ARTICLE}.txt"
KILL = "os.kill(os.getpid(), signal.SIGKILL)"
PAUSE = "wait_for_go()"


def run(args: list[str], *, wrap: str = "", where: str = "", after: int = 1, action: str = KILL,
        go: Path | None = None, background: bool = False):
    """``python -m analysis ARGS`` with ``where`` (``module:function``) wrapped: on its
    ``after``-th call, once the call returns, ``action`` happens (a kill, or a pause until the file
    ``go`` exists)."""
    module, function = where.split(":") if where else ("", "")
    code = textwrap.dedent(f"""
        import os, signal, sys, time, importlib
        def wait_for_go():
            print("paused", file=sys.stderr, flush=True)
            while not os.path.exists({str(go)!r}):
                time.sleep(0.05)
        if {bool(where)!r}:
            owner = importlib.import_module({module!r})
            *path, name = {function!r}.split(".")
            for part in path:
                owner = getattr(owner, part)
            real = getattr(owner, name)
            calls = 0
            def wrapped(*args, **kwargs):
                global calls
                result = real(*args, **kwargs)
                calls += 1
                if calls == {after}:
                    {action}
                return result
            setattr(owner, name, wrapped)
        {wrap}
        from analysis.cli import main
        sys.exit(main({["extract", *args]!r}))
    """)
    command = [sys.executable, "-c", code]
    if background:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture
def corpora(tmp_path) -> tuple[Path, Path]:
    """A one-article corpus and a bigger one."""
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    shutil.copy(GOOD, small / GOOD.name)
    for path in ARTICLES_DIR.glob("*.txt"):
        shutil.copy(path, big / path.name)
    for n in range(4):
        (big / f"update-{n}.txt").write_text(f"Update {n}: " + GOOD.read_text())
    return small, big


def counts(folder: Path) -> dict[str, int]:
    return {name: len(table) for name, table in read_tables(folder).items()}


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


@pytest.mark.parametrize("after", [1, 12, 22], ids=["first file", "half the files", "last file"])
def test_a_kill_while_writing_the_tables_leaves_the_old_set(tmp_path, corpora, after):
    small, big = corpora
    out = tmp_path / "out"
    assert run([str(small), "--out", str(out), "--no-cache"]).returncode == 0
    before = counts(out)
    killed = run([str(big), "--out", str(out), "--no-cache"], where="analysis.workbook.store:atomic_write", after=after)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert counts(out) == before  # the old set, whole
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert hidden(out)  # the killed run's staging folder, beside the output and hidden
    assert run([str(big), "--out", str(out), "--no-cache"]).returncode == 0
    assert counts(out)["articles"] == 6 and hidden(out) == []  # the new set; the abandoned folder removed


def test_a_kill_right_after_the_swap_leaves_the_new_set(tmp_path, corpora):
    small, big = corpora
    out = tmp_path / "out"
    assert run([str(small), "--out", str(out), "--no-cache"]).returncode == 0
    killed = run([str(big), "--out", str(out), "--no-cache"], where="analysis.workbook.store:_swap")
    assert killed.returncode == -signal.SIGKILL
    assert counts(out)["articles"] == 6


def test_a_kill_while_the_cache_is_written_never_loses_rows(tmp_path, corpora):
    """The issue's case: killed right after the cache replaced its first file, later cached runs
    lacked rows (31 sentences instead of 375) until --no-cache."""
    small, big = corpora
    cache = tmp_path / "cache"
    assert run([str(small), "--out", str(tmp_path / "a"), "--cache-dir", str(cache)]).returncode == 0
    killed = run([str(big), "--out", str(tmp_path / "b"), "--cache-dir", str(cache)],
                 where="analysis.workbook.cache:replace_folder")
    assert killed.returncode == -signal.SIGKILL
    assert run([str(big), "--out", str(tmp_path / "cached"), "--cache-dir", str(cache)]).returncode == 0
    assert run([str(big), "--out", str(tmp_path / "fresh"), "--no-cache"]).returncode == 0
    cached, fresh = read_tables(tmp_path / "cached"), read_tables(tmp_path / "fresh")
    for name in fresh:
        pd.testing.assert_frame_equal(cached[name], fresh[name], obj=name)


def test_a_kill_half_way_through_filling_the_cache_leaves_the_old_cache(tmp_path, corpora):
    small, big = corpora
    cache = tmp_path / "cache"
    assert run([str(small), "--out", str(tmp_path / "a"), "--cache-dir", str(cache)]).returncode == 0
    before = {path.name: path.read_bytes() for path in cache.iterdir()}
    wrap = textwrap.dedent("""
        import pandas, os, signal
        written = pandas.DataFrame.to_parquet
        def first_then_kill(self, path, *args, **kwargs):
            written(self, path, *args, **kwargs)
            if ".cache.staging-" in str(path):
                os.kill(os.getpid(), signal.SIGKILL)
        pandas.DataFrame.to_parquet = first_then_kill
    """).replace("\n", "\n        ")
    killed = run([str(big), "--out", str(tmp_path / "b"), "--cache-dir", str(cache)], wrap=wrap)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert {path.name: path.read_bytes() for path in cache.iterdir()} == before


def test_two_cached_runs_at_once_take_turns(tmp_path, corpora):
    """The first run holds the cache (paused after its lookup); the second says it waits and does;
    both end with the tables a fresh run gives, and the cache holds each article once."""
    small, big = corpora
    cache, go = tmp_path / "cache", tmp_path / "go"
    assert run([str(small), "--out", str(tmp_path / "a"), "--cache-dir", str(cache)]).returncode == 0
    first = run([str(big), "--out", str(tmp_path / "first"), "--cache-dir", str(cache)],
                where="analysis.workbook.cache:Cache.lookup", action=PAUSE, go=go, background=True)
    assert first.stderr.readline().strip() == "paused"
    second = run([str(big), "--out", str(tmp_path / "second"), "--cache-dir", str(cache)], background=True)
    waiting = second.stderr.readline()
    go.touch()
    assert waiting.startswith("waiting: another extract is using"), waiting
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    assert run([str(big), "--out", str(tmp_path / "fresh"), "--no-cache"]).returncode == 0
    fresh = read_tables(tmp_path / "fresh")
    for name in ("first", "second"):
        for table, rows in read_tables(tmp_path / name).items():
            pd.testing.assert_frame_equal(rows, fresh[table], obj=f"{name}: {table}")
    sentences = pd.read_parquet(cache / "sentences.parquet")
    assert not sentences.duplicated(["cache_key", "sentence_id"]).any()


def test_two_extracts_into_one_folder_leave_one_whole_set(tmp_path, corpora):
    """One run is paused with its tables written but not yet swapped in, a second writes another
    corpus into the same folder meanwhile; the folder ends as one run's set, every span valid."""
    small, big = corpora
    out, go = tmp_path / "out", tmp_path / "go"
    first = run([str(big), "--out", str(out), "--no-cache"], where="analysis.workbook.store:_write_files",
                action=PAUSE, go=go, background=True)
    assert first.stderr.readline().strip() == "paused"
    assert run([str(small), "--out", str(out), "--no-cache"]).returncode == 0
    assert counts(out)["articles"] == 1
    go.touch()
    assert first.wait(timeout=300) == 0
    assert counts(out)["articles"] == 6
    from analysis.workbook import load_workbook
    assert all(bad.empty for bad in load_workbook(out).span_violations().values())


def test_a_folder_of_tables_without_its_manifest_is_refused_not_read_as_articles(tmp_path, corpora):
    small, _ = corpora
    out = tmp_path / "out"
    assert run([str(small), "--out", str(out), "--no-cache"]).returncode == 0
    (out / "tables.json").unlink()
    from analysis.workbook import load_workbook
    from analysis.workbook.store import IncompleteTables
    with pytest.raises(IncompleteTables, match="not completely written"):
        load_workbook(out)
