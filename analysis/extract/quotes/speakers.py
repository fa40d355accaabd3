"""Who said it: the speaker of a cue, mapped onto the article's actor mentions.

Every rule in ``quotes`` and ``reports`` ends here: the cue's subject (or the object of "quoted X
as saying", the agent of a passive, the speaker named after an inverted "said"), kept as the words
the article used ("she", "who") and named as the actor they refer to.
"""
from __future__ import annotations

from spacy.tokens import Token

from analysis.corpus.text import CLOSING_QUOTES, STRAIGHT_QUOTE
from analysis.extract.mentions import RELATIVE, SUBJECTS, mention_at, subject_misread
from analysis.extract.methods import NO_SUBJECT, UNNAMED_SPEAKER, confidence
from analysis.extract.nlp import sentence_of
from analysis.extract.quotes.spans import Attribution, Context, outside_quotes
from analysis.registries.cues import is_cue

FIRST_PERSON = {"i", "we", "me", "us", "you"}
NOT_SPEAKERS = frozenset({"DATE", "TIME"})  # "an official had on Tuesday told": a misparse, never a speaker
AGE_UNITS = frozenset({"year", "month"})


def according_to_source(token: Token) -> Token | None:
    """X in "according to X", when ``token`` is that "according"."""
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    return next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)


def according_to(context: Context, token: Token, source: Token) -> Attribution:
    """X of "according to X" speaks; the cue is the two words as the text writes them."""
    preposition = context.doc[token.i + 1]
    end = preposition.idx + len(preposition)
    return attributed_to(context, source, context.text[token.idx:end], token.idx, end, "rule:according-to")


def from_cue(context: Context, cue: Token, method: str, nested: bool = False) -> Attribution:
    """The speaker of a cue verb found by rule ``method``; with none, the cue alone, weakened."""
    subject = _subject_of(context, cue, nested)
    cue_text = context.text[cue.idx:cue.idx + len(cue)]
    if subject is None:
        return Attribution(cue=cue_text, cue_start=cue.idx, cue_end=cue.idx + len(cue),
                           method=method + ":no-subject", confidence=confidence(method, NO_SUBJECT))
    return attributed_to(context, subject, cue_text, cue.idx, cue.idx + len(cue), method)


def _subject_of(context: Context, cue: Token, nested: bool = False) -> Token | None:
    """The one who speaks: the subject, or that of the verb whose "to" it follows ("Lund wanted
    to maintain"); the object of "quoted X as saying"; the agent of a passive; the name after an
    inverted '"...," said X'. A participle ("..., saying") has none of its own: climb to the verbs
    it hangs from (never into a quote) and take the subject of a cue whose reported clause it
    climbed out of ("a strategist said Lund will have to choose, saying": not Lund), else of the
    nearest one that is itself a speech cue ("Hannity said ... after the senator won ...,
    remarking"), else the first subject that is an actor, else the source of the noun it follows
    ("an accusation from X, claiming"), else the first subject met, else a phrase the parser took
    for an apposition, else a name just before the cue, else a phrase the parser cut off from the
    cue by an aside, else the actor the sentence opens with."""
    if cue.lemma_.lower() == "quote" and (objects := [c for c in cue.children if c.dep_ == "dobj"]):
        return objects[0]
    if (set_off := _set_off_subject(context, cue)) is not None:
        return set_off
    if (apposed := _apposed_before_cue(cue)) is not None:
        return apposed
    if own_subject(cue) is None and (inverted := _inverted_subject(context, cue)) is not None:
        return inverted
    if (accompanying := _with_subject(context, cue)) is not None:
        return accompanying
    first_found, named, previous = None, [], cue
    for verb in _verb_chain(context, cue):
        shared = previous.dep_ in ("xcomp", "conj") and verb.i != cue.i  # "X was joined by Y and joked"
        # a cue written before the clause it reports, which the climb comes out of ("a strategist said Lund
        # will have to choose, saying"); not a '"...," he said' the parser hung the whole sentence under
        reporting = previous.dep_ == "ccomp" and verb.i < previous.i and is_cue(verb, context.cues)
        # "Lund wanted to maintain" is Lund's; "the meeting began vowing" is a participle the parser hung there
        controls = shared and previous.i == cue.i and cue.dep_ == "xcomp" and cue.tag_ == "VB"
        subject = (_raised_subject(verb) if shared else None) or own_subject(verb)
        previous = verb
        if subject is None or not nested and not outside_quotes(context, subject):
            continue  # '"My apologies," Quick said': a subject inside the quote is the parser's slip
        if nested:
            return None if subject.lower_ in FIRST_PERSON or subject.dep_ == "nsubjpass" else subject
        if verb.i == cue.i or controls or reporting and subject.dep_ in SUBJECTS:
            return subject
        if _names_someone(context, subject):
            named.append((verb, subject))
        first_found = first_found or subject
    speaking = [subject for verb, subject in named if is_cue(verb, context.cues)]
    if named:
        return (speaking or [subject for _, subject in named])[0]
    return (_source_before(context, cue) or first_found or _subject_set_in_apposition(context, cue)
            or _actor_just_before(context, cue) or _phrase_before_aside(context, cue) or _opening_actor(context, cue))


