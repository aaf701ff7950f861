"""The tables the dashboard shows, built from the store: one row per event (with its
article) and one row per claim (with how many articles report it)."""
from __future__ import annotations

import sqlite3

import pandas as pd

from .claims import group_claims
from .display import format_amount, format_date
from .review import apply_corrections, load_corrections
from .store import EVENTS_QUERY

CLAIM_COLUMNS = [
    "claim_id", "kind", "org", "name", "amount_low", "amount_high", "currency", "figure", "date",
    "date_precision", "status", "sources", "disputed", "disputed_fields", "first_reported", "evidence",
    "source_name", "article_title", "article_id", "article_ids", "event_ids", "manual", "reviewed",
]


GROUPING_COLUMNS = (
    "id", "fingerprint", "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date",
    "date_precision", "status", "article_id", "published", "claim_key", "evidence", "source_name", "article_title",
    "reviewed",
)


def event_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every event with its article's title, source and publication date."""
    table = pd.read_sql_query(EVENTS_QUERY, conn)
    return add_display_columns(table)


def add_display_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Columns for people: the amount and date as written, the name of the model or chip,
    and the figure used in totals (the low end of a range, else the high end)."""
    table = table.copy()
    table["name"] = table["model"].fillna(table["item"]).fillna("")
    table["figure"] = table["amount_low"].fillna(table["amount_high"])
    table["amount"] = [format_amount(k, lo, hi) for k, lo, hi in zip(table["kind"], table["amount_low"], table["amount_high"])]
    table["when"] = [format_date(d, p) for d, p in zip(table["date"], table["date_precision"])]
    if "reviewed" not in table:
        table["reviewed"] = False
    return table


def claim_table(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims from an event table, and the event table with each event's claim id and the
    number of articles behind that claim."""
    if events.empty:
        empty = pd.DataFrame(columns=CLAIM_COLUMNS)
        return add_display_columns(empty.assign(model=None, item=None)), events.assign(claim_id=None, claim_sources=0)
    needed = [c for c in GROUPING_COLUMNS if c in events]
    records = events[needed].to_dict("records")
    for record in records:
        for key in ("amount_low", "amount_high"):
            if record[key] != record[key]:  # NaN from pandas
                record[key] = None
        for key in ("date", "date_precision", "model", "item", "claim_key"):
            if key in record and record[key] != record[key]:
                record[key] = None
    claims = group_claims(records)
    by_id = {record["id"]: record for record in records}
    rows = []
    for claim in claims:
        first = by_id[claim.lead_event_id]
        reviewed = any(by_id[i].get("reviewed") for i in claim.event_ids)
        rows.append({
            "claim_id": claim.id, "kind": claim.kind, "org": claim.org, "model": claim.model, "item": claim.item,
            "amount_low": claim.amount_low, "amount_high": claim.amount_high, "currency": claim.currency,
            "date": claim.date, "date_precision": claim.date_precision, "status": claim.status,
            "sources": claim.sources, "disputed": claim.disputed, "disputed_fields": ", ".join(claim.disputed_fields),
            "first_reported": claim.first_reported, "evidence": first["evidence"], "source_name": first["source_name"],
            "article_title": first["article_title"], "article_id": first["article_id"],
            "article_ids": sorted(set(claim.article_ids)), "event_ids": claim.event_ids, "manual": claim.manual,
            "reviewed": reviewed,
        })
    table = add_display_columns(pd.DataFrame(rows))
    owner = {event_id: (claim.id, claim.sources) for claim in claims for event_id in claim.event_ids}
    events = events.copy()
    events["claim_id"] = events["id"].map(lambda i: owner[i][0])
    events["claim_sources"] = events["id"].map(lambda i: owner[i][1])
    return table, events


def reviewed_tables(conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events as reviewed (corrections applied, added events included, rejected ones
    flagged) and the claims of the events that are not rejected."""
    articles = pd.read_sql_query(
        "SELECT id, title AS article_title, source_name, url, outlet, published, published_source, uploaded FROM articles", conn)
    events = apply_corrections(event_table(conn), load_corrections(conn), articles)
    accepted = events[~events["rejected"]]
    claims, accepted = claim_table(accepted)
    events = events.merge(accepted[["id", "claim_id", "claim_sources"]], on="id", how="left")
    return events, claims
