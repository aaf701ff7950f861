"""Claims: the same statement from several articles is one claim; near misses stay apart."""
import itertools
import random

import pytest

from pipeline import claims as claims_module
from pipeline.claims import (amounts_agree, dates_agree, figure, group_claims, manual_key, regroup_subject,
                             rule_claim_id, same_claim, subject_key)

_ids = itertools.count(1)


def report(org="Meta", kind="investment", low=None, high=None, date=None, precision=None, status="planned",
           article=None, published="2025-01-25", model=None, item=None, claim_key=None, category=None):
    number = next(_ids)
    return {"id": number, "fingerprint": f"f{number}", "kind": kind, "org": org, "model": model, "item": item,
            "amount_low": low, "amount_high": high, "currency": "USD", "date": date, "date_precision": precision,
            "status": status, "article_id": article or f"a{number}", "published": published, "claim_key": claim_key,
            "category": category}


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
    # a year's capex guidance, revised
    (dict(low=60e9, high=65e9, date="2025-01-01", precision="year", category="capex", published="2025-01-29"),
     dict(low=64e9, high=72e9, date="2025-01-01", precision="year", category="capex", published="2025-04-30")),
    # "more than 16,000 H100s" trained a model; "more than 1.3 million GPUs" by year-end
    (dict(kind="hardware", item="Nvidia H100", low=16e3, high=None, date=None, precision=None),
     dict(kind="hardware", item="GPUs", low=1.3e6, high=None, date="2025-12-31", precision="year", status="planned")),
    # a year's guidance and the actual reported after it
    (dict(low=75e9, high=75e9, date="2024-01-01", precision="year", published="2024-11-01"),
     dict(low=83e9, high=83e9, date="2024-01-01", precision="year", status="done", published="2025-02-07")),
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
    assert amounts_agree({"amount_low": None, "amount_high": 90e9}, {"amount_low": 40e9, "amount_high": 40e9})
    # ...but not forever: two floors a hundredfold apart are two statements
    assert not amounts_agree({"amount_low": 16e3, "amount_high": None}, {"amount_low": 1.3e6, "amount_high": None})


def test_dates_agree_year_contains_its_days_but_not_the_next_year():
    assert dates_agree({"date": "2025-01-01", "date_precision": "year"}, {"date": "2025-01-21", "date_precision": "day"})
    assert not dates_agree({"date": "2024-01-01", "date_precision": "year"}, {"date": "2025-01-21", "date_precision": "day"})


def test_figure_uses_low_end_then_high_end():
    assert figure({"amount_low": 60e9, "amount_high": 65e9}) == 60e9
    assert figure({"amount_low": None, "amount_high": 500e9}) == 500e9


# --- regrouping one subject, from scratch or from an earlier grouping -------------------------

AMOUNTS = [(None, None), (10e9, 10e9), (12e9, 12e9), (13e9, None), (None, 14e9), (20e9, 25e9), (100e9, 100e9)]
DATES = [(None, None), ("2024-01-01", "year"), ("2024-12-01", "month"), ("2025-01-15", "day"),
         ("2024-10-01", "quarter"), ("2025-01-01", "year")]
PUBLISHED = ["2024-02-01", "2024-11-20", "2025-01-20", "2026-06-01"]


def subject_reports(count: int, seed: int) -> list[dict]:
    """Reports about one subject (Meta's spending), with amounts, dates and publication
    dates that agree, disagree a little and disagree a lot."""
    rng = random.Random(seed)
    reports = []
    for _ in range(count):
        (low, high), (date, precision) = rng.choice(AMOUNTS), rng.choice(DATES)
        reports.append(report(low=low, high=high, date=date, precision=precision, published=rng.choice(PUBLISHED)))
    return reports


def claim_of_each(records: list[dict], openers: list[int]) -> dict:
    return {record["id"]: rule_claim_id(records[opener]) for record, opener in zip(records, openers)}


def in_order(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["published"] or "", r["id"]))


def grouped(records: list[dict]) -> dict:
    return {event_id: claim.id for claim in group_claims(records) for event_id in claim.event_ids}


@pytest.mark.parametrize("seed", range(20))
def test_regroup_subject_from_scratch_forms_the_claims_group_claims_forms(seed):
    records = in_order(subject_reports(60, seed))
    assert claim_of_each(records, regroup_subject(records)) == grouped(records)


@pytest.mark.parametrize("seed", range(30))
def test_regroup_subject_after_reports_come_go_and_change_matches_a_fresh_grouping(seed):
    rng = random.Random(seed)
    records = in_order(subject_reports(40, seed))
    openers = regroup_subject(records)
    for _ in range(15):
        before = {r["id"]: (r, records[o]["id"]) for r, o in zip(records, openers)}
        changed = set()
        current = list(records)
        for _ in range(rng.randrange(1, 4)):
            move = rng.choice(["add", "remove", "change"])
            if move == "add":
                (new,) = subject_reports(1, rng.randrange(10**6))
                current.append(new)
                changed.add(new["id"])
            elif move == "remove" and current:
                current.pop(rng.randrange(len(current)))
            elif current:
                at = rng.randrange(len(current))
                (low, high), (date, precision) = rng.choice(AMOUNTS), rng.choice(DATES)
                current[at] = {**current[at], "amount_low": low, "amount_high": high, "date": date,
                               "date_precision": precision, "published": rng.choice(PUBLISHED)}
                changed.add(current[at]["id"])
        records = in_order(current)
        position = {r["id"]: i for i, r in enumerate(records)}
        previous = []
        for r in records:
            old = before.get(r["id"])
            kept = old is not None and r["id"] not in changed and old[1] not in changed and old[1] in position
            previous.append(position[old[1]] if kept else None)
        openers = regroup_subject(records, previous)
        assert claim_of_each(records, openers) == grouped(records)


def test_regroup_subject_keeps_an_unchanged_grouping_without_comparing_again(monkeypatch):
    records = in_order(subject_reports(50, 1))
    openers = regroup_subject(records)
    compared = []
    monkeypatch.setattr(claims_module, "same_claim", lambda a, b: compared.append((a, b)) or True)
    assert regroup_subject(records, openers) == openers
    assert compared == []


def test_subject_key_separates_manual_claims_from_the_rules_subjects():
    a = report(kind="model_release", model="Llama 3.1", org="Meta")
    b = report(kind="model_release", model="llama-3.1", org="Meta")
    assert subject_key(a) == subject_key(b) and manual_key(subject_key(a)) is None
    c = report(kind="model_release", model="Llama 3.1", org="Meta", claim_key="merged-1")
    assert manual_key(subject_key(c)) == "merged-1"


def test_a_capex_guidance_and_the_actual_within_it_are_two_claims():
    guidance = report(low=64e9, high=72e9, date="2025-01-01", precision="year", category="capex", published="2025-04-30")
    actual = report(low=72.2e9, high=72.2e9, date="2025-01-01", precision="year", category="capex", status="done",
                    published="2026-01-29")
    assert len(group_claims([guidance, actual])) == 2
