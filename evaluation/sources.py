"""What a PolNeAR Source is (a name, an organisation, a description or a pronoun) and the name a
predicted speaker must contain to be it, read from the Source's words alone."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")
_SEGMENT_BREAK = re.compile(r"[,;()\[\]—–]| - | of ")  # "Sen. Chuck Schumer of New York" -> Schumer
_POSSESSIVE = re.compile(r"(?:[’']s?)\Z")

PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their who whom whose which that this "
    "these those one".split())
TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice secretary speaker gen "
    "general lt col adm judge justice chairman chairwoman chair mayor attorney former sir prof professor "
    "rev reverend sheriff chief commissioner ambassador minister prime deputy acting assistant".split())
# Capitalised words that name nobody: sentence-initial function words and party/nation groups.
NOT_NAMES = PRONOUNS | frozenset(
    "the a an some many most several both all few each every another other others no any such neither "
    "either about nearly more half only top republican republicans democrat democrats democratic "
    "conservative conservatives liberal liberals american americans jr sr ii iii".split())
ORGANISATION_WORDS = frozenset(
    "campaign committee department party administration house senate congress times post news journal "
    "network press agency office ministry council association institute foundation university center "
    "centre group company corporation bureau commission court poll survey magazine channel".split())


def classify_source(source: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """``pronoun``, ``description``, ``organisation`` or ``named``.

    ``vocabulary`` holds the article's lower-case words: a capitalised first word that the article
    also writes in lower case ("Officials said") is a sentence start, not a name. An organisation
    is named by an acronym or with an institution word after its name ("the Clinton campaign")."""
    words = [word.lower().rstrip("’'") for word in _WORD.findall(source)]
    if words and all(word in PRONOUNS for word in words):
        return "pronoun"
    found = _head(source, vocabulary)
    if found is None:
        return "description"
    head, segment = found
    named_part = segment[segment.rfind(head):]  # "House Speaker Paul Ryan" is a person
    if _is_acronym(head) or any(word.lower() in ORGANISATION_WORDS for word in _WORD.findall(named_part)):
        return "organisation"
    return "named"


def head_name(source: str, vocabulary: frozenset[str] = frozenset()) -> str | None:
    """The word a speaker's name must contain to be this Source: the last capitalised non-title
    word of the first piece (cut at commas, brackets, dashes and "of") that has one ("Rep. Jerry
    Nadler, a Democrat" -> Nadler). A possessive only modifies ("Trump's manager, Kellyanne
    Conway" -> Conway) unless nothing else is named ("Clinton's campaign" -> Clinton)."""
    found = _head(source, vocabulary)
    return None if found is None else found[0]


def _head(source: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """``(head name, the piece of the Source it was found in)``."""
    fallback = None
    for index, segment in enumerate(_SEGMENT_BREAK.split(source)):
        names = _name_words(segment, vocabulary if index == 0 else frozenset())
        owners = [name for name, possessive in names if not possessive]
        if owners:
            return owners[-1], segment
        if names and fallback is None:
            fallback = names[-1][0], segment
    return fallback


def has_title(source: str) -> bool:
    """A title such as Sen., Rep., Gov., Mr. or President: a cue the extractor may read as a name."""
    return any(word[0].isupper() and word.rstrip(".").lower() in TITLES for word in _WORD.findall(source))


def _name_words(source: str, vocabulary: frozenset[str]) -> list[tuple[str, bool]]:
    """``(word, is_possessive)`` for each capitalised word that names someone; a possessive marks
    the whole name it ends ("Donald Trump's doctor": both words only modify)."""
    names: list[tuple[str, bool]] = []
    run: list[int] = []  # indices in ``names`` of the name being read
    for position, word in enumerate(_WORD.findall(source)):
        possessive = bool(_POSSESSIVE.search(word))
        bare = _POSSESSIVE.sub("", word).rstrip(".")
        lower = bare.lower()
        if (not bare[:1].isupper() or lower in TITLES or lower in NOT_NAMES or len(bare) < 2
                or (position == 0 and lower in vocabulary)):
            run = []
            continue
        run.append(len(names))
        names.append((bare, possessive))
        if possessive:
            names[run[0]:] = [(name, True) for name, _ in names[run[0]:]]
            run = []
    return names


def _is_acronym(word: str) -> bool:
    """Short capitals such as FBI or GOP; longer ones are mostly transcript speakers (PENCE)."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def lower_case_words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(text) if word[0].islower())
