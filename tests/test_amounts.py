"""Table-driven tests for pipeline.amounts.

Expectations follow shared/EVENTS.md and shared/corpus/README.md: an exact or approximate
amount has low == high, a range is kept as written, a vague amount is a range, an open
bound is None, the currency is the one written.
"""
from __future__ import annotations

import pytest

from pipeline.extraction.amounts import Quantity, find_counts, find_money, format_count, format_usd, to_usd

RATES = {"EUR": 1.08, "GBP": 1.27, "CNY": 0.138, "JPY": 0.0066, "INR": 0.012}


def _money(text: str) -> list[tuple]:
    return [(q.low, q.high, q.currency) for q in find_money(text)]


def _counts(text: str) -> list[tuple]:
    return [(q.low, q.high) for q in find_counts(text)]


def _text_of(case) -> str:
    return case.values[0] if hasattr(case, "values") else case[0]


def _same(found: list[tuple], expected: list[tuple]) -> bool:
    if len(found) != len(expected):
        return False
    for got, want in zip(found, expected):
        for g, w in zip(got, want):
            if w is None or isinstance(w, str):
                if g != w:
                    return False
            elif g is None or g != pytest.approx(w, rel=1e-9):
                return False
    return True


# --- find_money: shorthand and currencies ------------------------------------------------

SHORTHAND = [
    ("Meta will spend $1.5bn on the cluster.", [(1.5e9, 1.5e9, "USD")]),
    ("Capex will be $60-65B this year.", [(6e10, 6.5e10, "USD")]),
    ("Capex of $60bn-$65bn is planned.", [(6e10, 6.5e10, "USD")]),
    ("Mistral plans a €4bn data center.", [(4e9, 4e9, "EUR")]),
    ("The fund has US$2 billion to deploy.", [(2e9, 2e9, "USD")]),
    ("The UK pledged £2.5 billion for compute.", [(2.5e9, 2.5e9, "GBP")]),
    ("SoftBank will invest 1.2 trillion yen in AI servers.", [(1.2e12, 1.2e12, "JPY")]),
    ("Alibaba will spend 380bn yuan on cloud and AI infrastructure.", [(3.8e11, 3.8e11, "CNY")]),
    ("The mission was given Rs 10,000 crore for GPUs.", [(1e11, 1e11, "INR")]),
    ("The cabinet approved ₹10,372 crore for the mission.", [(1.0372e11, 1.0372e11, "INR")]),
    ("The data center project is worth Rs. 20,761 Cr, the state said.", [(2.0761e11, 2.0761e11, "INR")]),  # "Cr", spaced
    ("Microsoft will spend $80 billion on AI data centers.", [(8e10, 8e10, "USD")]),
    ("Mistral raised €600m last year.", [(6e8, 6e8, "EUR")]),
    ("The training run cost $5.576 million.", [(5.576e6, 5.576e6, "USD")]),
    ("A budget of 100 million euros was set aside.", [(1e8, 1e8, "EUR")]),
    ("Stargate could cost a trillion dollars.", [(1e12, 1e12, "USD")]),
    ("The state will spend two billion dollars on GPUs.", [(2e9, 2e9, "USD")]),
    ("The budget is $1,500 million this year.", [(1.5e9, 1.5e9, "USD")]),
    ("The run cost $5.6M in rented compute.", [(5.6e6, 5.6e6, "USD")]),
    ("The plan costs $1.5 trillion in total.", [(1.5e12, 1.5e12, "USD")]),
    ("SoftBank will spend ¥1.2 trillion on servers.", [(1.2e12, 1.2e12, "JPY")]),
    ("Alibaba set aside RMB 380 billion for AI.", [(3.8e11, 3.8e11, "CNY")]),
    ("The mission got 10,000 crore rupees.", [(1e11, 1e11, "INR")]),
    ("India set aside Rs 1.5 lakh crore for compute.", [(1.5e12, 1.5e12, "INR")]),
    ("Investors put in 5bn euros.", [(5e9, 5e9, "EUR")]),
    ("KT agreed to invest ₩2.4 trillion in AI data centres.", [(2.4e12, 2.4e12, "KRW")]),
    ("The ministry committed SR19.9 billion to cloud regions.", [(1.99e10, 1.99e10, "SAR")]),
    ("Capex reached RMB76.8bn last year.", [(7.68e10, 7.68e10, "CNY")]),
    # a scale word hyphenated to its figure, as some outlets write it
    ("Kudu Networks may invest as much as US$720-million in data centres.", [(None, 7.2e8, "USD")]),
    ("It plans a $200-million-dollar AI factory.", [(2e8, 2e8, "USD")]),
    ("The province set aside $1-billion for compute.", [(1e9, 1e9, "USD")]),
]


