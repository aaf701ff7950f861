"""The tables the dashboard shows, read from the store: one row per event (with its
article, as reviewed) and one row per claim (with how many articles report it).

Claims are grouped when the store changes (`claim_store`), so reading is a handful of
queries turned into DataFrames column by column; values people read ("$1.5B",
"Q3 2024") are formatted once per distinct value, not once per row. A reader that keeps
an `EventTableCache` reads again only the events of articles that changed since."""
from __future__ import annotations

import gc
import sqlite3
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import numpy as np
import pandas as pd

from .claim_store import up_to_date
from .display import format_amount, format_date
from .review import apply_corrections, load_corrections

CLAIM_COLUMNS = [
    "claim_id", "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date", "date_precision",
    "status", "sources", "disputed", "disputed_fields", "first_reported", "evidence", "source_name", "article_title",
    "article_id", "article_ids", "event_ids", "manual", "reviewed",
]
EVENT_FIELDS = (
    "id", "article_id", "fingerprint", "kind", "org", "model", "item", "amount_low", "amount_high", "currency",
    "amount_text", "date", "date_precision", "status", "speaker", "evidence", "span_start", "span_end", "rules_version",
)
ARTICLE_FIELDS = ("article_title", "source_name", "url", "outlet", "published", "published_source", "uploaded")
ARTICLES_QUERY = ("SELECT id, title AS article_title, source_name, url, outlet, published, published_source, uploaded"
                  " FROM articles")
EVENTS_QUERY = (  # each event with its claim (none while rejected)
    f"SELECT {', '.join('e.' + name for name in EVENT_FIELDS)}, c.claim_id FROM events e"
    " LEFT JOIN claim_events c ON c.article_id = e.article_id AND c.fingerprint = e.fingerprint"
)
CLAIMS_QUERY = (  # in the order group_claims gives
    "SELECT id AS claim_id, kind, org, model, item, amount_low, amount_high, currency, date, date_precision, status,"
    " sources, disputed_fields, first_reported, lead_article_id AS article_id, lead_fingerprint, manual FROM claims"
    " ORDER BY manual, COALESCE(opened_published, ''), opened_added, opened_seq"
)


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
    columns = list(zip(*rows)) or [()] * len(names)
    data = {name: list(column) for name, column in zip(names, columns)}
    return pd.DataFrame({**data, **(extra or {})}, columns=[*names, *(extra or {})])


def event_table(conn: sqlite3.Connection, articles: pd.DataFrame | None = None,
                article_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every event (or those of `article_ids`) with its article's title, source and
    publication date, in the order of `store.EVENTS_QUERY` (by date, undated first, then
    id), the columns people read (`add_display_columns`) and, last, its claim (none
    while rejected). `articles` is `ARTICLES_QUERY`'s table when the caller has it."""
    if articles is None:
        articles = read_frame(conn, ARTICLES_QUERY)
    if article_ids is None:
        names, rows = _fetch(conn, EVENTS_QUERY)
    else:
        names, rows = [*EVENT_FIELDS, "claim_id"], []
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start:start + 500])
            rows += _fetch(conn, f"{EVENTS_QUERY} WHERE e.article_id IN ({', '.join('?' * len(chunk))})", chunk)[1]
    date, event_id, article_id = (names.index(name) for name in ("date", "id", "article_id"))
    days = pd.factorize(np.array([row[date] or "" for row in rows], dtype=object), sort=True)[0]
    order = np.lexsort((np.fromiter((row[event_id] for row in rows), dtype=np.int64, count=len(rows)), days))
    rows = [rows[at] for at in order]
    where = pd.Index(articles["id"]).get_indexer([row[article_id] for row in rows])  # every event has its article
    table = _frame(names, rows, {name: articles[name].array.take(where) for name in ARTICLE_FIELDS})
    claims = table.pop("claim_id")
    table = add_display_columns(table)
    table["claim_id"] = claims
    return table


