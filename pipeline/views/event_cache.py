"""The event table: every event with its article and its claim, as the store holds them,
read column by column, and kept so that a reader seldom reads every event again.

- `EventTableCache` keeps the table between reads: after a change it reads only the
  articles whose events, corrections or claims changed (`article_versions`, kept by
  `store.claims`) and splices them in.
- A reader that starts cold loads the store's snapshot (`store.snapshot`, kept by the
  writers) and splices in what changed since.

Whatever the path, the table equals what `event_table` reads, column types included, and
its display columns come from one function (`display.add_display_columns`). Reading
never writes.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..store.snapshot import (ARTICLE_FIELDS, ARTICLES_QUERY, EVENT_FIELDS, EVENT_ROWS_QUERY, changed_since,
                              load_snapshot)
from .display import TEXT, add_display_columns

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


def positions(values: pd.Series | pd.Index | Sequence, keys: Sequence) -> np.ndarray:
    """Where each of `values` stands among `keys` (-1 where it is not, or is missing):
    `pd.Index(keys).get_indexer(values)`, looked up by Arrow on the strings as they are
    rather than after turning each into a Python object (six times faster at 100,000)."""
    array = _arrow(values)
    if array is None:
        return pd.Index(keys).get_indexer(values)
    if not len(keys):
        return np.full(len(values), -1, dtype=np.int64)
    known = _arrow(keys)
    known = known.combine_chunks().cast(array.type) if known is not None else pa.array(list(keys), type=array.type)
    found = pc.index_in(array, value_set=known)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _arrow(values: object) -> pa.ChunkedArray | None:
    """The Arrow strings behind a pandas column of them, else None."""
    return getattr(getattr(values, "array", None), "_pa_array", None)


def _column(values: list) -> object:
    """The column pandas infers from values read from SQLite (text or NULL: str; no value
    at all: None; integers: int64; reals: float64), built without inferring."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        if str not in kinds:
            return np.full(len(values), None, dtype=object)
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=TEXT)
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
            rows += _fetch(conn, f"{EVENT_ROWS_QUERY} AND e.article_id IN ({', '.join('?' * len(chunk))})", chunk)[1]
    date, event_id = names.index("date"), names.index("id")
    days = pd.factorize(np.array([row[date] or "" for row in rows], dtype=object), sort=True)[0]
    order = np.lexsort((np.fromiter((row[event_id] for row in rows), dtype=np.int64, count=len(rows)), days))
    return _build(names, [rows[at] for at in order], articles)


def _build(names: list[str], rows: list[tuple], articles: pd.DataFrame) -> pd.DataFrame:
    """The event table of rows already in order."""
    article_id = names.index("article_id")
    where = pd.Index(articles["id"]).get_indexer([row[article_id] for row in rows])  # every event has its article
    table = _frame(names, rows, {name: articles[name].array.take(where) for name in ARTICLE_FIELDS})
    return _displayed(table)


