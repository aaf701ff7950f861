"""Claims kept in the store: after any sequence of ingests, removals, re-extraction and
corrections they are exactly what grouping the whole store again gives; bulk ingests
group once; old stores get their claims on migration; writes stay atomic."""
import datetime as dt
import random
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest

from conftest import seeds

from pipeline import paths
from pipeline.store import claims as store_claims, corrections, ingest, queries, schema, transaction
from pipeline.store.connection import connect
from pipeline.claims import group_claims
from pipeline.extraction import Event
from pipeline.store.corrections import EventKey
from pipeline.readers.article import Article
from pipeline.views.reviewed import reviewed_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CAPEX = "Meta plans to spend $60 billion to $65 billion on capital expenditures this year."
GROUPING_COLUMNS = ("id", "fingerprint", "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date",
                    "date_precision", "status", "category", "article_id", "published", "claim_key")


def article(text: str, published: dt.date, name: str = "a.txt") -> Article:
    return Article(text=text, source_name=name, format="txt", title=name, published=published, published_source="user")


def regrouped(events: pd.DataFrame) -> list:
    """The claims `group_claims` forms over every accepted event of the reviewed table."""
    accepted = events[~events["rejected"]]
    records = accepted[list(GROUPING_COLUMNS)].astype(object).to_dict("records")
    for record in records:
        for key, value in record.items():
            if value != value:  # NaN from pandas
                record[key] = None
    return group_claims(records)


def assert_claims_match_a_full_regroup(conn: sqlite3.Connection) -> None:
    events, claims = reviewed_tables(conn)
    expected = regrouped(events)
    owner = {event_id: claim.id for claim in expected for event_id in claim.event_ids}
    accepted = events[~events["rejected"]]
    assert dict(zip(accepted["id"], accepted["claim_id"])) == owner
    assert events.loc[events["rejected"], "claim_id"].isna().all()
    stored = claims[["claim_id", "kind", "org", "date", "date_precision", "status", "sources", "disputed_fields",
                     "first_reported", "event_ids", "manual"]].astype(object).to_dict("records")
    wanted = [{"claim_id": c.id, "kind": c.kind, "org": c.org, "date": c.date, "date_precision": c.date_precision,
               "status": c.status, "sources": c.sources, "disputed_fields": ", ".join(c.disputed_fields),
               "first_reported": c.first_reported, "event_ids": c.event_ids, "manual": c.manual} for c in expected]
    assert [{k: None if v != v else v for k, v in row.items()} for row in stored] == wanted
    amounts = claims[["amount_low", "amount_high"]].astype(object).where(claims[["amount_low", "amount_high"]].notna(), None)
    assert amounts.values.tolist() == [[c.amount_low, c.amount_high] for c in expected]
    by_id = events.set_index("id")
    assert list(claims["evidence"]) == [by_id.loc[c.lead_event_id, "evidence"] for c in expected]


def back_to_schema_2(conn: sqlite3.Connection) -> None:
    """The file as a version before claims were stored left it: articles, events, corrections."""
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'table')"
                                   " AND name NOT IN ('articles', 'events', 'corrections', 'sqlite_sequence')").fetchall():
        conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    conn.execute("ALTER TABLE articles DROP COLUMN stored_file")  # schema 6
    for column in ("category", "counterparty", "period_start", "period_end", "measure"):  # schema 7
        conn.execute(f"ALTER TABLE events DROP COLUMN {column}")
    conn.execute("PRAGMA user_version=2")
    conn.execute("PRAGMA application_id=0")  # written before stores were marked as this project's


def key(row) -> EventKey:
    return EventKey(row["article_id"], row["fingerprint"])


def test_claims_after_bulk_ingest_match_a_full_regroup_and_nothing_is_left_stale(samples_conn):
    conn = samples_conn  # a bulk ingest of the samples
    assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] > 50
    assert_claims_match_a_full_regroup(conn)


