"""Who said each quote: the rules, tried strongest evidence first.

A person labelled before its colon, a speech verb tied to it in its own sentence (or in a short
sentence right after it), "according to X", a cue sentence ending in a colon, a cue sentence just
before it, a signature after it, a caption line above it, the subject of the verb it hangs from,
and last the speaker of the quote just before it. The quotes themselves come from ``marks``; the
speaker of a cue from ``speakers``.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from analysis.corpus.text import CLOSING_QUOTES, STRAIGHT_QUOTE
from analysis.extract.mentions import RELATIVE, SUBJECTS, mention_at
from analysis.extract.methods import UNBALANCED_MARKS, confidence, weakened
from analysis.extract.quotes.spans import Attribution, Context, Passage, QuoteSpan, outside_quotes
from analysis.extract.quotes.speakers import (
    according_to,
    according_to_source,
    attributed_to,
    from_cue,
    own_subject,
    relative_of,
)
from analysis.registries.cues import cue_kind, is_cue

CARRY_PARAGRAPHS = 2  # how far back a quote with no cue of its own may borrow a speaker


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
    candidates = [t for t in tokens
                  if is_cue(t, context.cues, quote.kind == "direct") and not (quote.start <= t.idx < quote.end)
                  and outside_quotes(context, t, outer)]
    if outer is not None:
        candidates = [t for t in candidates if outer.start <= t.idx < outer.end]
    if outer is None and (labelled := _labelled_speaker(context, quote)) is not None:
        return labelled
    cue = _closest_cue(candidates, quote)
    if cue is not None:
        return from_cue(context, cue, "rule:cue-in-sentence", nested=outer is not None)
    if outer is not None:
        return Attribution(method="rule:nested-no-speaker", confidence=confidence("rule:nested-no-speaker"))
    if (phrase := _source_phrase(context, tokens, quote)) is not None:
        return phrase
    if (colon := _colon_cue(context, quote)) is not None:
        return colon
    if (lead_in := _lead_in_cue(context, quote)) is not None:
        return lead_in
    if (signed := _signature(context, quote)) is not None:
        return signed
    if (captioned := _caption(context, quote)) is not None:
        return captioned
    if (subject := _governing_subject(context, tokens, quote)) is not None:
        return attributed_to(context, subject, None, None, None, "rule:subject-of-verb")
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
            subject = own_subject(ancestor)
            names = subject is not None and (mention_at(context.mentions, subject) is not None
                                             or subject.pos_ in ("PRON", "PROPN"))
            if names and (subject.lower_ not in RELATIVE or relative_of(subject) is not None) \
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
    inverted = any(is_cue(token, context.cues) for token in list(sentence)[:INVERTED_TOKENS])
    root = sentence.root
    bare = is_cue(root, context.cues) and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
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


def _source_phrase(context: Context, tokens: list[Token], quote: QuoteSpan) -> Attribution | None:
    """"according to X" anywhere in the sentence, outside the quote."""
    for token in tokens:
        source = according_to_source(token)
        if source is not None and not (quote.start <= token.idx < quote.end):
            return according_to(context, token, source)
    return None


def _text_before(context: Context, quote: QuoteSpan) -> str:
    """The article up to the quote's opening mark, without the blank space before it."""
    return context.text[:quote.start - 1].rstrip()


def _sentence_ending(context: Context, before: str) -> list[Token]:
    """The tokens of the sentence that ends where ``before`` ends (a lead-in to the quote)."""
    return [t for t in _sentence_tokens(context, len(before) - 1, len(before)) if t.idx < len(before)]


def _opens_paragraph(context: Context, quote: QuoteSpan) -> bool:
    return context.paragraphs[context.paragraph_of(quote.start)][0] == quote.start - 1


def _labelled_speaker(context: Context, quote: QuoteSpan) -> Attribution | None:
    """'Pollsters agree - Carl Bialik: "One of the biggest lessons ..."': a person named right
    before the colon that opens the quote, and not as anyone's object ("told Megyn Kelly:")."""
    before = _text_before(context, quote)
    if not before.endswith(":"):
        return None
    name = context.doc.char_span(len(before) - 2, len(before) - 1, alignment_mode="expand")
    mention = mention_at(context.mentions, name[0]) if name is not None else None
    if mention is None or mention.type != "person" or mention.end != len(before) - 1 \
            or name[0].dep_ in ("dobj", "pobj", "dative", "attr"):
        return None
    colon = len(before) - 1
    return attributed_to(context, name[0], ":", colon, colon + 1, "rule:colon-after-speaker")


