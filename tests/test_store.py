"""The store: idempotent, atomic per article, concurrent readers, migrations."""
import datetime as dt
import sqlite3
import threading

import pytest

from pipeline import paths
from pipeline.errors import StoreError
from pipeline.store import ingest, queries, schema, transaction
from pipeline.store import samples as samples_module
from pipeline.store.connection import connect
from pipeline.extraction import Event
from pipeline.readers.article import Article

ARTICLE_TEXT = (
    "Meta plans to spend $60 billion to $65 billion on capital expenditures this year.\n\n"
    "Meta said it will end the year with more than 1.3 million GPUs."
)


def make_article(text: str = ARTICLE_TEXT, name: str = "meta.txt") -> Article:
    return Article(text=text, source_name=name, format="txt", title="Meta capex",
                   published=dt.date(2025, 1, 25), published_source="user")


def test_connect_new_file_sets_wal_foreign_keys_and_schema_version(tmp_path):
    conn = connect(tmp_path / "new.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_store_article_adds_article_and_its_events(conn):
    result = ingest.store_article(conn, make_article())
    assert result.status == ingest.ADDED and result.events == 2
    assert queries.count_rows(conn) == {"articles": 1, "events": 2}


def test_store_article_twice_adds_nothing_the_second_time(conn):
    ingest.store_article(conn, make_article())
    again = ingest.store_article(conn, make_article(name="copy-of-meta.txt"))
    assert again.status == ingest.PRESENT
    assert queries.count_rows(conn) == {"articles": 1, "events": 2}


def test_store_article_failing_midway_leaves_no_trace(conn):
    broken = Event(kind="not-a-kind", org="Meta", evidence="x", status="done")  # violates the CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        ingest.store_article(conn, make_article(), events=[broken])
    assert queries.count_rows(conn) == {"articles": 0, "events": 0}


def test_ingest_files_bad_file_is_reported_and_the_rest_go_in(conn, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = ingest.ingest_files(conn, [empty, good], published=dt.date(2025, 1, 25))
    assert [r.status for r in results] == [ingest.FAILED, ingest.ADDED]
    assert results[0].error == "empty.txt: is empty"
    assert queries.count_rows(conn)["articles"] == 1


def test_ingest_files_folder_is_read_recursively_for_supported_files(conn, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("---\ntitle: Two\ndate: 2024-05-01\n---\nGoogle spent $12 billion on data centers in the quarter.\n", encoding="utf-8")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04")
    results = ingest.ingest_files(conn, [tmp_path / "a"], published=dt.date(2025, 1, 25))
    assert sorted(r.source for r in results) == ["one.txt", "two.md"]


def test_ingest_files_without_any_date_records_an_assumed_date(conn, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    ingest.ingest_files(conn, [path])
    row = conn.execute("SELECT published, published_source FROM articles").fetchone()
    assert row["published_source"] == "assumed" and row["published"]


def test_delete_article_removes_its_events(conn):
    result = ingest.store_article(conn, make_article())
    assert ingest.delete_article(conn, result.article_id)
    assert queries.count_rows(conn) == {"articles": 0, "events": 0}


def test_load_events_joins_article_title_and_source(conn):
    ingest.store_article(conn, make_article())
    rows = queries.load_events(conn)
    assert {r["source_name"] for r in rows} == {"meta.txt"}
    assert all(r["evidence"] in ARTICLE_TEXT for r in rows)


def test_reader_sees_store_while_a_writer_holds_a_transaction(tmp_path):
    path = tmp_path / "shared.db"
    writer = connect(path)
    ingest.store_article(writer, make_article())
    reader = connect(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM events")
    try:
        assert queries.count_rows(reader)["events"] == 2  # WAL: the reader sees the last commit
    finally:
        writer.execute("ROLLBACK")


def test_two_writers_in_threads_both_land(tmp_path):
    path = tmp_path / "busy.db"
    connect(path).close()
    texts = [ARTICLE_TEXT + f"\n\nRevision {i}." for i in range(8)]

    def write_articles(chunk):
        conn = connect(path)
        for text in chunk:
            ingest.store_article(conn, make_article(text))
        conn.close()

    threads = [threading.Thread(target=write_articles, args=(texts[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert queries.count_rows(connect(path))["articles"] == 8


def test_connect_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
    raw.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    raw.close()
    with pytest.raises(StoreError, match="newer version"):
        connect(path)


def test_ensure_samples_builds_the_store_once(conn, tmp_path):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text("Published: 2025-01-25\n\n" + ARTICLE_TEXT, encoding="utf-8")
    assert len(ingest.ensure_samples(conn, samples)) == 1
    assert ingest.ensure_samples(conn, samples) == []


def test_first_build_from_samples_runs_to_its_end_once_whoever_watches(tmp_path, monkeypatch):
    samples = tmp_path / "samples"
    samples.mkdir()
    for n in range(3):
        (samples / f"{n}.txt").write_text(f"Published: 2025-01-2{n}\n\nStory {n}. " + ARTICLE_TEXT, encoding="utf-8")
    monkeypatch.setenv(paths.SAMPLES_ENV, str(samples))
    path = tmp_path / "events.db"
    started = threading.Event()
    go_on = threading.Event()
    original = ingest.ingest_files

    def slow_ingest(*args, **kwargs):
        started.set()
        go_on.wait(10)  # the page that started the build has gone by now
        return original(*args, **kwargs)

    monkeypatch.setattr(ingest, "ingest_files", slow_ingest)
    build = samples_module.sample_build(path)
    assert build is not None and started.wait(10)
    assert samples_module.sample_build(path) is build  # a second page watches the same build
    go_on.set()
    assert build.finished.wait(30) and build.error is None
    assert len(build.results) == 3 and queries.count_rows(connect(path))["articles"] == 3
    assert samples_module.sample_build(path) is None  # built: nothing more to do
