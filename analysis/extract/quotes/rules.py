"""Who said each quote: the rules, tried strongest evidence first.

A person labelled before its colon, a speech verb tied to it in its own sentence (or in a short
sentence right after it), "according to X", a cue sentence ending in a colon, a cue sentence just
before it, a signature after it, a caption line above it, the subject of the verb it hangs from,
and last the speaker of the quote just before it. The quotes themselves come from ``marks``; the
speaker of a cue from ``speakers``.

Over 300 lines on purpose: the rules are tried in one order, and that order is the design;
kept together it can be read top to bottom.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from analysis.corpus.text import CLOSING_QUOTES, SPACED_DASHES, STRAIGHT_QUOTE
from analysis.extract.mentions import RELATIVE, SUBJECTS, mention_at
from analysis.extract.methods import UNBALANCED_MARKS, confidence, weakened
from analysis.extract.nlp import sentence_of, token_at, words
from analysis.extract.quotes.scene import PERSON_PRONOUNS
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
WOVEN_WORDS = 6  # a partial quote this long is someone's words, not a scare quote
WOVEN_SHORT = 3  # ... and one this long, in the paragraph of someone's quote, is that speaker's
LABEL_WORDS = 4  # longest name a dash sets off before a colon: "... - Peace Research Foundation:"


def _sentence_range(context: Context, start: int, end: int) -> range:
    """Token numbers of the sentences overlapping [start, end)."""
    doc = context.doc
    first, last = token_at(doc, start), token_at(doc, max(start, end - 1), after=False)
    if first is None or last is None or first.i > last.i:
        return range(0)
    return range(sentence_of(first).start, sentence_of(last).end)


def _sentence_tokens(context: Context, start: int, end: int) -> list[Token]:
    """Tokens of the sentences overlapping [start, end)."""
    return [context.doc[i] for i in _sentence_range(context, start, end)]


def attribute(context: Context, quote: QuoteSpan) -> Attribution:
    """Find the cue and speaker of one quote, trying the strongest evidence first."""
    outer = context.quotes[quote.nested_in] if quote.nested_in is not None else None
    window = [_sentence_range(context, _sentence_opening(context, quote), quote.end + 1), _tail_after(context, quote)]
    if outer is None and (labelled := _labelled_speaker(context, quote)) is not None:
        return labelled
    cue = _closest_cue(context, quote, window, outer)
    if cue is not None:
        return from_cue(context, cue, "rule:cue-in-sentence", nested=outer is not None)
    if outer is not None:
        return Attribution(method="rule:nested-no-speaker", confidence=confidence("rule:nested-no-speaker"))
    if (phrase := _source_phrase(context, window, quote)) is not None:
        return phrase
    if (signed := _signature(context, quote)) is not None:  # signed right below: no earlier sentence's cue
        return signed
    if (colon := _colon_cue(context, quote)) is not None:
        return colon
    if (lead_in := _lead_in_cue(context, quote)) is not None:
        return lead_in
    if (captioned := _caption(context, quote)) is not None:
        return captioned
    if (subject := _governing_subject(context, window, quote)) is not None:
        return attributed_to(context, subject, None, None, None, "rule:subject-of-verb")
    return Attribution()


def _sentence_opening(context: Context, quote: QuoteSpan) -> int:
    """Where the quote's sentence begins, or, when the parser split a sentence inside an earlier
    quote ('... "held firm. It was more measured" and Lund was hurt by going "too far"'),
    where that quote's sentence begins."""
    mark = token_at(context.doc, quote.start - 1)
    sentence_start = sentence_of(mark).start_char if mark is not None else quote.start - 1
    around = context.quote_at(sentence_start)
    return around.start - 1 if around is not None and around is not quote else quote.start - 1


