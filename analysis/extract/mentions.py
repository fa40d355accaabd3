"""An actor mention: where in the text an actor is named or referred to, and how it was found.

Every extractor maps the parser's tokens onto actors through these, so they live apart from the
rules that find them (``actors``) and resolve them (``coreference``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = {"that", "which", "who", "whom", "what"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor_id: str
    name: str
    method: str       # registry | model | surname | repeat | acronym | pronoun | role
    type: str         # person | organization | state | international_body
    sentence_id: int
    is_subject: bool = False


class Mentions(tuple):
    """One article's mentions in text order, looked up by character with a binary search: every
    rule asks "who is this word?", and a scan of all mentions per word would cost the article's
    length times its mentions."""

    def __new__(cls, mentions=()):
        return super().__new__(cls, sorted(mentions, key=lambda m: (m.start, m.end)))

    def __init__(self, mentions=()) -> None:
        self._starts = [m.start for m in self]
        self._reach = list(accumulate((m.end for m in self), max))  # the furthest end up to each one

    def at(self, position: int) -> Mention | None:
        """The first mention (in text order) covering ``position``."""
        found = None
        index = bisect_right(self._starts, position) - 1
        while index >= 0 and self._reach[index] > position:
            if position < self[index].end:
                found = self[index]
            index -= 1
        return found

    def __add__(self, other) -> Mentions:
        return Mentions([*self, *other])


def mention_at(mentions: Mentions, token: Token) -> Mention | None:
    """The mention covering a token, if any (extractors map parse tokens onto actors with it)."""
    return mentions.at(token.idx)


def places(mentions: Iterable[Mention]) -> frozenset[str]:
    """Actors the model labels a place more often than a person, among the names (not pronouns):
    the mention of a town labelled a person ("... and Clayburn became his home") is a slip the
    article's other mentions of the town outvote, and no he/she means it."""
    labels: dict[str, Counter] = {}
    for mention in mentions:
        if mention.method not in ("pronoun", "role"):
            labels.setdefault(mention.actor_id, Counter())[mention.type] += 1
    return frozenset(actor_id for actor_id, counted in labels.items() if counted["state"] > counted["person"])


def is_subject(span: Span) -> bool:
    """The subject, a name in apposition to it ("Lund's deputy, Maja Berg, is due to sign ..."), the
    one a "there is" introduces ("Then there's Kowalczyk."), the topic a sentence opens with ("As
    for Lund, he said ...": the "he" is Lund), or a name before a verb the tagger misread."""
    root = span.root
    return root.dep_ in SUBJECTS or root.dep_ == "appos" and root.head.dep_ in SUBJECTS \
        or root.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.children) \
        or _opening_topic(root) or before_misread_verb(root)


def before_misread_verb(token: Token) -> bool:
    """A name the small tagger ran into the verb right after it, which it took for a noun and made
    the sentence's root ("Ruth Adler waves to the crowd", "Ivanka Trump strode across the stage"):
    the name is that verb's subject, not a word naming a thing."""
    verb = token.head
    return token.dep_ == "compound" and verb.i == token.i + 1 and verb.dep_ == "ROOT" and verb.pos_ == "NOUN"


def subject_misread(apposed: Token) -> bool:
    """"In a letter to Ola Dahl, the committee chairman wrote": the parser set the sentence's
    subject in apposition to the name before it, after a comma; the verb right after the phrase,
    with no comma to close it, shows it is not who Dahl is. "The news agency Reuters published" is
    one phrase, and its subject; "the questions, the ones about her server, believing" is an
    apposition."""
    doc, opening, last = apposed.doc, apposed.left_edge.i - 1, apposed.right_edge
    return (opening >= 0 and doc[opening].text == "," and not last.is_punct and last.i + 1 < len(doc)
            and doc[last.i + 1].pos_ in ("VERB", "AUX"))


def appositions(root: Token) -> list[Token]:
    """The nouns a name stands in apposition with, which say who it is ("Violet Amiri, an Iranian
    journalist"; "the governor, Jan Brewer"); not one "whose" owns ("Dorothy Lund, whose husband,
    ..."): that is someone else, a relative. The word ``root`` is apposed to counts only where an
    apposition a comma opens is closed as one is ("Dahl, now the committee chair, who said";
    "the lawyer Anna Lind"): "Lund, a senior aide said, '...'" is the aide speaking of Lund,
    whatever the parser makes of it; nor the sentence's subject the parser took for an apposition
    (``subject_misread``)."""
    apposed = [c for c in root.children if c.dep_ == "appos" and not any(w.lower_ == "whose" for w in c.children)
               and not subject_misread(c)]
    doc, before, after = root.doc, root.left_edge.i - 1, root.right_edge.i + 1
    set_off = before < 0 or doc[before].text != "," or after == len(doc) or doc[after].is_punct
    return apposed + ([root.head] if root.dep_ == "appos" and set_off else [])


def _opening_topic(token: Token) -> bool:
    """``token`` is X of "As for X" or "As to X" at the start of its sentence."""
    preposition, opener = token.head, token.head.head
    return (token.dep_ == "pobj" and preposition.lower_ in ("for", "to") and opener.lower_ == "as"
            and opener.i == opener.sent.start)


class Spans:
    """Character spans kept for overlap questions: an article asks once per candidate mention or
    reported clause, so each answer is a binary search over the spans, not a scan of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any of the spans."""
        before = bisect_left(self.starts, end)
        return before > 0 and self._reach[before - 1] > start