class EventTableCache:
    """A store's articles and event table kept between reads. After a change only the
    events of the articles it touched are read again (the store's `article_versions`);
    a change to corrections alone reads no events. Safe to share between threads."""

    MOST_CHANGED = 2000  # articles changed since the last read beyond which it reads everything

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None  # the store's name and version the tables are of
        self._tables: tuple[pd.DataFrame, pd.DataFrame] | None = None

    def read(self, conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`ARTICLES_QUERY`'s table and `event_table`, as the caller's transaction sees the store."""
        version = tuple(conn.execute("SELECT name, version FROM store_version").fetchone())
        with self._lock:
            tables = None
            if self._tables is not None and self._version[0] == version[0] and self._version[1] <= version[1]:
                changed = [row[0] for row in conn.execute(
                    "SELECT article_id FROM article_versions WHERE version > ?", (self._version[1],))]
                if not changed:
                    tables = self._tables
                elif len(changed) <= self.MOST_CHANGED:
                    articles = read_frame(conn, ARTICLES_QUERY)
                    fresh = event_table(conn, articles, changed)
                    tables = articles, _splice(self._tables[1], fresh, changed, articles)
            if tables is None:
                articles = read_frame(conn, ARTICLES_QUERY)
                tables = articles, event_table(conn, articles)
            if self._version is None or self._version[0] != version[0] or self._version[1] <= version[1]:
                self._version, self._tables = version, tables
            return tables


def _splice(table: pd.DataFrame, fresh: pd.DataFrame, changed: list[str], articles: pd.DataFrame) -> pd.DataFrame:
    """`table` with the events of the `changed` articles replaced by `fresh`: the table
    `event_table` reads, column types included."""
    kept = np.flatnonzero(pd.Index(changed).get_indexer(table["article_id"]) < 0)
    if not len(kept):
        return fresh
    rows = np.concatenate([kept, len(table) + np.arange(len(fresh))])
    merged = pd.concat([table, fresh], ignore_index=True) if len(fresh) else table  # arrow columns joined, not copied
    days = pd.factorize(merged["date"].fillna("").to_numpy()[rows], sort=True)[0]
    merged = merged.take(rows[np.lexsort((merged["id"].to_numpy()[rows], days))]).reset_index(drop=True)
    for name in (*EVENT_FIELDS, "claim_id"):  # the types a fresh read infers from these values
        column = merged[name]
        if column.isna().all():
            merged[name] = np.full(len(merged), None, dtype=object)
        elif column.dtype == object:
            merged[name] = pd.Series(column.tolist(), index=merged.index)
    for name in ARTICLE_FIELDS:
        if merged[name].dtype != articles[name].dtype:
            merged[name] = articles[name].array.take(pd.Index(articles["id"]).get_indexer(merged["article_id"]))
    merged["name"] = merged["model"].fillna(merged["item"]).fillna("")
    merged["figure"] = merged["amount_low"].fillna(merged["amount_high"])
    return merged


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


def reviewed_tables(conn: sqlite3.Connection, cache: EventTableCache | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events as reviewed (corrections applied, added events included, rejected ones
    flagged, each with its claim and the number of articles behind it) and the claims
    of the events that are not rejected. With a `cache`, events are read again only for
    the articles that changed since it last read the store."""
    with _collector_paused():
        with up_to_date(conn):  # one state of the store, its claims grouped
            articles, events = (cache or EventTableCache()).read(conn)
            corrections = load_corrections(conn)
            added = read_frame(conn, "SELECT article_id, fingerprint, claim_id FROM claim_events WHERE added = 1")
            claims = read_frame(conn, CLAIMS_QUERY)
        claim_ids = events["claim_id"]
        events = apply_corrections(events.drop(columns="claim_id"), corrections, articles)
        claim_ids = claim_ids.reindex(events.index)
        if not added.empty:  # analysts' events, after the extracted ones
            keys = pd.MultiIndex.from_frame(events[["article_id", "fingerprint"]])
            by_key = added.set_index(["article_id", "fingerprint"])["claim_id"]
            analysts = (events["origin"] == "analyst").to_numpy()
            claim_ids[analysts] = by_key.reindex(keys[analysts]).to_numpy()
        events["claim_id"] = claim_ids
        events["claim_sources"] = events["claim_id"].map(claims.set_index("claim_id")["sources"])
        return events, claim_table(claims, events)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading allocates hundreds of thousands of short-lived rows and none of them form
    reference cycles: the cyclic garbage collector would only walk them over and over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def claim_table(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The claims as people read them: each with its lead report's sentence and source,
    its articles and events (earliest report first), and whether an analyst reviewed
    any of them. `claims` is `CLAIMS_QUERY`'s table; `events` the reviewed event table."""
    accepted = ~events["rejected"]
    if not accepted.any():
        return add_display_columns(pd.DataFrame(columns=CLAIM_COLUMNS))
    leads = events.loc[accepted, ["article_id", "fingerprint", "evidence", "source_name", "article_title"]]
    table = claims.merge(leads.rename(columns={"fingerprint": "lead_fingerprint"}),
                         on=["article_id", "lead_fingerprint"], how="left")  # the report whose date the claim shows
    members = events.loc[accepted, ["claim_id", "id", "article_id", "published", "reviewed"]]
    claim, claim_ids = pd.factorize(members["claim_id"])
    claim_ids = np.asarray(claim_ids, dtype=object)
    ids = members["id"].to_numpy()
    order = np.lexsort((ids, pd.factorize(members["published"].fillna(""), sort=True)[0], claim))  # reports in order
    table["event_ids"] = table["claim_id"].map(_lists(claim[order], ids[order], claim_ids))
    article, article_ids = pd.factorize(members["article_id"], sort=True)
    pairs = np.unique(claim.astype(np.int64) * len(article_ids) + article)  # each claim's articles, sorted
    table["article_ids"] = table["claim_id"].map(_lists(pairs // len(article_ids), np.asarray(
        article_ids, dtype=object)[pairs % len(article_ids)], claim_ids))
    table["reviewed"] = table["claim_id"].map(members.groupby("claim_id")["reviewed"].any()).astype(bool)
    table["disputed"] = table["disputed_fields"] != ""
    table["manual"] = table["manual"].astype(bool)
    return add_display_columns(table[CLAIM_COLUMNS])


def _lists(groups: np.ndarray, values: np.ndarray, names: np.ndarray) -> dict:
    """Each group's values as a list, keyed by the group's name; `values` come sorted by group."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return dict(zip(names[groups[starts]], (part.tolist() for part in np.split(values, starts[1:]))))
