"""Reading the dashboard's tables: the store's order, values formatted once per distinct
value, and an event table kept between reads that always equals a fresh read."""
import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from pandas.testing import assert_frame_equal

from conftest import seeds

from pipeline import paths
from pipeline.store import corrections, ingest, queries, schema, snapshot, transaction
from pipeline.store.connection import connect
from pipeline.views.display import format_date
from pipeline.store.corrections import EventKey
from pipeline.readers.article import Article
from pipeline.store.snapshot import ARTICLES_QUERY
from pipeline.views.display import per_distinct
from pipeline.views import display, event_cache
from pipeline.views.event_cache import EventTableCache, event_table, read_frame
from pipeline.views.reviewed import ReviewedCache, article_list, newest_articles, reviewed_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def article(text: str, name: str, published: dt.date = dt.date(2025, 1, 25), url: str | None = None) -> Article:
    return Article(text=text, source_name=name, format="txt", title=name, published=published,
                   published_source="user", url=url)


def cached_and_fresh(conn, cache: EventTableCache) -> tuple:
    conn.execute("BEGIN")
    try:
        return cache.read(conn), (read_frame(conn, ARTICLES_QUERY), event_table(conn))
    finally:
        conn.execute("COMMIT")


def test_event_table_keeps_the_stores_order_undated_first_then_by_id(conn):
    ingest.ingest_files(conn, [FIXTURES / "samples", FIXTURES / "five_reports"])
    assert list(event_table(conn)["id"]) == [row["id"] for row in queries.load_events(conn)]


