"""The dashboard's filters: what a view shows, kept in the URL's query parameters so a
view can be shared, and applied to a table of events or claims. The time selection (a
period brushed on the timeline) is a filter like the others, written `period=FROM..TO`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

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
    period: tuple[dt.date, dt.date] | None = None  # the time selection, both days included

    def is_empty(self) -> bool:
        return self == Filters()

    def without_period(self) -> "Filters":
        """The same filters without the time selection (what the timeline's strip shows)."""
        return replace(self, period=None)

    def key(self) -> tuple[tuple[str, object], ...]:
        """The filters as a hashable value: their query parameters, sorted."""
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters_to_query(self).items()))


_LISTS = {"orgs": "org", "kinds": "kind", "statuses": "status", "articles": "article", "review": "review"}
_WHOLE = {"org", "q", "period"}  # values never split at commas


def filters_from_query(params: Mapping[str, object]) -> Filters:
    """Filters from query parameters: a list as repeated keys (also, but for organizations,
    whose names may hold a comma, as a comma list); bad values are dropped."""
    def values(key: str) -> list[str]:
        raw = params.get(key)
        items = [str(item) for item in (raw if isinstance(raw, (list, tuple)) else [raw] if raw else []) if item]
        return items if key in _WHOLE else [part for item in items for part in item.split(",") if part]

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
    result.period = parse_period(values("period")[0]) if values("period") else None
    return result


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """A period written FROM..TO (ISO days), or None when it is not one."""
    start, dots, end = text.partition("..")
    try:
        period = (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    except ValueError:
        return None
    return period if dots and period[0] <= period[1] else None


def format_period(period: tuple[dt.date, dt.date]) -> str:
    return f"{period[0].isoformat()}..{period[1].isoformat()}"


def period_from_brush(bounds: Sequence[float] | None) -> tuple[dt.date, dt.date] | None:
    """The days an interval brushed on a time axis covers; Streamlit reports its ends as
    milliseconds since the epoch (UTC), in either order. None for no interval."""
    if not bounds or len(bounds) != 2:
        return None
    try:
        ends = sorted(dt.datetime.fromtimestamp(float(b) / 1000, dt.timezone.utc).date() for b in bounds)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return ends[0], ends[1]


def brush_bounds(period: tuple[dt.date, dt.date]) -> list[int]:
    """A period as the ends of a brush on a time axis: milliseconds since the epoch (UTC),
    from the first day's start to the last day's end."""
    start = dt.datetime.combine(period[0], dt.time(), dt.timezone.utc)
    end = dt.datetime.combine(period[1], dt.time(23, 59, 59), dt.timezone.utc)
    return [int(start.timestamp() * 1000), int(end.timestamp() * 1000)]


def filters_to_query(filters: Filters) -> dict[str, str | list[str]]:
    """Query parameters for the filters that are set (a list as repeated keys)."""
    query: dict[str, str | list[str]] = {}
    for name, key in _LISTS.items():
        if getattr(filters, name):
            query[key] = list(getattr(filters, name))
    if filters.date_from:
        query["from"] = filters.date_from.isoformat()
    if filters.date_to:
        query["to"] = filters.date_to.isoformat()
    if filters.amount_min is not None:
        query["min"] = f"{filters.amount_min:.15g}"
    if filters.amount_max is not None:
        query["max"] = f"{filters.amount_max:.15g}"
    if filters.text:
        query["q"] = filters.text
    if filters.period:
        query["period"] = format_period(filters.period)
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
    if filters.date_from or filters.date_to or filters.period:
        dates = table["date"].astype("str")  # ISO days compare as text; a missing date compares False
        lowest = max(d for d in (filters.date_from, filters.period and filters.period[0], dt.date.min) if d)
        highest = min(d for d in (filters.date_to, filters.period and filters.period[1], dt.date.max) if d)
        mask &= ((dates >= lowest.isoformat()) & (dates <= highest.isoformat())).fillna(False).astype(bool)
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
