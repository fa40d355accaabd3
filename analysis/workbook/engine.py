"""Where the per-article work runs: in this process, or spread over a Dask cluster.

Only the per-article map (parse + extract one article's rows) is distributed; the cross-article
steps (actor names, timeline, stances) run afterwards on the gathered rows, so both engines give
identical tables. Partitions keep corpus order, and each worker loads the model once.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

ENGINES = ("local", "dask")
ARTICLES_PER_PARTITION = 50


def run_partitions(work: Callable[[list], dict[str, pd.DataFrame]], items: list, engine: str,
                   scheduler: str | None = None, progress: bool = False) -> list[dict[str, pd.DataFrame]]:
    """``work`` over consecutive slices of ``items``, results in the slices' order."""
    from tqdm.auto import tqdm

    partitions = [items[i:i + ARTICLES_PER_PARTITION] for i in range(0, len(items), ARTICLES_PER_PARTITION)]
    if engine == "local" or not partitions:
        return [work(partition) for partition in tqdm(partitions, desc="extracting", unit="batch",
                                                       disable=not progress)]
    if engine != "dask":
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            return client.gather(client.map(work, partitions, pure=False))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        return client.gather(client.map(work, partitions, pure=False))
