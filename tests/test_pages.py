"""Each page of the dashboard driven by Streamlit's AppTest: the first run, filters and the
time selection through the URL and from page to page, charts read as their specs, tables,
the article view, adding articles (a date never invented, a refused file's reason, what an
upload gave) and review."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pyarrow.ipc
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


def chart_rows(at, title: str) -> list[dict]:
    """The rows drawn by the chart whose spec names `title` (its datasets, sent as Arrow)."""
    chart = next(c for c in at.get("vega_lite_chart") if title in c.proto.spec)
    return [row for dataset in chart.proto.datasets
            for row in pyarrow.ipc.open_stream(dataset.data.data).read_all().to_pylist()]


def capex_metric(at) -> tuple[str, str]:
    """The headline's capex figure: its label (year and organizations) and value."""
    found = next(m for m in at.metric if m.label.startswith("Capex"))
    return found.label, found.value


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
    # Meta's $60-65B and Alphabet's $75B for 2025 (the latest year with a figure), a range
    # kept a range; Alphabet's $14.3B quarter is not added to a year, and the $80B in the page's
    # related-links box and the market value are not spending.
    assert capex_metric(at) == ("Capex 2025, 2 organizations", "$135-140B")


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
    # Alphabet's fourth quarter alone: a quarter is no year's capex, and the 2025 plans are later
    assert capex_metric(at) == ("Capex to cite", "none in view")
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
    assert any("No capex guidance or actual" in i.value for i in at.info)
    assert len(specs(at)) == 1 and "Chips per organization" in json.dumps(specs(at)[0])  # the fleets alone


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


@pytest.fixture
def guidance_app(tmp_path, monkeypatch):
    """The dashboard on a store of the guidance stories: Orion Grid's 2025 capex guided in
    January, April and July, its actual, and a four-year pledge (the last two left out
    where a test adds them)."""
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "events.db"))
    monkeypatch.setenv(paths.SAMPLES_ENV, str(FIXTURES / "guidance_stories"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def test_totals_cite_the_actual_keep_the_guidance_history_and_leave_the_pledge_apart(guidance_app):
    at = on(guidance_app.run(), "totals")
    assert not at.exception
    assert capex_metric(at) == ("Capex 2025, 1 organization", "$30.4B")  # not $130.4B with the pledge
    capex = at.dataframe[0].value.set_index(["Organization", "Year"])
    assert capex.loc[("Orion Grid", "2025"), ["Figure to cite", "Basis", "Latest guidance"]].tolist() == [
        "$30.4B", "actual", "$29B-$31B"]
    assert [r["figure_low"] for r in chart_rows(at, "Capex per organization and year")] == [30.4e9]

    at.selectbox(key="totals_org").set_value("Orion Grid").run()
    at.selectbox(key="totals_year").set_value(2025).run()
    assert "Orion Grid 2025: latest guidance $29B-$31B (first reported 2025-07-30); actual $30.4B" in texts(at)[0]
    history = at.dataframe[1].value
    assert list(zip(history["Figure"], history["Amount"])) == [
        ("guidance", "$20B-$24B"), ("guidance", "$26B-$30B"), ("guidance", "$29B-$31B"), ("actual", "$30.4B")]
    assert all(history["Sentence"].str.startswith("Orion Grid"))  # each point with its sentence
    points = chart_rows(at, "Capex guidance as it moved")
    assert [(p["reported"], p["figure"]) for p in points] == [
        ("2025-01-29", "$20B-$24B"), ("2025-04-30", "$26B-$30B"), ("2025-07-30", "$29B-$31B"), ("2026-01-28", "$30.4B")]

    pledges = at.dataframe[2].value
    assert pledges[["Organization", "Amount", "Period"]].values.tolist() == [["Orion Grid", "$100B", "Sep 2025 to Sep 2029"]]


def test_totals_before_the_actual_cite_the_latest_guidance(guidance_app, monkeypatch, tmp_path):
    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("january.txt", "april.txt", "july.txt"):
        shutil.copy(FIXTURES / "guidance_stories" / name, folder / name)
    monkeypatch.setenv(paths.SAMPLES_ENV, str(folder))
    at = on(guidance_app.run(), "totals")
    assert capex_metric(at) == ("Capex 2025, 1 organization", "$29-31B")
    assert at.dataframe[0].value.iloc[0][["Figure to cite", "Basis"]].tolist() == ["$29B-$31B", "latest guidance"]
