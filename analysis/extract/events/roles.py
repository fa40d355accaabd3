"""Who decided an event, whom it is aimed at, what it covers, how many and for how long.

The actor is read from the parse (the subject up the tree, the agent of a passive, the owner of a
noun: "Norway's suspension"); a pronoun ("it said it would halt") takes the state or body it
refers to. A dateline's place is never a mention, so it is never an actor.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Span, Token

from analysis.extract.mentions import RELATIVE, SUBJECTS, Mention, Mentions, mention_at
from analysis.extract.nlp import span_text
from analysis.registries.actors import Registry
from analysis.registries.codebook import Codebook

ARGUMENT = ("dobj", "nsubjpass", "nsubj", "attr", "appos", "conj", "compound", "xcomp", "ccomp", "advcl", "relcl",
            "acl", "pcomp", "pobj", "prep", "oprd", "acomp")
BODY_TYPES = ("state", "organization", "international_body")
PRONOUNS = frozenset({"it", "its", "they", "their", "them", "itself"})
RECIPIENT = frozenset({"to", "on", "against", "for", "with", "toward", "towards"})
ADJUNCTS = frozenset({"in", "amid", "after", "following", "despite", "over", "before", "since", "because", "due",
                      "against", "with", "without", "during"})  # prepositions of circumstance, not of agency
DOCUMENTS = frozenset({"report", "study", "investigation", "article", "analysis", "story", "dossier"})
AUTHORING = frozenset({"publish", "issue", "release", "write", "produce", "author", "file", "compile"})
PRONOUN_REACH = 3  # sentences back an "it" may refer
NUMBER = (r"(?:\d[\d,]*|a dozen|dozens of|hundreds of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve|fifteen|twenty|thirty|forty|fifty|a hundred)")
_QUANTITY = re.compile(rf"\b{NUMBER}\s+(?:of\s+(?:its\s+|the\s+)?{NUMBER}\s+)?(?:(?:new|existing|export|arms|pending|"
                       rf"outstanding|active|individual|military)\s+)*(?:licen[cs]es|permits|contracts|approvals|"
                       rf"applications|requests|deals|orders|authori[sz]ations|transfers|shipments)\b", re.IGNORECASE)
_DURATION = re.compile(rf"\b(?:for\s+(?:a\s+period\s+of\s+|at\s+least\s+|another\s+)?(?:{NUMBER}|a|an|several)\s+"
                       rf"(?:more\s+)?(?:days?|weeks?|months?|years?)|until\s+further\s+notice|indefinitely|"
                       rf"for\s+the\s+time\s+being)\b", re.IGNORECASE)
SCOPE_AFTER, SCOPE_BEFORE = 60, 90  # characters around the trigger where its scope is written


def event_actor(trigger: Span, mentions: Mentions, registry: Registry) -> str | None:
    """Who enacted, announced or alleged: "an accusation from X", "X's declaration", the agent of
    a passive, else the nearest subject up the tree that names an actor ("Vučić announced a
    suspension", "He added that ... would be reserved"), a pronoun taking the body it refers to.
    When that is a state and the one who says so acts for it ("the president said Serbia was
    ready to sell"), the speaker is the more precise actor of the same side. A trigger inside a
    prepositional adjunct ("In response to the accusations, Vučić ...") does not take the clause's
    subject: Vučić did not accuse; nor does one inside a clause describing a noun ("the shipyard,
    whose request was rejected")."""
    node = trigger.root.head if trigger.root.dep_ == "neg" else trigger.root
    if node.pos_ in ("NOUN", "PROPN") and (owner := _owner(node, mentions, registry)) is not None:
        return owner
    named = _named_up(node, trigger, mentions)
    first = next(named, None)
    if first is None:
        return None
    if first.type == "state":
        speaker = next(named, None)
        if speaker is not None and registry.side(speaker.actor_id) == first.actor_id:
            return speaker.actor_id
    return first.actor_id


def _named_up(node: Token, trigger: Span, mentions: Mentions) -> Iterator[Mention]:
    """The actors named as subjects (or agents, owners, controllers) on the way up the tree from
    ``node``, nearest first."""
    for _ in range(8):
        found = next((m for child in node.children if (m := _actor_of(child, node, trigger, mentions)) is not None),
                     None)
        if found is None and node.dep_ == "xcomp":
            found = _controller(node.head, mentions)
        if found is not None:
            yield found
        if node.dep_ in ("relcl", "acl") and _stops(node):
            return
        if node.dep_ == "prep" and node.lower_ in ADJUNCTS:
            return  # "In response to the accusations, Vučić held ...": Vučić did not accuse
        of_phrase = (node.dep_ == "pobj" and node.head.lower_ == "of") or (node.dep_ == "prep" and node.lower_ == "of")
        if not (node.dep_ in ARGUMENT or of_phrase) or node.head.i == node.i:
            return
        node = node.head


def document_author(trigger: Span, mentions: Mentions, reach: int = 2) -> str | None:
    """"The ministry dismissed a press report which alleged ... . On Monday, Nordposten had run the
    report.": an event whose teller is a document the text does not attribute takes the author a
    sentence soon after names for that document."""
    root = trigger.root
    document = root.head if root.dep_ in ("relcl", "acl") else next(
        (c for c in root.children if c.dep_ == "nsubj"), None)
    if document is None or document.lemma_.lower() not in DOCUMENTS:
        return None
    sentence = root.sent
    doc = root.doc
    for _ in range(reach):
        if sentence.end >= len(doc):
            return None
        sentence = doc[sentence.end].sent
        for verb in sentence:
            if verb.lemma_.lower() in AUTHORING and any(c.dep_ == "dobj" and c.lemma_.lower() == document.lemma_.lower()
                                                        for c in verb.children):
                author = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                found = _named(author, mentions) if author is not None else None
                if found is not None:
                    return found.actor_id
    return None


def _stops(clause: Token) -> bool:
    """Whether a clause describing a noun ends the search: one with a subject of its own ("the
    shipyard, whose request was rejected": the shipyard did not decide), or whose relative subject
    stands for an object of another verb ("India rejected a report which claimed ...": India did
    not claim). A predicate noun continues to its subject ("Serbia remains one of the countries
    that have not imposed sanctions")."""
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
    if not subjects:
        return False
    if any(s.lower_ not in RELATIVE for s in subjects):
        return True
    noun = clause.head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "of":
        noun = noun.head.head  # "one of the few countries that ..."
    return noun.dep_ not in ("attr", "oprd")


def _owner(noun: Token, mentions: Mentions, registry: Registry) -> str | None:
    """Whose a noun trigger is when a word before it says so: "Norway's suspension", "the AFP
    report", "Russian accusations"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and (mention := _named(child, mentions)) is not None:
            return mention.actor_id
        if child.dep_ == "amod" and (state := registry.demonym(child.text)) is not None:
            return state
    return None


def _actor_of(child: Token, node: Token, trigger: Span, mentions: Mentions) -> Mention | None:
    if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
        return _source(child, mentions)
    passive_thing = child.dep_ == "nsubjpass" and node.i == trigger.root.i
    if child.dep_ in ("poss", *SUBJECTS) and not passive_thing:
        if child.lower_ in RELATIVE and node.dep_ == "relcl":
            return _named(node.head, mentions)
        return _named(child, mentions)
    return None


def _source(preposition: Token, mentions: Mentions) -> Mention | None:
    """Who "from X", "by X" or "of X" names."""
    source = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return _named(source, mentions) if source is not None else None


def givers(sentence: Span, permission_words: frozenset[str]) -> set[int]:
    """The words naming who gives a consent ("would require permission from Vienna", "the
    approval of the council"): who will approve, neither the event's target nor its decider."""
    return {word.i for consent in sentence if consent.lemma_.lower() in permission_words
            for child in consent.children if child.dep_ == "prep" and child.lower_ in ("from", "by", "of")
            for word in child.subtree}


def _controller(verb: Token, mentions: Mentions) -> Mention | None:
    """"The ruling forces Portugal to suspend licences": the object of the verb above is who
    suspends."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return _named(target, mentions) if target is not None else None


def _named(token: Token, mentions: Mentions) -> Mention | None:
    """The actor a word names; for "it"/"they"/"its", the body it refers to; for a word that names
    no one by itself, the actor its owner, "of" phrase or author names ("Austria's highest court",
    "the cabinet of Mark Rutte", "the AFP report", "the study, published by SIPRI")."""
    if (mention := mention_at(mentions, token)) is not None:
        return mention
    if token.lower_ in PRONOUNS:
        return antecedent(token, mentions)
    if token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ in ("poss", "compound", "appos") and (owner := mention_at(mentions, child)) is not None:
            return owner  # "Belgium's court", "the Reuters report", "the news agency Reuters"
        if child.dep_ == "prep" and child.lower_ == "of" and (owner := _source(child, mentions)) is not None:
            return owner
        by = next((c for c in child.children if c.dep_ == "agent"), None) \
            if child.dep_ == "acl" and child.lemma_.lower() in AUTHORING else None
        if by is not None and (owner := _source(by, mentions)) is not None:
            return owner  # "the study, published by SIPRI, found"
    return None


def antecedent(token: Token, mentions: Mentions) -> Mention | None:
    """"it said it would halt exports": the latest state or body named before the pronoun in the
    last few sentences, a subject preferred; never one the pronoun's own sentence names after it
    ("it decided to lift the ban on arms to the UAE": "it" is not the UAE)."""
    index = bisect_before(mentions, token.idx)
    sentence = mentions[index].sentence_id if index >= 0 else None
    named_after = {m.actor_id for m in mentions[index + 1:index + 30] if m.start < token.sent.end_char}
    candidates = [m for m in mentions[max(0, index - 30):index + 1] if m.type in BODY_TYPES and m.start < token.idx
                  and sentence is not None and sentence - m.sentence_id <= PRONOUN_REACH
                  and m.actor_id not in named_after]
    subjects = [m for m in candidates if m.is_subject]
    return (subjects or candidates)[-1] if candidates else None


def bisect_before(mentions: Mentions, position: int) -> int:
    """The index of the last mention starting before ``position`` (-1 if none)."""
    return bisect_left(mentions, position, key=lambda mention: mention.start) - 1


def event_target(text: str, sentence: Span, trigger: Span, mentions: Mentions, registry: Registry,
                 actor: str | None, codebook: Codebook) -> str | None:
    """The state or body the event is aimed at: the first one named, or pointed at by an adjective
    ("Serbian companies"), after the trigger within its reach, other than the actor's own side and other than the
    subject of a clause ("denied reports that Austria had sold rifles to Chad": Chad), an origin
    ("accusations from Russia") or who gives a consent ("any re-export would require permission
    from Vienna")."""
    own = registry.side(actor)
    giving = givers(sentence, codebook.permission_words)
    for token in sorted(_reach(trigger.root), key=lambda t: t.i):
        if token.i < trigger.end or token.i in giving:
            continue
        mention = mention_at(mentions, token)
        if mention is not None and (mention.is_subject or _source_of(token)):
            continue
        candidate = mention.actor_id if mention is not None and mention.type in ("state", "international_body") else (
            registry.demonym(text[token.idx:token.idx + len(token)]) if token.pos_ in ("ADJ", "PROPN") else None)
        if candidate is not None and registry.side(candidate) != own:
            return candidate
    return None


def _reach(root: Token) -> set[Token]:
    """Where a trigger's recipient is written: its own phrase ("a halt [to arms exports to Mali]"),
    and for a noun the recipients of the verb it is the object of ("imposed an embargo [on Mali]");
    not the rest of the sentence ("amid accusations that shells reached Ukraine")."""
    words = set(root.subtree)
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "attr", "nsubjpass", "pobj"):
        words |= {word for child in root.head.children if child.dep_ in ("prep", "dative") and child.i > root.i
                  and child.lower_ in RECIPIENT for word in child.subtree}
    return words


def _source_of(token: Token) -> bool:
    """"exports from Serbia", "accusations from Russia", "a report by Reuters": an origin or an
    author, not whom the event is aimed at."""
    return token.dep_ == "pobj" and token.head.lower_ in ("from", "by")


def event_scope(text: str, trigger: Span, sentence: Span, codebook: Codebook) -> str | None:
    """The most specific scope phrase near the trigger: after it ("a suspension of ammunition
    exports"), else just before it ("any export of arms ... would require the approval")."""
    after = text[trigger.start_char:min(sentence.end_char, trigger.end_char + SCOPE_AFTER)].lower()
    before = text[max(sentence.start_char, trigger.start_char - SCOPE_BEFORE):trigger.start_char].lower()
    for window in (after, before):
        for scope in codebook.scopes.values():
            if any(re.search(rf"\b{re.escape(phrase)}\b", window) for phrase in scope.phrases):
                return scope.name
    return None


def quantity(sentence: Span) -> str | None:
    """How many licences, permits or contracts the sentence says ("30 of 350 licences")."""
    match = _QUANTITY.search(span_text(sentence))
    return match.group() if match else None


def duration(sentence: Span) -> str | None:
    """For how long ("for 30 days", "until further notice")."""
    match = _DURATION.search(span_text(sentence))
    return match.group() if match else None
