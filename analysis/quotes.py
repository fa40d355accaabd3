"""Quotes and reported speech, with who said them.

Quote marks are paired on the text (curly or straight, across paragraphs by the news convention of
reopening each paragraph), then each quote looks for its cue in this order: a speech verb tied to it
in its own sentence, a cue sentence ending in a colon just before it, then the speaker of the quote
just before it. The speaker is the cue's subject (or "according to X", or X in "quoted X as saying"),
mapped onto the actor mentions so that "she" comes out as the person it refers to.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from analysis.actors import RELATIVE, SUBJECTS, Mention, mention_at
from analysis.corpus import trimmed
from analysis.datafile import read_data_file
from analysis.paths import DATA_DIR

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_MARKS = re.compile(r"[“”„«»\"]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s“\"(—–-]))[‘'](?=\S)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![\w])")
_DIRECT_BEFORE = set(".:,;!?—–-(")
CARRY_PARAGRAPHS = 2  # how far back a quote with no cue of its own may borrow a speaker
FIRST_PERSON = {"i", "we", "me", "us", "you"}


@dataclass(frozen=True)
class Cues:
    verbs: frozenset[str]       # speech and thought: cues of quotes and reported speech
    topics: frozenset[str]      # talking about or judging something: cues of whole quotes, not of scare quotes
    attitudes: frozenset[str]   # wants, plans, evidence: reported content only, never a quote's cue
    nouns: frozenset[str]       # "criticism of", "call for", "claim that": reported content of a noun
    support_verbs: frozenset[str]  # "made the case", "took aim at": their subject owns the noun
    phrasal: frozenset[str]     # "shoot back", "go on": verb lemma and particle


class CuesError(ValueError):
    """data/cues.yml is not valid."""


@cache
def load_cues(path=DATA_DIR / "cues.yml") -> Cues:
    data, _ = read_data_file(path, CuesError)
    if not isinstance(data, dict) or not isinstance(data.get("speech_verbs"), list):
        raise CuesError(f"{path.name}: expected a 'speech_verbs:' list")
    verbs = frozenset(data["speech_verbs"]) | frozenset(data.get("thought_verbs", []))
    topics = frozenset(data.get("topic_verbs", [])) - verbs
    return Cues(verbs, topics, frozenset(data.get("attitude_verbs", [])) - verbs - topics,
                frozenset(data.get("cue_nouns", [])), frozenset(data.get("support_verbs", [])),
                frozenset(data.get("phrasal_verbs", [])))


@dataclass
class QuoteSpan:
    start: int                 # first character inside the marks
    end: int                   # last character inside the marks + 1
    balanced: bool = True
    nested_in: int | None = None
    kind: str = "direct"


@dataclass
class Attribution:
    speaker: str | None = None
    actor_id: str | None = None
    surface: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    method: str = "rule:no-cue"
    confidence: float = 0.3


@dataclass
class Context:
    """One article as the quote rules see it."""
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    sentence_starts: list[int]
    mentions: list[Mention]
    cues: Cues
    quotes: list[QuoteSpan] = field(default_factory=list)

    def paragraph_of(self, position: int) -> int:
        return max(0, bisect_right([s for s, _ in self.paragraphs], position) - 1)


# --- finding quote marks -------------------------------------------------------------------

def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pair double quote marks paragraph by paragraph; a quote still open at the end of a paragraph
    continues when the next paragraph reopens (the news convention), else ends there unbalanced."""
    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        for mark in _MARKS.finditer(text, p_start, p_end):
            position, char = mark.start(), mark.group()
            if open_at is not None and position == p_start and _opens(text, position):
                continue  # a continued quote reopens its new paragraph
            if open_at is None and _opens(text, position):
                open_at = position
            elif open_at is not None and _closes(text, position):
                quotes.append(QuoteSpan(open_at + 1, position))
                open_at = None
            elif open_at is not None and char in OPENING:
                quotes.append(QuoteSpan(open_at + 1, trimmed(text, open_at + 1, position)[1], balanced=False))
                open_at = position
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        if open_at is not None and not (next_start is not None and _opens(text, next_start)):
            quotes.append(QuoteSpan(open_at + 1, p_end, balanced=False))
            open_at = None
    quotes = [q for q in quotes if q.end > q.start]
    return quotes + _nested(text, quotes)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    if char in OPENING:
        return True
    if char in CLOSING:
        return False
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, position: int) -> bool:
    """While a quote is open, any straight mark or closing curly mark ends it."""
    return text[position] in CLOSING or text[position] == STRAIGHT


