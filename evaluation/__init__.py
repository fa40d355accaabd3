"""Measuring the workbook, outside the product package: tests and benchmarks import it, the
workbook never does. ``gold`` scores against the hand-made gold in tests/ (bundled articles and
fixtures); ``brat``, ``sources`` and ``polnear`` read PolNeAR's annotations as gold, and
``attribution`` scores the quotes table against it by the corpus README's rules."""