def _colon_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote right after a sentence ending in a colon ("... quoted SVR as saying:")."""
    before = _text_before(context, quote)
    if not before.endswith(":"):
        return None
    tokens = _sentence_ending(context, before)
    cues = [t for t in tokens if is_cue(t, context.cues) and outside_quotes(context, t)]
    if cues:
        return from_cue(context, cues[-1] if cues[-1].lemma_ != "say" else cues[0], "rule:colon-cue")
    named = [t for t in tokens if outside_quotes(context, t) and mention_at(context.mentions, t) is not None]
    subjects = [t for t in named if t.dep_ in SUBJECTS]
    people = [t for t in named if mention_at(context.mentions, t).type == "person"]
    if not (subjects or people):
        return None
    subject = (subjects or people)[-1]
    colon = len(before) - 1
    return attributed_to(context, subject, ":", colon, colon + 1, "rule:colon-after-speaker")


def _lead_in_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote opening a sentence (or a paragraph) right after one whose verb is a cue with a
    named subject: 'Bystrom agreed. "Mainstream Republicans are ..."', '"...," Trump said. "And ..."'."""
    before = _text_before(context, quote)
    paragraphs_back = context.paragraph_of(quote.start) - context.paragraph_of(len(before) - 1)
    if quote.kind != "direct" or not before.rstrip(CLOSING_QUOTES + STRAIGHT_QUOTE).endswith((".", "!", "?")) \
            or paragraphs_back > (1 if _opens_paragraph(context, quote) else 0):
        return None
    cues = sorted((t for t in _sentence_ending(context, before)
                   if cue_kind(t, context.cues) is not None and outside_quotes(context, t)),
                  key=lambda t: t.dep_ != "ROOT")
    attribution = from_cue(context, cues[0], "rule:cue-in-previous-sentence") if cues else None
    return attribution if attribution is not None and attribution.speaker is not None else None


_SIGNATURE = re.compile(r"[ \t]*(?:\n\s*)?([-–—―])\s*([A-Z][^,.\n]{1,60})")


def _signature(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote standing as its own paragraph, signed after it, on the same line or the next
    paragraph, after any dash (hyphen, en, em, or the quotation dash U+2015 some outlets use for
    every dash): '"…" ―Maria Lopez, 34, Phoenix', '"…" / - Bernie Sanders.'"""
    match = _SIGNATURE.match(context.text, quote.end + 1)
    if not _opens_paragraph(context, quote) or match is None:
        return None
    name = context.doc.char_span(*match.span(2), alignment_mode="contract")
    if name is None or not any(token.pos_ == "PROPN" for token in name):
        return None
    return attributed_to(context, name.root, match.group(1), *match.span(1), "rule:signature")


CAPTION_TOKENS = 12  # "Maria Lopez, 34, a nurse in Phoenix": a caption line names, it does not narrate


def _caption(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote opening its paragraph under a caption line that only names a person (the vox-pop
    convention): 'Maria Lopez, 34, Phoenix' / '"We came here for work."'"""
    index = context.paragraph_of(quote.start)
    if index == 0 or not _opens_paragraph(context, quote):
        return None
    caption = context.doc.char_span(*context.paragraphs[index - 1], alignment_mode="expand")
    if caption is None or len(caption) > CAPTION_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in caption):
        return None
    people = [m for m in context.mentions
              if caption.start_char <= m.start and m.end <= caption.end_char and m.type == "person"]
    if not people:
        return None
    name = context.doc.char_span(people[0].start, people[0].end, alignment_mode="expand")
    return attributed_to(context, name.root, None, None, None, "rule:caption")


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
                                        previous.cue_start, previous.cue_end, "rule:carried-over",
                                        confidence("rule:carried-over"))
    return result


def attribute_quotes(context: Context) -> list[Passage]:
    """Every quote of the article with its speaker (the rules above, then the carry-over);
    a quote whose marks do not pair keeps its speaker at a lower confidence."""
    attributions = carry_over(context, context.quotes, [attribute(context, q) for q in context.quotes])
    return [Passage(q.start, q.end, q.kind, a if q.balanced else _unbalanced(a), number, q.nested_in)
            for number, (q, a) in enumerate(zip(context.quotes, attributions))]


def _unbalanced(attribution: Attribution) -> Attribution:
    attribution.method += ":unbalanced-marks"
    attribution.confidence = weakened(attribution.confidence, UNBALANCED_MARKS)
    return attribution
