"""The tables people read, from the store: one row per event (with its article, as
reviewed) and one row per claim (with how many articles report it).

Claims are grouped when the store changes (`store.claims`) and the event table is kept
between reads (`event_cache`), so reading is a handful of queries turned into DataFrames
column by column; values people read ("$1.5B", "Q3 2024") are formatted once per
distinct value, not once per row. A `ReviewedCache` keeps the claims too: after a change
it reads again only the claims of the subjects the changed articles report (the store
regroups only those) and builds again only their rows. Reading never writes."""
from __future__ import annotations

import gc
import sqlite3
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Iterator

import numpy as np
import pandas as pd

from ..extraction.record import VALUE_FIELDS, plain
from ..store.corrections import load_corrections, replay
from ..store.transaction import read
from .display import add_display_columns
from ..store.snapshot import changed_since
from .event_cache import EventTableCache, _as_typed, positions, read_frame

CLAIM_COLUMNS = [
    "claim_id", "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date", "date_precision",
    "status", "category", "counterparty", "period_start", "period_end", "measure", "sources", "disputed",
    "disputed_fields", "first_reported", "evidence", "source_name", "article_title",
    "article_id", "article_ids", "event_ids", "manual", "reviewed",
]
CLAIMS_QUERY = (  # in the order group_claims gives
    "SELECT id AS claim_id, kind, org, model, item, amount_low, amount_high, currency, date, date_precision, status,"
    " category, counterparty, period_start, period_end, measure,"
    " sources, disputed_fields, first_reported, lead_article_id AS article_id, lead_fingerprint, manual FROM claims"
    " ORDER BY manual, COALESCE(opened_published, ''), opened_added, opened_seq"
)
CLAIM_ROWS_QUERY = (  # the same with each claim's subject and the values it is ordered by (in `_in_order`)
    "SELECT id AS claim_id, kind, org, model, item, amount_low, amount_high, currency, date, date_precision, status,"
    " category, counterparty, period_start, period_end, measure,"
    " sources, disputed_fields, first_reported, lead_article_id AS article_id, lead_fingerprint, manual, subject,"
    " COALESCE(opened_published, '') AS opened_published, opened_added, opened_seq FROM claims"
)
MOST_SUBJECTS = 2000  # subjects touched since the claims were kept beyond which they are read again whole


@dataclass(frozen=True)
class _Claims:
    version: tuple            # the store's name and version they are of
    rows: pd.DataFrame        # CLAIM_ROWS_QUERY's table, in CLAIMS_QUERY's order
    table: pd.DataFrame       # `claim_table` of them
    events: pd.DataFrame      # the event table (`EventTableCache`) they were built with


