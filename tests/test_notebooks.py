"""The notebooks rendered with other parameters than their defaults, read back as text.

The default run is checked cell by cell by nbval (notebooks/conftest.py); these runs check that the
parameters change what the notebooks show, that a bad parameter or a bad corpus gives a message
rather than a traceback, and that article text cannot run as script in the HTML report.
"""
from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from analysis import render
from analysis.paths import NOTEBOOKS_DIR, ROOT, WORLD_DEV_DIR
from analysis.workbook.store import write_tables
from tests.test_views import hand_filled

pytestmark = pytest.mark.slow
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def tables(workbook, tmp_path_factory):
    """The bundled articles with hand-made extraction tables, as `extract` would write them."""
    folder = tmp_path_factory.mktemp("tables")
    write_tables(hand_filled(workbook).tables(), folder)
    return folder


def run(name: str, tmp_path, **parameters) -> str:
    """Execute one notebook and return the text of its outputs (streams, plain text, errors)."""
    target = tmp_path / f"{name}.ipynb"
    render.execute(NOTEBOOKS_DIR / f"{name}.ipynb", target, {"figures_dir": str(tmp_path / "figures"), **parameters})
    return outputs_text(nbformat.read(target, as_version=4))


def outputs_text(notebook) -> str:
    pieces = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{output.ename}: {output.evalue}"
            assert output.get("name") != "stderr", output.text
            pieces.append(output.get("text") or output.get("data", {}).get("text/plain", ""))
    return "\n".join(pieces)


def test_the_actors_notebook_follows_another_actor_named_by_an_alias(tables, tmp_path):
    text = run("02_actors", tmp_path, data_dir=str(tables), actor="Peskov")
    assert "'dmitry-peskov'" in text
    # The explorer's plain table lists Peskov's two mentions, two quotes and one stance, no one else's.
    assert "as “Dmitry Peskov” (hand)" in text and "as “Peskov” (hand)" in text
    assert "neutral on arms exports" in text and "as “Vucic”" not in text


def test_the_stances_notebook_narrows_to_a_topic_and_a_confidence(tables, tmp_path):
    text = run("03_stances", tmp_path, data_dir=str(tables), actor="Maria Zakharova", topic="EU sanctions on Russia",
               min_confidence=0.7)
    assert "('maria-zakharova', 'EU sanctions on Russia')" in text
    assert "Ursula von der Leyen" in text and "arms exports" not in text.split("'EU sanctions on Russia')")[1]
    # Zakharova's one quote is scored 0.6, below the threshold.
    assert "No quotes by Maria Zakharova in this selection." in text


def test_the_timeline_notebook_keeps_the_events_of_a_date_range(tables, tmp_path):
    text = run("04_export_policy_timeline", tmp_path, data_dir=str(tables), date_from="2010", date_to="2015")
    assert "1 of 4 merged event(s) overlap 2010-01-01 to 2015-12-31; 2 undated event(s) left out" in text
    assert "Serbia becomes an EU candidate" in text and "Serbia applies for EU membership" not in text
    assert "No contradictions found in this selection." in text
    charts = sorted((tmp_path / "figures").glob("04_timeline_*.csv"))  # one timeline per story
    assert len(charts) == 1 and charts[0].read_text().count("\n") == 2  # header + the 2012 event


def test_an_empty_selection_says_so_in_every_section(tables, tmp_path):
    text = run("03_stances", tmp_path, data_dir=str(tables), articles="nothing-*")
    assert "Warning: none of the 2 article(s) is selected" in text
    assert "No stances in this selection." in text and "No opposition found in this selection." in text


def test_a_corpus_of_only_bad_files_shows_its_problems_in_every_notebook(tmp_path):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "blank.md").write_text("---\ntitle: Nothing here\n---\n   \n")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    done = render.render(render.find_notebooks(), {"data_dir": str(corpus)}, tmp_path / "out")
    assert [item.name for item in done] == [path.stem for path in render.find_notebooks()]
    for item in done:
        text = outputs_text(nbformat.read(tmp_path / "out" / f"{item.name}.ipynb", as_version=4))
        assert f"Warning: no article could be read from {corpus}" in text, item.name
        for problem in ("not a text file", "empty article", "unsupported file type"):
            assert problem in text, (item.name, problem)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "render", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_an_unknown_actor_fails_the_render_naming_notebook_cell_and_close_matches(tables, tmp_path):
    result = cli("--notebook", "02", "-p", "data_dir", str(tables), "-p", "actor", "Vucik", "--out", str(tmp_path))
    assert result.returncode == 1
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("error: 02_actors.ipynb: code cell 6 "
                            "`actor_id = params.resolve_actor(workbook.actors, actor, selected.quotes)` "
                            "failed: ParameterError: actor: no actor is called 'Vucik'. Close matches: ")
    assert "Vucic (= Aleksandar Vučić)" in result.stderr
    kept = nbformat.read(render.FAILED_DIR / "02_actors.ipynb", as_version=4)
    assert any(output.get("ename") == "ParameterError" for cell in kept.cells for output in cell.get("outputs", []))
    assert list(tmp_path.iterdir()) == []  # all or nothing: no page of a failed render


