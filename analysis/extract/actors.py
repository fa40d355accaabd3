"""Actors and their mentions: registry phrases first, the model's entities for everyone else,
then the merge rules (surname, acronym, diacritics); references (he/she, "the ministry") are
resolved by ``coreference``. Across articles: canonical names and the actors table.

Precedence is deliberate: a registry match beats a model label ("Vučić" is tagged as a place by
the small model), a full name seen earlier in the article explains a bare surname, and a pronoun
only resolves to a person whose gender does not contradict it.

Over 300 lines on purpose: registry phrases, model entities and the merge rules decide
together which span is whose; split apart, each would need the others' precedence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import pandas as pd
from rapidfuzz.distance import OSA
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from unidecode import unidecode

from analysis.corpus.tables import index_at
from analysis.corpus.text import SPACED_DASHES
from analysis.extract.coreference import first_name_gender, person_genders, resolve_references
from analysis.extract.datelines import Dateline
from analysis.extract.mentions import SUBJECTS, Mention, Mentions, Spans, appositions, before_misread_verb, is_subject
from analysis.extract.nlp import Words, pipeline, words
from analysis.registries.actors import Registry, initials, key
from analysis.registries.cues import load_cues
from analysis.schema import columns, frame

MODEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state"}
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,6})\)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SCARE_QUOTE_CLOSING = re.compile(r"[^“”\".!?]{0,25}[”\"]")
_LEADING = ("the ", "The ")
_STRAY = frozenset(" \t\n‘’“”\"'«»")
MISSPELT_LENGTH = 6  # a surname this long misspelt by one letter is still that surname
NAMESAKE_SENTENCES = 2  # a namesake the subject this recently is whom a bare surname means


@lru_cache(maxsize=1 << 16)
def slug(name: str) -> str:
    """An actor id made of a name; remembered, because the model marks the same few names over
    and over."""
    return _NOT_SLUG.sub("-", unidecode(name).lower()).strip("-") or "actor"


@cache
def _matchers(registry: Registry) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Registry phrases matched ignoring case, and acronyms ("UAE", "US") matched as written."""
    nlp = pipeline()
    folded, cased = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    for matcher, table in ((folded, registry.phrases), (cased, registry.cased)):
        for phrase, (actor_id, kind) in sorted(table.items()):
            matcher.add(f"{kind}|{actor_id}", [nlp.make_doc(phrase)])
    return folded, cased


def find_mentions(text: str, doc: Doc, sentence_starts: list[int], registry: Registry,
                  dateline: Dateline | None = None) -> tuple[Mentions, dict[str, str]]:
    """Every actor mention in one article, in text order (nothing in its dateline is one), and
    the genders known of its people (``coreference.person_genders``), which the pronouns here and
    the speakers later are resolved with."""
    def sentence_of(position: int) -> int:
        return index_at(sentence_starts, position)

    def outside_dateline(mention: Mention) -> bool:
        return dateline is None or not dateline.covers(mention.start, mention.end)

    modelled = [m for m in _model_mentions(text, doc, sentence_of) if outside_dateline(m)]
    people = [(m.start, m.end) for m in modelled if m.type == "person"]
    registered, places = _registry_mentions(doc, registry, sentence_of, people)
    registered = [m for m in registered if outside_dateline(m)]
    taken = Spans([(m.start, m.end) for m in registered] + places)
    modelled = [m for m in modelled if not taken.overlap(m.start, m.end)]
    apposed = [m for m in _apposed_bodies(doc, text, registered + modelled, sentence_of) if outside_dateline(m)]
    named = _link_surnames_and_acronyms(text, sorted(registered + modelled + apposed, key=lambda m: m.start),
                                        registry)
    named = _offices_held(text, named, registry)
    named = _rejoined(text, sorted(named + _missed_surnames(doc, text, named, sentence_of), key=lambda m: m.start))
    genders = person_genders(doc, text, named, registry)
    return Mentions(named + resolve_references(doc, named, genders, registry, sentence_of)), genders


