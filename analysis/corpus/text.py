"""Decoding and normalizing article text while keeping a way back to the raw characters.

Offsets in every table point into the *normalized* text stored in ``articles.text``; the
``raw_offsets`` map lets an analyst find the same place in the file as it was saved.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import is_bad
from ftfy.chardata import UTF8_DETECTOR_RE
from unidecode import unidecode

OPENING_QUOTES = "“„«"
CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
SPACED_DASHES = (" - ", " – ", " — ")  # a dash with spaces around sets words apart; a hyphen joins them
BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# The legacy encodings of the languages this news comes in (English and Western European, Serbian
# and Croatian in Latin script, Serbian and Russian in Cyrillic). Letting charset-normalizer choose
# among all code pages read a paragraph of French as Baltic cp1257 ("ministčre").
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1251", "iso8859_5", "koi8_r")
BINARY_SAMPLE = 8192  # characters inspected for control bytes
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # the C0 controls but tab, line feed, form feed, return
PDF = b"%PDF-"  # a PDF's first kilobytes can look like text, so its signature is checked


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise (a PNG or zip saved as .txt)."""


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus anchors ``(index in text, index in raw)`` where the two alignments
    change; between anchors both advance together, so the map stays small for a 50 MB article.
    When mojibake was undone, the anchors point into the composed text, ``before``, whose own
    anchors lead on to the raw text; ``repaired`` lists each garbled stretch and what it became."""

    text: str
    anchors: tuple[tuple[int, int], ...]
    repaired: tuple[tuple[str, str], ...] = ()
    before: Normalized | None = None

    def raw_index(self, index: int) -> int:
        """Where ``text[index]`` came from in the raw string (its first raw character)."""
        at = bisect_right(self.anchors, (index, sys.maxsize)) - 1
        text_at, raw_at = self.anchors[at]
        following = self.anchors[at + 1][1] if at + 1 < len(self.anchors) else sys.maxsize
        found = min(raw_at + index - text_at, max(raw_at, following - 1))
        return found if self.before is None else self.before.raw_index(found)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``. UTF-8 is tried first because it almost never decodes other
    encodings by accident; a BOM decides outright; anything else goes to charset-normalizer, which
    picks among ``LEGACY_ENCODINGS`` by how language-like each decoding reads."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _refuse_binary(_decode_marked(data, encoding)), encoding
    if data.startswith(PDF):
        raise DecodeError("a PDF document, not text: copy the article's text into a .txt file")
    if (utf16 := _utf16_without_bom(data)) is not None:
        return _refuse_binary(_decode_marked(data, utf16)), utf16
    _refuse_binary(data[:BINARY_SAMPLE].decode("latin-1"))  # one character per byte
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise DecodeError("not valid UTF-8, and no Western, Central European or Cyrillic encoding fits")
    return str(best), best.encoding


_LOW_BYTES = bytes(range(0x20))


def _utf16_without_bom(data: bytes) -> str | None:
    """Windows tools save UTF-16 without a byte-order mark too. Text in an alphabet then has its
    high bytes nearly all below 0x20 (0x00 for Latin letters, spaces and digits, 0x01 for most
    accented ones, 0x04 for Cyrillic); random or binary bytes are not shaped so. The decoded text
    is still checked for control characters like any other."""
    sample = data[:BINARY_SAMPLE]
    if len(sample) < 4 or len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs = sample[high::2]
        if highs.count(0) > 0.1 * len(highs) and len(highs.translate(None, _LOW_BYTES)) < 0.1 * len(highs) \
                and sample[1 - high::2].count(0) < 0.1 * len(highs):
            return encoding
    return None


def _decode_marked(data: bytes, encoding: str) -> str:
    """A byte-order mark promises an encoding; bytes that break the promise are not guessed at."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.removesuffix("-sig")
        raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name} ({error.reason})") from None


