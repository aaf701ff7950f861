"""Reading the dashboard's tables: the store's order, values formatted once per distinct
value, and an event table kept between reads that always equals a fresh read."""
import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipeline import event_table as event_table_module, review, store
from pipeline.display import format_date
from pipeline.review import EventKey
from pipeline.sources import Article
from pipeline.event_table import ARTICLES_QUERY, EventTableCache, event_table, per_distinct, read_frame
from pipeline.tables import article_list, reviewed_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def article(text: str, name: str, published: dt.date = dt.date(2025, 1, 25), url: str | None = None) -> Article:
    return Article(text=text, source_name=name, format="txt", title=name, published=published,
                   published_source="user", url=url)


@pytest.fixture
def conn(tmp_path):
    connection = store.connect(tmp_path / "events.db")
    yield connection
    connection.close()


def cached_and_fresh(conn, cache: EventTableCache) -> tuple:
    conn.execute("BEGIN")
    try:
        return cache.read(conn), (read_frame(conn, ARTICLES_QUERY), event_table(conn))
    finally:
        conn.execute("COMMIT")


def test_event_table_keeps_the_stores_order_undated_first_then_by_id(conn):
    store.ingest_files(conn, [FIXTURES / "samples", FIXTURES / "five_reports"])
    assert list(event_table(conn)["id"]) == [row["id"] for row in store.load_events(conn)]


def test_per_distinct_gives_what_calling_for_every_row_gives():
    table = pd.DataFrame({"date": ["2024-01-01", None, "2024-01-01", "2024-03-05", None],
                          "date_precision": ["year", None, "quarter", "day", "year"]})
    expected = [format_date(d, p) for d, p in zip(table["date"], table["date_precision"])]
    assert per_distinct(format_date, table, ["date", "date_precision"]) == expected


@pytest.mark.parametrize("seed", range(3))
def test_cached_event_table_after_ingests_removals_reextract_and_corrections_equals_a_fresh_read(tmp_path, seed):
    rng = random.Random(seed)
    conn = store.connect(tmp_path / "events.db")
    files = sorted((ROOT / "data" / "articles").iterdir())
    rng.shuffle(files)
    store.ingest_files(conn, files[:20])
    cache = EventTableCache()
    for step in range(12):
        move = rng.choice(["ingest", "remove", "correct", "reextract"] if step else ["ingest"])
        ids = [row["id"] for row in store.load_articles(conn)]
        if move == "ingest" and len(files) > 20:
            store.ingest_files(conn, [files.pop()])
        elif move == "remove":
            store.delete_article(conn, rng.choice(ids))
        elif move == "correct":
            row = conn.execute("SELECT article_id, fingerprint, org FROM events LIMIT 1").fetchone()
            review.correct_event(conn, EventKey(row["article_id"], row["fingerprint"]), {"org": "Meta"}, dict(row), "Ana")
        elif move == "reextract":
            store.reextract(conn)
        (articles, events), (fresh_articles, fresh_events) = cached_and_fresh(conn, cache)
        assert_frame_equal(articles, fresh_articles)
        assert_frame_equal(events, fresh_events)


def test_cached_event_table_keeps_the_column_types_a_fresh_read_gives(conn):
    cache = EventTableCache()
    store.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    cached_and_fresh(conn, cache)
    linked = store.store_article(conn, article("Google will spend $75 billion on capital expenditures this year.",
                                               "b.txt", url="https://example.com/b"))
    (_, events), (_, fresh) = cached_and_fresh(conn, cache)
    assert_frame_equal(events, fresh)
    assert fresh["url"].notna().any()
    store.delete_article(conn, linked.article_id)  # the only article with a URL, and the only one with a model
    (_, events), (_, fresh) = cached_and_fresh(conn, cache)
    assert_frame_equal(events, fresh)
    assert fresh["url"].isna().all()


def test_cache_reads_again_only_the_articles_whose_events_or_claims_changed(tmp_path, monkeypatch):
    conn = store.connect(tmp_path / "events.db")
    store.ingest_files(conn, [FIXTURES / "samples", FIXTURES / "five_reports"])
    cache = EventTableCache()
    before, _ = reviewed_tables(conn, cache)
    reads = []
    original = event_table_module.event_table
    monkeypatch.setattr(event_table_module, "event_table", lambda *args: reads.append(set(args[2])) or original(*args))
    plan = before[before["claim_id"] == before.loc[before["source_name"] == "wire.txt", "claim_id"].iloc[0]]
    first = plan.sort_values(["published", "id"]).iloc[0]  # the earliest of the reports of Meta's 2025 plan
    review.correct_event(conn, EventKey(first["article_id"], first["fingerprint"]), {"amount_low": 6e9, "amount_high": 6e9}, first.to_dict(), "Ana")
    after, _ = reviewed_tables(conn, cache)
    moved = before.merge(after, on="id")
    changed = set(moved.loc[moved["claim_id_x"] != moved["claim_id_y"], "article_id_x"]) | {first["article_id"]}
    assert reads == [changed] and 1 < len(changed) < after["article_id"].nunique()
    reads.clear()
    review.correct_event(conn, EventKey(first["article_id"], first["fingerprint"]), {"status": "done"},
                         after.loc[after["id"] == first["id"]].iloc[0].to_dict(), "Ana")
    reviewed_tables(conn, cache)
    assert reads == [{first["article_id"]}]  # its claim is the same: only its own article
    reads.clear()
    added = store.store_article(conn, article("Amazon expects to spend $100 billion on capital expenditures this year.",
                                              "amazon.txt"))
    events, claims = reviewed_tables(conn, cache)
    assert reads == [{added.article_id}]
    assert "Amazon" in set(events["org"]) and "Amazon" in set(claims["org"])


