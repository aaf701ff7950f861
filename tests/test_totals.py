"""Totals a careful analyst would sign: a year's capex is its latest guidance or its
actual, never their sum; quarters sit beside the year; pledges keep their own period;
fleets of different chips are never added. Each table is made up for these tests."""
from pathlib import Path

import pandas as pd
import pytest

from pipeline.store.connection import connect
from pipeline.store.ingest import ingest_files
from pipeline.views.reviewed import reviewed_tables
from pipeline.views.totals import capex_by_year, chip_fleets, commitments, guidance_history, headline_capex

COLUMNS = ["id", "claim_id", "kind", "org", "item", "amount_low", "amount_high", "status", "category", "measure",
           "period_start", "period_end", "date", "published", "first_reported", "rejected", "evidence",
           "article_title", "counterparty"]


def table(*rows: dict) -> pd.DataFrame:
    """Events (or claims) with the defaults of a capex report; each row says what differs."""
    made = []
    for number, row in enumerate(rows, start=1):
        base = {"id": number, "claim_id": number, "kind": "investment", "org": "Meta", "item": None,
                "status": "planned", "category": "capex", "measure": None, "date": None, "rejected": False,
                "evidence": f"sentence {number}", "article_title": f"story {number}", "counterparty": None}
        base.update(row)
        base.setdefault("amount_high", base.get("amount_low"))
        base.setdefault("first_reported", base.get("published"))
        made.append(base)
    return pd.DataFrame(made, columns=COLUMNS)


YEAR_2025 = {"period_start": "2025-01-01", "period_end": "2025-12-31"}


def test_latest_guidance_is_the_figure_until_the_actual_is_reported():
    events = table({**YEAR_2025, "amount_low": 60e9, "amount_high": 65e9, "published": "2025-01-24"},
                   {**YEAR_2025, "amount_low": 64e9, "amount_high": 72e9, "published": "2025-04-30"})
    [row] = capex_by_year(events).to_dict("records")
    assert (row["basis"], row["figure_low"], row["figure_high"], row["guidance_steps"]) == ("latest guidance", 64e9, 72e9, 2)

    reported = pd.concat([events, table({**YEAR_2025, "id": 3, "claim_id": 3, "amount_low": 72.2e9,
                                         "status": "done", "published": "2026-01-29"})])
    [row] = capex_by_year(reported).to_dict("records")
    assert (row["basis"], row["figure_low"], row["figure_high"]) == ("actual", 72.2e9, 72.2e9)
    assert (row["guidance_low"], row["guidance_high"], row["actual_claim_id"]) == (64e9, 72e9, 3)


def test_quarters_are_summed_beside_the_year_never_into_it():
    events = table({**YEAR_2025, "amount_low": 70e9, "published": "2025-07-31"},
                   {"period_start": "2025-01-01", "period_end": "2025-03-31", "amount_low": 13e9, "status": "done",
                    "published": "2025-04-30"},
                   {"period_start": "2025-04-01", "period_end": "2025-06-30", "amount_low": 17e9, "status": "done",
                    "published": "2025-07-31"},
                   # the same quarter told again later: counted once
                   {"period_start": "2025-04-01", "period_end": "2025-06-30", "amount_low": 17e9, "status": "done",
                    "published": "2025-08-02"})
    [row] = capex_by_year(events).to_dict("records")
    assert (row["figure_low"], row["quarters_reported"], row["quarters_total"]) == (70e9, 2, 30e9)


def test_a_quarter_belongs_to_the_fiscal_year_of_its_company():
    june = {"org": "Microsoft", "status": "done"}
    events = table({**june, "period_start": "2024-07-01", "period_end": "2025-06-30", "amount_low": 88e9,
                    "published": "2025-07-31"},
                   {**june, "period_start": "2024-10-01", "period_end": "2024-12-31", "amount_low": 22.6e9,
                    "published": "2025-01-30"},
                   {**june, "period_start": "2025-07-01", "period_end": "2025-09-30", "amount_low": 34.9e9,
                    "published": "2025-10-30"})
    rows = {row["year"]: row for row in capex_by_year(events).to_dict("records")}
    assert (rows[2025]["figure_low"], rows[2025]["quarters_total"]) == (88e9, 22.6e9)
    assert (rows[2026]["basis"], rows[2026]["quarters_total"]) == ("quarters only", 34.9e9)


@pytest.mark.parametrize("row", [
    {**YEAR_2025, "amount_low": 100e9, "amount_high": 1000e9, "published": "2025-07-14"},  # "hundreds of billions"
    {**YEAR_2025, "amount_low": 65e9, "published": "2025-01-24", "rejected": True},        # an analyst said no
    {**YEAR_2025, "amount_low": 65e9, "published": "2025-01-24", "category": "facility"},  # one site
    {"period_start": "2025-01-01", "period_end": "2028-12-31", "amount_low": 600e9, "published": "2025-09-05"},
])
def test_what_is_no_capex_figure_for_a_year(row):
    assert capex_by_year(table(row)).empty


def test_guidance_history_runs_in_the_order_reported_then_the_actual():
    events = table({**YEAR_2025, "amount_low": 72.2e9, "status": "done", "published": "2026-01-29"},
                   {**YEAR_2025, "amount_low": 64e9, "amount_high": 72e9, "published": "2025-04-30"},
                   {**YEAR_2025, "amount_low": 60e9, "amount_high": 65e9, "published": "2025-01-24"},
                   {"period_start": "2026-01-01", "period_end": "2026-12-31", "amount_low": 115e9,
                    "amount_high": 135e9, "published": "2026-01-29"})
    history = guidance_history(events, "Meta", 2025)
    assert list(zip(history["kind_of_figure"], history["amount_low"])) == [
        ("guidance", 60e9), ("guidance", 64e9), ("actual", 72.2e9)]
    assert set(guidance_history(events, "Meta")["year"]) == {2025, 2026}