def _governing_subject(context: Context, window: list[range], quote: QuoteSpan) -> Token | None:
    """No speech verb, but the quoted words are what someone called, pledged or labelled something
    ("Holm is labeling the ministry's decision “a clear ... breach”"): the subject of the nearest
    verb the quote hangs from, when it names an actor, is a personal pronoun or a document ("the
    report"); when that verb's clause, or the clause it completes, is what a cue reports ("Berg is
    questioning whether Adler would have signed the deal “if it were going to a friendly country”";
    "the report found that exporters failed to act “in good faith”"), the subject of the cue."""
    first = token_at(context.doc, quote.start)
    inside = first is not None and first.idx < quote.end and any(first.i in part for part in window)
    for token in [first] if inside else []:
        for ancestor in token.ancestors:
            if quote.start <= ancestor.idx < quote.end or ancestor.pos_ not in ("VERB", "AUX"):
                continue
            reported = ancestor
            while reported.dep_ == "xcomp":  # "the study found that schools failed to do “...”"
                reported = reported.head
            if reported.dep_ == "ccomp" and cue_kind(reported.head, context.cues) is not None:
                ancestor = reported
            while ancestor.dep_ == "ccomp" and cue_kind(ancestor.head, context.cues) is not None:
                ancestor = ancestor.head
            subject = own_subject(ancestor)
            names = subject is not None and (mention_at(context.mentions, subject) is not None
                                             or subject.pos_ in ("PRON", "PROPN")
                                             or subject.lemma_.lower() in context.cues.artifacts)
            if names and (subject.lower_ not in RELATIVE or relative_of(subject) is not None) \
                    and not (quote.start <= subject.idx < quote.end):
                return subject
            return None
    return None


INVERTED_TOKENS = 3  # '"Where do the rifles go?" asked the boy, who ...': a cue this early opens a long tail
TAIL_TOKENS = 16  # "…?” Lund said." split after the question mark: the cue sentence is this short
COLON_GAP = 8  # characters between a cue's colon and the quote mark that may be white space


def _tail_after(context: Context, quote: QuoteSpan) -> range:
    """The parser ends a sentence at "?”", "!”" or ".”"; a sentence right after the closing mark
    still belongs to the quote when it is short ("Lund said."), opens with its cue ("asked the
    boy, who ..."), or reports nothing else ("Maria, a teacher from Phoenix who ..., said.")."""
    if context.text[quote.start:quote.end].rstrip("’'").rstrip()[-1:] not in ("?", "!", "."):
        return range(0)
    following = token_at(context.doc, quote.end + 1)
    if following is None or following.idx >= quote.end + 3 or not following.is_sent_start:
        return range(0)
    sentence = sentence_of(following)
    same_paragraph = context.paragraph_of(sentence.start_char) == context.paragraph_of(quote.start)
    inverted = any(is_cue(token, context.cues) for token in sentence[:INVERTED_TOKENS])
    root = sentence.root
    bare = is_cue(root, context.cues) and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
    kept = same_paragraph and (len(sentence) <= TAIL_TOKENS or inverted or bare)
    return range(sentence.start, sentence.end) if kept else range(0)


