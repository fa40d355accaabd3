"""Temporal expressions in news text, resolved to intervals with a precision: ``patterns`` finds
them, ``calendar`` does the day arithmetic, ``expressions`` resolves them against a publication day
and compares them. The conventions are in ``expressions``' docstring."""
from analysis.extract.dates.expressions import TimeExpression, compare, find_time_expressions, toward_future

__all__ = ["TimeExpression", "compare", "find_time_expressions", "toward_future"]
