"""Long measurements kept out of ``make test``: run each from the project root as a module,
``python -m benchmarks.accuracy`` (see benchmarks/README.md)."""
