"""End to end in a real browser: `streamlit run dashboard.py` on a free port, driven by
Playwright in Debian's Chromium at 1440x900. Upload and paste through the sidebar (a
dateless paste is asked for a date and flagged; a .png says why it is refused), filter and
share the URL, brush a period on the timeline and reload it, review two events in a row
without leaving Review, two tabs reviewing at once. Screenshots of every page go to
tests/artifacts/."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

from pipeline.store import corrections, queries
from pipeline.store.connection import connect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1440, "height": 900}
PAGES = ["Timeline", "Totals", "Evidence", "Articles", "Claims", "Review"]
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
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(server)
    idle(page)
    yield page
    page.close()


def idle(page, timeout: int = 60_000) -> None:
    """Wait until the script has run to the end."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(300)


def go(page, name: str) -> None:
    """Open a page from the navigation at the top."""
    page.get_by_role("link", name=name, exact=True).click()
    idle(page)


def shown(locator, timeout: int = 30_000) -> bool:
    """Whether what `locator` finds becomes visible: a page shows what an action gave once
    the server has stored it and the rerun has reached the browser, not at the click."""
    try:
        locator.wait_for(state="visible", timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def metric(page, label: str) -> str:
    block = page.locator('[data-testid="stMetric"]', has_text=label)
    return block.locator('[data-testid="stMetricValue"]').inner_text()


def table_rows(page) -> int:
    """Rows of the first table on the page (the grid's accessible row count, less its header)."""
    page.wait_for_selector("[aria-rowcount]", state="attached")
    return int(page.locator("[aria-rowcount]").first.get_attribute("aria-rowcount")) - 1


def set_reviewer(page, name: str) -> None:
    page.get_by_label("Your name (recorded with corrections)").fill(name)
    page.keyboard.press("Enter")
    idle(page)


def test_upload_shows_what_it_gave_and_a_filter_narrows_it_through_a_shareable_url(page):
    ARTIFACTS.mkdir(exist_ok=True)
    events_before = int(metric(page, "Events").replace(",", ""))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(FIXTURES / "upload_xai.txt"))
    idle(page)
    page.get_by_role("button", name="Add to the store").click()
    idle(page)
    assert shown(page.get_by_text("upload_xai.txt: 1 event found"))
    assert shown(page.get_by_text("What the upload gave"))
    assert shown(page.get_by_text("a new claim").first)
    assert int(metric(page, "Events").replace(",", "")) == events_before + 1
    page.screenshot(path=str(ARTIFACTS / "after-upload.png"))

    page.locator('[data-testid="stMultiSelect"]', has_text="Organization").click()
    page.keyboard.type("xAI")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    idle(page)
    assert "org=xAI" in page.url
    go(page, "Evidence")
    assert "org=xAI" in page.url and metric(page, "Events") == "1" and table_rows(page) == 1
    other = page.context.browser.new_page(viewport=VIEWPORT)
    other.goto(page.url)
    idle(other)
    assert metric(other, "Events") == "1"
    other.close()


def test_a_dateless_paste_asks_for_a_date_and_is_flagged_once_stored(page, server):
    page.get_by_text("…or paste an article").click()
    page.get_by_label("Headline").fill("Meta releases Llama 3.1")
    page.get_by_label("Article text").fill(
        "Meta Platforms on Tuesday released Llama 3.1. Llama 3.1 succeeds Llama 3, which Meta launched in April.")
    page.get_by_label("Headline").click()  # the text area hands its text over when it loses focus
    idle(page)
    assert shown(page.get_by_text("No date set"))  # the form asks for the article's date
    page.get_by_role("button", name="Add to the store").click()
    idle(page)
    assert shown(page.get_by_text("assumed: the article gives no date and none was set"))
    assert shown(page.get_by_text("Its date was assumed"))
    page.screenshot(path=str(ARTIFACTS / "dateless-paste.png"))
    stored = next(a for a in queries.load_articles(connect(SERVER_DBS[server]))
                  if a["source_name"] == "Meta releases Llama 3.1.txt")
    assert stored["published_source"] == "assumed"
    go(page, "Evidence")
    assert shown(page.get_by_text("rest on a date to check"))  # the flag, on every page that shows the event


def test_a_png_upload_says_why_it_is_refused(page):
    image = ARTIFACTS / "chart.png"
    ARTIFACTS.mkdir(exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(image))
    idle(page)
    assert shown(page.get_by_text("chart.png: has '.png'; supported: .html, .md, .pdf, .txt"))
    assert page.get_by_role("button", name="Add to the store").is_disabled()


