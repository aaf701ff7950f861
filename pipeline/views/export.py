"""Exporting events as CSV or JSON, with every number traceable to its sentence and article.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or
a carriage return) are prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Mapping

from ..extraction.record import plain

EXPORT_COLUMNS = (
    "kind", "org", "model", "item", "amount_low", "amount_high", "currency", "amount_text", "date",
    "date_precision", "status", "category", "counterparty", "period_start", "period_end", "measure", "speaker",
    "evidence", "span_start", "span_end", "article_id",
    "article_title", "source_name", "url", "published", "published_source", "rules_version",
    "claim_id", "origin", "reviewed", "corrected_fields", "rejected",
)
CLAIM_EXPORT_COLUMNS = (
    "claim_id", "kind", "org", "name", "amount_low", "amount_high", "currency", "amount", "date",
    "date_precision", "when", "status", "category", "counterparty", "period_start", "period_end", "measure", "sources", "disputed", "disputed_fields", "first_reported",
    "evidence", "article_title", "source_name", "reviewed",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value a spreadsheet will show as text, never run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _records(rows: Iterable[Mapping], columns: Iterable[str]) -> list[dict]:
    columns = list(columns)
    return [{c: plain(row[c]) if c in row.keys() else None for c in columns} for row in rows]


def events_to_csv(rows: Iterable[Mapping], columns: Iterable[str] = EXPORT_COLUMNS) -> str:
    """Events as CSV text with a header row."""
    columns = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for record in _records(rows, columns):
        writer.writerow([safe_cell(record[c]) for c in columns])
    return buffer.getvalue()


def events_to_json(rows: Iterable[Mapping], columns: Iterable[str] = EXPORT_COLUMNS) -> str:
    """Events as a JSON array of objects."""
    return json.dumps(_records(rows, columns), ensure_ascii=False, indent=1)