def _displayed(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its display columns, its claim last."""
    table = table.copy(deep=False)
    claims = table.pop("claim_id")
    table = add_display_columns(table)
    table["claim_id"] = claims
    return table


class EventTableCache:
    """A store's articles and event table kept between reads. After a change only the
    events of the articles it touched are read again; a cold start loads the store's
    snapshot and reads only what changed since. Safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None  # the store's name and version the tables are of
        self._tables: tuple[pd.DataFrame, pd.DataFrame] | None = None
        self._rowids: np.ndarray | None = None  # each kept article's rowid, in the articles table's order

    def read(self, conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`ARTICLES_QUERY`'s table and `event_table`, as the caller's transaction sees the store."""
        version = tuple(conn.execute("SELECT name, version FROM store_version").fetchone())
        with self._lock:
            kept = self._tables is not None and self._version[0] == version[0] and self._version[1] <= version[1]
            if kept:
                changed = changed_since(conn, self._version[1])
                if not changed:
                    return self._tables
                (articles, rowids), table = _articles_after(conn, self._tables[0], self._rowids, changed), self._tables[1]
            else:
                articles, rowids = _read_articles(conn)
                table, since = _load_snapshot(conn, articles, version[1])
                changed = changed_since(conn, since)
            if table is None or len(changed) > MOST_CHANGED:
                table = event_table(conn, articles)
            elif changed:
                table = _splice(table, event_table(conn, articles, changed), changed, articles)
            if not kept and self._tables is not None and self._version[0] == version[0]:
                return articles, table  # an older state than the one kept: leave that one
            self._version, self._tables, self._rowids = version, (articles, table), rowids
            return articles, table

    @property
    def articles(self) -> pd.DataFrame | None:
        """`ARTICLES_QUERY`'s table as last read, or None before the first read."""
        return self._tables[0] if self._tables is not None else None


def _read_articles(conn: sqlite3.Connection, article_ids: Sequence[str] | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """`ARTICLES_QUERY`'s table (of `article_ids` only, when given) in the store's order,
    and each article's rowid."""
    if article_ids is None:
        names, rows = _fetch(conn, ARTICLES_QUERY.replace("SELECT ", "SELECT rowid, ", 1))
    else:
        names, rows = [], []
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start:start + 500])
            names, found = _fetch(conn, ARTICLES_QUERY.replace("SELECT ", "SELECT rowid, ", 1)
                                  + f" WHERE id IN ({', '.join('?' * len(chunk))}) ORDER BY rowid", chunk)
            rows += found
        rows.sort(key=lambda row: row[0])
    frame = _frame(names[1:], [row[1:] for row in rows])
    return frame, np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))


def _articles_after(conn: sqlite3.Connection, kept: pd.DataFrame, rowids: np.ndarray,
                    changed: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The articles table after a change to the `changed` articles, reading only those: an
    article's row never changes (its id is its text's hash), so each is kept, gone, or new
    (then last, by rowid, where a full read puts it)."""
    fresh, fresh_rowids = _read_articles(conn, changed)
    now = dict(zip(fresh["id"].tolist(), fresh_rowids.tolist()))
    keep = np.ones(len(kept), dtype=bool)
    for at in np.flatnonzero(kept["id"].isin(changed).to_numpy()).tolist():  # gone, or gone and back
        keep[at] = now.get(kept["id"].iat[at]) == rowids[at]
    new = pd.Index(kept["id"][keep]).get_indexer(fresh["id"]) < 0  # (isin over many arrow strings is slow)
    if keep.all() and not new.any():
        return kept, rowids
    pieces = [piece for piece in (kept[keep], fresh[new]) if len(piece)]
    merged = _as_typed(pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else
                       (pieces[0].reset_index(drop=True) if pieces else fresh.iloc[:0].copy()))
    return merged, np.concatenate([rowids[keep], fresh_rowids[new]])


def _as_typed(table: pd.DataFrame) -> pd.DataFrame:
    """Columns joined from two reads typed as one read of their values types them."""
    for name in table.columns:
        column = table[name]
        if column.dtype == object or column.isna().all():
            table[name] = _column(column.astype(object).where(column.notna(), None).tolist())
    return table


def _splice(table: pd.DataFrame, fresh: pd.DataFrame, changed: list[str], articles: pd.DataFrame) -> pd.DataFrame:
    """`table` with the events of the `changed` articles replaced by `fresh`."""
    inside = positions(table["article_id"], changed) >= 0
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
    return _as_read(merged, articles)  # display columns come with each piece's rows, their types fixed


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
    store's values (a column with no value at all holds None), and articles' columns as
    the articles table has them."""
    table = table.copy(deep=False)
    for name in (*EVENT_FIELDS, "claim_id"):
        column = table[name]
        if column.isna().all() or column.dtype == object:
            table[name] = _as_inferred(column.tolist())
    for name in ARTICLE_FIELDS:
        if table[name].dtype != articles[name].dtype:
            table[name] = articles[name].array.take(positions(table["article_id"], articles["id"]))
    return table


def _load_snapshot(conn: sqlite3.Connection, articles: pd.DataFrame,
                   at_most: int) -> tuple[pd.DataFrame | None, int | None]:
    """The stored snapshot as an event table, and the version it was taken at, unless it
    is newer than `at_most`."""
    table, version = load_snapshot(conn, at_most)
    if table is None:
        return None, None
    return _displayed(_as_read(table.to_pandas(), articles)), version