def _registry_mentions(doc: Doc, registry: Registry, sentence_of,
                       people: list[tuple[int, int]]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Longest registry phrases, and the seats used as places (which the model may not make actors
    of: "talks held at the Elysee" is no one); where a role phrase is only a title before the same actor's name
    ("Kremlin spokesperson Dmitry Peskov"), the title gives way to the names inside it ("Kremlin").
    A state's name inside a person's name ("Michael Jordan") names no state; a seat used as a place
    ("talks in Berlin") no government; a bare role ("the defence minister") stands for its actor only
    where the sentence, or else the article, is about the actor's country."""
    folded, cased = _matchers(registry)
    spans = [Span(doc, start, end, label=match_id) for match_id, start, end in folded(doc) + cased(doc)]
    places = [(s.start_char, s.end_char) for s in spans if _kind(s) == "seat" and _as_place(s)]
    spans = [s for s in spans if (s.start_char, s.end_char) not in places
             and not (registry.by_id[s.label_.split("|", 1)[1]].type == "state" and _inside_a_name(s, people))]
    longest = filter_spans(spans)
    titles = [span for span in longest if _is_title(span, longest)]
    inner = [span for title in titles for span in filter_spans(
        [s for s in spans if title.start <= s.start and s.end <= title.end and s != title
         and s.label_.split("|")[1] != title.label_.split("|")[1]])]
    kept = sorted([span for span in longest if span not in titles] + inner, key=lambda s: s.start)
    mentions = [_registry_mention(span, registry, sentence_of) for span in kept]
    return _with_bare_roles_placed(mentions, [_kind(span) == "bare" for span in kept], registry), places


def _kind(span: Span) -> str:
    return span.label_.split("|", 1)[0]


def _inside_a_name(span: Span, people: list[tuple[int, int]]) -> bool:
    """A name or a seat inside a longer person's name the model found ("Michael Jordan", "Dana
    Hamilton", "Ann Washington")."""
    return any(start <= span.start_char and span.end_char <= end and (start, end) != (span.start_char, span.end_char)
               for start, end in people)


LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"})


def _as_place(span: Span) -> bool:
    """"talks in Berlin": a seat governed by a preposition of place is where, not who."""
    return span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE


def _with_bare_roles_placed(mentions: list[Mention], bare: list[bool], registry: Registry) -> list[Mention]:
    """Keep a bare role's mention only when its actor's country is a state of its sentence, or,
    in a sentence naming no state, the state the article names most."""
    def country(mention: Mention) -> str | None:
        return registry.by_id[mention.actor_id].country

    states = [m for m, is_bare in zip(mentions, bare) if not is_bare and m.type == "state"]
    counts = Counter(country(m) for m in states)
    principal = min(counts, key=lambda c: (-counts[c], next(m.start for m in states if country(m) == c)), default=None)
    by_sentence: dict[int, set[str | None]] = {}
    for m in states:
        by_sentence.setdefault(m.sentence_id, set()).add(country(m))
    return [m for m, is_bare in zip(mentions, bare)
            if not is_bare or country(m) in by_sentence.get(m.sentence_id, {principal})]


def _offices_held(text: str, mentions: list[Mention], registry: Registry) -> list[Mention]:
    """"Israel's defence minister, Yoav Gallant," (or "Yoav Gallant, Israel's defence minister,"):
    in this article the office is held by that person, so every mention of the office (a later "the
    defence minister", and the pronouns resolved from them) is the person's."""
    holder: dict[str, Mention] = {}
    for first, second in zip(mentions, mentions[1:]):
        if text[first.end:second.start].strip() not in ("", ","):
            continue
        for office, person in ((first, second), (second, first)):
            if _is_office(office, registry) and person.type == "person" and person.actor_id not in registry.by_id:
                holder.setdefault(office.actor_id, person)
    return [replace(m, actor_id=holder[m.actor_id].actor_id, name=holder[m.actor_id].name)
            if m.actor_id in holder else m for m in mentions]


def _is_office(mention: Mention, registry: Registry) -> bool:
    actor = registry.by_id.get(mention.actor_id)
    return mention.method == "role" and actor is not None and actor.type == "person" and bool(actor.role)


def _is_title(span: Span, spans: list[Span]) -> bool:
    """A role phrase directly followed by a name of the same actor."""
    kind, actor_id = span.label_.split("|", 1)
    following = next((s for s in spans if s.start == span.end), None)
    return kind in ("role", "bare") and following is not None and following.label_ == f"alias|{actor_id}"


def _registry_mention(span: Span, registry: Registry, sentence_of) -> Mention:
    kind, actor_id = span.label_.split("|", 1)
    actor = registry.by_id[actor_id]
    return Mention(span.start_char, span.end_char, actor_id, actor.name, "registry" if kind == "alias" else "role",
                   actor.type, sentence_of(span.start_char), is_subject(span))


def _model_mentions(text: str, doc: Doc, sentence_of) -> list[Mention]:
    mentions = []
    for entity in doc.ents:
        kind = MODEL_TYPES.get(entity.label_)
        if kind is None:
            continue
        if entity[0].tag_ == "MD" and len(entity) > 1:  # "Will Sanders come down ...?": the modal opens a question
            entity = entity[1:]
        if _opening_title(entity):  # "Historian Karl Lund told": the title is no part of the name
            entity = entity[1:]
        start, end = _strip_entity(text, entity.start_char, entity.end_char)
        surface = text[start:end]
        if len(surface) < 2 or not surface[0].isupper() or _in_scare_quotes(text, start, end):
            continue
        mentions.append(Mention(start, end, slug(surface), surface, "model", _titled_person(doc, entity, kind),
                                sentence_of(start), is_subject(entity)))
    alone = {m.name for m in mentions if " " not in m.name}
    return [replace(m, type="person") if _given_and_surname(m, alone) else m for m in mentions]


def _apposed_bodies(doc: Doc, text: str, mentions: list[Mention], sentence_of) -> list[Mention]:
    """"The Harbour Ledger, the region's largest newspaper": a proper name set in apposition with a
    body's noun (``body_nouns``) is that body where the small model marked nothing, so "the paper"
    or "the editorial board" later has it to be."""
    bodies, taken, found, columns = load_cues().bodies, Spans((m.start, m.end) for m in mentions), [], words(doc)
    for i, dep in enumerate(columns.dep):  # over the words' columns: a Token only for each body noun apposed
        head = columns.head[i]
        if dep != "appos" or columns.lemma[i] not in bodies or columns.pos[head] != "PROPN" or head > i:
            continue
        name = doc[head]
        if name not in appositions(doc[i]):  # "Holm, the party said, ..." sets no body beside Holm
            continue
        first = name.i
        while first > name.left_edge.i and columns.pos[first - 1] == "PROPN":
            first -= 1
        start, end = doc[first].idx, name.idx + len(name)
        whole = first == 0 or columns.pos[first - 1] in ("DET", "ADJ", "PUNCT")  # not "Peace and [Disarmament]"
        if whole and not taken.overlap(start, end):
            found.append(Mention(start, end, slug(text[start:end]), text[start:end], "apposition", "organization",
                                 sentence_of(start), is_subject(doc[first:name.i + 1])))
    return found


def _given_and_surname(mention: Mention, alone: set[str]) -> bool:
    """"Carly Fiorina ... Fiorina said", each labelled an organisation: a given name of one sure
    gender and a last word the article uses alone, as news uses a surname, is a person ("Morgan
    Stanley" has no sure gender, "Italia Viva" no "Viva" alone)."""
    words = mention.name.split()
    return (mention.type == "organization" and len(words) == 2 and words[1] in alone
            and first_name_gender(mention.name) is not None)


def _opening_title(entity: Span) -> bool:
    """A sentence that opens with a person's title before a name ("Historian Karl Lund told ...",
    "Spokeswoman Eva Dahl said") may be read as one name, even an organisation's; it is the title,
    then the name, when a given name of sure gender follows the title."""
    title = entity[0]
    return (len(entity) > 2 and title.is_sent_start and title.lower_ in load_cues().person_titles
            and first_name_gender(entity[1:].text) is not None)


def _titled_person(doc: Doc, entity: Span, kind: str) -> str:
    """A name right after a person's title ("Ministry spokesperson Randhir Jaiswal") or in
    apposition with one ("Violet Amiri, an Iranian journalist"; "the governor, Jan Brewer") is a
    person, whatever label the small model gave it."""
    titles = load_cues().person_titles
    before = doc[entity.start - 1] if entity.start > 0 else None
    root = entity.root
    if before is not None and before.lower_ in titles or any(a.lemma_.lower() in titles for a in appositions(root)):
        return "person"
    return kind


def _in_scare_quotes(text: str, start: int, end: int) -> bool:
    """"a Ukraine-style “Maidan coup”": a name-like word inside a short quoted phrase is a term,
    not an actor the model should add."""
    return text[max(0, start - 1):start] in ("“", '"') and _SCARE_QUOTE_CLOSING.match(text, end) is not None


def _strip_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """Entities come with a leading "the", a trailing possessive, and at times a quote mark or a
    space the model took in, and may run on over a spaced dash ("Karin Elise Lund -
    Berg's deputy"); the actor is what is before the dash, between the others."""
    end = min([cut for dash in SPACED_DASHES if (cut := text.find(dash, start, end)) != -1] + [end])
    for leading in _LEADING:
        if text.startswith(leading, start) and end - start > len(leading):
            start += len(leading)
    for possessive in ("’s", "'s", "’", "'"):
        if text.endswith(possessive, start, end):
            end -= len(possessive)
            break
    while end > start and text[end - 1] in _STRAY:  # "Erik Lund ‘" where a quote opens after the name
        end -= 1
    while start < end and text[start] in _STRAY:
        start += 1
    return start, end


def _link_surnames_and_acronyms(text: str, mentions: list[Mention], registry: Registry) -> list[Mention]:
    """A bare surname the model marked takes the actor of the full name used earlier in the
    article (``_introduced_names``); "Long Name (ACR)" teaches the article that ACR is that actor,
    and so does a body named in full before its initials ("the Democratic National Committee ...
    the DNC")."""
    introduced = _introduced_names(text, mentions)
    acronyms: dict[str, Mention] = {}
    linked = []
    for mention in mentions:
        surface = text[mention.start:mention.end]
        acronym = initials(surface.removeprefix("the ").removeprefix("The ")) if " " in surface else ""
        if mention.type != "person" and mention.method != "pronoun" and len(acronym) >= 2:
            acronyms.setdefault(acronym, mention)
        if mention.method == "model":
            earlier = introduced.namesake(surface, mention.start, mention.sentence_id) \
                if mention.type == "person" or " " not in surface else None
            if earlier is None and mention.type == "person":
                earlier = introduced.other_words.get(key(surface))
            if earlier is None and " " not in surface:  # "Lundqvst", whatever label the model gave it
                earlier = introduced.misspelt(surface)
            expansion = acronyms.get(surface)
            if expansion is not None:
                mention = replace(mention, actor_id=expansion.actor_id, name=expansion.name,
                                  type=expansion.type, method="acronym")
            elif earlier is not None and earlier.start < mention.start and len(surface.split()) == 1:
                mention = replace(mention, actor_id=earlier.actor_id, name=earlier.name,
                                  type=earlier.type, method="surname")
                introduced.renew(mention, surface)
        if (acronym := _ACRONYM.match(text, mention.end + 1)) and text[mention.end:mention.end + 1] == " ":
            acronyms[acronym.group(1)] = mention
        linked.append(mention)
    return linked + _acronym_mentions(text, linked, acronyms)


@dataclass(frozen=True)
class Introduced:
    """The people an article names in full, by the words a bare mention may use of them."""
    surnames: dict[str, Mention]  # each surname, keyed to the first one introduced with it
    other_words: dict[str, Mention]  # each other capitalised word of a full name, likewise
    subjects: dict[str, list[Mention]]  # each surname, keyed to every full name with it that is a subject

    def namesake(self, word: str, start: int, sentence: int) -> Mention | None:
        """Whom a bare surname at ``start`` names: another person of that surname who is the
        subject of this sentence or of one of the two before ("Per Holm met the exporters ...
        Holm said", after Eva Holm), else the first introduced with it (not "his wife,
        Lena Dahl": no subject)."""
        first = self.surnames.get(key(word))
        recent = [m for m in self.subjects.get(key(word), ()) if m.start < start
                  and 0 <= sentence - m.sentence_id <= NAMESAKE_SENTENCES] if first is not None else []
        return max(recent, key=lambda m: m.start) if recent else first

    def renew(self, mention: Mention, word: str) -> None:
        """A bare surname that is a subject keeps its person the one a surname means in the next
        sentences ("Jeh Lund says ... Lund tells ... Lund said", after Gary Lund)."""
        if mention.is_subject and mention.type == "person":
            self.subjects.setdefault(key(word), []).append(mention)

    def misspelt(self, word: str) -> Mention | None:
        """The one person whose surname ``word`` misses by a single letter inside it, or two letters
        swapped ("Kowalcyk" after "Dana Kowalczyk", "Lindqvsit" after "Ola Lindqvist"): a typo,
        when the word is long enough that one letter does not make another name, and not a plural
        or possessive ("the Novaks")."""
        word = key(word)
        if len(word) < MISSPELT_LENGTH:
            return None
        close = [person for surname, person in self.surnames.items() if OSA.distance(word, surname) == 1
                 and not (word.startswith(surname) or surname.startswith(word))]
        return close[0] if len(close) == 1 else None


def _introduced_names(text: str, mentions: list[Mention]) -> Introduced:
    """The people named in full, keyed to the first one introduced: news names the principal
    first ("Jonas Dahl ... his wife, Lena Dahl ... Dahl said"), and a bare other word names the
    person when no surname matches ("Ana Beatriz Rocha da Costa ... Rocha", "Eva Holm ...
    Eva")."""
    introduced = Introduced({}, {}, {})
    for mention in mentions:
        words = text[mention.start:mention.end].split()
        if mention.method == "surname" and len(words) == 1:
            introduced.renew(mention, words[0])
        if mention.type != "person" or mention.method in ("pronoun", "role") or len(words) < 2:
            continue  # a role ("Chinese President") is no full name: its words are no surname
        introduced.surnames.setdefault(key(words[-1]), mention)
        if mention.is_subject:
            introduced.subjects.setdefault(key(words[-1]), []).append(mention)
        for word in words[:-1]:
            if word[:1].isupper() and len(word) > 2:
                introduced.other_words.setdefault(key(word), mention)
    return introduced


def _missed_surnames(doc: Doc, text: str, mentions: list[Mention], sentence_of) -> list[Mention]:
    """A bare surname (or other name word) the model did not mark ("Lund says", "But Kowalczyk
    isn't convinced"), as a proper noun after the person's full name, or as a capitalised word the
    tagger took for another word ("'...,' Banning said"; "Bright, who was elected"), unless only
    the start of a sentence capitalised it ("Early voting"). After a first name the article never
    used ("Ivanka Trump", with Donald Trump named), the two words are another person of that surname,
    whatever the model made of the first name."""
    introduced = _introduced_names(text, mentions)
    taken = Spans((m.start, m.end) for m in mentions)
    found = []
    columns = words(doc)
    met = introduced.surnames.keys() | introduced.other_words.keys()
    # an ASCII word's key is its lower case: only a word met in a full name, or a non-ASCII one, may be a surname
    met_words = [i for i, (word, lower) in enumerate(zip(columns.text, columns.lower))
                 if lower in met or not word.isascii()]
    for i in met_words:
        word, start = columns.text[i], columns.idx[i]
        if not _name_like(doc, columns, i) or taken.overlap(start, start + len(word)):
            continue
        person = introduced.namesake(word, start, sentence_of(start)) or introduced.other_words.get(key(word))
        if person is None:
            continue
        subject = is_subject(doc[i:i + 1])
        if _first_name_before(doc, i, introduced):
            first = columns.idx[i - 1]
            name = text[first:start + len(word)]
            if not taken.overlap(first, start):  # "Ivanka Trump", the model's "Ivanka" a product
                found.append(replace(person, start=first, end=start + len(word), sentence_id=sentence_of(start),
                                     is_subject=subject, method="surname")
                             if person.name.endswith(f" {name}") else  # "Le Pen" of Marine Le Pen
                             Mention(first, start + len(word), slug(name), name, "surname", "person",
                                     sentence_of(start), subject))
        elif person.start < start:
            found.append(replace(person, start=start, end=start + len(word), method="surname",
                                 sentence_id=sentence_of(start), is_subject=subject))
            introduced.renew(found[-1], word)
    return found


def _first_name_before(doc: Doc, i: int, introduced: Introduced) -> bool:
    """Word ``i`` follows a first name the model missed and the article never used in a full name
    ("Zorka Holm" after "Karl Holm"): a capitalised proper noun compounded with it, not a
    title. That surname is someone else's; a first name met before is left to ``_rejoined``."""
    before = doc[i - 1] if i > 0 else None
    return (before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == i
            and before.text[:1].isupper() and before.lower_ not in load_cues().person_titles
            and key(before.text) not in introduced.other_words)


def _rejoined(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name used in full before, and split in two where it is used again ("Eva" and "Lind",
    each taken for someone else; "Lind" and "Tower"), is that one name again: the two mentions
    become one of the actor named in full, found as a ``repeat``."""
    full: dict[str, Mention] = {}
    joined: list[Mention] = []
    for mention in mentions:
        surface = text[mention.start:mention.end]
        if joined and mention.start == joined[-1].end + 1 and text[joined[-1].end] == " ":
            earlier = full.get(text[joined[-1].start:mention.end])
            if earlier is not None:
                joined[-1] = replace(earlier, start=joined[-1].start, end=mention.end, method="repeat",
                                     sentence_id=joined[-1].sentence_id, is_subject=mention.is_subject)
                continue
        if " " in surface and mention.method != "pronoun":
            full.setdefault(surface, mention)
        joined.append(mention)
    return joined


def _name_like(doc: Doc, columns: Words, i: int) -> bool:
    """Word ``i`` is a proper noun, or a capitalised word the tagger took for another part of
    speech, unless only its place at the start of a sentence capitalised it (a subject, or a word
    before a comma, still counts: "Bright, who was elected"), nor does one the tagger ran into the
    verb after it ("Rose brags that ...", ``before_misread_verb``); a capitalised "modal" before a
    verb no modal takes is a name ("Will said", "May argues")."""
    if columns.pos[i] == "PROPN":
        return True
    if columns.pos[i] == "AUX" and columns.text[i][:1].isupper() and i + 1 < len(doc):
        return doc[i].tag_ == "MD" and doc[i + 1].tag_ in ("VBD", "VBN", "VBZ")
    if not columns.text[i][:1].isupper() or columns.pos[i] not in ("NOUN", "VERB", "ADJ", "ADV"):
        return False
    return not doc[i].is_sent_start or columns.dep[i] in SUBJECTS or columns.text[i + 1:i + 2] == [","] \
        or before_misread_verb(doc[i])


def _acronym_mentions(text: str, mentions: list[Mention], acronyms: dict[str, Mention]) -> list[Mention]:
    """Occurrences of a learned acronym that neither the registry nor the model marked."""
    taken = Spans((m.start, m.end) for m in mentions)
    found = []
    for acronym, expansion in acronyms.items():
        if acronym not in text:  # most learned initials ("WH", "SD") never occur: no pattern to build and run
            continue
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            candidate = replace(expansion, start=match.start(), end=match.end(), method="acronym")
            if not taken.overlap(candidate.start, candidate.end):
                found.append(candidate)
    return found


def mention_rows(article_id: str, text: str, mentions: list[Mention]) -> list[dict]:
    """Rows for the mentions table, with the actor type the cross-article steps need."""
    return [{"article_id": article_id, "sentence_id": m.sentence_id, "actor_id": m.actor_id, "name": m.name,
             "surface": text[m.start:m.end], "start": m.start, "end": m.end, "method": m.method, "type": m.type}
            for m in mentions]


def canonical_names(mentions: pd.DataFrame, registry: Registry) -> dict[str, str]:
    """Names for actors the registry does not know: their most frequent full spelling across the
    corpus, preferring the one with diacritics on a tie (Vučić over Vucic)."""
    spellings: dict[str, Counter] = {}
    for actor_id, surface, method in columns(mentions, "actor_id", "surface", "method"):
        if actor_id not in registry.by_id and method == "model":
            spellings.setdefault(actor_id, Counter())[surface] += 1
    return {actor_id: max(counts, key=lambda s: (len(s.split()), counts[s], not s.isascii(), s))
            for actor_id, counts in sorted(spellings.items())}


def actors_table(mentions: pd.DataFrame, registry: Registry, acts_for: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per actor mentioned at least once; registry facts where known, else the country an
    article introduced it with (``acts_for``: "German Chancellor Jonas Weber"). ``mentions`` has
    the ``type`` column of ``mention_rows``."""
    acts_for = acts_for or {}
    seen: dict[str, dict] = {}  # per actor: the facts its mentions give, gathered in one pass
    for actor_id, name, type_, surface, method, article_id in columns(
            mentions, "actor_id", "name", "type", "surface", "method", "article_id"):
        facts = seen.setdefault(actor_id, {"name": name, "surfaces": set(), "n": 0, "articles": set()})
        facts["type"] = type_
        facts["n"] += 1
        facts["articles"].add(article_id)
        if method != "pronoun":
            facts["surfaces"].add(surface)
    rows = []
    for actor_id, facts in sorted(seen.items()):
        known = registry.by_id.get(actor_id)
        rows.append({
            "actor_id": actor_id, "name": known.name if known else facts["name"],
            "type": known.type if known else facts["type"], "role": known.role if known else None,
            "country": known.country if known else _country(acts_for.get(actor_id), registry),
            "aliases": "; ".join(sorted(set(known.aliases) | set(known.roles)) if known else sorted(facts["surfaces"])),
            "n_mentions": facts["n"], "n_articles": len(facts["articles"]),
            "method": "registry" if known else "model",
        })
    table = frame("actors", rows)
    return table.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _country(state: str | None, registry: Registry) -> str | None:
    return registry.by_id[state].country if state in registry.by_id else None
