"""Rendering the notebooks into a report: execute with papermill, export HTML, write an index.

A report must be reproducible and readable offline. So volatile metadata (timestamps, durations,
absolute paths) is stripped, the random ids of widget models in the committed notebooks are
replaced by ids derived from the notebook's name, and the HTML is static: it loads no script (the
explorers show their default choice as HTML when a report is rendered, see ``explorer.py``).

Over 300 lines on purpose: execution, HTML export and the index are one all-or-nothing
step around one staging folder.
"""
from __future__ import annotations

import copy
import datetime as dt
import html
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
import papermill
from jupyter_client.manager import KernelManager
from nbconvert import HTMLExporter
from nbformat import NotebookNode
from papermill.exceptions import PapermillExecutionError

from analysis.notebook.select import WARNING
from analysis.paths import (
    BUILD_DIR,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    ROOT,
    STAGING_VARIABLE,
    resolve,
    shown,
)
from analysis.workbook.store import MANIFEST, replace_folder

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; a cell that runs longer is stuck, not slow
FIGURES_PARAMETER = "figures_dir"
FAILED_DIR = BUILD_DIR / "render-failed"  # where a notebook that failed to render is kept, as far as it ran
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VOLATILE_CELL_METADATA = ("papermill", "execution")
# The lab template without MathJax, Mermaid and RequireJS, which it would load from a CDN (no
# report needs them: it is static HTML).
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
{% block html_head_js_requirejs %}{% endblock html_head_js_requirejs %}
"""


class RenderError(RuntimeError):
    """A notebook could not be rendered; the message names the notebook, the cell and the error."""


def warnings(notebook: NotebookNode) -> list[str]:
    """The lines a notebook printed as warnings (``select.WARNING``), for the terminal."""
    return [line for cell in notebook.cells for output in cell.get("outputs", [])
            if output.get("output_type") == "stream" for line in output.get("text", "").splitlines()
            if line.startswith(WARNING)]


@dataclass(frozen=True)
class Rendered:
    name: str
    title: str
    summary: str
    seconds: float
    parameters: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def find_notebooks(name: str | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Every numbered notebook in reading order, or the one called ``name`` (``02``,
    ``02_actors`` or ``02_actors.ipynb``)."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if name is None:
        return found
    stem = name.removesuffix(".ipynb")
    chosen = [path for path in found if path.stem == stem or path.stem.split("_", 1)[0] == stem]
    if not chosen:
        stems = [path.stem for path in found]
        raise RenderError(f"no notebook called {name!r} in {shown(folder)}; the notebooks are: {', '.join(stems)}")
    return chosen


def parse_value(text: str) -> object:
    """A ``-p KEY VALUE`` value: JSON when it parses (numbers, null, true, lists), else the text
    itself, so ``-p actor Peskov`` needs no quoting but ``-p articles '["a", "b"]'`` is a list."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def route_parameters(paths: list[Path], parameters: dict[str, object]) -> dict[Path, dict[str, object]]:
    """Each notebook gets only the parameters it declares, so ``-p actor X`` can be given for the
    whole report; a parameter no notebook declares is a typo and an error."""
    declared = {path: set(papermill.inspect_notebook(str(path))) for path in paths}
    every = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(parameters) - every)
    if unknown:
        raise RenderError(f"unknown parameter(s) {', '.join(unknown)}; the notebooks take: {', '.join(sorted(every))}")
    return {path: {key: value for key, value in parameters.items() if key in names}
            for path, names in declared.items()}


def render(paths: list[Path], parameters: dict[str, object], out: Path, *, progress: bool = False) -> list[Rendered]:
    """Execute each notebook (executed .ipynb + HTML + figures) and write ``index.html``, all into
    a staging folder that replaces ``out`` only when every notebook rendered: a failure leaves the
    previous reports whole, never a mix of new and old pages."""
    out = resolve(out)
    if out != REPORTS_DIR:
        parameters = {FIGURES_PARAMETER: shown(out / "figures"), **parameters}
    routed = route_parameters(paths, parameters)
    rendered: list[Rendered] = []

    def fill(staging: Path) -> None:
        started = time.perf_counter()

        def one(path: Path) -> Rendered:
            began = time.perf_counter()
            notebook = execute(path, staging / path.name, routed[path])
            export_html(notebook, staging / f"{path.stem}.html")
            title, summary = describe(notebook)
            return Rendered(path.stem, title, summary, time.perf_counter() - began, routed[path],
                            tuple(warnings(notebook)))

        with _staging(out, staging):
            rendered.extend(side_by_side(one, paths, "rendering", progress, _reads_tables(routed.values())))
        write_index(rendered, staging, time.perf_counter() - started)

    replace_folder(out, fill)
    return rendered