def _refuse_binary(text: str) -> str:
    """NUL or many C0 control characters near the start mean an image, an archive or similar;
    checked after a BOM too, because random bytes can start like one."""
    head = text[:BINARY_SAMPLE]
    if "\x00" in head or len(_CONTROLS.findall(head)) > max(4, len(head) // 100):
        raise DecodeError("binary content (control bytes or NUL), not text")
    return text


def normalize(raw: str) -> Normalized:
    """Drop a BOM, turn CRLF and lone CR into ``\\n``, compose to NFC, undo mojibake, and record
    anchors while rewriting so that every offset can be traced back to the file. A lone surrogate
    (possible only from a JSON escape such as ``"\\ud800"``) becomes U+FFFD: it cannot be written as
    UTF-8. Mojibake is looked for in the composed text: "Ã©" saved as "A" and a combining tilde is
    garbled only once composed."""
    pattern = _REWRITES if unicodedata.is_normalized("NFC", raw) else _rewrites_with_marks(raw)
    pieces: list[str] = []
    anchors = [(0, 0)]
    raw_pos = text_len = 0
    for match in pattern.finditer(raw):
        kept = raw[raw_pos : match.start()]
        replacement = _replacement(match.group())
        pieces += [kept, replacement]
        text_len += len(kept)
        anchors.append((text_len, match.start()))
        text_len += len(replacement)
        anchors.append((text_len, match.end()))
        raw_pos = match.end()
    pieces.append(raw[raw_pos:])
    composed = Normalized("".join(pieces), _dedupe(anchors))
    return _unmojibake(composed) or composed


def _unmojibake(composed: Normalized) -> Normalized | None:
    """The composed text with its mojibake undone by ftfy, or None when ftfy finds none. Mojibake
    is UTF-8 read as Windows-1252 or Latin-1, once or twice ("Itâ€™s" for "It’s", "cafÃ©"), common
    in scraped news: the model reads "â€™" as three words, and a name with "Ã©" in it is no name.
    ftfy leaves alone what it cannot decode consistently, and never joins or splits lines, so the
    anchors come from comparing each changed line with its repair."""
    text = composed.text
    if text.isascii() or not _may_be_garbled(text) or not is_bad(text):
        return None
    fixed = ftfy.fix_encoding(text)
    lines, fixed_lines = text.split("\n"), fixed.split("\n")
    if fixed == text or len(lines) != len(fixed_lines):
        return None
    anchors, repaired = [(0, 0)], []
    text_at = fixed_at = 0
    for line, fixed_line in zip(lines, fixed_lines):
        if line != fixed_line:
            for op, i1, i2, j1, j2 in SequenceMatcher(None, line, fixed_line, autojunk=False).get_opcodes():
                if op != "equal":
                    anchors += [(fixed_at + j1, text_at + i1), (fixed_at + j2, text_at + i2)]
                    repaired.append((line[i1:i2], fixed_line[j1:j2]))
        text_at, fixed_at = text_at + len(line) + 1, fixed_at + len(fixed_line) + 1
    return Normalized(fixed, _dedupe(anchors), tuple(repaired), composed)


def _may_be_garbled(text: str) -> bool:
    """A first look, four times as fast as ftfy's ``is_bad`` and never false where it is true on
    PolNeAR: a pair of characters that UTF-8 read as a one-byte code page leaves (ftfy's own
    detector) or a C1 control (a byte 0x80-0x9f read as Latin-1)."""
    return bool(_C1_CONTROLS.search(text) or UTF8_DETECTOR_RE.search(text))


_C1_CONTROLS = re.compile("[\x80-\x9f]")
_REWRITES = re.compile("\\A\ufeff|\\r\\n?|[\ud800-\udfff]")


def _rewrites_with_marks(raw: str) -> re.Pattern[str]:
    """``_REWRITES`` plus what NFC composes, for text that is not NFC already. The character classes
    list only the characters ``raw`` holds (a class matches nothing else in it): listing every
    combining mark of Unicode takes a quarter of a second."""
    present = sorted(set(raw))
    marks = "".join(re.escape(c) for c in present if unicodedata.combining(c))
    changed = "".join(re.escape(c) for c in present if c != unicodedata.normalize("NFC", c))
    alternatives = [_REWRITES.pattern]
    if changed:
        alternatives.append(f"[{changed}][{marks}]*" if marks else f"[{changed}]")
    if marks:
        alternatives.append(f".[{marks}]+")
    return re.compile("|".join(alternatives), re.DOTALL)


def _replacement(matched: str) -> str:
    if matched == "\ufeff":
        return ""
    if matched[0] == "\r":
        return "\n"
    if "\ud800" <= matched[0] <= "\udfff":
        return "\ufffd"
    return unicodedata.normalize("NFC", matched)


def _dedupe(anchors: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Keep one anchor per text index (the last), so bisecting finds the right one."""
    last: dict[int, int] = {}
    for text_at, raw_at in anchors:
        last[text_at] = raw_at
    return tuple(sorted(last.items()))


_FOLDED_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}


@cache
def _folded(char: str) -> str:
    if char in _FOLDED_QUOTES:
        return _FOLDED_QUOTES[char]
    ascii_form = unidecode(char)
    return ascii_form if len(ascii_form) == 1 else char


def fold(text: str) -> str:
    """Length-preserving ASCII folding: diacritics and curly quotes to ASCII where that keeps the
    length. The model reads folded text (it tags "Vucic" as a person, "Vučić" as a place), and
    registry phrases are compared folded; since the length never changes, offsets still hold."""
    if text.isascii():
        return text
    return "".join(_folded(char) if ord(char) > 127 else char for char in text)
