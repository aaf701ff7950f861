"""Articles: an article's text, shown as text, with the sentences events were read from
highlighted."""
import pandas as pd
import streamlit as st

from dashboard_pages import context
from pipeline.store import queries
from pipeline.views.display import escape_markdown, highlighted_article_html
from pipeline.views.pickers import article_labels

data, shown = context.tables(), context.view()
in_view = data.articles[pd.Index(shown.events["article_id"].unique()).get_indexer(data.articles["id"]) >= 0]
labels = article_labels(in_view if not in_view.empty else data.articles, context.CHOICES)
if not labels:
    st.info("No articles in the store yet.")
else:
    article_id = st.selectbox("Article", list(labels), format_func=labels.get, key="article_view")
    article = queries.load_article(context.connection(), article_id)
    st.subheader(escape_markdown(article["title"] or article["source_name"]))
    dated = f"{article['published']} ({article['published_source']})" if article["published"] else "no date"
    st.text(" · ".join(part for part in (article["source_name"], f"published {dated}", article["outlet"], article["url"]) if part))
    if article["published_source"] == "assumed":
        st.warning("This article's date was assumed (it gave none and none was set), so relative dates in it may be off.")
    elif article["published"] and article["published"] > context.today().isoformat():
        st.warning("This article is dated after today: check its date.")
    mine = data.events[data.events["article_id"] == article_id]
    st.html(highlighted_article_html(article["text"], zip(mine["span_start"].astype(int), mine["span_end"].astype(int))))