def _nested(text: str, outer_quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches inside a double-quoted one ("We were told ‘it’s impossible.’")."""
    nested = []
    for number, outer in enumerate(outer_quotes):
        position = outer.start
        while (opening := _SINGLE_OPEN.search(text, position, outer.end)) is not None:
            closing = _SINGLE_CLOSE.search(text, opening.end(), outer.end)
            if closing is None:
                break
            nested.append(QuoteSpan(opening.end(), closing.start(), nested_in=number, kind="nested"))
            position = closing.end()
    return nested


def classify(text: str, quote: QuoteSpan, paragraph_start: int) -> str:
    """direct: the quote stands as a statement (opens the paragraph or a sentence, or follows a
    cue's comma or colon); partial: it is a fragment woven into the writer's own sentence."""
    if quote.nested_in is not None:
        return "nested"
    before = text[paragraph_start:quote.start - 1].rstrip()
    if before.endswith(tuple(CLOSING + STRAIGHT)) and before.rstrip(CLOSING + STRAIGHT)[-1:] in (".", "!", "?"):
        return "direct"  # 'Perez said on "Meet the Press." "Listening to him ..."'
    return "direct" if not before or before[-1] in _DIRECT_BEFORE else "partial"


# --- attributing speakers ------------------------------------------------------------------

def _outside_quotes(context: Context, token: Token, allowed: QuoteSpan | None = None) -> bool:
    inside = [q for q in context.quotes if q.nested_in is None and q.start <= token.idx < q.end]
    return not inside or (allowed is not None and inside == [allowed])


def _is_cue(token: Token, cues: Cues, whole_quote: bool = False) -> bool:
    """A speech verb, or for a whole (not partial) quote a verb of talking about something, or a
    phrasal one ("..., Trump went on", "Bennett shot back")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "call" and token.i >= 2 and token.doc[token.i - 2].lower_ == "so":
        return False  # "so-called" distances the writer; it names no speaker
    return lemma in cues.verbs or (whole_quote and lemma in cues.topics) or any(
        f"{lemma} {child.lower_}" in cues.phrasal for child in token.children if child.dep_ == "prt")


def _sentence_tokens(context: Context, start: int, end: int) -> list[Token]:
    """Tokens of the sentences overlapping [start, end)."""
    doc = context.doc
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(start, end - 1), max(start, end - 1) + 1, alignment_mode="expand")
    if first is None or last is None:
        return []
    return list(doc[first.sent.start:last.sent.end])


def attribute(context: Context, quote: QuoteSpan) -> Attribution:
    """Find the cue and speaker of one quote, trying the strongest evidence first."""
    outer = context.quotes[quote.nested_in] if quote.nested_in is not None else None
    tokens = _sentence_tokens(context, _sentence_opening(context, quote), quote.end + 1) + _tail_after(context, quote)
    candidates = [t for t in tokens if _is_cue(t, context.cues, quote.kind == "direct") and not (quote.start <= t.idx < quote.end)
                  and _outside_quotes(context, t, outer)]
    if outer is not None:
        candidates = [t for t in candidates if outer.start <= t.idx < outer.end]
    if outer is None and (labelled := _labelled_speaker(context, quote)) is not None:
        return labelled
    cue = _closest_cue(candidates, quote)
    if cue is not None:
        return _from_cue(context, cue, "rule:cue-in-sentence", 0.9, nested=outer is not None)
    if outer is not None:
        return Attribution(method="rule:nested-no-speaker")
    if (phrase := _source_phrase(context, tokens, quote)) is not None:
        return phrase
    if (colon := _colon_cue(context, quote)) is not None:
        return colon
    if (lead_in := _lead_in_cue(context, quote)) is not None:
        return lead_in
    if (signed := _signature(context, quote)) is not None:
        return signed
    if (subject := _governing_subject(context, tokens, quote)) is not None:
        return _speaker(context, subject, None, None, None, "rule:subject-of-verb", 0.5)
    return Attribution()


def _sentence_opening(context: Context, quote: QuoteSpan) -> int:
    """Where the quote's sentence begins, or, when the parser split a sentence inside an earlier
    quote ('... "did well. It was more uplifting" and Rubio was hurt by going "personally"'),
    where that quote's sentence begins."""
    span = context.doc.char_span(quote.start - 1, quote.start, alignment_mode="expand")
    sentence_start = span.sent.start_char if span is not None else quote.start - 1
    around = [q for q in context.quotes if q.nested_in is None and q.start <= sentence_start < q.end and q is not quote]
    return min([quote.start - 1] + [q.start - 1 for q in around])


def _governing_subject(context: Context, tokens: list[Token], quote: QuoteSpan) -> Token | None:
    """No speech verb, but the quoted words are what someone called, pledged or labelled something
    ("Huckabee is labeling Obama's actions “a blatant ... abuse”"): the subject of the nearest
    verb the quote hangs from, when it names an actor or is a personal pronoun."""
    inside = [t for t in tokens if quote.start <= t.idx < quote.end]
    for token in inside[:1]:
        for ancestor in token.ancestors:
            if quote.start <= ancestor.idx < quote.end or ancestor.pos_ not in ("VERB", "AUX"):
                continue
            subject = _own_subject(ancestor)
            if subject is not None and (mention_at(context.mentions, subject) is not None or subject.pos_ in ("PRON", "PROPN")) \
                    and (subject.lower_ not in RELATIVE or _relative_of(subject) is not None) \
                    and not (quote.start <= subject.idx < quote.end):
                return subject
            return None
    return None


INVERTED_TOKENS = 3  # '"How big is that wall?" asked the boy, who ...': a cue this early opens a long tail
TAIL_TOKENS = 16  # "…?” Trump said." split after the question mark: the cue sentence is this short


def _tail_after(context: Context, quote: QuoteSpan) -> list[Token]:
    """The parser ends a sentence at "?”", "!”" or ".”"; a sentence right after the closing mark
    still belongs to the quote when it is short ("Trump said."), opens with its cue ("asked the
    boy, who ..."), or reports nothing else ("Maria, a teacher from Phoenix who ..., said.")."""
    if context.text[quote.start:quote.end].rstrip("’'").rstrip()[-1:] not in ("?", "!", "."):
        return []
    following = context.doc.char_span(quote.end + 1, min(len(context.text), quote.end + 3), alignment_mode="expand")
    if following is None or not following[0].is_sent_start:
        return []
    sentence = following[0].sent
    same_paragraph = context.paragraph_of(sentence.start_char) == context.paragraph_of(quote.start)
    inverted = any(_is_cue(token, context.cues) for token in list(sentence)[:INVERTED_TOKENS])
    bare = _is_cue(sentence.root, context.cues) and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in sentence.root.children)
    return list(sentence) if same_paragraph and (len(sentence) <= TAIL_TOKENS or inverted or bare) else []


