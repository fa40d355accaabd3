"""Stage 2: the domain knowledge, kept as data under ``data/`` and validated when loaded.

One module per file: ``actors`` (data/actors.yml, the actor registry), ``codebook``
(data/codebook.yml, event types, scopes, causes, stance topics) and ``cues`` (data/cues.yml, the
words that attribute speech and stance). A typo in a file is an error naming the file and the entry,
never a silently empty table. The analysts' corrections are applied by ``analysis.workbook``.
"""
