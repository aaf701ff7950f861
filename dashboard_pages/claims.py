"""Claims: claims reported by several articles or disputed, and each source's version of a
disputed claim."""
import streamlit as st

from dashboard_pages import context, parts
from pipeline.views.display import count_phrase, escape_markdown, kind_label
from pipeline.views.export import CLAIM_EXPORT_COLUMNS, events_to_csv
from pipeline.views.tables import SENTENCE_ROW, claims_table, reports_table

DISPUTES_SHOWN = 50

parts.headline()
shown = context.view()
several = context.derived("several")
st.text(f"{count_phrase(len(several), 'claim')} in view {'is' if len(several) == 1 else 'are'} reported by several "
        "articles or disputed.")
if not several.empty:
    st.dataframe(claims_table(several.head(context.TABLE_ROWS)), hide_index=True, width="stretch",
                 row_height=SENTENCE_ROW, column_config=parts.table_widths())
disputed = several[several["disputed"]]
if not disputed.empty:
    st.subheader("Disputed claims: each source's version")
    if len(disputed) > DISPUTES_SHOWN:
        st.caption(f"The {DISPUTES_SHOWN} most reported of {count_phrase(len(disputed), 'disputed claim')}; "
                   "narrow the filters for others.")
    top = disputed.head(DISPUTES_SHOWN)
    reports = shown.events[shown.events["claim_id"].isin(top["claim_id"])]
    for claim in top.itertuples():
        title = f"{claim.org} · {claim.name or kind_label(claim.kind)} · {claim.amount} {claim.when} · disputed {claim.disputed_fields}"
        with st.expander(escape_markdown(title)):
            st.dataframe(reports_table(reports[reports["claim_id"] == claim.claim_id]), hide_index=True, width="stretch",
                         row_height=SENTENCE_ROW, column_config=parts.table_widths())
st.download_button("Download the claims in view (CSV)",
                   lambda: events_to_csv(shown.claims.to_dict("records"), CLAIM_EXPORT_COLUMNS), "claims.csv", "text/csv")
