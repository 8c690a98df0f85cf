"""``invoke serve --watch``: one process serves the site and publishes each change to the
sources or the theme, and what it publishes is what a build from nothing gives."""
from __future__ import annotations

import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, SOURCES, run_ingest
from plugins.serve import LIVE
from site_helpers import build_site
from test_build import files, same_files

WAIT = 300  # seconds for a build of the samples on a slow, busy machine: a bound, not a speed


class Watcher:
    """``python -m plugins.watch`` run on a folder of its own, its output read line by line."""

    def __init__(self, work, *extra):
        self.work, self.lines = work, queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plugins.watch", *extra, "--sources", str(work / "sources"),
             "--content", str(work / "content"), "--output", str(work / "output"), "--cache", str(work / "cache"),
             *([] if "--port" in extra else ["--port", "0"])], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.address = None

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def next(self, *endings: str) -> str:
        """The next line that starts with one of ``endings`` (what came before it is
        passed over, and kept for the message if none comes)."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"none of {endings} within {WAIT} s; the watcher said:\n{''.join(seen)}")
            seen.append(line)
            if line.startswith("serving "):
                self.address = line.split(" on ")[1].split()[0].rstrip("/")
            if line.startswith(endings):
                return line

    def published(self) -> dict:
        self.next("published in ")
        return files(self.work / "output")

    def get(self, path: str) -> bytes:
        """The file at ``path`` as served; a page, without the script the server adds to
        each (which it must add, once)."""
        with urllib.request.urlopen(self.address + path, timeout=30) as response:
            served = response.read()
        script = re.compile(re.escape(LIVE).replace("%s", r"\d+").encode())
        if path.endswith(".html"):
            assert len(script.findall(served)) == 1
        return script.sub(b"", served)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


@pytest.fixture
def watcher(tmp_path):
    running = []
    yield lambda *extra: running.append(Watcher(tmp_path, *extra)) or running[-1]
    for each in running:
        if each.process.poll() is None:
            each.stop()


def test_a_gazette_put_in_is_published_as_a_build_from_nothing_and_taken_out_again(tmp_path, watcher):
    shutil.copytree(SOURCES, tmp_path / "sources")
    held = sorted((tmp_path / "sources").iterdir())[0]
    held = held.rename(tmp_path / held.name)
    watching = watcher()
    first = watching.published()
    watching.next("serving ")
    assert watching.get("/index.html") == first["index.html"]

    shutil.copytree(held, tmp_path / "sources" / held.name)
    second = watching.published()
    assert run_ingest(tmp_path / "sources", tmp_path / "content-cold").returncode == 0
    cold = build_site(tmp_path / "content-cold", tmp_path / "output-cold", ROOT, sources=tmp_path / "sources")
    same_files(tmp_path / "output", cold)
    new_pages = sorted(name for name in second.keys() - first.keys() if name.endswith(".html"))
    assert new_pages, "the new issue's documents have pages"
    assert watching.get("/" + new_pages[0]) == second[new_pages[0]]  # served from the new site

    shutil.rmtree(tmp_path / "sources" / held.name)
    third = watching.published()
    report = ("qa.html", "data/qa.json", "data/qa.csv")  # these tell the maintainer what was removed
    assert {k: v for k, v in third.items() if k not in report} == {k: v for k, v in first.items() if k not in report}
    assert held.name in third["qa.html"].decode() and held.name not in first["qa.html"].decode()
    watching.stop()
    assert watching.process.returncode == 0
    with pytest.raises(urllib.error.URLError):  # the server stopped with it
        watching.get("/index.html")


def test_a_broken_template_is_reported_the_last_site_stays_served_and_the_fix_is_published(tmp_path, watcher, browser):
    shutil.copytree(SOURCES / "jincheng", tmp_path / "sources" / "jincheng")
    theme = shutil.copytree(ROOT / "themes" / "gazette", tmp_path / "theme")
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"THEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    watching = watcher(str(settings))
    before = watching.published()
    watching.next("serving ")
    base = theme / "templates" / "base.html"
    template = base.read_text(encoding="utf-8")
    base.write_text(template.replace("{% endblock %}", "{% endblock %", 1), encoding="utf-8")
    watching.next("not published")
    assert files(tmp_path / "output") == before
    assert watching.get("/index.html") == before["index.html"]

    page = browser.new_page()
    page.goto(watching.address + "/index.html")
    base.write_text(template.replace("</body>", '<p id="mended">mended</p>\n</body>'), encoding="utf-8")
    assert '<p id="mended">' in watching.published()["index.html"].decode()
    page.wait_for_selector("#mended", timeout=30_000)  # the open page loaded the new site itself
    page.close()


def test_a_port_already_taken_is_said_and_the_watch_ends(tmp_path, watcher):
    shutil.copytree(SOURCES / "jincheng", tmp_path / "sources" / "jincheng")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        watching = watcher("--port", str(taken.getsockname()[1]))
        watching.published()
        assert "choose another --port" in watching.next(f"127.0.0.1:{taken.getsockname()[1]}: ")
        assert watching.process.wait(timeout=60) == 1


def test_a_change_to_the_settings_starts_the_watch_again_with_them(tmp_path, watcher):
    shutil.copytree(SOURCES / "jincheng", tmp_path / "sources" / "jincheng")
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    watching = watcher(str(settings))
    assert "重启之后的档案" not in watching.published()["index.html"].decode()
    watching.next("serving ")
    settings.write_text(settings.read_text(encoding="utf-8") + "SITENAME = '重启之后的档案'\n", encoding="utf-8")
    watching.next("the code or the settings changed")
    assert "重启之后的档案" in watching.published()["index.html"].decode()  # the new process read them
    watching.next("serving ")
    assert "重启之后的档案" in watching.get("/index.html").decode()