@pytest.mark.parametrize("repeats", [1, display.FEW_ROWS // 4])  # a short table is formatted row by row, a long one grouped
def test_per_distinct_gives_what_calling_for_every_row_gives(repeats):
    table = pd.DataFrame({"date": ["2024-01-01", None, "2024-01-01", "2024-03-05", None] * repeats,
                          "date_precision": ["year", None, "quarter", "day", "year"] * repeats,
                          "kind": ["investment", "hardware", "investment", "model_release", "investment"] * repeats,
                          "amount_low": [6e10, None, 6e10, None, 1.5e9] * repeats,
                          "amount_high": [6.5e10, 2e4, 6.5e10, None, None] * repeats})
    expected = [format_date(d, p) for d, p in zip(table["date"], table["date_precision"])]
    assert per_distinct(format_date, table, ["date", "date_precision"]) == expected
    amounts = [display.format_amount(k, None if low != low else low, None if high != high else high)
               for k, low, high in zip(table["kind"], table["amount_low"], table["amount_high"])]
    assert per_distinct(display.format_amount, table, ["kind", "amount_low", "amount_high"]) == amounts


@pytest.mark.parametrize("seed", seeds(3))
def test_cached_event_table_after_ingests_removals_reextract_and_corrections_equals_a_fresh_read(tmp_path, seed):
    rng = random.Random(seed)
    conn = connect(tmp_path / "events.db")
    files = sorted((ROOT / "data" / "articles").iterdir())
    rng.shuffle(files)
    ingest.ingest_files(conn, files[:20])
    cache = EventTableCache()
    for step in range(12):
        move = rng.choice(["ingest", "remove", "correct", "reextract"] if step else ["ingest"])
        ids = [row["id"] for row in queries.load_articles(conn)]
        if move == "ingest" and len(files) > 20:
            ingest.ingest_files(conn, [files.pop()])
        elif move == "remove":
            ingest.delete_article(conn, rng.choice(ids))
        elif move == "correct":
            row = conn.execute("SELECT article_id, fingerprint, org FROM events LIMIT 1").fetchone()
            corrections.correct_event(conn, EventKey(row["article_id"], row["fingerprint"]), {"org": "Meta"}, dict(row), "Ana")
        elif move == "reextract":
            ingest.reextract(conn)
        (articles, events), (fresh_articles, fresh_events) = cached_and_fresh(conn, cache)
        assert_frame_equal(articles, fresh_articles)
        assert_frame_equal(events, fresh_events)


def test_cached_event_table_keeps_the_column_types_a_fresh_read_gives(conn):
    cache = EventTableCache()
    ingest.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    cached_and_fresh(conn, cache)
    linked = ingest.store_article(conn, article("Google will spend $75 billion on capital expenditures this year.",
                                               "b.txt", url="https://example.com/b"))
    (_, events), (_, fresh) = cached_and_fresh(conn, cache)
    assert_frame_equal(events, fresh)
    assert fresh["url"].notna().any()
    ingest.delete_article(conn, linked.article_id)  # the only article with a URL, and the only one with a model
    (_, events), (_, fresh) = cached_and_fresh(conn, cache)
    assert_frame_equal(events, fresh)
    assert fresh["url"].isna().all()


def test_cache_reads_again_only_the_articles_whose_events_or_claims_changed(tmp_path, monkeypatch):
    conn = connect(tmp_path / "events.db")
    ingest.ingest_files(conn, [FIXTURES / "samples", FIXTURES / "five_reports"])
    cache = EventTableCache()
    before, _ = reviewed_tables(conn, cache)
    reads = []
    original = event_cache.event_table
    monkeypatch.setattr(event_cache, "event_table", lambda *args: reads.append(set(args[2])) or original(*args))
    plan = before[before["claim_id"] == before.loc[before["source_name"] == "wire.txt", "claim_id"].iloc[0]]
    first = plan.sort_values(["published", "id"]).iloc[0]  # the earliest of the reports of Meta's 2025 plan
    corrections.correct_event(conn, EventKey(first["article_id"], first["fingerprint"]), {"amount_low": 6e9, "amount_high": 6e9}, first.to_dict(), "Ana")
    after, _ = reviewed_tables(conn, cache)
    moved = before.merge(after, on="id")
    changed = set(moved.loc[moved["claim_id_x"] != moved["claim_id_y"], "article_id_x"]) | {first["article_id"]}
    assert reads == [changed] and 1 < len(changed) < after["article_id"].nunique()
    reads.clear()
    corrections.correct_event(conn, EventKey(first["article_id"], first["fingerprint"]), {"status": "done"},
                         after.loc[after["id"] == first["id"]].iloc[0].to_dict(), "Ana")
    reviewed_tables(conn, cache)
    assert reads == [{first["article_id"]}]  # its claim is the same: only its own article
    reads.clear()
    added = ingest.store_article(conn, article("Amazon expects to spend $100 billion on capital expenditures this year.",
                                              "amazon.txt"))
    events, claims = reviewed_tables(conn, cache)
    assert reads == [{added.article_id}]
    assert "Amazon" in set(events["org"]) and "Amazon" in set(claims["org"])


def test_signature_changes_when_an_article_gives_way_to_one_with_as_many_events(conn):
    first = ingest.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    before = queries.signature(conn)
    ingest.delete_article(conn, first.article_id)
    ingest.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt"))
    assert queries.count_rows(conn) == {"articles": 1, "events": 1}  # the same counts, the same event id
    assert queries.signature(conn) != before


# --- the snapshot a cold reader starts from -----------------------------------------------------

@pytest.fixture
def small_snapshots(monkeypatch):
    """Snapshots stored after any change, read a few events at a time."""
    monkeypatch.setattr(snapshot, "SNAPSHOT_LAG", 0)
    monkeypatch.setattr(snapshot, "SNAPSHOT_CHUNK", 7)


def full_reads(monkeypatch) -> list:
    reads = []
    original = event_cache.event_table
    monkeypatch.setattr(event_cache, "event_table",
                        lambda *args: reads.append(args[2] if len(args) > 2 else "all") or original(*args))
    return reads


def test_bulk_ingest_stores_a_snapshot_a_cold_reader_loads_as_a_fresh_read(conn, small_snapshots, monkeypatch):
    ingest.ingest_files(conn, [ROOT / "data" / "articles", FIXTURES / "samples"])
    version = conn.execute("SELECT version FROM store_version").fetchone()[0]
    assert conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()[0] == version
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] > 1  # stored a few events at a time
    reads = full_reads(monkeypatch)
    (articles, events), (fresh_articles, fresh) = cached_and_fresh(conn, EventTableCache())
    assert reads == []  # no event read: the snapshot is up to date
    assert_frame_equal(events, fresh)
    assert fresh["date"].isna().any() and fresh["date"].duplicated().any()  # undated events, and shared dates


def test_cold_reader_reads_only_what_changed_since_the_snapshot(conn, small_snapshots, monkeypatch):
    ingest.ingest_files(conn, [FIXTURES / "samples"])
    monkeypatch.setattr(snapshot, "SNAPSHOT_LAG", 10**6)  # no new snapshot from here on
    later = ingest.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt",
                                              url="https://example.com/b"))
    row = conn.execute("SELECT article_id, fingerprint, org FROM events WHERE article_id != ? LIMIT 1",
                       (later.article_id,)).fetchone()
    corrections.reject_event(conn, EventKey(row["article_id"], row["fingerprint"]), "Ana")
    reads = full_reads(monkeypatch)
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert [set(ids) for ids in reads] == [{later.article_id, row["article_id"]}]
    assert_frame_equal(events, fresh)


def test_writer_stores_a_snapshot_when_the_stored_one_has_fallen_behind(conn, monkeypatch):
    ingest.ingest_files(conn, [FIXTURES / "samples"])
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] == 0  # three articles: not worth one
    monkeypatch.setattr(snapshot, "SNAPSHOT_LAG", 0)
    ingest.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt"))
    version = conn.execute("SELECT version FROM store_version").fetchone()[0]
    assert conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()[0] == version
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert_frame_equal(events, fresh)


