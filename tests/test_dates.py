"""Table-driven tests for pipeline.dates.

Expectations follow shared/corpus/README.md: a date is the first day of the stated
period, a deadline the last day; relative phrases are read against the publication date.
"""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extraction.dates import DATELINE, DEADLINE, DateContext, find_dates, parse_date

D = dt.date


def _dated(text: str, published: dt.date, fiscal_last_month: int = 12) -> list[tuple]:
    mentions = find_dates(text, DateContext(published=published, fiscal_last_month=fiscal_last_month))
    return [(m.date, m.precision) for m in mentions if m.date is not None]


# (sentence, publication date, expected date, expected precision)
RESOLVED = [
    # weekdays: the one on or before the publication date when the text is past
    ("Meta said on Tuesday that it would buy more chips.", D(2024, 7, 24), D(2024, 7, 23), "day"),
    ("The company said on Wednesday it had signed the lease.", D(2024, 7, 24), D(2024, 7, 24), "day"),
    pytest.param(
        "Microsoft announced the plan on Friday.", D(2024, 7, 24), D(2024, 7, 19), "day"
    ),
    ("OpenAI said on Monday it had raised the money.", D(2025, 2, 7), D(2025, 2, 3), "day"),
    # a quarter named by its months
    ("Capex was $24.2 billion in the April-June quarter.", D(2025, 8, 8), D(2025, 4, 1), "quarter"),
    ("It expects more in the current July-September quarter.", D(2025, 8, 8), D(2025, 7, 1), "quarter"),
    # a date that opens the sentence goes with the verb of saying, not the plan it reports
    ("On Feb. 24, Alibaba said it would invest more.", D(2025, 3, 20), D(2025, 2, 24), "day"),
    ("On March 3, the company will open its books.", D(2025, 2, 20), D(2025, 3, 3), "day"),
    # a month is a month, first day
    ("The model will launch in April.", D(2024, 2, 15), D(2024, 4, 1), "month"),
    ("Meta released the model in April.", D(2024, 7, 24), D(2024, 4, 1), "month"),
    ("The chips arrived in November.", D(2025, 1, 10), D(2024, 11, 1), "month"),
    # deadlines: last day of the period, year precision
    ("The cluster will be finished by year's end.", D(2024, 7, 24), D(2024, 12, 31), "year"),
    ("Meta will own 350,000 H100s by the end of 2024.", D(2024, 1, 19), D(2024, 12, 31), "year"),
    ("The company aims to finish by the end of 2025.", D(2024, 7, 24), D(2025, 12, 31), "year"),
    ("The EU wants the gigafactories running by 2030.", D(2025, 2, 11), D(2030, 12, 31), "year"),
    # fiscal years are labelled by name
    ("Microsoft will spend $80 billion in fiscal 2025.", D(2025, 1, 3), D(2025, 1, 1), "year"),
    # quarters: first day of the quarter
    ("Alphabet spent $14 billion in the fourth quarter.", D(2025, 2, 5), D(2024, 10, 1), "quarter"),
    ("Meta expects capital expenditures in the first quarter to rise.", D(2025, 2, 5), D(2025, 1, 1), "quarter"),
    ("Capex rose sharply last quarter.", D(2024, 4, 30), D(2024, 1, 1), "quarter"),
    # "this quarter" said of the past in the weeks after a quarter ends: the quarter reported
    ("Capital expenditures were $24.2 billion this quarter.", D(2025, 7, 31), D(2025, 4, 1), "quarter"),
    ("We expect capex this quarter to be over $30 billion.", D(2025, 7, 31), D(2025, 7, 1), "quarter"),
    ("Capex was $24.2 billion this quarter so far.", D(2025, 9, 10), D(2025, 7, 1), "quarter"),
    ("Capex was $19 billion in the quarter that ended Sept. 30.", D(2024, 10, 30), D(2024, 7, 1), "quarter"),
    ("Spending peaked in Q3 2024.", D(2025, 3, 1), D(2024, 7, 1), "quarter"),
    ("The racks arrive in Q1 of 2027.", D(2025, 9, 17), D(2027, 1, 1), "quarter"),
    ("Spending jumped in the third quarter of 2024.", D(2025, 3, 1), D(2024, 7, 1), "quarter"),
    # halves and rough periods are coarsened to the year
    ("Deliveries start in H2 2025.", D(2025, 3, 1), D(2025, 1, 1), "year"),
    ("Deliveries start in the second half of 2025.", D(2025, 3, 1), D(2025, 1, 1), "year"),
    ("The site opens in mid-2024.", D(2023, 11, 20), D(2024, 1, 1), "year"),
    ("The model is due early next year.", D(2024, 11, 15), D(2025, 1, 1), "year"),
    ("The chips ship this summer.", D(2024, 3, 12), D(2024, 1, 1), "year"),
    # relative months and weeks
    ("The plan was approved last month.", D(2024, 7, 24), D(2024, 6, 1), "month"),
    ("The plan was approved last month.", D(2025, 1, 10), D(2024, 12, 1), "month"),
    ("The deal was signed last week.", D(2024, 7, 24), D(2024, 7, 1), "month"),
    ("The deal was signed last week.", D(2024, 8, 2), D(2024, 7, 1), "month"),
    ("The fund started in March of last year.", D(2024, 7, 24), D(2023, 3, 1), "month"),
    # days named in the text
    ("The venture was unveiled at the White House on Jan. 21.", D(2025, 1, 22), D(2025, 1, 21), "day"),
    ("The inauguration on Jan. 20 came first.", D(2025, 1, 22), D(2025, 1, 20), "day"),
    ("The order was placed on 20 January.", D(2025, 1, 28), D(2025, 1, 20), "day"),
    ("DeepSeek released V3 the day after Christmas.", D(2025, 1, 27), D(2024, 12, 26), "day"),
    ("The deal was announced on July 23, 2024.", D(2024, 7, 30), D(2024, 7, 23), "day"),
    ("The filing is dated 2024-03-18.", D(2024, 3, 20), D(2024, 3, 18), "day"),
    # a bare year
    ("Capex doubled in 2023.", D(2024, 2, 1), D(2023, 1, 1), "year"),
    ("Alphabet expects to spend $75 billion in 2025.", D(2025, 2, 4), D(2025, 1, 1), "year"),
    # more relative forms
    ("The model will ship later this year.", D(2024, 7, 24), D(2024, 1, 1), "year"),
    ("The cluster goes live next month.", D(2024, 12, 10), D(2025, 1, 1), "month"),
    ("Meta announced the plan this week.", D(2024, 7, 24), D(2024, 7, 1), "month"),
    ("Anthropic today announced a new model.", D(2024, 6, 20), D(2024, 6, 20), "day"),
    ("OpenAI said yesterday it would raise more.", D(2024, 3, 1), D(2024, 2, 29), "day"),
    ("The company will announce the details on Thursday.", D(2024, 7, 24), D(2024, 7, 25), "day"),
    ("OpenAI released GPT-4o on May 13.", D(2024, 5, 14), D(2024, 5, 13), "day"),
    ("DeepSeek released V3 on Dec. 26.", D(2025, 1, 27), D(2024, 12, 26), "day"),
    ("The chips will arrive in January.", D(2024, 11, 20), D(2025, 1, 1), "month"),
    ("The company bought the site last March.", D(2024, 7, 24), D(2024, 3, 1), "month"),
    ("The company bought the site last March.", D(2024, 2, 10), D(2023, 3, 1), "month"),
    ("The campus opened in March 2024.", D(2024, 7, 24), D(2024, 3, 1), "month"),
    ("In May, Meta ordered more chips.", D(2024, 7, 24), D(2024, 5, 1), "month"),
    ("Capex rose in the December quarter.", D(2025, 1, 30), D(2024, 10, 1), "quarter"),
    ("Meta spent $8.5 billion in the second quarter.", D(2024, 7, 31), D(2024, 4, 1), "quarter"),
    ("Capex will rise again in the fourth quarter.", D(2024, 10, 30), D(2024, 10, 1), "quarter"),
    ("The company expects Q1 capex of $16 billion.", D(2025, 2, 5), D(2025, 1, 1), "quarter"),
    ("Deliveries start in the first half of next year.", D(2024, 9, 1), D(2025, 1, 1), "year"),
    ("The site opens in late 2024.", D(2024, 2, 1), D(2024, 1, 1), "year"),
    ("The site opens in the summer of 2025.", D(2024, 2, 1), D(2025, 1, 1), "year"),
    ("Spending rose in FY25.", D(2025, 8, 1), D(2025, 1, 1), "year"),
    ("The company will finish by the end of the year.", D(2024, 7, 24), D(2024, 12, 31), "year"),
    pytest.param(
        "The company will finish by the end of next year.", D(2024, 7, 24), D(2025, 12, 31), "year"
    ),
    ("The network should be complete by the end of the decade.", D(2024, 7, 24), D(2029, 12, 31), "year"),
    ("The servers must be installed by March.", D(2025, 1, 10), D(2025, 3, 31), "month"),
]


