"""What a figure is, read from the sentence: the kind of spending an investment is, the
seller of a contract, the span of time a figure covers, and whether a chip count is a
fleet or an order. Each row is a sentence written for these tests."""
import datetime as dt

import pytest

from pipeline.extraction import extract_events
from pipeline.extraction.dates import DateContext, find_dates
from pipeline.readers.reference_tables import shipped_reference

REFERENCE = shipped_reference()


def first(text: str, published: str, kind: str):
    return next(e for e in extract_events(text, dt.date.fromisoformat(published), REFERENCE) if e.kind == kind)


@pytest.mark.parametrize("text,published,category,counterparty,start,end", [
    # a year's capital spending, guidance or actual: the fiscal year in the company's calendar
    ("Microsoft expects to spend about $80 billion on AI-enabled data centers in fiscal 2025.",
     "2025-01-04", "capex", None, "2024-07-01", "2025-06-30"),
    ("Meta expects capital expenditures of $64 billion to $72 billion this year.",
     "2025-04-30", "capex", None, "2025-01-01", "2025-12-31"),
    ("Alphabet said its capital expenditures were $13 billion in the second quarter.",
     "2024-07-24", "capex", None, "2024-04-01", "2024-06-30"),
    # one site is a facility
    ("Google will invest $2 billion in a new data center in Oklahoma.", "2025-01-22", "facility", None, None, None),
    # compute bought or leased from a seller: a contract, with the seller and its term
    ("Microsoft signed a $17.4 billion deal with Nebius for GPU capacity over five years.",
     "2025-09-09", "contract", "Nebius", "2025-09-09", "2030-09-08"),
    # the cost of training a model
    ("Training GPT-4 cost more than $100 million, Altman said.", "2023-04-17", "training", None, None, None),
    # a programme or a joint venture, over its years
    ("Stargate will invest $500 billion over the next four years in AI infrastructure.",
     "2025-01-22", "program", None, "2025-01-22", "2029-01-21"),
    ("The IndiaAI Mission will spend ₹10,372 crore on compute between 2024 and 2029.",
     "2024-03-08", "program", None, "2024-01-01", "2029-12-31"),
])
def test_investment_category_counterparty_and_period(text, published, category, counterparty, start, end):
    event = first(text, published, "investment")
    assert (event.category, event.counterparty, event.period_start, event.period_end) == (category, counterparty, start, end)


@pytest.mark.parametrize("text,measure", [
    ("Meta will have about 350,000 Nvidia H100 GPUs by the end of the year.", "fleet"),
    ("xAI's Colossus cluster now runs 100,000 H100s.", "fleet"),
    ("Meta ordered another 20,000 Nvidia H100 GPUs.", "order"),
    ("Nvidia will ship 18,000 GB300 chips to Humain this year.", "order"),
])
def test_chip_count_is_a_fleet_or_an_order(text, measure):
    assert first(text, "2025-01-22", "hardware").measure == measure


@pytest.mark.parametrize("phrase,since,until", [
    ("over the next four years", "2025-01-22", "2029-01-21"),
    ("between 2025 and 2029", "2025-01-01", "2029-12-31"),
    ("over five years", "2025-01-22", "2030-01-21"),
    ("over the past three years", "2022-01-23", "2025-01-22"),
])
def test_a_span_of_years_has_a_first_and_last_day(phrase, since, until):
    span = next(d for d in find_dates(f"It will spend the money {phrase}.", DateContext(dt.date(2025, 1, 22))))
    assert (span.since.isoformat(), span.until.isoformat()) == (since, until)
