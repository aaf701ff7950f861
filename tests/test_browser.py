"""End to end in a real browser: `streamlit run dashboard.py` on a free port, driven by
Playwright in Debian's Chromium. Upload an article through the sidebar, see its event in
the table and a chart, apply a filter, review an event. Screenshots go to tests/artifacts/."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.store import corrections
from pipeline.store.connection import connect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
SERVER_DBS: dict[str, str] = {}  # the store each test server uses


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: scripts/test installs it (apt-get install -y chromium)"
    home = tmp_path_factory.mktemp("store")
    port = free_port()
    env = dict(os.environ, COMPUTE_LEDGER_DB=str(home / "events.db"), COMPUTE_LEDGER_SAMPLES=str(FIXTURES / "samples"))
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    SERVER_DBS[url] = str(home / "events.db")
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


def idle(page, timeout: int = 60_000) -> None:
    """Wait until the script has run to the end."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(300)


def metric(page, label: str) -> str:
    block = page.locator('[data-testid="stMetric"]', has_text=label)
    return block.locator('[data-testid="stMetricValue"]').inner_text()


def test_upload_shows_event_in_table_and_chart_and_filter_narrows_it(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(server)
    idle(page)
    events_before = int(metric(page, "Events").replace(",", ""))

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(FIXTURES / "upload_xai.txt"))
    idle(page)
    page.get_by_role("button", name="Add to the store").click()
    idle(page)
    assert page.get_by_text("upload_xai.txt: 1 event found").is_visible()
    assert int(metric(page, "Events").replace(",", "")) == events_before + 1

    # the chart: the timeline draws the new claim (its data holds the evidence sentence)
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()

    # the table
    page.get_by_role("tab", name="Evidence").click()
    page.wait_for_timeout(500)
    grid = page.locator('[data-testid="stDataFrame"]').first
    assert grid.is_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard-after-upload.png"), full_page=True)

    # a filter: choose the organization in the sidebar; the URL carries it
    page.locator('[data-testid="stMultiSelect"]', has_text="Organization").click()
    page.keyboard.type("xAI")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    idle(page)
    assert "org=xAI" in page.url
    assert metric(page, "Events") == "1"
    assert metric(page, "Organizations") == "1"
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)

    # the shared link opens the same view
    other = browser.new_page(viewport={"width": 1500, "height": 1000})
    other.goto(page.url)
    idle(other)
    assert metric(other, "Events") == "1"
    other.close()
    page.close()


def test_article_text_is_shown_as_text_with_highlights(server, browser):
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(server)
    idle(page)
    page.get_by_role("tab", name="Articles").click()
    page.wait_for_selector(".article-text mark", timeout=20_000)  # the tab renders its article
    marks = page.locator(".article-text mark")
    assert marks.count() >= 1
    assert page.locator(".article-text script").count() == 0
    page.close()


def reject_in_tab(page, name: str, pick_second: bool) -> None:
    page.get_by_label("Your name (recorded with corrections)").fill(name)
    page.keyboard.press("Enter")
    idle(page)
    page.get_by_role("tab", name="Review").click()
    page.wait_for_timeout(500)
    if pick_second:
        picker = page.locator('[data-testid="stSelectbox"]', has_text="Event").first
        picker.click()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        idle(page)
        page.get_by_role("tab", name="Review").click()
        page.wait_for_timeout(300)


def test_two_tabs_reject_different_events_and_both_land(server, browser):
    first = browser.new_page(viewport={"width": 1500, "height": 1000})
    second = browser.new_page(viewport={"width": 1500, "height": 1000})
    for page in (first, second):
        page.goto(server)
        idle(page)
    reject_in_tab(first, "Ana", pick_second=False)
    reject_in_tab(second, "Ben", pick_second=True)
    # both click at (nearly) the same moment
    first.get_by_role("button", name="Reject this event").click(no_wait_after=True)
    second.get_by_role("button", name="Reject this event").click(no_wait_after=True)
    idle(first)
    idle(second)
    assert first.get_by_text("Event rejected").is_visible()
    second.screenshot(path=str(ARTIFACTS / "dashboard-review.png"), full_page=True)
    first.close()
    second.close()

    log = corrections.load_corrections(connect(SERVER_DBS[server]))
    rejections = [row for row in log if row["action"] == "reject"]
    assert {row["author"] for row in rejections} == {"Ana", "Ben"}
    assert len({row["fingerprint"] for row in rejections}) == 2

