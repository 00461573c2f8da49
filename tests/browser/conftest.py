"""Browser fixtures: a real `warlog serve` app on a free local port, its store filled by the
real extractor (the shared sample, two outlets' reports of one Malian ambush written for
these tests, and a hostile document), and Debian's chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium, which `make test`
installs from Debian's packages. The tests skip, saying why, when chromium or the UI's npm
packages are missing (a bare `pytest` outside `make test`)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags chromium keeps trying to reach Google's services,
# which an offline machine refuses; the tests also check no request leaves the server.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

MALI_REPORT = """\
Mali : une embuscade meurtrière près de Boni

BAMAKO, 15 mars 2022 — Des hommes armés ont tendu une embuscade lundi à un convoi de l'armée \
malienne entre Boni et Hombori, dans la région de Mopti, tuant huit soldats, a annoncé \
l'état-major dans un communiqué. Quatre autres militaires ont été blessés.

Mardi matin, des affrontements ont opposé les Forces armées maliennes à des combattants du \
Groupe de soutien à l'islam et aux musulmans (JNIM) près de Douentza. Selon une source \
sécuritaire, une vingtaine d'assaillants auraient été tués.
"""

# The same ambush told by another outlet, with another toll: merged with the first report.
MALI_SECOND_REPORT = """\
Neuf militaires maliens ont été tués lundi dans une embuscade tendue par des hommes armés \
contre leur convoi sur l'axe Boni-Hombori, dans la région de Mopti, selon une source \
sécuritaire locale.
"""

HOSTILE_TEXT = """\
Des hommes armés ont attaqué mardi le village de Tessit, tuant trois civils, selon un élu \
local. <script>window.__pwned = "script"</script> Le texte contient aussi \
<img src="x" onerror="window.__pwned = 'onerror'"> et un lien <a href="javascript:window.__pwned='link'">ici</a>.
"""
HOSTILE_META = {"title": "<img src=x onerror=\"window.__pwned='title'\">Titre piégé",
                "outlet": "<b onmouseover=\"window.__pwned='outlet'\">Outlet</b>",
                "url": "javascript:window.__pwned='url'"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory, shared_dir, sy_gazetteer):
    """A SQLite store holding the sample, two reports of the Malian ambush and the hostile document, as
    `warlog ingest` would store them (real extraction, Syrian villages imported)."""
    from warlog.ingest import RawDocument
    from warlog.pipeline import Extractor
    from warlog.store import EXTRACTION_VERSION, Store

    db = tmp_path_factory.mktemp("ui") / "warlog.db"
    sample = (shared_dir / "samples" / "hama-2019-06.txt").read_text(encoding="utf-8")
    raws = [
        RawDocument(text=sample, path="hama-2019-06.txt", title=None, url=None, outlet=None,
                    published=date(2019, 6, 8), language="fr"),
        RawDocument(text=MALI_REPORT, path="mali-boni.txt", title="Mali : embuscade près de Boni",
                    url="https://example.org/mali-boni", outlet="Test wire",
                    published=date(2022, 3, 15), language="fr"),
        RawDocument(text=MALI_SECOND_REPORT, path="mali-boni-2.txt",
                    title="Embuscade meurtrière sur l'axe Boni-Hombori", url=None,
                    outlet="Second test outlet", published=date(2022, 3, 15), language="fr"),
        RawDocument(text=HOSTILE_TEXT, path="hostile.txt", published=date(2023, 5, 10),
                    language="fr", **HOSTILE_META),
    ]
    extractor = Extractor(gazetteer=sy_gazetteer)
    with Store.open(str(db)) as store:
        for raw in raws:
            store.add(extractor.process(raw), raw.text, EXTRACTION_VERSION)
    return str(db)


@pytest.fixture(scope="session")
def server(ui_store):
    """Base URL of `warlog serve` on the filled store, in a thread of this process."""
    import uvicorn

    from warlog.serve import create_app
    from warlog.serve.ui import missing_vendor_files

    missing = missing_vendor_files()
    if missing:
        pytest.skip(f"the web UI's npm packages are not installed ({', '.join(missing)}): "
                    f"run `make install`")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ui_store, token=""), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("warlog serve did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}: `make test` installs it "
                    f"(apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A Playwright page on the UI that remembers every request and page error."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Nothing may leave the machine; were the page to try, fail fast instead of waiting.
        page.route(lambda url: not url.startswith(base), lambda route: route.abort())

    def open(self, fragment: str = ""):
        self.page.goto(f"{self.base}/{fragment}")
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return self.page

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base)]


@pytest.fixture
def ui(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = Page(context.new_page(), server)
    yield page
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
