"""Claims: claims reported by several articles or disputed, and each source's version of a
disputed claim."""
import streamlit as st

from dashboard_pages import context, parts
from pipeline.views.display import count_phrase, escape_markdown
from pipeline.views.export import CLAIM_EXPORT_COLUMNS, events_to_csv
from pipeline.views.tables import SENTENCE_ROW

parts.headline()
count, several = context.derived("several")
st.text(f"{count_phrase(count, 'claim')} in view {'is' if count == 1 else 'are'} reported by several articles or disputed.")
if count:
    st.dataframe(several, hide_index=True, width="stretch", row_height=SENTENCE_ROW, column_config=parts.table_widths())
disputed, versions = context.derived("disputes")
if versions:
    st.subheader("Disputed claims: each source's version")
    if disputed > len(versions):
        st.caption(f"The {len(versions)} most reported of {count_phrase(disputed, 'disputed claim')}; "
                   "narrow the filters for others.")
    for title, reports in versions:
        with st.expander(escape_markdown(title)):
            st.dataframe(reports, hide_index=True, width="stretch", row_height=SENTENCE_ROW,
                         column_config=parts.table_widths())
claims = context.view().claims
st.download_button("Download the claims in view (CSV)", lambda: events_to_csv(claims.to_dict("records"), CLAIM_EXPORT_COLUMNS),
                   "claims.csv", "text/csv")
