"""Where the per-article work runs: in this process, on every core of this machine, or spread
over a Dask cluster.

Only the per-article map (parse + extract one article's rows) is distributed; the cross-article
steps (actor names, timeline, stances) run afterwards on the gathered rows, so every engine gives
identical tables. Partitions keep corpus order, and each worker has the model once. The default,
``auto``, uses the cores: on two cores the whole extraction then runs faster than spaCy's bare
single-process ``nlp.pipe`` over the same texts (``benchmarks/throughput.py``).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

ENGINES = ("auto", "local", "cores", "dask")
ARTICLES_PER_PARTITION = 50
PARTITIONS_PER_CORE = 4  # small enough slices that both cores finish together, large enough to batch the parse


def cores() -> int:
    """The cores this process may use (a container's CPU set, not the host's count)."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def chosen(engine: str, n_items: int) -> str:
    """``auto``: every core of this machine when there is more than one and enough articles to
    share (forked workers cost a fraction of a second), else this process."""
    if engine != "auto":
        return engine
    return "cores" if cores() > 1 and n_items >= 2 * cores() else "local"


def run_partitions(work: Callable[[list], dict[str, pd.DataFrame]], items: list, engine: str,
                   scheduler: str | None = None, progress: bool = False) -> list[dict[str, pd.DataFrame]]:
    """``work`` over consecutive slices of ``items``, results in the slices' order (so every
    engine gives the same tables)."""
    from tqdm.auto import tqdm

    engine = chosen(engine, len(items))
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    size = ARTICLES_PER_PARTITION if engine != "cores" else max(
        1, min(ARTICLES_PER_PARTITION, -(-len(items) // (cores() * PARTITIONS_PER_CORE))))
    partitions = [items[i:i + size] for i in range(0, len(items), size)]
    if engine == "local" or not partitions:
        return [work(partition) for partition in tqdm(partitions, desc="extracting", unit="batch",
                                                       disable=not progress)]
    if engine == "cores":
        return _on_cores(work, partitions, progress)
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            return client.gather(client.map(work, partitions, pure=False))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        return client.gather(client.map(work, partitions, pure=False))


def _on_cores(work: Callable[[list], dict[str, pd.DataFrame]], partitions: list[list],
              progress: bool) -> list[dict[str, pd.DataFrame]]:
    """One forked worker per core: each inherits the parser the parent loaded, so no
    worker loads the model again; results come back in partition order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tqdm.auto import tqdm

    from analysis.extract.nlp import pipeline

    pipeline()  # loaded once here, shared with the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(cores(), len(partitions)), mp_context=context) as pool:
        return list(tqdm(pool.map(work, partitions), total=len(partitions), desc="extracting", unit="batch",
                         disable=not progress))
