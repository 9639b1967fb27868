"""The Browser guide played as a user plays it: headless Chromium (Debian's `chromium`, driven
by Playwright) opens Neo4j Browser on the suite's server, connects, loads the style, plays the
guide from the API, and on every slide clicks each runnable block and runs it.

It fails on an error, on a query slide whose result shows no rows, and on a slide the guide
marks as drawn that draws no graph with readable captions. Screenshots of every slide's
result stay in var/browser-guide/ (docs/browser.md shows two of them).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
import uvicorn
from checkout import PROJECT_ROOT
from neo4j import Driver
from playwright.sync_api import Locator, Page, sync_playwright

from actorgraph.queries import CannedQuery, catalogue
from actorgraph.settings import Settings
from api.main import create_app

pytestmark = pytest.mark.neo4j

CHROMIUM = "/usr/bin/chromium"
# Chromium on a closed network: no calls home, no first-run pages, no sandbox as root.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT_ROOT / "var" / "browser-guide"
# A query's frame is done when its status bar says how it streamed, or it shows an error.
RESULT_TIMEOUT_MS = 30_000
STREAMED = re.compile(r"Started streaming (\d+) records?")
# The graph view's status bar counts what it draws instead.
DRAWN = re.compile(r"Displaying (\d+) nodes?")
DONE = re.compile(
    r"Started streaming \d+ records?|Displaying \d+ nodes?|no changes, no records"
    r"|Neo\.\w+Error|ERROR"
)
RAW_ID = re.compile(r"^[a-z_]+-\d{4}-")


@dataclass(frozen=True)
class Slide:
    number: int  # as the carousel counts them, from 1
    query: CannedQuery


@pytest.fixture(scope="module")
def playwright_page() -> Iterator[Page]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"no {CHROMIUM}: install Debian's chromium (`apt-get install chromium`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield page
        browser.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def browser_url(test_settings: Settings) -> str:
    """Neo4j Browser on the suite's server; on a server of NEO4J_TEST_URI, where
    NEO4J_TEST_BROWSER_URL says (http://127.0.0.1:PORT/browser/)."""
    if test_settings.uses_local_server:
        return f"http://127.0.0.1:{test_settings.actorgraph_http_port}/browser/"
    given = os.environ.get("NEO4J_TEST_BROWSER_URL")
    if not given:
        pytest.skip("NEO4J_TEST_URI is set: say where its Browser is in NEO4J_TEST_BROWSER_URL")
    return given


@pytest.fixture(scope="module")
def api_url(seeded: Driver, test_settings: Settings, browser_url: str) -> Iterator[str]:
    """The API over the seed, served over HTTP on 127.0.0.1 (Browser fetches the guide and
    the style from it, so CORS must allow Browser's origin) until the module ends."""
    browser_port = urlparse(browser_url).port or 80
    settings = test_settings.model_copy(update={"actorgraph_http_port": browser_port})
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=free_port(), log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the API did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


def run_in_editor(page: Page, text: str) -> None:
    page.locator("[data-testid=activeEditor]").click()
    page.keyboard.type(text)
    run_editor(page)


def run_editor(page: Page) -> None:
    """Run what the editor holds, and wait for its frame to come out on top."""
    frames = page.locator("[data-testid=frame]")
    before = frames.count()
    page.click("[data-testid=editor-Run]")
    deadline = time.monotonic() + RESULT_TIMEOUT_MS / 1000
    while frames.count() <= before:
        assert time.monotonic() < deadline, "Browser made no frame for the command"
        time.sleep(0.1)


def connect(page: Page, url: str, settings: Settings) -> None:
    page.goto(f"{url}?{urlencode({'dbms': settings.bolt_uri})}")
    method = "[data-testid=authenticationMethod]"
    page.wait_for_selector(method, timeout=RESULT_TIMEOUT_MS)
    if settings.neo4j_password is None:
        page.select_option(method, "NO_AUTH")
    else:
        # The fields appear once the method is chosen, even the one shown as chosen.
        page.select_option(method, "NO_AUTH")
        page.select_option(method, "NATIVE")
        page.fill("[data-testid=username]", settings.neo4j_user)
        password = settings.neo4j_password.get_secret_value()
        page.fill("[data-testid=password]", password)
    page.click("[data-testid=connect]")
    page.wait_for_selector("text=You are connected", timeout=RESULT_TIMEOUT_MS)


@pytest.fixture(scope="module")
def guide(playwright_page: Page, browser_url: str, api_url: str, test_settings: Settings) -> Page:
    """Browser connected, the style loaded and the guide playing on its first slide."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    page = playwright_page
    connect(page, browser_url, test_settings)
    # Browser keeps 30 frames by default, dropping the oldest: the guide among them.
    run_in_editor(page, ":config maxFrames: 500")
    run_in_editor(page, f":style {api_url}/browser/style.grass")
    run_in_editor(page, f":play {api_url}/browser/guide")
    page.wait_for_selector("[data-testid=carousel] .slide", timeout=RESULT_TIMEOUT_MS)
    page.screenshot(path=SCREENSHOTS / "00-guide.png")
    return page


def slides() -> list[Slide]:
    # The guide's order: an opening slide, then one per canned query in catalogue order.
    return [Slide(n, query) for n, query in enumerate(catalogue().values(), start=2)]


def play(page: Page, slide: Slide) -> Locator:
    """Go to the slide, click each runnable block in turn and run it; the last frame."""
    carousel = page.locator("[data-testid=carousel]")
    carousel.locator(f'li[aria-label="{slide.number}"]').click()
    shown = carousel.locator(".slide")
    assert slide.query.title in shown.inner_text(), "the slide is not the query's"
    blocks = shown.locator("pre.runnable")
    assert blocks.count() == 2, "a slide has its :param line and its query, apart"
    for index in range(blocks.count()):
        carousel.locator(".slide pre.runnable").nth(index).click()
        run_editor(page)
    frame = page.locator("[data-testid=frame]").first
    deadline = time.monotonic() + RESULT_TIMEOUT_MS / 1000
    # The status bar is there before the result: it is done when it says how it ended.
    while not DONE.search(frame.inner_text()):
        assert time.monotonic() < deadline, f"{slide.query.name}: no result in time"
        time.sleep(0.1)
    return frame


def node_captions(frame: Locator) -> list[str]:
    """Each drawn node's caption, its lines joined by a space."""
    captions: list[str] = frame.locator("svg g.node").evaluate_all(
        "nodes => nodes.map(n => [...n.querySelectorAll('text')]"
        ".map(t => t.textContent.trim()).filter(Boolean).join(' '))"
    )
    return captions


def shot(page: Page, slide: Slide) -> Path:
    path = SCREENSHOTS / f"{slide.number:02d}-{slide.query.name}.png"
    page.screenshot(path=path)
    return path


def test_the_guide_promises_at_least_four_drawn_graphs() -> None:
    drawn = [s.query.name for s in slides() if s.query.view == "graph"]
    assert len(drawn) >= 4, drawn


@pytest.mark.parametrize("slide", slides(), ids=lambda s: s.query.name)
def test_every_slide_run_as_written_shows_its_rows(guide: Page, slide: Slide) -> None:
    frame = play(guide, slide)
    picture = shot(guide, slide)
    text = frame.inner_text()
    assert not re.search(r"Neo\.\w+Error|ERROR", text), f"{slide.query.name}: {text} ({picture})"
    assert "multi-statement" not in text.lower() and "SUCCESS" not in text, picture
    streamed = STREAMED.search(text) or DRAWN.search(text)
    assert streamed, f"{slide.query.name}: no result in the frame ({picture}): {text[:300]}"
    assert int(streamed[1]) > 0, f"{slide.query.name} showed no rows ({picture})"
    if slide.query.view == "graph":
        nodes = frame.locator("svg g.node")
        # The status bar can come before the drawing: give the layout its time.
        deadline = time.monotonic() + RESULT_TIMEOUT_MS / 1000
        while nodes.count() <= 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        picture = shot(guide, slide)
        assert nodes.count() > 1, f"{slide.query.name} drew no graph ({picture})"
        captions = node_captions(frame)
        # Readable: no blank, no internal number, no cut id such as "call-2022-03-0…".
        unreadable = [c for c in captions if not c or c.isdigit() or RAW_ID.match(c)]
        assert not unreadable, (picture, unreadable)


def test_an_interaction_in_a_drawn_graph_reads_as_its_type_and_date(guide: Page) -> None:
    (ego,) = [s for s in slides() if s.query.name == "ego_graph"]
    frame = play(guide, ego)
    shot(guide, ego)
    captions = set(node_captions(frame))
    # Macron's calls of the seed, each by its day: ten calls with Putin no longer look alike.
    assert {"call 2022-03-03", "call 2022-03-06", "call 2022-03-12"} <= captions, captions
    roles = {r.strip() for r in frame.locator("svg g.relationship text").all_text_contents()}
    assert {"participant", "mediator"} & roles, roles
