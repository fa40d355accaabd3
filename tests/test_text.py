"""Decoding and normalization: what an analyst's saved file can look like."""
from __future__ import annotations

import unicodedata

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": how scrapers read bytes 0x81, 0x8d, 0x9d)
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.text import DecodeError, decode, normalize

SERBIAN = "Predsednik Vučić je rekao: „Srbija neće uvesti sankcije.” Šta sad, Đorđe?"


@pytest.mark.parametrize("encoding, expected", [
    ("cp1250", "cp1250"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")])
def test_decode_recognises_the_encodings_analysts_save_in(encoding, expected):
    text, used = decode(SERBIAN.encode(encoding))
    assert text.lstrip("\ufeff") == SERBIAN
    assert used == expected


FRENCH = ("Le président serbe a annoncé lundi la suspension des exportations de munitions. Selon le ministère, "
          "la décision a été prise après des accusations répétées de Moscou. Les fabricants sont déçus, mais ils "
          "respecteront la décision, a déclaré un responsable à Belgrade.")


def test_latin1_is_read_as_text():
    # Short latin-1 snippets are ambiguous with cp1250; a real paragraph is not.
    text, used = decode(FRENCH.encode("latin-1"))
    assert text == FRENCH
    assert used in {"latin_1", "cp1252", "iso8859_15"}


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"])
def test_binary_files_are_refused(data):
    with pytest.raises(DecodeError):
        decode(data + bytes(range(256)))


def test_normalize_line_ends_bom_and_composition():
    raw = "\ufeffVuc\u030ci\u0107 said\r\nno.\rEnd"
    normalized = normalize(raw)
    assert normalized.text == "Vučić said\nno.\nEnd"
    assert raw[normalized.raw_index(normalized.text.index("said"))] == "s"
    assert raw[normalized.raw_index(normalized.text.index("End"))] == "E"


pieces = st.sampled_from(["Vučić", "Vuc\u030cic\u0301", "\r\n", "\r", "\n\n", "“quote”", "‘x’", "\"", "Вучић",
                          "😀", " ", "said.", "a", "\u212b"])


@pytest.mark.property
@given(st.lists(pieces, max_size=30), st.booleans())
def test_every_normalized_character_maps_back_to_its_raw_source(parts, bom):
    raw = ("\ufeff" if bom else "") + "".join(parts)
    normalized = normalize(raw)
    expected = unicodedata.normalize("NFC", raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    assert normalized.text == expected
    indices = [normalized.raw_index(i) for i in range(len(normalized.text) + 1)]
    assert indices == sorted(indices) and indices[-1] == len(raw)
    for i, char in enumerate(normalized.text):
        if char.isascii() and char != "\n":
            assert raw[indices[i]] == char


def garbled(text: str, times: int = 1) -> str:
    """``text`` as a scraper leaves it: its UTF-8 bytes read as Windows-1252, ``times`` over."""
    for _ in range(times):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text


def test_mojibake_is_read_as_meant_and_offsets_still_reach_the_file():
    raw = garbled(FRENCH)
    assert "Ã©" in raw
    normalized = normalize(raw)
    assert normalized.text == FRENCH
    assert ("Ã©", "é") in normalized.repaired
    for word in ("Belgrade", "Moscou", "fabricants"):
        at = normalized.text.index(word)
        assert raw[normalized.raw_index(at):].startswith(word)
    assert raw[normalized.raw_index(normalized.text.index("ministère"))] == "m"


def test_mojibake_written_twice_and_with_windows_line_ends():
    raw = "The minister’s office said:\r\n“We stop.” — Jean-Marc Ayrault, in Besançon"
    normalized = normalize(garbled(raw, times=2))
    assert normalized.text == raw.replace("\r\n", "\n")
    assert garbled(raw, 2)[normalized.raw_index(normalized.text.index("Jean"))] == "J"


def test_a_garbled_name_in_clean_text_is_the_only_change():
    raw = "Le Drian said on Monday that “exports stop.” His aide, Franck Ã‰lie, confirmed it."
    normalized = normalize(raw)
    assert normalized.text == "Le Drian said on Monday that “exports stop.” His aide, Franck Élie, confirmed it."
    assert normalized.repaired == (("Ã‰", "É"),)


@pytest.mark.parametrize("clean", [SERBIAN, "Вучић је рекао: «Ђорђе не зна.»", FRENCH,
                                   "À la carte: crème brûlée, Ångström, São Paulo"])
def test_text_that_is_not_garbled_is_left_alone(clean):
    normalized = normalize(clean)
    assert normalized.text == clean and normalized.repaired == ()