class ReviewedCache:
    """What `reviewed_tables` reads, kept between reads: the event table (`EventTableCache`)
    and the claims. Safe to share between threads."""

    def __init__(self) -> None:
        self.events = EventTableCache()
        self._lock = threading.Lock()
        self._claims: _Claims | None = None
        self._newest: tuple[pd.DataFrame, pd.DataFrame] | None = None  # the articles, and them newest first

    def claim_rows(self, conn: sqlite3.Connection, version: tuple) -> tuple[pd.DataFrame, set | None]:
        """The claims' rows as the caller's transaction sees them, and the ids of the claims
        read again since they were kept (None: every claim was read)."""
        kept = self._claims
        if kept is None or kept.version[0] != version[0] or kept.version[1] > version[1]:
            return _in_order(read_frame(conn, CLAIM_ROWS_QUERY)), None
        if kept.version == version:
            return kept.rows, set()
        changed = changed_since(conn, kept.version[1])
        before = kept.events.loc[kept.events["article_id"].isin(changed), "claim_id"].dropna().unique()
        subjects = set(kept.rows.loc[pd.Index(before).get_indexer(kept.rows["claim_id"]) >= 0, "subject"])
        for start in range(0, len(changed), 500):
            chunk = changed[start:start + 500]
            subjects |= {row[0] for row in conn.execute(
                f"SELECT DISTINCT subject FROM claim_events WHERE article_id IN ({', '.join('?' * len(chunk))})", chunk)}
        if len(subjects) > MOST_SUBJECTS:
            return _in_order(read_frame(conn, CLAIM_ROWS_QUERY)), None
        names = sorted(subjects)
        fresh = [read_frame(conn, f"{CLAIM_ROWS_QUERY} WHERE subject IN ({', '.join('?' * len(part))})", part)
                 for part in (names[at:at + 500] for at in range(0, len(names), 500))]
        stays = ~kept.rows["subject"].isin(names).to_numpy()
        pieces = [piece for piece in (kept.rows[stays], *fresh) if len(piece)]
        rows = _in_order(_as_typed(pd.concat(pieces, ignore_index=True)) if pieces else kept.rows.iloc[:0])
        return rows, set(kept.rows.loc[~stays, "claim_id"]) | {c for piece in fresh for c in piece["claim_id"]}

    def claim_table(self, rows: pd.DataFrame, touched: set | None, events: pd.DataFrame) -> pd.DataFrame:
        """`claim_table(rows, events)`, building again only the rows of the claims read again
        (and of those with analysts' events, whose ids are numbered afresh on every read)."""
        kept = self._claims
        if touched is None or kept is None:
            return claim_table(rows, events)
        redo = touched | set(events.loc[(events["origin"] == "analyst").to_numpy(), "claim_id"].dropna())
        if not redo:
            return kept.table
        redo_ids = pd.Index(sorted(redo))
        again = claim_table(rows[redo_ids.get_indexer(rows["claim_id"]) >= 0],
                            events[positions(events["claim_id"], list(redo_ids)) >= 0])
        stays = kept.table[redo_ids.get_indexer(kept.table["claim_id"]) < 0]
        pieces = [piece for piece in (stays, again) if len(piece)]
        if not pieces:
            return claim_table(rows, events)
        joined = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0].reset_index(drop=True)
        order = np.argsort(pd.Index(rows["claim_id"]).get_indexer(joined["claim_id"]), kind="stable")
        return _as_typed(joined.take(order).reset_index(drop=True))

    def newest_articles(self) -> pd.DataFrame:
        """`newest_articles` of the articles as last read: sorted again only when they
        changed (a review leaves them as they were)."""
        articles = self.events.articles
        kept = self._newest
        if kept is None or kept[0] is not articles:
            kept = self._newest = (articles, newest_articles(articles))
        return kept[1]

    def forget(self) -> None:
        self._claims = None

    def keep(self, version: tuple, rows: pd.DataFrame, table: pd.DataFrame, events: pd.DataFrame) -> None:
        kept = self._claims
        if kept is None or kept.version[0] != version[0] or kept.version[1] <= version[1]:
            self._claims = _Claims(version, rows, table, events)


