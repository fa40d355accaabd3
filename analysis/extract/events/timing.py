"""When an event happened, from the words of its own sentence, in this order:

1. a date in the event's own clause ("suspended exports in 2019"); a date inside what the event
   acts on is that thing's ("lifted its 2019 ban" dates the ban, not the lifting);
2. the date of the reporting clause of the same sentence ("..., the minister said on Monday"),
   when the event is what was announced, not something told as earlier ("said it had suspended");
   for an event told inside a quotation, the date of the clause reporting the quotation, which may
   be sentences later ('"... we have stopped every delivery," the minister said on Sunday');
3. the one date of the sentence that modifies a verb, when the parse ties it to no verb of the
   event's and the event is not told as earlier than the sentence ("had offered"); never a date
   inside a noun phrase ("its 2019 ban") nor one of a clause describing a noun ("curbs imposed in
   2017 will be lifted");
4. when what the event acts on points back at the sentence before ("Lisbon asked Madrid for
   shells last year. Madrid refused the request."), that sentence's one verb-attached date;
5. the dateline's date ("HELSINKI, Jan 25 (Reuters) -");
6. the publication day, with precision ``unknown``: the text gives no date, and news reports what
   happened up to the day it was published.

Before 5 and 6, an event the article tells again takes the date of its dated telling (see
``find.py``): a lede dates the news, the restatements after it do not repeat the day.

A clause in the future tense reads a weekday or a month forward ("will halt exports on Monday").
A "since" date starts a period: it dates a halt ("a ban in force since 2017", "has not granted
permits since May"), never an act ("its first licence since 2017").
``date_source`` on the row says which of these decided.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from analysis.extract.dates import TimeExpression, toward_future
from analysis.extract.events.modality import SPEAKING, governors, is_future
from analysis.extract.events.triggers import MAKING
from analysis.extract.nlp import token_at

DATE_CLIMB = ("pobj", "prep", "npadvmod", "nummod", "compound", "amod", "nmod", "det", "quantmod", "advmod", "pcomp",
              "tmod", "appos", "cc", "conj", "punct")
OWN, REPORTING, QUOTATION, SENTENCE = "own clause", "reporting clause", "quotation's reporting clause", "sentence"
BEFORE, DATELINE, PUBLICATION, RESTATED = "sentence before", "dateline", "publication day", "another mention"
FROM_TEXT = (OWN, REPORTING, QUOTATION, SENTENCE, BEFORE)


@dataclass(frozen=True)
class Around:
    """What dates an event from outside its own sentence."""
    published: dt.date | None                 # the publication day, when known to the day
    dateline: TimeExpression | None = None    # the dateline's date
    quoted: TimeExpression | None = None      # the date of the clause reporting the quotation it stands in
    before: tuple[TimeExpression, ...] = ()   # the dates of the sentence before, when the event points back at it


def event_date(trigger: Span, dates: list[TimeExpression], around: Around) -> tuple[TimeExpression | None, str | None]:
    """``(date, source)``; ``(None, None)`` when nothing dates the event."""
    future, published = is_future(trigger), around.published
    if trigger.root.pos_ == "VERB" and not any(child.dep_ == "neg" for child in trigger.root.children):
        dates = [date for date in dates if not _since(date)]
    own = _attached(trigger, dates, _own_heads(trigger))
    if own is not None:
        return (toward_future(own, published) if future else own), OWN
    speech = next((token for token in governors(trigger) if token.lemma_.lower() in SPEAKING), None)
    if speech is not None and not told_as_earlier(trigger):
        reporting = _attached(trigger, dates, {speech.i})
        if reporting is not None:
            return reporting, REPORTING
    if around.quoted is not None and not told_as_earlier(trigger):
        return around.quoted, QUOTATION
    adverbial = _adverbial(trigger, dates) if not told_as_earlier(trigger) else None
    if adverbial is not None and _attachment(trigger.doc, adverbial).lemma_.lower() in SPEAKING:
        return adverbial, REPORTING  # the parse lost the tie to the speech verb: the day it was said
    if adverbial is not None:
        return (toward_future(adverbial, published) if future else adverbial), SENTENCE
    if (earlier := _adverbial(trigger, list(around.before))) is not None:
        return earlier, BEFORE
    if around.dateline is not None:
        return around.dateline, DATELINE
    if published is not None:
        return _publication_day(published), PUBLICATION
    return None, None


def _adverbial(trigger: Span, dates: list[TimeExpression]) -> TimeExpression | None:
    """The one date of the sentence that modifies a verb, when the parse ties it to no verb of the
    event's (a long sentence, a misplaced comma): a date inside a noun phrase ("its 2019 ban")
    names that thing and is never taken."""
    doc = trigger.doc
    verbal = [date for date in dates if (head := _attachment(doc, date)) is not None and head.pos_ in ("VERB", "AUX")
              and not _told_as_earlier_at(head) and not _describes_a_noun(head)]
    return verbal[0] if len(verbal) == 1 else None


def _describes_a_noun(verb: Token) -> bool:
    """A verb of a clause about a noun ("curbs imposed in 2017", "Serbia, which applied in
    2009 and gained candidate status in 2012, ...")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in ("relcl", "acl")


def _since(date: TimeExpression) -> bool:
    """"its first licence since 2017": a period's start, not the day of an act. A halt may be
    dated by it ("a ban in force since 2017", "has not granted permits since May"); an act not."""
    return date.text.lower().startswith("since")


def reporting_date(doc, cue_start: int, dates: list[TimeExpression]) -> TimeExpression | None:
    """The date of the verb that reports a quotation ("..., the ministry said in a statement on
    Tuesday"), from the dates of the verb's sentence."""
    cue = token_at(doc, cue_start)
    if cue is None:
        return None
    attached = [date for date in dates if (head := _attachment(doc, date)) is not None and _governor(head).i == cue.i]
    return attached[0] if attached else None


def _own_heads(trigger: Span) -> set[int]:
    """The trigger, the verb whose object or complement it is ("ordered a halt", "decided to
    suspend"), the noun it completes ("the declaration of willingness"), the clause that made it
    ("curbs introduced in 2017"), and a clause describing its subject's act ("the report, published on Thursday,
    alleged"): a date attached to any of them is the event's."""
    root = trigger.root
    heads = {root.i}
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
        heads.add(root.head.i)
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ == "pobj" and root.head.lower_ == "of" \
            and root.head.head.pos_ in ("NOUN", "PROPN"):
        heads.add(root.head.head.i)  # "the recent declaration of willingness to sell"
    if root.pos_ == "VERB" and root.dep_ in ("xcomp", "acl") and root.head.pos_ == "VERB":
        heads.add(root.head.i)
    if root.pos_ == "VERB":
        heads.update(clause.i for subject in root.children if subject.dep_ == "nsubj"
                     for clause in subject.children if clause.dep_ in ("acl", "relcl"))
    if root.pos_ in ("NOUN", "PROPN"):
        heads.update(clause.i for clause in root.children
                     if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in MAKING)
    return heads


def _attached(trigger: Span, dates: list[TimeExpression], heads: set[int]) -> TimeExpression | None:
    """The date nearest the trigger among those attached to one of ``heads``."""
    doc = trigger.doc
    own = [date for date in dates if (head := _attachment(doc, date)) is not None and _governor(head).i in heads]
    return min(own, key=lambda d: abs(d.start - trigger.start_char)) if own else None


def _governor(head: Token) -> Token:
    """The verb a date modifies through one noun: "said in an interview on Sunday" (the date hangs
    from "interview", the interview from "said"); else the word itself."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.dep_ == "prep" \
            and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head
    return head


def _attachment(doc, date: TimeExpression) -> Token | None:
    """The word a date phrase modifies: climbed from the phrase's last word through prepositions
    and the like until a word outside the phrase that is not a function word."""
    token = token_at(doc, max(date.start, date.end - 1), after=False)
    if token is None:
        return None
    for _ in range(8):
        inside = date.start <= token.idx < date.end
        if not inside and token.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
            if token.dep_ == "dobj" and any(c.dep_ == "npadvmod" and date.start <= c.idx < date.end
                                            for c in token.children):
                return token.head  # "halted sales Friday": the parser hangs the day on the object
            return token
        if token.head.i == token.i or (not inside and token.dep_ not in DATE_CLIMB):
            return token.head if not inside else None
        token = token.head
    return None


def told_as_earlier(trigger: Span) -> bool:
    """"said it had suspended exports": the event came before the statement that reports it."""
    return _told_as_earlier_at(trigger.root)


def _told_as_earlier_at(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lemma_ == "have" and child.tag_ == "VBD" for child in verb.children)


def _publication_day(published: dt.date) -> TimeExpression:
    day = published.isoformat()
    return TimeExpression("", 0, 0, "unknown", day, day, f"published {day}: the text gives no date", 0.0, 0.0, "rule")
