"""Where a sentence tells an export-policy event: a trigger word of an event type, read with its
frame in the parse.

A trigger counts only with its frame: what it acts on (``objects``: "lifted its ban", not "lifted
spirits"), whether it is negated ("this is not an embargo" is no event, while "will not export
arms to X" is a halt: the type's ``negated`` verbs), and whether the sentence is about arms exports
at all (``needs``). A noun that a trigger verb acts on is that event's argument, not an event of
its own: the "ban" of "lifted its ban", the "licences" of "suspended new licences".

Over 300 lines on purpose: every test of whether a trigger tells an event (negation,
conditions, claims, restatements) reads the same parse around the same word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from analysis.extract.nlp import span_text, words
from analysis.registries.codebook import Codebook, EventType

_WORD = re.compile(r"[\w-]+")
ARGUMENTS = ("dobj", "nsubjpass", "attr", "oprd", "prep", "pobj", "xcomp", "acomp", "compound", "amod", "nmod",
             "dative", "pcomp", "conj", "appos", "nummod")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
CLAIMING = ("alleged", "denied")  # modalities of types whose clause is their content ("alleged that ...")
CIRCUMSTANTIAL = frozenset({"in", "since", "at", "during", "until", "till", "amid", "after", "before"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
EXPORTING = frozenset({"export", "sell", "supply", "deliver", "ship", "send", "transfer", "provide"})
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})
CONSEQUENT = frozenset({"would", "could", "might", "will", "'d"})  # the main verb of "if ..., X would ..."
STANDING = frozenset({"law", "rule", "regulation", "legislation", "policy", "act", "constitution", "neutrality",
                      "guideline", "treaty", "principle"})
DOCUMENTED = ("approval", "review")  # families whose nouns in the plural are papers ("permits"), not decisions
DECIDING = frozenset({"decide", "agree", "plan", "vow", "pledge", "promise", "commit", "intend", "resolve",
                      "announce", "approve", "authorize", "authorise", "prepare", "want", "seek", "aim"})
MAKING = frozenset({"be", "have", "impose", "introduce", "announce", "order", "declare", "enact", "issue", "make",
                    "take", "put", "apply", "adopt", "implement", "decide", "plan", "approve", "grant", "agree"})


@dataclass(frozen=True)
class Trigger:
    event_type: EventType
    span: Span
    frame: str = "word"           # "word", "phrase", "negated" ("will not export"), "decided" ("will ship")
    refers_to: int | None = None  # "the move": the number of the event of the article it tells again
    others: tuple[Span, ...] = ()  # the type's other words in the sentence ("an accusation from X, claiming")


def find_triggers(sentence: Span, codebook: Codebook, phrase_matches: list[tuple[str, int, int]],
                  told: set[str] = frozenset()) -> list[Trigger]:
    """Every event type the sentence tells, once each (its preferred trigger in the sentence that
    stands with its frame, the others kept with it), nouns that are another trigger's argument
    left out; a second measure of one type told on its own ("the embargo stands, but the licence
    caps set in 2018 will be lifted") is a row of its own. ``told`` are the
    types the article has told before: "the freeze" refers back to one and needs no arms words
    in its own sentence."""
    candidates = [*_word_triggers(sentence, codebook), *_phrase_triggers(sentence, codebook, phrase_matches)]
    if not candidates:  # most sentences: no trigger word at all
        return []
    sentence_words, lowered = _words(span_text(sentence))
    kept = [c for c in candidates if _stands(c, sentence_words, lowered, c.event_type.name in told and _definite(c)
                                             and not c.event_type.objects.get(c.span.root.lemma_.lower()))]
    kept = _nearest_reading(kept)
    kept = [c for c in kept if not _argument_of_another(c, kept) and not _content_of_a_claim(c, kept)]
    by_type: dict[str, list[Trigger]] = {}
    def preference(trigger: Trigger) -> tuple:
        return _object_depth(trigger), trigger.span.root.pos_ not in ("VERB", "AUX"), trigger.span.start

    for trigger in sorted(kept, key=preference):
        by_type.setdefault(trigger.event_type.name, []).append(trigger)
    chosen = []
    for first, *rest in by_type.values():
        apart = [t for t in rest if t.span.root.pos_ in ("NOUN", "PROPN") and _told_on_its_own(t.span.root)
                 and t.span.root not in first.span.root.subtree and first.span.root not in t.span.root.subtree]
        chosen += [replace(first, others=tuple(t.span for t in rest if t not in apart)), *apart]
    return sorted(chosen, key=lambda t: t.span.start)


@cache
def _trigger_words(codebook: Codebook) -> frozenset[str]:
    """Every word that may trigger some event type: most words of a sentence trigger none, and
    are passed over without testing each type."""
    return frozenset().union(*(t.lemmas | t.negated | t.decided for t in codebook.event_types.values()))


def _word_triggers(sentence: Span, codebook: Codebook) -> list[Trigger]:
    found = []
    columns, candidates = words(sentence.doc), _trigger_words(codebook)
    if candidates.isdisjoint(columns.lemma[sentence.start:sentence.end]) \
            and candidates.isdisjoint(columns.lower[sentence.start:sentence.end]):
        return found  # one C-level test passes over most sentences, which hold no trigger word
    for i in range(sentence.start, sentence.end):
        lemma, lower = columns.lemma[i], columns.lower[i]
        if lemma not in candidates and lower not in candidates:
            continue
        token = sentence.doc[i]
        verb = token.pos_ in ("VERB", "AUX") or any(child.dep_ in ("aux", "auxpass") for child in token.children)
        for event_type in codebook.event_types.values():
            if lemma in event_type.lemmas or lower in event_type.lemmas:
                found.append(Trigger(event_type, sentence.doc[token.i:token.i + 1]))
            elif verb and lemma in event_type.negated and negated(token):
                found.append(Trigger(event_type, sentence.doc[token.i:token.i + 1], "negated"))
            elif verb and lemma in event_type.decided and not negated(token):
                found.append(Trigger(event_type, sentence.doc[token.i:token.i + 1], "decided"))
    return [_becoming(trigger, codebook) for trigger in found]


def _becoming(trigger: Trigger, codebook: Codebook) -> Trigger:
    """An approval that ends a halt is a resumption: the type says when (``becomes``): words of the
    sentence ("its first export permit since 2017"), or exports in general as what it acts on ("approves
    military exports to Türkiye", not "approved the sale of F-16s")."""
    event_type = trigger.event_type
    if event_type.becomes is None:
        return trigger
    sentence = span_text(trigger.span.sent).lower()
    general = {child.lower_ for child in trigger.span.root.children if child.dep_ in ("dobj", "nsubjpass")}
    if any(re.search(rf"\b{re.escape(word)}\b", sentence) for word in event_type.becomes_when) \
            or general & event_type.becomes_objects:
        return Trigger(codebook.event_types[event_type.becomes], trigger.span, trigger.frame)
    return trigger


def _phrase_triggers(sentence: Span, codebook: Codebook, matches: list[tuple[str, int, int]]) -> list[Trigger]:
    doc = sentence.doc
    return [_becoming(Trigger(codebook.event_types[name], doc[start:end], "phrase"), codebook)
            for name, start, end in matches
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
    if trigger.frame == "phrase":  # negation is part of some phrases ("no longer sell"); a condition never is
        required = event_type.objects.get(root.lemma_.lower())
        negates_itself = any(word.lower_ in NEGATORS for word in trigger.span)
        return (not required or bool(required & acted_on(root))) and not hypothetical(root) and (
            negates_itself or event_type.negative or not negated(root))  # "was not an arms embargo"
    if event_type.family in DOCUMENTED and root.tag_ in ("NNS", "NNPS"):
        return False  # "export permits", "approvals": documents, not a decision
    if event_type.family in DOCUMENTED and _standing_rule(root):
        return False
    if trigger.frame in ("negated", "decided"):
        on_arms = bool(acted_on(root) & set(event_type.needs)) or (
            root.lemma_.lower() in EXPORTING and _needs_met(event_type, words, lowered))
        return on_arms and decision(root, negative=trigger.frame == "negated")
    if not _acts_on_what_it_needs(trigger, refers_back):
        return False
    if not event_type.negative and negated(root) or hypothetical(root) or _ruled(root):
        return False
    return refers_back or _needs_met(event_type, words, lowered) or (
        object_told_before(trigger) and _needs_met(event_type, *_words(_previous_sentence(trigger.span))))


def object_told_before(trigger: Trigger) -> bool:
    """"refused Lisbon's request", "rejected the application": the object the trigger needs, made
    definite, points back at what the sentence before told, whose words then count as this
    sentence's ("accusing the two countries" points at no request)."""
    root = trigger.span.root
    required = trigger.event_type.objects.get(root.lemma_.lower()) or frozenset()
    return any(child.dep_ == "dobj" and child.lemma_.lower() in required
               and any(det.dep_ == "poss" or det.lower_ in ("the", "this", "that") for det in child.children)
               for child in root.children)


def _previous_sentence(span: Span) -> str:
    start = span.sent.start
    return span_text(span.doc[start - 1].sent) if start > 0 else ""


def _words(text: str) -> tuple[set[str], str]:
    lowered = text.lower()
    return set(_WORD.findall(lowered)), lowered


def _acts_on_what_it_needs(trigger: Trigger, refers_back: bool) -> bool:
    """A trigger with ``objects`` must act on one of them; a word that is an event by itself
    (``objects_if_any``: "ban", "halt") only when it says what it acts on ("a ban on imports" is
    no arms ban; "a ban in force since 2017" is one). Pointing back at an event told before ("the
    freeze") needs no object, but only for such words: "this issue" is no issuing of licences."""
    root, event_type = trigger.span.root, trigger.event_type
    lemma = root.lemma_.lower() if root.lemma_.lower() in event_type.lemmas else root.lower_
    required = event_type.objects.get(lemma)
    if required:
        return bool(required & acted_on(root))
    if_any = event_type.objects_if_any.get(lemma)
    if not if_any or refers_back:
        return True
    said = acted_on(root, nouns_only=True)
    return not said or bool(if_any & said)


def hypothetical(token: Token) -> bool:
    """"even if an embargo is imposed", "no matter if it is an arms embargo": a condition, not an
    event; nor is what would follow from one ("if Chad attacks, Portugal would impose an embargo")."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ == "advcl" and _conditional(ancestor):
            return True
        consequent = any(c.dep_ == "aux" and c.lower_ in CONSEQUENT for c in ancestor.children)
        if consequent and any(c.dep_ == "advcl" and _conditional(c, ("if",)) for c in ancestor.children):
            return True
        if ancestor.dep_ in ("ROOT", "ccomp"):
            return False
    return False


def _conditional(clause: Token, marks: frozenset[str] | tuple[str, ...] = CONDITIONAL) -> bool:
    """A clause opened by "if" (or "unless", ...); "would be refused unless ..." states a rule with
    its exception, so only "if" makes what would follow hypothetical."""
    return any(child.lower_ in marks for child in clause.children if child.dep_ == "mark")


def _ruled(verb: Token) -> bool:
    """"Swiss law prohibits re-exports": what a law or a rule says, not a decision taken."""
    return verb.pos_ in ("VERB", "AUX") and any(
        child.dep_ == "nsubj" and child.lemma_.lower() in STANDING for child in verb.children)


def _standing_rule(verb: Token) -> bool:
    """"every sale must be cleared by parliament": a rule that applies, not a decision taken."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & {"must", "should", "need", "has", "have"}) and "be" in {
        child.lemma_ for child in verb.children if child.dep_ == "auxpass"} or bool(auxiliaries & {"must", "should"})


def decision(token: Token, negative: bool) -> bool:
    """A policy, not a report of what happened: "will (not) export", "decided (not) to sell",
    "agreed to send", "has not granted any new permits since 2017", "no longer sells". "We have not
    shipped any rifles" denies a past act and is no halt; "the rifles were shipped" tells no decision."""
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    described = token.dep_ == "relcl" or token.head.dep_ == "relcl" or any(
        child.dep_ == "auxpass" for child in token.children)  # "rifles that Vienna intends to transfer"
    if not negative and described:
        return False
    if auxiliaries & FUTURE or token.dep_ == "xcomp" and token.head.lemma_.lower() in DECIDING:
        return True
    if negative:
        arguments = {word.lower_ for child in token.children for word in child.subtree if child.dep_ != "nsubj"}
        return bool(arguments & {"new", "further", "more", "since"}) or any(
            child.lower_ == "longer" for child in token.children)
    return False


def _needs_met(event_type: EventType, words: set[str], lowered: str) -> bool:
    return not event_type.needs or any((need in words) if " " not in need else (need in lowered)
                                       for need in event_type.needs)


def acted_on(token: Token, nouns_only: bool = False) -> set[str]:
    """The lemmas and words of what a trigger acts on: its objects, complements and modifiers
    ("lifted [its ban on arms exports]", "stop [delivering parts]", "[arms export] ban"); never its
    active subject, nor the words of a clause of its own ("denied [reports] that Austria had sold rifles"
    acts on reports, not on exporting), only the word that opens it ("denied [that] ...")."""
    found: set[str] = set()
    for word in [*_near(token), *_understood_subject(token)]:
        if not nouns_only or word.pos_ in ("NOUN", "PROPN"):
            found.update((word.lemma_.lower(), word.lower_))
    found.update(mark.lower_ for clause in token.children if clause.dep_ == "ccomp"
                 for mark in clause.children if mark.dep_ == "mark")  # "denied [that] ...": a clause it takes
    return found


def _understood_subject(verb: Token) -> list[Token]:
    """"Licences had been frozen in 2018, only to be cancelled in 2022": a passive verb without a
    subject of its own acts on the subject of the verb it continues."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("xcomp", "advcl", "conj") or not any(
            child.dep_ == "auxpass" for child in verb.children) or any(child.dep_ in SUBJECT_DEPS
                                                                       for child in verb.children):
        return []
    return [word for child in verb.head.children if child.dep_ == "nsubjpass"
            for word in (child, *_near(child, 2))]


def _near(token: Token, depth: int = 3) -> list[Token]:
    """What a word acts on, ``depth`` levels down through argument relations (an infinitive
    completing a noun, "requests [to send tanks]", is one; a clause reported by it is not; nor are
    its circumstances: "a ban [in force] [since 2017]")."""
    if depth == 0:
        return []
    return [word for child in token.children if (child.dep_ in ARGUMENTS or _infinitive(child))
            and not (child.dep_ == "prep" and child.lower_ in CIRCUMSTANTIAL)
            for word in (child, *_near(child, depth - 1))]


def _infinitive(token: Token) -> bool:
    return token.dep_ == "acl" and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _nearest_reading(triggers: list[Trigger]) -> list[Trigger]:
    """One word read as two types ("ended the restrictions on arms exports": a lifting of
    restrictions, or an end of exports?): the type whose object is nearer the word wins."""
    by_token: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_token.setdefault(trigger.span.root.i, []).append(trigger)
    kept = []
    for readings in by_token.values():
        depths = [_object_depth(t) for t in readings]
        best = min(depths)
        kept += [t for t, depth in zip(readings, depths) if depth == best]
    return kept


def _object_depth(trigger: Trigger) -> int:
    """How far down the trigger's required object is (0 for a trigger that needs none)."""
    root = trigger.span.root
    required = trigger.event_type.objects.get(root.lemma_.lower()) or trigger.event_type.objects.get(root.lower_)
    if not required or trigger.frame != "word":
        return 0
    for depth in (1, 2, 3):
        if any({word.lemma_.lower(), word.lower_} & required for word in _near(root, depth)):
            return depth
    return 4


def negated(token: Token) -> bool:
    """Negated by a "not"/"never" on the word, or on a verb that makes or states it ("was not a
    suspension", "did not impose a ban", "did not decide to suspend"; "would not accept a pause"
    negates the accepting, not the pause) or whose purpose it is ("has not acted to halt the
    shipments"), or by a "no" on what it acts on ("no new licences were
    issued"); "no longer" negates too."""
    def negates(word: Token) -> bool:
        return word.dep_ == "neg" or (word.lower_ in NEGATORS and word.dep_ in ("advmod", "det")) or (
            word.lower_ == "longer" and any(child.lower_ == "no" for child in word.children))
    makes = token.head.lemma_.lower() in MAKING and token.dep_ in ("attr", "dobj", "xcomp", "nsubjpass", "acomp")
    purpose = token.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    heads = [token] + ([token.head] if makes or purpose else [])
    if any(negates(child) for head in heads for child in head.children):
        return True
    subjects = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(child.lower_ == "no" and child.dep_ == "det" for subject in subjects for child in subject.children)


def _argument_of_another(trigger: Trigger, others: list[Trigger]) -> bool:
    """A trigger that another type's trigger acts on is that event's argument ("lifted its ban",
    "suspended issuing licences", "refused to supply ammunition"), unless it is told with a clause
    or a time of its own ("lifting a halt imposed in March", "reversing a ban in force since
    2017"). What is joined to a trigger by "and" is no argument of it."""
    root = trigger.span.root
    if trigger.frame == "phrase" or _told_on_its_own(root):
        return False
    return any(other.event_type is not trigger.event_type and other.span.root.i != root.i
               and root in _arguments(other.span.root) and not _since(other.span.root) for other in others)


def _content_of_a_claim(trigger: Trigger, others: list[Trigger]) -> bool:
    """"the report alleged that Austria quietly allowed exports", "denied that it had sold shells": what
    an allegation or a denial says is its content, not an event of its own."""
    root = trigger.span.root
    return any(other.event_type.modality in CLAIMING and other.span.root.i != root.i
               and root in _said(other.span.root) for other in others)


def _said(verb: Token) -> set[Token]:
    return {word for child in verb.children if child.dep_ == "ccomp" for word in child.subtree}


def _arguments(head: Token) -> set[Token]:
    return {word for child in head.children if child.dep_ != "conj" and (child.dep_ in ARGUMENTS or _infinitive(child))
            for word in (child, *_near(child, 2))}


def _since(verb: Token) -> bool:
    """"reversing a ban in force since 2017": an act lasts no period, so a "since" time on the verb
    dates the measure it acts on, which is then told on its own."""
    return any(child.dep_ == "prep" and child.lower_ == "since" and any(w.ent_type_ == "DATE" for w in child.subtree)
               for child in verb.children)


def _told_on_its_own(noun: Token) -> bool:
    """A time in a phrase after it ("a ban in force since 2017"), or a clause telling who made it
    ("a halt that Belgrade imposed in June"); a year before it ("its 2019 ban") only names which
    ban, and a clause that only describes it ("restrictions, which have existed for five years")
    says what is being lifted."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(word.ent_type_ == "DATE" for child in noun.children if child.dep_ == "prep" for word in _phrase(child)) \
        or any(child.dep_ in ("relcl", "acl") and child.lemma_.lower() in MAKING - {"be", "have"}
               and any(word.ent_type_ == "DATE" or word.dep_ in ("nsubj", "agent") for word in _phrase(child, 2))
               for child in noun.children)


def _phrase(head: Token, depth: int = 6) -> list[Token]:
    """The words of a phrase without the clauses inside it ("against Turkey, [which have existed
    for five years]"), ``depth`` levels down."""
    if depth == 0:
        return []
    return [word for child in head.children if child.dep_ not in ("relcl", "acl", "advcl", "ccomp")
            for word in (child, *_phrase(child, depth - 1))]