def test_an_older_report_ingested_later_becomes_its_claims_first_report(conn):
    later = ingest.store_article(conn, article(CAPEX, dt.date(2025, 1, 28), "later.txt"))
    _, claims = reviewed_tables(conn)
    assert claims.iloc[0]["first_reported"] == "2025-01-28"
    ingest.store_article(conn, article("Briefly. " + CAPEX, dt.date(2025, 1, 24), "earlier.txt"))
    events, claims = reviewed_tables(conn)
    assert len(claims) == 1 and claims.iloc[0]["sources"] == 2
    assert claims.iloc[0]["first_reported"] == "2025-01-24"
    assert claims.iloc[0]["article_id"] != later.article_id  # the earlier report now names the claim
    assert_claims_match_a_full_regroup(conn)


@pytest.mark.parametrize("seed", seeds(4))
def test_claims_after_ingests_removals_reextract_and_corrections_match_a_full_regroup(tmp_path, seed):
    rng = random.Random(seed)
    conn = connect(tmp_path / "events.db")
    files = sorted((ROOT / "data" / "articles").iterdir()) + sorted((FIXTURES / "five_reports").iterdir())
    rng.shuffle(files)
    ingest.ingest_files(conn, files[:12])
    pending = files[12:]
    for step in range(20):
        events, claims = reviewed_tables(conn)
        accepted = events[~events["rejected"]]
        row = accepted.iloc[rng.randrange(len(accepted))]
        move = "reextract" if step == 10 else rng.choice(["ingest", "ingest", "remove", "amount", "org", "date", "reject",
                                                          "restore", "add", "merge", "split", "unassign"])
        if move == "ingest" and pending:
            ingest.ingest_files(conn, [pending.pop()])
        elif move == "remove":
            ingest.delete_article(conn, row["article_id"])
        elif move == "amount":
            low = rng.choice([60e9, 13e9, None]) if row["kind"] != "hardware" else rng.choice([60e3, 13e3, None])
            corrections.correct_event(conn, key(row), {"amount_low": low, "amount_high": low}, row.to_dict(), "Ana")
        elif move == "org":
            corrections.correct_event(conn, key(row), {"org": rng.choice(["Meta", "OpenAI", "Microsoft"])}, row.to_dict(), "Ana")
        elif move == "date":
            date, precision = rng.choice([("2024-01-01", "year"), ("2025-01-24", "day"), (None, None)])
            corrections.correct_event(conn, key(row), {"date": date, "date_precision": precision}, row.to_dict(), "Ana")
        elif move == "reject":
            corrections.reject_event(conn, key(row), "Ana")
        elif move == "restore" and events["rejected"].any():
            corrections.restore_event(conn, key(events[events["rejected"]].iloc[0]), "Ana")
        elif move == "add":
            text = queries.load_article(conn, row["article_id"])["text"]
            corrections.add_event(conn, row["article_id"], 0, min(40, len(text)),
                             {"kind": row["kind"], "org": row["org"], "model": row["model"] if row["model"] == row["model"] else None,
                              "amount_low": 60e9 if row["kind"] != "hardware" else 60e3,
                              "amount_high": 65e9 if row["kind"] != "hardware" else 65e3, "status": "planned"}, "Ana")
        elif move == "merge" and len(claims) > 1:
            chosen = claims["claim_id"].sample(2, random_state=seed + step)
            members = accepted[accepted["claim_id"].isin(chosen)]
            corrections.merge_claims(conn, [key(r) for _, r in members.iterrows()], "Ana")
        elif move == "split":
            corrections.split_claim(conn, [key(row)], "Ana", now=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=step))
        elif move == "unassign":
            corrections.assign_claim(conn, [key(row)], "", "Ana")
        elif move == "reextract":
            ingest.reextract(conn)
        assert_claims_match_a_full_regroup(conn)


def test_correcting_a_claims_first_report_regroups_the_reports_that_followed_it(tmp_path):
    conn = connect(tmp_path / "events.db")
    ingest.ingest_files(conn, [FIXTURES / "five_reports"])
    events, claims = reviewed_tables(conn)
    assert len(claims[claims["kind"] == "investment"]) == 1
    first = events.sort_values("published").iloc[0]
    corrections.correct_event(conn, key(first), {"amount_low": 6e9, "amount_high": 6e9}, first.to_dict(), "Ana")
    events, claims = reviewed_tables(conn)
    assert sorted(claims.loc[claims["kind"] == "investment", "sources"]) == [1, 4]
    assert_claims_match_a_full_regroup(conn)


