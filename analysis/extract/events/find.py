"""Export-policy events of one article: one row per event type a sentence tells, with who decided
it, whom it is aimed at, what it covers, its modality, its date and, when the text states one,
its cause."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from analysis.extract.datelines import Dateline
from analysis.extract.dates import find_time_expressions
from analysis.extract.events import roles
from analysis.extract.events.modality import modality
from analysis.extract.events.rows import Found
from analysis.extract.events.timing import event_date
from analysis.extract.events.triggers import Trigger, find_triggers
from analysis.extract.mentions import Mentions
from analysis.extract.nlp import pipeline
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook

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
                published: dt.date | None, dateline: Dateline | None = None) -> list[Found]:
    """Every event mention of one article, sentence by sentence, in text order; dates resolve
    against ``published`` (the publication day, when known to the day) and the dateline's date."""
    matches = [(doc.vocab.strings[match_id], start, end) for match_id, start, end in _phrase_matcher(codebook)(doc)]
    report_day = _dateline_date(text, dateline, published)
    protagonist = _protagonist(mentions, registry)
    found: list[Found] = []
    for sentence in doc.sents:
        dates = find_time_expressions(text, sentence.start_char, sentence.end_char, published)
        first_in_sentence = len(found)
        told = {event.event_type.name for event in found}
        triggers = find_triggers(sentence, codebook, matches, told) + _anaphors(sentence, matches, found, codebook)
        for trigger in triggers:
            found.append(_event(text, sentence, trigger, dates, mentions, codebook, registry, published, report_day,
                                found, protagonist))
        _link_causes(text, sentence, found, first_in_sentence, codebook)
    return found


def _event(text: str, sentence: Span, trigger: Trigger, dates, mentions: Mentions, codebook: Codebook,
           registry: Registry, published: dt.date | None, report_day, found: list[Found],
           protagonist: str | None) -> Found:
    event_type, span = trigger.event_type, trigger.span
    named = roles.event_actor(span, mentions, registry)
    if named is not None:
        actor, actor_from = named, "text"
    elif trigger.refers_to is not None:
        actor, actor_from = found[trigger.refers_to].actor_id, "previous event"
    else:
        actor, actor_from = _fallback_actor(sentence, found, protagonist)
    date, source = event_date(span, dates, report_day, published)
    return Found(
        event_type, sentence, span, actor,
        roles.event_target(text, sentence, span, mentions, registry, actor) if "target" in event_type.roles else None,
        roles.event_scope(text, span, sentence, codebook) if "scope" in event_type.roles
        and trigger.refers_to is None else None,
        modality(span, event_type, codebook), date, source,
        roles.quantity(sentence), roles.duration(sentence), actor_from)


def _fallback_actor(sentence: Span, found: list[Found], protagonist: str | None) -> tuple[str | None, str | None]:
    """No actor in the sentence: the one of an event told in the sentences just before (a
    paragraph goes on about one decision), else the state the article is about."""
    recent = next((event for event in reversed(found) if event.actor_id is not None), None)
    if recent is not None and _sentences_apart(recent.sentence, sentence) <= FALLBACK_REACH:
        return recent.actor_id, "previous event"
    return (protagonist, "article") if protagonist is not None else (None, None)


def _sentences_apart(earlier: Span, later: Span) -> int:
    """How many sentences after ``earlier`` ``later`` is (0: the same sentence)."""
    numbers = earlier.doc.user_data.get("sentence_numbers")
    if numbers is None:
        numbers = earlier.doc.user_data["sentence_numbers"] = {s.start: n for n, s in enumerate(earlier.doc.sents)}
    return numbers[later.start] - numbers[earlier.start]


def _protagonist(mentions: Mentions, registry: Registry) -> str | None:
    """The state the article is about: the one named most often as a subject, else the one named
    most often, the earlier on a tie."""
    sides = [(registry.side(m.actor_id), m) for m in mentions]
    states = [(side, m) for side, m in sides if side in registry.by_id and registry.by_id[side].type == "state"]
    for pool in ([(side, m) for side, m in states if m.is_subject], states):
        counts = Counter(side for side, _ in pool)
        first = {}
        for side, mention in pool:
            first.setdefault(side, mention.start)
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
    lowered = text[sentence.start_char:sentence.end_char].lower()
    here = found[first:]
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
