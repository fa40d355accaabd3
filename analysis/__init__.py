"""Export-policy analyst workbook: news articles in, tables of who said and did what out.

Start with ``load_workbook("data/articles")``; every table is a pandas DataFrame on the result.
"""
from analysis.workbook import Workbook, build_workbook, load_workbook

__all__ = ["Workbook", "build_workbook", "load_workbook"]
