"""Claims: the same statement from several articles is one claim; near misses stay apart."""
import itertools

import pytest

from pipeline.claims import amounts_agree, dates_agree, figure, group_claims, same_claim

_ids = itertools.count(1)


def report(org="Meta", kind="investment", low=None, high=None, date=None, precision=None, status="planned",
           article=None, published="2025-01-25", model=None, item=None, claim_key=None):
    number = next(_ids)
    return {"id": number, "fingerprint": f"f{number}", "kind": kind, "org": org, "model": model, "item": item,
            "amount_low": low, "amount_high": high, "currency": "USD", "date": date, "date_precision": precision,
            "status": status, "article_id": article or f"a{number}", "published": published, "claim_key": claim_key}


def test_group_claims_five_wordings_of_one_plan_are_one_claim_with_five_sources():
    reports = [
        report(low=60e9, high=65e9, date="2025-01-01", precision="year"),
        report(low=60e9, high=65e9, date="2025-01-01", precision="year", published="2025-01-29"),
        report(low=60e9, high=65e9, published="2025-01-26"),
        report(low=60e9, high=None, date="2025-01-24", precision="day"),
        report(low=None, high=65e9, date="2025-01-01", precision="year", published="2025-02-01"),
    ]
    claims = group_claims(reports)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.sources == 5 and not claim.disputed
    assert (claim.amount_low, claim.amount_high) == (60e9, 65e9)  # the tightest range reported
    assert (claim.date, claim.date_precision) == ("2025-01-24", "day")  # the best precision
    assert claim.first_reported == "2025-01-25"


@pytest.mark.parametrize("a,b", [
    # the same company's 2024 and 2025 capex plans
    (dict(low=35e9, high=40e9, date="2024-01-01", precision="year", published="2024-04-25"),
     dict(low=38e9, high=40e9, date="2025-01-01", precision="year", published="2024-10-31")),
    # "$100 billion initially" and "$500 billion over four years" of one project
    (dict(org="Stargate", low=100e9, high=100e9, date="2025-01-21", precision="day"),
     dict(org="Stargate", low=500e9, high=500e9, date="2025-01-21", precision="day")),
    # two quarters of capex
    (dict(low=8.5e9, high=8.5e9, date="2024-04-01", precision="quarter"),
     dict(low=9.2e9, high=9.2e9, date="2024-07-01", precision="quarter")),
    # different organizations
    (dict(org="Meta", low=10e9, high=10e9), dict(org="Google", low=10e9, high=10e9)),
    # different chips
    (dict(kind="hardware", item="Nvidia H100", low=350e3, high=350e3), dict(kind="hardware", item="Nvidia H100 equivalents", low=350e3, high=350e3)),
])
def test_group_claims_near_misses_stay_apart(a, b):
    assert len(group_claims([report(**a), report(**b)])) == 2


def test_group_claims_different_amounts_for_one_plan_are_disputed():
    claims = group_claims([report(low=10e9, high=10e9, date="2024-12-01", precision="month"),
                           report(low=13e9, high=13e9, date="2024-12-01", precision="month"),
                           report(low=10e9, high=10e9, date="2024-12-01", precision="month")])
    assert len(claims) == 1 and claims[0].disputed_fields == ["amount"]
    assert claims[0].amount_low == 10e9  # the figure most reported


def test_group_claims_release_months_that_differ_are_disputed():
    claims = group_claims([report(kind="model_release", model="Llama 3", date="2024-04-01", precision="month"),
                           report(kind="model_release", model="Llama 3", date="2024-05-01", precision="month")])
    assert len(claims) == 1 and claims[0].disputed_fields == ["date"]


def test_group_claims_manual_key_overrules_the_rules():
    a = report(low=100e9, high=100e9, claim_key="k1")
    b = report(low=500e9, high=500e9, claim_key="k1")
    c = report(low=100e9, high=100e9)
    claims = group_claims([a, b, c])
    assert sorted(len(cl.event_ids) for cl in claims) == [1, 2]
    assert next(cl for cl in claims if cl.manual).id == "k1"


def test_same_claim_undated_report_joins_a_dated_one_reported_close_in_time():
    dated = report(low=80e9, high=80e9, date="2025-01-01", precision="year", published="2025-01-03")
    undated = report(low=80e9, high=80e9, published="2025-01-22")
    years_later = report(low=80e9, high=80e9, published="2027-03-01")
    assert same_claim(dated, undated)
    assert not same_claim(dated, years_later)


def test_amounts_agree_open_bounds_reach_out():
    assert amounts_agree({"amount_low": 100e9, "amount_high": None}, {"amount_low": 125e9, "amount_high": 125e9})
    assert not amounts_agree({"amount_low": None, "amount_high": 5e9}, {"amount_low": 6e9, "amount_high": 6e9})


def test_dates_agree_year_contains_its_days_but_not_the_next_year():
    assert dates_agree({"date": "2025-01-01", "date_precision": "year"}, {"date": "2025-01-21", "date_precision": "day"})
    assert not dates_agree({"date": "2024-01-01", "date_precision": "year"}, {"date": "2025-01-21", "date_precision": "day"})


def test_figure_uses_low_end_then_high_end():
    assert figure({"amount_low": 60e9, "amount_high": 65e9}) == 60e9
    assert figure({"amount_low": None, "amount_high": 500e9}) == 500e9
