"""Collect the committed notebooks as nbval tests when pytest runs on this folder (``make test``).

nbval is switched on here rather than with ``addopts = "--nbval"`` in pyproject.toml because
``make test-fast`` disables the plugin (``-p no:nbval``), and pytest rejects an option of a
disabled plugin. Each notebook is re-executed in this environment's kernel and every output is
compared with the committed one, after the rules in tests/nbval_sanitize.cfg.
"""
from __future__ import annotations

import pytest

from analysis.paths import ROOT

SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config.option, "nbval"):  # the plugin is disabled (-p no:nbval)
        return
    config.option.nbval = True
    config.option.nbval_current_env = True
    config.option.nbval_sanitize_with = str(SANITIZE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
