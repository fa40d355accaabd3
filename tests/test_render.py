"""The render machinery on small notebooks: finding, routing parameters, cleaning, failing loudly,
and HTML that needs no network."""
from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import render
from analysis.paths import NOTEBOOKS_DIR, ROOT

NOTEBOOK_NAMES = ["01_corpus", "02_actors", "03_stances", "04_export_policy_timeline"]


def write_notebook(path, *sources: str):
    notebook = new_notebook(cells=[new_markdown_cell("# A small notebook\n\nIt exists for a test. More text.")]
                            + [new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_notebooks_are_found_in_reading_order_or_by_number_or_name():
    assert [path.stem for path in render.find_notebooks()] == NOTEBOOK_NAMES
    actors = [NOTEBOOKS_DIR / "02_actors.ipynb"]
    assert render.find_notebooks("02") == render.find_notebooks("02_actors.ipynb") == actors
    with pytest.raises(render.RenderError, match="no notebook called '02_actor' in notebooks; the notebooks are: "
                                                 "01_corpus, 02_actors, 03_stances, 04_export_policy_timeline"):
        render.find_notebooks("02_actor")


@pytest.mark.parametrize(("text", "value"), [
    ("0.5", 0.5), ("null", None), ('["a", "b"]', ["a", "b"]), ("Aleksandar Vučić", "Aleksandar Vučić"),
    ("2024-05", "2024-05"), ("001_*", "001_*"),
])
def test_cli_values_are_json_when_they_parse_and_text_otherwise(text, value):
    assert render.parse_value(text) == value


def test_each_notebook_gets_only_the_parameters_it_declares():
    paths = render.find_notebooks()
    routed = render.route_parameters(paths, {"actor": "Peskov", "date_from": "2024", "articles": "001_*"})
    assert {path.stem: parameters for path, parameters in routed.items()} == {
        "01_corpus": {"articles": "001_*"},
        "02_actors": {"actor": "Peskov", "articles": "001_*"},
        "03_stances": {"actor": "Peskov", "articles": "001_*"},
        "04_export_policy_timeline": {"date_from": "2024", "articles": "001_*"},
    }
    with pytest.raises(render.RenderError, match="unknown parameter.*actr.*the notebooks take: actor, articles"):
        render.route_parameters(paths, {"actr": "Peskov"})


def test_every_notebook_has_one_parameters_cell_of_commented_defaults():
    for path in render.find_notebooks():
        notebook = nbformat.read(path, as_version=4)
        tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        declared = render.papermill.inspect_notebook(str(path))
        assert {"data_dir", "articles", "figures_dir"} <= set(declared)
        assert all(parameter["help"] for parameter in declared.values()), path.name
        assert declared["data_dir"]["default"] == '"data/articles"'


def test_committed_notebooks_carry_no_volatile_metadata():
    for path in render.find_notebooks():
        notebook = nbformat.read(path, as_version=4)
        assert "papermill" not in notebook.metadata
        assert not any(key in cell.metadata for cell in notebook.cells for key in render.VOLATILE_CELL_METADATA)
        text = path.read_text()
        assert str(ROOT) not in text and "/tmp/" not in text, f"{path.name} holds an absolute path"


def _with_widgets(model_ids: list[str], *, created_backwards: bool = False):
    first, second = model_ids
    notebook = new_notebook(cells=[new_code_cell("box", id="box", execution_count=1, metadata={
        "papermill": {"duration": 1.2, "start_time": "2025-11-25T12:00:00"},
        "execution": {"iopub.execute_input": "2025-11-25T12:00:00.1Z"}})])
    notebook.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "VBox()", "application/vnd.jupyter.widget-view+json": {"model_id": first, "version_major": 2}})]
    notebook.metadata["papermill"] = {"input_path": "/home/someone/notebooks/x.ipynb", "duration": 3.1}
    models = [(first, {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{second}"]}}),
              (second, {"model_name": "DropdownModel", "state": {"index": 0}})]
    state = dict(models[::-1] if created_backwards else models)
    notebook.metadata["widgets"] = {render.WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": state}}
    return notebook


def test_cleaning_drops_timings_and_makes_widget_ids_stable_and_still_linked():
    one = render.clean(_with_widgets(["a" * 32, "b" * 32]), "02_actors")
    two = render.clean(_with_widgets(["c" * 32, "d" * 32], created_backwards=True), "02_actors")
    assert json.dumps(one) == json.dumps(two), "two runs of the same code give the same notebook"
    assert "papermill" not in one.metadata and set(one.cells[0].metadata) == set()
    state = one.metadata["widgets"][render.WIDGET_STATE]["state"]
    first, second = state
    assert one.cells[0].outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"] == first
    assert state[first]["state"]["children"] == [f"IPY_MODEL_{second}"]
    assert render.clean(_with_widgets(["a" * 32, "b" * 32]), "04_timeline").metadata.widgets != one.metadata.widgets


def test_a_line_printed_in_pieces_is_stored_as_one_stream():
    cell = new_code_cell("print('x')", outputs=[nbformat.v4.new_output("stream", name="stdout", text=text)
                                               for text in ("No event", " to show.", "\n")])
    cell.outputs.append(nbformat.v4.new_output("stream", name="stderr", text="careful\n"))
    cleaned = render.clean(new_notebook(cells=[cell]), "x").cells[0].outputs
    assert [(output.name, output.text) for output in cleaned] == [("stdout", "No event to show.\n"),
                                                                  ("stderr", "careful\n")]


def test_the_injected_parameters_cell_gets_a_fixed_id():
    notebook = new_notebook(cells=[new_code_cell("actor = 'x'", metadata={"tags": ["injected-parameters"]})])
    assert render.clean(notebook, "x").cells[0].id == "injected-parameters"


def test_a_failing_cell_names_notebook_cell_and_error_and_keeps_the_partial_run(tmp_path):
    source = write_notebook(tmp_path / "05_broken.ipynb", "numbers = [1, 2]\nprint(sum(numbers))", "1 / 0",
                            "print('never')")
    target = tmp_path / "out" / "05_broken.ipynb"
    with pytest.raises(render.RenderError) as error:
        render.execute(source, target, {})
    assert str(error.value).startswith(  # the notebook's own numbering, not papermill's (one cell more)
        "05_broken.ipynb: code cell 2 `1 / 0` failed: ZeroDivisionError: division by zero")
    assert str(error.value).endswith("(partly executed notebook kept at build/render-failed/05_broken.ipynb)")
    kept = nbformat.read(render.FAILED_DIR / "05_broken.ipynb", as_version=4)
    code = [cell for cell in kept.cells if cell.cell_type == "code"]
    assert code[0].outputs[0]["text"] == "3\n" and code[1].outputs[0]["ename"] == "ZeroDivisionError"
    assert code[2].outputs == []


def test_html_is_static_and_loads_nothing(tmp_path):
    """A report has no kernel: no widget state, no widget renderer, no script from anywhere."""
    notebook = render.clean(_with_widgets(["a" * 32, "b" * 32]), "x")
    render.export_html(notebook, tmp_path / "x.html")
    page = (tmp_path / "x.html").read_text()
    assert re.findall(r"<script[^>]*\bsrc=", page) == [] and "widgetRendererSrc" not in page
    assert "mathjax" not in page.lower() and "mermaid.esm" not in page
    assert "widget-state+json" not in page


def test_the_index_links_each_notebook_and_escapes_what_it_shows(tmp_path):
    done = [render.Rendered("01_corpus", "What is <in> the corpus?", "Which articles & why.", 2.5, {"articles": "0*"})]
    page = render.write_index(done, tmp_path, 2.6).read_text()
    assert "<a href='01_corpus.html'>What is &lt;in&gt; the corpus?</a>" in page
    assert "Which articles &amp; why." in page and "rendered in 2.5 s with articles=&#x27;0*&#x27;" in page
    assert "<a href='01_corpus.ipynb'>notebook</a>" in page and "1 notebook(s) rendered " in page


def test_a_notebook_is_described_by_its_heading_and_first_sentence(tmp_path):
    notebook = nbformat.read(write_notebook(tmp_path / "x.ipynb"), as_version=4)
    assert render.describe(notebook) == ("A small notebook", "It exists for a test.")


RENDEZVOUS = """import pathlib, time
here = pathlib.Path({folder!r})
(here / "{own}.started").touch()
for _ in range(600):  # a minute at most: long enough for a kernel to start beside this one
    if (here / "{other}.started").exists():
        break
    time.sleep(0.1)
print((here / "{other}.started").exists())"""


def test_notebooks_run_side_by_side_and_come_back_in_their_order(tmp_path):
    # Each notebook waits for the other to start: run one after the other, the first would give
    # up and print False. (Every machine this runs on has two cores.)
    paths = [write_notebook(tmp_path / f"0{n}_{own}.ipynb", RENDEZVOUS.format(folder=str(tmp_path), own=own,
                                                                              other=other))
             for n, (own, other) in enumerate([("a", "b"), ("b", "a")], start=1)]
    done = render.side_by_side(lambda path: render.execute(path, tmp_path / "out" / path.name, {}), paths,
                               "testing", False, at_once=True)
    assert [notebook.cells[1].outputs[0]["text"] for notebook in done] == ["True\n", "True\n"]
    assert [notebook.cells[1].source.split('"')[1] for notebook in done] == ["a.started", "b.started"]  # in order


def test_only_notebooks_given_extracted_tables_run_side_by_side(tmp_path):
    tables, articles = tmp_path / "tables", tmp_path / "articles"
    tables.mkdir()
    articles.mkdir()
    (tables / "tables.json").write_text("{}")
    (articles / "one.txt").write_text("An article.")
    assert render._reads_tables([{"data_dir": str(tables)}, {"data_dir": str(tables), "top_n": 5}])
    assert not render._reads_tables([{"data_dir": str(tables)}, {"data_dir": str(articles)}])  # they extract
    assert not render._reads_tables([{"data_dir": str(tables)}, {}])  # the default: the bundled articles