def test_store_from_before_stored_claims_gets_them_on_migration(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    ingest.ingest_files(conn, [FIXTURES / "samples", FIXTURES / "five_reports"])
    events, _ = reviewed_tables(conn)
    corrections.reject_event(conn, key(events.iloc[0]), "Ana")
    back_to_schema_2(conn)
    conn.close()
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert migrated.execute("SELECT COUNT(*) FROM claim_events").fetchone()[0] == len(events) - 1
    assert_claims_match_a_full_regroup(migrated)


def test_writes_in_a_batch_leave_claims_stale_until_the_batch_ends(conn):
    with transaction.batch(conn):
        ingest.store_article(conn, article(CAPEX, dt.date(2025, 1, 25)))
        assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == 0
    _, claims = reviewed_tables(conn)
    assert len(claims) == 1


def test_failed_ingest_leaves_claims_as_they_were(conn):
    ingest.store_article(conn, article(CAPEX, dt.date(2025, 1, 25)))
    before = conn.execute("SELECT * FROM claim_events").fetchall()
    broken = Event(kind="not-a-kind", org="Meta", evidence="x", status="done")
    with pytest.raises(sqlite3.IntegrityError):
        ingest.store_article(conn, article("Other text. " + CAPEX, dt.date(2025, 1, 26)), events=[broken])
    assert conn.execute("SELECT * FROM claim_events").fetchall() == before
    assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == 0


def test_removed_article_takes_its_analysts_events_and_their_claims_with_it(conn):
    kept = ingest.store_article(conn, article(CAPEX, dt.date(2025, 1, 25), "kept.txt"))
    gone = ingest.store_article(conn, article("Briefly. " + CAPEX, dt.date(2025, 1, 26), "gone.txt"), uploaded=True)
    corrections.add_event(conn, gone.article_id, 0, 8, {"kind": "investment", "org": "xAI", "amount_low": 1e9,
                                                  "amount_high": 1e9, "status": "done"}, "Ana")
    assert set(reviewed_tables(conn)[1]["org"]) == {"Meta", "xAI"}
    ingest.delete_article(conn, gone.article_id)
    events, claims = reviewed_tables(conn)
    assert set(events["article_id"]) == {kept.article_id}
    assert list(claims["org"]) == ["Meta"] and list(claims["sources"]) == [1]
    assert_claims_match_a_full_regroup(conn)


def test_event_added_twice_is_one_event(conn):
    stored = ingest.store_article(conn, article(CAPEX, dt.date(2025, 1, 25)))
    values = {"kind": "hardware", "org": "Meta", "item": "Nvidia H100", "amount_low": 1e5, "amount_high": 1e5,
              "status": "done"}
    first = corrections.add_event(conn, stored.article_id, 0, 8, values, "Ana")
    again = corrections.add_event(conn, stored.article_id, 0, 8, values, "Ben")
    assert first == again
    events, claims = reviewed_tables(conn)
    assert (events["origin"] == "analyst").sum() == 1
    assert_claims_match_a_full_regroup(conn)


def test_reader_sees_claims_grouped_while_a_bulk_ingest_commits_in_another_thread(tmp_path):
    path = tmp_path / "shared.db"
    connect(path).close()
    texts = [f"Briefly, item {n}. " + CAPEX for n in range(12)]

    def write_articles():
        writer = connect(path)
        for n, text in enumerate(texts):
            ingest.store_article(writer, article(text, dt.date(2025, 1, 1 + n), f"{n}.txt"))
        writer.close()

    thread = threading.Thread(target=write_articles)
    reader = connect(path)
    thread.start()
    while thread.is_alive():
        events, claims = reviewed_tables(reader)
        assert claims["sources"].sum() == len(events) and events["claim_id"].notna().all()
    thread.join()
    events, claims = reviewed_tables(reader)
    assert len(events) == 12 and list(claims["sources"]) == [12]
    assert_claims_match_a_full_regroup(reader)
