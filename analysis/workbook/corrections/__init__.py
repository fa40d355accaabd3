"""Analyst corrections (``data/corrections.yml``): ``entries`` validates, reads and appends them;
``apply`` re-applies them after every extraction, through the kinds in ``actors``, ``events`` and
``stances`` and the row lookups in ``rows``."""
from analysis.workbook.corrections.apply import apply_corrections
from analysis.workbook.corrections.entries import CorrectionError, add_correction, load_corrections, parse_corrections

__all__ = ["CorrectionError", "add_correction", "apply_corrections", "load_corrections", "parse_corrections"]
