"""A Hypothesis strategy for text shaped like the news the workbook reads, and the ways it goes
wrong: names with diacritics and in Cyrillic, every kind of quote mark, a colon with or without a
space before it (French and Serbian typography), dashes, speech verbs on either side of a quote,
trailing spaces, paragraphs of one very long line, Windows line ends."""
from __future__ import annotations

from hypothesis import strategies as st

NAMES = ["Aleksandar Vučić", "Vučić", "Vucic", "Вучић", "Marija Zaharova", "Захарова", "Ine Eriksen Søreide",
         "Åsa Lindström", "Jürgen Müller", "Pedro Sánchez", "José Manuel Albares", "Yoko Kamikawa",
         "the minister", "the ministry", "officials", "she", "he", "they", "The government", "NATO", "SVR"]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "announced", "claimed", "wrote", "reads",
         "says", "had told", "was quoted as saying"]
WORDS = ["the", "halt", "exports", "of", "arms", "ammunition", "to", "Ukraine", "Saudi Arabia", "licences",
         "suspended", "will", "not", "on", "Monday", "last", "week", "in", "late", "September", "2024", "a",
         "ban", "lifted", "according", "statement", "Belgrade", "«non»", "24,000", "😀", "re-export"]
OPENING = ["“", "\"", "«", "„", "‘", "'", "« ", "‹"]
CLOSING = ["”", "\"", "»", "“", "’", "'", " »", "›"]
PUNCTUATION = [". ", ", ", ": ", " : ", "; ", " — ", " – ", " - ", " ― ", "? ", "! ", "... ", " (", ") "]
BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", " \n", "  "]

phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
quote = st.builds(lambda o, words, c: f"{o}{words}{c}", st.sampled_from(OPENING), phrase, st.sampled_from(CLOSING))
clause = st.one_of(
    st.builds(lambda n, v, p, q: f"{n} {v}{p}{q}", st.sampled_from(NAMES), st.sampled_from(VERBS),
              st.sampled_from(PUNCTUATION), quote),
    st.builds(lambda q, p, v, n: f"{q}{p}{v} {n}", quote, st.sampled_from(PUNCTUATION), st.sampled_from(VERBS),
              st.sampled_from(NAMES)),
    st.builds(lambda n, p, q: f"{n}{p}{q}", st.sampled_from(NAMES), st.sampled_from([":", " :", " : ", ": "]), quote),
    phrase, quote,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=4),
)
paragraph = st.lists(st.tuples(clause, st.sampled_from(PUNCTUATION)), min_size=1, max_size=12).map(
    lambda parts: "".join(text + mark for text, mark in parts))
long_line = st.tuples(clause, st.integers(20, 120)).map(lambda pair: ", and ".join([pair[0]] * pair[1]))
article = st.builds(
    lambda paragraphs, breaks, tail: "".join(p + b for p, b in zip(paragraphs, breaks)) + tail,
    st.lists(st.one_of(paragraph, paragraph, paragraph, long_line), min_size=1, max_size=6),
    st.lists(st.sampled_from(BREAKS), min_size=6, max_size=6),
    st.sampled_from(["", " ", "\n", "  \n", "\r\n"]),
)
