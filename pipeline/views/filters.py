"""The dashboard's filters: what a view shows, kept in the URL's query parameters so a
view can be shared, and applied to a table of events or claims."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from ..extraction.record import KINDS, STATUSES

REVIEW_STATES = ("reviewed", "unreviewed")


@dataclass
class Filters:
    orgs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    amount_min: float | None = None  # US dollars, on investments
    amount_max: float | None = None
    text: str = ""
    articles: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return self == Filters()


_LISTS = {"orgs": "org", "kinds": "kind", "statuses": "status", "articles": "article", "review": "review"}


def filters_from_query(params: Mapping[str, object]) -> Filters:
    """Filters from query parameters (repeated keys or comma lists); bad values are dropped."""
    def values(key: str) -> list[str]:
        raw = params.get(key)
        items = raw if isinstance(raw, list) else [raw] if raw else []
        return [part for item in items for part in str(item).split(",") if part]

    def day(key: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(values(key)[0]) if values(key) else None
        except ValueError:
            return None

    def number(key: str) -> float | None:
        try:
            value = float(values(key)[0]) if values(key) else None
        except ValueError:
            return None
        return value if value is not None and value >= 0 else None

    result = Filters(**{name: values(key) for name, key in _LISTS.items()})
    result.kinds = [k for k in result.kinds if k in KINDS]
    result.statuses = [s for s in result.statuses if s in STATUSES]
    result.review = [r for r in result.review if r in REVIEW_STATES]
    result.date_from, result.date_to = day("from"), day("to")
    result.amount_min, result.amount_max = number("min"), number("max")
    result.text = values("q")[0] if values("q") else ""
    return result


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Query parameters for the filters that are set."""
    query: dict[str, str] = {}
    for name, key in _LISTS.items():
        if getattr(filters, name):
            query[key] = ",".join(getattr(filters, name))
    if filters.date_from:
        query["from"] = filters.date_from.isoformat()
    if filters.date_to:
        query["to"] = filters.date_to.isoformat()
    if filters.amount_min is not None:
        query["min"] = f"{filters.amount_min:g}"
    if filters.amount_max is not None:
        query["max"] = f"{filters.amount_max:g}"
    if filters.text:
        query["q"] = filters.text
    return query


def apply_filters(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of an events or claims table that pass every filter that is set.
    Rows without a date pass a date filter only when no date bound is set; the amount
    filter applies to investments and keeps rows whose range reaches into it. With no
    filter set, the table itself."""
    if filters.is_empty():
        return table
    mask = pd.Series(True, index=table.index)
    if filters.orgs:
        mask &= table["org"].isin(filters.orgs)
    if filters.kinds:
        mask &= table["kind"].isin(filters.kinds)
    if filters.statuses:
        mask &= table["status"].isin(filters.statuses)
    if filters.date_from or filters.date_to:
        dates = pd.to_datetime(table["date"], errors="coerce")
        if filters.date_from:
            mask &= dates >= pd.Timestamp(filters.date_from)
        if filters.date_to:
            mask &= dates <= pd.Timestamp(filters.date_to)
    if filters.amount_min is not None or filters.amount_max is not None:
        low = table["amount_low"].fillna(table["amount_high"])
        high = table["amount_high"].fillna(float("inf"))
        money = table["kind"] == "investment"
        in_range = pd.Series(True, index=table.index)
        if filters.amount_min is not None:
            in_range &= high >= filters.amount_min
        if filters.amount_max is not None:
            in_range &= low <= filters.amount_max
        mask &= money & in_range
    if filters.text:
        mask &= table["evidence"].fillna("").str.contains(filters.text, case=False, regex=False)
    if filters.articles:
        mask &= table["article_ids"].apply(lambda ids: bool(set(ids) & set(filters.articles))) \
            if "article_ids" in table else table["article_id"].isin(filters.articles)
    if filters.review and "reviewed" in table:
        wanted = {state == "reviewed" for state in filters.review}
        mask &= table["reviewed"].isin(wanted)
    return table[mask]


def claims_of(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The claims that events in `events` belong to, in the claims table's order."""
    wanted = pd.Index(events["claim_id"].unique())
    return claims[wanted.get_indexer(claims["claim_id"]) >= 0]
