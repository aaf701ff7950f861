"""Compute Ledger: what the AI industry says it spends, claim by claim, with the sentence
and article behind every number.

    streamlit run dashboard.py                      # the store in data/events.db
    streamlit run dashboard.py -- --db other.db     # or $COMPUTE_LEDGER_DB

This file only wires the app together: the sidebar (adding articles, filters, reviewer)
and the pages, each a short script in `dashboard_pages/` with a URL of its own. Reading
articles, the store, claims, filters, charts and review live in `pipeline/`.
"""
import streamlit as st

from dashboard_pages import parts, sidebar

st.set_page_config(page_title="Compute Ledger", page_icon=":bar_chart:", layout="wide")

PAGES = [
    st.Page("dashboard_pages/timeline.py", title="Timeline", default=True),  # the default page lives at "/"
    st.Page("dashboard_pages/totals.py", title="Totals", url_path="totals"),
    st.Page("dashboard_pages/evidence.py", title="Evidence", url_path="evidence"),
    st.Page("dashboard_pages/articles.py", title="Articles", url_path="articles"),
    st.Page("dashboard_pages/claims.py", title="Claims", url_path="claims"),
    st.Page("dashboard_pages/review.py", title="Review", url_path="review"),
]

page = st.navigation(PAGES, position="top")
parts.build_store_on_first_run()
sidebar.render()
st.title("Compute Ledger")
st.caption("What AI companies say they spend on compute, the chips they count and the models they release, read from "
           "news articles. Every number links back to its sentence.")
parts.notice()
parts.upload_report()
page.run()
