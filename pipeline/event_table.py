"""The event table: every event with its article and its claim, as the store holds them,
read column by column, and kept so that a reader seldom reads every event again.

- `EventTableCache` keeps the table between reads: after a change it reads only the
  articles whose events, corrections or claims changed (`article_versions`, kept by
  `claim_store`) and splices them in.
- The store keeps a snapshot of the table (Arrow IPC, schema 5) for readers that start
  cold: they load it and splice what changed since. Readers store a new one from memory
  when it has fallen behind; bulk writes store one at their end, a chunk at a time.

Whatever the path, the table equals what `event_table` reads, column types included.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import Callable, Iterator, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from .claim_store import update_claims
from .display import format_amount, format_date
from .store import write

EVENT_FIELDS = (
    "id", "article_id", "fingerprint", "kind", "org", "model", "item", "amount_low", "amount_high", "currency",
    "amount_text", "date", "date_precision", "status", "speaker", "evidence", "span_start", "span_end", "rules_version",
)
ARTICLE_FIELDS = ("article_title", "source_name", "url", "outlet", "published", "published_source", "uploaded")
DISPLAY_FIELDS = ("name", "figure", "amount", "when", "reviewed")
ARTICLES_QUERY = ("SELECT id, title AS article_title, source_name, url, outlet, published, published_source, uploaded"
                  " FROM articles")
EVENT_ROWS_QUERY = (  # each event with its claim (none while rejected)
    f"SELECT {', '.join('e.' + name for name in EVENT_FIELDS)}, c.claim_id FROM events e"
    " LEFT JOIN claim_events c ON c.article_id = e.article_id AND c.fingerprint = e.fingerprint"
)
ARROW_TYPES = {"id": pa.int64(), "span_start": pa.int64(), "span_end": pa.int64(), "uploaded": pa.int64(),
               "amount_low": pa.float64(), "amount_high": pa.float64(), "figure": pa.float64(), "reviewed": pa.bool_()}
SNAPSHOT_SCHEMA = pa.schema([(name, ARROW_TYPES.get(name, pa.large_string()))
                             for name in (*EVENT_FIELDS, *ARTICLE_FIELDS, *DISPLAY_FIELDS, "claim_id")])
SNAPSHOT_LAG = 500      # articles changed since the stored snapshot beyond which a new one is stored
SNAPSHOT_CHUNK = 2000   # events stored in one part of the snapshot (and read at a time by a bulk write)
MOST_CHANGED = 2000     # articles changed since a table was read beyond which it is read again whole


def read_frame(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> pd.DataFrame:
    """A query's rows as a DataFrame, built column by column."""
    names, rows = _fetch(conn, sql, params)
    return _frame(names, rows)


def _fetch(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> tuple[list[str], list[tuple]]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples
    cursor.execute(sql, params)
    return [column[0] for column in cursor.description], cursor.fetchall()


def _frame(names: list[str], rows: list[tuple], extra: dict | None = None) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({**{name: [] for name in names}, **(extra or {})}, columns=[*names, *(extra or {})])
    data = {name: _column(list(values)) for name, values in zip(names, zip(*rows))}
    return pd.DataFrame({**data, **(extra or {})}, columns=[*names, *(extra or {})])


STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' str


def _column(values: list) -> object:
    """The column pandas infers from values read from SQLite (text or NULL: str; no value
    at all: None; integers: int64; reals: float64), built without inferring."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        if str not in kinds:
            return np.full(len(values), None, dtype=object)
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=STR)
    if kinds == {int}:
        return np.fromiter(values, dtype=np.int64, count=len(values))
    if kinds <= {int, float, type(None)} and float in kinds:
        return np.array(values, dtype=np.float64)
    return pd.Series(values).array  # anything else: as pandas infers it


def event_table(conn: sqlite3.Connection, articles: pd.DataFrame | None = None,
                article_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every event (or those of `article_ids`) with its article's title, source and
    publication date, in the order of `store.EVENTS_QUERY` (by date, undated first, then
    id), the columns people read (`add_display_columns`) and, last, its claim (none
    while rejected). `articles` is `ARTICLES_QUERY`'s table when the caller has it."""
    if articles is None:
        articles = read_frame(conn, ARTICLES_QUERY)
    if article_ids is None:
        names, rows = _fetch(conn, EVENT_ROWS_QUERY)
    else:
        names, rows = [*EVENT_FIELDS, "claim_id"], []
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start:start + 500])
            rows += _fetch(conn, f"{EVENT_ROWS_QUERY} WHERE e.article_id IN ({', '.join('?' * len(chunk))})", chunk)[1]
    date, event_id = names.index("date"), names.index("id")
    days = pd.factorize(np.array([row[date] or "" for row in rows], dtype=object), sort=True)[0]
    order = np.lexsort((np.fromiter((row[event_id] for row in rows), dtype=np.int64, count=len(rows)), days))
    return _build(names, [rows[at] for at in order], articles)


