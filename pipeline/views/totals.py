"""Totals a careful analyst would sign, from the reviewed events and claims.

- **Capex per organization and year** (its fiscal year where it keeps one): the latest
  guidance for that year (a range stays a range) and, once reported, the actual; never the
  sum of guidance, quarters and pledges. Quarters reported as actuals of that year are
  shown beside it, summed as such.
- **Commitments**: multi-year pledges, contracts and programmes, each over its own period,
  never inside one year's capex.
- **Chips per organization**: its latest fleet figure for each kind of unit; units of
  different kinds (H100s, "H100 equivalents", TPUs, systems) are never added.
- **Guidance history**: every guidance report for an organization and year in the order it
  was reported, then the actual.

Every figure keeps the ids of the claims under it. Functions take DataFrames and return
DataFrames; nothing here reads the store.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from ..extraction.record import is_missing

YEAR_DAYS = (330, 400)     # a period this long is one (fiscal) year
QUARTER_DAYS = (80, 100)   # ... and this long one quarter
CAPEX_COLUMNS = ["org", "year", "period_start", "period_end", "figure_low", "figure_high", "basis",
                 "guidance_low", "guidance_high", "guidance_reported", "guidance_claim_id",
                 "actual", "actual_reported", "actual_claim_id", "quarters_reported", "quarters_total",
                 "quarter_claim_ids", "guidance_steps"]
COMMITMENT_COLUMNS = ["claim_id", "org", "category", "counterparty", "amount_low", "amount_high", "period_start",
                      "period_end", "status", "first_reported", "evidence", "sources"]
FLEET_COLUMNS = ["org", "item", "units", "date", "date_precision", "status", "claim_id", "evidence"]
REPORT_COLUMNS = ["id", "claim_id", "org", "status", "period_start", "period_end", "amount_low", "amount_high",
                  "published", "evidence", "article_title"]
HISTORY_COLUMNS = ["org", "year", "reported", "kind_of_figure", "amount_low", "amount_high", "claim_id", "evidence",
                   "article_title"]


def _days(start: pd.Series, end: pd.Series) -> pd.Series:
    return (pd.to_datetime(end, errors="coerce") - pd.to_datetime(start, errors="coerce")).dt.days


def _span(table: pd.DataFrame, bounds: tuple[int, int]) -> pd.Series:
    days = _days(table["period_start"], table["period_end"])
    return days.between(*bounds)


VAGUE_RATIO = 3  # "hundreds of billions" (a tenfold range) is no one's guidance for a year


def capex_reports(events: pd.DataFrame) -> pd.DataFrame:
    """Accepted capex reports with a one-year or one-quarter period and a figure (not a
    vague range), each marked "year" or "quarter" in `span`, with the (fiscal) year it
    belongs to in `year`: the year its period ends in, and for a quarter the year of the
    organization's fiscal calendar that holds it."""
    table = events[(events["kind"] == "investment") & (events["category"] == "capex")
                   & events["period_start"].notna() & events["period_end"].notna()]
    if "rejected" in table:
        table = table[~table["rejected"].astype(bool)]
    table = table[[c for c in REPORT_COLUMNS if c in table]]  # the few it reads: each step copies every column
    yearly, quarterly = _span(table, YEAR_DAYS), _span(table, QUARTER_DAYS)
    table = table[yearly | quarterly].copy()
    table["span"] = np.where(yearly[yearly | quarterly], "year", "quarter")
    table["figure_low"] = table["amount_low"].fillna(table["amount_high"])
    table["figure_high"] = table["amount_high"].fillna(table["amount_low"])
    table = table[table["figure_high"] <= VAGUE_RATIO * table["figure_low"]]
    end = pd.to_datetime(table["period_end"])
    last_month = table["org"].map(_fiscal_last_months(table)).fillna(12).astype(int)
    table["year"] = end.dt.year + (end.dt.month > last_month).astype(int)
    return table


def _fiscal_last_months(reports: pd.DataFrame) -> dict[str, int]:
    """Each organization's last month of its fiscal year, as its year reports end (12 for
    a calendar year; 6 for Microsoft, whose fiscal 2025 ends in June 2025)."""
    years = reports[reports["span"] == "year"]
    months = pd.to_datetime(years["period_end"]).dt.month
    return months.groupby(years["org"]).agg(lambda m: m.mode().iloc[0]).to_dict()


def capex_by_year(events: pd.DataFrame) -> pd.DataFrame:
    """One row per organization and year: the figure to cite (the actual once reported,
    else the latest guidance), the guidance and actual behind it with their claims, and
    the quarters reported as actuals of that year (summed apart, never added to it)."""
    return capex_figures(capex_reports(events))