def _in_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Claims' rows in `CLAIMS_QUERY`'s order: by manual, the day, kind and number of the
    report that opened them (unique to each claim)."""
    published = pd.factorize(rows["opened_published"].astype(object).to_numpy(), sort=True)[0]
    order = np.lexsort((rows["opened_seq"].to_numpy(), rows["opened_added"].to_numpy(), published,
                        rows["manual"].to_numpy()))
    return rows.take(order).reset_index(drop=True)


def reviewed_tables(conn: sqlite3.Connection,
                    cache: EventTableCache | ReviewedCache | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events as reviewed (corrections applied, added events included, rejected ones
    flagged, each with its claim and the number of articles behind it) and the claims
    of the events that are not rejected. With a `cache`, events are read again only for
    the articles that changed since it last read the store; with a `ReviewedCache`, claims
    only for the subjects those articles report."""
    kept = cache if isinstance(cache, ReviewedCache) else None
    with _collector_paused(), (kept._lock if kept else _NO_LOCK):
        with read(conn):  # one state of the store
            version = tuple(conn.execute("SELECT name, version FROM store_version").fetchone())
            articles, events = (kept.events if kept else cache or EventTableCache()).read(conn)
            corrections = load_corrections(conn)
            added = read_frame(conn, "SELECT article_id, fingerprint, claim_id FROM claim_events WHERE added = 1")
            claims, touched = kept.claim_rows(conn, version) if kept else (read_frame(conn, CLAIMS_QUERY), None)
        raw_events = events
        claim_ids = events["claim_id"]
        events = apply_corrections(events.drop(columns="claim_id"), corrections, articles)
        claim_ids = claim_ids.reindex(events.index)
        if not added.empty:  # analysts' events, after the extracted ones
            analysts = (events["origin"] == "analyst").to_numpy()
            keys = pd.MultiIndex.from_frame(events.loc[analysts, ["article_id", "fingerprint"]])
            claim_ids[analysts] = added.set_index(["article_id", "fingerprint"])["claim_id"].reindex(keys).to_numpy()
        events["claim_id"] = claim_ids
        events["claim_sources"] = _sources(events["claim_id"], claims)
        if kept is None:
            return events, claim_table(claims, events)
        try:
            table = kept.claim_table(claims, touched, events)
        except BaseException:
            kept.forget()
            raise
        kept.keep(version, claims, table, raw_events)
        return events, table


_NO_LOCK = nullcontext()


def _sources(claim_ids: pd.Series, claims: pd.DataFrame) -> np.ndarray:
    """The number of articles behind each event's claim: whole numbers, or floats with NaN
    where an event has no claim (as `Series.map` gives them)."""
    where = positions(claim_ids, claims["claim_id"])
    sources = claims["sources"].to_numpy()
    if (where >= 0).all():
        return sources[where]
    return np.where(where >= 0, sources[where] if len(sources) else np.nan, np.nan)


