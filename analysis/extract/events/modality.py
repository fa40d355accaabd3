"""Whether an event was done, announced, demanded, ordered, alleged or denied, read from the words
around its trigger: an event nobody enacted must not look enacted on the timeline."""
from __future__ import annotations

from spacy.tokens import Span, Token

from analysis.registries.codebook import Codebook, EventType

CLIMB = ("xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "attr", "nsubjpass", "nsubj", "pcomp", "relcl",
         "conj", "appos", "oprd", "advmod")  # advmod: a verb the small parser misreads ("will not authorise")
COMPLEMENTS = ("xcomp", "ccomp", "dobj", "attr", "oprd", "nsubjpass", "conj")
FUTURE = frozenset({"will", "shall", "'ll", "wo", "would"})
ALLEGING = frozenset({"allege", "claim", "accuse", "report"})
DENYING = frozenset({"deny", "reject", "dismiss", "refute"})
SPEAKING = frozenset({"say", "announce", "declare", "tell", "state", "confirm", "add", "write", "report", "pledge",
                      "promise", "vow", "decide", "agree", "plan", "want", "intend", "announcement", "statement"})


def governors(trigger: Span) -> list[Token]:
    """The words the trigger depends on, nearest first, up to the sentence's root: the verb a
    noun trigger is the object of ("announced a suspension"), the verb an infinitive completes
    ("decided to suspend"), the speech verb of a reported clause ("said it would halt")."""
    chain, token = [], trigger.root
    while token.dep_ in CLIMB and token.head.i != token.i and len(chain) < 8:
        token = token.head
        chain.append(token)
    return chain


def complements(trigger: Span) -> list[Token]:
    """The words whose complement the trigger is, nearest first: "ordered [a halt]", "decided
    [to suspend]", "called for [a halt]"; never through an adjunct ("a halt following
    accusations" does not make the accusations ordered)."""
    chain, token = [], trigger.root
    while len(chain) < 8 and token.head.i != token.i:
        if token.dep_ in COMPLEMENTS or token.dep_ == "pobj" and token.head.lower_ in ("for", "on", "to"):
            token = token.head if token.dep_ != "pobj" else token.head.head
            chain.append(token)
        else:
            break
    return chain


def modality(trigger: Span, event_type: EventType, codebook: Codebook) -> str:
    """Strongest first: demanded, ordered, denied, alleged, announced (future tense), then the
    verb the trigger is the complement of (codebook ``modalities``), else the type's default."""
    above = complements(trigger)
    lemmas = [token.lemma_.lower() for token in above]
    if any(lemma in codebook.demand_words and _demands(token) for lemma, token in zip(lemmas, above)):
        return "demanded"
    if any(lemma in codebook.order_words for lemma in lemmas[:3]):
        return "ordered"
    if event_type.family not in ("denial", "claim") and any(lemma in DENYING for lemma in lemmas):
        return "denied"
    if event_type.family != "claim" and any(lemma in ALLEGING for lemma in lemmas[:2]):
        return "alleged"
    if is_future(trigger):
        return "announced"
    mapped = next((codebook.modalities[lemma] for lemma in lemmas if lemma in codebook.modalities), None)
    return mapped or event_type.modality


def _demands(token: Token) -> bool:
    """"called for a halt", "urged Germany to stop": a demand, not "called the move a mistake"."""
    if token.lemma_.lower() != "call":
        return True
    return any(child.lower_ in ("for", "on") for child in token.children)


def is_future(trigger: Span) -> bool:
    """The trigger's clause is in the future tense: "will suspend", "would not approve" under a
    speech verb, "is set to", "is going to", "plans to" count; so does a noun trigger whose verb
    does ("will impose a ban")."""
    for token in [trigger.root, *governors(trigger)[:2]]:
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        if any(aux.lower_ in FUTURE or aux.lemma_.lower() in FUTURE for aux in auxiliaries):
            return True
        if token.lemma_.lower() in ("go", "set", "plan") and any(c.dep_ == "xcomp" for c in token.children):
            return True
        if token.lemma_.lower() in SPEAKING and token is not trigger.root:
            return False  # a reported clause's own tense decides, not the speech verb's
    return False
