"""Evidence: the events in view with their sentence and source, and downloads of them all."""
import streamlit as st

from dashboard_pages import context, parts
from pipeline.views.display import count_phrase
from pipeline.views.export import events_to_csv, events_to_json
from pipeline.views.tables import SENTENCE_ROW

parts.headline()
events = context.view().events
if not events.empty:
    st.dataframe(context.derived("evidence"), hide_index=True, width="stretch", height=560, row_height=SENTENCE_ROW,
                 column_config={**parts.table_widths(), "Articles": st.column_config.NumberColumn(
                     help="Articles reporting this claim", width=65)})
    shown = min(len(events), context.TABLE_ROWS)
    more = f"The {shown:,} most recent of {count_phrase(len(events), 'event')}; the downloads hold all of them. " \
        if len(events) > shown else ""
    st.caption(more + "Check: 'date assumed' means the article gave no date and none was set, so the day it was read "
               "was taken; its relative dates ('in April') may be off.")
    left, right = st.columns(2)
    left.download_button("Download these events (CSV)", lambda: events_to_csv(context.full_rows(events).to_dict("records")),
                         "events.csv", "text/csv")
    right.download_button("Download these events (JSON)",
                          lambda: events_to_json(context.full_rows(events).to_dict("records")), "events.json",
                          "application/json")