def apply_corrections(events: pd.DataFrame, corrections: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """The event table as reviewed (`store.corrections.replay` applied to the rows the log
    names): corrected values in place, `corrected_fields` naming them, `reviewed` set where
    any correction touched the event, `rejected` for rejected events, `claim_key` where an
    analyst grouped events, `origin` "rules" or "analyst", and analysts' added events
    appended (once each, and only while their article is in `articles`)."""
    events = events.copy(deep=False)  # copy on write (pandas 3): a column is copied only where it changes
    events["corrected_fields"] = ""
    events["reviewed"] = False
    events["rejected"] = False
    events["claim_key"] = None
    events["origin"] = "rules"
    if not corrections:
        return events
    named = {row["fingerprint"] for row in corrections}
    rows = np.flatnonzero(events["fingerprint"].isin(named).to_numpy())
    extracted = events[["article_id", "fingerprint", *VALUE_FIELDS]].iloc[rows].astype(object)
    extracted = extracted.where(extracted.notna(), None).to_dict("records")
    logged = articles.iloc[np.flatnonzero(positions(articles["id"], list({row["article_id"] for row in corrections})) >= 0)]
    published = dict(zip(logged["id"], logged["published"].astype(object).where(logged["published"].notna(), None)))
    reviewed = replay(extracted, corrections, published)
    indexes = events.index[rows]
    for at, before, after in zip(indexes, extracted, reviewed):
        for name in VALUE_FIELDS:
            if after[name] != before[name]:
                events.at[at, name] = after[name]
        for name in ("corrected_fields", "reviewed", "rejected", "claim_key"):
            events.at[at, name] = after[name]
    added = reviewed[len(extracted):]
    if added:
        extra = pd.DataFrame([{key: value for key, value in record.items() if key not in ("id", "published", "added")}
                              for record in added])
        extra = extra.merge(articles, left_on="article_id", right_on="id", how="left", suffixes=("", "_article"))
        extra = extra.drop(columns=["id"])
        next_id = (int(events["id"].max()) + 1) if len(events) else 1
        extra["id"] = range(next_id, next_id + len(extra))
        extra["evidence"] = extra["evidence"].fillna("")
        extra["origin"] = "analyst"
        events = pd.concat([events, extra], ignore_index=True)
    corrected = (events["corrected_fields"] != "").to_numpy()
    if corrected.any():
        shown = add_display_columns(events.loc[corrected, list(VALUE_FIELDS)])
        for name in ("name", "figure", "amount", "when"):
            values = shown[name].to_numpy()
            if events[name].dtype.kind == "f":  # an added event's missing amount made the column objects
                values = pd.to_numeric(shown[name], errors="coerce").to_numpy(dtype=float)
            events.loc[corrected, name] = values
    return events


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
    accepted = ~events["rejected"].to_numpy() & events["claim_id"].notna().to_numpy()  # none while a batch runs
    if not accepted.any():
        return add_display_columns(pd.DataFrame(columns=CLAIM_COLUMNS))
    table = claims.copy()
    # the report whose date the claim shows, found by its article and fingerprint
    reports = events["article_id"].astype("str") + "|" + events["fingerprint"].astype("str")
    lead = positions(table["article_id"].astype("str") + "|" + table["lead_fingerprint"].astype("str"), reports)
    for name in ("evidence", "source_name", "article_title"):
        table[name] = events[name].array.take(lead, allow_fill=True)
    claim, claim_ids = pd.factorize(events["claim_id"])  # rejected events have none
    claim, claim_ids = claim[accepted], np.asarray(claim_ids, dtype=object)
    where = pd.Index(claim_ids).get_indexer(table["claim_id"])  # each claim's position among the events' claims
    ids = events["id"].to_numpy()[accepted]
    order = np.lexsort((ids, pd.factorize(events["published"].fillna(""), sort=True)[0][accepted], claim))
    table["event_ids"] = _lists(claim[order], ids[order], len(claim_ids))[where]
    article, article_ids = pd.factorize(events["article_id"], sort=True)
    pairs = np.unique(claim.astype(np.int64) * len(article_ids) + article[accepted])  # each claim's articles, sorted
    table["article_ids"] = _lists(pairs // len(article_ids), np.asarray(article_ids, dtype=object)[pairs % len(article_ids)],
                                  len(claim_ids))[where]
    reviewed = np.bincount(claim, weights=events["reviewed"].to_numpy()[accepted], minlength=len(claim_ids)) > 0
    table["reviewed"] = np.where(where >= 0, reviewed[where], True)  # as a lookup of a claim without events read
    table["disputed"] = table["disputed_fields"] != ""
    table["manual"] = table["manual"].astype(bool)
    return add_display_columns(table[CLAIM_COLUMNS])


def _lists(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Each group's values as a list, at the group's number (0 to `size` - 1), then NaN
    (where a claim has no events) at position -1; `values` come sorted by group."""
    out = np.full(size + 1, np.nan, dtype=object)
    if len(groups):
        starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
        values, bounds = values.tolist(), [*starts.tolist(), len(values)]
        for group, start, end in zip(groups[starts].tolist(), bounds, bounds[1:]):
            out[group] = values[start:end]
    return out


def newest_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles (`ARTICLES_QUERY`'s table) newest first, as `store.load_articles` orders
    them: by publication date, undated last, then by title (untitled first); columns `id`,
    `title`, `source_name`, `published`, with a fresh index."""
    table = articles[["id", "article_title", "source_name", "published"]].rename(columns={"article_title": "title"})
    published = pd.factorize(table["published"].fillna("").astype(str).to_numpy(dtype=object), sort=True)[0]
    titles = pd.factorize(table["title"].fillna("").astype(str).to_numpy(dtype=object), sort=True)[0]
    order = np.lexsort((titles, table["title"].notna().to_numpy(), -published))
    return table.iloc[order].reset_index(drop=True)


def article_list(articles: pd.DataFrame, limit: int | None = None) -> list[dict]:
    """`newest_articles` (the first `limit` of them) as dicts, None where a value is missing."""
    table = newest_articles(articles).head(limit) if limit is not None else newest_articles(articles)
    return [{key: plain(value) for key, value in row.items()} for row in table.astype(object).to_dict("records")]
