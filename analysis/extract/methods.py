"""How much each rule is trusted: one table, so a confidence is changed in one place and every row
derived by a rule carries the same figure.

Confidences order evidence, they are not probabilities: a speaker named by the cue verb of the
quote's own sentence is firmer than one carried over from the previous paragraph. An analyst can
drop weak rows with a notebook's ``min_confidence``.
"""
from __future__ import annotations

CONFIDENCE: dict[str, float] = {
    # quotes: the order ``analysis.extract.quotes.rules`` tries them in
    "rule:colon-after-speaker": 0.8,       # 'Eva Lund: "..."'
    "rule:cue-in-sentence": 0.9,           # '"...," she said'
    "rule:according-to": 0.85,             # 'according to X'
    "rule:colon-cue": 0.85,                # 'X quoted SVR as saying: "..."'
    "rule:cue-in-previous-sentence": 0.7,  # 'Dahl agreed. "..."'
    "rule:signature": 0.75,                # '"..." ― Maria Lopez, 34'
    "rule:caption": 0.7,                   # a vox-pop caption line above the quote
    "rule:subject-of-verb": 0.5,           # 'X is labeling it "a clear breach"'
    "rule:carried-over": 0.6,              # a paragraph continuing the previous speaker
    "rule:nested-no-speaker": 0.3,
    "rule:no-cue": 0.3,
    # reported content
    "rule:reported-speech": 0.8,           # 'X said (that) ...'
    "rule:headline": 0.7,                  # 'Holm: ...'
    "rule:speech-object": 0.5,             # 'X dismissed concerns about ...'
    "rule:topic-object": 0.5,
    "rule:attitude-object": 0.5,           # 'X criticized the deal'
    "rule:cue-noun": 0.5,                  # "Berg's call for an embargo"
    "rule:unattributed": 0.4,              # 'the deal is expected to ...'
    # events and stances
    "rule:codebook": 0.7,
    "rule:event": 0.7,                     # a stance from an event the codebook ties to a topic
    "rule:direct-quote": 0.5,              # a stance from what a speaker said
    "rule:partial-quote": 0.5,
    "rule:nested-quote": 0.5,
    "rule:indirect-quote": 0.5,
    "rule:attitude-quote": 0.5,
    "correction": 1.0,                     # an analyst's own entry
}
NO_SUBJECT = 0.5      # the rule found a cue but no one who speaks through it
UNNAMED_SPEAKER = 0.9  # the speaker is a phrase ("a senior official"), not a known actor
UNBALANCED_MARKS = 0.7  # the quote marks do not pair, so the quote's extent is a guess
NO_ACTOR = 5 / 7      # an event with no actor named: 0.5 where one with its actor has 0.7


def confidence(method: str, *factors: float) -> float:
    """The confidence of a rule, by the method name rows carry (a suffix such as ``:no-subject``
    belongs to the rule named before it), weakened by ``factors``."""
    parts = method.split(":")
    return weakened(CONFIDENCE[":".join(parts[:2])] if parts[0] == "rule" else CONFIDENCE[method], *factors)


def weakened(value: float, *factors: float) -> float:
    """A confidence times the factors that weaken it, to 3 decimals (so it prints the same on
    every run)."""
    for factor in factors:
        value *= factor
    return round(value, 3)
