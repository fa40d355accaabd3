"""What a he, she or "the senator" may point back to in one article, as ``referents`` sees it.

A ``Scene`` holds the named mentions outside quotes, the titles the article gives each actor
("Sen. Bernie Sanders" -> senator), the genders known so far and the speakers so far; the
resolver in ``referents`` reads it and adds to it as it goes through the article.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Span, Token

from analysis.corpus.tables import index_at
from analysis.extract.coreference import PRONOUN_GENDER
from analysis.extract.mentions import (
    SUBJECTS,
    Mention,
    Mentions,
    appositions,
    before_misread_verb,
    places,
    subject_misread,
)
from analysis.extract.nlp import token_at, words
from analysis.extract.quotes.spans import Context

PERSON_PRONOUNS = {"he": "male", "she": "female"}
TITLE_WORDS = 4  # words of a title before a name: "former Indiana Gov. Mike Pence"


@dataclass(frozen=True)
class Referent:
    actor_id: str | None  # None: not among the actors ("an official", "the Presidency")
    name: str
    type: str
    position: int
    gender: str | None = None
    named: bool = True  # False: a description of someone the article never names ("an official")


Agreement = Callable[[Referent], bool]


@dataclass
class Scene:
    """What a reference may point back to in one article: the named mentions outside quotes (a
    name inside a quote is someone the speaker talks about), each actor's titles and gender, and
    the speakers so far."""
    context: Context
    genders: dict[str, str]
    named: Mentions = field(init=False)
    spoken: list[Referent] = field(default_factory=list)
    chained: dict[int, Referent | None] = field(default_factory=dict)  # he/she, "the senator" subjects resolved
    said_by: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # speaker start -> what they say
    parenthetical: list[tuple[int, int]] = field(default_factory=list)  # "Novak, [Berg said,]": who is told of
    _spans: dict[tuple[int, int], Span | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        context = self.context
        self.genders = dict(self.genders)  # grows as he/she resolve (``learn``); the caller's stays as given
        self.named = Mentions(m for m in context.mentions if m.method not in ("pronoun", "role")
                              and context.quote_at(m.start) is None)

    def span(self, start: int, end: int) -> Span | None:
        """The words over characters ``start:end`` (a mention, a speaker), cut once per article: the
        resolver looks at the same mentions' words from many references."""
        if (start, end) not in self._spans:
            self._spans[start, end] = self.context.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[start, end]

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Each actor's type as a speaker: a person if the model labelled any of its mentions one
        ("Brafman said" after "Brafman argued" was labelled an organisation), else its first type."""
        kinds: dict[str, str] = {}
        for mention in self.context.mentions:
            if kinds.setdefault(mention.actor_id, mention.type) != "person" and mention.type == "person":
                kinds[mention.actor_id] = "person"
        return kinds

    @cached_property
    def places(self) -> frozenset[str]:
        """The actors ``mentions.places`` finds among the names outside quotes: a mention of one
        labelled a person is taken for the place it is (``referent``)."""
        return places(self.named)

    @cached_property
    def roles(self) -> dict[str, set[str]]:
        """Each actor's nouns (``roles``), worked out when a description first asks for them: a
        quarter of the articles never do (train: 199 of 839)."""
        return roles(self)

    @cached_property
    def introduced(self) -> set[int]:
        """Where a person is named for the first time (outside quotes) with who they are ("...
        troubles Henry Lund, president of the caucus."): news introduces a new voice so just before
        quoting it, so the mention counts as a subject of its sentence. Worked out once per article,
        not for each reference that looks back over it."""
        doc, titles = self.context.doc, self.context.cues.person_titles
        seen: set[str | None] = set()
        found = set()
        for mention in self.named:
            if mention.actor_id in seen:
                continue
            seen.add(mention.actor_id)
            span = self.span(mention.start, mention.end)
            if (span is not None and mention.type == "person"
                    and span.end < len(doc) and doc[span.end].text == ","  # set off: not "in Leeds, Alabama the"
                    and any(c.dep_ == "appos" and c.lemma_.lower() in titles and not subject_misread(c)
                            for c in span.root.children)):
                found.add(mention.start)
        return found

    @cached_property
    def asked(self) -> set[int]:
        """Where a person is the one the sentence's own verb asks ("Conroy asked Sanders whether
        ..."): the quote after it is the answer, so the mention counts as a subject, later than the
        asker. Worked out once per article, not for each reference that looks back over it."""
        return {start for start, root in self._asking if root.dep_ == "dobj" and root.head.dep_ == "ROOT"}

    @cached_property
    def askers(self) -> set[int]:
        """Where a person is the one who asks ("Winfrey also asked about the visit"; "Wallace asked
        whether ..., to which Lund replied"; "Holm pressed the minister"): the quote after a
        question is the answer, so the asker is no subject a later "she said" continues. Who
        questions a thing ("Zarate questioned Trump's logic") asks no one."""
        titles = self.context.cues.person_titles
        return {start for start, root in self._asking if root.dep_ == "nsubj"
                and all(o.pos_ in ("PROPN", "PRON") or o.lemma_.lower() in titles
                        for o in root.head.children if o.dep_ == "dobj")}

    @cached_property
    def _asking(self) -> list[tuple[int, Token]]:
        """``(start, root)`` of each named mention whose root hangs from a verb of asking."""
        asking, found = self.context.cues.asking, []
        for mention in self.named:
            span = self.span(mention.start, mention.end)
            if span is not None and (root := span.root).head.lemma_.lower() in asking:
                found.append((mention.start, root))
        return found

    @cached_property
    def pronoun_genders(self) -> dict[str, str]:
        """The gender most of each actor's he/him/she/her mentions (``coreference``) say, where they
        say one more often than the other."""
        text, counts = self.context.text, {}
        for mention in self.context.mentions:
            gender = PRONOUN_GENDER.get(text[mention.start:mention.end].lower())
            if gender is not None and mention.method == "pronoun":
                counts.setdefault(mention.actor_id, Counter())[gender] += 1
        return {actor_id: tally.most_common(1)[0][0] for actor_id, tally in counts.items()
                if tally["male"] != tally["female"]}

    @cached_property
    def present(self) -> list[Mention]:
        """The named mentions a he/she or a body's "they" may point back to: not a name inside a noun
        phrase it only modifies ("in the Ola Berg briefing room", "against Houthi rebels"), which names
        a room or a group, not someone in the scene. A phrase that is a subject keeps its name unless
        it opens before the name ("the Holm campaign said"): the tagger takes the "co" of "Maria Novak
        co-hosts the show" for a noun, and "waves" of "Ruth Adler waves to the crowd" for one it
        makes the sentence's root (``before_misread_verb``)."""
        return [mention for mention in self.named if not self._modifies(mention)]

    def _modifies(self, mention: Mention) -> bool:
        doc, columns = self.context.doc, words(self.context.doc)
        last = token_at(doc, mention.end - 1, after=False)
        head = columns.head[last.i] if last is not None else None
        if head is None or columns.dep[last.i] != "compound" or columns.pos[head] != "NOUN" \
                or before_misread_verb(last):  # "Ruth Adler waves to the crowd": a verb read as a noun
            return False
        return columns.dep[head] not in SUBJECTS or any(
            child.dep_ in ("det", "poss") and child.idx < mention.start for child in doc[head].children)

    def named_at(self, position: int) -> Mention | None:
        """The named mention outside quotes covering ``position``, if any."""
        return self.named.at(position)

    def referent(self, mention: Mention) -> Referent:
        kind = "state" if mention.type == "person" and mention.actor_id in self.places else mention.type
        return Referent(mention.actor_id, mention.name, kind, mention.start, self.genders.get(mention.actor_id))

    def learn(self, referent: Referent | None, pronoun: str) -> None:
        """A he/she resolved to an actor whose gender nothing stated tells it ("Sanders laughed.
        '...,' he said": a later "she" is not Sanders), unless the article's he/she mentions of
        that actor say the other gender more often: one "she" taken for Sanders must not make every
        later "he" someone else."""
        if referent is None or referent.actor_id is None or referent.actor_id in self.genders:
            return
        gender = PERSON_PRONOUNS[pronoun]
        if self.pronoun_genders.get(referent.actor_id, gender) != gender:
            return
        self.genders[referent.actor_id] = gender
        self.spoken = [replace(r, gender=gender) if r.actor_id == referent.actor_id else r for r in self.spoken]
        self.chained = {i: replace(r, gender=gender) if r is not None and r.actor_id == referent.actor_id else r
                        for i, r in self.chained.items()}

    def sentence(self, position: int) -> int:
        return index_at(self.context.sentence_starts, position)


def roles(scene: Scene) -> dict[str, set[str]]:
    """The nouns the article uses for each actor: a title before a name that modifies it ("Indiana
    Gov. Mike Pence" -> governor; not "rally" in "At the rally Pence said") or opening it ("Lawyer
    Karl Lind", as the model may mark it), a noun in apposition ("Bill de Blasio, the mayor"; "the
    mayor, Bill de Blasio"), an organisation's own last word ("the Clinton campaign" -> campaign) or
    the kind of body its name is written before ("the Baltic Courier newspaper" -> newspaper)."""
    context = scene.context
    doc, abbreviations, columns = context.doc, context.cues.abbreviations, words(context.doc)

    def noun(i: int) -> str:
        return abbreviations.get(columns.lower[i], columns.lemma[i])

    roles: dict[str, set[str]] = {}
    for mention in scene.named:
        span = scene.span(mention.start, mention.end)
        if span is None:
            continue
        nouns = roles.setdefault(mention.actor_id, set())
        titling = set(range(span.start, span.end))  # the name, then each word before it that modifies it
        for i in reversed(range(max(0, span.start - TITLE_WORDS), span.start)):
            if columns.pos[i] not in ("PROPN", "NOUN", "ADJ") or doc[i].is_punct or columns.head[i] not in titling:
                break  # "Men under 35 support Sanders": a verb the tagger took for a noun titles no one
            titling.add(i)
            nouns.add(noun(i))
        for i in range(span.start, span.end - 1):  # "Lawyer Karl Lind", where the model took the title into the name
            if noun(i) not in context.cues.person_titles:
                break
            nouns.add(noun(i))
        nouns |= {apposed.lemma_.lower() for apposed in appositions(span.root)}
        kind = span.root.head.i  # the noun the name is compounded into, if any
        if mention.type == "organization" and span.root.dep_ == "compound" and kind >= span.end \
                and columns.lemma[kind] in context.cues.kinds:
            nouns.add(columns.lemma[kind])
        if mention.type != "person":
            nouns.add(columns.lemma[span.end - 1])
    return roles
