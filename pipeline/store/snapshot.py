"""A snapshot of the event table kept in the store (schema 5), for readers that start cold:
they load it and read only the articles changed since (`views.event_cache`).

The snapshot holds values only (each event's fields, its article's, its claim), never
text made for display, so a change to how values are shown never leaves an old form
behind. Keeping it current is the writer's job: a before-commit hook stores a new one, a
few thousand events a part (Arrow IPC, lz4), when the stored one has fallen more than
`SNAPSHOT_LAG` changed articles behind.
"""
from __future__ import annotations

import sqlite3
from typing import Iterator

import pyarrow as pa

from .schema import SOUND_EVENT
from .transaction import before_commit

EVENT_FIELDS = (
    "id", "article_id", "fingerprint", "kind", "org", "model", "item", "amount_low", "amount_high", "currency",
    "amount_text", "date", "date_precision", "status", "category", "counterparty", "period_start", "period_end",
    "measure", "speaker", "evidence", "span_start", "span_end", "rules_version",
)
ARTICLE_FIELDS = ("article_title", "source_name", "url", "outlet", "published", "published_source", "uploaded")
SNAPSHOT_FIELDS = (*EVENT_FIELDS, *ARTICLE_FIELDS, "claim_id")
ARTICLES_QUERY = ("SELECT id, title AS article_title, source_name, url, outlet, published, published_source, uploaded"
                  " FROM articles")
EVENT_ROWS_QUERY = (  # each sound event with its claim (none while rejected); more conditions follow with AND
    f"SELECT {', '.join('e.' + name for name in EVENT_FIELDS)}, c.claim_id FROM events e"
    " LEFT JOIN claim_events c ON c.article_id = e.article_id AND c.fingerprint = e.fingerprint"
    f" WHERE {SOUND_EVENT}"
)
SNAPSHOT_ROWS_QUERY = (  # the same with the article's fields, in the snapshot's column order
    f"SELECT {', '.join('e.' + name for name in EVENT_FIELDS)}, a.title, a.source_name, a.url, a.outlet, a.published,"
    " a.published_source, a.uploaded, c.claim_id FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN claim_events c ON c.article_id = e.article_id AND c.fingerprint = e.fingerprint"
    f" WHERE {SOUND_EVENT}"
)
_TYPES = {"id": pa.int64(), "span_start": pa.int64(), "span_end": pa.int64(), "uploaded": pa.int64(),
          "amount_low": pa.float64(), "amount_high": pa.float64()}
SNAPSHOT_SCHEMA = pa.schema([(name, _TYPES.get(name, pa.large_string())) for name in SNAPSHOT_FIELDS])
SNAPSHOT_LAG = 500      # articles changed since the stored snapshot beyond which a new one is stored
SNAPSHOT_CHUNK = 2000   # events in one part of the snapshot (and read at a time while storing it)


def snapshot_version(conn: sqlite3.Connection) -> int | None:
    """The store version the stored snapshot was taken at, or None without one."""
    row = conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()
    return row[0] if row else None


def changed_since(conn: sqlite3.Connection, version: int | None) -> list[str]:
    """The articles whose events, corrections or claims changed after `version`."""
    if version is None:
        return []
    return [row[0] for row in conn.execute("SELECT article_id FROM article_versions WHERE version > ?", (version,))]


def count_changed_since(conn: sqlite3.Connection, version: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM article_versions WHERE version > ?", (version,)).fetchone()[0]


def load_snapshot(conn: sqlite3.Connection, at_most: int) -> tuple[pa.Table | None, int | None]:
    """The stored snapshot and the version it was taken at, unless it is newer than `at_most`."""
    parts = conn.execute("SELECT version, data FROM event_snapshot WHERE version <= ? ORDER BY part",
                         (at_most,)).fetchall()
    if not parts:
        return None, None
    return pa.concat_tables(pa.ipc.open_stream(pa.py_buffer(data)).read_all() for _, data in parts), parts[0][0]


@before_commit
def keep_snapshot(conn: sqlite3.Connection) -> bool:
    """Inside the caller's write transaction, after claims are current: store a new
    snapshot when the stored one (or, with none, the store) has more than `SNAPSHOT_LAG`
    articles changed since. Memory stays flat: `SNAPSHOT_CHUNK` events at a time. True if
    it stored one."""
    since = snapshot_version(conn)
    if count_changed_since(conn, since if since is not None else -1) <= SNAPSHOT_LAG:
        return False
    conn.execute("DELETE FROM event_snapshot")
    if not conn.execute("SELECT 1 FROM events LIMIT 1").fetchone():
        return False
    version = conn.execute("SELECT version FROM store_version").fetchone()[0]
    for part, rows in enumerate(_chunks_in_order(conn)):
        columns = list(zip(*rows))
        batch = pa.RecordBatch.from_arrays([pa.array(values, type=field.type)
                                            for values, field in zip(columns, SNAPSHOT_SCHEMA)], schema=SNAPSHOT_SCHEMA)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, SNAPSHOT_SCHEMA, options=pa.ipc.IpcWriteOptions(compression="lz4")) as writer:
            writer.write_batch(batch)
        conn.execute("INSERT INTO event_snapshot (part, version, data) VALUES (?, ?, ?)",
                     (part, version, sink.getvalue().to_pybytes()))
    return True


def _fetch(conn: sqlite3.Connection, sql: str, params: tuple) -> list[tuple]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples
    return cursor.execute(sql, params).fetchall()


def _chunks_in_order(conn: sqlite3.Connection) -> Iterator[list[tuple]]:
    """Every event in the table's order (undated first by id, then by date and id), a
    chunk at a time."""
    last = 0
    while rows := _fetch(conn, f"{SNAPSHOT_ROWS_QUERY} AND e.date IS NULL AND e.id > ? ORDER BY e.id LIMIT ?",
                         (last, SNAPSHOT_CHUNK)):
        yield rows
        last = rows[-1][0]
    day, last = "", 0
    date = EVENT_FIELDS.index("date")
    while rows := _fetch(conn, f"{SNAPSHOT_ROWS_QUERY} AND e.date IS NOT NULL AND (e.date, e.id) > (?, ?)"
                               " ORDER BY e.date, e.id LIMIT ?", (day, last, SNAPSHOT_CHUNK)):
        yield rows
        day, last = rows[-1][date], rows[-1][0]
