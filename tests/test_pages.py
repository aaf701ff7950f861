"""Each page of the dashboard driven by Streamlit's AppTest: the first run, filters and the
time selection through the URL and from page to page, charts read as their specs, tables,
the article view, adding articles (a date never invented, a refused file's reason, what an
upload gave) and review."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline import paths
from pipeline.extraction import sentences
from pipeline.store import ingest, queries, transaction
from pipeline.store.connection import connect
from pipeline.views.display import ASSUMED_DATE
from pipeline.views.reviewed import reviewed_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = {name: f"dashboard_pages/{name}.py" for name in ("timeline", "totals", "evidence", "articles", "claims", "review")}


@pytest.fixture(scope="module")
def built_store(tmp_path_factory) -> Path:
    """The three sample articles, stored once for the module."""
    path = tmp_path_factory.mktemp("built") / "events.db"
    ingest.ensure_samples(connect(path), FIXTURES / "samples")
    return path


@pytest.fixture
def db(tmp_path, built_store) -> Path:
    shutil.copy(built_store, tmp_path / "events.db")
    return tmp_path / "events.db"


@pytest.fixture
def app(db, monkeypatch):
    monkeypatch.setenv(paths.DB_ENV, str(db))
    monkeypatch.setenv(paths.SAMPLES_ENV, str(FIXTURES / "samples"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def on(at: AppTest, page: str) -> AppTest:
    """Switch to a page (as its link in the navigation does) and run it."""
    return at.switch_page(PAGES[page]).run()


def shown(markdown: str) -> str:
    """Text as a reader sees it: Markdown's escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def table(at) -> "pd.DataFrame":  # noqa: F821
    return at.dataframe[0].value


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def texts(at) -> list[str]:
    return [t.value for t in at.text]


def add_button(at):
    return next(b for b in at.sidebar.button if b.label == "Add to the store")