def test_signature_changes_when_an_article_gives_way_to_one_with_as_many_events(conn):
    first = store.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    before = store.signature(conn)
    store.delete_article(conn, first.article_id)
    store.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt"))
    assert store.count_rows(conn) == {"articles": 1, "events": 1}  # the same counts, the same event id
    assert store.signature(conn) != before


# --- the snapshot a cold reader starts from -----------------------------------------------------

@pytest.fixture
def small_snapshots(monkeypatch):
    """Snapshots stored after any change, read a few events at a time."""
    monkeypatch.setattr(event_table_module, "SNAPSHOT_LAG", 0)
    monkeypatch.setattr(event_table_module, "SNAPSHOT_CHUNK", 7)


def full_reads(monkeypatch) -> list:
    reads = []
    original = event_table_module.event_table
    monkeypatch.setattr(event_table_module, "event_table",
                        lambda *args: reads.append(args[2] if len(args) > 2 else "all") or original(*args))
    return reads


def test_bulk_ingest_stores_a_snapshot_a_cold_reader_loads_as_a_fresh_read(conn, small_snapshots, monkeypatch):
    store.ingest_files(conn, [ROOT / "data" / "articles", FIXTURES / "samples"])
    version = conn.execute("SELECT version FROM store_version").fetchone()[0]
    assert conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()[0] == version
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] > 1  # stored a few events at a time
    reads = full_reads(monkeypatch)
    (articles, events), (fresh_articles, fresh) = cached_and_fresh(conn, EventTableCache())
    assert reads == []  # no event read: the snapshot is up to date
    assert_frame_equal(events, fresh)
    assert fresh["date"].isna().any() and fresh["date"].duplicated().any()  # undated events, and shared dates


def test_cold_reader_reads_only_what_changed_since_the_snapshot(conn, small_snapshots, monkeypatch):
    store.ingest_files(conn, [FIXTURES / "samples"])
    monkeypatch.setattr(event_table_module, "SNAPSHOT_LAG", 10**6)  # no new snapshot from here on
    later = store.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt",
                                              url="https://example.com/b"))
    row = conn.execute("SELECT article_id, fingerprint, org FROM events WHERE article_id != ? LIMIT 1",
                       (later.article_id,)).fetchone()
    review.reject_event(conn, EventKey(row["article_id"], row["fingerprint"]), "Ana")
    reads = full_reads(monkeypatch)
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert [set(ids) for ids in reads] == [{later.article_id, row["article_id"]}]
    assert_frame_equal(events, fresh)


def test_reader_stores_a_snapshot_when_the_stored_one_has_fallen_behind(conn, monkeypatch):
    store.ingest_files(conn, [FIXTURES / "samples"])
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] == 0  # three articles: not worth one
    cache = EventTableCache()
    reviewed_tables(conn, cache)
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] == 0
    monkeypatch.setattr(event_table_module, "SNAPSHOT_LAG", 0)
    store.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt"))
    reviewed_tables(conn, cache)
    version = conn.execute("SELECT version FROM store_version").fetchone()[0]
    assert conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()[0] == version
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert_frame_equal(events, fresh)
    assert not cache.keep(conn)  # up to date: nothing to store


def test_snapshot_keeps_the_column_types_a_fresh_read_gives(conn, small_snapshots):
    store.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    store.store_article(conn, article("Google will spend $75 billion on capital expenditures this year.", "b.txt"))
    assert event_table_module.refresh_snapshot(conn)
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert_frame_equal(events, fresh)
    assert fresh["url"].isna().all() and fresh["url"].dtype == object  # no article has a URL: None, as read


def test_article_list_orders_articles_as_the_store_does_with_none_where_missing(conn):
    store.ingest_files(conn, [ROOT / "data" / "articles", FIXTURES / "samples"])
    store.store_article(conn, Article(text="Meta plans to spend $60 billion on data centers this year.",
                                      source_name="undated.txt", format="txt", title=None, published=None,
                                      published_source=None), events=[])
    listed = article_list(read_frame(conn, ARTICLES_QUERY))
    stored = store.load_articles(conn)
    assert [a["id"] for a in listed] == [a["id"] for a in stored]
    assert [(a["title"], a["published"], a["source_name"]) for a in listed] == \
        [(a["title"], a["published"], a["source_name"]) for a in stored]
    assert listed[-1]["published"] is None and listed[-1]["title"] is None
