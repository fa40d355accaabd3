"""When an event happened, from the words of its own sentence, in this order:

1. a date in the event's own clause ("suspended exports in 2019"); a date inside what the event
   acts on is that thing's ("lifted its 2019 ban" dates the ban, not the lifting);
2. the date of the reporting clause of the same sentence ("..., the minister said on Monday"),
   when the event is what was announced, not something told as earlier ("said it had suspended");
3. the one date of the sentence that modifies a verb, when the parse ties it to no verb of the
   event's (never a date inside a noun phrase: "its 2019 ban");
4. the dateline's date ("HELSINKI, Jan 25 (Reuters) -");
5. the publication day, with precision ``unknown``: the text gives no date, and news reports what
   happened up to the day it was published.

A clause in the future tense reads a weekday or a month forward ("will halt exports on Monday").
``date_source`` on the row says which of these decided.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from analysis.extract.dates import TimeExpression, toward_future
from analysis.extract.events.modality import SPEAKING, governors, is_future
from analysis.extract.nlp import token_at

DATE_CLIMB = ("pobj", "prep", "npadvmod", "nummod", "compound", "amod", "nmod", "det", "quantmod", "advmod", "pcomp",
              "tmod", "appos", "cc", "conj", "punct")
OWN, REPORTING, SENTENCE = "own clause", "reporting clause", "sentence"
DATELINE, PUBLICATION = "dateline", "publication day"


def event_date(trigger: Span, dates: list[TimeExpression], dateline: TimeExpression | None,
               published: dt.date | None) -> tuple[TimeExpression | None, str | None]:
    """``(date, source)``; ``(None, None)`` when nothing dates the event."""
    future = is_future(trigger)
    own = _attached(trigger, dates, _own_heads(trigger))
    if own is not None:
        return (toward_future(own, published) if future else own), OWN
    speech = next((token for token in governors(trigger) if token.lemma_.lower() in SPEAKING), None)
    if speech is not None and not _told_as_earlier(trigger):
        reporting = _attached(trigger, dates, {speech.i})
        if reporting is not None:
            return reporting, REPORTING
    adverbial = _adverbial(trigger, dates)
    if adverbial is not None:
        return (toward_future(adverbial, published) if future else adverbial), SENTENCE
    if dateline is not None:
        return dateline, DATELINE
    if published is not None:
        return _publication_day(published), PUBLICATION
    return None, None


def _adverbial(trigger: Span, dates: list[TimeExpression]) -> TimeExpression | None:
    """The one date of the sentence that modifies a verb, when the parse ties it to no verb of the
    event's (a long sentence, a misplaced comma): a date inside a noun phrase ("its 2019 ban")
    names that thing and is never taken."""
    doc = trigger.doc
    verbal = [date for date in dates if (head := _attachment(doc, date)) is not None and head.pos_ in ("VERB", "AUX")
              and not _told_as_earlier_at(head)]
    return verbal[0] if len(verbal) == 1 else None


def _own_heads(trigger: Span) -> set[int]:
    """The trigger, and the verb whose object or complement it is ("ordered a halt", "decided to
    suspend"): a date attached to either is the event's."""
    root = trigger.root
    heads = {root.i}
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
        heads.add(root.head.i)
    if root.pos_ == "VERB" and root.dep_ in ("xcomp", "acl") and root.head.pos_ == "VERB":
        heads.add(root.head.i)
    return heads


def _attached(trigger: Span, dates: list[TimeExpression], heads: set[int]) -> TimeExpression | None:
    """The date nearest the trigger among those attached to one of ``heads``."""
    doc = trigger.doc
    own = [date for date in dates if (head := _attachment(doc, date)) is not None and head.i in heads]
    return min(own, key=lambda d: abs(d.start - trigger.start_char)) if own else None


def _attachment(doc, date: TimeExpression) -> Token | None:
    """The word a date phrase modifies: climbed from the phrase's last word through prepositions
    and the like until a word outside the phrase that is not a function word."""
    token = token_at(doc, max(date.start, date.end - 1), after=False)
    if token is None:
        return None
    for _ in range(8):
        inside = date.start <= token.idx < date.end
        if not inside and token.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
            return token
        if token.head.i == token.i or (not inside and token.dep_ not in DATE_CLIMB):
            return token.head if not inside else None
        token = token.head
    return None


def _told_as_earlier(trigger: Span) -> bool:
    """"said it had suspended exports": the event came before the statement that reports it."""
    return _told_as_earlier_at(trigger.root)


def _told_as_earlier_at(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lemma_ == "have" and child.tag_ == "VBD" for child in verb.children)


def _publication_day(published: dt.date) -> TimeExpression:
    day = published.isoformat()
    return TimeExpression("", 0, 0, "unknown", day, day, f"published {day}: the text gives no date", 0.0, 0.0, "rule")
