"""The words that attribute speech and thought, read from data/cues.yml.

Verbs come in groups because they cue different things: speech and thought verbs cue quotes and
reported speech; verbs of talking about something also cue whole quotes but never scare quotes;
attitude verbs and cue nouns only cue reported content ("X backs the plan", "Trump's call for").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.paths import CUES_FILE
from analysis.registries.datafile import read_data_file

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Cues:
    verbs: frozenset[str]       # speech and thought: cues of quotes and reported speech
    topics: frozenset[str]      # talking about or judging something: cues of whole quotes, not of scare quotes
    attitudes: frozenset[str]   # wants, plans, evidence: reported content only, never a quote's cue
    nouns: frozenset[str]       # "criticism of", "call for", "claim that": reported content of a noun
    support_verbs: frozenset[str]  # "made the case", "took aim at": their subject owns the noun
    phrasal: frozenset[str]     # "shoot back", "go on": verb lemma and particle
    stance_favor: frozenset[str]   # cue lemmas that put a quote's speaker in favor ("urged", "called for")
    stance_against: frozenset[str]  # words in a quote that put its speaker against ("not", "refused")
    gendered: dict[str, str] = field(default_factory=dict, hash=False)  # "spokeswoman" -> "female"
    abbreviations: dict[str, str] = field(default_factory=dict, hash=False)  # "gov." -> "governor"
    artifacts: frozenset[str] = frozenset()  # "statement", "report": they speak for whoever issued them
    person_titles: frozenset[str] = frozenset()  # "spokesperson X": X is a person, whatever the model says;
    # the gendered titles are among them ("his wife, Zorka": a person)
    issuing: frozenset[str] = frozenset()  # "filed", "sent": who does this to a document speaks through it
    bodies: frozenset[str] = frozenset()  # "the group", "the outlet": a description of an organisation
    state_bodies: frozenset[str] = frozenset()  # of ``bodies``, those a state may speak as ("the government")
    continuing: frozenset[str] = frozenset()  # "added": the speaker goes on, so is the last one who spoke
    party_letters: frozenset[str] = frozenset()  # "R" of "Tom Lund, R-Wis.": a tag after a name, not a name
    asking: frozenset[str] = frozenset()  # "asked": its object answers in the quote after, its subject does not
    artifact_kin: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # "suit" -> lawsuit, suit, sue
    labels: frozenset[str] = frozenset()  # "FILE PHOTO:", "CORRECTION:": an editor's label (lower-cased), no speaker
    examining: frozenset[str] = frozenset()  # of ``artifacts``, "a poll of Ohio voters": its "of" is whom it asked
    kinds: frozenset[str] = frozenset()  # of ``bodies``, "the Baltic Courier newspaper": the name's kind of body
    naming: frozenset[str] = frozenset()  # "called", "known as": the participle gives its noun a name

    @cached_property
    def phrasal_heads(self) -> frozenset[str]:
        """The verbs of ``phrasal``: only theirs are worth looking at the particles of."""
        return frozenset(phrase.split()[0] for phrase in self.phrasal)

    @cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """Every lemma ``is_cue`` or ``cue_kind`` may accept: a verb with any other lemma cues
        nothing, so the rules need not look at it."""
        return self.verbs | self.topics | self.attitudes | self.phrasal_heads


VERB_GROUPS = ("speech_verbs", "thought_verbs", "topic_verbs", "attitude_verbs")


class CuesError(ValueError):
    """data/cues.yml is not valid."""


@cache
def load_cues(path: Path = CUES_FILE) -> Cues:
    data, _ = read_data_file(path, CuesError)
    if not isinstance(data, dict) or not isinstance(data.get("speech_verbs"), list):
        raise CuesError(f"{path.name}: expected a 'speech_verbs:' list")
    groups = {name: data.get(name, []) for name in VERB_GROUPS}
    seen = Counter(word for words in groups.values() for word in words)
    if twice := sorted(word for word, count in seen.items() if count > 1):
        raise CuesError(f"{path.name}: listed twice, so its group is ambiguous: {', '.join(twice)}")
    return Cues(frozenset(groups["speech_verbs"]) | frozenset(groups["thought_verbs"]),
                frozenset(groups["topic_verbs"]),
                frozenset(groups["attitude_verbs"]), frozenset(data.get("cue_nouns", [])),
                frozenset(data.get("support_verbs", [])), frozenset(data.get("phrasal_verbs", [])),
                frozenset(data.get("stance_favor_cues", [])),
                frozenset(map(str.lower, data.get("stance_against_words", []))),
                gendered := _gendered(data.get("gendered_titles", {}), path),
                {str(word).lower(): str(noun) for word, noun in (data.get("title_abbreviations") or {}).items()},
                frozenset(data.get("speaking_artifacts", [])),
                frozenset(map(str.lower, data.get("person_titles", []))) | gendered.keys(),
                frozenset(data.get("issuing_verbs", [])), frozenset(data.get("body_nouns", [])),
                _among(data, path, "state_body_nouns", "body_nouns"), frozenset(data.get("continuing_verbs", [])),
                frozenset(map(str, data.get("party_letters", []))), frozenset(data.get("asking_verbs", [])),
                _kin(data.get("artifact_kin", []), path), frozenset(map(str.lower, data.get("editorial_labels", []))),
                _among(data, path, "examining_artifacts", "speaking_artifacts"),
                _among(data, path, "kind_body_nouns", "body_nouns"), frozenset(data.get("naming_verbs", [])))


def _among(data: dict, path: Path, name: str, within: str) -> frozenset[str]:
    """The ``name`` list, each word of which must be in the ``within`` list: "government" is a
    state body only as a body, "poll" examines only as an artifact."""
    words = frozenset(data.get(name, []))
    if stray := sorted(words - set(data.get(within, []))):
        raise CuesError(f"{path.name}: {name} not among {within}: {', '.join(stray)}")
    return words


def _kin(groups: object, path: Path) -> dict[str, frozenset[str]]:
    """word -> its group, from the ``artifact_kin`` lists; a word in two groups would join them."""
    if not isinstance(groups, list) or not all(isinstance(group, list) and len(group) > 1 for group in groups):
        raise CuesError(f"{path.name}: 'artifact_kin' takes lists of two or more words")
    seen = Counter(str(word).lower() for group in groups for word in group)
    if twice := sorted(word for word, count in seen.items() if count > 1):
        raise CuesError(f"{path.name}: artifact_kin lists {', '.join(twice)} in two groups")
    return {str(word).lower(): frozenset(map(str.lower, map(str, group))) for group in groups for word in group}


def _gendered(titles: object, path: Path) -> dict[str, str]:
    """word -> gender, from the ``male:``/``female:`` lists."""
    if not isinstance(titles, dict) or set(titles) - {"male", "female"}:
        raise CuesError(f"{path.name}: 'gendered_titles' takes a 'male:' and a 'female:' list")
    both = set(titles.get("male", [])) & set(titles.get("female", []))
    if both:
        raise CuesError(f"{path.name}: gendered_titles lists {', '.join(sorted(both))} under both genders")
    return {str(word).lower(): gender for gender, words in titles.items() for word in words}


def is_cue(token: Token, cues: Cues, whole_quote: bool = False) -> bool:
    """A speech verb, or for a whole (not partial) quote a verb of talking about something, or a
    phrasal one ("..., Trump went on", "Bennett shot back")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "call" and token.i >= 2 and token.doc[token.i - 2].lower_ == "so":
        return False  # "so-called" distances the writer; it names no speaker
    return lemma in cues.verbs or (whole_quote and lemma in cues.topics) or lemma in cues.phrasal_heads and any(
        f"{lemma} {child.lower_}" in cues.phrasal for child in token.children if child.dep_ in ("prt", "advmod"))


def cue_kind(token: Token, cues: Cues) -> str | None:
    """The verb's group: "speech", "topic" or "attitude"; None when it cues nothing."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.lower()
    groups = (("speech", cues.verbs), ("topic", cues.topics), ("attitude", cues.attitudes))
    return next((kind for kind, words in groups if lemma in words), None)
