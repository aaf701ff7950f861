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


def investments(text: str, published: str) -> list[tuple]:
    """(org, low, high, status, period_start, period_end) of each investment read."""
    return [(e.org, e.amount_low, e.amount_high, e.status, e.period_start, e.period_end)
            for e in extract_events(text, dt.date.fromisoformat(published), REFERENCE) if e.kind == "investment"]


@pytest.mark.parametrize("text,published,expected", [
    # a fiscal year named by the month it ends in, in the company's own calendar
    ("Microsoft plans to put about $80 billion into AI data centers in its fiscal year ending in June.", "2025-01-06",
     [("Microsoft", 80e9, 80e9, "planned", "2024-07-01", "2025-06-30")]),
    ("Oracle expects capital spending of $25 billion for its fiscal year to May 2026.", "2025-09-12",
     [("Oracle", 25e9, 25e9, "planned", "2025-06-01", "2026-05-31")]),
    # the quarter named by its last month
    ("Microsoft's capital expenditures were $19 billion in the quarter that ended in June.", "2024-07-31",
     [("Microsoft", 19e9, 19e9, "done", "2024-04-01", "2024-06-30")]),
    # a quarter and a year in one sentence: each figure has its own
    ("Alphabet's capital expenditures were $14 billion in the fourth quarter and $52 billion for the full year 2024.",
     "2025-02-05", [("Google", 14e9, 14e9, "done", "2024-10-01", "2024-12-31"),
                    ("Google", 52e9, 52e9, "done", "2024-01-01", "2024-12-31")]),
    # "after $X in the first": the quarter left out is the first of the same year
    ("Amazon's capital expenditures were $31 billion in the second quarter, after $25 billion in the first.",
     "2025-08-01", [("Amazon", 31e9, 31e9, "done", "2025-04-01", "2025-06-30"),
                    ("Amazon", 25e9, 25e9, "done", "2025-01-01", "2025-03-31")]),
    # so far this year: from January to the day of the story, not the year
    ("Amazon's capital expenditures have reached $90 billion so far this year.", "2025-10-31",
     [("Amazon", 90e9, 90e9, "done", "2025-01-01", "2025-10-31")]),
    # a rate is no period; a month is when it was said, not what it covers
    ("Microsoft keeps its capital expenditures near $22 billion a quarter.", "2025-01-30",
     [("Microsoft", 22e9, 22e9, "planned", None, None)]),
    ("In March, Meta said it would raise capital spending on AI data centers to $65 billion.", "2025-04-02",
     [("Meta", 65e9, 65e9, "planned", None, None)]),
    # a future quarter after a verb of saying: the next one, not the last
    ("The finance chief said first-quarter capital expenditures would be $16 billion to $18 billion.", "2025-02-05",
     []),
    ("Alphabet's finance chief said first-quarter capital expenditures would be $16 billion to $18 billion.",
     "2025-02-05", [("Google", 16e9, 18e9, "planned", "2025-01-01", "2025-03-31")]),
])
def test_the_period_a_capex_figure_covers(text, published, expected):
    assert investments(text, published) == expected


@pytest.mark.parametrize("text,published,expected", [
    # an actual for a period that has ended, compared with, is kept as spent
    ("Meta expects 2026 capital expenditures of $115 billion to $135 billion, up from $72 billion in 2025.", "2026-01-29",
     [("Meta", 115e9, 135e9, "planned", "2026-01-01", "2026-12-31"),
      ("Meta", 72e9, 72e9, "done", "2025-01-01", "2025-12-31")]),
    # a forecast that a newer one replaced is not
    ("Meta now expects 2025 capital expenditures of $66 billion to $72 billion, above its previous range of "
     "$64 billion to $72 billion.", "2025-07-31", [("Meta", 66e9, 72e9, "planned", "2025-01-01", "2025-12-31")]),
    ("Alphabet's capital expenditures were $17 billion in the first quarter, within the range it had guided to "
     "in February.", "2025-04-25", [("Google", 17e9, 17e9, "done", "2025-01-01", "2025-03-31")]),
    ("Alphabet now expects capital expenditures of $91 billion in 2025, up from the $85 billion it had forecast "
     "in July.", "2025-10-30", [("Google", 91e9, 91e9, "planned", "2025-01-01", "2025-12-31")]),
    # a forecast stays a plan in the past tense
    ("Meta's latest forecast for 2024 capital expenditures, given in October, was $38 billion to $40 billion.",
     "2025-01-20", [("Meta", 38e9, 40e9, "planned", "2024-01-01", "2024-12-31")]),
    # a figure several companies reach together is no one's
    ("The four largest cloud spenders put about $58 billion into data centers and servers in the second quarter.",
     "2024-08-02", []),
    # what a figure implies is arithmetic, not a claim
    ("Amazon said its capex run rate implies about $118 billion of spending on data centers for 2025.",
     "2025-08-01", []),
])
def test_compared_and_superseded_figures(text, published, expected):
    assert investments(text, published) == expected


def test_a_date_after_a_later_figure_is_that_figures():
    events = investments("Microsoft spent about $88 billion on data centers and servers over the year, after "
                         "$56 billion in fiscal 2024.", "2025-08-01")
    assert [(low, start) for _, low, _, _, start, _ in events] == [(88e9, None), (56e9, "2023-07-01")]


def test_amounts_are_kept_to_the_cent():
    [event] = [e for e in extract_events("Meta's capital expenditures were $17.01 billion in the quarter.",
                                         dt.date(2025, 7, 31), REFERENCE)]
    assert event.amount_low == 17_010_000_000
