"""Who "he", "it" or "the senator" is when they speak.

The rules in ``rules`` and ``reports`` find a speaker as the words the article used. When those
words are a pronoun or a description, the speaker is named here by what they refer to, if
something agrees: gender for he/she (``coreference.person_genders``; a title such as
"spokeswoman"; a he/she already resolved to that person), a body (organisation, state) for it,
a body or a group for they, a title the article gave the person for "the senator" ("Sen. Anna
Holm"), an issuer for "the statement". Preference follows how news is written: the speaker of
the quotes around it or the subject of this sentence or the one before, whichever came in the
later sentence (its subject before a speaker within it; a person the sentence introduces with
who they are counts as its subject; for he/she, a person that sentence makes the subject of any
clause or an owner beats a speaker of an earlier one), for "he added" the last speaker (for "the
politician added" too, when nobody titled so or around it agrees), then for a pronoun the
nearest mention that agrees, then the last speaker who agrees if nobody else who agrees was named
since. "The sentence before" is counted from where the quotes begin ("'… . … .,' she said"), and
past a lead-in that only opens them with a colon ("Here is a short list:"); a subject that is
itself "she" or "the senator" stands for whom it refers to, and a he/she in a clause opening its
sentence for the person named in the subject of the clause it opens ("While he may mean well,
the idea that Dahl would ..."). "A businessman" who opens a paragraph is whom the next
paragraph opens by naming; "the two ministers" are the two people a sentence just before names.
The referent may be someone the article never names ("an
official said ... '...,' he added"): the speaker is then that description, unresolved. With
nothing agreeing the speaker stays the mention itself, unresolved; a pronoun is never named
across a gender mismatch.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from analysis.extract.actors import MODEL_TYPES
from analysis.extract.dates.patterns import NUMBERS as NUMBER_WORDS
from analysis.extract.mentions import SUBJECTS, Mention, Spans, appositions, mention_at
from analysis.extract.nlp import sentence_of, words
from analysis.extract.quotes.scene import PERSON_PRONOUNS, Agreement, Referent, Scene
from analysis.extract.quotes.spans import Attribution, Context, Passage
from analysis.extract.quotes.speakers import is_age, relative_of
from analysis.registries.cues import Cues, cue_kind
from analysis.schema import QUOTE_KINDS

BODY_PRONOUNS = frozenset({"it", "they"})
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
BODIES = frozenset({"organization", "state", "international_body"})
ORGANISATIONS = BODIES - {"state"}  # what "the company" or "the campaign" may be
DEFINITE = frozenset({"the", "this", "that"})
NOBODY = frozenset({"no"})
OWNER_PREPOSITIONS = frozenset({"from", "by", "of"})
NAMING = frozenset({"", "ORG", "PERSON"})  # what a name before a document may be labelled: not a date, not a place
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})  # labels of no name
SPEAKER_PARAGRAPHS = 2  # a quoted speaker is still the one talking two paragraphs on
SUBJECT_SENTENCES = 1   # the subject of this sentence or the one before
NEAREST_SENTENCES = 2   # any mention that agrees, this far back
ISSUED_SENTENCES = 3    # "the statement" refers to one issued this far back


def resolve_speakers(context: Context, passages: list[Passage], genders: dict[str, str]) -> list[Passage]:
    """``passages`` with each pronoun or description speaker named by its referent, or marked
    unresolved; in order of the speakers' positions, so a "he" named here is the speaker the next
    "he" may continue. Who speaks inside a quote or inside what an earlier speaker reports ("Berg
    says Novak is trying to delay the licences ...") is not a speaker the next "he" continues."""
    scene = Scene(context, genders)
    decided: dict[int, Attribution] = {}
    since: dict[int, int] = {}  # where each speaker's quotes begin: "'…. …,' he said" looks back from the quote
    for passage in passages:
        if (anchor := passage.attribution.speaker_start) is not None:
            since[anchor] = min(since.get(anchor, anchor), passage.start)
            if passage.end <= anchor and passage.kind == "indirect":  # "..., the columnist suggested"
                scene.said_by.setdefault(anchor, []).append((passage.start, passage.end))
            elif passage.start < anchor < passage.end and passage.kind == "indirect":  # "Novak, Berg said, has"
                scene.parenthetical.append((passage.start, anchor))
    order = sorted(range(len(passages)), key=lambda i: (passages[i].attribution.speaker_start is None,
                                                        passages[i].attribution.speaker_start or 0, i))
    result = list(passages)
    reported = Spans((p.start, p.end) for p in passages if p.kind not in QUOTE_KINDS
                     and p.attribution.speaker_start is not None and p.attribution.speaker_start < p.start)
    for index in order:
        attribution = passages[index].attribution
        anchor = attribution.speaker_start
        if anchor is None:
            continue
        if anchor not in decided:
            decided[anchor] = _resolved(scene, attribution, since[anchor])
            _remember(scene, decided[anchor])
        named = decided[anchor]  # one speaker, named once; each passage keeps its own cue
        if (named.speaker, named.actor_id, named.resolution) != (attribution.speaker, attribution.actor_id,
                                                                 attribution.resolution):  # most are named as they were
            attribution = replace(attribution, speaker=named.speaker, actor_id=named.actor_id,
                                  resolution=named.resolution)
            result[index] = replace(passages[index], attribution=attribution)
        if context.quote_at(anchor) is None and not reported.overlap(anchor, anchor + 1) \
                and (speaker := _speaker(scene, attribution)) is not None:
            scene.spoken.append(speaker)
    return result


def _resolved(scene: Scene, attribution: Attribution, since: int) -> Attribution:
    """The attribution named by its referent; named speakers are left as they are. ``since`` is
    where its quotes begin, from where "the sentence before" is counted."""
    if attribution.resolution == "named":
        return attribution
    doc = scene.context.doc
    span = scene.span(attribution.speaker_start, attribution.speaker_end)
    if span is None:
        return attribution
    if (described := relative_of(span.root)) is not None:  # "the report, which claimed": the report
        if described.pos_ == "PROPN":
            return attribution  # "Mayor Joan Ortiz, who said": named by the rules already
        span = doc[described.left_edge.i:described.i + 1]
    word = span.text.lower()
    if word in PERSON_PRONOUNS or word in BODY_PRONOUNS:
        agrees = _pronoun_agreement(word)
        if word == "it":  # "it reads": the email or report just mentioned comes before any body
            found = _issuer_before(scene, span.root) or _referred(scene, span.start_char, since, agrees)
        else:
            found = (_continued(scene, attribution, since, agrees)
                     or _pronoun_referent(scene, word, span.start_char, since) or _sole_speaker(scene, span, agrees))
            if word in PERSON_PRONOUNS:
                scene.learn(found, word)
        how = "pronoun→name"
    else:
        found, how = _described(scene, span, since), "description→name"
        if found is None and span.root.tag_ != "NNS" and _titles_person(scene, span.root):
            # "'…,' the veteran politician added": the last speaker who agrees, however far back, as for "he added"
            gender = scene.context.cues.gendered.get(span.root.lemma_.lower())
            found = _continued(scene, attribution, since, _named_person(gender))
        if found is None and attribution.actor_id is None and _is_body(scene, span.root):
            found = _body_around(scene, span, since)
    if found is None and (attribution.actor_id is None or how == "description→name"):
        return attribution  # a description the registry says the actor fits ("the ministry") stays
    if found is None:  # a pronoun's resolution that nothing here agrees with is undone, never kept as a guess
        return replace(attribution, speaker=attribution.surface, actor_id=None, resolution="unresolved")
    return replace(attribution, speaker=found.name, actor_id=found.actor_id,
                   resolution=how if found.named else "unresolved")


def _body_around(scene: Scene, span: Span, since: int) -> Referent | None:
    """"the group", "the paper": the body named around it that agrees, of the kinds its noun may
    describe (a state for "the government", never for "the company")."""
    kinds = BODIES if span.root.lemma_.lower() in scene.context.cues.state_bodies else ORGANISATIONS
    return _referred(scene, span.start_char, since, lambda r: r.type in kinds and r.named)


def _remember(scene: Scene, attribution: Attribution) -> None:
    """A he/she or "the senator" named as a speaker stands for that person when a later reference
    looks back to it as a subject ("'...,' the senator said. He noted ..."), not for whom the
    same words would mean looked at on their own from there."""
    if attribution.resolution not in ("pronoun→name", "description→name"):
        return
    span = scene.span(attribution.speaker_start, attribution.speaker_end)
    referent = _speaker(scene, attribution)
    if span is not None and referent is not None:
        scene.chained.setdefault(span.root.i, replace(referent, position=span.root.idx))


def _continued(scene: Scene, attribution: Attribution, since: int, agrees: Agreement) -> Referent | None:
    """"'…,' he added": a verb that goes on from something already said (``continuing_verbs``)
    means the last speaker who agrees, however far back, not whoever was the subject since (a
    photo caption's)."""
    cue = scene.context.doc.char_span(attribution.cue_start, attribution.cue_end) \
        if attribution.cue_start is not None else None
    if cue is None or cue.root.lemma_.lower() not in scene.context.cues.continuing:
        return None
    return _latest([r for r in scene.spoken if r.position < attribution.speaker_start and agrees(r)])


def _speaker(scene: Scene, attribution: Attribution) -> Referent | None:
    """Who spoke, as a later "he" or "it" may refer to them: an actor, or an unnamed one ("an
    official", "the ministry"), a person when its noun titles people; a person's body ("his
    campaign") is a body, which no later "he" continues. "The Holm campaign" is named by its
    name, so a later "the statement" may be its."""
    cues = scene.context.cues
    if attribution.actor_id is not None:
        kind = scene.kinds.get(attribution.actor_id, "person")
        if kind == "person" and attribution.resolution == "description→name" and _body_noun(scene, attribution):
            kind = "organization"
        return Referent(attribution.actor_id, attribution.speaker, kind, attribution.speaker_start,
                        scene.genders.get(attribution.actor_id) if kind == "person" else None)
    span = scene.span(attribution.speaker_start, attribution.speaker_end)
    if span is None or attribution.speaker is None:
        return None
    root = span.root  # ``Span.root`` walks the span on every access
    if root.pos_ == "PROPN":  # a name outside the actors ("Lund says")
        kind = MODEL_TYPES.get(root.ent_type_ or "PERSON", "place")  # "Europe" speaks for no one
        return Referent(None, attribution.speaker, kind, attribution.speaker_start)
    if root.pos_ != "NOUN" or any(c.lower_ in NOBODY for c in root.children if c.dep_ == "det"):
        return None  # "No one said": no one a later "he" is
    noun = root.lemma_.lower()
    if root.tag_ == "NNS":  # "aides said": a group, for a later "they" only
        kind = "group"
    else:
        kind = "person" if noun in cues.person_titles else "organization"
    return Referent(None, attribution.speaker, kind, attribution.speaker_start, cues.gendered.get(noun),
                    named=attribution.resolution != "unresolved" or kind == "organization" and _name_compound(root))


def _body_noun(scene: Scene, attribution: Attribution) -> bool:
    """The speaker's words are a body's noun ("His campaign", "her office")."""
    span = scene.span(attribution.speaker_start, attribution.speaker_end)
    return span is not None and span.root.lemma_.lower() in scene.context.cues.bodies


def _pronoun_agreement(word: str) -> Agreement:
    if word in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[word]
        return lambda r: r.type == "person" and r.gender in (None, gender)
    if word == "they":
        return lambda r: r.type in BODIES or r.type == "group"
    return lambda r: r.type in BODIES


def _pronoun_referent(scene: Scene, word: str, start: int, since: int) -> Referent | None:
    return _referred(scene, start, since, _pronoun_agreement(word), PERSON_PRONOUNS.get(word))


def _referred(scene: Scene, start: int, since: int, agrees: Agreement, gender: str | None = None) -> Referent | None:
    """Who a reference at ``start`` most likely means: the latest speaker or subject around it
    that agrees, else the nearest mention that agrees. For a he/she (``gender``), a speaker of an
    earlier sentence gives way to a person the sentence before makes the subject of any clause or
    an owner ("Aides say Anna Berg advises ...", "heard Minister Eva Dahl's briefing. She called
    ..."): the quotes have moved on to whom the text just turned to. A person of
    that known gender named after a choice whose gender nothing says comes first ("Minister Robin
    Holm described Eva Lund as a liability after she criticised ...")."""
    speakers, subjects = _around(scene, start, since, agrees)
    chosen = _salient(scene, speakers, subjects) or _nearest(scene, start, since, agrees)
    if gender is not None and chosen is not None and any(chosen is s for s in speakers):
        near = _latest([r for r in (scene.referent(m) for m in _participants(scene, start, since)) if agrees(r)])
        if near is not None and scene.sentence(near.position) > scene.sentence(chosen.position):
            chosen = near
    if chosen is None or gender is None or chosen.gender is not None:
        return chosen
    surer = _nearest(scene, start, since, lambda r: r.type == "person" and r.gender == gender)
    same = surer is not None and scene.sentence(surer.position) == scene.sentence(start)
    return surer if same and surer.position > chosen.position else chosen


def _salient(scene: Scene, speakers: list[Referent], subjects: list[Referent]) -> Referent | None:
    """The latest sentence's subject, or its speaker when its subject does not agree: "Dahl
    has been under scrutiny since, with shipments tracked by Nordposten. He ..." is Dahl."""
    ranked = [(scene.sentence(r.position), rank, r.position, r) for rank, group in enumerate((speakers, subjects))
              for r in group]
    return max(ranked, key=lambda entry: entry[:3])[3] if ranked else None


def _around(scene: Scene, start: int, since: int, agrees: Agreement) -> tuple[list[Referent], list[Referent]]:
    """The speakers of the quotes in this paragraph and the two before, and the main-clause
    subjects of this sentence and the one before (counted from ``since``, past a colon lead-in:
    ``_reach``), that agree. A he/she subject stands for whom it refers to ("Jane Roe, 29, lives
    at home. She still ... '...,' she said"); a subject inside what the speaker at ``start``
    reports is not them ("But Lund shares one worry with the exporters, the columnist
    suggested"), and neither is one before a cue set off in commas ("Novak, Berg said, has
    turned ..."), for any later reference. Who asks is no speaker or subject here: the quote
    after a question is the answer (``Scene.askers``)."""
    context = scene.context
    paragraph, sentence, reach = context.paragraph_of(since), scene.sentence(since), _reach(scene, since)
    speakers = [r for r in scene.spoken if r.position < start and agrees(r) and r.position not in scene.askers
                and paragraph - context.paragraph_of(r.position) <= SPEAKER_PARAGRAPHS]
    said = [*scene.said_by.get(start, ()), *scene.parenthetical]  # "But Lund shares one worry ..., the columnist
    # suggested" is not Lund; nor is a later "he" the Novak of "Novak, Berg said, has turned ..."
    subjects = [scene.referent(m) for m in scene.named if m.start < start
                and sentence - m.sentence_id <= reach
                and (m.is_subject and _sentence_subject(m.start, m.end, scene) or m.start in scene.introduced
                     or m.start in scene.asked) and m.start not in scene.askers
                and not any(s <= m.start < e for s, e in said)]
    subjects += [r for r in (_chained(scene, token) for token in _reference_subjects(scene, start, sentence, reach))
                 if r is not None]
    return speakers, [r for r in subjects if agrees(r)]


def _reach(scene: Scene, since: int) -> int:
    """How many sentences before the quotes' own a subject is looked for: one, and one more
    past a lead-in that only opens them with a colon ("... -- he had a dozen. Here's a brief
    sampling: ¶ '...,' he said": the sampling is no one's)."""
    starts, sentence = scene.context.sentence_starts, scene.sentence(since)
    lead_in = scene.context.text[starts[sentence - 1]:starts[sentence]] if sentence else ""
    return SUBJECT_SENTENCES + lead_in.rstrip().endswith(":")


def _reference_subjects(scene: Scene, start: int, sentence: int, reach: int) -> list[Token]:
    """he/she or "the senator" as the first subject of the ``reach`` sentences before this one
    and of this one, outside quotes: the person the sentence is about, named or not."""
    context, titles = scene.context, scene.context.cues.person_titles
    first = context.sentence_starts[max(0, sentence - reach)]
    before = context.doc.char_span(first, start, alignment_mode="expand") if first < start else None
    deps = words(context.doc).dep
    subjects = [context.doc[i] for i in range(before.start, before.end) if deps[i] in SUBJECTS] if before else []
    return [token for token in subjects if context.quote_at(token.idx) is None
            and (token.lower_ in PERSON_PRONOUNS or token.lemma_.lower() in titles and _definite(token))
            and _first_subject(token)]


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def _owned(noun: Token) -> bool:
    """"his campaign", "Kowalczyk's statement": a possessor says whose it is."""
    return any(c.dep_ == "poss" for c in noun.children)


def _first_subject(token: Token) -> bool:
    """No subject before it in its sentence: the sentence is about it, whatever the parser made the
    root ("At 29, she still lives at home, walls plastered with posters")."""
    deps = words(token.doc).dep
    return not any(dep in SUBJECTS for dep in deps[sentence_of(token).start:token.i])


def _chained(scene: Scene, token: Token) -> Referent | None:
    """Whom a he/she or "the senator" subject refers to, by the same preferences as a speaker,
    at its own place."""
    if token.i not in scene.chained:
        scene.chained[token.i] = None  # a chain never loops back on itself
        if token.lower_ in PERSON_PRONOUNS:
            found = _cataphor(scene, token) or _pronoun_referent(scene, token.lower_, token.idx, token.idx)
            scene.learn(found, token.lower_)
        else:
            found = _described(scene, token.doc[token.left_edge.i:token.i + 1], token.idx)
        scene.chained[token.i] = None if found is None else replace(found, position=token.idx)
    return scene.chained[token.i]


def _cataphor(scene: Scene, token: Token) -> Referent | None:
    """The person a he/she in a clause that opens its sentence points forward to: the first named
    in the subject of the clause it opens, when they agree ("Although she lost, Berg stayed";
    "While he may be sincere, the notion that Lund would lead is puzzling"). "While he allowed
    ..., he estimated that most backed Lund" points back, as usual."""
    clause = token.head
    while clause.dep_ not in ("advcl", "ROOT") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "advcl" or clause.i > clause.head.i:
        return None  # not an opening clause
    subject = next((c for c in clause.head.children if c.dep_ in SUBJECTS and c.i > clause.i), None)
    if subject is None:
        return None
    fits = _pronoun_agreement(token.lower_)
    first, last = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    return next((r for m in scene.named if first <= m.start < last and fits(r := scene.referent(m))), None)


def _sentence_subject(start: int, end: int, scene: Scene) -> bool:
    """The subject of the sentence's own verb, not of a clause inside it ("Holm, who
    admitted Berg was his third pick"), or its first subject whatever the parser made
    the root ("Sen. Ingrid Dahl scolded him: '...'")."""
    span = scene.span(start, end)
    if span is None:
        return False
    root = span.root  # ``Span.root`` walks the span on every access
    subject = root.head if root.dep_ == "appos" else root  # "Lund's deputy, Maja Berg, ..."
    verb = subject.head
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT" or _first_subject(subject)


def _participants(scene: Scene, start: int, since: int) -> list[Mention]:
    """The people and bodies named in this sentence or the one before as a subject of any clause
    or as an owner ("Lund's statement"), not asking."""
    sentence = scene.sentence(since)
    return [m for m in scene.named if m.end <= start and sentence - m.sentence_id <= SUBJECT_SENTENCES
            and m.start not in scene.askers
            and (span := scene.span(m.start, m.end)) is not None
            and span.root.dep_ in ("nsubj", "nsubjpass", "poss")]


def _nearest(scene: Scene, start: int, since: int, agrees: Agreement) -> Referent | None:
    sentence = scene.sentence(since)
    return _latest([r for r in (scene.referent(m) for m in scene.present if m.end <= start
                                and sentence - m.sentence_id <= NEAREST_SENTENCES) if agrees(r)])


def _sole_speaker(scene: Scene, span: Span, agrees: Agreement) -> Referent | None:
    """The last speaker who agrees, further back, when nobody else who agrees was named since:
    "Novak commented ... [two paragraphs on the licences] ... '...,' he told reporters"."""
    last = _latest([r for r in scene.spoken if r.position < span.start_char and agrees(r)])
    if last is None or any(last.position < m.start < span.start_char and m.actor_id != last.actor_id
                           and agrees(scene.referent(m)) for m in scene.present):
        return None
    return last


def _described(scene: Scene, span: Span, since: int) -> Referent | None:
    """"the senator": the latest actor the article gave that title (a quoted speaker first), else,
    for a noun that titles people ("the candidate", "the Republican"), the speaker or the subject
    of the later sentence around it, as for "he" (``_salient``), but not any person merely named
    near it ("In an interview with hosts Hale and Lind, the senator said" is neither); a name
    the description stands in apposition to, before or after it, as written when the model took it
    for no actor ("the Election Day Project, a nonprofit that says"); "the statement", "a statement
    from the office": whoever issued it. "The lawyers" or "the ministers" are none of the people
    named before: a plural of people is left unresolved. "His lawyer" or "Berg's lawyer" is never
    he or Berg."""
    head, cues = span.root, scene.context.cues
    noun = head.lemma_.lower()
    person = _titles_person(scene, head)
    if person and head.tag_ == "NNS":  # "the lawyers" are more than any one person named before
        return _counted(scene, head)
    if head.pos_ != "NOUN" and not (head.pos_ in ("PROPN", "ADJ") and person):
        return None
    if noun in cues.artifacts:
        return _issuer(scene, head, since)
    for name in appositions(head):  # "Dahl, now the committee chair, who said"; "her adviser, Ann Lind, who said"
        if (named := scene.named_at(name.idx)) is not None:
            return scene.referent(named)
        if name.pos_ == "PROPN" and name.ent_type_ not in NUMERIC_LABELS:  # a name the model missed or misread
            return Referent(None, _phrase_to(scene, name), "person" if person else "organization", name.idx)
    if (called := _called(scene, head)) is not None:  # "a coalition called Rabbis for Open Ports answered"
        return called
    if noun in cues.bodies and any(c.dep_ == "poss" and (c.lower_ in POSSESSIVES or c.pos_ == "NOUN")
                                   for c in head.children):  # "his campaign", "the paper's editorial board"
        return _owned_body(scene, head)
    if not (span[0].lower_ in DEFINITE or _owned(head)):
        return _named_next(scene, head) if person else None  # "a spokesman" is someone not named
    qualifiers = _qualifiers(head)
    titled, earlier = _titled(scene, span.start_char, {noun} | qualifiers)
    loose = bool(qualifiers) and not (titled or earlier)  # "the Vermont senator", and no one is titled Vermont
    if loose:
        titled, earlier = _titled(scene, span.start_char, {noun})
    if not person:
        return _latest(titled) or _latest(earlier) or (_owned_before(scene, head) if _is_body(scene, head) else None)
    owner = _owner(scene, head) if _owned(head) else None  # "his lawyer", "Berg's lawyer": never he, never Berg
    if owner is not None:
        titled, earlier = ([r for r in found if r.actor_id != owner.actor_id] for found in (titled, earlier))
    gender = cues.gendered.get(noun)  # "the businessman"
    # someone the article never names is "the reporter" again only when met as "a reporter" (below), never
    # "the businessman" who answers the reporter
    fits = _named_person(gender)
    agrees: Agreement = lambda r: fits(r) and (owner is None or r.actor_id != owner.actor_id)  # noqa: E731
    speakers, subjects = _around(scene, span.start_char, since, agrees)
    rivals = [r for r in subjects if loose or not scene.roles.get(r.actor_id, set()) & cues.person_titles]
    if titled or earlier:  # "Dahl stopped by ... the senator said": a subject with no title may be it, and
        # any subject may be "the Vermont senator" when the senator titled so is someone else
        found = _latest(titled + rivals) or _latest(earlier)
    else:  # "the CEO of Salesforce" is nobody merely around it
        found = None if _of_named(scene, head) else _salient(scene, speakers, subjects)
    unnamed = _introduced_unnamed(scene, head)
    if unnamed is not None and (found is None or unnamed.position > found.position):
        return unnamed
    return found or _named_next(scene, head)


def _called(scene: Scene, head: Token) -> Referent | None:
    """The actor a naming participle gives the noun ("a coalition called Rabbis for Open Ports",
    "a group known as the Harbour Watch"): who the noun is, as an apposition would say."""
    for verb in head.children:
        if verb.dep_ == "acl" and verb.lemma_.lower() in scene.context.cues.naming:
            named = next((m for token in verb.subtree if token.i > verb.i
                          if (m := scene.named_at(token.idx)) is not None), None)
            if named is not None:
                return scene.referent(named)
    return None


def _of_named(scene: Scene, head: Token) -> bool:
    """The noun says whose it is by a name after it ("the CEO of Salesforce", "the head of the
    Nordic Peace Council"): a person of that body, not whoever the sentences around are about."""
    return any(prep.dep_ == "prep" and prep.lower_ in ("of", "at", "for")
               and any(o.dep_ == "pobj" and scene.named_at(o.idx) is not None for o in prep.children)
               for prep in head.children)


def _counted(scene: Scene, head: Token) -> Referent | None:
    """"the two ministers said": the people of the latest of the sentences just before that names
    that many people, all of them, as one speaker ("Ministers Ann Lund and Per Berg met the envoy");
    without a count, or with no such sentence, no one."""
    word = next((c.lower_ for c in head.children if c.dep_ == "nummod"), "")
    count = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)
    if count < 2:
        return None
    sentence = scene.sentence(head.idx)
    for back in range(sentence, max(-1, sentence - ISSUED_SENTENCES - 1), -1):
        people = {m.actor_id: m.name for m in scene.named if m.sentence_id == back
                  and m.end <= head.idx and scene.referent(m).type == "person"}
        if len(people) == count:
            names = list(people.values())
            return Referent(None, f"{', '.join(names[:-1])} and {names[-1]}", "group", head.idx)
    return None


