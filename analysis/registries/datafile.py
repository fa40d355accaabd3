"""Reading the human-edited YAML files under data/ (registry, codebook, cues) the same way:
a YAML error names the file, and a short content hash versions what was read."""
from __future__ import annotations

import hashlib
from pathlib import Path

from analysis.corpus.yamltext import YamlError, load_data_yaml


def read_data_file(path: Path, error: type[ValueError]) -> tuple[object, str]:
    """``(document, version)``; raises ``error`` with the file's name when it is not YAML."""
    text = path.read_text(encoding="utf-8")
    try:
        document = load_data_yaml(text) or {}
    except YamlError as problem:
        raise error(f"{path.name}: not valid YAML: {problem}") from None
    return document, hashlib.sha256(text.encode()).hexdigest()[:12]
