"""Quotes and reported speech, with who said them.

Quote marks are paired on the text (curly or straight, across paragraphs by the news convention of
reopening each paragraph), then each quote looks for its speaker, strongest evidence first: a person
labelled before its colon, a speech verb tied to it in its own sentence (or in a short sentence
right after it), "according to X", a cue sentence ending in a colon, a cue sentence just before it,
a signature after it, a caption line above it, the subject of the verb it hangs from, and last the
speaker of the quote just before it. Reported content without quote marks comes from
``analysis.reports``.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from analysis.actors import RELATIVE, SUBJECTS, Mention, mention_at
from analysis.corpus import trimmed
from analysis.cues import cue_kind, is_cue, load_cues
from analysis.reports import reported
from analysis.speakers import (Attribution, Context, QuoteSpan, according_to_source, attributed_to, from_cue,
                               outside_quotes, own_subject, relative_of)
from analysis.text import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE


_MARKS = re.compile(r"[“”„«»\"]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s“\"(—–-]))[‘'](?=\S)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![\w])")
_DIRECT_BEFORE = set(".:,;!?—–-(")
CARRY_PARAGRAPHS = 2  # how far back a quote with no cue of its own may borrow a speaker


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
            elif open_at is not None and char in OPENING_QUOTES:
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
    if char in OPENING_QUOTES:
        return True
    if char in CLOSING_QUOTES:
        return False
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, position: int) -> bool:
    """While a quote is open, any straight mark or closing curly mark ends it, and so does an
    opening mark typed where a closing one belongs: '“It's unusual,“ said Larry Noble'."""
    after = text[position + 1:position + 2]
    misturned = text[position] in OPENING_QUOTES and text[position - 1:position] in ",.?!" and after in ("", " ", "\n")
    return text[position] in CLOSING_QUOTES or text[position] == STRAIGHT_QUOTE or misturned


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
    marks = CLOSING_QUOTES + STRAIGHT_QUOTE
    if before.endswith(tuple(marks)) and before.rstrip(marks)[-1:] in (".", "!", "?"):
        return "direct"  # 'Perez said on "Meet the Press." "Listening to him ..."'
    return "direct" if not before or before[-1] in _DIRECT_BEFORE else "partial"


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
        return from_cue(context, cue, "rule:cue-in-sentence", 0.9, nested=outer is not None)
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
    if (captioned := _caption(context, quote)) is not None:
        return captioned
    if (subject := _governing_subject(context, tokens, quote)) is not None:
        return attributed_to(context, subject, None, None, None, "rule:subject-of-verb", 0.5)
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
            if subject is not None and (mention_at(context.mentions, subject) is not None or subject.pos_ in ("PRON", "PROPN")) \
                    and (subject.lower_ not in RELATIVE or relative_of(subject) is not None) \
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
            cue_end = token.doc[token.i + 1].idx + 2
            return attributed_to(context, source, "according to", token.idx, cue_end, "rule:according-to", 0.9)
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
    return attributed_to(context, name[0], ":", colon, colon + 1, "rule:colon-after-speaker", 0.8)


def _colon_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote right after a sentence ending in a colon ("... quoted SVR as saying:")."""
    before = _text_before(context, quote)
    if not before.endswith(":"):
        return None
    tokens = _sentence_ending(context, before)
    cues = [t for t in tokens if is_cue(t, context.cues) and outside_quotes(context, t)]
    if cues:
        return from_cue(context, cues[-1] if cues[-1].lemma_ != "say" else cues[0], "rule:colon-cue", 0.85)
    named = [t for t in tokens if outside_quotes(context, t) and mention_at(context.mentions, t) is not None]
    subjects = [t for t in named if t.dep_ in SUBJECTS]
    people = [t for t in named if mention_at(context.mentions, t).type == "person"]
    if not (subjects or people):
        return None
    subject = (subjects or people)[-1]
    colon = len(before) - 1
    return attributed_to(context, subject, ":", colon, colon + 1, "rule:colon-after-speaker", 0.75)


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
    attribution = from_cue(context, cues[0], "rule:cue-in-previous-sentence", 0.7) if cues else None
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
    return attributed_to(context, name.root, match.group(1), *match.span(1), "rule:signature", 0.75)


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
    return attributed_to(context, name.root, None, None, None, "rule:caption", 0.7)


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
