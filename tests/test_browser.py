"""The notebooks as an analyst uses them: JupyterLab in Debian's chromium, driven by playwright.

A JupyterLab server (token auth, 127.0.0.1, a free port) serves a copy of the notebooks whose
``data_dir`` points at the bundled articles' tables (with hand-made extraction rows, see
test_views.py). Each notebook is opened, run cell by cell by JupyterLab itself, and checked for
error output; then an explorer's drop-down is changed and its passages must change with it.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis import render
from analysis.workbook.store import write_tables
from tests.test_views import hand_filled

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LAB_CONFIG = {  # quiet and local: no news feed, no update check, no extension manager talking to PyPI
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
               "extension_manager": "readonly", "expose_app_in_browser": True},
    "ServerApp": {"ip": "127.0.0.1", "open_browser": False, "port_retries": 0, "terminals_enabled": False,
                  "allow_root": True},  # CI runs as root; the server is bound to 127.0.0.1 and needs the token
}
CURRENT = """(path) => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const session = panel && panel.context && panel.context.path === path && panel.sessionContext.session;
    return session && session.kernel ? {panel, kernel: session.kernel} : null;
}"""
KERNEL_IDLE = f"""(path) => {{
    const current = ({CURRENT})(path);
    return Boolean(current) && current.kernel.status === 'idle';
}}"""
ALL_CELLS_RAN = f"""(path) => {{
    const current = ({CURRENT})(path);
    return Boolean(current) && current.kernel.status === 'idle' && current.panel.content.widgets
        .filter(cell => cell.model.type === 'code').every(cell => cell.model.executionCount !== null);
}}"""


@pytest.fixture(scope="module")
def browser_executable() -> Path:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed and could not be (`make browser` installs it as root)")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(workbook, tmp_path_factory):
    """A running JupyterLab on cleared copies of the notebooks; yields (base url, token, folder)."""
    folder = tmp_path_factory.mktemp("lab")
    tables = folder / "tables"
    write_tables(hand_filled(workbook).tables(), tables)
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    for path in render.find_notebooks():
        papermill.execute_notebook(str(path), str(notebooks / path.name), prepare_only=True, progress_bar=False,
                                   parameters={"data_dir": str(tables), "figures_dir": str(folder / "figures")})
        copy = nbformat.read(notebooks / path.name, as_version=4)
        copy.metadata.pop("widgets", None)
        for cell in copy.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(copy, notebooks / path.name)
    config = folder / "config"
    config.mkdir()
    (config / "jupyter_lab_config.json").write_text(json.dumps(LAB_CONFIG))
    notification = folder / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))  # no news prompt
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces")}
    log = (folder / "lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", f"--port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={notebooks}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _started(server, folder / "lab.log") and _answers(f"{url}/api/status?token={token}"),
                  60, f"JupyterLab to start (see {folder / 'lab.log'})")
        yield url, token, folder
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _started(server: subprocess.Popen, log: Path) -> bool:
    if server.poll() is not None:
        raise RuntimeError(f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-2000:]}")
    return True


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def page(browser_executable, lab):
    from playwright.sync_api import sync_playwright

    url, _token, _folder = lab
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(browser_executable), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        # Only the local server is reachable: a request elsewhere would mean a CDN or a tracker.
        outside: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                      else (outside.append(route.request.url), route.abort()))
        yield context.new_page()
        browser.close()
        assert [address for address in outside if not address.startswith("data:")] == []


def run_notebook(page, lab, name: str) -> None:
    url, token, folder = lab
    path = f"{name}.ipynb"
    page.goto(f"{url}/lab/tree/{path}?reset&token={token}")  # reset: no notebook left open from before
    page.wait_for_function(KERNEL_IDLE, arg=path, timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(500)  # let the run start before waiting for it to end
    page.wait_for_function(ALL_CELLS_RAN, arg=path, timeout=120_000, polling=250)
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.first.inner_text()
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("name", ["01_corpus", "03_stances"])
def test_a_notebook_runs_in_jupyterlab_without_errors(page, lab, name):
    run_notebook(page, lab, name)
    assert page.locator(".jp-OutputArea-output").count() > 5


@pytest.mark.parametrize(("name", "label", "expected"), [
    ("02_actors", "Dmitry Peskov (2 mentions)", "not at all a simple story."),
    ("04_export_policy_timeline", "3. Vučić calls early elections",
     "announced plans for early parliamentary elections"),
])
def test_an_explorer_redraws_when_its_dropdown_changes(page, lab, name, label, expected):
    run_notebook(page, lab, name)
    choice = page.locator(".widget-dropdown select").first
    choice.scroll_into_view_if_needed()
    passages = page.locator(".widget-html-content").first
    before = passages.inner_text()
    assert expected not in before
    choice.select_option(label=label)
    page.wait_for_function("([element, text]) => element.innerText !== text",
                           arg=[passages.element_handle(), before], timeout=30_000)
    assert expected in passages.inner_text()
    page.screenshot(path=str(lab[2] / f"{name}-explorer.png"))


def test_a_report_on_another_corpus_reads_well_in_the_browser(page, tmp_path):
    """What a reader of a rendered report sees, on real news that is not the bundled story: no
    missing-value markers, no traceback, undated events in their own lane, and no control that
    looks live but does nothing (a report has no kernel)."""
    from analysis.paths import WORLD_DEV_DIR

    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "analysis", "render", "-p", "data_dir",
                           str(WORLD_DEV_DIR / "articles"), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    reader = page.context.browser.new_page(viewport={"width": 1400, "height": 1000})  # no route: files only
    for path in render.find_notebooks():
        reader.goto((out / f"{path.stem}.html").as_uri())
        text = reader.inner_text("body")
        assert "<NA>" not in text and "NaT" not in text.split() and "Traceback" not in text, path.stem
        assert reader.locator("select, button, input").count() == 0, path.stem
        images = reader.locator("img")
        assert images.count() > 0 and all(images.nth(i).evaluate("img => img.naturalWidth > 0")
                                          for i in range(images.count())), path.stem
    reader.goto((out / "04_export_policy_timeline.html").as_uri())
    assert "undated, in their own lane" in reader.inner_text("body")
    days = reader.locator("td", has_text=re.compile(r"^\d{4}-\d\d-\d\d$"))
    assert days.count() > 0
    assert {days.nth(i).evaluate("td => getComputedStyle(td).whiteSpace") for i in range(days.count())} == {"nowrap"}
    reader.close()
