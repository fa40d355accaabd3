"""Reading PolNeAR's brat annotations and turning them into gold: a hand-made article whose gold
is read off its text, then the real corpus (skipped only when it is not beside the project)."""
from __future__ import annotations

import pytest

from analysis.corpus.text import decode, normalize
from analysis.paths import POLNEAR_DIR
from evaluation.brat import parse_annotation, read_article
from evaluation.polnear import article_gold, article_paths, quoted_stretches, read_gold
from evaluation.sources import classify_source, has_title, head_name

TEXT = ("Rep. Jerry Nadler, a Democrat, said: “We will not back down on this.” He added that the bill "
        "was “dead” and that “nobody can revive it.”\n\n"
        "Officials said the vote was delayed. Two officials spoke. The “quiet period” ended. "
        "“It was a mess. Nobody knew the rules,” one aide said.")


def at(piece: str, after: int = 0) -> str:
    """brat's ``start end`` of ``piece`` in TEXT, so the annotation below is checked against the text."""
    start = TEXT.index(piece, after)
    return f"{start} {start + len(piece)}"


ANN = "\n".join([
    f"T1\tSource {at('Rep. Jerry Nadler, a Democrat')}\tRep. Jerry Nadler, a Democrat",
    f"T2\tCue {at('said')}\tsaid",
    f"T3\tContent {at('“We will not back down on this.”')}\t“We will not back down on this.”",
    f"T4\tAttribution {at('said')}\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    f"T5\tSource {at('He')}\tHe",
    f"T6\tCue {at('added')}\tadded",
    f"T7\tContent {at('the bill was “dead”')};{at('“nobody can revive it.”')}\t"
    "the bill was “dead” “nobody can revive it.”",
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
    f"T8\tAttribution {at('added')}\tadded",
    f"T9\tSource {at('Officials')}\tOfficials",
    f"T10\tContent {at('the vote was delayed')}\tthe vote was delayed",
    "E3\tAttribution:T11 Content:T10 Source:T9",  # no Cue
    f"T11\tAttribution {at('said', 100)}\tsaid",
    f"T12\tSource {at('one aide')}\tone aide",
    f"T13\tContent {at('“It was a mess.')}\t“It was a mess.",
    f"T14\tContent {at('Nobody knew the rules,”')}\tNobody knew the rules,”",
    "E4\tAttribution:T15 Content:T13 Source:T12",
    "E5\tAttribution:T15 Content:T14 Source:T12",  # one attribution per sentence, as some annotators do
    f"T15\tAttribution {at('said', 180)}\tsaid",
    f"T16\tContent {at('the vote')}\tthe vote",
    "E6\tAttribution-no-source:T17 Content:T16",
    f"T17\tAttribution-no-source {at('said', 100)}\tsaid",
    f"T18\tDiscuss {at('revive it.”' + chr(10) * 2 + 'Officials said')}\trevive it.”",
    "",  # a span's text may run over a paragraph break: these two lines continue T18
    "Officials said",
    "#1\tAnnotatorNotes T18\tcheck the second sentence",
])


def test_records_parse_with_discontinuous_spans_missing_roles_and_continued_lines():
    annotation = parse_annotation(ANN)
    assert annotation.spans["T7"].fragments == ((TEXT.index("the bill"), TEXT.index(" and that")),
                                                 (TEXT.index("“nobody"), TEXT.index("\n\n")))
    assert annotation.spans["T18"].text == "revive it.”\n\nOfficials said"
    for span in annotation.spans.values():
        assert span.text_in(TEXT) == span.text
    by_id = {item.attribution_id: item for item in annotation.attributions}
    assert list(by_id) == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert by_id["E2"].source.text == "He" and by_id["E2"].cue.text == "added"
    assert by_id["E3"].cue is None and by_id["E3"].source.text == "Officials"
    assert by_id["E6"].source is None and by_id["E6"].contents[0].text == "the vote"


def test_gold_quotes_and_indirect_attributions_of_the_hand_made_article():
    gold = article_gold("a", TEXT, parse_annotation(ANN))
    quotes = gold.quotes.set_index("text")
    # “dead” is one word and “quiet period” lies in no Content; the aide's quote is cut in two Contents.
    assert quotes.index.tolist() == ["We will not back down on this.", "nobody can revive it.",
                                     "It was a mess. Nobody knew the rules,"]
    for row in gold.quotes.itertuples():
        assert TEXT[row.start:row.end] == row.text
    nadler = quotes.loc["We will not back down on this."]
    assert (nadler["source"], nadler["source_kind"], nadler["source_head"]) == (
        "Rep. Jerry Nadler, a Democrat", "named", "Nadler")
    assert nadler["source_has_title"] and nadler["cue"] == "said"
    he = quotes.loc["nobody can revive it."]
    assert (he["source"], he["source_kind"], he["source_antecedent"]) == ("He", "pronoun", "Nadler")
    aide = quotes.loc["It was a mess. Nobody knew the rules,"]
    # E5 covers 18 of its letters and digits ("Nobody knew the rules"), E4 only 10 ("It was a mess").
    assert (aide["source"], aide["source_kind"], aide["attribution_id"]) == ("one aide", "description", "E5")
    # E3 and E6 hold no quote; E6 has no Source at all.
    assert gold.indirect["text"].tolist() == ["the vote", "the vote was delayed"]  # by start, then end
    assert gold.indirect["source_kind"].tolist() == ["none", "description"]
    assert gold.indirect["cue"].isna().all()
    assert len(gold.contents) == 7


