"""Export-policy events from the codebook: one row per event type a sentence reports, with who
enacted or alleged it, its scope, modality, date and, when the text states one, its cause.

A trigger counts only when the sentence also speaks of what the type is about (the codebook's
``needs``), so "a halt to the talks" is no export halt. One row per (sentence, type) keeps a
sentence that says "halt" twice from telling the same event twice.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from analysis.corpus.tables import index_at, trimmed
from analysis.extract.dates import TimeExpression, find_time_expressions
from analysis.extract.mentions import RELATIVE, SUBJECTS, Mentions, mention_at
from analysis.extract.methods import NO_ACTOR, confidence
from analysis.extract.nlp import pipeline, sentence_of
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook, EventType

_WORD = re.compile(r"[\w-]+")
METHOD = "rule:codebook"


@dataclass
class Found:
    """One event mention while the article is being read (before it becomes a row)."""
    event_type: EventType
    sentence: Span
    trigger: Span
    actor_id: str | None
    target: str | None
    scope: str | None
    modality: str
    date: TimeExpression | None
    cause: str | None = None
    cause_event: int | None = None


@cache
def _phrase_matcher(codebook: Codebook) -> PhraseMatcher:
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for event_type in codebook.event_types.values():
        if event_type.phrases:
            matcher.add(event_type.name, [nlp.make_doc(p) for p in event_type.phrases])
    return matcher


def find_events(text: str, doc: Doc, mentions: Mentions, codebook: Codebook, registry: Registry,
                published: dt.date | None) -> list[Found]:
    """Every event mention of one article, sentence by sentence, types in codebook order; dates
    resolve against ``published`` (the publication day, when known to the day)."""
    found: list[Found] = []
    phrases = _phrase_matcher(codebook)(doc)
    for sentence in doc.sents:
        lowered = text[sentence.start_char:sentence.end_char].lower()
        words = set(_WORD.findall(lowered))
        dates = find_time_expressions(text, sentence.start_char, sentence.end_char, published)
        first_in_sentence = len(found)
        for event_type in codebook.event_types.values():
            trigger = _trigger(sentence, event_type, phrases, doc)
            if trigger is None:
                continue
            anaphoric = trigger.start > 0 and doc[trigger.start - 1].lower_ in ("the", "this", "that") and any(
                e.event_type is event_type for e in found)
            if not (anaphoric or trigger.text.lower() in event_type.phrases or _needs_met(event_type, words, lowered)):
                continue
            actor = _actor(trigger, mentions)
            found.append(Found(
                event_type, sentence, trigger, actor,
                _target(text, sentence, trigger, mentions, registry, actor) if "target" in event_type.roles else None,
                _scope(text, trigger, codebook) if "scope" in event_type.roles and not anaphoric else None,
                _modality(trigger, event_type, codebook),
                _closest(dates, trigger)))
        _link_causes(text, sentence, found, first_in_sentence, codebook)
    return found


def _trigger(sentence: Span, event_type: EventType, phrases, doc: Doc) -> Span | None:
    for token in sentence:
        if token.lemma_.lower() in event_type.lemmas or token.lower_ in event_type.lemmas:
            return doc[token.i:token.i + 1]
    for match_id, start, end in phrases:
        if doc.vocab.strings[match_id] == event_type.name and sentence.start <= start and end <= sentence.end:
            return doc[start:end]
    return None


def _needs_met(event_type: EventType, words: set[str], lowered: str) -> bool:
    return not event_type.needs or any((need in words) if " " not in need else (need in lowered)
                                       for need in event_type.needs)


ARGUMENT = ("dobj", "nsubjpass", "nsubj", "attr", "appos", "conj", "compound", "xcomp", "ccomp", "advcl", "relcl",
            "acl")


def _actor(trigger: Span, mentions: Mentions) -> str | None:
    """Who enacted, announced or alleged: "an accusation from X", "X's declaration", else the
    nearest subject up the tree that names an actor ("Vučić announced a suspension", "He added
    that ... would be reserved"). A trigger inside a prepositional adjunct ("In response to the
    accusations, Vučić ...") does not take the clause's subject: Vučić did not accuse."""
    node = trigger.root.head if trigger.root.dep_ == "neg" else trigger.root  # "not a reaction"
    for _ in range(5):
        for child in node.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                source = next((c for c in child.children if c.dep_ == "pobj"), None)
                if source is not None and (mention := mention_at(mentions, source)):
                    return mention.actor_id
            if child.dep_ in ("poss", *SUBJECTS) and (mention := mention_at(mentions, child)):
                return mention.actor_id
            relative = child.dep_ in SUBJECTS and child.lower_ in RELATIVE and node.dep_ == "relcl"
            if relative and (mention := mention_at(mentions, node.head)):
                return mention.actor_id
        of_phrase = (node.dep_ == "pobj" and node.head.lower_ == "of") or (node.dep_ == "prep" and node.lower_ == "of")
        if not (node.dep_ in ARGUMENT or of_phrase) or node.head.i == node.i:
            return None
        node = node.head
    return None


def _target(text: str, sentence: Span, trigger: Span, mentions: Mentions, registry: Registry,
            actor: str | None) -> str | None:
    """The state or body the event is aimed at: the first one named, or pointed at by an adjective
    ("Serbian companies"), after the trigger, other than the actor's own side."""
    own = registry.side(actor)
    for token in sentence:
        if token.i < trigger.end:
            continue
        mention = mention_at(mentions, token)
        candidate = mention.actor_id if mention is not None and mention.type in ("state", "international_body") else (
            registry.demonym(text[token.idx:token.idx + len(token)]) if token.pos_ in ("ADJ", "PROPN") else None)
        if candidate is not None and registry.side(candidate) != own:
            return candidate
    return None


SCOPE_AFTER, SCOPE_BEFORE = 60, 90  # characters around the trigger where its scope is written


def _scope(text: str, trigger: Span, codebook: Codebook) -> str | None:
    """The most specific scope phrase near the trigger: after it ("a suspension of ammunition
    exports"), else just before it ("any export of arms ... would require the approval")."""
    sentence = sentence_of(trigger[0])
    after = text[trigger.start_char:min(sentence.end_char, trigger.end_char + SCOPE_AFTER)].lower()
    before = text[max(sentence.start_char, trigger.start_char - SCOPE_BEFORE):trigger.start_char].lower()
    for window in (after, before):
        for scope in codebook.scopes.values():
            if any(re.search(rf"\b{re.escape(phrase)}\b", window) for phrase in scope.phrases):
                return scope.name
    return None


def _governing_verb(trigger: Span) -> Token:
    """The verb whose object or complement the trigger is ("ordered a halt", "decided to suspend")."""
    root = trigger.root
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
        return root.head
    if root.pos_ == "VERB" and root.dep_ in ("xcomp", "acl") and root.head.pos_ == "VERB":
        return root.head
    return root


def _modality(trigger: Span, event_type: EventType, codebook: Codebook) -> str:
    verb = _governing_verb(trigger)
    if not event_type.negative and verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "neg" for c in verb.children):
        return "denied"
    return codebook.modalities.get(verb.lemma_.lower()) or codebook.modalities.get(
        trigger.root.lemma_.lower()) or event_type.modality


