"""Bad input never crashes a batch: each broken file becomes readable rows in ``problems``, the
good article saved beside it comes out exactly as it does alone, and ``--strict`` fails with the
first problem's own words. Every bad file is built here, from bytes, in a temporary folder.
"""
from __future__ import annotations

import base64
import ctypes
import errno
import io
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import paths
from analysis.cli import main
from analysis.corpus.reader import Batch, read_corpus, read_file
from analysis.corpus.tables import MAX_CHUNK, chunks, paragraph_spans
from analysis.paths import ARTICLES_DIR, ROOT, check_output_dir, prepare_output_dir
from analysis.workbook import StrictModeError, Workbook, build_workbook
from analysis.workbook.store import read_tables
from tests.conftest import VUCIC_ARTICLE, examples

GOOD = ARTICLES_DIR / f"{VUCIC_ARTICLE}.txt"
BASE_TABLES = ("articles", "paragraphs", "sentences")
MB = 1024 * 1024
BODY = ("Serbia has suspended all exports of ammunition until further notice, the defence ministry in "
        "Belgrade said on Tuesday.\n\nThe decision follows accusations from Moscow that Serbian shells "
        "reached Ukraine through third countries. Officials said contracts already signed would be reviewed.")
SERBIAN = ("Predsednik Srbije Aleksandar Vučić izjavio je u ponedeljak da će Srbija obustaviti izvoz municije "
           "dok se ne utvrdi ko su krajnji korisnici. Ministarstvo odbrane saopštilo je da je odluka doneta "
           "posle višenedeljnih optužbi iz Moskve. Proizvođači oružja su razočarani, ali će poštovati odluku, "
           "rekao je jedan zvaničnik u Beogradu. Šef diplomatije dodao je da će se razgovori nastaviti sledeće "
           "nedelje, a Đorđe Petrović, analitičar iz Niša, kaže da je to očekivano.")
FRENCH = ("Le président serbe a annoncé lundi la suspension des exportations de munitions. Selon le ministère, "
          "la décision a été prise après des accusations répétées de Moscou, qui affirme que des obus serbes "
          "sont arrivés en Ukraine. Les fabricants sont déçus, mais ils respecteront la décision, a déclaré un "
          "responsable à Belgrade, où l'on évoque déjà une révision des contrats signés l'été dernier.")


# --- helpers -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> Workbook:
    """The good article with nothing beside it: what every case must reproduce for it."""
    folder = tmp_path_factory.mktemp("alone")
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    return build_workbook(folder)