def _closest_cue(context: Context, quote: QuoteSpan, window: list[range], outer: QuoteSpan | None) -> Token | None:
    """A cue right before the colon that opens the quote beats the rest, unless the quote hangs
    from a cue of its own after it ('Dahl replied: "...," he wrote, "..."'); then the nearest cue
    the quote hangs from beats a cue that hangs from the quote ("..., he said" parsed as
    parataxis), which beats a cue that is merely near (the earlier on a tie). A cue is a speech
    verb in the quote's window, outside it, and outside every other quote (inside ``outer`` for a
    nested quote). Each rank is searched where it can be, not over the sentence, so a sentence full
    of quotes costs its length."""
    doc, cues = context.doc, context.cue_indices(quote.kind == "direct")
    inside = lambda token: quote.start <= token.idx < quote.end

    def usable(i: int) -> bool:
        if not context.is_cue_index(i, quote.kind == "direct") or not any(i in part for part in window):
            return False
        token = doc[i]
        return (not inside(token) and outside_quotes(context, token, outer)
                and (outer is None or outer.start <= token.idx < outer.end) and not _aside(context, token, quote))

    def gap(token: Token) -> int:
        return quote.start - token.idx if token.idx < quote.start else token.idx - quote.end

    first, last = token_at(doc, quote.start), token_at(doc, quote.end - 1, after=False)
    starts, heads = words(doc).idx, words(doc).head
    within = [i for i in range(first.i, last.i + 1) if quote.start <= starts[i] < quote.end] \
        if first is not None and last is not None else []
    hangs = _nearest_above([doc[i] for i in within if not quote.start <= starts[heads[i]] < quote.end], usable)
    introducing = _cue_before_colon(context, quote, usable)
    if introducing is not None and (hangs is None or hangs.idx < quote.start):
        return introducing
    if hangs is not None:
        return hangs
    dependents = sorted({child.i for i in within for child in doc[i].children
                         if not inside(child) and usable(child.i)}, key=lambda i: (gap(doc[i]), i))
    if dependents:
        return doc[dependents[0]]
    low = min((part.start for part in window if part), default=0)
    high = max((part.stop for part in window if part), default=0)
    split = bisect_left(cues, first.i if first is not None else len(doc))
    earlier = next((cues[k] for k in range(split - 1, -1, -1) if cues[k] < low or usable(cues[k])), None)
    later = next((cues[k] for k in range(split, len(cues)) if cues[k] >= high or usable(cues[k])), None)
    near = [i for i in (earlier, later) if i is not None and usable(i)]
    return doc[min(near, key=lambda i: (gap(doc[i]), i))] if near else None


