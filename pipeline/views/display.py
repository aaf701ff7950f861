"""How values read on screen: amounts as people write them ("$1.5B", "$100M-$1B"),
dates at the precision the text gave ("Q3 2024", "Jan 2025"), and an article with its
extracted sentences highlighted, every character of it escaped (shown as text, never
as HTML)."""
from __future__ import annotations

import datetime as dt
import html
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ..extraction.amounts import format_count, format_usd
from ..extraction.record import is_missing


def format_amount(kind: str, low: float | None, high: float | None) -> str:
    """Dollars for investments, units for hardware, nothing for releases."""
    if kind == "investment":
        return format_usd(_number(low), _number(high))
    if kind == "hardware":
        return format_count(_number(low), _number(high))
    return ""


def _number(value: object) -> float | None:
    return None if is_missing(value) else float(value)


def format_date(date: str | None, precision: str | None) -> str:
    """A date at its precision: "2025", "Q3 2024", "Jan 2025", "21 Jan 2025"."""
    if is_missing(date) or not date:
        return "no date"
    day = dt.date.fromisoformat(str(date)[:10])
    if precision == "year":
        return f"{day.year}" if day.month == 1 and day.day == 1 else f"by end of {day.year}"
    if precision == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def add_display_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The one place display columns are made from values: the name of the model or chip,
    the figure a total counts (`record.figure`: the low end, else the ceiling), and the
    amount and date as people read them; `reviewed` False where the table has none."""
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


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is: no links, images, emphasis or HTML."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def highlighted_article_html(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The article as escaped text in a block that keeps its line breaks, with each
    [start, end) span wrapped in <mark>. Overlapping spans are merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    style = "white-space: pre-wrap; font-family: inherit; line-height: 1.6; max-height: 32rem; overflow-y: auto;"
    return f'<div class="article-text" style="{style}">{"".join(parts)}</div>'
