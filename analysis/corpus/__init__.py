"""Stage 1 of the flow: files on disk to normalized article text, and the three base tables.

``reader`` finds and reads the files (.txt, .md, .jsonl, .html), ``frontmatter`` their metadata,
``text`` decodes and normalizes with a map back to the raw characters, ``tables`` splits the text
into paragraphs and sentences. Nothing here knows about actors, quotes or events.
"""