@pytest.mark.parametrize("text,expected", SHORTHAND, ids=[t for t, _ in SHORTHAND])
def test_find_money_news_shorthand_reads_amount_and_currency(text, expected):
    assert _same(_money(text), expected), _money(text)


def test_find_money_own_dollar_conversion_keeps_both_amounts_in_their_currencies():
    found = _money("Alibaba will spend 380bn yuan (US$53bn) over three years.")
    assert _same(found, [(3.8e11, 3.8e11, "CNY"), (5.3e10, 5.3e10, "USD")]), found


# --- find_money: ranges, changes and pairs ------------------------------------------------

RANGES = [
    ("Capex will be $16 billion to $18 billion next quarter.", [(1.6e10, 1.8e10, "USD")]),
    ("The plan costs between €30bn and €50bn.", [(3e10, 5e10, "EUR")]),
    ("It expects between $35 billion and $40 billion in capex.", [(3.5e10, 4e10, "USD")]),
    ("Spending will be $60bn-$65bn.", [(6e10, 6.5e10, "USD")]),
]


@pytest.mark.parametrize("text,expected", RANGES, ids=[t for t, _ in RANGES])
def test_find_money_range_is_kept_as_written(text, expected):
    assert _same(_money(text), expected), _money(text)


CHANGES = [
    ("Microsoft raised its plan from $75bn to $85bn.", [(8.5e10, 8.5e10, "USD")]),
    ("The budget went from $10 billion to $12 billion.", [(1.2e10, 1.2e10, "USD")]),
]


@pytest.mark.parametrize("text,expected", CHANGES, ids=[t for t, _ in CHANGES])
def test_find_money_from_old_to_new_gives_only_new_figure(text, expected):
    assert _same(_money(text), expected), _money(text)


def test_find_money_amount_then_open_bound_in_one_sentence_are_two_amounts():
    found = _money("GIP will mobilize $30 billion of equity, and up to $100 billion including debt.")
    assert _same(found, [(3e10, 3e10, "USD"), (None, 1e11, "USD")]), found


def test_find_money_two_amounts_joined_by_and_are_two_amounts():
    found = _money("Microsoft has put $13 billion and $9.2 billion into the two deals.")
    assert _same(found, [(1.3e10, 1.3e10, "USD"), (9.2e9, 9.2e9, "USD")]), found


# --- find_money: vague amounts -----------------------------------------------------------

VAGUE = [
    ("Training Llama cost hundreds of millions of dollars.", (1e8, 1e9, "USD")),
    ("The firms are spending billions of dollars on chips.", (1e9, 1e10, "USD")),
    ("They will pour tens of billions of dollars into data centers.", (1e10, 1e11, "USD")),
    ("The UK deal brings billions of pounds of investment.", (1e9, 1e10, "GBP")),
    ("It signed a multibillion-dollar cloud contract.", (1e9, 1e10, "USD")),
    ("The buildout will cost hundreds of billions of dollars.", (1e11, 1e12, "USD")),
    pytest.param(
        "It will spend several billion dollars on chips.", (1e9, 1e10, "USD")
    ),
    pytest.param(
        "It will spend a few billion dollars on chips.", (1e9, 1e10, "USD")
    ),
    ("Governments pledged tens of billions of euros.", (1e10, 1e11, "EUR")),
]


@pytest.mark.parametrize("text,expected", VAGUE, ids=[_text_of(c) for c in VAGUE])
def test_find_money_vague_amount_is_range(text, expected):
    found = find_money(text)
    assert _same(_money(text), [expected]), _money(text)
    assert found[0].vague is True


def test_find_money_vague_hundreds_of_millions_is_range():
    (q,) = find_money("Meta spent hundreds of millions of dollars on Llama 3.1.")
    assert (q.low, q.high, q.currency, q.vague) == (1e8, 1e9, "USD", True)


def test_find_money_half_a_trillion_dollars_is_exact():
    found = _money("Stargate could eventually cost half a trillion dollars.")
    assert _same(found, [(5e11, 5e11, "USD")]), found


# --- find_money: open bounds and approximations --------------------------------------------

BOUNDS = [
    ("Microsoft will spend more than $100 billion.", (1e11, None, "USD")),
    ("The venture will invest up to $500 billion.", (None, 5e11, "USD")),
    ("The bill came to north of $10 billion.", (1e10, None, "USD")),
    ("It will spend at least $1 billion a year.", (1e9, None, "USD")),
    ("It could spend as much as $2 billion.", (None, 2e9, "USD")),
    ("Spending of over €5bn is planned.", (5e9, None, "EUR")),
    ("Google agreed to invest up to $2bn.", (None, 2e9, "USD")),
    ("Capex of less than $3 billion is expected.", (None, 3e9, "USD")),
    ("It will spend $100 billion or more.", (1e11, None, "USD")),
    ("It plans a $100bn-plus buildout.", (1e11, None, "USD")),
    ("It will spend a little more than $1 billion.", (1e9, None, "USD")),
    ("The cluster will cost under $5 billion.", (None, 5e9, "USD")),
]


