"""Stage 4: the Workbook, every table of one corpus, and what keeps building it cheap and safe.

``build`` runs the flow and holds the ``Workbook``; ``extraction`` is the per-article map and the
cross-article steps (the only part that imports spaCy); ``engine`` runs the per-article work in
this process, on every core, or on a Dask cluster; ``cache`` keeps each article's rows between
runs; ``store`` writes and reads the tables atomically; ``corrections`` applies the analysts'
fixes last.
"""
from analysis.workbook.build import StrictModeError, Workbook, build_workbook, load_workbook

__all__ = ["StrictModeError", "Workbook", "build_workbook", "load_workbook"]