def test_reading_the_tables_never_writes_even_with_claims_left_stale(conn, monkeypatch):
    monkeypatch.setattr(snapshot, "SNAPSHOT_LAG", 0)
    with transaction.batch(conn):
        ingest.ingest_files(conn, [FIXTURES / "samples"])
        ingest.store_article(conn, article("Google will spend $75 billion on data centers this year.", "b.txt"))
        stale = conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0]
        changes = conn.total_changes
        reviewed_tables(conn, EventTableCache())
        assert conn.total_changes == changes and stale > 0
        assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == stale
    assert conn.execute("SELECT COUNT(*) FROM claims_stale").fetchone()[0] == 0  # the batch's end groups them


def test_cold_snapshot_shows_amounts_in_the_format_of_the_code_that_reads_it(conn, small_snapshots, monkeypatch):
    ingest.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] > 0
    monkeypatch.setattr(display, "format_amount", lambda kind, low, high: f"USD {low:,.0f}" if kind == "investment" else "")
    reads = full_reads(monkeypatch)
    (_, events), _ = cached_and_fresh(conn, EventTableCache())
    assert reads == []  # read from the snapshot alone
    assert list(events["amount"]) == ["USD 60,000,000,000"]


def test_snapshot_keeps_the_column_types_a_fresh_read_gives(conn, small_snapshots):
    ingest.store_article(conn, article("Meta plans to spend $60 billion on data centers this year.", "a.txt"))
    ingest.store_article(conn, article("Google will spend $75 billion on capital expenditures this year.", "b.txt"))
    assert conn.execute("SELECT COUNT(*) FROM event_snapshot").fetchone()[0] > 0
    (_, events), (_, fresh) = cached_and_fresh(conn, EventTableCache())
    assert_frame_equal(events, fresh)
    assert fresh["url"].isna().all() and fresh["url"].dtype == object  # no article has a URL: None, as read


def test_article_list_orders_articles_as_the_store_does_with_none_where_missing(samples_conn):
    conn = samples_conn
    ingest.store_article(conn, Article(text="Meta plans to spend $60 billion on data centers this year.",
                                      source_name="undated.txt", format="txt", title=None, published=None,
                                      published_source=None), events=[])
    listed = article_list(read_frame(conn, ARTICLES_QUERY))
    stored = queries.load_articles(conn)
    assert [a["id"] for a in listed] == [a["id"] for a in stored]
    assert [(a["title"], a["published"], a["source_name"]) for a in listed] == \
        [(a["title"], a["published"], a["source_name"]) for a in stored]
    assert listed[-1]["published"] is None and listed[-1]["title"] is None


@pytest.mark.parametrize("seed", seeds(3))
def test_kept_claims_after_ingests_removals_reextract_corrections_and_merges_equal_a_fresh_read(tmp_path, seed):
    """A `ReviewedCache` reads again only the claims of the subjects a change touched and
    builds only their rows; whatever the changes, its tables equal a fresh read."""
    conn = connect(tmp_path / "events.db")
    files = sorted((ROOT / "data" / "articles").glob("*.txt"))
    rng = random.Random(seed)
    rng.shuffle(files)
    ingest.ingest_files(conn, files[:12])
    files = files[12:]
    cache = ReviewedCache()
    for step in range(10):
        events, _ = reviewed_tables(conn)
        move = rng.choice(["ingest", "remove", "correct", "reject", "merge", "add", "reextract"])
        target = events.iloc[rng.randrange(len(events))]
        key = EventKey(target["article_id"], target["fingerprint"])
        if move == "ingest" and files:
            ingest.ingest_files(conn, [files.pop()])
        elif move == "remove":
            ingest.delete_article(conn, target["article_id"])
        elif move == "correct":
            corrections.correct_event(conn, key, {"org": rng.choice(["Meta", "Google", "xAI"])}, target.to_dict(), "Ana")
        elif move == "reject":
            corrections.reject_event(conn, key, "Ana")
        elif move == "merge":
            other = events.iloc[rng.randrange(len(events))]
            corrections.merge_claims(conn, [key, EventKey(other["article_id"], other["fingerprint"])], "Ana")
        elif move == "add":
            corrections.add_event(conn, target["article_id"], int(target["span_start"]), int(target["span_end"]),
                                  {"kind": "investment", "org": "Oracle", "status": "planned", "amount_low": 1e9}, "Ana")
        elif move == "reextract":
            ingest.reextract(conn)
        kept_events, kept_claims = reviewed_tables(conn, cache)
        fresh_events, fresh_claims = reviewed_tables(conn)
        assert_frame_equal(kept_events, fresh_events)
        assert_frame_equal(kept_claims, fresh_claims)
        assert_frame_equal(cache.newest_articles(), newest_articles(read_frame(conn, ARTICLES_QUERY)))
