"""Totals: claimed spending per organization and year, chips per organization. This page's
body stands alone so that it can be replaced whole."""
import streamlit as st

from dashboard_pages import parts
from pipeline.views import charts

parts.headline()
if not parts.chart("spending_by_year", width="stretch"):
    st.info("No spending claims with a date in view.")
if not parts.chart("chips_by_org", width="stretch"):
    st.info("No chip counts in view.")
st.caption(f"Totals count each claim once, using {charts.FIGURE_NOTE}. Done and planned stand side by side (done "
           "first, planned lighter). Organizations and chips keep their colours on every page; the rest are grey, each "
           "in a block of its own.")