def test_commitments_keep_their_own_period_and_leave_out_a_years_capex():
    claims = table({**YEAR_2025, "amount_low": 65e9, "first_reported": "2025-01-24"},
                   {"period_start": "2025-01-01", "period_end": "2025-10-31", "amount_low": 90e9,
                    "first_reported": "2025-10-31"},  # the year so far
                   {"category": "program", "org": "Stargate", "amount_low": 500e9, "period_start": "2025-01-21",
                    "period_end": "2029-01-20", "first_reported": "2025-01-21"},
                   {"category": "contract", "org": "Microsoft", "counterparty": "Nebius", "amount_low": 17.4e9,
                    "period_start": "2025-09-08", "period_end": "2030-09-07", "first_reported": "2025-09-09"})
    assert list(commitments(claims)["org"]) == ["Stargate", "Microsoft"]


def test_each_kind_of_chip_keeps_its_latest_fleet_and_orders_are_apart():
    chips = {"kind": "hardware", "org": "Meta", "category": None, "status": "done"}
    claims = table({**chips, "item": "Nvidia H100", "amount_low": 350e3, "measure": "fleet", "date": "2024-12-31"},
                   {**chips, "item": "Nvidia H100", "amount_low": 150e3, "measure": "fleet", "date": "2024-01-01"},
                   {**chips, "item": "Nvidia H100 equivalents", "amount_low": 600e3, "measure": "fleet",
                    "date": "2024-12-31"},
                   {**chips, "item": "Nvidia H100", "amount_low": 20e3, "measure": "order", "date": "2025-03-01"})
    fleets = chip_fleets(claims)
    assert dict(zip(fleets["item"], fleets["units"])) == {"Nvidia H100": 350e3, "Nvidia H100 equivalents": 600e3}


def test_headline_adds_the_figure_to_cite_of_each_organization_as_a_range():
    events = table({**YEAR_2025, "amount_low": 72.2e9, "status": "done", "published": "2026-01-29"},
                   {**YEAR_2025, "org": "Google", "amount_low": 91e9, "amount_high": 93e9, "published": "2025-10-30"},
                   {"org": "Google", "period_start": "2025-07-01", "period_end": "2025-09-30", "amount_low": 24e9,
                    "status": "done", "published": "2025-10-30"})
    assert headline_capex(capex_by_year(events), 2025) == {
        "year": 2025, "low": 163.2e9, "high": 165.2e9, "organizations": 2, "actuals": 1}


# --- from articles to totals ------------------------------------------------------------------

STORIES = Path(__file__).resolve().parent / "fixtures" / "guidance_stories"
# Orion Grid guides its 2025 capex three times (january, april, july), reports the actual, and pledges $100B


def stored_stories(tmp_path, names):
    conn = connect(tmp_path / "store.db")
    for name in names:
        ingest_files(conn, [STORIES / name])
    return conn


def test_guidance_then_actual_from_articles_give_one_figure_and_a_history_of_four_points(tmp_path):
    conn = stored_stories(tmp_path, ["january.txt", "april.txt", "july.txt"])
    events, _ = reviewed_tables(conn)
    [row] = capex_by_year(events).to_dict("records")
    assert (row["org"], row["year"], row["basis"], row["figure_low"], row["figure_high"]) == (
        "Orion Grid", 2025, "latest guidance", 29e9, 31e9)

    for name in ("actual.txt", "pledge.txt"):
        ingest_files(conn, [STORIES / name])
    events, claims = reviewed_tables(conn)
    [row] = capex_by_year(events).to_dict("records")
    assert (row["basis"], row["figure_low"], row["figure_high"], row["guidance_low"]) == ("actual", 30.4e9, 30.4e9, 29e9)
    history = guidance_history(events, "Orion Grid", 2025)
    assert list(zip(history["kind_of_figure"], history["amount_low"])) == [
        ("guidance", 20e9), ("guidance", 26e9), ("guidance", 29e9), ("actual", 30.4e9)]
    [pledge] = commitments(claims).to_dict("records")
    assert (pledge["org"], pledge["amount_low"], pledge["period_start"]) == ("Orion Grid", 100e9, "2025-09-10")


def test_shipped_samples_give_meta_and_microsoft_their_reported_2025_capex(samples_conn):
    events, _ = reviewed_tables(samples_conn)
    capex = capex_by_year(events).set_index(["org", "year"])
    assert capex.loc[("Meta", 2025), ["basis", "figure_low"]].tolist() == ["actual", 72.22e9]
    assert capex.loc[("Microsoft", 2025), ["basis", "figure_low", "period_start", "period_end"]].tolist() == [
        "actual", 88e9, "2024-07-01", "2025-06-30"]


def test_a_guidance_retold_later_is_not_the_latest():
    events = table({**YEAR_2025, "claim_id": "jan", "amount_low": 60e9, "amount_high": 65e9, "published": "2025-01-24"},
                   {**YEAR_2025, "claim_id": "oct", "amount_low": 70e9, "amount_high": 72e9, "published": "2025-10-29"},
                   # a year in review in January retells January's guidance
                   {**YEAR_2025, "claim_id": "jan", "amount_low": 60e9, "amount_high": 65e9, "published": "2026-01-05"})
    [row] = capex_by_year(events).to_dict("records")
    assert (row["guidance_low"], row["guidance_claim_id"], row["guidance_reported"]) == (70e9, "oct", "2025-10-29")
