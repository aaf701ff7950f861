"""The tables the dashboard shows, read from the store: one row per event (with its
article, as reviewed) and one row per claim (with how many articles report it).

Claims are grouped when the store changes (`claim_store`), so reading is a handful of
queries turned into DataFrames column by column; values people read ("$1.5B",
"Q3 2024") are formatted once per distinct value, not once per row."""
from __future__ import annotations

import sqlite3
from typing import Callable, Sequence

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
CLAIMS_QUERY = (  # in the order group_claims gives, with the sentence and source of each claim's lead report
    "SELECT c.id AS claim_id, c.kind, c.org, c.model, c.item, c.amount_low, c.amount_high, c.currency, c.date,"
    " c.date_precision, c.status, c.sources, c.disputed_fields, c.first_reported, e.evidence,"
    " a.source_name, a.title AS article_title, c.lead_article_id AS article_id, c.lead_fingerprint, c.manual"
    " FROM claims c LEFT JOIN events e ON e.article_id = c.lead_article_id AND e.fingerprint = c.lead_fingerprint"
    " LEFT JOIN articles a ON a.id = c.lead_article_id"
    " ORDER BY c.manual, COALESCE(c.opened_published, ''), c.opened_added, c.opened_seq"
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


def event_table(conn: sqlite3.Connection, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every event with its article's title, source and publication date, in the order
    of `store.EVENTS_QUERY` (by date, undated first, then id), and the columns people
    read (`add_display_columns`). `articles` is `ARTICLES_QUERY`'s table when the
    caller has read it already."""
    if articles is None:
        articles = read_frame(conn, ARTICLES_QUERY)
    names, rows = _fetch(conn, f"SELECT {', '.join(EVENT_FIELDS)} FROM events")
    date, event_id, article_id = (names.index(name) for name in ("date", "id", "article_id"))
    rows.sort(key=lambda row: (row[date] or "", row[event_id]))
    where = pd.Index(articles["id"]).get_indexer([row[article_id] for row in rows])  # every event has its article
    table = _frame(names, rows, {name: articles[name].array.take(where) for name in ARTICLE_FIELDS})
    return add_display_columns(table)


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


def reviewed_tables(conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events as reviewed (corrections applied, added events included, rejected ones
    flagged, each with its claim and the number of articles behind it) and the claims
    of the events that are not rejected."""
    with up_to_date(conn):  # one state of the store, its claims grouped
        articles = read_frame(conn, ARTICLES_QUERY)
        events = event_table(conn, articles)
        corrections = load_corrections(conn)
        extracted = read_frame(conn, "SELECT seq AS id, claim_id FROM claim_events WHERE added = 0")
        added = read_frame(conn, "SELECT article_id, fingerprint, claim_id FROM claim_events WHERE added = 1")
        claims = read_frame(conn, CLAIMS_QUERY)
    events = apply_corrections(events, corrections, articles)
    claim_ids = events["id"].map(extracted.set_index("id")["claim_id"])
    if not added.empty:  # analysts' events are numbered after the extracted ones, by the table
        keys = pd.MultiIndex.from_frame(events[["article_id", "fingerprint"]])
        by_key = added.set_index(["article_id", "fingerprint"])["claim_id"]
        analysts = (events["origin"] == "analyst").to_numpy()
        claim_ids[analysts] = by_key.reindex(keys[analysts]).to_numpy()
    events["claim_id"] = claim_ids
    events["claim_sources"] = events["claim_id"].map(claims.set_index("claim_id")["sources"])
    return events, claim_table(claims, events[~events["rejected"]])


def claim_table(claims: pd.DataFrame, accepted: pd.DataFrame) -> pd.DataFrame:
    """The claims as people read them: each with its lead report's sentence and source,
    its articles and events (earliest report first), and whether an analyst reviewed
    any of them. `claims` is `CLAIMS_QUERY`'s table; `accepted` the events it groups."""
    if accepted.empty:
        return add_display_columns(pd.DataFrame(columns=CLAIM_COLUMNS))
    table = claims.copy(deep=False)
    analysts = table["evidence"].isna().to_numpy()  # led by an event an analyst added: its sentence is in the log
    if analysts.any():
        added = accepted[accepted["origin"] == "analyst"].set_index(["article_id", "fingerprint"])
        leads = pd.MultiIndex.from_frame(table.loc[analysts, ["article_id", "lead_fingerprint"]])
        for column in ("evidence", "source_name", "article_title"):
            table.loc[analysts, column] = added[column].reindex(leads).to_numpy()
    members = accepted[["claim_id", "id", "article_id", "published", "reviewed"]]
    members = members.assign(published=members["published"].fillna("")).sort_values(["published", "id"])
    event_ids: dict[str, list] = {}
    article_ids: dict[str, set] = {}
    for claim_id, event_id, article_id in zip(*(members[c].tolist() for c in ("claim_id", "id", "article_id"))):
        event_ids.setdefault(claim_id, []).append(event_id)
        article_ids.setdefault(claim_id, set()).add(article_id)
    table["article_ids"] = table["claim_id"].map({c: sorted(ids) for c, ids in article_ids.items()})
    table["event_ids"] = table["claim_id"].map(event_ids)
    table["reviewed"] = table["claim_id"].map(members.groupby("claim_id")["reviewed"].any()).astype(bool)
    table["disputed"] = table["disputed_fields"] != ""
    table["manual"] = table["manual"].astype(bool)
    return add_display_columns(table[CLAIM_COLUMNS])