def _build(names: list[str], rows: list[tuple], articles: pd.DataFrame) -> pd.DataFrame:
    """The event table of rows already in order."""
    article_id = names.index("article_id")
    where = pd.Index(articles["id"]).get_indexer([row[article_id] for row in rows])  # every event has its article
    table = _frame(names, rows, {name: articles[name].array.take(where) for name in ARTICLE_FIELDS})
    claims = table.pop("claim_id")
    table = add_display_columns(table)
    table["claim_id"] = claims
    return table


def add_display_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Columns for people: the amount and date as written, the name of the model or chip,
    and the figure used in totals (the low end of a range, else the high end)."""
    table = table.copy(deep=False)
    table["name"] = table["model"].fillna(table["item"]).fillna("")
    table["figure"] = table["amount_low"].fillna(table["amount_high"])
    table["amount"] = per_distinct(format_amount, table, ["kind", "amount_low", "amount_high"])
    table["when"] = per_distinct(format_date, table, ["date", "date_precision"])
    if "reviewed" not in table:
        table["reviewed"] = False
    return table


def per_distinct(function: Callable, table: pd.DataFrame, columns: list[str]) -> list:
    """`function` of each row's values in `columns`, called once per distinct combination."""
    if table.empty:
        return []
    groups = table.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()  # numbered as first seen
    firsts = table.loc[~pd.Series(groups).duplicated().to_numpy(), columns]
    values = np.empty(len(firsts), dtype=object)
    values[:] = [function(*row) for row in firsts.itertuples(index=False)]
    return values[groups].tolist()


class EventTableCache:
    """A store's articles and event table kept between reads. After a change only the
    events of the articles it touched are read again; a cold start loads the store's
    snapshot and reads only what changed since. Safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None  # the store's name and version the tables are of
        self._tables: tuple[pd.DataFrame, pd.DataFrame] | None = None
        self._behind = 0  # articles changed between the stored snapshot and the tables

    def read(self, conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`ARTICLES_QUERY`'s table and `event_table`, as the caller's transaction sees the store."""
        version = tuple(conn.execute("SELECT name, version FROM store_version").fetchone())
        with self._lock:
            kept = self._tables is not None and self._version[0] == version[0] and self._version[1] <= version[1]
            if kept:
                changed = _changed_since(conn, self._version[1])
                if not changed:
                    return self._tables
                articles, table = read_frame(conn, ARTICLES_QUERY), self._tables[1]
            else:
                articles = read_frame(conn, ARTICLES_QUERY)
                table, since = _load_snapshot(conn, articles, version[1])
                changed = _changed_since(conn, since)
            if table is None or len(changed) > MOST_CHANGED:
                table = event_table(conn, articles)
            elif changed:
                table = _splice(table, event_table(conn, articles, changed), changed, articles)
            if not kept and self._tables is not None and self._version[0] == version[0]:
                return articles, table  # an older state than the one kept: leave that one
            self._version, self._tables = version, (articles, table)
            stored = _snapshot_version(conn)
            self._behind = _count_changed_since(conn, stored) if stored is not None else len(articles)
            return articles, table

    @property
    def articles(self) -> pd.DataFrame | None:
        """`ARTICLES_QUERY`'s table as last read, or None before the first read."""
        return self._tables[0] if self._tables is not None else None

    def keep(self, conn: sqlite3.Connection) -> bool:
        """Store the table as the store's snapshot when the stored one has fallen more than
        `SNAPSHOT_LAG` articles behind (outside any transaction). True if it stored one."""
        with self._lock:
            if self._tables is None or self._behind <= SNAPSHOT_LAG or self._tables[1].empty:
                return False
            stored = _store_snapshot(conn, self._version, self._tables[1])
            self._behind = 0
            return stored