def _reads_tables(parameters: Iterable[dict[str, object]]) -> bool:
    """Whether every notebook is given extracted tables (a ``data_dir`` with a manifest): those only
    read files, so they may run side by side. Notebooks that extract articles share the cache and
    wait for each other's lock, which would show in their output, so they run one after another."""
    folders = [resolve(str(given["data_dir"])) if "data_dir" in given else None for given in parameters]
    return all(folder is not None and (folder / MANIFEST).is_file() for folder in folders)


@contextmanager
def _staging(final: Path, staging: Path):
    """While notebooks run, files they mean for ``final`` go to ``staging`` (``paths.written_to``);
    their kernels inherit the setting."""
    previous = os.environ.get(STAGING_VARIABLE)
    os.environ[STAGING_VARIABLE] = f"{final.resolve()}{os.pathsep}{staging.resolve()}"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(STAGING_VARIABLE, None)
        else:
            os.environ[STAGING_VARIABLE] = previous


def refresh(paths: list[Path], scratch: Path = BUILD_DIR / "notebooks", *, progress: bool = False) -> list[Rendered]:
    """Re-execute notebooks in place with their default parameters (the bundled articles), so
    committed outputs are exactly what the code produces now; a failure leaves the source as it
    was and the partial run in ``scratch``."""
    def one(path: Path) -> Rendered:
        began = time.perf_counter()
        notebook = execute(path, scratch / path.name, {})
        return Rendered(path.stem, *describe(notebook), time.perf_counter() - began)

    rendered = side_by_side(one, paths, "refreshing", progress, at_once=False)
    for path in paths:  # only once every notebook ran
        nbformat.write(nbformat.read(scratch / path.name, as_version=4), path)
    return rendered


def side_by_side(run: Callable[[Path], Rendered], paths: list[Path], label: str, progress: bool,
                 at_once: bool) -> list[Rendered]:
    """``run`` on each notebook, in the notebooks' order; ``at_once``: as many at a time as the
    machine has cores (each runs in a kernel of its own, a separate process). The first failure is
    raised once the notebooks already started have finished."""
    from tqdm.auto import tqdm

    workers = max(1, min(len(paths), os.cpu_count() or 1)) if at_once else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(tqdm(pool.map(run, paths), total=len(paths), desc=label, unit="notebook", disable=not progress))


def execute(path: Path, target: Path, parameters: dict[str, object]) -> NotebookNode:
    """Run one notebook with papermill from the project root and save it cleaned to ``target``,
    also when a cell fails (then as evidence, and a ``RenderError`` says where)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    sockets = tempfile.mkdtemp(prefix="kernel-")  # local sockets of its own: kernels run side by side
    kernel = KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(sockets, "ipc"))
    try:
        papermill.execute_notebook(str(path), str(target), parameters=parameters, kernel_name=KERNEL,
                                   cwd=str(ROOT), progress_bar=False, log_output=False,
                                   execution_timeout=CELL_TIMEOUT, km=kernel)
    except PapermillExecutionError as error:
        kept = FAILED_DIR / path.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(clean(nbformat.read(target, as_version=4), path.stem), kept)
        first_line = next((line for line in error.source.splitlines() if line.strip()), "")
        raise RenderError(f"{path.name}: code cell {_own_number(path, error.source)} `{first_line.strip()}` failed: "
                          f"{error.ename}: {error.evalue} (partly executed notebook kept at {shown(kept)})") from None
    finally:
        if kernel.has_kernel:  # papermill leaves a kernel it was handed running
            kernel.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    notebook = clean(nbformat.read(target, as_version=4), path.stem)
    nbformat.write(notebook, target)
    return notebook


def _own_number(path: Path, source: str) -> str:
    """The failing cell's number among the notebook's own code cells (papermill's execution count
    is one higher: it injects a cell of parameters)."""
    code = [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    return str(code.index(source) + 1) if source in code else "?"


def clean(notebook: NotebookNode, seed: str) -> NotebookNode:
    """Drop what changes from run to run without the analysis changing: papermill's timings and
    paths, nbclient's timestamps, the random id of the injected parameters cell, how a printed line
    happened to be split into stream messages, and the random ids of widget models."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        if cell.cell_type == "code":
            cell.outputs = _joined_streams(cell.outputs)
    return stable_widget_ids(notebook, seed)


