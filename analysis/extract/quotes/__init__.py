"""Quotes and reported speech, with who said them, in four steps the workbook runs in order:
``marks`` pairs the quote marks and classifies each quote, ``rules`` finds each quote's speaker
(through ``speakers``, which maps a cue's subject onto an actor), ``reports`` finds content
attributed without quote marks, and ``rows`` numbers both into the ``quotes`` table. ``spans``
holds the shapes they pass along.
"""
