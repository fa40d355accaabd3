"""Decoding and normalization: what an analyst's saved file can look like."""
from __future__ import annotations

import unicodedata

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