def _joined_streams(outputs: list) -> list:
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if output.output_type == "stream" and previous is not None and previous.output_type == "stream" \
                and previous.name == output.name:
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def stable_widget_ids(notebook: NotebookNode, seed: str) -> NotebookNode:
    """Replace each widget model id by one derived from ``seed`` and the model's place in the
    widget tree (displayed widgets in cell order, then the models each refers to), and store the
    state in that order. Creation order is not used: it varies between runs."""
    widgets = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    state = widgets.get("state", {})
    if not state:
        return notebook
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in state and model_id not in order:
            order.append(model_id)
            for reference in _references(state[model_id].get("state", {})):
                visit(reference)

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            visit(output.get("data", {}).get(WIDGET_VIEW, {}).get("model_id", ""))
    order += sorted(set(state) - set(order), key=lambda model_id: json.dumps(state[model_id], sort_keys=True))
    widgets["state"] = {model_id: state[model_id] for model_id in order}
    text = json.dumps(notebook)
    for index, model_id in enumerate(order):
        text = text.replace(model_id, uuid.uuid5(uuid.NAMESPACE_URL, f"analysis-workbook/{seed}/{index}").hex)
    return nbformat.from_dict(json.loads(text))


def _references(value: object) -> list[str]:
    """Model ids a widget's state points to (``IPY_MODEL_<id>``), in a fixed order."""
    if isinstance(value, str):
        return [value.removeprefix("IPY_MODEL_")] if value.startswith("IPY_MODEL_") else []
    if isinstance(value, dict):
        return [found for key in sorted(value) for found in _references(value[key])]
    if isinstance(value, list):
        return [found for item in value for found in _references(item)]
    return []


def export_html(notebook: NotebookNode, target: Path) -> None:
    """Static HTML: no script is loaded (a report has no kernel, so it shows no widgets)."""
    notebook = copy.deepcopy(notebook)
    notebook.metadata.pop("widgets", None)
    exporter = HTMLExporter(extra_loaders=[jinja2.DictLoader({"report.html.j2": _TEMPLATE})],
                            template_file="report.html.j2")
    body, _resources = exporter.from_notebook_node(notebook, resources={"metadata": {"name": describe(notebook)[0]}})
    target.write_text(body, encoding="utf-8")


def describe(notebook: NotebookNode) -> tuple[str, str]:
    """Title (the first heading) and first sentence of the opening markdown cell."""
    opening = next((cell.source for cell in notebook.cells if cell.cell_type == "markdown"), "")
    lines = [line.strip() for line in opening.splitlines() if line.strip()]
    title = next((line.lstrip("#").strip() for line in lines if line.startswith("#")), "Untitled")
    prose = " ".join(line for line in lines if not line.startswith("#"))
    summary = prose.split(". ")[0].rstrip(".") + "." if prose else ""
    return title, summary


def write_index(rendered: list[Rendered], out: Path, seconds: float) -> Path:
    """``index.html``: one line per notebook, linking its HTML and executed notebook."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    items = "\n".join(
        f"<li><a href='{html.escape(item.name)}.html'>{html.escape(item.title)}</a> "
        f"<span>{html.escape(item.summary)}</span> <small>rendered in {item.seconds:.1f} s"
        f"{_parameters_note(item.parameters)}; <a href='{html.escape(item.name)}.ipynb'>notebook</a></small></li>"
        for item in rendered)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Export-policy workbook: reports</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}}
li{{margin-bottom:.6em}} span{{display:block;color:#444}} small{{color:#666}}</style>
</head>
<body>
<h1>Export-policy workbook</h1>
<p>{len(rendered)} notebook(s) rendered {stamp} in {seconds:.1f} s.</p>
<ol>
{items}
</ol>
</body>
</html>
"""
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def _parameters_note(parameters: dict) -> str:
    if not parameters:
        return ""
    return " with " + html.escape(", ".join(f"{key}={value!r}" for key, value in parameters.items()))
