"""Totals: figures that can be cited. Capex per organization and (fiscal) year (the actual,
else the latest guidance), how one organization's guidance moved and the claims behind a
figure, commitments over the period they cover, and each organization's latest chip fleet
per kind. Nothing here adds quarters to a year, pledges to a year or unlike chips
(`pipeline/views/totals.py`)."""
import pandas as pd
import streamlit as st

from dashboard_pages import context, parts
from pipeline.views import charts, totals
from pipeline.views.display import count_phrase, format_amount
from pipeline.views.export import events_to_csv
from pipeline.views.tables import SENTENCE_ROW, claims_table, history_table

ALL_YEARS = "every year"


def draw(spec: dict | None, empty: str, width: str = "stretch") -> None:
    if spec is None:
        st.info(empty)
    else:
        st.vega_lite_chart(spec, width=width)


def capex_section(figures: dict) -> None:
    st.subheader("Capex per organization and year")
    spec = figures["capex_chart"]
    draw(spec, "No capex guidance or actual for a year in view.",
         width="content" if spec is not None and "width" in spec else "stretch")
    if not figures["capex"].empty:
        st.dataframe(figures["capex_table"], hide_index=True, width="stretch")
        st.download_button("Download capex per organization and year (CSV)",
                           lambda: events_to_csv(figures["capex"].to_dict("records"), list(figures["capex"].columns)),
                           "capex.csv", "text/csv")
    st.caption("The figure to cite is the actual once reported, else the latest guidance (a range stays a range). "
               "Quarters reported as actuals of a year are summed beside it, never added to it; guidance is never "
               "added to anything. A year is the organization's own fiscal year (Microsoft's 2025 ends in June 2025).")


def guidance_section(figures: dict) -> None:
    st.subheader("How guidance moved, and the claims behind a figure")
    capex = figures["capex"]
    if capex.empty:
        st.info("No organization in view has capex guidance or an actual for a year.")
        return
    steps = capex.groupby("org")["guidance_steps"].sum().sort_values(ascending=False, kind="stable")
    left, right = st.columns(2)
    org = left.selectbox("Organization", list(steps.index), key="totals_org")
    years = sorted(capex.loc[capex["org"] == org, "year"].unique(), reverse=True)
    year = right.selectbox("Year", [ALL_YEARS, *years], key="totals_year")
    chosen = None if year == ALL_YEARS else int(year)
    history = totals.history_of(context.view().capex_reports, org, chosen)
    draw(context.vega_spec(charts.guidance_chart(history)), f"No guidance or yearly actual stored for {org}.")
    if chosen is not None:
        row = capex[(capex["org"] == org) & (capex["year"] == chosen)].iloc[0]
        st.text(announced_against_delivered(row))
    if not history.empty:
        st.dataframe(history_table(history), hide_index=True, width="stretch", row_height=SENTENCE_ROW)
    rows = capex[(capex["org"] == org) & ((capex["year"] == chosen) if chosen is not None else True)]
    quarter_ids = {claim for ids in rows["quarter_claim_ids"] for claim in ids.split()}
    if quarter_ids:
        claims = context.view().claims
        st.caption("Quarters reported as actuals, summed beside the year and never added to it:")
        st.dataframe(claims_table(claims[claims["claim_id"].isin(quarter_ids)]), hide_index=True, width="stretch",
                     row_height=SENTENCE_ROW)


def announced_against_delivered(row: pd.Series) -> str:
    """One line setting a year's latest guidance beside its actual."""
    guidance = format_amount("investment", row["guidance_low"], row["guidance_high"])
    actual = format_amount("investment", row["actual"], row["actual"])
    said = f"latest guidance {guidance} (first reported {row['guidance_reported']})" if guidance else "no guidance stored"
    if not actual:
        return f"{row['org']} {row['year']}: {said}; no actual reported yet, so the guidance is the figure to cite."
    if guidance:
        low, high, value = row["guidance_low"], row["guidance_high"], row["actual"]
        where = "within it" if low <= value <= high else "above it" if value > high else "below it"
        return f"{row['org']} {row['year']}: {said}; actual {actual} (reported {row['actual_reported']}), {where}."
    return f"{row['org']} {row['year']}: {said}; actual {actual} (reported {row['actual_reported']})."


def commitments_section(figures: dict) -> None:
    st.subheader("Commitments over the period they cover")
    pledged = figures["commitments"]
    draw(figures["commitments_chart"], "No commitment in view covers a stated period.")
    if not pledged.empty:
        undated = int(pledged["period_start"].isna().sum())
        st.dataframe(figures["commitments_table"], hide_index=True, width="stretch", row_height=SENTENCE_ROW)
        st.caption(f"Multi-year pledges, contracts, programmes, facilities and training runs: "
                   f"{count_phrase(len(pledged), 'commitment')}, {undated} without a stated period (in the table only). "
                   f"The chart draws the {charts.COMMITMENTS_SHOWN} largest. None is added to a year's capex, and they "
                   "are not added to each other: a pledge may contain a contract.")


def fleets_section(figures: dict) -> None:
    st.subheader("Chips: the latest fleet of each kind")
    draw(figures["fleets_chart"], "No chip counts in view.")
    if not figures["fleets_table"].empty:
        st.dataframe(figures["fleets_table"], hide_index=True, width="stretch", row_height=SENTENCE_ROW)
    st.caption("Each organization's latest count of the chips it runs or will run, per kind of unit: H100s, "
               "'H100 equivalents', TPUs and unnamed GPUs are never added together, and orders are not fleets.")


parts.headline()
figures = context.derived("totals")
capex_section(figures)
guidance_section(figures)
commitments_section(figures)
fleets_section(figures)