def _changed_since(conn: sqlite3.Connection, version: int | None) -> list[str]:
    """The articles whose events, corrections or claims changed after `version`."""
    if version is None:
        return []
    return [row[0] for row in conn.execute("SELECT article_id FROM article_versions WHERE version > ?", (version,))]


def _count_changed_since(conn: sqlite3.Connection, version: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM article_versions WHERE version > ?", (version,)).fetchone()[0]


def _splice(table: pd.DataFrame, fresh: pd.DataFrame, changed: list[str], articles: pd.DataFrame) -> pd.DataFrame:
    """`table` with the events of the `changed` articles replaced by `fresh`."""
    inside = pd.Index(changed).get_indexer(table["article_id"]) >= 0
    kept = np.flatnonzero(~inside)
    if not len(kept):
        return fresh
    replaced = np.flatnonzero(inside)
    if _same_events(table.iloc[replaced], fresh):  # only claims moved (a correction, a regroup): one column changes
        claims = table["claim_id"].to_numpy(dtype=object, na_value=None)
        claims[replaced] = fresh["claim_id"].to_numpy(dtype=object, na_value=None)
        table = table.copy(deep=False)
        table["claim_id"] = _as_inferred(claims.tolist())
        return table
    rows = np.concatenate([kept, len(table) + np.arange(len(fresh))])
    merged = pd.concat([table, fresh], ignore_index=True) if len(fresh) else table  # arrow columns joined, not copied
    days = pd.factorize(merged["date"].fillna("").to_numpy()[rows], sort=True)[0]
    merged = merged.take(rows[np.lexsort((merged["id"].to_numpy()[rows], days))]).reset_index(drop=True)
    return _as_read(merged, articles)


def _same_events(old: pd.DataFrame, fresh: pd.DataFrame) -> bool:
    """Whether two runs of rows hold the same events with the same values, claims aside."""
    if len(old) != len(fresh):
        return False
    for name in old.columns.drop("claim_id"):
        for a, b in zip(old[name].to_numpy(dtype=object), fresh[name].to_numpy(dtype=object)):
            if not (a == b or (pd.isna(a) and pd.isna(b))):
                return False
    return True


def _as_inferred(values: list) -> pd.Series | np.ndarray:
    """A column of values from the store as pandas infers it; a column of no value at all holds None."""
    if all(value is None or value != value for value in values):
        return np.full(len(values), None, dtype=object)
    return pd.Series(values)


def _as_read(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The column types `event_table` gives these values: what pandas infers from the
    store's values (a column with no value at all holds None), articles' columns as the
    articles table has them, and the name and figure computed again on those."""
    table = table.copy(deep=False)
    for name in (*EVENT_FIELDS, "claim_id"):
        column = table[name]
        if column.isna().all() or column.dtype == object:
            table[name] = _as_inferred(column.tolist())
    for name in ARTICLE_FIELDS:
        if table[name].dtype != articles[name].dtype:
            table[name] = articles[name].array.take(pd.Index(articles["id"]).get_indexer(table["article_id"]))
    table["name"] = table["model"].fillna(table["item"]).fillna("")
    table["figure"] = table["amount_low"].fillna(table["amount_high"])
    return table


# --- the stored snapshot ----------------------------------------------------------------------

def _snapshot_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT version FROM event_snapshot LIMIT 1").fetchone()
    return row[0] if row else None


def _load_snapshot(conn: sqlite3.Connection, articles: pd.DataFrame,
                   at_most: int) -> tuple[pd.DataFrame | None, int | None]:
    """The stored snapshot and the version it was read at, unless it is newer than `at_most`."""
    parts = conn.execute("SELECT version, data FROM event_snapshot WHERE version <= ? ORDER BY part",
                         (at_most,)).fetchall()
    if not parts:
        return None, None
    table = pa.concat_tables(pa.ipc.open_stream(pa.py_buffer(data)).read_all() for _, data in parts)
    return _as_read(table.to_pandas(), articles), parts[0][0]


def _store_snapshot(conn: sqlite3.Connection, version: tuple, table: pd.DataFrame) -> bool:
    """Store `table`, read at `version`, unless the store has a newer snapshot."""
    arrow = pa.Table.from_pandas(table, schema=SNAPSHOT_SCHEMA, preserve_index=False)
    with write(conn, claims=False):
        if tuple(conn.execute("SELECT name FROM store_version").fetchone()) != version[:1]:
            return False
        if (_snapshot_version(conn) or -1) >= version[1]:
            return False
        _write_parts(conn, version[1], arrow.to_batches(max_chunksize=SNAPSHOT_CHUNK))
    return True


def _write_parts(conn: sqlite3.Connection, version: int, batches: Iterator[pa.RecordBatch]) -> None:
    """Replace the stored snapshot, one part (an Arrow IPC stream, lz4) per batch."""
    conn.execute("DELETE FROM event_snapshot")
    for part, batch in enumerate(batches):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, SNAPSHOT_SCHEMA, options=pa.ipc.IpcWriteOptions(compression="lz4")) as writer:
            writer.write_batch(batch)
        conn.execute("INSERT INTO event_snapshot (part, version, data) VALUES (?, ?, ?)",
                     (part, version, sink.getvalue().to_pybytes()))


def refresh_snapshot(conn: sqlite3.Connection) -> bool:
    """After a bulk write: store a new snapshot when the stored one (or, with none, the
    store) has more than `SNAPSHOT_LAG` articles changed since. Reads and stores
    `SNAPSHOT_CHUNK` events at a time, so memory stays flat. True if it stored one."""
    with write(conn, claims=False):  # nothing changes while it reads
        update_claims(conn)
        since = _snapshot_version(conn)
        behind = _count_changed_since(conn, since if since is not None else -1)
        if behind <= SNAPSHOT_LAG or not conn.execute("SELECT 1 FROM events LIMIT 1").fetchone():
            return False
        articles = read_frame(conn, ARTICLES_QUERY)
        names = [*EVENT_FIELDS, "claim_id"]
        version = conn.execute("SELECT version FROM store_version").fetchone()[0]
        _write_parts(conn, version, (pa.RecordBatch.from_pandas(_build(names, rows, articles), schema=SNAPSHOT_SCHEMA,
                                                                preserve_index=False)
                                     for rows in _chunks_in_order(conn)))
    return True


def _chunks_in_order(conn: sqlite3.Connection) -> Iterator[list[tuple]]:
    """Every event in the table's order (undated first by id, then by date and id), a
    chunk at a time."""
    last = 0
    while rows := _fetch(conn, f"{EVENT_ROWS_QUERY} WHERE e.date IS NULL AND e.id > ? ORDER BY e.id LIMIT ?",
                         (last, SNAPSHOT_CHUNK))[1]:
        yield rows
        last = rows[-1][0]
    day, last = "", 0
    date = EVENT_FIELDS.index("date")
    while rows := _fetch(conn, f"{EVENT_ROWS_QUERY} WHERE e.date IS NOT NULL AND (e.date, e.id) > (?, ?)"
                               " ORDER BY e.date, e.id LIMIT ?", (day, last, SNAPSHOT_CHUNK))[1]:
        yield rows
        day, last = rows[-1][date], rows[-1][0]