def _with_subject(context: Context, cue: Token) -> Token | None:
    """"The country protested, with its foreign minister, Mauro Vieira, saying ...": the one
    "with" introduces speaks through the participle after it, not the clause's subject, when it is
    named or its phrase names someone ("Kovac marked the vote with supporters, calling it ..." is
    Kovac's calling)."""
    if cue.tag_ != "VBG" or own_subject(cue) is not None or cue.dep_ not in ("advcl", "acl"):
        return None
    preposition = next((c for c in cue.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < cue.i), None)
    if preposition is None and cue.head.lower_ == "with":
        preposition = cue.head
    found = next((c for c in preposition.children if c.dep_ == "pobj"), None) if preposition is not None else None
    named = found is not None and any(_names_someone(context, t) for t in found.subtree if t.i < cue.i)
    return found if named and found.right_edge.i < cue.i else None


def _raised_subject(verb: Token) -> Token | None:
    """"Lund is reported to have called ...", "Holm was joined by Berg and joked": the
    passive's subject, not its agent, did the calling and the joking."""
    return next((child for child in verb.children if child.dep_ == "nsubjpass"), None)


LISTENER_CUES = frozenset({"tell", "inform", "assure", "remind", "warn", "urge"})


def _inverted_subject(context: Context, cue: Token) -> Token | None:
    """'"...," said Nils Dahl, a Lund confidant who ...': after a quote, the news inversion
    puts the speaker right after the cue, where the small parser often loses it (and may tag the
    past "read" of '"...," read the email' a base form). Not after "told", whose object is the
    listener."""
    paragraph_start = context.paragraphs[context.paragraph_of(cue.idx)][0]
    before = context.text[paragraph_start:cue.idx].rstrip()  # the parser may have ended the sentence at the mark
    if not before.endswith(tuple(CLOSING_QUOTES + STRAIGHT_QUOTE)) or cue.tag_ not in ("VBD", "VBZ", "VBP", "VB") \
            or cue.lemma_.lower() in LISTENER_CUES:
        return None
    return _after_cue(context, cue)


def _set_off_subject(context: Context, cue: Token) -> Token | None:
    """"Novak, said Ruth Sunberg, who ..., never forgives": a cue set off in commas inside what
    it reports, its speaker right after it, where the parser takes the words before for its subject."""
    if cue.i == 0 or cue.nbor(-1).text != "," or cue.tag_ not in ("VBD", "VBZ", "VBP") \
            or cue.lemma_.lower() in LISTENER_CUES:
        return None
    speaker = _after_cue(context, cue)
    closed = speaker is not None and speaker.i + 1 < len(context.doc) and speaker.nbor().text == ","
    return speaker if closed and speaker.pos_ != "NOUN" else None


def _after_cue(context: Context, cue: Token) -> Token | None:
    """The phrase right after a cue, by its head, when it can be a speaker: a name, a pronoun or a
    noun ("said a spokesman"), never a date ("said Tuesday")."""
    following = cue.nbor() if cue.i + 1 < len(context.doc) else None
    while following is not None and following.dep_ in ("det", "compound", "amod") and following.head.i > following.i:
        following = following.head
    if following is None or is_date(following):
        return None
    return following if _names_someone(context, following) or following.pos_ == "NOUN" else None


def is_date(token: Token) -> bool:
    """A date or time, which never speaks; but "said the 52-year-old", which the model tags a date,
    is the person of that age."""
    return token.ent_type_ in NOT_SPEAKERS and not is_age(token)


def is_age(token: Token) -> bool:
    """"the 52-year-old": an age standing for a person, as news writes someone it has named."""
    return token.lower_ == "old" and any(c.dep_ == "npadvmod" and c.lemma_ in AGE_UNITS for c in token.children)


def _names_someone(context: Context, token: Token) -> bool:
    """An actor, a proper name or a pronoun; never a date or time ("who Lund on Wednesday called")."""
    return not is_date(token) and (
        mention_at(context.mentions, token) is not None or token.pos_ in ("PROPN", "PRON"))


