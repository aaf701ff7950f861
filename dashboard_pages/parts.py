"""Pieces several pages show: the headline figures, a chart from its cached spec, the
panel that lists what an upload gave, the store's first build, one-line notices. Text a
user or an article supplied is shown as text (`st.text`, dataframes) or escaped."""
from __future__ import annotations

import streamlit as st

from dashboard_pages import context
from dashboard_pages.sidebar import UPLOADS_KEY
from pipeline.store.samples import sample_build
from pipeline.views.display import count_phrase, escape_markdown, format_headline_usd
from pipeline.views.tables import WIDTHS, article_report

REVIEW_PAGE = "dashboard_pages/review.py"
REPORT_ROWS = 30   # events the upload panel lists per article


def build_store_on_first_run() -> None:
    """On a new store, watch its build from the sample articles (`store.samples`: it runs
    to its end even if this page is closed halfway)."""
    build = sample_build(context.db_path())
    if build is None:
        return
    with st.status("Building the store from the sample articles…", expanded=True) as status:
        bar = st.progress(0.0)
        while not build.finished.wait(0.25):
            bar.progress(build.fraction, text=escape_markdown(build.line))
        if build.error:
            status.update(label=escape_markdown(build.error), state="error")
            return
        status.update(label=f"Store built: {count_phrase(len(build.results), 'sample article')} read", state="complete",
                      expanded=False)


def notice() -> None:
    """A line left by the last action (a re-read, say), shown once."""
    if message := st.session_state.pop("notice", None):
        st.success(escape_markdown(message))


def headline() -> None:
    """The figures of what the filters and the time selection select."""
    figures = context.derived("headline")
    columns = st.columns(4)
    columns[0].metric("Claims in view", f"{figures['claims']:,}",
                      help="Reports of the same statement by several articles count once.")
    columns[1].metric("Events (article mentions)", f"{figures['events']:,}")
    columns[2].metric("Organizations", f"{figures['orgs']:,}")
    capex = figures["capex"]
    if capex is None:
        columns[3].metric("Capex to cite", "none in view",
                          help="No organization in view has a capex figure (guidance or actual) for a year.")
    else:
        columns[3].metric(f"Capex {capex['year']}, {count_phrase(capex['organizations'], 'organization')}",
                          format_headline_usd(capex["low"], capex["high"]),
                          help=f"The sum over the organizations in view of each one's capex for its (fiscal) year "
                               f"{capex['year']}: the actual once reported ({capex['actuals']} of them), else the latest "
                               "guidance, a range kept a range. Quarters, multi-year pledges, contracts and facilities "
                               "are not in it; see Totals.")
    if figures["events"] == 0:
        st.info("No events match these filters. Widen them, or reset them in the sidebar.")
    elif figures["flagged"]:
        st.caption(f"{count_phrase(figures['flagged'], 'event')} in view rest on a date to check (an assumed "
                   "publication date, or one after today): they are marked in the tables and ringed in the charts.")


def table_widths() -> dict:
    """Column widths for a table of events or claims (`tables.WIDTHS`)."""
    return {name: st.column_config.Column(width=width) for name, width in WIDTHS.items()}


def chart(name: str, **options) -> bool:
    """Draw the cached chart `name`; False when it has nothing to draw."""
    spec = context.derived(name)
    if spec is None:
        return False
    st.vega_lite_chart(spec, **options)
    return True


def upload_report() -> None:
    """After an upload, what each article gave: its date and how it was known, each event with
    its sentence, whether it joined a claim other articles report or made a new one, and a
    link to correct it on the Review page."""
    state = st.session_state
    results = [r for r in state.get(UPLOADS_KEY, []) if r["status"] != "failed" and r.get("article_id")]
    if not results or not state.get("upload_report_open"):
        return
    data = context.tables()
    with st.container(border=True):
        head, close = st.columns([9, 1])
        head.subheader("What the upload gave")
        if close.button("Close", key="close_upload_report"):
            state["upload_report_open"] = False
            st.rerun()
        for result in results:
            found = data.articles[data.articles["id"] == result["article_id"]]
            if not found.empty:
                _article_lines(result, found.iloc[0].to_dict(), data)


def _article_lines(result: dict, article: dict, data: context.Tables) -> None:
    report = article_report(data.events, data.claims, result["article_id"])
    source = data.events.loc[data.events["article_id"] == result["article_id"], "published_source"]
    how = source.iloc[0] if not source.empty else None
    dated = {"assumed": "assumed: the article gives no date and none was set", "user": "as you set it",
             "metadata": "from the article"}.get(how, "")
    already = " (already in the store)" if result["status"] == "present" else ""
    st.text(f"{result['source']}{already}: {count_phrase(len(report), 'event')}; "
            f"published {article['published'] if isinstance(article['published'], str) else 'no date'} ({dated})")
    if how == "assumed":
        st.warning("Its date was assumed, so its relative dates ('in April', 'last year') may be off. Remove it in the "
                   "sidebar and add it again with its publication date if you know it.")
    for row in report.head(REPORT_ROWS).itertuples():
        left, middle, right = st.columns([7, 2, 1], vertical_alignment="center")
        left.text(f"{row.kind} · {row.org} · {row.name or row.amount} · {row.when}"
                  + (f" · check: {row.flag}" if row.flag else "") + f"\n{row.evidence}")
        middle.text(row.claim)
        right.page_link(REVIEW_PAGE, label="Correct", query_params={"event": str(row.id)})
    if len(report) > REPORT_ROWS:
        st.caption(f"and {count_phrase(len(report) - REPORT_ROWS, 'more event')}: see the Evidence page.")