def test_article_text_cannot_run_as_script_in_the_report(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        f"{SCRIPT} Serbian President Aleksandar Vučić said <img src=x onerror=alert(2)> exports would resume.\n\n"
        f"Vučić added: “{SCRIPT} is not a weapon.”\n")
    out = tmp_path / "report"
    result = cli("-p", "data_dir", str(corpus), "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = {path.name: path.read_text() for path in out.glob("*.html")}
    assert sorted(pages) == ["01_corpus.html", "02_actors.html", "03_stances.html",
                             "04_export_policy_timeline.html", "index.html"]
    for name, page in pages.items():
        assert SCRIPT not in page and "<img src=x" not in page, name
        assert not re.search(r"<script[^>]*src=\"https?:", page), f"{name} loads a script from the network"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["01_corpus.html"]  # the derived title, escaped
    explorer = pages["02_actors.html"]  # the explorer's static passages: escaped text, the name marked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in explorer and "<mark>Vučić</mark>" in explorer
    for item in ("01_corpus", "02_actors", "03_stances", "04_export_policy_timeline"):
        assert f"<a href='{item}.html'>" in pages["index.html"] and (out / f"{item}.ipynb").exists()


def test_the_committed_notebooks_were_rendered_from_the_bundled_articles():
    """`make notebooks` output: every code cell ran, in order, without an error."""
    for path in render.find_notebooks():
        notebook = nbformat.read(path, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), path.name
        text = outputs_text(notebook)
        assert "Read 2 article(s) from data/articles" in text, path.name


def test_a_correction_written_in_the_explorer_shows_in_the_next_render(workbook, tmp_path):
    """The panel's "Correct this" writes the entry; rendering again (from the articles, so the
    extraction applies the file) lists the nested quote among Serbia's passages, which it was not."""
    from analysis.notebook import explorer

    corrections = tmp_path / "corrections.yml"
    panel = explorer.correction_panel(workbook, corrections)
    (quote, speaker), button = panel.children[0].children[0].children, panel.children[0].children[1]
    quote.value = next(value for label, value in quote.options if "it’s impossible." in label)
    speaker.value = "serbia"
    button.click()
    assert "set-speaker-1" in panel.children[-1].value and "not written" not in panel.children[-1].value
    nested_quote_of_serbia = re.compile(r"quote\s+001_db637072722872a7\s+nested quote, cue “told”")
    (tmp_path / "before").mkdir()
    (tmp_path / "none.yml").write_text("[]\n")
    before = run("02_actors", tmp_path / "before", actor="Serbia", corrections_file=str(tmp_path / "none.yml"))
    after = run("02_actors", tmp_path, actor="Serbia", corrections_file=str(corrections))
    assert not nested_quote_of_serbia.search(before)
    assert nested_quote_of_serbia.search(after)


@pytest.fixture(scope="module")
def world_dev_report(tmp_path_factory):
    """Every notebook rendered on real news that is not the bundled story (read in place from
    ../shared/world-dev, never copied), with the default parameters."""
    out = tmp_path_factory.mktemp("world-dev") / "report"
    result = cli("-p", "data_dir", str(WORLD_DEV_DIR / "articles"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_every_notebook_renders_on_another_corpus_with_defaults_from_its_data(world_dev_report):
    pages = {path.stem: path.read_text() for path in world_dev_report.glob("0*.html")}
    assert sorted(pages) == [path.stem for path in render.find_notebooks()]
    texts = {name: outputs_text(nbformat.read(world_dev_report / f"{name}.ipynb", as_version=4)) for name in pages}
    assert "Read 30 article(s)" in texts["01_corpus"]
    assert re.search(r"actor=None: showing .+, quoted \d+ time\(s\), more than anyone else\.", texts["02_actors"])
    assert "Vučić" not in texts["02_actors"] + texts["03_stances"]  # nothing of the bundled story leaks in
    assert re.search(r"\d+ event\(s\), \d+ dated, from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d; \d+ undated, in their own "
                     r"lane", texts["04_export_policy_timeline"])
    for name, page in pages.items():
        assert "Traceback" not in page and "&lt;NA&gt;" not in page and ">NaT<" not in page, name


def test_every_notebook_renders_on_an_empty_folder_saying_so(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("-p", "data_dir", str(empty), "--out", str(tmp_path / "report"))
    assert result.returncode == 0, result.stderr
    for path in render.find_notebooks():  # each report says why it is empty, and so does the terminal
        text = outputs_text(nbformat.read(tmp_path / "report" / path.name, as_version=4))
        assert f"Warning: no article could be read from {empty}" in text, path.name
        assert f"{path.stem}: Warning: no article could be read" in result.stderr, path.name


def test_a_notebook_kernel_reading_tables_never_imports_the_parser(tables):
    """What the notebooks import, and the tables they read: spaCy (1.8 s of CPU) stays out."""
    code = ("import sys\nfrom analysis import load_workbook\n"
            "from analysis.notebook import charts, display, explorer, findings, params, passages, select, tables\n"
            f"workbook = load_workbook({str(tables)!r})\n"
            "assert len(workbook.quotes), 'the tables were read'\n"
            "print(sorted(name for name in sys.modules if name == 'spacy' or name.startswith('spacy.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