@pytest.mark.parametrize(
    "text,published,expected,precision",
    RESOLVED,
    ids=[f"{c[0]} @{c[1]}" for c in (getattr(c, "values", c) for c in RESOLVED)],
)
def test_find_dates_phrase_resolves_against_publication_date(text, published, expected, precision):
    assert _dated(text, published) == [(expected, precision)]


def test_find_dates_in_april_is_month_not_day():
    (mention,) = find_dates("The lab will open in April.", DateContext(D(2024, 2, 15)))
    assert mention.precision == "month"
    assert mention.date == D(2024, 4, 1)


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("The cluster will be finished by year's end.", D(2024, 7, 24), D(2024, 12, 31)),
        ("The company aims to finish by the end of 2025.", D(2024, 7, 24), D(2025, 12, 31)),
        ("The EU wants the gigafactories running by 2030.", D(2025, 2, 11), D(2030, 12, 31)),
    ],
)
def test_find_dates_deadline_is_last_day_with_deadline_role(text, published, expected):
    (mention,) = find_dates(text, DateContext(published))
    assert (mention.date, mention.precision, mention.role) == (expected, "year", DEADLINE)


def test_find_dates_current_fiscal_year_uses_fiscal_calendar():
    # Microsoft's fiscal year ends in June: in January 2025 the current fiscal year is fiscal 2025.
    assert _dated("Microsoft will spend $80 billion in the current fiscal year.", D(2025, 1, 3), 6) == [
        (D(2025, 1, 1), "year")
    ]


