"""How values read on screen: amounts as people write them ("$1.5B", "$100M-$1B"),
dates at the precision the text gave ("Q3 2024", "Jan 2025"), kinds and statuses by one
set of names, counts that agree in number ("1 claim", "2 claims"), sentences as plain
text, the dates a reader should not trust (assumed, or after today), and an article with
its extracted sentences highlighted, every character of it escaped (shown as text, never
as HTML)."""
from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache, partial
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ..extraction.amounts import format_count, format_usd
from ..extraction.record import is_missing

KIND_LABELS = {"investment": "Investment", "hardware": "Chips", "model_release": "Model release"}
STATUS_LABELS = {"done": "Done", "planned": "Planned"}
ASSUMED_DATE = "date assumed"          # the article gave no date and none was set: the day it was read
FUTURE_PUBLICATION = "published after today"
FUTURE_DONE = "done, yet dated after today"
# The type of every display column of text, whatever the rows: tables joined from pieces
# keep it, so a piece's display columns never need making again.
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' str


def kind_label(kind: str) -> str:
    """A kind as every page names it: "Investment", "Chips", "Model release"."""
    return KIND_LABELS.get(kind, str(kind))


def status_label(status: str) -> str:
    """A status as every page names it: "Done", "Planned"."""
    return STATUS_LABELS.get(status, str(status))


def count_phrase(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in agreement: "1 claim", "2 claims", "1,204 events"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"



def format_amount(kind: str, low: float | None, high: float | None) -> str:
    """Dollars for investments, units for hardware, nothing for releases."""
    if kind == "investment":
        return format_usd(_number(low), _number(high))
    if kind == "hardware":
        return format_count(_number(low), _number(high))
    return ""


def format_headline_usd(low: float, high: float) -> str:
    """Dollars short enough for a headline figure: "$72.22B", a range as news writes it,
    to three figures under one unit ("$165-170B")."""
    if low == high:
        return format_usd(low, high)
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6)):
        if high >= size:
            return f"${low / size:.3g}-{high / size:.3g}{unit}"
    return format_usd(low, high)


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


def format_period(start: str | None, end: str | None) -> str:
    """The span a figure covers as a reader names it: "2025", "Q1 2025", or its first and
    last months ("Jul 2024 to Jun 2025", a fiscal year); "" without one."""
    if is_missing(start) or is_missing(end) or not start or not end:
        return ""
    first, last = dt.date.fromisoformat(str(start)[:10]), dt.date.fromisoformat(str(end)[:10])
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and first.month % 3 == 1 and (last - first).days in range(88, 93) and last.month == first.month + 2:
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    return f"{first.strftime('%b %Y')} to {last.strftime('%b %Y')}"


def add_display_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The one place display columns are made from values: the name of the model or chip,
    the figure a total counts (`record.figure`: the low end, else the ceiling), and the
    amount and date as people read them; `reviewed` False where the table has none. The
    columns' types never depend on the rows (`TEXT` for text, floats for the figure)."""
    table = table.copy(deep=False)
    table["name"] = table["model"].fillna(table["item"]).fillna("").astype(TEXT)
    table["figure"] = table["amount_low"].fillna(table["amount_high"]).astype(float)
    table["amount"] = pd.array(per_distinct(partial(_remembered, format_amount), table, ["kind", "amount_low", "amount_high"]),
                               dtype=TEXT)
    table["when"] = pd.array(per_distinct(partial(_remembered, format_date), table, ["date", "date_precision"]), dtype=TEXT)
    if "reviewed" not in table:
        table["reviewed"] = False
    return table


FEW_ROWS = 1000  # a table this short is formatted row by row: numpy's grouping costs more than it saves


def per_distinct(function: Callable, table: pd.DataFrame, columns: list[str]) -> list:
    """`function` of each row's values in `columns`, called once per distinct combination
    (a missing value passed as None)."""
    if len(table) <= FEW_ROWS:
        results: dict[tuple, object] = {}
        return [results[row] if row in results else results.setdefault(row, function(*row))
                for row in zip(*(_values(table[name]) for name in columns))]
    key = np.zeros(len(table), dtype=np.int64)
    for name in columns:  # one number per combination: each column's codes in turn
        codes, uniques = pd.factorize(table[name], use_na_sentinel=False)
        key = key * (len(uniques) + 1) + codes
    _, firsts, groups = np.unique(key, return_index=True, return_inverse=True)
    values = np.empty(len(firsts), dtype=object)
    values[:] = [function(*row) for row in zip(*(_values(table[name].take(firsts)) for name in columns))]
    return values[groups.ravel()].tolist()


def _values(column: pd.Series) -> list:
    """A column's values as Python objects, None where one is missing."""
    return [None if value is None or value != value else value for value in column.tolist()]


@lru_cache(maxsize=200_000)
def _remembered(function: Callable, *values: object) -> str:
    """`function(*values)`, remembered: a table read again formats only values it has not
    seen (keyed by the function too, so another way of formatting never meets an old form)."""
    return function(*values)


# Markup a sentence read from a Markdown article can carry: emphasis and code marks, a
# link's target, a heading's or a list item's lead. Each pattern is linear in its input.
_EMPHASIS = re.compile(r"\*{2,3}|_{2,3}|`+")
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,500}\)")
_LEAD = re.compile(r"^\s{0,3}(?:#{1,6}|[-*+]|\d{1,3}[.)])\s+")
_LEADS = set("#-*+0123456789")  # what a line _LEAD reads starts with


def plain_text(sentence: object) -> str:
    """A sentence as plain text: Markdown's emphasis, code marks, link targets and the
    lead of a heading or a list item left out ("- **Nvidia** said" reads "Nvidia said")."""
    if is_missing(sentence):
        return ""
    return _plain(str(sentence))


@lru_cache(maxsize=100_000)
def _plain(text: str) -> str:
    """`plain_text` of a sentence, remembered: charts and tables show the same ones again."""
    if not any(mark in text for mark in "*_`[") and text.lstrip()[:1] not in _LEADS:  # most sentences: no markup
        return text.strip()
    text = _LINK.sub(r"\1", text)
    return _LEAD.sub("", _EMPHASIS.sub("", text)).strip()


def date_flags(table: pd.DataFrame, today: dt.date) -> pd.Series:
    """For each event (a row with `published`, `published_source`, `status`, `date`), why
    its dates should be checked, or "": the article's date was assumed, the article is
    dated after `today`, or an event told as done is dated after `today`."""
    day = today.isoformat()

    def where(condition: pd.Series) -> np.ndarray:
        return condition.fillna(False).to_numpy(dtype=bool)

    published = table["published"].astype("str")  # ISO days compare as text; a missing one compares False
    flags = np.full(len(table), "", dtype=object)
    flags[where((table["status"] == "done") & (table["date"].astype("str") > day))] = FUTURE_DONE
    flags[where(published > day)] = FUTURE_PUBLICATION
    flags[where(table["published_source"] == "assumed")] = ASSUMED_DATE
    return pd.Series(flags, index=table.index, dtype=object)


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


def claim_flags(claims: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """For each claim, the first of its reports' `flag`s that is set (see `date_flags`), or "".
    `events` are the reviewed events with their `flag` and `claim_id`."""
    flagged = events.loc[events["flag"] != "", ["claim_id", "flag"]].dropna().drop_duplicates("claim_id")
    return claims["claim_id"].map(flagged.set_index("claim_id")["flag"]).fillna("").astype(object)