def _cue_before_colon(context: Context, quote: QuoteSpan, usable: Callable[[int], bool]) -> Token | None:
    """'Holm said as a protester shouted: "Stop the sales!"': the cue right before the colon that
    opens the quote introduces it, whichever verb the parser hangs the quote from; but not a cue in
    what another cue reports ("Lund imagined Holm was thinking:" is Lund's imagining)."""
    opening = max(0, quote.start - COLON_GAP)  # not ``_text_before``: this runs for every quote
    before = context.text[opening:quote.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    word = token_at(context.doc, opening + len(before) - 2, after=False)
    if word is None or not usable(word.i):
        return None
    return None if word.dep_ in ("ccomp", "xcomp") and is_cue(word.head, context.cues) else word


def _aside(context: Context, token: Token, quote: QuoteSpan) -> bool:
    """The word is inside brackets the quote is not in: "... (think Norway and Sweden) ..." asks the
    reader to think; it reports no one's words."""
    sentence = sentence_of(token)
    text = context.text
    opening = text.rfind("(", sentence.start_char, token.idx)
    if opening < 0 or text.rfind(")", opening, token.idx) >= 0:
        return False
    closing = text.find(")", token.idx, sentence.end_char)
    return closing >= 0 and not opening < quote.start < closing


def _nearest_above(roots: list[Token], usable) -> Token | None:
    """The usable token the quote hangs from at the fewest steps above one of its words (the
    earlier on a tie). Only the quote's ``roots`` (its words whose head is outside it) are climbed,
    since any path up from a word of the quote leaves it through one of them, and a climb stops at
    its first usable token: a deep sentence costs the steps to the nearest cue, not its depth."""
    best: tuple[int, int] | None = None
    for word in roots:
        for depth, ancestor in enumerate(word.ancestors, start=1):
            if best is not None and depth > best[0]:
                break
            if usable(ancestor.i):
                best = min(best or (depth, ancestor.i), (depth, ancestor.i))
                break
    return roots[0].doc[best[1]] if best is not None else None


def _source_phrase(context: Context, window: list[range], quote: QuoteSpan) -> Attribution | None:
    """"according to X" anywhere in the sentence, outside the quote."""
    for part in window:
        for i in context.according_indices(part):
            token = context.doc[i]
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
    """'Analysts agree - Eva Lund: "The main lesson here ..."': a person named right
    before the colon that opens the quote, and not as anyone's object ("told Ola Berg:") nor
    as a pronoun ("words that might have come from Holm himself:"). A name set off by a dash
    is a label whatever the parser and the model make of it ("... - Peace Research Foundation:")."""
    before = _text_before(context, quote)
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    name_end = len(before[:colon].rstrip())  # "Vučić : «…»": French and Serbian type a space first
    name = token_at(context.doc, name_end - 1, after=False) if name_end else None
    mention = mention_at(context.mentions, name) if name is not None else None
    method = "rule:colon-after-speaker"
    label = _dash_label(before[:name_end])
    if label is not None and (mention is None or mention.start < label):  # a name the model missed or overran
        words = context.text[label:name_end]
        return Attribution(words, None, words, label, name_end, ":", colon, colon + 1, method, confidence(method),
                           "named")
    if label is None and (mention is None or mention.type != "person" or mention.method == "pronoun"
                          or mention.end != name_end or name.dep_ in ("dobj", "pobj", "dative", "attr")):
        return None
    return attributed_to(context, name, ":", colon, colon + 1, method)


def _dash_label(before: str) -> int | None:
    """Where the name that ends ``before`` starts, when a spaced dash sets it off ("... - Maria
    Holm"): a source label, though the model may not know the name."""
    dash = max(before.rfind(d) for d in SPACED_DASHES)
    words = before[dash + 3:].split() if dash >= 0 else []
    return dash + 3 if 0 < len(words) <= LABEL_WORDS and all(word[:1].isupper() for word in words) else None


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
    main = [t for t in tokens if t.dep_ in SUBJECTS and t.head.dep_ == "ROOT" and outside_quotes(context, t)
            and (t in subjects or t.lower_ in PERSON_PRONOUNS)]
    if not (main or subjects or people):
        return None
    subject = main[0] if main else (subjects or people)[-1]
    colon = len(before) - 1
    return attributed_to(context, subject, ":", colon, colon + 1, "rule:colon-after-speaker")


def _lead_in_cue(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote opening a sentence (or a paragraph) right after one whose verb is a cue with a
    named subject: 'Dahl agreed. "Most exporters are ..."', '"...," Lund said. "And ..."'."""
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


_SIGNATURE = re.compile(r"[^\S\n]*(?:\n\s*)?([-–—―])\s*([A-Z][^,.\n]{1,60})")  # a no-break space too


def _signature(context: Context, quote: QuoteSpan) -> Attribution | None:
    """A quote standing as its own paragraph, signed after it, on the same line or the next
    paragraph, after any dash (hyphen, en, em, or the quotation dash U+2015 some outlets use for
    every dash): '"…" ―Maria Lopez, 34, Phoenix', '"…" / - Ola Berg.'"""
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
    if that speaker was quoted within the last paragraphs (news style for long statements); so
    does a clause-long quote woven into the next paragraph ("The freeze is also meant to '...'"), and
    a phrase woven into the speaker's own paragraph ("But that's not 'strictly lawful'")."""
    result = list(found)
    for index, (quote, attribution) in enumerate(zip(quotes, found)):
        words = len(context.text[quote.start:quote.end].split())
        woven = quote.kind == "partial" and words >= WOVEN_SHORT
        if attribution.speaker is not None or quote.nested_in is not None or not (quote.kind == "direct" or woven):
            continue
        paragraph = context.paragraph_of(quote.start)
        reach = (1 if words >= WOVEN_WORDS else 0) if woven else CARRY_PARAGRAPHS
        earlier = [(q, a) for q, a in zip(quotes[:index], result[:index])
                   if a.speaker is not None and q.nested_in is None
                   and paragraph - context.paragraph_of(q.end) <= reach]
        if earlier:
            previous = earlier[-1][1]
            result[index] = replace(previous, method="rule:carried-over", confidence=confidence("rule:carried-over"))
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