def _named_next(scene: Scene, head: Token) -> Referent | None:
    """"KARLSKRONA - A businesswoman who chaired the council said Monday ... ¶ Lena Dahl said she
    ...": news may open a paragraph with who someone is, as its first subject, and name them as the
    subject of the next paragraph's first sentence, for the first time and with no description of
    their own ("The minister's new press secretary once said ... ¶ Karin Holm was"), or after
    opening with their words ("'...,' the veteran lawmaker said. ¶ Karin Holm was"). Anyone else
    met with "a" is not named."""
    context, doc = scene.context, head.doc
    paragraph = context.paragraph_of(head.idx)
    opening = doc.char_span(context.paragraphs[paragraph][0], head.idx, alignment_mode="expand")
    if head.dep_ not in SUBJECTS or paragraph + 1 >= len(context.paragraphs) or opening is None \
            or any(token.dep_ in SUBJECTS and context.quote_at(token.idx) is None for token in opening):
        return None
    following = scene.sentence(context.paragraphs[paragraph + 1][0])
    mention = next((m for m in scene.named if m.sentence_id == following), None)
    if mention is None or any(m.actor_id == mention.actor_id and m.start < mention.start for m in scene.named):
        return None  # named before: not whom the paragraph introduced
    span = scene.span(mention.start, mention.end)
    referent = scene.referent(mention)
    gender = context.cues.gendered.get(head.lemma_.lower())
    return referent if span is not None and span.root.dep_ in SUBJECTS and _first_subject(span.root) \
        and not appositions(span.root) and _named_person(gender)(referent) else None