def brush(page, start: float, end: float) -> None:
    """Drag across the timeline's strip from `start` to `end` (fractions of its width)."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    box = chart.bounding_box()
    left, width, y = box["x"] + 140, 700, box["y"] + 70  # the plot, right of its 110-pixel axis and padding
    page.mouse.move(left + width * start, y)
    page.mouse.down()
    page.mouse.move(left + width * (start + end) / 2, y, steps=5)
    page.mouse.move(left + width * end, y, steps=5)
    page.mouse.up()
    idle(page)
    idle(page)


def test_a_time_selection_narrows_headline_and_table_and_survives_a_reload_through_its_url(page):
    go(page, "Evidence")
    all_rows = table_rows(page)
    go(page, "Timeline")
    claims_before = metric(page, "Claims in view")
    brush(page, 0.3, 0.7)
    assert "period=" in page.url
    assert metric(page, "Claims in view") != claims_before
    narrowed = metric(page, "Claims in view")
    page.screenshot(path=str(ARTIFACTS / "time-selection.png"))
    go(page, "Evidence")
    assert "period=" in page.url and 0 < table_rows(page) < all_rows
    rows = table_rows(page)
    page.reload()
    idle(page)
    assert table_rows(page) == rows and "period=" in page.url
    go(page, "Timeline")
    assert metric(page, "Claims in view") == narrowed
    page.get_by_role("button", name="Clear the time selection").click()
    idle(page)
    assert "period=" not in page.url and metric(page, "Claims in view") == claims_before


def test_review_two_events_in_a_row_without_leaving_review(page, server):
    set_reviewer(page, "Cleo")
    go(page, "Review")
    review_url = page.url
    for step in range(2):
        if step:
            page.locator('[data-testid="stSelectbox"]', has_text="Event").first.click()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            idle(page)
        page.get_by_role("button", name="Reject this event").click()
        idle(page)
        assert shown(page.get_by_text("Event rejected"))
        assert page.url == review_url
        assert page.get_by_role("tab", name="Correct an event").get_attribute("aria-selected") == "true"
    page.screenshot(path=str(ARTIFACTS / "review-two-in-a-row.png"))
    log = corrections.load_corrections(connect(SERVER_DBS[server]))
    assert len({row["fingerprint"] for row in log if row["action"] == "reject" and row["author"] == "Cleo"}) == 2


def test_two_tabs_reject_different_events_and_both_land(browser, server):
    first, second = (browser.new_page(viewport=VIEWPORT) for _ in range(2))
    for tab, name, downs in ((first, "Ana", 2), (second, "Ben", 3)):  # past the events rejected above
        tab.goto(server + "/review")
        idle(tab)
        set_reviewer(tab, name)
        tab.locator('[data-testid="stSelectbox"]', has_text="Event").first.click()
        for _ in range(downs):
            tab.keyboard.press("ArrowDown")
        tab.keyboard.press("Enter")
        idle(tab)
    # both click at (nearly) the same moment
    first.get_by_role("button", name="Reject this event").click(no_wait_after=True)
    second.get_by_role("button", name="Reject this event").click(no_wait_after=True)
    idle(first)
    idle(second)
    assert shown(first.get_by_text("Event rejected")) and shown(second.get_by_text("Event rejected"))
    first.close()
    second.close()
    log = corrections.load_corrections(connect(SERVER_DBS[server]))
    rejections = [row for row in log if row["action"] == "reject" and row["author"] in ("Ana", "Ben")]
    assert {row["author"] for row in rejections} == {"Ana", "Ben"}
    assert len({row["fingerprint"] for row in rejections}) == 2


def test_totals_show_a_guidance_history_after_its_articles_are_uploaded(page):
    stories = sorted((FIXTURES / "guidance_stories").glob("*.txt"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in stories])
    idle(page)
    page.get_by_role("button", name="Add to the store").click()
    idle(page)
    page.goto(page.url.split("/")[0] + "//" + page.url.split("/")[2] + "/totals?org=Orion+Grid")
    idle(page)
    assert metric(page, "Capex 2025") == "$30.4B"  # the actual; the pledge is not in it
    page.locator('[data-testid="stSelectbox"]', has_text="Year").click()
    page.keyboard.type("2025")
    page.keyboard.press("Enter")
    idle(page)
    assert shown(page.get_by_text("Orion Grid 2025: latest guidance $29B-$31B (first reported 2025-07-30); actual $30.4B "
                                  "(reported 2026-01-28), within it."))
    guidance = page.locator('[data-testid="stVegaLiteChart"]').nth(1)
    guidance.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert guidance.locator("canvas, svg").count() >= 1
    assert shown(page.get_by_text("Commitments over the period they cover").first)
    guidance.screenshot(path=str(ARTIFACTS / "totals-guidance.png"))
    page.screenshot(path=str(ARTIFACTS / "totals-guidance-page.png"), full_page=True)


def test_every_page_at_1440_by_900_shows_no_error_and_is_saved_as_a_screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)
    go(page, "Articles")
    assert page.locator(".article-text mark").count() >= 1  # the article as text, its sentences highlighted
    assert page.locator(".article-text script").count() == 0
    for name in PAGES:
        go(page, name)
        assert page.locator('[data-testid="stException"]').count() == 0, name
        page.screenshot(path=str(ARTIFACTS / f"page-{name.lower()}.png"))