def _closest(dates: list[TimeExpression], trigger: Span) -> TimeExpression | None:
    """The date written in the trigger's own clause: "last Thursday" in "In an interview last
    Thursday, Vucic revealed ... that he had offered" dates the interview, not the offer."""
    verb = _governing_verb(trigger)
    doc = trigger.doc
    own = []
    for date in dates:
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is not None and (span.root.head.i == verb.i or verb in span.root.ancestors and not any(
                a.pos_ in ("VERB", "AUX") for a in span.root.ancestors if a.i != verb.i and verb in a.ancestors)):
            own.append(date)
    return min(own, key=lambda d: abs(d.start - trigger.start_char)) if own else None


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


def event_rows(article_id: str, text: str, found: list[Found], sentence_starts: list[int]) -> list[dict]:
    """Rows for the ``events`` table, the evidence being the whole sentence that tells the event."""
    rows = []
    for number, event in enumerate(found):
        start, end = trimmed(text, event.sentence.start_char, event.sentence.end_char)
        date = event.date
        cause = None
        if event.cause_event is not None:
            cause_event = found[event.cause_event]
            cause = f"{event.cause}: {cause_event.event_type.name} (event {event.cause_event})"
        rows.append({
            "article_id": article_id, "event_id": number,
            "sentence_id": index_at(sentence_starts, start),
            "event_type": event.event_type.name, "actor_id": event.actor_id, "target": event.target,
            "scope": event.scope, "modality": event.modality,
            "trigger": text[event.trigger.start_char:event.trigger.end_char],
            "trigger_start": event.trigger.start_char, "trigger_end": event.trigger.end_char,
            "evidence": text[start:end], "start": start, "end": end, "cause": cause,
            "cause_event_id": event.cause_event,
            "date_text": date.text if date else None, "date_start": date.date_start if date else None,
            "date_end": date.date_end if date else None,
            "date_precision": date.precision if date else "unknown",
            "date_anchor": date.anchor if date else None,
            "days_from": date.days_from if date else None, "days_to": date.days_to if date else None,
            "timeline_id": None,
            "confidence": confidence(METHOD) if event.actor_id else confidence(METHOD, NO_ACTOR), "method": METHOD,
        })
    return rows