def _titles_person(scene: Scene, head: Token) -> bool:
    """"the senator", and "the 52-year-old" as well: a noun that stands for a person."""
    return head.lemma_.lower() in scene.context.cues.person_titles or is_age(head)


def _named_person(gender: str | None) -> Agreement:
    """A named person of ``gender`` (from a gendered noun such as "the businessman"), or of any."""
    return lambda r: r.type == "person" and r.named and r.gender in (None, gender or r.gender)


def _owned_body(scene: Scene, head: Token) -> Referent | None:
    """"his campaign", "the paper's editorial board": the body of whoever the possessor means, named
    as theirs and counted as their side."""
    owner = _owner(scene, head)
    if owner is None or not owner.named:
        return None
    return Referent(owner.actor_id, f"{owner.name}'s {head.lower_}", "organization", head.idx)


def _owned_before(scene: Scene, head: Token) -> Referent | None:
    """"The campaign says" after "the Lund campaign website states" or "Lund's campaign": the body
    of that noun named, or owned by someone named, in the sentences just before, as "his
    campaign" is his."""
    for earlier in _same_noun_before(scene, head, ("NOUN",)):
        if earlier.tag_ != head.tag_:
            continue  # "the campaigns" are not the one campaign met before
        # "the Lund campaign website": that campaign, by the name before it (the parser may hang both on "website")
        before = head.doc[earlier.i - 1] if earlier.i else None
        name = scene.named_at(before.idx) if before is not None and before.dep_ == "compound" else None
        if name is not None:
            return Referent(None, scene.context.text[name.start:earlier.idx + len(earlier)], "organization", name.start)
        if _owned(earlier) and (owned := _owned_body(scene, earlier)) is not None:  # not "the court of appeals"
            return owned
    return None