def beside_good(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A data folder holding the good article and ``files``."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def good_rows(workbook: Workbook) -> dict[str, pd.DataFrame]:
    return {name: getattr(workbook, name).pipe(lambda t: t[t["article_id"] == VUCIC_ARTICLE]).reset_index(drop=True)
            for name in BASE_TABLES}


def strict_message(problems: list[list[str]]) -> str:
    path, problem, detail = problems[0]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"error: {path}: {problem}: {detail}{more}"


def check(folder: Path, alone: Workbook, problems: list[list[str]], capsys, *options: str) -> Workbook:
    """Problems exactly as expected, the good article untouched, ``--strict`` failing (or not) alike."""
    max_mb = [float(value) for flag, value in zip(options, options[1:]) if flag == "--max-mb"]
    workbook = build_workbook(folder, **({"max_mb": max_mb[0]} if max_mb else {}))
    assert workbook.problems.values.tolist() == problems
    for name, expected in good_rows(alone).items():
        pd.testing.assert_frame_equal(good_rows(workbook)[name], expected, obj=name)
    capsys.readouterr()
    code = main(["extract", str(folder), "--out", str(folder.parent / "strict"), "--strict", *options])
    stderr = capsys.readouterr().err.strip()
    assert (code, stderr) == ((1, strict_message(problems)) if problems else (0, ""))
    return workbook


def article(workbook: Workbook, article_id: str) -> pd.Series:
    return workbook.articles.set_index("article_id").loc[article_id]


def png() -> bytes:
    """A real one-pixel PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xcc\x22\x22"))
            + chunk(b"IEND", b""))


def zipped(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


BINARY = ["binary content (control bytes or NUL), not text"]
PAGE = ("<!DOCTYPE html>\n<html><head><title>Serbia halts arms exports</title>\n"
        "<script>window.dataLayer = window.dataLayer || [];</script></head>\n"
        f"<body><p>{BODY.replace(chr(10) * 2, '</p><p>')}</p></body></html>\n")
BAD_YAML = "---\ntitle: Vučić: no more exports\npublished: 2024-10-01\n---\n" + BODY
WRONG_TYPES = "---\ntitle: [a, b]\npublished: yesterday-ish\n---\n" + BODY

# --- one test per kind of bad file ---------------------------------------------------------------

RAISE_LIMIT = "raise it with --max-mb (max_mb= in Python) to read the file"
SIMPLE_CASES = {
    "empty file": ({"empty.txt": b""}, [["empty.txt", "empty file", "the file is 0 bytes"]]),
    "whitespace only": ({"blank.txt": b"  \n\t\r\n   \n"},
                        [["blank.txt", "empty article", "the file holds only white space"]]),
    "PNG renamed .txt": ({"photo.txt": png()}, [["photo.txt", "not a text file", *BINARY]]),
    "zip renamed .txt": ({"archive.txt": zipped(BODY)}, [["archive.txt", "not a text file", *BINARY]]),
    "only a divider": ({"divider.txt": b"--- *** ---\n"}, [[
        "divider.txt", "no words",
        "the file has no letter or digit, only '--- *** ---'; nothing to analyse, skipped"]]),
    "only emoji": ({"reaction.txt": "🇷🇸 🔥🔥\n👀\n".encode()}, [[
        "reaction.txt", "no words",
        "the file has no letter or digit, only '🇷🇸 🔥🔥 👀'; nothing to analyse, skipped"]]),
    "duplicate under another name": ({"saved-again.txt": GOOD.read_bytes()}, [[
        "saved-again.txt", "duplicate article", f"same text as {GOOD.name} (id {VUCIC_ARTICLE}); loaded once"]]),
    "front matter only": ({"meta.md": b"---\ntitle: Halt\n---\n\n  \n"}, [[
        "meta.md", "empty article", "the text after the front matter holds only white space"]]),
}


@pytest.mark.parametrize("files, problems", SIMPLE_CASES.values(), ids=SIMPLE_CASES.keys())
def test_unusable_file_is_one_problem_row(tmp_path, alone, capsys, files, problems):
    workbook = check(beside_good(tmp_path, files), alone, problems, capsys)
    assert workbook.articles["article_id"].tolist() == [VUCIC_ARTICLE]


def test_malformed_front_matter_keeps_the_body(tmp_path, alone, capsys):
    # Line 2 of the file is the title, whose unquoted ": " YAML cannot parse.
    workbook = check(beside_good(tmp_path, {"halt.txt": BAD_YAML.encode()}), alone, [[
        "halt.txt", "malformed front matter", "the YAML block could not be parsed (line 2: mapping values are "
        "not allowed here; put the value in quotes when it contains ': '); metadata ignored, the text after "
        "the block kept as the body"]], capsys)
    halt = article(workbook, "halt")
    assert halt["text"] == BODY and pd.isna(halt["published"]) and halt["title_derived"]


def test_unterminated_front_matter_keeps_the_whole_file(tmp_path, alone, capsys):
    raw = "---\ntitle: Halt\n" + BODY
    workbook = check(beside_good(tmp_path, {"halt.txt": raw.encode()}), alone, [[
        "halt.txt", "unterminated front matter", "the file starts with '---' but no closing '---' line follows; "
        "the whole file was read as the article body"]], capsys)
    assert article(workbook, "halt")["text"] == raw


def test_front_matter_values_of_the_wrong_type_are_dropped_not_coerced(tmp_path, alone, capsys):
    workbook = check(beside_good(tmp_path, {"halt.md": WRONG_TYPES.encode()}), alone, [
        ["halt.md", "bad front matter value",
         "title: expected text, got a list; a title is derived from the first sentence"],
        ["halt.md", "bad front matter value",
         "published: 'yesterday-ish' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY); kept as unknown"]], capsys)
    halt = article(workbook, "halt")
    assert halt["text"] == BODY and halt["title_derived"] and halt["title"].startswith("Serbia has suspended")
    assert pd.isna(halt["published"]) and halt["published_precision"] == "unknown"


def test_html_saved_as_txt_is_kept_as_saved_and_flagged(tmp_path, alone, capsys):
    workbook = check(beside_good(tmp_path, {"page.txt": PAGE.encode()}), alone, [[
        "page.txt", "HTML markup in a text file", "found <!doctype>, <html>, <head>, <script>, <body>, <p>; the "
        "text was kept as saved, tags included. To read only the article's text, save the page as .html "
        "(or rename this file to .html)"]], capsys)
    assert article(workbook, "page")["text"] == PAGE


def test_jsonl_with_one_truncated_line_keeps_the_others(tmp_path, alone, capsys):
    lines = ['{"id": "feed-a", "published": "2024-10-01", "text": "Belgrade halted ammunition exports on Monday."}',
             '{"id": "feed-b", "text": "The ministry said',  # cut off: its string opens at column 26
             '{"id": "feed-c", "text": "Moscow welcomed the halt but asked for guarantees."}']
    workbook = check(beside_good(tmp_path, {"feed.jsonl": "\n".join(lines).encode()}), alone, [[
        "feed.jsonl:2", "malformed JSON line", "Unterminated string starting at: column 26; line skipped"]], capsys)
    assert workbook.articles["article_id"].tolist() == [VUCIC_ARTICLE, "feed-a", "feed-c"]
    assert article(workbook, "feed-c")["text"] == "Moscow welcomed the halt but asked for guarantees."


def test_folder_named_like_an_article(tmp_path, alone, capsys):
    folder = beside_good(tmp_path, {})
    (folder / "story.txt").mkdir()
    check(folder, alone, [["story.txt", "folder named like an article",
                           "'story.txt' is a folder, not a file; articles inside it are read like any subfolder's"]],
          capsys)


def test_link_leaving_the_data_folder_is_not_followed(tmp_path, alone, capsys):
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes that are not an article about exports.")
    folder = beside_good(tmp_path, {})
    (folder / "notes.txt").symlink_to(secret)
    workbook = check(folder, alone,
                     [["notes.txt", "link outside the data folder", f"points to {secret}; not followed"]],
                     capsys)
    assert not workbook.articles["text"].str.contains("Private notes").any()


@pytest.mark.parametrize("encoding, text", [("cp1250", SERBIAN), ("latin-1", FRENCH), ("utf-16", SERBIAN)])
def test_non_utf8_text_is_read_and_its_encoding_recorded(tmp_path, alone, capsys, encoding, text):
    data = text.encode(encoding)
    workbook = check(beside_good(tmp_path, {"foreign.txt": data}), alone, [], capsys)
    foreign = article(workbook, "foreign")
    assert foreign["text"] == text
    assert data.decode(foreign["encoding"]) == text
    expected = {"cp1250": {"cp1250"}, "latin-1": {"latin_1", "cp1252", "iso8859_15"}, "utf-16": {"utf-16"}}
    assert foreign["encoding"] in expected[encoding]


@pytest.mark.parametrize("prefix, line_end, encoding", [
    (b"\xef\xbb\xbf", "\n", "utf-8-sig"), (b"", "\r\n", "utf-8"), (b"", "\r", "utf-8")])
def test_bom_and_line_ends_become_plain_text_with_the_same_paragraphs(tmp_path, alone, capsys, prefix, line_end,
                                                                       encoding):
    data = prefix + BODY.replace("\n", line_end).encode()
    workbook = check(beside_good(tmp_path, {"halt.txt": data}), alone, [], capsys)
    assert article(workbook, "halt")[["text", "encoding"]].tolist() == [BODY, encoding]
    rows = workbook.paragraphs.query("article_id == 'halt'")
    assert list(zip(rows["start"], rows["end"])) == paragraph_spans(BODY) and len(rows) == 2


def test_a_50_mb_file_is_refused_from_its_size_without_being_read(tmp_path, alone, capsys):
    folder = beside_good(tmp_path, {})
    sentence = b"Serbia has suspended all exports of ammunition until further notice. "
    with (folder / "huge.txt").open("wb") as huge:
        for _ in range(50):
            huge.write((sentence * (MB // len(sentence) + 1))[:MB])
    tracemalloc.start()
    batch = read_corpus(folder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * MB, peak  # never read: its size alone decided
    assert [a.article_id for a in batch.articles] == [VUCIC_ARTICLE]
    check(folder, alone, [["huge.txt", "file too large", "52,428,800 bytes (50 MB) is over the 10 MB limit; "
                                                         f"{RAISE_LIMIT}"]],
          capsys)


def test_max_mb_lets_a_large_file_in(tmp_path, alone, capsys):
    text = "\n\n".join(f"Update {n}: " + BODY for n in range(100))
    size = len(text.encode())
    assert 20_000 < size < 40_000
    folder = beside_good(tmp_path, {"long.txt": text.encode()})
    check(folder, alone, [["long.txt", "file too large",
                           f"{size:,} bytes ({size / MB:.3g} MB) is over the 0.02 MB limit; {RAISE_LIMIT}"]],
          capsys, "--max-mb", "0.02")
    workbook = check(folder, alone, [], capsys, "--max-mb", "0.05")
    assert article(workbook, "long")["text"] == text
    assert main(["extract", str(folder), "--out", str(tmp_path / "t"), "--max-mb", "0"]) == 1
    assert "must be a positive number of MB" in capsys.readouterr().err


def test_a_300_000_character_line_is_chunked_and_its_spans_hold(tmp_path, alone, capsys):
    """A web page saved as text can put a whole article, and an inline image as base64, on one
    line. Prose is the slow part for the parser, so the line is one third prose, two thirds image,
    which also makes the chunker cut where there is no space."""
    prose = " ".join(GOOD.read_text().split())
    prose = ((prose + " ") * 50)[:100_000].rsplit(" ", 1)[0]
    image = "data:image/png;base64," + base64.b64encode(random.Random(7).randbytes(150_000)).decode()
    line = (prose + " " + image)[:300_000]
    workbook = check(beside_good(tmp_path, {"one-line.txt": line.encode()}), alone, [], capsys)
    assert article(workbook, "one-line")["text"] == line and len(line) == 300_000
    pieces = chunks(line, paragraph_spans(line))
    assert "".join(pieces) == line and len(pieces) >= len(line) // MAX_CHUNK and max(map(len, pieces)) <= MAX_CHUNK
    sentences = workbook.sentences.query("article_id == 'one-line'")
    assert sentences["start"].is_monotonic_increasing and sentences["end"].max() <= len(line)
    for name, bad in workbook.span_violations().items():
        assert bad.empty, name


def test_unbalanced_mismatched_and_nested_quotes_load_and_keep_spans(tmp_path, alone, capsys):
    text = ("“Serbia will not be anyone’s proxy, Vučić said on Monday, and left the room.\n\n"
            "The minister said \"we have “never' exported to Ukraine” and would not discuss it.\n\n"
            "“The ambassador told us: ‘Moscow said «the shells are ours» last week’ and asked for answers,” "
            "an official in Belgrade recalled.\n\n"
            "He added: ”They lied to us.“ 'Really?\" the reporter asked. «Yes» »no« ‘‘’")
    workbook = check(beside_good(tmp_path, {"quotes.txt": text.encode()}), alone, [], capsys)
    assert article(workbook, "quotes")["text"] == text
    assert len(workbook.paragraphs.query("article_id == 'quotes'")) == 4
    for name, bad in workbook.span_violations().items():
        assert bad.empty, name


# --- unreadable files: needs a process that file permissions apply to ---------------------------

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _obey_file_permissions() -> None:
    """Run in the child before exec. Root ignores ``chmod 000`` through two capabilities; dropping
    them from the bounding set leaves a root process that permissions apply to, like an analyst's
    account. (Switching to uid 65534 instead cannot work here: the interpreter lives under /root,
    which nobody else may enter.)"""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def extract_in_subprocess(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "extract", *args], capture_output=True, text=True,
                          cwd=ROOT, preexec_fn=_obey_file_permissions if os.geteuid() == 0 else None, **options)


def test_unreadable_file_and_folder_are_reported(tmp_path, alone):
    folder = beside_good(tmp_path, {"locked.txt": BODY.encode()})
    (folder / "private").mkdir()
    (folder / "private" / "inside.txt").write_text(BODY + " More.")
    (folder / "locked.txt").chmod(0)
    (folder / "private").chmod(0)
    try:
        relaxed = extract_in_subprocess(str(folder), "--out", str(tmp_path / "t"))
        strict = extract_in_subprocess(str(folder), "--out", str(tmp_path / "s"), "--strict")
    finally:
        (folder / "private").chmod(0o755)
        (folder / "locked.txt").chmod(0o644)
    expected = [["private", "cannot read folder", "Permission denied; the files in it were skipped"],
                ["locked.txt", "cannot read file", "Permission denied: the file's permissions do not let this user "
                                                   "read it (fix with chmod a+r)"]]
    assert relaxed.returncode == 0, relaxed.stderr
    tables = read_tables(tmp_path / "t")
    assert tables["problems"].values.tolist() == expected
    for name in BASE_TABLES:
        pd.testing.assert_frame_equal(tables[name], getattr(alone, name), obj=name)
    assert (strict.returncode, strict.stderr.strip()) == (1, strict_message(expected))


# --- readers and edge bytes that once raised -----------------------------------------------------

HOSTILE = {
    "impossible YAML date": ("a.md", b"---\npublished: 2024-13-45\n---\nBody text.", [[
        "a.md", "bad front matter value", "published: '2024-13-45' is not a valid date (month must be in 1..12); "
        "kept as unknown"]]),
    "deeply nested YAML": ("a.md", b"---\ntitle: " + b"[" * 5000 + b"\n---\nBody text.", [[
        "a.md", "malformed front matter", "the YAML block could not be parsed (nested too deeply); metadata "
        "ignored, the text after the block kept as the body"]]),
    "deeply nested JSON": ("a.jsonl", b"[" * 100_000,
                           [["a.jsonl:1", "malformed JSON line", "nested too deeply; line skipped"]]),
    "JSON list as published": ("a.jsonl", b'{"text": "Body text.", "published": [[1, 2], [3]]}', [[
        "a.jsonl:1", "bad front matter value", "published: expected a date, got a list; kept as unknown"]]),
    "truncated UTF-16": ("a.txt", b"\xff\xfeB\x00o\x00d", [[
        "a.txt", "not a text file", "starts with a utf-16 byte-order mark but is not valid utf-16 (truncated data)"]]),
    "UTF-8 BOM then invalid byte": ("a.txt", b"\xef\xbb\xbfBody \xff", [[
        "a.txt", "not a text file",
        "starts with a utf-8 byte-order mark but is not valid utf-8 (invalid start byte)"]]),
    "PDF renamed .txt": ("a.txt", b"%PDF-1.7\n% plain-looking header\n1 0 obj << /Type /Catalog >>", [[
        "a.txt", "not a text file", "a PDF document, not text: copy the article's text into a .txt file"]]),
}


@pytest.mark.parametrize("name, data, problems", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_bytes_are_problems_not_exceptions(tmp_path, name, data, problems):
    (tmp_path / name).write_bytes(data)
    batch = read_file(tmp_path / name, name)
    assert [[p.path, p.problem, p.detail] for p in batch.problems] == problems


def test_lone_surrogate_from_json_becomes_a_replacement_character(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "Vu\\ud800ci\\u0107 said no.", "title": "x\\udfff"}\n')
    batch = read_file(tmp_path / "a.jsonl", "a.jsonl")
    assert [(a.text, a.title) for a in batch.articles] == [("Vu\ufffdcić said no.", "x?")]


def test_a_pipe_named_like_an_article_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "stream.txt")
    batch = read_corpus(tmp_path)
    assert [[p.path, p.problem, p.detail] for p in batch.problems] == [
        ["stream.txt", "not a regular file", "it is a device, pipe or socket; only regular files are read"]]


def test_hidden_folders_such_as_notebook_checkpoints_are_not_read(tmp_path):
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text(BODY)
    (tmp_path / "a.txt").write_text(BODY)
    batch = read_corpus(tmp_path)
    assert [a.path for a in batch.articles] == ["a.txt"] and batch.problems == []


SUFFIX = st.sampled_from([".txt", ".md", ".jsonl", ".html"])
JUNK = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=500).map(lambda t: ("---\n" + t + "\n---\n" + t).encode("utf-8", "surrogatepass")),
    st.lists(st.text(max_size=80), max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                     st.sampled_from(["text", "id", "title", "published", "url"]), inner, max_size=5),
                 max_leaves=12).map(lambda value: json.dumps(value).encode()),
)


@pytest.mark.property
@settings(max_examples=examples(300))
@given(JUNK, SUFFIX)
def test_read_file_returns_a_batch_whatever_the_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"junk{suffix}"
        path.write_bytes(data)
        batch = read_file(path, path.name)
    assert isinstance(batch, Batch)
    assert all(p.problem and p.detail and "\n" not in p.detail for p in batch.problems)
    assert all(p.problem != "unexpected error" for p in batch.problems), batch.problems
    for found in batch.articles:
        found.text.encode("utf-8")  # writable to every output format
        assert any(char.isalnum() for char in found.text)


# --- outputs -------------------------------------------------------------------------------------

def test_output_folder_with_other_files_is_refused_unless_forced(tmp_path, capsys):
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"not ours")
    with pytest.raises(ValueError, match="is not empty and holds no earlier output of this tool .* --force"):
        prepare_output_dir(folder)
    code = main(["extract", str(ARTICLES_DIR), "--out", str(folder)])
    assert code == 1 and "is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["budget.xlsx"]
    assert prepare_output_dir(folder, force=True) == folder.resolve()


@pytest.mark.parametrize("content", [{}, {"tables.json": "{}"}, {"index.html": "<html></html>"},
                                     {"articles.csv": "", ".sentences.parquet.k2_x9.tmp": ""}],
                         ids=["empty", "extract output", "render output", "interrupted extract"])
def test_output_folder_that_is_empty_or_ours_is_accepted(tmp_path, content):
    folder = tmp_path / "out"
    folder.mkdir()
    for name, text in content.items():
        (folder / name).write_text(text)
    assert prepare_output_dir(folder) == folder.resolve()


def test_output_folder_rules_for_build_reports_and_data(tmp_path, monkeypatch):
    for name in ("BUILD_DIR", "REPORTS_DIR", "DATA_DIR"):
        monkeypatch.setattr(paths, name, tmp_path / name.split("_")[0].lower())
    for mine in ("build/tables", "reports"):
        (tmp_path / mine).mkdir(parents=True)
        (tmp_path / mine / "notes.txt").write_text("an analyst's file")
        assert check_output_dir(tmp_path / mine) == tmp_path / mine
    created = prepare_output_dir(tmp_path / "build" / "new" / "deeper")
    assert created.is_dir()
    with pytest.raises(ValueError, match="holds the raw articles and is never written"):
        prepare_output_dir(tmp_path / "data" / "articles" / "out", force=True)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ValueError, match="is a file, not a folder"):
        prepare_output_dir(tmp_path / "a-file", force=True)


# --- cases an attacker of the workbook found (issue: nothing lost) -------------------------------

def test_a_non_utf8_file_name_is_read_and_reported_in_escaped_form(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9-halt.txt")).write_text(BODY)
    workbook = build_workbook(folder)
    assert workbook.articles["article_id"].tolist() == ["caf\\xe9-halt"]
    assert workbook.problems.values.tolist() == [[
        "caf\\xe9-halt.txt", "file name not UTF-8", "read as 'caf\\xe9-halt.txt', its undecodable bytes escaped; "
        "rename the file with UTF-8 characters so that its id reads as intended"]]
    assert main(["extract", str(folder), "--out", str(tmp_path / "out")]) == 0  # every output can hold the name


def test_a_thousand_nested_folders_are_walked_without_recursion(tmp_path):
    folder = tmp_path / "articles"
    deepest = folder
    for _ in range(1000):
        deepest = deepest / "a"
        deepest.mkdir(parents=True)
    (deepest / "deep.txt").write_text(BODY)
    batch = read_corpus(folder)
    assert [a.article_id for a in batch.articles] == ["deep"] and batch.problems == []
    for _ in range(1000):  # removed leaf first: removing the tree recursively would recurse too
        (deepest / "deep.txt").unlink(missing_ok=True)
        deepest.rmdir()
        deepest = deepest.parent


def test_an_impossible_unquoted_date_drops_only_the_date(tmp_path, alone, capsys):
    text = "---\ntitle: Halt\nsource: Example News\npublished: 2025-02-30\n---\n" + BODY
    workbook = check(beside_good(tmp_path, {"halt.md": text.encode()}), alone, [[
        "halt.md", "bad front matter value", "published: '2025-02-30' is not a valid date (day is out of range for "
        "month); kept as unknown"]], capsys)
    halt = article(workbook, "halt")
    assert (halt["title"], halt["source"], halt["published_precision"]) == ("Halt", "Example News", "unknown")
    assert pd.isna(halt["published"])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, alone, capsys, encoding):
    workbook = check(beside_good(tmp_path, {"windows.txt": (SERBIAN + "\n").encode(encoding)}), alone, [], capsys)
    windows = article(workbook, "windows")
    assert (windows["text"], windows["encoding"]) == (SERBIAN + "\n", encoding)


CORRECTIONS = {
    "an entry without an id": ("- kind: merge_actors\n  note: same body\n  actor_id: svr\n  into: russia\n",
                               "entry 1: 'id' must be a lower-case slug like 'merge-svr-alias'"),
    "a string entry": ("- merge svr into russia\n", "entry 1: expected a mapping"),
    "a null entry": ("- id: ok-one\n  kind: rename_actor\n  note: x\n  actor_id: russia\n  name: Russia\n-\n",
                     "entry 2: expected a mapping"),
    "a wrong field": ("- id: wrong\n  kind: set_speaker\n  note: x\n  quote: 12\n  speaker_actor_id: russia\n",
                      "entry 1 ('wrong'): 'quote' must be a mapping of exactly article_id, end, start, text"),
    "an alias bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                      "not valid YAML: line 2: aliases (*name) are not accepted here"),
}


@pytest.mark.parametrize("text, message", CORRECTIONS.values(), ids=CORRECTIONS.keys())
def test_a_bad_corrections_file_is_one_clear_line(tmp_path, capsys, text, message):
    path = tmp_path / "corrections.yml"
    path.write_text(text)
    assert main(["corrections", "check", str(GOOD), "--file", str(path)]) == 1
    error = capsys.readouterr().err
    assert error == f"error: corrections.yml: {message}\n"


def test_a_read_only_output_is_one_line(tmp_path, capsys, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "out" / "articles.csv"))
    monkeypatch.setattr("analysis.cli.export_tables", read_only)
    assert main(["export", str(GOOD), "--format", "csv", "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"error: Read-only file system: {tmp_path / 'out' / 'articles.csv'}\n"


def test_a_figures_folder_given_as_a_parameter_is_checked_like_out(tmp_path, capsys):
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "budget.xlsx").write_bytes(b"not ours")
    code = main(["render", "--notebook", "01", "-p", "figures_dir", str(mine), "--out", str(tmp_path / "r")])
    error = capsys.readouterr().err
    assert code == 1 and error.startswith("error: -p figures_dir: ") and "is not empty" in error
    assert sorted(p.name for p in mine.iterdir()) == ["budget.xlsx"]


def test_an_article_that_breaks_an_extractor_is_one_problem_row(tmp_path, alone, capsys, monkeypatch):
    """Whatever fails inside the rules for one article (here a planted bug), that article is a
    problem row naming the exception and the place in the code; the others come out as alone."""
    from analysis.extract import events
    real = events.find_events

    def planted(text, *args, **kwargs):
        if "planted" in text:
            raise IndexError("[E1002] Span index out of range.")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(events, "find_events", planted)
    folder = beside_good(tmp_path, {"bug.txt": ("A planted sentence. " + BODY).encode()})
    workbook = build_workbook(folder)
    [[path, problem, detail]] = workbook.problems.values.tolist()
    assert (path, problem) == ("bug.txt", "extraction failed")
    assert re.fullmatch(r"IndexError in analysis/workbook/extraction\.py:\d+ \(extract_article\): \[E1002\] Span index "
                        r"out of range\.; the article was left out \(please report it\)", detail), detail
    assert workbook.articles["article_id"].tolist() == [VUCIC_ARTICLE]
    for name, expected in good_rows(alone).items():
        pd.testing.assert_frame_equal(good_rows(workbook)[name], expected, obj=name)
    with pytest.raises(StrictModeError, match=r"bug.txt: extraction failed: IndexError in .*\(extract_article\)"):
        build_workbook(folder, strict=True)


def test_an_article_whose_rules_run_away_is_left_out_after_its_budget(tmp_path, monkeypatch):
    from analysis.extract import events
    real = events.find_events

    def runaway(text, *args, **kwargs):
        while "runaway" in text:
            pass
        return real(text, *args, **kwargs)

    monkeypatch.setattr(events, "find_events", runaway)
    folder = beside_good(tmp_path, {"slow.txt": ("A runaway sentence. " + BODY).encode()})
    workbook = build_workbook(folder, article_seconds=0.5)
    assert workbook.problems.values.tolist() == [[
        "slow.txt", "extraction too slow", "the rules took longer than 0.5 s on this article, which was left out; "
        "raise the limit with --article-seconds (article_seconds= in Python) if it is simply very long"]]
    assert workbook.articles["article_id"].tolist() == [VUCIC_ARTICLE]


@pytest.mark.parametrize("text, speaker, cue", [
    ("Le ministre Aleksandar Vučić : «non, nous suspendons les exportations» a-t-il dit.\n",
     "Aleksandar Vučić", ":"),
    ("He said: “We will halt exports.” ", "He", "said"),
    ("Vučić told reporters: “We will halt exports.”\n\n  \n", "Aleksandar Vučić", "told"),
], ids=["space before the colon", "trailing space after the quote", "blank lines after the quote"])
def test_the_texts_that_once_crashed_the_batch_are_attributed(write_articles, text, speaker, cue):
    workbook = build_workbook(write_articles({"a.txt": text}))
    assert workbook.problems.empty
    [quote] = workbook.quotes.query("kind == 'direct'").itertuples()
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_according_to_keeps_the_case_the_text_writes(write_articles):
    workbook = build_workbook(write_articles({"a.txt": "According to the ministry, “exports are halted.”\n"}))
    assert set(workbook.quotes["cue"].dropna()) == {"According to"}


def test_a_long_sentence_full_of_quotes_and_speech_verbs_is_attributed(write_articles):
    """13.6 KB in one sentence: each quote's speaker is searched where it can be, not over the
    sentence, so this takes about as long as the sentence is (the benchmark measures it)."""
    clauses = [f"{name} {verb} “we will halt exports of shells {n}”" for n, (name, verb) in enumerate(
        [("Vučić", "said"), ("Peskov", "added"), ("the minister", "warned"), ("she", "insisted")] * 50)]
    workbook = build_workbook(write_articles({"a.txt": ", and ".join(clauses) + ".\n"}))
    assert workbook.problems.empty
    quotes = workbook.quotes.query("kind in ('direct', 'partial')")
    assert len(quotes) == 200
    assert quotes["speaker_surface"].tolist()[:4] == ["Vučić", "Peskov", "the minister", "she"]
    assert quotes["cue"].tolist()[:4] == ["said", "added", "warned", "insisted"]
