"""Content attributed without quote marks: reported speech and attitudes.

Two kinds, because analysts read them differently. ``indirect`` is reported speech, a clause said
or thought ("X said (that) ...", "according to X, ...", "the claim that ..."); ``attitude`` is
attribution in the wide sense of who-said-what annotation: what X wants, backs or attacks ("X
criticized the deal", "Berg's call for an embargo"), or a claim with nobody named ("is expected to").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from analysis.corpus.tables import trimmed
from analysis.extract.methods import confidence
from analysis.extract.nlp import sentence_of, words
from analysis.extract.quotes.spans import Attribution, Context, Passage, outside_quotes
from analysis.extract.quotes.speakers import according_to, according_to_source, attributed_to, from_cue, own_subject
from analysis.registries.cues import cue_kind

_HEADLINE = re.compile(r"([A-Z][^:\n]{0,60}?):(?:[ \t]+(\S[^\n]*)|[ \t]*$)", re.MULTILINE)
LABEL_TOKENS = 6  # longest speaker label before a colon: "HOST:", "Sen. Ola Berg:"
RAISING = frozenset({"seem", "appear", "sound"})
CONTENT_PREPOSITIONS = frozenset({"about", "on", "to", "for", "of", "with", "against", "over", "at", "into", "as"})
NOUN_PREPOSITIONS = CONTENT_PREPOSITIONS | {"in", "toward", "towards"}
CHANNELS = frozenset({"twitter", "facebook", "telegram", "instagram", "television", "tv", "radio", "website", "blog",
                      "phone", "telephone", "camera", "air", "record", "stage", "podium", "floor"})
NOT_CONTENT = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "nsubj", "nsubjpass", "agent", "aux",
                         "auxpass", "neg", "advmod", "mark", "dative", "npadvmod"})


def reported(context: Context) -> list[Passage]:
    """Content attributed without quote marks, in two kinds. ``indirect`` is reported speech, a
    clause said or thought: "X said (that) ...", "..., X said", "according to X, ...", "the claim
    that ...", a headline "Holm: ...". ``attitude`` is attribution in the wide sense of
    who-said-what annotation: what X wants, plans, backs or attacks ("X criticized the deal", "X
    called for talks", "Berg's support for ..."). A passive or raising cue with nobody named ("the
    deal is expected to ...", "it seemed like ...") is kept as an unattributed attitude."""
    found = []
    for token in (context.doc[i] for i in context.verbs):
        verb_kind = cue_kind(token, context.cues)
        if verb_kind is None or not outside_quotes(context, token):
            continue
        clause = _content_of(token)
        span = _before_quote(context, _reported_span(context, token, clause))
        if span is None or _inside_own_quote(context, *span) or context.text[span[1] - 1] == ":":
            continue  # "Fallon fired back: '…,' he wrote": a clause that opens a quote is not what he wrote
        clausal = clause.dep_ == "ccomp" if clause is not None else token.dep_ == "parataxis"
        says = verb_kind == "speech" and clausal
        attribution = from_cue(context, token, "rule:reported-speech" if says else f"rule:{verb_kind}-object")
        if attribution.speaker is None and _unattributed(token):
            attribution.method, attribution.confidence = "rule:unattributed", confidence("rule:unattributed")
        if attribution.speaker is not None or attribution.method == "rule:unattributed":
            found.append(Passage(*span, "indirect" if says and attribution.speaker is not None else "attitude",
                                 attribution))
    columns = words(context.doc)
    for i, (lower, pos, lemma) in enumerate(zip(columns.lower, columns.pos, columns.lemma)):
        if lower == "according" and (source := according_to_source(context.doc[i])) is not None:
            found += _according_to(context, context.doc[i], source)
        elif pos == "NOUN" and lemma in context.cues.nouns and outside_quotes(context, token := context.doc[i]):
            found += _noun_report(context, token)
    return found + _headlines(context)


def _noun_report(context: Context, noun: Token) -> list[Passage]:
    """"Berg's call for an embargo", "criticism of the deal from Democrats", "X made the case that
    ...": the noun's object or clause, said by its owner, by the subject of the verb that makes
    it, or by nobody named."""
    content = next((c for c in noun.children
                    if c.dep_ in ("acl", "ccomp") or _content_preposition(c, NOUN_PREPOSITIONS)), None)
    supported = noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in context.cues.support_verbs
    verb = noun.head if supported else None
    if content is None and verb is not None:
        content = next((c for c in verb.rights if c.i > noun.i and _content_preposition(c, NOUN_PREPOSITIONS)), None)
    owner = _noun_owner(noun, verb)
    if content is None or owner is None and _within_report(context, noun):
        return []
    first = content.i + 1 if content.dep_ == "prep" else content.left_edge.i + (content.left_edge.dep_ == "mark")
    span = _token_span(context.doc, range(first, content.right_edge.i + 1))
    if span is None or _inside_own_quote(context, *span):
        return []
    cue = verb if verb is not None and verb.i < noun.i else noun
    cue_start, cue_end = cue.idx, noun.idx + len(noun)
    if owner is None:
        attribution = Attribution(cue=context.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
                                  method="rule:unattributed", confidence=confidence("rule:unattributed"))
    else:
        attribution = attributed_to(context, owner, context.text[cue_start:cue_end], cue_start, cue_end,
                                    "rule:cue-noun")
    says = content.dep_ in ("acl", "ccomp") and any(c.dep_ in ("nsubj", "nsubjpass") for c in content.children)
    kind = "indirect" if says and owner is not None else "attitude"
    return [Passage(*span, kind, attribution)]


def _within_report(context: Context, noun: Token) -> bool:
    """"dismissed concerns about ...": a noun inside what a cue verb reports is part of that
    report, not a claim of nobody's."""
    return any(cue_kind(ancestor, context.cues) is not None for ancestor in noun.ancestors)


def _noun_owner(noun: Token, verb: Token | None) -> Token | None:
    """Whose the reported words are: "Berg's call", "a call by Berg", "Berg made the call"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return own_subject(verb) if verb is not None else None


def _unattributed(cue: Token) -> bool:
    """"is expected to", "was described as", "seemed like": a claim the writer reports with
    nobody named as its source."""
    dependents = {child.dep_ for child in cue.children}
    return "nsubjpass" in dependents and "agent" not in dependents or cue.lemma_.lower() in RAISING


def _inside_own_quote(context: Context, start: int, end: int) -> bool:
    """Reported words that are a direct quote are that quote, not reported speech."""
    return end - start < 2 or context.overlaps_statement(start, end)


def _clause_end(cue: Token, clause: Token) -> int:
    """A said-clause runs to the end of the sentence, the news habit of tacking on words the
    parser hangs elsewhere, but not into a second act of the speaker's ("stated X and dismissed Y")."""
    second_acts = [child for child in cue.rights if child.dep_ == "conj" and child.i > clause.right_edge.i]
    second_acts += [child for child in clause.rights if _speakers_act(cue, clause, child)]
    ends = [child.i for child in second_acts]
    for act in second_acts:  # "and" before the second act is not reported either
        ends += [c.i for c in act.head.children if c.dep_ == "cc" and c.i < act.i and c.i > act.head.i]
    return min(ends, default=sentence_of(cue).end) - 1


def _speakers_act(cue: Token, clause: Token, child: Token) -> bool:
    """"said the bill would pass and voted against it": the parser hangs "voted" on "pass", but a
    verb with no subject in the cue's own past tense, after a clause in another tense, is the
    speaker's."""
    return child.dep_ == "conj" and child.tag_ == cue.tag_ == "VBD" != clause.tag_ and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in child.children)