def _closest_cue(candidates: list[Token], quote: QuoteSpan) -> Token | None:
    """The nearest cue the quote hangs from beats a cue that hangs from the quote ("..., he
    said" parsed as parataxis), which beats a cue that is merely near."""
    if not candidates:
        return None
    inside = lambda token: quote.start <= token.idx < quote.end  # noqa: E731
    def rank(token: Token) -> tuple[int, int]:
        descendants_in_quote = [t for t in token.subtree if inside(t)]
        gap = quote.start - token.idx if token.idx < quote.start else token.idx - quote.end
        if descendants_in_quote:
            return 0, min(_depth(t, token) for t in descendants_in_quote)
        return (1 if inside(token.head) else 2), gap
    return min(candidates, key=rank)


def _depth(token: Token, ancestor: Token) -> int:
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _according_to_source(token: Token) -> Token | None:
    """X in "according to X", when ``token`` is that "according"."""
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    return next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)


def _source_phrase(context: Context, tokens: list[Token], quote: QuoteSpan) -> Attribution | None:
    """"according to X" anywhere in the sentence, outside the quote."""
    for token in tokens:
        source = _according_to_source(token)
        if source is not None and not (quote.start <= token.idx < quote.end):
            cue_end = token.doc[token.i + 1].idx + 2
            return _speaker(context, source, "according to", token.idx, cue_end, "rule:according-to", 0.9)
    return None