def _actor_just_before(context: Context, cue: Token) -> Token | None:
    """When the parse gives no subject ("her senior trade adviser, Ola Berg, said:"), the
    closest name before the cue with no other verb in between, and not a bracketed "(D-MA)". An
    aside between commas right before the cue is passed over: it describes the name before it
    ("Union delegate Per Holm, wearing a grey coat, said")."""
    first = sentence_of(cue).start
    for token in reversed(context.doc[first:_before_aside(context, cue, first)]):
        if token.pos_ in ("VERB", "AUX") and token.head.i != cue.i:
            return None
        if _names_someone(context, token) and token.lower_ not in RELATIVE and outside_quotes(context, token) \
                and not _parenthesized(token):
            return token
    return None


def _phrase_before_aside(context: Context, cue: Token) -> Token | None:
    """"One delegate, who like others spoke on condition of anonymity, said": the noun phrase the
    sentence opens with, right before an aside set off in commas before the cue, when the parser
    hung the aside's verb under the cue and left the cue no subject."""
    first = sentence_of(cue).start
    opening = _before_aside(context, cue, first)
    head = context.doc[opening - 1] if first < opening < cue.i else None
    if head is None or head.pos_ != "NOUN" or is_date(head):
        return None
    opens = all(t.pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PUNCT") for t in context.doc[first:opening])
    return head if opens and outside_quotes(context, head) else None


def _subject_set_in_apposition(context: Context, cue: Token) -> Token | None:
    """"In a letter to Ola Dahl, the committee chairman wrote"; "Although there is no link with
    Holm's team, an official who spoke anonymously said": the noun phrase right before the cue,
    which the parser set in apposition to the noun before it and so left the cue no subject. It is
    looked for before any name just before the cue: that name is the one the phrase was hung on."""
    token = context.doc[cue.i - 1] if cue.i > 0 else None
    while token is not None and token.head.i < cue.i and token.right_edge.i == cue.i - 1:
        if token.dep_ == "appos" and token.pos_ == "NOUN" and subject_misread(token):
            return token if outside_quotes(context, token) else None
        token = token.head if token.head.i != token.i else None
    return None


def _apposed_before_cue(cue: Token) -> Token | None:
    """"Lund, a senior aide said, '...'": a cue set off in commas right after a phrase the parser
    took for its subject's apposition is that phrase's speech, about the name before it. "Lund, a
    senior aide, said" (a comma before the cue) is Lund's."""
    doc = cue.doc
    subject = own_subject(cue)
    if subject is None or cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.right_edge.i == cue.i - 1
                 and c.pos_ == "NOUN"), None)


def _before_aside(context: Context, cue: Token, first: int) -> int:
    """Where the words before the cue end once an aside ", ... ," right before it is left out:
    the opening comma's index (both commas outside quotes), else the cue's."""
    doc = context.doc
    if cue.i - 1 <= first or doc[cue.i - 1].text != "," or not outside_quotes(context, doc[cue.i - 1]):
        return cue.i
    opening = next((t for t in reversed(doc[first:cue.i - 1]) if t.text == ","), None)
    return opening.i if opening is not None and outside_quotes(context, opening) else cue.i


def _opening_actor(context: Context, cue: Token) -> Token | None:
    """The actor the sentence opens with, when the parse of "Novak defended the licence,
    calling it ..." has lost every subject: a news sentence names its actor first."""
    opening = next((t for t in sentence_of(cue) if not (t.is_punct or t.is_space)), None)
    mention = mention_at(context.mentions, opening) if opening is not None and opening.i < cue.i else None
    actor = mention is not None and mention.type in ("person", "organization")
    return opening if actor and outside_quotes(context, opening) else None