@pytest.mark.parametrize("fiscal_last_month", [6, 12])
def test_find_dates_fiscal_2025_is_year_2025_whatever_fiscal_calendar(fiscal_last_month):
    assert _dated("Microsoft will spend $80 billion in fiscal 2025.", D(2025, 1, 3), fiscal_last_month) == [
        (D(2025, 1, 1), "year")
    ]


# --- phrases without a date ---------------------------------------------------------------

NO_DATE = [
    ("Microsoft will spend the money over the next four years.", D(2025, 1, 3)),
    ("The model will be released in a few months.", D(2024, 7, 24)),
    ("A bigger model is coming soon.", D(2024, 7, 24)),
    ("The company will build the sites in the coming months.", D(2024, 7, 24)),
    ("The model will be out in a couple of weeks.", D(2024, 7, 24)),
    ("Open models got cheaper between 2011 and 2022.", D(2024, 7, 24)),
    ("It will have invested the sum between 2023 and the end of 2029.", D(2025, 11, 5)),
    ("The plan runs over 2025-2028.", D(2024, 7, 24)),
    ("It will spend the sum over 2024 and 2025.", D(2024, 4, 23)),
    ("It will invest $7.9 billion between the start of 2026 and the end of 2029.", D(2025, 11, 5)),
]