def capex_figures(reports: pd.DataFrame) -> pd.DataFrame:
    """`capex_by_year` of reports `capex_reports` gave (some of them: those in view)."""
    reports = _by_first_report(reports)
    first_reported = reports.groupby("claim_id")["published"].min().to_dict()  # when each claim was first told
    groups: dict[tuple, list[dict]] = defaultdict(list)
    columns = ["org", "year", "span", "status", "figure_low", "figure_high", "claim_id", "published", "id",
               "period_start", "period_end"]
    # plain rows, column by column (a hundred groups of DataFrame steps, or to_dict, took seconds at 100,000 events)
    for values in zip(*(reports[column].tolist() for column in columns)):
        report = dict(zip(columns, values))
        groups[(report["org"], report["year"])].append(report)
    rows = []
    for (org, year), group in sorted(groups.items()):
        guidance = [r for r in group if r["span"] == "year" and r["status"] == "planned"]
        actuals = [r for r in group if r["span"] == "year" and r["status"] == "done"]
        by_quarter = {}
        for quarter in sorted((r for r in group if r["span"] == "quarter" and r["status"] == "done"),
                              key=lambda r: (r["published"], r["id"])):
            by_quarter[quarter["period_start"]] = quarter  # the latest report of each quarter
        quarters = sorted(by_quarter.values(), key=lambda r: (r["published"], r["id"]))
        latest = guidance[-1] if guidance else None
        actual = actuals[-1] if actuals else None
        period = actual or latest
        if actual is not None:
            low, high, basis = actual["figure_low"], actual["figure_high"], "actual"
        elif latest is not None:
            low, high, basis = latest["figure_low"], latest["figure_high"], "latest guidance"
        else:
            low, high, basis = None, None, "quarters only"
        rows.append({
            "org": org, "year": int(year),
            "period_start": period["period_start"] if period else None,
            "period_end": period["period_end"] if period else None,
            "figure_low": low, "figure_high": high, "basis": basis,
            "guidance_low": latest["figure_low"] if latest else None,
            "guidance_high": latest["figure_high"] if latest else None,
            "guidance_reported": first_reported.get(latest["claim_id"], latest["published"]) if latest else None,
            "guidance_claim_id": latest["claim_id"] if latest else None,
            "actual": actual["figure_low"] if actual else None,
            "actual_reported": first_reported.get(actual["claim_id"], actual["published"]) if actual else None,
            "actual_claim_id": actual["claim_id"] if actual else None,
            "quarters_reported": len(quarters),
            "quarters_total": float(sum(q["figure_low"] for q in quarters)) if quarters else None,
            "quarter_claim_ids": " ".join(dict.fromkeys(str(q["claim_id"]) for q in quarters if not is_missing(q["claim_id"]))),
            "guidance_steps": len({r["claim_id"] for r in guidance if not is_missing(r["claim_id"])}),
        })
    return pd.DataFrame(rows, columns=CAPEX_COLUMNS)


def _by_first_report(reports: pd.DataFrame) -> pd.DataFrame:
    """Reports in the order their claims were first reported: a story that retells January's
    guidance in December does not make it the latest."""
    first = reports.groupby(reports["claim_id"].fillna(reports["id"].astype(str)))["published"].transform("min")
    return reports.assign(_first=first).sort_values(["_first", "published", "id"]).drop(columns="_first")


def guidance_history(events: pd.DataFrame, org: str, year: int | None = None) -> pd.DataFrame:
    """Every capex report of `org` for a year (each year, or `year`), in the order reported:
    guidance as it moved, then the actual; one row per claim at the first report of it."""
    return history_of(capex_reports(events), org, year)


def history_of(reports: pd.DataFrame, org: str, year: int | None = None) -> pd.DataFrame:
    """`guidance_history` of reports `capex_reports` gave (some of them: those in view)."""
    reports = reports[(reports["org"] == org) & (reports["span"] == "year")]
    if year is not None:
        reports = reports[reports["year"] == year]
    reports = reports.sort_values(["year", "published", "id"]).drop_duplicates(["year", "claim_id", "status"])
    table = pd.DataFrame({
        "org": reports["org"], "year": reports["year"], "reported": reports["published"],
        "kind_of_figure": np.where(reports["status"] == "done", "actual", "guidance"),
        "amount_low": reports["figure_low"], "amount_high": reports["figure_high"], "claim_id": reports["claim_id"],
        "evidence": reports["evidence"], "article_title": reports["article_title"],
    }, columns=HISTORY_COLUMNS)
    order = table["kind_of_figure"].map({"guidance": 0, "actual": 1})
    return table.assign(_order=order).sort_values(["year", "_order", "reported"]).drop(columns="_order").reset_index(drop=True)


def commitments(claims: pd.DataFrame) -> pd.DataFrame:
    """Investment claims that are not capex of one year or less (a year, a quarter, the
    year so far): multi-year pledges, contracts, programmes, facilities and training runs,
    each over its own period."""
    money = claims[claims["kind"] == "investment"]
    up_to_a_year = _days(money["period_start"], money["period_end"]) <= YEAR_DAYS[1]
    table = money[~((money["category"] == "capex") & up_to_a_year)]  # a year, a quarter, a year so far
    return table.reindex(columns=COMMITMENT_COLUMNS).sort_values(
        ["period_start", "first_reported"], na_position="last").reset_index(drop=True)


def chip_fleets(claims: pd.DataFrame) -> pd.DataFrame:
    """Per organization and kind of unit, its latest fleet figure (a count of everything it
    runs or will run by a date); orders are not fleets and units are never added."""
    chips = claims[(claims["kind"] == "hardware") & (claims["measure"] != "order")].copy()
    if chips.empty:
        return pd.DataFrame(columns=FLEET_COLUMNS)
    chips["units"] = chips["amount_low"].fillna(chips["amount_high"])
    chips["_when"] = chips["date"].fillna(chips["first_reported"])
    latest = chips.sort_values(["_when", "first_reported"], na_position="first").groupby(["org", "item"]).tail(1)
    return latest.reindex(columns=FLEET_COLUMNS).sort_values(["org", "item"]).reset_index(drop=True)


def headline_capex(capex: pd.DataFrame, year: int) -> dict:
    """The sum of the figures to cite for `year` over the organizations in `capex` (a range
    where any figure is a range), with how many organizations it covers and how many of
    those are actuals."""
    rows = capex[(capex["year"] == year) & capex["figure_low"].notna()]
    return {"year": year, "low": float(rows["figure_low"].sum()), "high": float(rows["figure_high"].sum()),
            "organizations": int(rows["org"].nunique()), "actuals": int((rows["basis"] == "actual").sum())}