def own_subject(verb: Token) -> Token | None:
    """The verb's subject, or the agent of a passive. Of two subjects the nearer wins: in
    "OSLO -- Minister Dahl said" the parser takes the dateline for a subject too."""
    children = list(verb.children)  # each pass over ``Token.children`` makes every child's Token again
    subjects = [child for child in children if child.dep_ == "nsubj" and not is_date(child)]
    if subjects:
        return min(subjects, key=lambda child: abs(child.i - verb.i))
    agent = next((child for child in children if child.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


CLIMB = ("advcl", "xcomp", "conj", "ccomp", "parataxis", "acl", "relcl", "dobj", "pobj", "prep", "appos", "pcomp",
         "attr")


def _verb_chain(context: Context, cue: Token):
    """The cue, then the verbs it depends on, through the noun a participle describes ("issued a
    statement describing ..."), skipping verbs inside quotes."""
    token = cue
    yield token
    while token.dep_ in CLIMB and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") and outside_quotes(context, token):
            yield token


def _source_before(context: Context, cue: Token) -> Token | None:
    """", claiming" after "an accusation from X": X, reached from the word before the comma."""
    previous, opening = cue.i - 1, sentence_of(cue).start
    while previous >= opening and (context.doc[previous].is_punct or context.doc[previous].is_space):
        previous -= 1
    token = context.doc[previous] if previous >= opening else None
    while token is not None and token.head.i != token.i and token.dep_ in ("appos", "compound", "pobj", "poss"):
        if token.dep_ == "pobj" and token.head.lower_ in ("from", "by"):
            return token
        token = token.head
    return None


def attributed_to(context: Context, token: Token, cue: str | None, cue_start: int | None, cue_end: int | None,
                  method: str) -> Attribution:
    """Map the speaker token onto an actor mention when one covers it, else keep its phrase;
    "Ukraine's deputy foreign minister, Taras Melnychuk, said" names its speaker in the apposition.
    A relative pronoun ("the governor, who said") is kept as the mention, like "he", and named
    by the noun it describes."""
    relative = token if relative_of(token) is not None else None
    token = relative_of(token) or token
    if mention_at(context.mentions, token) is None or token.pos_ != "PROPN":
        named = sorted((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and not _parenthesized(c)
                        and (token.pos_ != "PROPN" or mention_at(context.mentions, c) is not None)),
                       key=lambda c: mention_at(context.mentions, c) is None)  # an actor's name first
        token = named[0] if named else token
    token = _tagged_name(token, context.cues.party_letters) or token
    mention = mention_at(context.mentions, token)
    if mention is not None:
        name, actor_id, start, end = mention.name, mention.actor_id, mention.start, mention.end
        trust, resolution = confidence(method), RESOLVED_BY.get(mention.method, "named")
    else:
        (start, end), actor_id, trust = _phrase(token), None, confidence(method, UNNAMED_SPEAKER)
        name = context.text[start:end]
        resolution = "named" if _is_name(token) else "unresolved"
    if relative is not None:
        start, end = relative.idx, relative.idx + len(relative)
        resolution = "pronoun→name" if mention is not None else resolution
    return Attribution(name, actor_id, context.text[start:end], start, end, cue, cue_start, cue_end, method, trust,
                       resolution)


# The mentions that refer back to a name (``coreference``), by the method that found them.
RESOLVED_BY = {"pronoun": "pronoun→name", "role": "description→name"}


def _is_name(token: Token) -> bool:
    """A proper name, though no actor: "Banning said" (the small model may tag it a noun), not
    "the billionaire business mogul" nor "one senior Republican" (however tagged) nor a relative
    pronoun."""
    if token.left_edge.dep_ == "det" or token.left_edge.lower_ == "one" or token.lower_ in RELATIVE:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG") and token.is_title


def _tagged_name(token: Token, letters: frozenset[str]) -> Token | None:
    """The name a party-and-place tag follows, when the parser made the tag the speaker or set it
    in apposition to the speaker: "Sen. Tom Lund, R-Wis., said" or "Del. Ruth Holm (D-Virginia
    Beach) told" is Lund or Holm."""
    doc = token.doc
    letter = next((t for t in doc[token.left_edge.i:token.i] if t.text in letters  # the words before it
                   and doc[t.i + 1].text == "-"), None)
    if letter is None or letter.i < 2 or doc[letter.i - 1].text not in (",", "("):
        return None
    name = doc[letter.i - 2]
    return name if name.pos_ == "PROPN" or name.is_title else None  # the tagger may take "Lamb" for a noun


def _parenthesized(token: Token) -> bool:
    """"Sen. Anna Holm (D-MA)": a party and state in brackets is no speaker's name."""
    left = token.left_edge
    return left.i > 0 and token.doc[left.i - 1].text == "("


def relative_of(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the governor" of "the governor, who said"."""
    if token.lower_ in RELATIVE and token.dep_ in SUBJECTS and token.head.dep_ == "relcl":
        return token.head.head
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """The noun phrase naming a speaker: its left modifiers and, for "a spokesman for the
    campaign" or "a person close to the minister", the phrase saying whose."""
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with") or child.dep_ == "amod":
            right = child.right_edge
        elif child.dep_ in ("compound", "flat"):
            right = child
    start = left.idx if left.dep_ != "punct" else left.nbor().idx
    return start, right.idx + len(right)
