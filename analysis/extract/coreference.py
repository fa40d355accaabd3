"""References to actors already named: he/she, "the ministry", and "I"/"we" inside a quote.

A reference resolves only when something agrees: a pronoun to a person whose gender does not
contradict it, a description to an actor the registry says the noun can describe, a first person
to the quote's speaker. Nothing is guessed across a mismatch.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from analysis.corpus.tables import index_at
from analysis.extract.mentions import Mention, Spans, appositions, places
from analysis.extract.nlp import words
from analysis.registries.actors import Registry
from analysis.registries.cues import load_cues

PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
PRONOUN_WINDOW = 3  # sentences back a he/she may reach


def resolve_references(doc: Doc, named: list[Mention], genders: dict[str, str], registry: Registry,
                       sentence_of) -> list[Mention]:
    """Pronoun and description mentions referring back to the named ones; ``genders`` is
    ``person_genders`` of the named ones."""
    return _pronouns(doc, named, genders, sentence_of) + _role_nouns(doc, named, registry, sentence_of)


def _pronouns(doc: Doc, mentions: list[Mention], genders: dict[str, str], sentence_of) -> list[Mention]:
    """he/she and their forms to the most salient earlier person of a compatible gender: the last
    subject among the recent sentences, else the last person mentioned; but when nothing says the
    gender of that one, a person of the pronoun's gender named after it in the pronoun's sentence."""
    towns = places(mentions)
    people = [m for m in mentions if m.type == "person" and m.actor_id not in towns]
    resolved = []
    columns = words(doc)
    for i in (i for i, (lower, pos) in enumerate(zip(columns.lower, columns.pos))
              if lower in PRONOUN_GENDER and pos == "PRON"):
        token, gender = doc[i], PRONOUN_GENDER[columns.lower[i]]
        sentence = sentence_of(token.idx)
        candidates = [m for m in people if m.start < token.idx and sentence - m.sentence_id <= PRONOUN_WINDOW
                      and genders.get(m.actor_id, gender) == gender]
        if not candidates:
            continue
        subjects = [m for m in candidates if m.is_subject]
        recent_subject = subjects and subjects[-1].sentence_id >= candidates[-1].sentence_id - 1
        chosen = subjects[-1] if recent_subject else candidates[-1]
        surer = [m for m in candidates if m.sentence_id == sentence and genders.get(m.actor_id) == gender]
        if chosen.actor_id not in genders and surer and surer[-1].start > chosen.start:
            chosen = surer[-1]  # "Gov. Kim Lund criticised Melanie Ortiz after she ...": the one said to be a she
        resolved.append(replace(chosen, start=token.idx, end=token.idx + len(token), method="pronoun",
                                sentence_id=sentence, is_subject=token.dep_ in ("nsubj", "nsubjpass")))
    return resolved


def person_genders(doc: Doc, text: str, mentions: list[Mention], registry: Registry) -> dict[str, str]:
    """Each person's gender where something says it: the registry; else a gendered title right
    before a mention or a gendered noun in apposition ("Mr. Obama", "spokeswoman Maria
    Zakharova", "X, the king"); else the usual gender of the first name (gender-guesser's list,
    only its sure answers). Nobody else gets one: an unknown gender contradicts no pronoun."""
    gendered = load_cues().gendered
    genders = dict(registry.genders)
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.type != "person" or mention.actor_id in genders or mention.method in ("pronoun", "role"):
            continue
        said = _title_before(doc, mention, gendered)
        if said is not None:
            genders[mention.actor_id] = said
            continue
        for name in (text[mention.start:mention.end], mention.name):
            if len(name.split()) > len(names.get(mention.actor_id, "").split()):
                names[mention.actor_id] = name
    surnames = {name.split()[-1] for name in names.values() if len(name.split()) > 1}
    for actor_id, name in names.items():
        if actor_id not in genders and (said := first_name_gender(name, surnames)) is not None:
            genders[actor_id] = said
    return genders


def _title_before(doc: Doc, mention: Mention, gendered: dict[str, str]) -> str | None:
    """The gender of a title among the two words before the name that belong to it ("Mr.
    Obama", not "the queen met Joe Biden"), or of a noun the name stands in apposition to or that
    stands in apposition to it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    columns, root = words(doc), span.root
    before = [columns.lower[i] for i in range(max(0, span.start - 2), span.start)
              if span.start <= columns.head[i] < span.end]
    related = [noun.lower_ for noun in appositions(root)]
    return next((gendered[word] for word in reversed(before + related) if word in gendered), None)


@cache
def _detector():
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


def first_name_gender(name: str, surnames: set[str] = frozenset()) -> str | None:
    """"Antonin Scalia" -> male, "Melanie" -> female; None for a first name of either gender, or
    for a one-word name that is someone's surname in the article ("Clinton")."""
    words = name.split()
    if not words or not words[0].isalpha() or len(words) == 1 and words[0] in surnames:
        return None
    return _given_name_gender(words[0].lower())


OTHER = {"male": ("female", "mostly_female"), "female": ("male", "mostly_male")}


@cache
def _given_name_gender(word: str) -> str | None:
    """The gender of a given name when the list is sure of it and no country's usage says the
    other ("Jan" is a man's name in Czech and mostly a woman's in the US: neither)."""
    detector = _detector()
    answer = detector.get_gender(word)
    if answer not in OTHER or any(detector.get_gender(word, country) in OTHER[answer]
                                  for country in detector.COUNTRIES):
        return None
    return answer


def _role_nouns(doc: Doc, mentions: list[Mention], registry: Registry, sentence_of) -> list[Mention]:
    """"the president" / "the ministry" / "the government" to the latest actor already named in the
    article that the registry says the noun can describe."""
    taken = Spans((m.start, m.end) for m in mentions)
    resolved = []
    columns = words(doc)
    for i in (i for i in range(1, len(doc)) if columns.pos[i] == "NOUN" and columns.lower[i - 1] == "the"
              and columns.lower[i] in registry.describing_nouns):
        token = doc[i]
        start, end = doc[token.i - 1].idx, token.idx + len(token)
        latest = next((m for m in reversed(mentions) if m.end <= start and m.method != "pronoun"
                       and registry.describes(m.actor_id, token.lower_)), None)
        candidate = replace(latest, start=start, end=end, method="role", sentence_id=sentence_of(start),
                            is_subject=token.dep_ in ("nsubj", "nsubjpass")) if latest else None
        if candidate and not taken.overlap(candidate.start, candidate.end):
            resolved.append(candidate)
    return resolved


FIRST_PERSON = {"i": "self", "me": "self", "my": "self", "myself": "self",
                "we": "group", "us": "group", "our": "group", "ours": "group", "ourselves": "group"}


def first_person_mentions(doc: Doc, quotes: list[dict], registry: Registry,
                          sentence_starts: list[int]) -> list[Mention]:
    """Inside a quote, "I" is the speaker and "we" the state or body the speaker speaks for
    (Zakharova's "we" is Russia); nested quotes are someone else's words and are skipped."""
    nested = [(q["start"], q["end"]) for q in quotes if q["kind"] == "nested"]
    found = []
    for quote in quotes:
        actor = registry.by_id.get(quote["speaker_actor_id"] or "")
        if quote["kind"] not in ("direct", "partial") or actor is None:
            continue
        span = doc.char_span(quote["start"], quote["end"], alignment_mode="contract")
        for token in span if span is not None else []:
            person = FIRST_PERSON.get(token.lower_)
            if person is None or token.pos_ != "PRON" or any(s <= token.idx < e for s, e in nested):
                continue
            if person == "self":
                target = actor if actor.type == "person" else None
            else:  # a person's "we" is the state or body they speak for; an organisation's is itself
                target = registry.by_id.get(registry.side(actor.actor_id)) if actor.type == "person" else actor
            if target is not None:
                found.append(Mention(token.idx, token.idx + len(token), target.actor_id, target.name, "pronoun",
                                     target.type, index_at(sentence_starts, token.idx)))
    return found