def _labelled_speaker(context: Context, quote: QuoteSpan) -> Attribution | None:
    """'Pollsters agree - Carl Bialik: "One of the biggest lessons ..."': a person named right
    before the colon that opens the quote, and not as anyone's object ("told Megyn Kelly:")."""
    before = context.text[:quote.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    name = context.doc.char_span(len(before) - 2, len(before) - 1, alignment_mode="expand")
    mention = mention_at(context.mentions, name[0]) if name is not None else None
    if mention is None or mention.type != "person" or mention.end != len(before) - 1 \
            or any(token.dep_ in ("dobj", "pobj", "dative", "attr") for token in name[0].doc[name[0].i:name[0].i + 1]):
        return None
    colon = len(before) - 1
    return _speaker(context, name[0], ":", colon, colon + 1, "rule:colon-after-speaker", 0.8)


def _colon_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote right after a sentence ending in a colon ("... quoted SVR as saying:")."""
    before = context.text[:quote.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    tokens = [t for t in _sentence_tokens(context, len(before) - 1, len(before)) if t.idx < len(before)]
    cues = [t for t in tokens if _is_cue(t, context.cues) and _outside_quotes(context, t)]
    if cues:
        return _from_cue(context, cues[-1] if cues[-1].lemma_ != "say" else cues[0], "rule:colon-cue", 0.85)
    named = [t for t in tokens if _outside_quotes(context, t) and mention_at(context.mentions, t) is not None]
    subjects = [t for t in named if t.dep_ in SUBJECTS]
    people = [t for t in named if mention_at(context.mentions, t).type == "person"]
    if not (subjects or people):
        return None
    subject = (subjects or people)[-1]
    colon = len(before) - 1
    return _speaker(context, subject, ":", colon, colon + 1, "rule:colon-after-speaker", 0.75)


def _lead_in_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote opening a sentence (or a paragraph) right after one whose verb is a cue with a
    named subject: 'Bystrom agreed. "Mainstream Republicans are ..."', '"...," Trump said. "And ..."'."""
    before = context.text[:quote.start - 1].rstrip()
    paragraphs_back = context.paragraph_of(quote.start) - context.paragraph_of(len(before) - 1)
    opens_paragraph = context.paragraphs[context.paragraph_of(quote.start)][0] == quote.start - 1
    if quote.kind != "direct" or not before.rstrip(CLOSING + STRAIGHT).endswith((".", "!", "?")) \
            or paragraphs_back > (1 if opens_paragraph else 0):
        return None
    tokens = [t for t in _sentence_tokens(context, len(before) - 1, len(before)) if t.idx < len(before)]
    cues = sorted((t for t in tokens if _cue_kind(t, context.cues) is not None and _outside_quotes(context, t)),
                  key=lambda t: t.dep_ != "ROOT")
    attribution = _from_cue(context, cues[0], "rule:cue-in-previous-sentence", 0.7) if cues else None
    return attribution if attribution is not None and attribution.speaker is not None else None


_SIGNATURE = re.compile(r"[ \t]*(?:\n\s*)?[-–—]\s*([A-Z][^,.\n]{1,60})")


def _signature(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote standing as its own paragraph, signed after it, on the same line or the next
    paragraph: '"…" —Maria Lopez, 34, Phoenix', '"…" / - Bernie Sanders.'"""
    start, _ = context.paragraphs[context.paragraph_of(quote.start)]
    match = _SIGNATURE.match(context.text, quote.end + 1)
    if quote.start - 1 != start or match is None:
        return None
    name = context.doc.char_span(*match.span(1), alignment_mode="contract")
    if name is None or not any(token.pos_ == "PROPN" for token in name):
        return None
    dash = match.start(1) - 1
    return _speaker(context, name.root, context.text[dash], dash, dash + 1, "rule:signature", 0.75)


def _from_cue(context: Context, cue: Token, method: str, confidence: float, nested: bool = False) -> Attribution:
    subject = _subject_of(context, cue, nested)
    cue_text = context.text[cue.idx:cue.idx + len(cue)]
    if subject is None:
        return Attribution(cue=cue_text, cue_start=cue.idx, cue_end=cue.idx + len(cue),
                           method=method + ":no-subject", confidence=confidence / 2)
    return _speaker(context, subject, cue_text, cue.idx, cue.idx + len(cue), method, confidence)


def _subject_of(context: Context, cue: Token, nested: bool = False) -> Token | None:
    """The one who speaks: the subject; the object of "quoted X as saying"; the agent of a
    passive. A participle ("..., saying") has none of its own: climb to the verbs it hangs from
    (never into a quote) and take the subject of the nearest one that is itself a speech cue
    ("Hannity said ... after the senator won ..., remarking"), else the first subject that is an
    actor, else the source of the noun it follows ("an accusation from X, claiming"), else the
    first subject met."""
    if cue.lemma_.lower() == "quote" and (objects := [c for c in cue.children if c.dep_ == "dobj"]):
        return objects[0]
    if _own_subject(cue) is None and (inverted := _inverted_subject(context, cue)) is not None:
        return inverted
    first_found, named, previous = None, [], cue
    for verb in _verb_chain(context, cue):
        subject = _own_subject(verb) or (_raised_subject(verb) if previous.dep_ == "xcomp" else None)
        previous = verb
        if subject is None or not nested and not _outside_quotes(context, subject):
            continue  # '"My apologies," Quick said': a subject inside the quote is the parser's slip
        if nested:
            return None if subject.lower_ in FIRST_PERSON or subject.dep_ == "nsubjpass" else subject
        if verb.i == cue.i:
            return subject
        if _names_someone(context, subject):
            named.append((verb, subject))
        first_found = first_found or subject
    speaking = [subject for verb, subject in named if _is_cue(verb, context.cues)]
    if named:
        return (speaking or [subject for _, subject in named])[0]
    return _source_before(context, cue) or first_found or _actor_just_before(context, cue)


def _raised_subject(verb: Token) -> Token | None:
    """"Obama is reported to have called ...": the passive's subject is who did the calling."""
    return next((child for child in verb.children if child.dep_ == "nsubjpass"), None)


LISTENER_CUES = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge"})


def _inverted_subject(context: Context, cue: Token) -> Token | None:
    """'"...," said David Brock, a Clinton confidant who ...': after a quote, the news inversion
    puts the speaker right after the cue, where the small parser often loses it. Not after "told"
    or "asked", whose object is the listener."""
    before = context.text[cue.sent.start_char:cue.idx].rstrip()
    if not before.endswith(tuple(CLOSING + STRAIGHT)) or cue.tag_ not in ("VBD", "VBZ", "VBP") \
            or cue.lemma_.lower() in LISTENER_CUES:
        return None
    following = cue.nbor() if cue.i + 1 < len(context.doc) else None
    while following is not None and following.dep_ in ("det", "compound", "amod") and following.head.i > following.i:
        following = following.head
    if following is None or following.ent_type_ in ("DATE", "TIME") or not _names_someone(context, following) and following.pos_ != "NOUN":
        return None
    return following


def _names_someone(context: Context, token: Token) -> bool:
    return mention_at(context.mentions, token) is not None or token.pos_ in ("PROPN", "PRON")


def _actor_just_before(context: Context, cue: Token) -> Token | None:
    """When the parse gives no subject ("her senior policy adviser, Jake Sullivan, said:"), the
    closest name before the cue with no other verb in between."""
    for token in reversed(context.doc[cue.sent.start:cue.i]):
        if token.pos_ in ("VERB", "AUX") and token.head.i != cue.i:
            return None
        if _names_someone(context, token) and token.lower_ not in RELATIVE and _outside_quotes(context, token):
            return token
    return None


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject, or the agent of a passive. Of two subjects the nearer wins: in
    "WASHINGTON -- President Obama said" the parser takes the dateline for a subject too."""
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if subjects:
        return max(subjects, key=lambda child: child.i if child.i < verb.i else -child.i)
    agent = next((child for child in verb.children if child.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


CLIMB = ("advcl", "xcomp", "conj", "ccomp", "parataxis", "acl", "relcl", "dobj", "pobj", "prep", "appos", "pcomp")


def _verb_chain(context: Context, cue: Token):
    """The cue, then the verbs it depends on, through the noun a participle describes ("issued a
    statement describing ..."), skipping verbs inside quotes."""
    token = cue
    yield token
    while token.dep_ in CLIMB and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") and _outside_quotes(context, token):
            yield token


def _source_before(context: Context, cue: Token) -> Token | None:
    """", claiming" after "an accusation from X": X, reached from the word before the comma."""
    previous = cue.i - 1
    while previous >= cue.sent.start and (context.doc[previous].is_punct or context.doc[previous].is_space):
        previous -= 1
    token = context.doc[previous] if previous >= cue.sent.start else None
    while token is not None and token.head.i != token.i and token.dep_ in ("appos", "compound", "pobj", "poss"):
        if token.dep_ == "pobj" and token.head.lower_ in ("from", "by"):
            return token
        token = token.head
    return None


def _speaker(context: Context, token: Token, cue: str, cue_start: int, cue_end: int,
             method: str, confidence: float) -> Attribution:
    """Map the speaker token onto an actor mention when one covers it, else keep its phrase;
    "Ukraine's deputy foreign minister, Taras Melnychuk, said" names its speaker in the apposition.
    A relative pronoun ("the governor, who said") is kept as the mention, like "he", and named
    by the noun it describes."""
    relative = token if _relative_of(token) is not None else None
    token = _relative_of(token) or token
    if mention_at(context.mentions, token) is None or token.pos_ != "PROPN":
        named = [c for c in token.children if c.dep_ == "appos" and mention_at(context.mentions, c) is not None
                 and c.pos_ == "PROPN" and not _parenthesized(c)]
        token = named[0] if named else token
    mention = mention_at(context.mentions, token)
    if mention is not None:
        name, actor_id, start, end = mention.name, mention.actor_id, mention.start, mention.end
    else:
        (start, end), actor_id, confidence = _phrase(token), None, confidence * 0.9
        name = context.text[start:end]
    if relative is not None:
        start, end = relative.idx, relative.idx + len(relative)
    return Attribution(name, actor_id, context.text[start:end], start, end, cue, cue_start, cue_end, method, confidence)


def _parenthesized(token: Token) -> bool:
    """"Sen. Elizabeth Warren (D-MA)": a party and state in brackets is no speaker's name."""
    left = token.left_edge
    return left.i > 0 and token.doc[left.i - 1].text == "("


def _relative_of(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the governor" of "the governor, who said"."""
    if token.lower_ in RELATIVE and token.dep_ in SUBJECTS and token.head.dep_ == "relcl":
        return token.head.head
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """The noun phrase naming a speaker: its left modifiers and, for "a spokesman for the
    campaign", the prepositional phrase saying whose."""
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with"):
            right = child.right_edge
        elif child.dep_ in ("compound", "flat"):
            right = child
    start = left.idx if left.dep_ != "punct" else left.nbor().idx
    return start, right.idx + len(right)


def carry_over(context: Context, quotes: list[QuoteSpan], found: list[Attribution]) -> list[Attribution]:
    """A quote with no cue of its own that opens a paragraph continues the previous speaker,
    if that speaker was quoted within the last paragraphs (news style for long statements)."""
    result = list(found)
    for index, (quote, attribution) in enumerate(zip(quotes, found)):
        if attribution.speaker is not None or quote.nested_in is not None or quote.kind != "direct":
            continue
        paragraph = context.paragraph_of(quote.start)
        earlier = [(q, a) for q, a in zip(quotes[:index], result[:index])
                   if a.speaker is not None and q.nested_in is None
                   and paragraph - context.paragraph_of(q.end) <= CARRY_PARAGRAPHS]
        if earlier:
            previous = earlier[-1][1]
            result[index] = Attribution(previous.speaker, previous.actor_id, previous.surface,
                                        previous.speaker_start, previous.speaker_end, previous.cue,
                                        previous.cue_start, previous.cue_end, "rule:carried-over", 0.6)
    return result


# --- reported speech -----------------------------------------------------------------------

_HEADLINE = re.compile(r"([A-Z][^:\n]{0,60}?):(?:[ \t]+(\S[^\n]*)|[ \t]*$)", re.MULTILINE)
LABEL_TOKENS = 6


Reported = tuple[int, int, str, Attribution]  # start, end, kind ("indirect" or "attitude"), who


def reported(context: Context) -> list[Reported]:
    """Content attributed without quote marks, in two kinds. ``indirect`` is reported speech, a
    clause said or thought: "X said (that) ...", "..., X said", "according to X, ...", "the claim
    that ...", a headline "Graham: ...". ``attitude`` is attribution in the wide sense of
    who-said-what annotation: what X wants, plans, backs or attacks ("X criticized the deal", "X
    called for talks", "Trump's support for ..."). A passive or raising cue with nobody named ("the
    deal is expected to ...", "it seemed like ...") is kept as an unattributed attitude."""
    found = []
    for token in context.doc:
        cue_kind = _cue_kind(token, context.cues)
        if cue_kind is None or not _outside_quotes(context, token):
            continue
        clause = _content_of(token)
        span = _before_quote(context, _reported_span(context, token, clause))
        if span is None or _inside_own_quote(context, *span):
            continue
        says = cue_kind == "speech" and (clause is None and token.dep_ == "parataxis" or clause is not None and clause.dep_ == "ccomp")
        method, confidence = ("rule:reported-speech", 0.8) if says else (f"rule:{cue_kind}-object", 0.5)
        attribution = _from_cue(context, token, method, confidence)
        if attribution.speaker is None and _unattributed(token):
            attribution.method = "rule:unattributed"
        if attribution.speaker is not None or attribution.method == "rule:unattributed":
            found.append((*span, "indirect" if says and attribution.speaker is not None else "attitude", attribution))
    for token in context.doc:
        if (source := _according_to_source(token)) is not None:
            found += _according_to(context, token, source)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in context.cues.nouns and _outside_quotes(context, token):
            found += _noun_report(context, token)
    return found + _headlines(context)




def _noun_report(context: Context, noun: Token) -> list[Reported]:
    """"Trump's call for a ban", "criticism of the deal from Democrats", "X made the case that
    ...": the noun's object or clause, said by its owner, by the subject of the verb that makes
    it, or by nobody named."""
    content = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") or _content_preposition(c, NOUN_PREPOSITIONS)), None)
    verb = noun.head if noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in context.cues.support_verbs else None
    if content is None and verb is not None:
        content = next((c for c in verb.rights if c.i > noun.i and _content_preposition(c, NOUN_PREPOSITIONS)), None)
    owner = _noun_owner(noun, verb)
    if content is None or owner is None and _within_report(context, noun):
        return []
    first = content.i + 1 if content.dep_ == "prep" else content.left_edge.i + (content.left_edge.dep_ == "mark")
    tokens = [t for t in context.doc[first:content.right_edge.i + 1]]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens or _inside_own_quote(context, tokens[0].idx, tokens[-1].idx + len(tokens[-1])):
        return []
    cue = verb if verb is not None and verb.i < noun.i else noun
    cue_start, cue_end = cue.idx, noun.idx + len(noun)
    if owner is None:
        attribution = Attribution(cue=context.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
                                  method="rule:unattributed", confidence=0.4)
    else:
        attribution = _speaker(context, owner, context.text[cue_start:cue_end], cue_start, cue_end, "rule:cue-noun", 0.5)
    says = content.dep_ in ("acl", "ccomp") and any(c.dep_ in ("nsubj", "nsubjpass") for c in content.children)
    kind = "indirect" if says and owner is not None else "attitude"
    return [(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), kind, attribution)]


def _within_report(context: Context, noun: Token) -> bool:
    """"dismissed concerns about ...": a noun inside what a cue verb reports is part of that
    report, not a claim of nobody's."""
    return any(_cue_kind(ancestor, context.cues) is not None for ancestor in noun.ancestors)


def _noun_owner(noun: Token, verb: Token | None) -> Token | None:
    """Whose the reported words are: "Trump's call", "a call by Trump", "Trump made the call"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return _own_subject(verb) if verb is not None else None


def _cue_kind(token: Token, cues: Cues) -> str | None:
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.lower()
    return "speech" if lemma in cues.verbs else "topic" if lemma in cues.topics else "attitude" if lemma in cues.attitudes else None


def _unattributed(cue: Token) -> bool:
    """"is expected to", "was described as", "seemed like": a claim the writer reports with
    nobody named as its source."""
    dependents = {child.dep_ for child in cue.children}
    return "nsubjpass" in dependents and "agent" not in dependents or cue.lemma_.lower() in RAISING


RAISING = frozenset({"seem", "appear", "sound"})
CONTENT_PREPOSITIONS = frozenset({"about", "on", "to", "for", "of", "with", "against", "over", "at", "into", "as"})
NOUN_PREPOSITIONS = CONTENT_PREPOSITIONS | {"in", "toward", "towards", "against"}
CHANNELS = frozenset({"twitter", "facebook", "telegram", "instagram", "television", "tv", "radio", "website", "blog",
                      "phone", "telephone", "camera", "air", "record", "stage", "podium", "floor"})
NOT_CONTENT = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "nsubj", "nsubjpass", "agent", "aux",
                         "auxpass", "neg", "advmod", "mark", "dative", "npadvmod"})


def _inside_own_quote(context: Context, start: int, end: int) -> bool:
    """Reported words that are a direct quote are that quote, not reported speech."""
    return end - start < 2 or any(q.start < end and start < q.end and q.kind != "partial" for q in context.quotes)


def _clause_end(cue: Token, clause: Token) -> int:
    """A said-clause runs to the end of the sentence, the news habit of tacking on words the
    parser hangs elsewhere, but not into a second act of the speaker's ("stated X and dismissed Y")."""
    second_acts = [child.left_edge.i for child in cue.rights if child.dep_ == "conj" and child.i > clause.right_edge.i]
    return min(second_acts, default=cue.sent.end) - 1


def _passive_content(cue: Token) -> tuple[int, int] | None:
    """What a passive cue is about: "[the plan] was criticized by X", "[arrests] documented by X"."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None and cue.dep_ == "acl" and cue.tag_ == "VBN":
        return cue.head.left_edge.idx, cue.head.idx + len(cue.head)
    return (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)) if subject is not None else None


def _before_quote(context: Context, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """"X asserted that France had lost its identity: "France is ..."": the report stops where
    the direct quote that follows it begins."""
    if span is None:
        return None
    start, end = span
    opening = min((q.start - 1 for q in context.quotes if start < q.start - 1 < end and q.kind != "partial"), default=end)
    return trimmed(context.text, start, opening) if opening < end else span


def _content_of(cue: Token) -> Token | None:
    """What the cue reports, strongest relation first: a clause ("said that ..."), an object
    ("criticized the deal"), an infinitive ("promised to ..."), a prepositional object ("called
    for talks", "spoke about the deal")."""
    children = list(cue.children)
    if cue.lemma_.lower() == "quote":
        return next((c for c in children if c.dep_ == "ccomp"), None)  # "quoted X as saying" is a quote's cue
    for deps in (("ccomp",), ("dobj",), ("xcomp", "oprd")):
        if (child := next((c for c in children if c.dep_ in deps), None)) is not None:
            return child
    return next((c for c in cue.rights if _content_preposition(c, CONTENT_PREPOSITIONS)), None)


def _content_preposition(token: Token, prepositions: frozenset[str]) -> bool:
    """"about the deal", "for talks": a preposition whose object is what is talked about, not
    when or where ("over the past year", "on Telegram")."""
    objects = [child for child in token.children if child.dep_ in ("pobj", "pcomp")]
    return token.dep_ == "prep" and token.lower_ in prepositions and bool(objects) and not any(
        o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in CHANNELS for o in objects)


def _reported_span(context: Context, cue: Token, clause: Token | None) -> tuple[int, int] | None:
    """The reported content: the clause or object and the rest of the sentence on its side of
    the cue, without a "that" and without a trailing ", emphasizing ..." report of its own; for
    an unattributed passive, its subject too ("the vote [is expected] to pass")."""
    sentence = cue.sent
    if clause is None and cue.dep_ == "parataxis":
        clause = cue.head  # "This campaign, he says, is different"
    if clause is None:
        return _passive_content(cue)
    if clause.i > cue.i:
        first = clause.left_edge.i + (clause.left_edge.dep_ == "mark")
        if clause.dep_ == "prep":
            first = clause.i + 1
        if _unattributed(cue) and (subject := next((c for c in cue.children if c.dep_ in ("nsubjpass", "nsubj")), None)):
            first = subject.left_edge.i
        last = _clause_end(cue, clause) if clause.dep_ == "ccomp" or clause.head != cue else max(
            [clause.right_edge.i] + [child.right_edge.i for child in cue.rights if child.dep_ not in NOT_CONTENT])
        for token in context.doc[first:last + 1]:
            if token.i > max(first, cue.i) and token.tag_ == "VBG" and _cue_kind(token, context.cues) == "speech":
                last = token.left_edge.i - 1
                break
    elif cue.dep_ == "parataxis":
        first, last = sentence.start, sentence.end - 1
    else:
        content = {t.i for t in clause.subtree}
        first, last = sentence.start, min(t.i for t in cue.subtree if t.i not in content) - 1
    aside = {t.i for t in cue.subtree} if cue.dep_ == "parataxis" else set()
    tokens = [t for t in context.doc[first:last + 1] if t.i not in aside and t.i != cue.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1])) if tokens else None


def _according_to(context: Context, token: Token, source: Token) -> list[Reported]:
    """The rest of the sentence, said by X of "according to X"."""
    preposition = context.doc[token.i + 1]
    sentence = token.sent
    phrase_end = max(t.i for t in source.subtree) + 1
    rest = [t for t in sentence if (t.i < token.i or t.i >= phrase_end) and not t.is_punct and not t.is_space]
    if len(rest) < 3 or _inside_own_quote(context, rest[0].idx, rest[-1].idx + len(rest[-1])):
        return []
    attribution = _speaker(context, source, "according to", token.idx, preposition.idx + len(preposition),
                           "rule:according-to", 0.85)
    return [(rest[0].idx, rest[-1].idx + len(rest[-1]), "indirect", attribution)]


def _headlines(context: Context) -> list[Reported]:
    """A paragraph opened by a speaker's label: "Graham: Trump's rhetoric ..." (a headline
    convention), "TAPPER: ..." or "Q: ..." (a transcript). A label standing alone labels the
    paragraph after it."""
    found = []
    for index, (start, end) in enumerate(context.paragraphs):
        match = _HEADLINE.match(context.text, start, end)
        if match is None:
            continue
        speaker = context.doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if speaker is None or len(speaker) > LABEL_TOKENS or not all(t.pos_ == "PROPN" or t.is_punct or t.text.isupper() for t in speaker):
            continue
        if match.group(2):
            content_start, content_end = match.start(2), end
        elif index + 1 < len(context.paragraphs):
            content_start, content_end = context.paragraphs[index + 1]
        else:
            continue
        if _inside_own_quote(context, content_start, content_end):
            continue
        attribution = _speaker(context, speaker.root, ":", match.end(1), match.end(1) + 1, "rule:headline", 0.7)
        found.append((content_start, content_end, "indirect", attribution))
    return found


# --- the table -------------------------------------------------------------------------------

def extract_quotes(article_id: str, text: str, doc: Doc, paragraphs: list[tuple[int, int]],
                   sentence_starts: list[int], mentions: list[Mention]) -> list[dict]:
    context = Context(text, doc, paragraphs, sentence_starts, mentions, load_cues())
    context.quotes = find_quotes(text, paragraphs)
    for quote in context.quotes:
        quote.kind = classify(text, quote, paragraphs[context.paragraph_of(quote.start)][0])
    attributions = carry_over(context, context.quotes, [attribute(context, q) for q in context.quotes])
    entries = [(q.start, q.end, q.kind, q, a if q.balanced else _unbalanced(a))
               for q, a in zip(context.quotes, attributions)]
    entries += [(start, end, kind, None, a) for start, end, kind, a in reported(context)]
    entries.sort(key=lambda entry: (entry[0], entry[1], entry[2]))
    number_of = {id(entry[3]): n for n, entry in enumerate(entries) if entry[3] is not None}
    return [
        _row(article_id, text, number, sentence_starts, start, end, kind, attribution,
             number_of[id(context.quotes[quote.nested_in])] if quote and quote.nested_in is not None else None)
        for number, (start, end, kind, quote, attribution) in enumerate(entries)
    ]


def _unbalanced(attribution: Attribution) -> Attribution:
    attribution.method += ":unbalanced-marks"
    attribution.confidence = round(attribution.confidence * 0.7, 3)
    return attribution


def _row(article_id: str, text: str, number: int, sentence_starts: list[int], start: int, end: int,
         kind: str, a: Attribution, nested_in: int | None) -> dict:
    return {
        "article_id": article_id, "quote_id": number,
        "sentence_id": max(0, bisect_right(sentence_starts, start) - 1), "kind": kind,
        "text": text[start:end], "start": start, "end": end, "speaker": a.speaker,
        "speaker_actor_id": a.actor_id, "speaker_surface": a.surface, "speaker_start": a.speaker_start,
        "speaker_end": a.speaker_end, "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
        "nested_in": nested_in, "confidence": a.confidence, "method": a.method,
    }