@pytest.mark.parametrize("text,expected", BOUNDS, ids=[t for t, _ in BOUNDS])
def test_find_money_open_bound_leaves_other_end_none(text, expected):
    assert _same(_money(text), [expected]), _money(text)


APPROXIMATE = [
    ("Microsoft will spend about $80 billion.", (8e10, 8e10, "USD")),
    ("The run cost nearly $5.6 million.", (5.6e6, 5.6e6, "USD")),
    ("The lab will spend roughly €4bn.", (4e9, 4e9, "EUR")),
    ("Capex was approximately $13 billion.", (1.3e10, 1.3e10, "USD")),
    ("The talks were worth almost $10 billion.", (1e10, 1e10, "USD")),
]


@pytest.mark.parametrize("text,expected", APPROXIMATE, ids=[t for t, _ in APPROXIMATE])
def test_find_money_approximation_counts_as_exact(text, expected):
    assert _same(_money(text), [expected]), _money(text)


# --- find_money: not money ------------------------------------------------------------------

NOT_MONEY = [
    "The app has 'hundreds of millions' of users.",
    "The app has hundreds of millions of users.",
    "In 2024 the company opened three sites.",
    "Data center demand rose 30% in the quarter.",
    "Meta will have more than 1.3 million GPUs.",
    "The cluster links 100,000 H100 chips.",
    "Meta released the 405B model in July.",
    "Nvidia's B200 and GB200 chips ship soon.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_find_money_not_money_finds_nothing(text):
    assert find_money(text) == []


@pytest.mark.parametrize("text", [t for t, _ in SHORTHAND + RANGES + CHANGES] + [_text_of(c) for c in VAGUE + BOUNDS])
def test_find_money_span_matches_text(text):
    for q in find_money(text):
        assert text[q.start:q.end] == q.text


# --- find_counts ----------------------------------------------------------------------------

COUNTS = [
    ("Meta will own 350,000 H100s.", [(350_000, 350_000)]),
    ("Meta will have 1.3 million GPUs.", [(1.3e6, 1.3e6)]),
    ("Amazon will deploy hundreds of thousands of Trainium2 chips.", [(1e5, 1e6)]),
    ("The site will hold several hundred thousand accelerators.", [(1e5, 1e6)]),
    ("It is building a hundred thousand GPU cluster.", [(1e5, 1e5)]),
    ("The lab runs more than 1,000 GPUs.", [(1_000, None)]),
    ("The lab runs a little more than 1,000 GPUs.", [(1_000, None)]),
    ("xAI brought 100k GPUs online.", [(1e5, 1e5)]),
    ("It wants half a million chips.", [(5e5, 5e5)]),
    ("Mistral will use up to 25,000 GPUs.", [(None, 25_000)]),
    ("Meta will have more than 1.3 million GPUs.", [(1.3e6, None)]),
    ("The cluster is bigger than 100,000 H100s.", [(1e5, None)]),
    ("It will double to 200,000 GPUs, including 50,000 H200s.", [(2e5, 2e5), (5e4, 5e4)]),
    ("Meta will have 600,000 H100 equivalents.", [(6e5, 6e5)]),
    ("The labs run tens of thousands of GPUs.", [(1e4, 1e5)]),
    ("xAI runs nearly 200,000 GPUs.", [(2e5, 2e5)]),
    ("It could buy as many as 300,000 chips.", [(None, 3e5)]),
    ("Inflection has some 22,000 H100s.", [(22_000, 22_000)]),
    ("It will buy 10,000 to 20,000 GPUs.", [(1e4, 2e4)]),
    ("It wants two million GPUs.", [(2e6, 2e6)]),
    ("The cluster holds over 100,000 GPUs.", [(1e5, None)]),
    ("It has 100,000+ GPUs online.", [(1e5, None)]),
    # thousands grouped by spaces (South African, French) or by stops (much of Europe)
    ("Kudu Networks will deploy 3 000 GPUs by June.", [(3_000, 3_000)]),
    ("The hall will hold 12\u00a0000 accelerators.", [(12_000, 12_000)]),
    ("The cluster comprises 22.000 H100 units.", [(22_000, 22_000)]),
    ("Each rack holds 2.5 times as many GPUs.", [(2.5, 2.5)]),
]


@pytest.mark.parametrize("text,expected", COUNTS, ids=[t for t, _ in COUNTS])
def test_find_counts_phrasing_gives_units(text, expected):
    found = _counts(text)
    assert _same(found, expected), found


@pytest.mark.parametrize("text", [t for t, _ in COUNTS])
def test_find_counts_span_matches_text(text):
    for q in find_counts(text):
        assert text[q.start:q.end] == q.text
        assert q.currency is None


# --- to_usd -------------------------------------------------------------------------------

TO_USD = [
    (Quantity(0, 0, 4e9, 4e9, "EUR"), (4.32e9, 4.32e9)),
    (Quantity(0, 0, 3e10, 5e10, "EUR"), (3.24e10, 5.4e10)),
    (Quantity(0, 0, 2.5e9, 2.5e9, "GBP"), (3.175e9, 3.175e9)),
    (Quantity(0, 0, 1.2e12, 1.2e12, "JPY"), (7.92e9, 7.92e9)),
    (Quantity(0, 0, 3.8e11, 3.8e11, "CNY"), (5.244e10, 5.244e10)),
    (Quantity(0, 0, 1e11, 1e11, "INR"), (1.2e9, 1.2e9)),
    (Quantity(0, 0, 8e10, 8e10, "USD"), (8e10, 8e10)),
]


@pytest.mark.parametrize("quantity,expected", TO_USD, ids=[f"{q.currency}-{q.low:g}" for q, _ in TO_USD])
def test_to_usd_fixed_rate_converts_both_bounds(quantity, expected):
    converted = to_usd(quantity, RATES)
    assert (converted.low, converted.high) == (pytest.approx(expected[0]), pytest.approx(expected[1]))


@pytest.mark.parametrize(
    "quantity,expected",
    [
        (Quantity(0, 0, 5e9, None, "EUR"), (5.4e9, None)),
        (Quantity(0, 0, None, 2e9, "GBP"), (None, 2.54e9)),
        (Quantity(0, 0, None, 5e11, "USD"), (None, 5e11)),
    ],
    ids=["EUR-low-only", "GBP-high-only", "USD-high-only"],
)
def test_to_usd_open_bound_keeps_none(quantity, expected):
    converted = to_usd(quantity, RATES)
    low, high = expected
    assert converted.low == (None if low is None else pytest.approx(low))
    assert converted.high == (None if high is None else pytest.approx(high))


def test_to_usd_unknown_currency_is_unchanged():
    quantity = Quantity(0, 0, 1e9, 1e9, "CHF")
    converted = to_usd(quantity, RATES)
    assert (converted.low, converted.high, converted.currency) == (1e9, 1e9, "CHF")


def test_to_usd_keeps_currency_as_written():
    converted = to_usd(Quantity(0, 0, 4e9, 4e9, "EUR"), RATES)
    assert converted.currency == "EUR"


# --- format_usd / format_count ------------------------------------------------------------

FORMAT_USD = [
    ((1.5e9, 1.5e9), "$1.5B"),
    ((1e8, 1e9), "$100M-$1B"),
    ((1e11, None), "more than $100B"),
    ((None, 5e9), "up to $5B"),
    ((8e10, 8e10), "$80B"),
    ((6e10, 6.5e10), "$60B-$65B"),
    ((5e11, 5e11), "$500B"),
    ((2.5e12, 2.5e12), "$2.5T"),
    ((6e8, 6e8), "$600M"),
    ((None, None), ""),
]


@pytest.mark.parametrize("bounds,expected", FORMAT_USD, ids=[e or "empty" for _, e in FORMAT_USD])
def test_format_usd_bounds_read_as_written(bounds, expected):
    assert format_usd(*bounds) == expected


FORMAT_COUNT = [
    ((350_000, 350_000), "350,000"),
    ((1e5, 1e6), "100,000-1,000,000"),
    ((1_000, None), "more than 1,000"),
    ((None, 25_000), "up to 25,000"),
    ((None, None), ""),
]


@pytest.mark.parametrize("bounds,expected", FORMAT_COUNT, ids=[e or "empty" for _, e in FORMAT_COUNT])
def test_format_count_bounds_read_as_written(bounds, expected):
    assert format_count(*bounds) == expected


@pytest.mark.parametrize("text,low,high", [
    ("The lab spent several hundred million dollars on training.", 1e8, 1e9),
    ("It will cost a few hundred billion dollars over a decade.", 1e11, 1e12),
])
def test_find_money_several_hundred_scale_is_a_vague_range(text, low, high):
    [amount] = find_money(text)
    assert (amount.low, amount.high, amount.vague) == (low, high, True)
