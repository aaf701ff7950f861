"""The tables people read, from the store: one row per event (with its article, as
reviewed) and one row per claim (with how many articles report it).

Claims are grouped when the store changes (`store.claims`) and the event table is kept
between reads (`event_cache`), so reading is a handful of queries turned into DataFrames
column by column; values people read ("$1.5B", "Q3 2024") are formatted once per
distinct value, not once per row. Reading never writes."""
from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager
from typing import Iterator

import numpy as np
import pandas as pd

from ..extraction.record import VALUE_FIELDS, plain
from ..store.corrections import load_corrections, replay
from ..store.transaction import read
from .display import add_display_columns
from .event_cache import EventTableCache, read_frame

CLAIM_COLUMNS = [
    "claim_id", "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date", "date_precision",
    "status", "category", "counterparty", "period_start", "period_end", "measure", "sources", "disputed", "disputed_fields", "first_reported", "evidence", "source_name", "article_title",
    "article_id", "article_ids", "event_ids", "manual", "reviewed",
]
CLAIMS_QUERY = (  # in the order group_claims gives
    "SELECT id AS claim_id, kind, org, model, item, amount_low, amount_high, currency, date, date_precision, status,"
    " category, counterparty, period_start, period_end, measure, sources, disputed_fields, first_reported, lead_article_id AS article_id, lead_fingerprint, manual FROM claims"
    " ORDER BY manual, COALESCE(opened_published, ''), opened_added, opened_seq"
)


def reviewed_tables(conn: sqlite3.Connection, cache: EventTableCache | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events as reviewed (corrections applied, added events included, rejected ones
    flagged, each with its claim and the number of articles behind it) and the claims
    of the events that are not rejected. With a `cache`, events are read again only for
    the articles that changed since it last read the store."""
    with _collector_paused():
        with read(conn):  # one state of the store
            articles, events = (cache or EventTableCache()).read(conn)
            corrections = load_corrections(conn)
            added = read_frame(conn, "SELECT article_id, fingerprint, claim_id FROM claim_events WHERE added = 1")
            claims = read_frame(conn, CLAIMS_QUERY)
        claim_ids = events["claim_id"]
        events = apply_corrections(events.drop(columns="claim_id"), corrections, articles)
        claim_ids = claim_ids.reindex(events.index)
        if not added.empty:  # analysts' events, after the extracted ones
            analysts = (events["origin"] == "analyst").to_numpy()
            keys = pd.MultiIndex.from_frame(events.loc[analysts, ["article_id", "fingerprint"]])
            claim_ids[analysts] = added.set_index(["article_id", "fingerprint"])["claim_id"].reindex(keys).to_numpy()
        events["claim_id"] = claim_ids
        events["claim_sources"] = events["claim_id"].map(claims.set_index("claim_id")["sources"])
        return events, claim_table(claims, events)


def apply_corrections(events: pd.DataFrame, corrections: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """The event table as reviewed (`store.corrections.replay` applied to the rows the log
    names): corrected values in place, `corrected_fields` naming them, `reviewed` set where
    any correction touched the event, `rejected` for rejected events, `claim_key` where an
    analyst grouped events, `origin` "rules" or "analyst", and analysts' added events
    appended (once each, and only while their article is in `articles`)."""
    events = events.copy()
    events["corrected_fields"] = ""
    events["reviewed"] = False
    events["rejected"] = False
    events["claim_key"] = None
    events["origin"] = "rules"
    if not corrections:
        return events
    named = {row["fingerprint"] for row in corrections}
    rows = np.flatnonzero(events["fingerprint"].isin(named).to_numpy())
    extracted = events.iloc[rows][["article_id", "fingerprint", *VALUE_FIELDS]].astype(object)
    extracted = extracted.where(extracted.notna(), None).to_dict("records")
    published = dict(zip(articles["id"], articles["published"].astype(object).where(articles["published"].notna(), None)))
    reviewed = replay(extracted, corrections, published)
    positions = events.index[rows]
    for at, before, after in zip(positions, extracted, reviewed):
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
            events.loc[corrected, name] = shown[name].to_numpy()
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
    leads = events[["article_id", "fingerprint", "evidence", "source_name", "article_title"]]
    table = claims.merge(leads.rename(columns={"fingerprint": "lead_fingerprint"}),
                         on=["article_id", "lead_fingerprint"], how="left")  # the report whose date the claim shows
    claim, claim_ids = pd.factorize(events["claim_id"])  # rejected events have none
    claim, claim_ids = claim[accepted], np.asarray(claim_ids, dtype=object)
    ids = events["id"].to_numpy()[accepted]
    order = np.lexsort((ids, pd.factorize(events["published"].fillna(""), sort=True)[0][accepted], claim))
    table["event_ids"] = table["claim_id"].map(_lists(claim[order], ids[order], claim_ids))
    article, article_ids = pd.factorize(events["article_id"], sort=True)
    pairs = np.unique(claim.astype(np.int64) * len(article_ids) + article[accepted])  # each claim's articles, sorted
    table["article_ids"] = table["claim_id"].map(_lists(pairs // len(article_ids), np.asarray(
        article_ids, dtype=object)[pairs % len(article_ids)], claim_ids))
    reviewed = np.bincount(claim, weights=events["reviewed"].to_numpy()[accepted], minlength=len(claim_ids)) > 0
    table["reviewed"] = table["claim_id"].map(dict(zip(claim_ids, reviewed))).astype(bool)
    table["disputed"] = table["disputed_fields"] != ""
    table["manual"] = table["manual"].astype(bool)
    return add_display_columns(table[CLAIM_COLUMNS])


def _lists(groups: np.ndarray, values: np.ndarray, names: np.ndarray) -> dict:
    """Each group's values as a list, keyed by the group's name; `values` come sorted by group."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    values, bounds = values.tolist(), [*starts.tolist(), len(values)]
    return dict(zip(names[groups[starts]], (values[start:end] for start, end in zip(bounds, bounds[1:]))))


def article_list(articles: pd.DataFrame) -> list[dict]:
    """Articles (`ARTICLES_QUERY`'s table) newest first, as `store.load_articles` orders
    them: by publication date, undated last, then by title; each a dict with its id,
    title, source name and publication date (None where missing)."""
    table = articles[["id", "article_title", "source_name", "published"]].rename(columns={"article_title": "title"})
    records = [{key: plain(value) for key, value in row.items()} for row in table.astype(object).to_dict("records")]
    records.sort(key=lambda a: (a["title"] is not None, a["title"] or ""))
    records.sort(key=lambda a: a["published"] or "", reverse=True)  # stable: titles stay in order
    return records