def _introduced_unnamed(scene: Scene, head: Token) -> Referent | None:
    """"met by an official at a border post ... 'the official told them'": the noun met
    with "a" or "an" and no name, in the sentences before, is someone the article does not name."""
    for earlier in _same_noun_before(scene, head, ("NOUN", "PROPN")):  # "a senior Washington Republican"
        if earlier.lemma_ == head.lemma_ and not any(
                c.dep_ == "appos" for c in earlier.children) and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in earlier.children):
            return Referent(None, _phrase_to(scene, earlier), "person", earlier.idx, named=False)
    return None


def _same_noun_before(scene: Scene, head: Token, tags: tuple[str, ...]) -> Iterator[Token]:
    """The words before ``head`` with its lemma and one of the parts of speech ``tags``, latest
    first, in the sentences just before (``ISSUED_SENTENCES``): read over the words' columns, so
    a Token is made only for each same noun met."""
    sentence, columns, lemma = scene.sentence(head.idx), words(head.doc), head.lemma_.lower()
    for i in reversed(range(head.i)):
        if sentence - scene.sentence(columns.idx[i]) > ISSUED_SENTENCES:
            return
        if columns.lemma[i] == lemma and columns.pos[i] in tags:
            yield head.doc[i]


def _titled(scene: Scene, before: int, words: set[str]) -> tuple[list[Referent], list[Referent]]:
    """The speakers, and the named mentions, before ``before`` whose titles hold all ``words``."""
    fits = lambda actor_id: words <= scene.roles.get(actor_id, set())  # noqa: E731
    return ([r for r in scene.spoken if r.position < before and fits(r.actor_id)],
            [scene.referent(m) for m in scene.named if m.end <= before and fits(m.actor_id)])


