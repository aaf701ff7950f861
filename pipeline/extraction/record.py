"""The event record (`EVENTS.md`): the `Event` type and the words every layer uses for it.

One home for the vocabulary of an event: its kinds, statuses and date precisions, the
fields that hold its values, the rule that turns a range into the one figure a total
uses, and how a missing value (None, or pandas' NaN) is told apart from a value.
Standard library only, so that every layer can import it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field

RULES_VERSION = "2.4"

KINDS = ("investment", "hardware", "model_release")  # in the order people are shown them
STATUSES = ("done", "planned")
PRECISIONS = ("day", "month", "quarter", "year")
PRECISION_RANK = {None: 0, "year": 1, "quarter": 2, "month": 3, "day": 4}
GENERIC_ITEMS = ("GPUs", "AI chips")  # chips counted without saying which
# What a figure is (`EVENTS.md`): the kind of spending an investment is, and whether a count of
# chips is all an organization runs or one purchase.
CATEGORIES = ("capex", "facility", "contract", "training", "program")
MEASURES = ("fleet", "order")
# Bounds on what an event can say: no AI spending claim is near $100 trillion, no chip
# count near a billion, and dates stay within years a calendar can reach either side of.
MAX_USD = 1e14
MAX_UNITS = 1e9
FIRST_YEAR, LAST_YEAR = 1900, 2200
# A sentence (at most `sentences.MAX_SENTENCE` characters) naming more figures or models
# than this is a table or a list, not a claim: only the first ones are read, so that no
# text can make reading it slower than in proportion to its length.
MAX_TRIGGERS_PER_SENTENCE = 12  # the most in one sentence of the real articles measured is 10
# The fields that hold what an event says (as opposed to where it was read).
VALUE_FIELDS = ("kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date", "date_precision",
                "status", "category", "counterparty", "period_start", "period_end", "measure")


def is_missing(value: object) -> bool:
    """None, or a float NaN (how pandas writes a missing number)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def plain(value: object) -> object:
    """A value as plain Python: None for a missing one, numpy scalars as Python numbers."""
    if is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, str, bytes)):
        value = value.item()
        return None if is_missing(value) else value
    return value


def amount_problem(kind: str, low: object, high: object) -> str | None:
    """Why an amount cannot stand (not a finite number, negative, beyond what any claim
    can be, or a low end above the high end), else None."""
    limit = MAX_UNITS if kind == "hardware" else MAX_USD
    for value in (low, high):
        if is_missing(value):
            continue
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"'{value}' is not a finite number"
        if value < 0:
            return "amounts cannot be negative"
        if value > limit:
            return f"{value:.3g} is beyond any plausible {'chip count' if kind == 'hardware' else 'amount in US dollars'}"
    if not is_missing(low) and not is_missing(high) and low > high:
        return "the low end of the amount is above its high end"
    return None


def date_problem(value: str | None) -> str | None:
    """Why a date cannot stand (not YYYY-MM-DD, or outside the years events can have), else None."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return f"'{value}' is not a date in the form YYYY-MM-DD"
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"{value} is outside the years {FIRST_YEAR}-{LAST_YEAR}"
    return None


def model_key(org: str | None, model: str | None) -> str:
    """A model's name for comparing: letters, digits and dots, without its organization's
    name in front ("DeepSeek-R1" and "R1" of DeepSeek are one model)."""
    key = re.sub(r"[^a-z0-9.]+", "", (model or "").lower())
    prefix = re.sub(r"[^a-z0-9.]+", "", (org or "").lower())
    return key[len(prefix):] if prefix and key.startswith(prefix) and len(key) > len(prefix) else key


def figure(low: object, high: object) -> float | None:
    """The one number a total counts for a range: its low end, else its ceiling."""
    if not is_missing(low):
        return float(low)
    if not is_missing(high):
        return float(high)
    return None


@dataclass
class Event:
    kind: str
    org: str
    model: str | None = None
    item: str | None = None
    amount_low: float | None = None
    amount_high: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str = "done"
    category: str | None = None      # investments: capex, facility, contract, training or program
    counterparty: str | None = None  # a contract's other side: who sells the compute
    period_start: str | None = None  # the span the money or chips cover (a quarter, a fiscal year, years)
    period_end: str | None = None
    measure: str | None = None       # hardware: fleet (all it runs) or order (one purchase)
    speaker: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    trigger: int = 0  # where in the article the amount, count or model name starts
    rules_version: str = RULES_VERSION
    vague: bool = field(default=False, repr=False)
    date_inferred: bool = field(default=False, repr=False)  # the story's day, not a date the sentence gives

    def as_record(self, article: str | None = None) -> dict:
        """The event as a plain dict in the shape of `EVENTS.md`."""
        record = asdict(self)
        record.pop("vague")
        record.pop("date_inferred")
        record["article"] = article
        return record
