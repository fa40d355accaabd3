"""Where a sentence tells an export-policy event: a trigger word of an event type, read with its
frame in the parse.

A trigger counts only with its frame: what it acts on (``objects``: "lifted its ban", not "lifted
spirits"), whether it is negated ("this is not an embargo" is no event, while "will not export
arms to X" is a halt: the type's ``negated`` verbs), and whether the sentence is about arms exports
at all (``needs``). A noun that a trigger verb acts on is that event's argument, not an event of
its own: the "ban" of "lifted its ban", the "licences" of "suspended new licences".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from analysis.registries.codebook import Codebook, EventType

_WORD = re.compile(r"[\w-]+")
ARGUMENTS = ("dobj", "nsubjpass", "attr", "oprd", "prep", "pobj", "xcomp", "ccomp", "acomp", "compound", "amod",
             "nmod", "dative", "npadvmod", "pcomp", "advcl", "acl", "conj", "appos", "poss", "nummod")
NEGATORS = frozenset({"not", "n't", "never", "no"})
MAKING = frozenset({"be", "have", "impose", "introduce", "announce", "order", "declare", "enact", "issue", "make",
                    "take", "put", "apply", "adopt", "implement", "decide", "plan", "approve", "grant", "agree"})


@dataclass(frozen=True)
class Trigger:
    event_type: EventType
    span: Span
    negated_frame: bool = False  # a ``negated`` verb: the negation is the event ("will not export")
    refers_to: int | None = None  # "the move": the number of the event of the article it tells again


def find_triggers(sentence: Span, codebook: Codebook, phrase_matches: list[tuple[str, int, int]],
                  told: set[str] = frozenset()) -> list[Trigger]:
    """Every event type the sentence tells, once each (its first trigger in the sentence that
    stands with its frame), nouns that are another trigger's argument left out. ``told`` are the
    types the article has told before: "the freeze" refers back to one and needs no arms words
    in its own sentence."""
    lowered = sentence.text.lower()
    words = set(_WORD.findall(lowered))
    candidates = [*_word_triggers(sentence, codebook), *_phrase_triggers(sentence, codebook, phrase_matches)]
    kept = [c for c in candidates if _stands(c, words, lowered, c.event_type.name in told and _definite(c))]
    kept = [c for c in kept if not _argument_of_another(c, kept)]
    chosen: dict[str, Trigger] = {}
    for trigger in sorted(kept, key=lambda t: t.span.start):
        chosen.setdefault(trigger.event_type.name, trigger)
    return sorted(chosen.values(), key=lambda t: t.span.start)


def _word_triggers(sentence: Span, codebook: Codebook) -> list[Trigger]:
    found = []
    for token in sentence:
        lemma, lower = token.lemma_.lower(), token.lower_
        for event_type in codebook.event_types.values():
            if lemma in event_type.lemmas or lower in event_type.lemmas:
                found.append(Trigger(event_type, sentence.doc[token.i:token.i + 1]))
            elif token.pos_ in ("VERB", "AUX") and lemma in event_type.negated and negated(token):
                found.append(Trigger(event_type, sentence.doc[token.i:token.i + 1], negated_frame=True))
    return found


def _phrase_triggers(sentence: Span, codebook: Codebook, matches: list[tuple[str, int, int]]) -> list[Trigger]:
    doc = sentence.doc
    return [Trigger(codebook.event_types[name], doc[start:end]) for name, start, end in matches
            if sentence.start <= start and end <= sentence.end and name in codebook.event_types]


def _definite(trigger: Trigger) -> bool:
    """"the freeze", "this suspension", "that rule": a noun pointing back at something told."""
    root = trigger.span.root
    return root.pos_ == "NOUN" and any(child.dep_ in ("det", "poss") and child.lower_ in ("the", "this", "that", "its")
                                       for child in root.children)


def _stands(trigger: Trigger, words: set[str], lowered: str, refers_back: bool) -> bool:
    """The trigger's frame holds: it acts on what its type needs, it is negated exactly when its
    type needs that, and the sentence is about arms exports (or the trigger refers back to an
    event the article told)."""
    event_type, root = trigger.event_type, trigger.span.root
    is_phrase = len(trigger.span) > 1
    if not is_phrase and not refers_back:
        required = event_type.objects.get(root.lemma_.lower()) or event_type.objects.get(root.lower_)
        if required and not required & acted_on(root):
            return False
    if trigger.negated_frame:
        return bool(acted_on(root) & set(event_type.needs)) or _needs_met(event_type, words, lowered)
    if not event_type.negative and not is_phrase and negated(root):
        return False
    return is_phrase or refers_back or _needs_met(event_type, words, lowered)


def _needs_met(event_type: EventType, words: set[str], lowered: str) -> bool:
    return not event_type.needs or any((need in words) if " " not in need else (need in lowered)
                                       for need in event_type.needs)


def acted_on(token: Token) -> set[str]:
    """The lemmas and words of what a trigger acts on: its objects, complements and modifiers,
    two levels down ("lifted [its ban on arms exports]", "stop [delivering parts]"); never its
    active subject."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ARGUMENTS:
            for word in _near(child, depth=3):
                found.update((word.lemma_.lower(), word.lower_))
    return found


def _near(token: Token, depth: int) -> list[Token]:
    if depth == 0:
        return []
    return [token, *(word for child in token.children if child.dep_ not in ("nsubj", "punct", "cc")
                     for word in _near(child, depth - 1))]


def negated(token: Token) -> bool:
    """Negated by a "not"/"never" on the word, or on a verb that makes or states it ("was not a
    suspension", "did not impose a ban", "did not decide to suspend"; "would not accept a pause"
    negates the accepting, not the pause), or by a "no" on what it acts on ("no new licences were
    issued"); "no longer" negates too."""
    def negates(word: Token) -> bool:
        return word.dep_ == "neg" or (word.lower_ in NEGATORS and word.dep_ in ("advmod", "det")) or (
            word.lower_ == "longer" and any(child.lower_ == "no" for child in word.children))
    makes = token.head.lemma_.lower() in MAKING and token.dep_ in ("attr", "dobj", "xcomp", "nsubjpass", "acomp")
    heads = [token] + ([token.head] if makes else [])
    if any(negates(child) for head in heads for child in head.children):
        return True
    subjects = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(child.lower_ == "no" and child.dep_ == "det" for subject in subjects for child in subject.children)


def _argument_of_another(trigger: Trigger, others: list[Trigger]) -> bool:
    """A noun trigger that another type's verb trigger acts on is that event's argument, unless
    it is told with a clause of its own ("lifting a halt imposed in March")."""
    root = trigger.span.root
    if root.pos_ not in ("NOUN", "PROPN") or len(trigger.span) > 1 or any(
            child.dep_ in ("acl", "relcl") for child in root.children):
        return False
    for other in others:
        head = other.span.root
        if other.event_type is trigger.event_type or head.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        if head.i != root.i and root in _near_tokens(head):
            return True
    return False


def _near_tokens(token: Token) -> set[Token]:
    return {word for child in token.children if child.dep_ in ARGUMENTS for word in _near(child, depth=3)}
