"""Export-policy analyst workbook: news articles in, tables of who said and did what out.

Start with ``load_workbook("data/articles")``; every table is a pandas DataFrame on the result.
The subpackages are the flow, in order: ``corpus`` (files to text, paragraphs, sentences),
``registries`` (the data/*.yml knowledge), ``extract`` (actors, quotes, events, dates, timeline,
stances), ``workbook`` (build, cache, store, corrections), ``notebook`` (what the notebooks call);
``cli``, ``render`` and ``export`` are the faces.
"""
from analysis.workbook import Workbook, build_workbook, load_workbook

__all__ = ["Workbook", "build_workbook", "load_workbook"]
