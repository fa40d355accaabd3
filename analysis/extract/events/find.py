"""Export-policy events of one article: one row per event type a sentence tells, with who decided
it, whom it is aimed at, what it covers, its modality, its date and, when the text states one,
its cause."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache, partial

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from analysis.extract.datelines import Dateline
from analysis.extract.dates import find_time_expressions
from analysis.extract.events import roles
from analysis.extract.events.modality import modality
from analysis.extract.events.rows import Found
from analysis.extract.events.timing import (
    DATELINE,
    FROM_TEXT,
    PUBLICATION,
    RESTATED,
    Around,
    event_date,
    reporting_date,
    told_as_earlier,
)
from analysis.extract.events.triggers import Trigger, find_triggers, object_told_before
from analysis.extract.mentions import Mentions
from analysis.extract.nlp import pipeline, sentence_number, sentence_of, sentences, span_text, token_at
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook

REPEAT_MIN = 30     # characters: shorter sentences ("Read more.") may repeat by chance
ANAPHOR_REACH = 3   # sentences back "the move" may point
FALLBACK_REACH = 2  # sentences back an event with no actor of its own takes the previous event's


@cache
def _phrase_matcher(codebook: Codebook) -> PhraseMatcher:
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for event_type in codebook.event_types.values():
        if event_type.phrases:
            matcher.add(event_type.name, [nlp.make_doc(p) for p in event_type.phrases])
    for phrase in codebook.anaphors:
        matcher.add(f"anaphor|{phrase}", [nlp.make_doc(phrase)])
    return matcher


def find_events(text: str, doc: Doc, mentions: Mentions, codebook: Codebook, registry: Registry,
                published: dt.date | None, dateline: Dateline | None = None,
                quotations: tuple[tuple[int, int, int], ...] = ()) -> list[Found]:
    """Every event mention of one article, sentence by sentence, in text order; dates resolve
    against ``published`` (the publication day, when known to the day) and the dateline's date.
    ``quotations`` are ``(start, end, cue_start)`` of the article's attributed quotations: an event
    told inside one is dated by the clause that reports it."""
    matches = [(doc.vocab.strings[match_id], start, end) for match_id, start, end in _phrase_matcher(codebook)(doc)]
    report_day = cache(partial(_dateline_date, text, dateline, published))  # read once, where an event is told
    found: list[Found] = []
    previous: Span | None = None
    seen: set[str] = set()
    for sentence in sentences(doc):
        if _printed_again(sentence, seen):
            continue
        first_in_sentence = len(found)
        told = {event.event_type.name for event in found}
        triggers = find_triggers(sentence, codebook, matches, told) + _anaphors(sentence, matches, found, codebook)
        dates = _sentence_dates(text, sentence, published) if triggers else []
        asks = [object_told_before(trigger) for trigger in triggers]  # of the sentence before: read once, if asked
        before = tuple(_sentence_dates(text, previous, published)) if any(asks) else ()
        for trigger, asked in zip(triggers, asks):
            around = Around(published, report_day(), _quotation_date(text, trigger.span, quotations, published),
                            before if asked else ())
            found.append(_event(text, sentence, trigger, dates, mentions, codebook, registry, around, found))
        _link_causes(text, sentence, found, first_in_sentence, codebook)
        previous = sentence
    _give_the_article_actor(found, _protagonist(found, mentions, registry), text, mentions, registry, codebook)
    _date_restatements(found, registry)
    return found


def _sentence_dates(text: str, sentence: Span | None, published: dt.date | None) -> list:
    """The time expressions of ``sentence`` (none without one). Read only for the sentences that
    tell an event and the sentence before them: most sentences tell none, and reading every
    sentence's dates took about a tenth of the rules' time."""
    if sentence is None:
        return []
    return find_time_expressions(text, sentence.start_char, sentence.end_char, published)


def _printed_again(sentence: Span, seen: set[str]) -> bool:
    """A sentence the page prints again word for word (a headline repeated above the body) tells
    nothing new: its events are not counted twice."""
    words = " ".join(span_text(sentence).split()).lower()
    if len(words) < REPEAT_MIN or words not in seen:
        seen.add(words)
        return False
    return True


def _quotation_date(text: str, trigger: Span, quotations: tuple[tuple[int, int, int], ...],
                    published: dt.date | None):
    """The date of the clause reporting the quotation ``trigger`` stands in, if any."""
    for start, end, cue_start in quotations:
        if start <= trigger.start_char < end:
            cue = token_at(trigger.doc, cue_start)
            if cue is None:
                return None
            sentence = sentence_of(cue)
            return reporting_date(trigger.doc, cue_start,
                                  find_time_expressions(text, sentence.start_char, sentence.end_char, published))
    return None


def _date_restatements(found: list[Found], registry: Registry) -> None:
    """An event the text does not date takes the date of the nearest dated telling of the same
    measure in another sentence of the article (one sentence telling two measures dates each by its
    own words: "cancelled permits that were suspended last year"): the same family, decided by the
    same side, aimed at the same party; never an event told as earlier than the sentence ("Sweden
    had banned ...")."""
    dated = [event for event in found if event.date_source in FROM_TEXT]
    for event in found:
        if event.date_source not in (DATELINE, PUBLICATION) or event.actor_id is None:
            continue
        side = registry.side(event.actor_id)
        if told_as_earlier(event.trigger):
            continue
        same = [other for other in dated if other.event_type.family == event.event_type.family
                and other.sentence.start != event.sentence.start
                and registry.side(other.actor_id) == side
                and (other.target is None or event.target is None or other.target == event.target)]
        if same:
            nearest = min(same, key=lambda other: abs(other.trigger.start_char - event.trigger.start_char))
            event.date, event.date_source = nearest.date, RESTATED


def _event(text: str, sentence: Span, trigger: Trigger, dates, mentions: Mentions, codebook: Codebook,
           registry: Registry, around: Around, found: list[Found]) -> Found:
    event_type, span = trigger.event_type, trigger.span
    actor = next((a for words in (span, *trigger.others) if (a := roles.event_actor(words, mentions, registry))),
                 None)
    actor_from = "text"
    if actor is None and not event_type.guess_actor:
        actor = roles.document_author(span, mentions)
    if actor is None and trigger.refers_to is not None:
        actor, actor_from = found[trigger.refers_to].actor_id, "previous event"
    elif actor is None and event_type.guess_actor:
        unwanted = registry.side(roles.event_target(text, sentence, span, mentions, registry, None, codebook))
        actor, actor_from = _previous_actor(sentence, found, registry, unwanted), "previous event"
    if actor is None:
        actor_from = None
    date, source = event_date(span, dates, around)
    return Found(
        event_type, sentence, span, actor,
        roles.event_target(text, sentence, span, mentions, registry, actor, codebook)
        if "target" in event_type.roles else None,
        roles.event_scope(text, span, sentence, codebook) if "scope" in event_type.roles
        and trigger.refers_to is None else None,
        modality(span, event_type, codebook), date, source,
        roles.quantity(sentence), roles.duration(sentence), actor_from)


def _previous_actor(sentence: Span, found: list[Found], registry: Registry, unwanted: str | None) -> str | None:
    """No actor in the sentence: the one of an event told in the sentences just before (a
    paragraph goes on about one decision), unless it is whom this event is aimed at."""
    recent = next((event for event in reversed(found) if event.actor_id is not None), None)
    if recent is not None and _sentences_apart(recent.sentence, sentence) <= FALLBACK_REACH:
        return recent.actor_id if registry.side(recent.actor_id) != unwanted else None
    return None


def _give_the_article_actor(found: list[Found], protagonist: str | None, text: str, mentions: Mentions,
                            registry: Registry, codebook: Codebook) -> None:
    """An event still without an actor, whose type lets it be guessed, takes the state the
    article is about, unless it is aimed at that state."""
    if protagonist is None:
        return
    for event in found:
        if event.actor_id is None and event.event_type.guess_actor and event.target != protagonist:
            event.actor_id, event.actor_from = protagonist, "article"
            event.target = roles.event_target(text, event.sentence, event.trigger, mentions, registry, protagonist,
                                              codebook) \
                if "target" in event.event_type.roles else None


def _sentences_apart(earlier: Span, later: Span) -> int:
    """How many sentences after ``earlier`` ``later`` is (0: the same sentence)."""
    return sentence_number(later) - sentence_number(earlier)


def _protagonist(found: list[Found], mentions: Mentions, registry: Registry) -> str | None:
    """The state the article is about: the one whose side decides most of the events the text
    gives an actor, else the one named most often as a subject, else most often; the earlier on a
    tie."""
    decided = [(registry.side(e.actor_id), e.trigger.start_char) for e in found if e.actor_from == "text"]
    sides = [(registry.side(m.actor_id), m) for m in mentions]
    named = [(side, m) for side, m in sides if side in registry.by_id and registry.by_id[side].type == "state"]
    for pool in ([*decided], [(side, m.start) for side, m in named if m.is_subject],
                 [(side, m.start) for side, m in named]):
        pool = [(side, start) for side, start in pool if side in registry.by_id
                and registry.by_id[side].type == "state"]
        counts = Counter(side for side, _ in pool)
        first: dict[str, int] = {}
        for side, start in pool:
            first.setdefault(side, start)
        if counts:
            return min(counts, key=lambda side: (-counts[side], first[side]))
    return None


def _anaphors(sentence: Span, matches: list[tuple[str, int, int]], found: list[Found],
              codebook: Codebook) -> list[Trigger]:
    """"The move follows ...": the latest measure of a family the phrase can name, told in the
    close sentences before, again."""
    doc = sentence.doc
    for name, start, end in matches:
        if not name.startswith("anaphor|") or not (sentence.start <= start and end <= sentence.end):
            continue
        families = codebook.anaphors[name.split("|", 1)[1]]
        earlier = [event for event in found if 0 < _sentences_apart(event.sentence, sentence) <= ANAPHOR_REACH
                   and event.event_type.family in families]
        if earlier:
            latest = [event for event in earlier if event.sentence.start == earlier[-1].sentence.start]
            first = min(latest, key=lambda event: event.trigger.start)
            return [Trigger(first.event_type, doc[start:end], "phrase", refers_to=found.index(first))]
    return []


def _dateline_date(text: str, dateline: Dateline | None, published: dt.date | None):
    if dateline is None or dateline.date is None:
        return None
    found = find_time_expressions(text, *dateline.date, published)
    return found[0] if found else None


def _link_causes(text: str, sentence: Span, found: list[Found], first: int, codebook: Codebook) -> None:
    """"In reaction, ..." ties this sentence's events to the last event told before it; "The move
    follows an accusation" ties the move to the event of a cause type (codebook) in the same
    sentence."""
    here = found[first:]
    if not here:  # most sentences tell no event: nothing to tie
        return
    lowered = text[sentence.start_char:sentence.end_char].lower()
    opener = next((c for c in codebook.cause_openers if lowered.startswith(c + ",")), None)
    if opener and first > 0:
        for event in here:
            event.cause, event.cause_event = opener, first - 1
        return
    link = next((c for c in codebook.cause_links if re.search(rf"\b{c}\b", lowered)), None)
    causes = [first + i for i, e in enumerate(here) if e.event_type.name in codebook.cause_types]
    if link and causes:
        for event in here:
            if event.event_type.name not in codebook.cause_types:
                event.cause, event.cause_event = link, causes[0]