def _passive_content(cue: Token) -> tuple[int, int] | None:
    """What a passive cue is about: "[the plan] was criticized by X", "[arrests] documented by X"."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None and cue.dep_ == "acl" and cue.tag_ == "VBN":
        return cue.head.left_edge.idx, cue.head.idx + len(cue.head)
    return (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)) if subject is not None else None


def _before_quote(context: Context, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """"X asserted that the embargo had failed: "The embargo is ..."": the report stops where
    the direct quote that follows it begins."""
    if span is None:
        return None
    start, end = span
    opening = context.next_statement(start, end)
    return trimmed(context.text, start, opening) if opening is not None else span


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
    sentence = sentence_of(cue)
    if clause is None and cue.dep_ == "parataxis":
        clause = cue.head  # "This licence, he says, is different"
    if clause is None:
        return _passive_content(cue)
    if clause.i > cue.i:
        first = clause.left_edge.i + (clause.left_edge.dep_ == "mark")  # "warned against X" keeps "against"
        subject = next((c for c in cue.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if _unattributed(cue) and subject is not None:
            first = subject.left_edge.i
        last = _clause_end(cue, clause) if clause.dep_ == "ccomp" or clause.head != cue else max(
            [clause.right_edge.i] + [child.right_edge.i for child in cue.rights if child.dep_ not in NOT_CONTENT])
        verbs = context.verbs  # every possible cue: only these can be a speech verb's "-ing"
        for i in verbs[bisect_right(verbs, max(first, cue.i)):bisect_right(verbs, last)]:
            token = context.doc[i]
            if token.tag_ == "VBG" and cue_kind(token, context.cues) == "speech":
                last = token.left_edge.i - 1
                break
    elif cue.dep_ == "parataxis":
        first, last = sentence.start, sentence.end - 1
    else:
        content = {t.i for t in clause.subtree}
        first, last = sentence.start, min(t.i for t in cue.subtree if t.i not in content) - 1
    aside = {t.i for t in cue.subtree} if cue.dep_ == "parataxis" else set()
    return _token_span(context.doc, [i for i in range(first, last + 1) if i not in aside and i != cue.i])


def _token_span(doc: Doc, indices: Sequence[int]) -> tuple[int, int] | None:
    """Character offsets of the tokens ``indices`` without the punctuation and blank space at
    either end. Only the tokens from each end to the first word are built: a report runs to
    dozens of tokens, and the rules call this for every cue."""
    def is_word(i: int) -> bool:
        return not (doc[i].is_punct or doc[i].is_space)

    first = next((i for i in indices if is_word(i)), None)
    if first is None:
        return None
    last = doc[next(i for i in reversed(indices) if is_word(i))]
    return doc[first].idx, last.idx + len(last)


def _according_to(context: Context, token: Token, source: Token) -> list[Passage]:
    """The rest of the sentence, said by X of "according to X"."""
    sentence = sentence_of(token)
    phrase_end = max(t.i for t in source.subtree) + 1
    rest = [t for t in sentence if (t.i < token.i or t.i >= phrase_end) and not t.is_punct and not t.is_space]
    if len(rest) < 3 or _inside_own_quote(context, rest[0].idx, rest[-1].idx + len(rest[-1])):
        return []
    return [Passage(rest[0].idx, rest[-1].idx + len(rest[-1]), "indirect", according_to(context, token, source))]


def _headlines(context: Context) -> list[Passage]:
    """A paragraph opened by a speaker's label: "Holm: Berg's embargo ..." (a headline
    convention), "HOST: ..." or "Q: ..." (a transcript), not by an editor's ("FILE PHOTO: ...",
    ``editorial_labels``). A label standing alone labels the paragraph after it."""
    found = []
    for index, (start, end) in enumerate(context.paragraphs):
        match = _HEADLINE.match(context.text, start, end)
        if match is None:
            continue
        speaker = context.doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if speaker is None or len(speaker) > LABEL_TOKENS or speaker.text.lower() in context.cues.labels \
                or not all(t.pos_ == "PROPN" or t.is_punct or t.text.isupper() for t in speaker):
            continue
        if match.group(2):
            content_start, content_end = match.start(2), end
        elif index + 1 < len(context.paragraphs):
            content_start, content_end = context.paragraphs[index + 1]
        else:
            continue
        if _inside_own_quote(context, content_start, content_end):
            continue
        attribution = attributed_to(context, speaker.root, ":", match.end(1), match.end(1) + 1, "rule:headline")
        found.append(Passage(content_start, content_end, "indirect", attribution))
    return found
