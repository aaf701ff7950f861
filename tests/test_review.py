"""Review: corrections kept apart from extraction, surviving re-extraction; claims across
articles; two reviewers at once; the dashboard's view of one claim from five articles."""
import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline import paths
from pipeline.store import corrections, ingest, queries, schema, transaction
from pipeline.store.connection import connect
from pipeline.errors import ReviewError
from pipeline.store.corrections import EventKey
from pipeline.views.reviewed import reviewed_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.fixture
def conn(conn):
    """A store holding the sample fixtures."""
    ingest.ingest_files(conn, [SAMPLES])
    return conn


def event(events, **where):
    rows = events
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) >= 1, where
    return rows.iloc[0]


def key(row) -> EventKey:
    return EventKey(row["article_id"], row["fingerprint"])


def test_corrected_amount_and_rejected_event_survive_reextract(conn):
    events, _ = reviewed_tables(conn)
    capex = event(events, org="Meta", kind="investment")
    chips = event(events, org="Meta", kind="hardware")
    corrections.correct_event(conn, key(capex), {"amount_low": 62e9, "amount_high": 62e9}, capex.to_dict(), "Ana")
    corrections.reject_event(conn, key(chips), "Ana")

    report = ingest.reextract(conn)
    assert report.articles == 3 and report.orphaned_corrections == 0

    events, claims = reviewed_tables(conn)
    corrected = event(events, fingerprint=capex["fingerprint"])
    assert (corrected["amount_low"], corrected["amount_high"]) == (62e9, 62e9)
    assert corrected["corrected_fields"] == "amount_low, amount_high" and corrected["reviewed"]
    assert bool(event(events, fingerprint=chips["fingerprint"])["rejected"])
    assert chips["id"] not in [i for ids in claims["event_ids"] for i in ids]


def test_corrections_keep_who_when_and_the_old_value(conn):
    events, _ = reviewed_tables(conn)
    capex = event(events, org="Meta", kind="investment")
    now = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone.utc)
    corrections.correct_event(conn, key(capex), {"status": "done"}, capex.to_dict(), "Ana", now=now)
    log = corrections.load_corrections(conn)[-1]
    assert (log["author"], log["created_at"], log["field"]) == ("Ana", "2026-11-27T09:30:00+00:00", "status")
    assert (json.loads(log["old_value"]), json.loads(log["new_value"])) == ("planned", "done")


@pytest.mark.parametrize("changes,message", [
    ({"date": "24 January"}, "not a date"), ({"amount_low": "lots"}, "not a number"),
    ({"status": "maybe"}, "done, planned"), ({"org": ""}, "cannot be empty"),
])
def test_correct_event_bad_value_is_refused_with_a_reason(conn, changes, message):
    events, _ = reviewed_tables(conn)
    row = event(events, org="Meta", kind="investment")
    with pytest.raises(ReviewError, match=message):
        corrections.correct_event(conn, key(row), changes, row.to_dict(), "Ana")
    assert corrections.load_corrections(conn) == []


def test_correct_event_without_a_name_is_refused(conn):
    events, _ = reviewed_tables(conn)
    row = event(events, org="Meta", kind="investment")
    with pytest.raises(ReviewError, match="set your name"):
        corrections.reject_event(conn, key(row), "  ")


def test_added_event_appears_with_its_sentence_and_survives_reextract(conn):
    article = next(a for a in queries.load_articles(conn) if a["source_name"] == "meta-capex.txt")
    text = queries.load_article(conn, article["id"])["text"]
    start = text.index("Meta's shares")
    end = text.index("trillion.") + len("trillion.")
    corrections.add_event(conn, article["id"], start, end, {"kind": "investment", "org": "Meta", "amount_low": 1e9,
                                                       "amount_high": 1e9, "status": "done"}, "Ana")
    ingest.reextract(conn)
    events, _ = reviewed_tables(conn)
    added = event(events, origin="analyst")
    assert added["evidence"].startswith("Meta's shares") and added["article_title"] == article["title"]


def test_merge_then_split_claims(conn):
    events, claims = reviewed_tables(conn)
    google = events[events["org"] == "Google"]
    plan = event(google, kind="investment", date_precision="year")
    quarter = event(google, kind="investment", date_precision="quarter")
    assert plan["claim_id"] != quarter["claim_id"]
    corrections.merge_claims(conn, [key(plan), key(quarter)], "Ana")
    events, _ = reviewed_tables(conn)
    assert event(events, fingerprint=plan["fingerprint"])["claim_id"] == event(events, fingerprint=quarter["fingerprint"])["claim_id"]
    corrections.split_claim(conn, [key(quarter)], "Ana")
    events, _ = reviewed_tables(conn)
    assert event(events, fingerprint=plan["fingerprint"])["claim_id"] != event(events, fingerprint=quarter["fingerprint"])["claim_id"]


def test_two_reviewers_at_once_lose_neither_correction(tmp_path):
    path = tmp_path / "shared.db"
    conn = connect(path)
    ingest.ingest_files(conn, [SAMPLES])
    events, _ = reviewed_tables(conn)
    targets = [event(events, org="Meta", kind="investment"), event(events, org="Google", kind="model_release")]
    barrier = threading.Barrier(2)

    def correct(row, name):
        mine = connect(path)  # each browser tab has its own connection
        barrier.wait()
        for attempt in range(20):
            corrections.correct_event(mine, key(row), {"status": "done" if row["status"] == "planned" else "planned"},
                                 row.to_dict(), f"{name} {attempt}")

    threads = [threading.Thread(target=correct, args=(row, name)) for row, name in zip(targets, ("Ana", "Ben"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log = corrections.load_corrections(conn)
    assert len(log) == 40
    events, _ = reviewed_tables(conn)
    assert all(event(events, fingerprint=row["fingerprint"])["reviewed"] for row in targets)


def test_export_says_which_values_were_corrected(conn, tmp_path):
    events, _ = reviewed_tables(conn)
    capex = event(events, org="Meta", kind="investment")
    corrections.correct_event(conn, key(capex), {"amount_low": 61e9}, capex.to_dict(), "Ana")
    from pipeline.cli import main
    output = tmp_path / "out.json"
    assert main(["export", "--format", "json", "--db", str(tmp_path / "events.db"), "--output", str(output)]) == 0
    records = json.loads(output.read_text())
    row = next(r for r in records if r["kind"] == "investment" and r["org"] == "Meta")
    assert row["corrected_fields"] == "amount_low" and row["amount_low"] == 61e9


def test_five_differently_worded_articles_are_one_claim_with_five_sources(tmp_path):
    conn = connect(tmp_path / "events.db")
    results = ingest.ingest_files(conn, [FIXTURES / "five_reports"])
    assert [r.status for r in results] == ["added"] * 5
    _, claims = reviewed_tables(conn)
    capex = claims[claims["kind"] == "investment"]
    assert len(capex) == 1 and capex.iloc[0]["sources"] == 5


def test_dashboard_shows_one_mark_five_sources_and_counts_it_once(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "events.db"))
    monkeypatch.setenv(paths.SAMPLES_ENV, str(FIXTURES / "five_reports"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Claims in view"] == "1" and metrics["Events (article mentions)"] == "5"
    assert metrics["Capex 2025, 1 organization"] == "$60-65B"  # counted once, a range kept a range
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert '"field": "sources"' in json.dumps(spec)  # marks are sized by the number of articles
    at.switch_page("dashboard_pages/claims.py").run()
    several = at.dataframe[0].value
    assert list(several["Articles"]) == [5]
