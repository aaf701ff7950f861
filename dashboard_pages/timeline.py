"""Timeline: claims per month with a time brush, and below it the model releases and the
claimed spending of the period selected, on one time axis."""
import streamlit as st

from dashboard_pages import context, parts
from pipeline.views import charts
from pipeline.views.filters import brush_bounds, period_from_brush

CHART_KEY = "timeline_chart"


def select_period() -> None:
    """The brush moved: its period becomes the time selection (none when it is cleared)."""
    brushed = st.session_state[CHART_KEY]["selection"].get(charts.BRUSH) or {}
    period = period_from_brush(next(iter(brushed.values()), None))
    shown = context.filters().period
    if period is None or shown is None or brush_bounds(period) != brush_bounds(shown):
        st.session_state["f_period"] = period


parts.headline()
if not parts.chart("timeline", key=CHART_KEY, on_select=select_period, selection_mode=charts.BRUSH, width="content"):
    st.info("No claim in view has a date, so there is no timeline to draw.")
else:
    drawn = context.derived("timeline_parts")
    missing = [what for what, key in (("model releases", "releases"), ("spending claims", "spending")) if not drawn[key]]
    if missing:
        st.info(f"No {' and no '.join(missing)} with a date in {'the period selected' if context.filters().period else 'view'}.")
    st.caption(f"Each mark is a claim; its size is the number of articles reporting it. Charts draw at most "
               f"{charts.MAX_POINTS:,} marks (the largest) per chart; claims without a date are in the tables only.")
