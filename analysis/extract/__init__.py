"""Stage 3: one article's parse to its rows, then the steps across articles.

Per article (cached, parallel): ``nlp`` parses once; ``actors`` finds the actor mentions and
``coreference`` resolves pronouns and descriptions; ``quotes`` pairs quote marks and finds each
speaker; ``quotes.reports`` finds reported speech without marks; ``events`` and ``dates`` read the
export-policy events. Across articles: actor names, ``timeline`` and ``stances``. How a row was
derived is its ``method``; ``methods`` holds the one table of rule confidences.
"""
