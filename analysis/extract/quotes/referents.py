"""Who "he", "it" or "the senator" is when they speak.

The rules in ``rules`` and ``reports`` find a speaker as the words the article used. When those
words are a pronoun or a description, the speaker is named here by what they refer to, if
something agrees: gender for he/she (``coreference.person_genders``; a title such as
"spokeswoman"), a body (organisation, state) for it/they, a title the article gave the person for
"the senator" ("Sen. Bernie Sanders"), an issuer for "the statement". Preference follows how news
is written: the speaker of the quotes around it or the subject of this sentence or the one
before, whichever came last, then the nearest mention that agrees, then the last speaker who agrees if nobody else who
agrees was named since. The referent may be someone the article never names ("an official said
... '...,' he added"): the speaker is then that description, unresolved. With nothing agreeing
the speaker stays the mention itself, unresolved; a pronoun is never named across a gender
mismatch.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from analysis.corpus.tables import index_at
from analysis.extract.actors import MODEL_TYPES
from analysis.extract.mentions import Mention
from analysis.extract.quotes.spans import Attribution, Context, Passage
from analysis.extract.quotes.speakers import relative_of

PERSON_PRONOUNS = {"he": "male", "she": "female"}
BODY_PRONOUNS = frozenset({"it", "they"})
BODIES = frozenset({"organization", "state", "international_body"})
DEFINITE = frozenset({"the", "this", "that"})
OWNER_PREPOSITIONS = frozenset({"from", "by", "of"})
SPEAKER_PARAGRAPHS = 2  # a quoted speaker is still the one talking two paragraphs on
SUBJECT_SENTENCES = 1   # the subject of this sentence or the one before
NEAREST_SENTENCES = 2   # any mention that agrees, this far back
ISSUED_SENTENCES = 3    # "the statement" refers to one issued this far back
TITLE_WORDS = 4         # words of a title before a name: "former Indiana Gov. Mike Pence"


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
    named: list[Mention] = field(init=False)
    roles: dict[str, set[str]] = field(init=False)
    spoken: list[Referent] = field(default_factory=list)

    def __post_init__(self) -> None:
        context = self.context
        self.named = [m for m in context.mentions if m.method not in ("pronoun", "role")
                      and context.quote_at(m.start) is None]
        self.roles = _roles(context, self.named)

    def referent(self, mention: Mention) -> Referent:
        return Referent(mention.actor_id, mention.name, mention.type, mention.start, self.genders.get(mention.actor_id))

    def sentence(self, position: int) -> int:
        return index_at(self.context.sentence_starts, position)


def resolve_speakers(context: Context, passages: list[Passage], genders: dict[str, str]) -> list[Passage]:
    """``passages`` with each pronoun or description speaker named by its referent, or marked
    unresolved; in order of the speakers' positions, so a "he" named here is the speaker the next
    "he" may continue."""
    scene = Scene(context, genders)
    decided: dict[int, Attribution] = {}
    order = sorted(range(len(passages)), key=lambda i: (passages[i].attribution.speaker_start is None,
                                                        passages[i].attribution.speaker_start or 0, i))
    result = list(passages)
    for index in order:
        attribution = passages[index].attribution
        anchor = attribution.speaker_start
        if anchor is None:
            continue
        if anchor not in decided:
            decided[anchor] = _resolved(scene, attribution)
        attribution = replace(decided[anchor], method=attribution.method, confidence=attribution.confidence)
        result[index] = replace(passages[index], attribution=attribution)
        if context.quote_at(anchor) is None and (speaker := _speaker(scene, attribution)) is not None:
            scene.spoken.append(speaker)
    return result


def _resolved(scene: Scene, attribution: Attribution) -> Attribution:
    """The attribution named by its referent; named speakers are left as they are."""
    if attribution.resolution == "named":
        return attribution
    doc = scene.context.doc
    span = doc.char_span(attribution.speaker_start, attribution.speaker_end, alignment_mode="expand")
    if span is None:
        return attribution
    if (described := relative_of(span.root)) is not None:  # "the report, which claimed": the report
        if described.pos_ == "PROPN":
            return attribution  # "Mayor Joan Ortiz, who said": named by the rules already
        span = doc[described.left_edge.i:described.i + 1]
    word = span.text.lower()
    if word in PERSON_PRONOUNS or word in BODY_PRONOUNS:
        agrees = _pronoun_agreement(word)
        speakers, subjects = _around(scene, span, agrees)
        around = _latest(speakers + subjects)
        if word == "it":  # "it reads": the email or report just mentioned comes before any body
            found = _issuer_before(scene, span.root) or around or _nearest(scene, span, agrees)
        else:
            found = around or _nearest(scene, span, agrees) or _sole_speaker(scene, span, agrees)
        how = "pronoun→name"
    else:
        found, how = _described(scene, span), "description→name"
    if found is None and (attribution.actor_id is None or how == "description→name"):
        return attribution  # a description the registry says the actor fits ("the ministry") stays
    if found is None:  # a pronoun's resolution that nothing here agrees with is undone, never kept as a guess
        return replace(attribution, speaker=attribution.surface, actor_id=None, resolution="unresolved")
    return replace(attribution, speaker=found.name, actor_id=found.actor_id,
                   resolution=how if found.named else "unresolved")


def _speaker(scene: Scene, attribution: Attribution) -> Referent | None:
    """Who spoke, as a later "he" or "it" may refer to them: an actor, or an unnamed one ("an
    official", "the ministry"), a person when its noun titles people."""
    if attribution.actor_id is not None:
        kind = next((m.type for m in scene.context.mentions if m.actor_id == attribution.actor_id), "person")
        return Referent(attribution.actor_id, attribution.speaker, kind, attribution.speaker_start,
                        scene.genders.get(attribution.actor_id))
    doc, cues = scene.context.doc, scene.context.cues
    span = doc.char_span(attribution.speaker_start, attribution.speaker_end, alignment_mode="expand")
    if span is None or attribution.speaker is None:
        return None
    if span.root.pos_ == "PROPN":  # a name outside the actors ("Reynolds says")
        kind = MODEL_TYPES.get(span.root.ent_type_ or "PERSON", "place")  # "Europe" speaks for no one
        return Referent(None, attribution.speaker, kind, attribution.speaker_start)
    if span.root.pos_ != "NOUN":
        return None
    noun = span.root.lemma_.lower()
    kind = "person" if noun in cues.person_titles else "organization"
    return Referent(None, attribution.speaker, kind, attribution.speaker_start, cues.gendered.get(noun),
                    named=attribution.resolution != "unresolved")


def _pronoun_agreement(word: str) -> Agreement:
    if word in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[word]
        return lambda r: r.type == "person" and r.gender in (None, gender)
    return lambda r: r.type in BODIES


def _around(scene: Scene, span: Span, agrees: Agreement) -> tuple[list[Referent], list[Referent]]:
    """The speakers of the quotes in this paragraph and the two before, and the main-clause
    subjects of this sentence and the one before, that agree."""
    context, start = scene.context, span.start_char
    paragraph, sentence = context.paragraph_of(start), scene.sentence(start)
    speakers = [r for r in scene.spoken if r.position < start and agrees(r)
                and paragraph - context.paragraph_of(r.position) <= SPEAKER_PARAGRAPHS]
    subjects = [scene.referent(m) for m in scene.named if m.start < start and m.is_subject
                and sentence - m.sentence_id <= SUBJECT_SENTENCES and _in_main_clause(scene, m)]
    return speakers, [r for r in subjects if agrees(r)]


def _in_main_clause(scene: Scene, mention: Mention) -> bool:
    """The subject of the sentence's own verb, not of a clause inside it ("Harvey, who
    acknowledged Trump was his fourth choice")."""
    span = scene.context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    verb = span.root.head if span is not None else None
    return verb is not None and (verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _nearest(scene: Scene, span: Span, agrees: Agreement) -> Referent | None:
    sentence = scene.sentence(span.start_char)
    return _latest([r for r in (scene.referent(m) for m in scene.named if m.end <= span.start_char
                                and sentence - m.sentence_id <= NEAREST_SENTENCES) if agrees(r)])


def _sole_speaker(scene: Scene, span: Span, agrees: Agreement) -> Referent | None:
    """The last speaker who agrees, further back, when nobody else who agrees was named since:
    "Lula commented ... [two paragraphs on Brazil] ... '...,' he told reporters"."""
    last = _latest([r for r in scene.spoken if r.position < span.start_char and agrees(r)])
    if last is None or any(last.position < m.start < span.start_char and m.actor_id != last.actor_id
                           and agrees(scene.referent(m)) for m in scene.named):
        return None
    return last


def _described(scene: Scene, span: Span) -> Referent | None:
    """"the senator": the latest actor the article gave that title (a quoted speaker first), else,
    for a noun that titles people ("the candidate"), the person speaking or the subject around it;
    "the statement", "a statement from the office": whoever issued it."""
    head, cues = span.root, scene.context.cues
    if head.pos_ != "NOUN":
        return None
    noun = head.lemma_.lower()
    if noun in cues.artifacts:
        return _issuer(scene, head)
    if not (span[0].lower_ in DEFINITE or any(c.dep_ == "poss" for c in head.children)):
        return None  # "a spokesman" is someone not named
    titled = [r for r in scene.spoken if r.position < span.start_char and noun in scene.roles.get(r.actor_id, ())]
    earlier = [scene.referent(m) for m in scene.named
               if m.end <= span.start_char and noun in scene.roles.get(m.actor_id, ())]
    if titled or earlier or noun not in cues.person_titles:
        return _latest(titled) or _latest(earlier)
    gender = cues.gendered.get(noun)  # "the businessman"
    speakers, subjects = _around(scene, span, lambda r: r.type == "person" and r.gender in (None, gender or r.gender))
    return _latest(speakers) or _latest(subjects)


def _issuer(scene: Scene, head: Token) -> Referent | None:
    """Who issued a statement, report or video: its owner ("the ministry's statement", "a
    statement from the Presidency", "the IMF report"); for "the statement" with none, the issuer
    of one mentioned in the sentences before."""
    owner = _owner(scene, head)
    if owner is not None or not any(c.lower_ in DEFINITE for c in head.children if c.dep_ == "det"):
        return owner
    speakers, _ = _around(scene, scene.context.doc[head.i:head.i + 1], lambda r: r.type in BODIES and r.named)
    return _issuer_before(scene, head) or _latest(speakers)


def _issuer_before(scene: Scene, token: Token) -> Referent | None:
    """The issuer of the last statement, report or email mentioned in the sentences before
    ("an email sent by X ... '...,' it reads")."""
    sentence = scene.sentence(token.idx)
    for earlier in reversed(scene.context.doc[:token.i]):
        if sentence - scene.sentence(earlier.idx) > ISSUED_SENTENCES:
            return None
        is_artifact = earlier.pos_ == "NOUN" and earlier.lemma_.lower() in scene.context.cues.artifacts
        if is_artifact and (owner := _owner(scene, earlier)) is not None:
            return owner
    return None


def _owner(scene: Scene, noun: Token) -> Referent | None:
    """The actor a noun belongs to: "X's", "from/by/of X", "the X report"; a name outside the
    actors ("a statement from the Presidency") speaks as written; "the office of X" is X's."""
    for child in noun.children:
        target = child
        if child.dep_ == "acl":  # "an email sent by X"
            child = next((c for c in child.children if c.dep_ == "agent"), None)
            if child is None:
                continue
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ not in ("poss", "compound"):
            continue
        if target is None:
            continue
        mention = next((m for m in scene.named if m.start <= target.idx < m.end), None)
        if mention is not None:
            return scene.referent(mention)
        if target.pos_ == "PROPN" and child.dep_ in ("prep", "agent"):
            words = [t for t in target.subtree if t.i <= target.i]
            text = scene.context.text[words[0].idx:target.idx + len(target)]
            return Referent(None, text, "organization", target.idx)
        if target.pos_ == "NOUN" and child.dep_ == "prep":
            return _owner(scene, target)
    return None


def _roles(context: Context, named: list[Mention]) -> dict[str, set[str]]:
    """The nouns the article uses for each actor: a title before a name ("Indiana Gov. Mike Pence"
    -> governor), a noun in apposition ("Bill de Blasio, the mayor"; "the mayor, Bill de Blasio"),
    an organisation's own last word ("the Clinton campaign" -> campaign)."""
    doc, abbreviations = context.doc, context.cues.abbreviations
    roles: dict[str, set[str]] = {}
    for mention in named:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        words = roles.setdefault(mention.actor_id, set())
        for token in reversed(doc[max(0, span.start - TITLE_WORDS):span.start]):
            if token.is_punct or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
                break
            words.add(abbreviations.get(token.lower_, token.lemma_.lower()))
        words |= {child.lemma_.lower() for child in span.root.children if child.dep_ == "appos"}
        if span.root.dep_ == "appos":
            words.add(span.root.head.lemma_.lower())
        if mention.type != "person":
            words.add(span[-1].lemma_.lower())
    return roles


def _latest(found: list[Referent]) -> Referent | None:
    return max(found, key=lambda r: r.position) if found else None