def test_a_quote_reported_inside_another_report_belongs_to_its_speaker():
    text = "Trump said Clinton called them “a basket of deplorables” at a fundraiser."
    outer = text.index("Clinton")
    inner = text.index("them")
    ann = "\n".join([
        "T1\tSource 0 5\tTrump", f"T2\tContent {outer} {len(text) - 1}\t{text[outer:-1]}",
        "E1\tAttribution:T9 Content:T2 Source:T1",
        f"T3\tSource {outer} {outer + 7}\tClinton", f"T4\tContent {inner} {text.index(' at')}\t"
        f"{text[inner:text.index(' at')]}", "E2\tAttribution:T9 Content:T4 Source:T3",
    ])
    gold = article_gold("a", text, parse_annotation(ann))
    assert gold.quotes[["text", "source"]].values.tolist() == [["a basket of deplorables", "Clinton"]]
    assert gold.indirect.empty  # both Contents hold the quote


@pytest.mark.parametrize("source, kind, head", [
    ("Rep. Ola Lund, a Democrat", "named", "Lund"),
    ("Sen. Ruth Adler (R-Vt.)", "named", "Adler"),
    ("Sen. Karl Berg of New York", "named", "Berg"),
    ("House Speaker Eva Dahl", "named", "Dahl"),
    ("Lars Holm’s campaign manager, Greta Lind", "named", "Lind"),
    ("Erik J. Sund, Jr.", "named", "Sund"),
    ("the Holm campaign", "organisation", "Holm"),
    ("Holm’s campaign", "organisation", "Holm"),
    ("The New York Times", "organisation", "Times"),
    ("the FBI", "organisation", "FBI"),
    ("he", "pronoun", None),
    ("They", "pronoun", None),
    ("who", "pronoun", None),
    ("the official", "description", None),
    ("aides", "description", None),
    ("The Republican nominee", "description", None),
    ("Officials", "description", None),  # the article writes "officials" too
])
def test_sources_are_classified_and_headed(source, kind, head):
    vocabulary = frozenset({"officials", "said"})
    assert classify_source(source, vocabulary) == kind
    assert head_name(source, vocabulary) == head


def test_titles_are_recognised_before_names_only():
    assert has_title("Sen. Ruth Adler") and has_title("Mr. Lund") and has_title("President Berg")
    assert not has_title("Erik J. Sund, Jr.") and not has_title("the senator")


needs_polnear = pytest.mark.skipif(not POLNEAR_DIR.exists(), reason=f"PolNeAR is not at {POLNEAR_DIR}")


@needs_polnear
def test_every_train_span_is_the_text_at_its_offsets():
    pairs = article_paths(POLNEAR_DIR / "train")
    assert len(pairs) == 840
    n_spans = 0
    for text_path, ann_path in pairs:
        raw, _ = decode(text_path.read_bytes())
        for span in parse_annotation(ann_path.read_text(encoding="utf-8")).spans.values():
            assert span.text_in(raw) == span.text, (text_path.stem, span.span_id)
            n_spans += 1
    assert n_spans == 77_678  # `grep -c ^T` gives one more: a continued span text starting "The number"


@needs_polnear
def test_offsets_follow_the_workbook_normalization():
    """Articles not in NFC, or garbled ("DÃ¡te"), get shorter in the workbook; their spans must still
    land on the same words, read as the workbook reads them."""
    moved = 0
    for text_path, ann_path in article_paths(POLNEAR_DIR / "train"):
        raw, _ = decode(text_path.read_bytes())
        text, annotation = read_article(text_path, ann_path)
        assert text == normalize(raw).text
        moved += text != raw
        for span in annotation.spans.values():
            found, expected = span.text_in(text), normalize(span.text).text
            # a span that ends inside a garbled stretch ("clichÃ" of "clichÃ©") ends after its repair
            assert found == expected or found.encode("ascii", "ignore") == expected.encode("ascii", "ignore"), \
                (text_path.stem, span.span_id)
    assert moved > 0


ARTICLE = "breitbart_2015-11-11_the-ninth-circle-the-hellish-vie"  # a PolNeAR train article


@needs_polnear
def test_gold_of_a_real_article_read_off_its_annotation():
    gold = read_gold(POLNEAR_DIR / "train", [ARTICLE])
    quotes = gold.quotes.set_index("attribution_id")
    # Read off the .ann file: E5's Source is "they", E7's a "she"; E9's Content comes in two pieces
    # and its quote is in the second, its Source a name ending in "Pollak".
    assert quotes.loc["E5", "source"] == "they" and quotes.loc["E7", "source_kind"] == "pronoun"
    assert quotes.loc["E9", "source_head"] == "Pollak"
    # 29 E lines; the Contents of 10 hold quotes of two words or more (T118 holds two of them), the
    # other 19 are indirect. Of the 13 quoted stretches of two words or more, 2 lie in no Content.
    assert len(gold.quotes) == 11 and gold.quotes["attribution_id"].nunique() == 10
    assert len(gold.indirect) == 19
    text, _ = read_article(*article_paths(POLNEAR_DIR / "train", [ARTICLE])[0])
    assert len(quoted_stretches(text)) == 13