def test_first_run_builds_the_store_from_samples_and_shows_headline_figures(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "new.db"))
    monkeypatch.setenv(paths.SAMPLES_ENV, str(FIXTURES / "samples"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert queries.count_rows(connect(tmp_path / "new.db"))["articles"] == 3
    assert metrics(at)["Organizations"] == "2"
    # Meta's $60-65B counts at its low end, plus Alphabet's $75B plan and its $14.3B quarter;
    # the $80B in the page's related-links box and the market value are not spending.
    assert metrics(at)["Claimed spending in view"] == "$149.3B"


def test_timeline_draws_one_chart_with_its_brush_log_dollars_and_evidence_tooltips(app):
    at = app.run()
    [timeline] = specs(at)
    text = json.dumps(timeline)
    assert '"type": "log"' in text and '"field": "evidence"' in text and '"field": "article_title"' in text
    assert any(p["name"] == "period" for p in timeline["params"])
    chart = at.get("vega_lite_chart")[0]
    assert all(len(d.data.data) < 200_000 for d in chart.proto.datasets)  # claims, not the whole store


def test_a_filter_set_on_one_page_narrows_the_next_and_stays_in_the_url(app):
    at = app.run()
    at.multiselect(key="f_orgs").set_value(["Google"]).run()
    assert at.query_params["org"] == ["Google"] or at.query_params["org"] == "Google"
    at = on(at, "evidence")
    assert set(table(at)["Organization"]) == {"Google"}
    assert "Google" in str(at.query_params["org"])  # the page switch kept it in the URL
    next(b for b in at.sidebar.button if b.label == "Reset filters").click().run()
    assert len(set(table(at)["Organization"])) == 2 and "org" not in at.query_params


def test_filters_and_a_time_selection_from_the_url_apply_on_open(app):
    app.query_params["period"] = "2024-10-01..2024-12-31"
    at = app.run()
    assert metrics(at)["Claimed spending in view"] == "$14.3B"  # Alphabet's fourth quarter; the 2025 plans are later
    brush = next(p for p in specs(at)[0]["params"] if p["name"] == "period")
    assert brush["value"]["x"][0] == {"year": 2024, "month": 10, "date": 1, "utc": True}
    at = on(at, "evidence")
    assert set(table(at)["Organization"]) == {"Google"} and at.query_params["period"] == "2024-10-01..2024-12-31"
    next(b for b in at.sidebar.button if b.label == "Clear the time selection").click().run()
    assert "period" not in at.query_params and len(set(table(at)["Organization"])) == 2


def test_kind_chips_gives_sentences_instead_of_empty_charts(app):
    app.query_params["kind"] = "hardware"
    at = app.run()
    assert at.multiselect(key="f_kinds").value == ["hardware"]
    assert any("No model releases and no spending claims" in i.value for i in at.info)
    assert len(specs(at)[0].get("vconcat", [])) == 1  # the strip alone
    at = on(at, "totals")
    assert any("No spending claims" in i.value for i in at.info) and len(specs(at)) == 1


def test_evidence_table_shows_plain_sentences_and_kinds_by_name(app):
    at = on(app.run(), "evidence")
    evidence = table(at)
    assert set(evidence["Kind"]) <= {"Investment", "Chips", "Model release"}
    assert set(evidence["Status"]) <= {"Done", "Planned"}
    assert not evidence["Sentence"].str.contains(r"\*\*", regex=True).any()
    at.text_input(key="f_text").set_value("fourth quarter").run()
    assert len(table(at)) == 1 and "fourth quarter" in table(at)["Sentence"].iloc[0]


def test_a_dateless_paste_is_asked_for_a_date_and_stored_as_assumed_and_flagged(app, db):
    at = app.run()
    at.sidebar.text_area[0].set_value("Oracle said on Monday it will spend $10 billion on data centers this year.")
    at.sidebar.text_input[0].set_value("Oracle's plan: $10B!").run()
    assert any("No date set" in w.value and "assumed" in w.value for w in at.sidebar.warning)
    add_button(at).click().run()
    stored = next(a for a in queries.load_articles(connect(db)) if a["source_name"] == "Oracle's plan: $10B!.txt")
    assert (stored["published_source"], stored["published"]) == ("assumed", dt.date.today().isoformat())
    assert any("assumed: the article gives no date" in t for t in texts(at))  # the upload's panel
    at = on(at, "evidence")
    oracle = table(at)[table(at)["Organization"] == "Oracle"]
    assert list(oracle["Check"]) == [ASSUMED_DATE]


def test_a_date_the_user_sets_is_recorded_as_theirs(app, db):
    at = app.run()
    at.sidebar.text_area[0].set_value("Oracle said on Monday it will spend $10 billion on data centers this year.")
    at.sidebar.date_input[0].set_value(dt.date(2024, 9, 12)).run()
    assert not at.sidebar.warning
    add_button(at).click().run()
    stored = next(a for a in queries.load_articles(connect(db)) if a["source_name"] == "pasted text.txt")
    assert (stored["published_source"], stored["published"]) == ("user", "2024-09-12")


def test_upload_lists_what_the_article_gave_with_links_to_correct_each_event(app, tmp_path):
    at = app.run()
    at.sidebar.file_uploader[0].set_value([
        ("upload_xai.txt", (FIXTURES / "upload_xai.txt").read_bytes(), "text/plain"),
        ("empty.txt", b"", "text/plain"),
    ]).run()
    add_button(at).click().run()
    lines = [shown(m.value) for m in at.sidebar.success] + [shown(m.value) for m in at.sidebar.error]
    assert "upload_xai.txt: 1 event found" in lines and "empty.txt: is empty" in lines
    assert any(t.startswith("upload_xai.txt: 1 event;") for t in texts(at))
    assert "a new claim" in texts(at)
    [link] = at.get("page_link")
    assert link.proto.label == "Correct" and link.proto.query_string.startswith("event=")
    stored = list((tmp_path / "uploads").iterdir())
    assert len(stored) == 1 and len(stored[0].stem) == 64  # kept by content hash, never by its name
    event_id = int(link.proto.query_string.split("=")[1])
    at.query_params["event"] = str(event_id)
    at = on(at, "review")
    assert at.selectbox(key="review_event").value == event_id and "event" not in at.query_params
    next(b for b in at.sidebar.button if shown(b.label) == "Remove upload_xai.txt").click().run()
    assert queries.count_rows(connect(tmp_path / "events.db"))["articles"] == 3


def test_a_file_of_a_kind_that_cannot_be_read_says_why_at_once(app):
    at = app.run()
    at.sidebar.file_uploader[0].set_value([("chart.png", b"\x89PNG\r\n\x1a\n", "image/png")]).run()
    assert [shown(e.value) for e in at.sidebar.error] == ["chart.png: has '.png'; supported: .html, .md, .pdf, .txt"]
    assert add_button(at).disabled


def test_pasted_text_with_markup_is_shown_as_text(app, db):
    at = app.run()
    at.sidebar.text_area[0].set_value("<script>alert(1)</script> Oracle said on Monday it will spend $10 billion on "
                                      "data centers this year.")
    at.sidebar.text_input[0].set_value("<b>Oracle</b> [plan](javascript:alert(1))")
    at.sidebar.date_input[0].set_value(dt.date(2024, 9, 12)).run()
    add_button(at).click().run()
    assert any(t.startswith("<b>Oracle< b> [plan](javascript:alert(1)).txt: 1 event") for t in texts(at))  # as text
    pasted = next(a["id"] for a in queries.load_articles(connect(db)) if a["source_name"].startswith("<b>Oracle"))
    at = on(at, "articles")
    at.selectbox(key="article_view").set_value(pasted).run()
    assert shown(at.subheader[-1].value) == "<b>Oracle</b> [plan](javascript:alert(1))"  # escaped: shown as written
    [block] = [h.proto.body for h in at.get("html")]
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_article_view_highlights_the_extracted_sentences(app, db):
    at = on(app.run(), "articles")
    meta = next(a["id"] for a in queries.load_articles(connect(db)) if a["source_name"] == "meta-capex.txt")
    at.selectbox(key="article_view").set_value(meta).run()
    block = at.get("html")[0].proto.body
    assert block.count("<mark>") == 2  # the capex sentence and the GPU sentence, not the market value
    marked = [part.split("</mark>")[0] for part in block.split("<mark>")[1:]]
    assert any("Meta Platforms said on Friday it plans to spend $60 billion" in part for part in marked)


def test_review_rejects_two_events_in_a_row_without_leaving_its_tab(app, db, monkeypatch):
    reads = []
    monkeypatch.setattr(sentences, "find_sentences", lambda text, real=sentences.find_sentences: reads.append(1) or real(text))
    at = on(app.run(), "review")
    at.session_state["reviewer"] = "Test analyst"
    at.run()
    events, _ = reviewed_tables(connect(db))
    first, second = events[events["kind"] == "hardware"]["id"].head(2)
    for target in (first, second):
        at.selectbox(key="review_event").set_value(int(target)).run()
        next(b for b in at.button if b.label == "Reject this event").click().run()
        assert any(s.value == "Event rejected" for s in at.success)
        assert at.session_state["review_tab"] == "Correct an event"
    events, _ = reviewed_tables(connect(db))
    assert events.set_index("id").loc[[first, second], "rejected"].all()
    assert not reads  # no article was split into sentences until one is picked to add an event from
    at.session_state["review_tab"] = "Add a missed event"
    at.run()
    at.selectbox(key="add_article").set_value(queries.load_articles(connect(db))[0]["id"]).run()
    at.run()
    assert len(reads) == 1  # split once, then cached


def test_articles_read_with_older_rules_are_flagged_and_can_be_re_read(app, db):
    conn = connect(db)
    with transaction.write(conn):
        conn.execute("UPDATE articles SET rules_version = '0.9'")
    at = app.run()
    assert any("older extraction rules" in w.value for w in at.sidebar.warning)
    next(b for b in at.sidebar.button if b.label.startswith("Re-read them")).click().run()
    assert not any("older extraction rules" in w.value for w in at.sidebar.warning)
    assert queries.stale_articles(conn) == 0