@pytest.mark.parametrize("text,published", NO_DATE, ids=[t for t, _ in NO_DATE])
def test_find_dates_span_or_vague_time_has_no_date(text, published):
    assert _dated(text, published) == []


# --- datelines ------------------------------------------------------------------------------

DATELINES = [
    ("SEATTLE, Feb 7 - Microsoft said it would spend more on data centers.", D(2025, 2, 7), D(2025, 2, 7)),
    ("NEW YORK, March 18 (Reuters) - Nvidia unveiled a new chip.", D(2024, 3, 18), D(2024, 3, 18)),
    ("SAN FRANCISCO, July 23, 2024 — Meta released its largest model.", D(2024, 7, 23), D(2024, 7, 23)),
    ("WASHINGTON, Jan 21 (Reuters) - Three companies unveiled a venture.", D(2025, 1, 22), D(2025, 1, 21)),
    ("PARIS, Feb 11 — The EU announced a fund.", D(2025, 2, 11), D(2025, 2, 11)),
]


@pytest.mark.parametrize("text,published,expected", DATELINES, ids=[t[:24] for t, _, _ in DATELINES])
def test_find_dates_dateline_is_article_own_date(text, published, expected):
    mentions = find_dates(text, DateContext(published))
    datelines = [m for m in mentions if m.role == DATELINE]
    assert len(datelines) == 1
    assert (datelines[0].date, datelines[0].precision) == (expected, "day")


# --- traps ------------------------------------------------------------------------------------

NOT_DATES = [
    ("Microsoft has invested $13 billion in OpenAI.", D(2024, 7, 24)),
    ("The largest models use more than 10^25 operations.", D(2024, 7, 24)),
    ("Costs may rise as demand grows.", D(2024, 7, 24)),
    ("The cluster has 2,024 GPUs in one hall.", D(2024, 7, 24)),
    ("The lab bought 2024 GPUs for the test.", D(2024, 7, 24)),
    ("Shares rose 30% on the news.", D(2024, 7, 24)),
    ("Meta trained Llama 3.1 405B on H100 chips.", D(2024, 7, 24)),
    ("Nvidia's GB200 NVL72 racks hold 72 B200 GPUs.", D(2024, 7, 24)),
    ("Prices march higher as supply tightens.", D(2024, 7, 24)),
]


@pytest.mark.parametrize("text,published", NOT_DATES, ids=[t for t, _ in NOT_DATES])
def test_find_dates_number_or_verb_is_not_a_date(text, published):
    assert find_dates(text, DateContext(published)) == []


def test_find_dates_may_as_verb_next_to_real_date_keeps_only_real_date():
    assert _dated("Costs may rise next year.", D(2024, 7, 24)) == [(D(2025, 1, 1), "year")]


def test_find_dates_mention_text_matches_sentence():
    text = "Meta said on Tuesday it will spend $40 billion by the end of 2025."
    for mention in find_dates(text, DateContext(D(2024, 7, 24))):
        assert text[mention.start:mention.end] == mention.text


# --- parse_date ----------------------------------------------------------------------------

PARSE = [
    ("2024-07-24", D(2024, 7, 24)),
    ("July 24, 2024", D(2024, 7, 24)),
    ("24 July 2024", D(2024, 7, 24)),
    ("2024-07-24T10:42:00-05:00", D(2024, 7, 24)),
    ("2024-07-24T23:59:00Z", D(2024, 7, 24)),
    ("Jul. 24, 2024", D(2024, 7, 24)),
    ("  March 18, 2024  ", D(2024, 3, 18)),
]


@pytest.mark.parametrize("text,expected", PARSE, ids=[t.strip() for t, _ in PARSE])
def test_parse_date_full_date_is_parsed(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["July 2024", "2024", "next Tuesday", "not a date", "", "2024-02-30"])
def test_parse_date_less_than_full_date_is_none(text):
    assert parse_date(text) is None