def _qualifiers(head: Token) -> set[str]:
    """The proper nouns that narrow a title: "the Vermont senator" is the senator titled
    "Vermont Sen. Anna Holm", not the one from Arizona."""
    return {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"}


def _is_body(scene: Scene, head: Token) -> bool:
    """"the group", "the outlet": a body the article named before, when the registry knows no
    actor the noun describes ("the ministry") and no possessor owns it ("Kowalczyk's campaign") nor
    name ("the Holm campaign": that is its name)."""
    return (head.lemma_.lower() in scene.context.cues.bodies and _definite(head)
            and not _owned(head) and not _name_compound(head))


def _name_compound(noun: Token) -> bool:
    """"the Holm campaign": a name compounded into the noun names it."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _issuer(scene: Scene, head: Token, since: int) -> Referent | None:
    """Who issued a statement, report or video: its owner ("the ministry's statement", "a
    statement from the Presidency", "the IMF report"); for "the statement" with none, the issuer
    of the last statement mentioned before, else the body speaking around it."""
    owner = _owner(scene, head)
    if owner is not None or not _definite(head):
        return owner
    speakers, _ = _around(scene, head.idx, since, lambda r: r.type in BODIES and r.named)
    return _issuer_before(scene, head, head.lemma_.lower()) or _latest(speakers)


def _issuer_before(scene: Scene, token: Token, noun: str | None = None) -> Referent | None:
    """The issuer of the last statement, report or email mentioned in the sentences before
    ("an email sent by X ... '...,' it reads"); with ``noun``, of the last one called that or by a
    word of its kind (``artifact_kin``: "a lawsuit" for "the suit"), however far back ("X filed a
    lawsuit ... '...,' the lawsuit says": not the ruling between), or of the verb of that word or
    kind ("X emailed supporters ... The email goes on"; "X wrote to the firm ... That letter")."""
    sentence, cues, columns = scene.sentence(token.idx), scene.context.cues, words(token.doc)
    kin = cues.artifact_kin.get(noun, frozenset({noun})) if noun is not None else cues.artifacts
    for i in reversed(range(token.i)):  # over the words' columns: a Token only for each statement met
        if noun is None and sentence - scene.sentence(columns.idx[i]) > ISSUED_SENTENCES:
            return None
        lemma = columns.lemma[i]
        if columns.pos[i] == "NOUN" and lemma in kin and (owner := _owner(scene, token.doc[i])) is not None:
            return owner
        if noun is not None and columns.pos[i] == "VERB" and lemma in kin and \
                (owner := _linked_owner(scene, _doer_links(token.doc[i], "nsubj"))) is not None:
            return owner  # "Abedin emailed supporters ... The email goes on": whoever emailed
    return None


def _owner(scene: Scene, noun: Token) -> Referent | None:
    """The actor a noun belongs to: "X's", "from/by/of X", "the X report", "an email sent by X",
    "X filed a lawsuit", "the email was sent by X" (``issuing_verbs``: not "obtained by X", not "X
    rejected the report"). X may be a body the registry reads in a phrase ("a statement from the
    Saudi defence ministry"). A name outside the actors ("a statement from the Presidency") speaks as
    written, and so does a body named by a name in it ("The Holm campaign is releasing an ad");
    "the office of X" is X's; "an email the candidate sent" is whoever the candidate is; "a
    letter signed by 30 lawmakers" is theirs, unnamed, and not the last body quoted before it; "In a
    statement, X said" is X's."""
    return _linked_owner(scene, _owner_links(noun, scene.context.cues))


def _linked_owner(scene: Scene, links: list[tuple[str, Token]]) -> Referent | None:
    """The owner named by the first of ``links`` that one of ``_owner``'s rules applies to."""
    for link, target in links:
        if target.lower_ in POSSESSIVES:  # "his statement": whose "his" is
            word = POSSESSIVES[target.lower_]
            return _bound_possessive(scene, target, word) or _pronoun_referent(scene, word, target.idx, target.idx)
        mention = scene.named_at(target.idx) or _registry_body(scene, target)
        if mention is not None:
            return scene.referent(mention)
        # "a statement from the Presidency", "the Lund Research poll"; not "the Monday statement", nor the
        # "No Deal" ad's title
        if target.pos_ == "PROPN" and (link in ("prep", "agent") or link in ("compound", "nmod")
                                       and target.ent_type_ in NAMING and scene.context.quote_at(target.idx) is None):
            return Referent(None, _phrase_to(scene, target), "organization", target.idx)
        if target.pos_ == "NOUN" and link == "prep":
            return _owner(scene, target)
        if target.pos_ == "NOUN" and target.lemma_.lower() in scene.context.cues.bodies and _name_compound(target):
            return Referent(None, _phrase_to(scene, target), "organization", target.idx)  # "The Holm campaign"
        if target.pos_ == "NOUN" and _definite(target):  # "The Green candidate signed the letter"
            phrase = target.doc[target.left_edge.i:target.i + 1]
            described = _described(scene, phrase, target.idx)
            if described is None and _is_body(scene, target):  # "the paper's editorial board": the paper named
                described = _body_around(scene, phrase, target.idx)
            return described
        if target.pos_ == "NOUN" and link == "agent" and not _owned(target):  # "signed by 30 lawmakers": unnamed
            return Referent(None, _phrase_to(scene, target), "group" if target.tag_ == "NNS" else "person",
                            target.idx, named=False)
    return None


def _phrase_to(scene: Scene, noun: Token) -> str:
    """A noun's phrase up to the noun itself ("The Holm campaign", "30 lawmakers", "a statement
    from the Presidency" -> "the Presidency"): how a speaker no actor stands for is named."""
    return scene.context.text[noun.left_edge.idx:noun.idx + len(noun)]


def _bound_possessive(scene: Scene, possessive: Token, word: str) -> Referent | None:
    """"In his order, Curiel noted", "the change the party warned of in its report": a
    possessive in a phrase of a clause is that clause's subject's when the subject agrees, not
    whoever a "his" on its own would mean there (the last man spoken of)."""
    verb = possessive.head
    while verb.dep_ in ("pobj", "prep", "dobj") and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == possessive.head.i:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    found = _chained(scene, subject) if subject.lower_ in PERSON_PRONOUNS \
        else _linked_owner(scene, [("agent", subject)])
    return found if found is not None and _pronoun_agreement(word)(found) else None


def _registry_body(scene: Scene, target: Token) -> Mention | None:
    """The body or office the registry reads in a phrase ("the Saudi defence ministry"), which is
    no name a he/she looks back to but is whose a statement is."""
    mention = mention_at(scene.context.mentions, target)
    return mention if mention is not None and mention.method == "role" else None


def _owner_links(noun: Token, cues: Cues) -> list[tuple[str, Token]]:
    """``(how, word)`` of each word that may name a noun's owner, the closest links first: its
    possessor, compound (a name before it: "the Lund Research poll") or "of/from/by" object, but
    not the "of" of what a poll or study examines ("a poll of Ohio voters"); the agent of a clause
    on it; the doer of the verb it is the object or passive subject of; the speaker of "In a
    statement, X said", not whoever "leads in the poll"."""
    links: list[tuple[str, Token]] = []
    clauses: list[tuple[str, Token]] = []  # "the email, released by W, was sent by X": the verb's doer first
    examines = noun.lemma_.lower() in cues.examining
    for child in noun.children:
        if child.dep_ in ("poss", "compound") or child.dep_ == "nmod" and child.pos_ == "PROPN":
            links.append((child.dep_, child))
        elif child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS and not (examines and child.lower_ == "of"):
            links += [("prep", c) for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.lemma_.lower() in cues.issuing:  # "an email sent by X"
            clauses += _doer_links(child, "agent")
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() in cues.issuing:
        links += _doer_links(verb, "agent" if noun.dep_ == "nsubjpass" else "nsubj")
    elif noun.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB" and (
            cue_kind(verb.head, cues) in ("speech", "topic") or verb.head.lemma_.lower() in cues.issuing):
        links += _doer_links(verb.head, "nsubj")  # "In a statement, X said": the doer of the verb "in" hangs from
    return links + clauses


def _doer_links(verb: Token, dep: str) -> list[tuple[str, Token]]:
    """``("agent", word)`` for the subject of a verb, or for the object of its "by" agent."""
    found = [c for c in verb.children if c.dep_ == dep]
    doers = found if dep == "nsubj" else [c for agent in found for c in agent.children if c.dep_ == "pobj"]
    return [("agent", doer) for doer in doers]


def _latest(found: list[Referent]) -> Referent | None:
    return max(found, key=lambda r: r.position) if found else None
