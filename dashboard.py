"""Compute Ledger: what the AI industry says it spends, claim by claim, with the sentence
and article behind every number.

    streamlit run dashboard.py                      # the store in data/events.db
    streamlit run dashboard.py -- --db other.db     # or $COMPUTE_LEDGER_DB

This file only wires widgets to the pipeline's functions: reading articles, the store,
claims, filters, charts and review all live in `pipeline/`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from pipeline.errors import ReviewError
from pipeline.extraction import RULES_VERSION
from pipeline.extraction.record import KINDS, STATUSES
from pipeline.extraction.sentences import find_sentences
from pipeline.paths import default_db_path, upload_dir
from pipeline.readers.sandbox import Budget
from pipeline.store import corrections as review, ingest, queries
from pipeline.store.connection import connect
from pipeline.store.corrections import EventKey
from pipeline.store.uploads import ingest_pasted, ingest_upload, remove_upload
from pipeline.views import charts
from pipeline.views.display import escape_markdown, format_amount, highlighted_article_html
from pipeline.views.event_cache import EventTableCache
from pipeline.views.export import CLAIM_EXPORT_COLUMNS, events_to_csv, events_to_json
from pipeline.views.filters import REVIEW_STATES, Filters, apply_filters, claims_of, filters_from_query, filters_to_query
from pipeline.views.reviewed import article_list, reviewed_tables

KIND_LABELS = {"investment": "Investment", "hardware": "Chips", "model_release": "Model release"}
TABLE_ROWS = 5000     # rows the evidence table shows; exports hold every row in view
CHOICES = 1000        # options a picker offers; narrow the filters to reach the rest
DISPUTES_SHOWN = 50
UPLOAD_BUDGET = Budget(seconds=60, memory_bytes=1024 * 1024 * 1024)  # per file, read in a child process
FILTER_KEYS = ("f_orgs", "f_kinds", "f_statuses", "f_from", "f_to", "f_min", "f_max", "f_text", "f_articles", "f_review")

st.set_page_config(page_title="Compute Ledger", page_icon=":bar_chart:", layout="wide")


def db_path() -> Path:
    """--db after `--` on the command line, else $COMPUTE_LEDGER_DB, else data/events.db."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db", type=Path)
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.db or default_db_path()


DB = db_path()


def connection():
    return connect(DB)


@st.cache_resource
def event_cache(path: str) -> EventTableCache:
    """The store's event table, kept between changes: a change reads only what it touched."""
    return EventTableCache()


@st.cache_resource(show_spinner="Reading the store…", max_entries=2)
def load_tables(path: str, signature: tuple) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list]:
    """Events, the events not rejected, claims and the articles (newest first), read
    again only when the store changes. Every session shares them (no copy per run): the
    page only reads them."""
    cache = event_cache(path)
    events, claims = reviewed_tables(connect(path), cache)
    return events, events[~events["rejected"]], claims, article_list(cache.articles)


def latest(table: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` rows with the latest dates, undated last; the order
    `sort_values("date", ascending=False, na_position="last")` gives, sorting one column."""
    return table.loc[table["date"].sort_values(ascending=False, na_position="last").index[:limit]]


def build_store_on_first_run(conn) -> None:
    if queries.count_rows(conn)["articles"]:
        return
    with st.status("Building the store from the sample articles…", expanded=True) as status:
        bar = st.progress(0.0)
        results = ingest.ensure_samples(conn, progress=lambda n, total, r: bar.progress(n / total, text=r.describe()))
        status.update(label=f"Store built: {len(results)} sample articles read", state="complete", expanded=False)


# --- the sidebar: adding articles ------------------------------------------------------------

def upload_section(conn) -> None:
    st.sidebar.header("Add articles")
    state = st.session_state
    state.setdefault("upload_round", 0)
    state.setdefault("upload_results", [])
    state.setdefault("my_uploads", {})
    files = st.sidebar.file_uploader(
        "Files (.txt, .md, .html, .pdf)", type=["txt", "md", "html", "htm", "pdf"], accept_multiple_files=True,
        key=f"uploader_{state.upload_round}", help="Up to 20 MB each. The publication date comes from the file when it has one.")
    with st.sidebar.expander("…or paste an article"):
        pasted_title = st.text_input("Headline", key=f"paste_title_{state.upload_round}")
        pasted = st.text_area("Article text", key=f"paste_text_{state.upload_round}", height=140)
    published = st.sidebar.date_input("Publication date, when the article gives none", value=dt.date.today(),
                                      max_value=dt.date.today(), key="upload_date")
    url = st.sidebar.text_input("Source URL (optional)", key=f"upload_url_{state.upload_round}")
    if st.sidebar.button("Add to the store", type="primary", disabled=not (files or pasted.strip())):
        uploads = upload_dir(DB)  # kept by content hash next to the store
        results = [ingest_upload(conn, f.name, f.getvalue(), published, None, url or None, uploads, budget=UPLOAD_BUDGET)
                   for f in files or []]
        if pasted.strip():
            results.append(ingest_pasted(conn, pasted, pasted_title, published, None, url or None, uploads, budget=UPLOAD_BUDGET))
        state.upload_results = [(r.status, r.describe()) for r in results]
        for r in results:
            if r.status == ingest.ADDED:
                state.my_uploads[r.article_id] = r.source
        state.upload_round += 1  # a fresh uploader: the same files can be dropped again
        st.rerun()
    for status, line in state.upload_results:
        {"added": st.sidebar.success, "present": st.sidebar.info, "failed": st.sidebar.error}[status](escape_markdown(line))
    if state.my_uploads:
        st.sidebar.caption("Added in this session")
        for article_id, name in list(state.my_uploads.items()):
            if st.sidebar.button(f"Remove {escape_markdown(name[:40])}", key=f"remove_{article_id}", icon=":material/delete:"):
                remove_upload(conn, article_id, upload_dir(DB))
                del state.my_uploads[article_id]
                state.upload_results = [("present", f"{name}: removed from the store")]
                st.rerun()


# --- the sidebar: filters, kept in the URL ---------------------------------------------------

def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state["filters_from_url"] = Filters()
    st.query_params.clear()


def filter_section(events: pd.DataFrame) -> Filters:
    state = st.session_state
    if "filters_from_url" not in state:
        state.filters_from_url = filters_from_query({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    start = state.filters_from_url
    orgs = sorted(events["org"].dropna().unique())
    recent = events[["article_id", "article_title", "published"]].drop_duplicates("article_id").sort_values(
        "published", ascending=False)
    articles = recent.head(CHOICES).set_index("article_id")["article_title"].fillna("").to_dict()
    for article_id in start.articles:  # a shared link keeps its articles even when older
        match = events.loc[events["article_id"] == article_id, "article_title"]
        if not match.empty:
            articles[article_id] = match.iloc[0] or ""
    defaults = {
        "f_orgs": [o for o in start.orgs if o in orgs], "f_kinds": start.kinds, "f_statuses": start.statuses,
        "f_from": start.date_from, "f_to": start.date_to,
        "f_min": start.amount_min / 1e9 if start.amount_min is not None else None,
        "f_max": start.amount_max / 1e9 if start.amount_max is not None else None,
        "f_text": start.text, "f_articles": [a for a in start.articles if a in articles], "f_review": start.review,
    }
    for key, value in defaults.items():
        state.setdefault(key, value)

    st.sidebar.header("Filters")
    chosen = Filters(
        orgs=st.sidebar.multiselect("Organization", orgs, key="f_orgs"),
        kinds=st.sidebar.multiselect("Kind", KINDS, format_func=KIND_LABELS.get, key="f_kinds"),
        statuses=st.sidebar.multiselect("Status", STATUSES, key="f_statuses"),
    )
    left, right = st.sidebar.columns(2)
    chosen.date_from = left.date_input("From", key="f_from", format="YYYY-MM-DD")
    chosen.date_to = right.date_input("To", key="f_to", format="YYYY-MM-DD")
    left, right = st.sidebar.columns(2)
    low = left.number_input("Min amount ($B)", min_value=0.0, key="f_min", step=1.0)
    high = right.number_input("Max amount ($B)", min_value=0.0, key="f_max", step=1.0)
    chosen.amount_min = low * 1e9 if low is not None else None
    chosen.amount_max = high * 1e9 if high is not None else None
    chosen.text = st.sidebar.text_input("Search the evidence", key="f_text")
    chosen.articles = st.sidebar.multiselect("Source article", list(articles), format_func=lambda a: articles[a][:70],
                                             key="f_articles")
    chosen.review = st.sidebar.multiselect("Review", REVIEW_STATES, key="f_review")
    st.sidebar.button("Reset filters", on_click=reset_filters)
    query = filters_to_query(chosen)
    if query != {k: st.query_params.get(k) for k in st.query_params.keys()}:
        st.query_params.from_dict(query)
    return chosen


# --- the main page ---------------------------------------------------------------------------

def headline(claims: pd.DataFrame, events: pd.DataFrame) -> None:
    spending = claims.loc[claims["kind"] == "investment", "figure"].sum()
    columns = st.columns(4)
    columns[0].metric("Claims in view", f"{len(claims):,}", help="Reports of the same statement by several articles count once.")
    columns[1].metric("Events (article mentions)", f"{len(events):,}")
    columns[2].metric("Organizations", f"{claims['org'].nunique():,}")
    columns[3].metric("Claimed spending in view", format_amount("investment", spending, spending) or "$0",
                      help=f"Sum over investment claims of {charts.FIGURE_NOTE}. Plans and actual spending both count; "
                           "overlapping claims (a year's plan and its quarters) are not netted out.")


def evidence_tab(events: pd.DataFrame) -> None:
    shown = latest(events, TABLE_ROWS)
    table = shown.assign(
        kind=shown["kind"].map(KIND_LABELS),
        published=shown["published"].fillna("") + shown["published_source"].map({"assumed": " (assumed)"}).fillna(""),
        corrected=shown["corrected_fields"].replace("", None),
    )
    columns = {"org": "Organization", "kind": "Kind", "name": "Model or chip", "amount": "Amount", "when": "When",
               "status": "Status", "claim_sources": "Articles", "evidence": "Evidence", "article_title": "Source",
               "published": "Published", "corrected": "Corrected"}
    st.dataframe(table[list(columns)].rename(columns=columns), hide_index=True, width="stretch", height=420,
                 column_config={"Evidence": st.column_config.TextColumn(width="large"),
                                "Articles": st.column_config.NumberColumn(help="Articles reporting this claim")})
    more = f" Showing the {TABLE_ROWS:,} most recent of {len(events):,}; the downloads hold all of them." if len(events) > TABLE_ROWS else ""
    st.caption("Dates marked (assumed) came from the file's modification date: the article gave none and no date "
               "was supplied." + more)
    left, right = st.columns(2)
    left.download_button("Download these events (CSV)", lambda: events_to_csv(events.to_dict("records")), "events.csv", "text/csv")
    right.download_button("Download these events (JSON)", lambda: events_to_json(events.to_dict("records")), "events.json",
                          "application/json")


def article_tab(conn, events: pd.DataFrame, articles: list) -> None:
    in_view = set(events["article_id"].drop_duplicates().tolist())
    choices = ([a for a in articles if a["id"] in in_view] or articles)[:CHOICES]
    if not choices:
        st.info("No articles in the store yet.")
        return
    labels = {a["id"]: f"{a['published'] or 'no date'} · {a['title'] or a['source_name']}"[:120] for a in choices}
    article_id = st.selectbox("Article", list(labels), format_func=labels.get, key="article_view")
    article = queries.load_article(conn, article_id)
    st.subheader(escape_markdown(article["title"] or article["source_name"]))
    dated = f"{article['published']} ({article['published_source']})" if article["published"] else "no date"
    st.caption(escape_markdown(f"{article['source_name']} · published {dated} · {article['outlet'] or ''} {article['url'] or ''}"))
    if article["published_source"] == "assumed":
        st.warning("This article's date was assumed from its file, so relative dates in it may be off.")
    mine = events[events["article_id"] == article_id]
    st.html(highlighted_article_html(article["text"], zip(mine["span_start"].astype(int), mine["span_end"].astype(int))))


def claims_tab(claims: pd.DataFrame, events: pd.DataFrame) -> None:
    several = claims[(claims["sources"] > 1) | claims["disputed"]].sort_values("sources", ascending=False)
    st.markdown(f"**{len(several)}** claims are reported by several articles or disputed.")
    columns = {"org": "Organization", "kind": "Kind", "name": "Model or chip", "amount": "Amount", "when": "When",
               "status": "Status", "sources": "Articles", "disputed_fields": "Disputed", "evidence": "Evidence"}
    st.dataframe(several.head(TABLE_ROWS)[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
    disputed = claims[claims["disputed"]].sort_values("sources", ascending=False)
    if not disputed.empty:
        st.subheader("Disputed claims: each source's version")
        if len(disputed) > DISPUTES_SHOWN:
            st.caption(f"The {DISPUTES_SHOWN} most reported of {len(disputed):,} disputed claims; narrow the filters for others.")
        shown = disputed.head(DISPUTES_SHOWN)
        reported = events.loc[events["claim_id"].isin(shown["claim_id"]),
                              ["claim_id", "article_title", "published", "amount", "when", "status", "evidence"]]
        for claim in shown.itertuples():
            reports = reported[reported["claim_id"] == claim.claim_id]
            with st.expander(escape_markdown(f"{claim.org} · {claim.name or KIND_LABELS[claim.kind]} · {claim.amount} {claim.when} · disputed {claim.disputed_fields}")):
                st.dataframe(reports[["article_title", "published", "amount", "when", "status", "evidence"]]
                             .rename(columns={"article_title": "Source", "published": "Published", "amount": "Amount",
                                              "when": "When", "status": "Status", "evidence": "Evidence"}),
                             hide_index=True, width="stretch")
    st.download_button("Download claims (CSV)", lambda: events_to_csv(claims.to_dict("records"), CLAIM_EXPORT_COLUMNS),
                       "claims.csv", "text/csv")


def charts_tab(claims: pd.DataFrame) -> None:
    if claims["date"].notna().any():
        st.altair_chart(charts.timeline_chart(claims), width="content")
    undated = int(claims["date"].isna().sum())
    shown = charts.MAX_POINTS
    st.caption(f"Each mark is a claim; its size is the number of articles reporting it. {undated} claims without a date "
               f"are in the tables only. Charts draw at most {shown:,} marks (the largest) per chart.")


def totals_tab(claims: pd.DataFrame) -> None:
    left, right = st.columns(2)
    with left:
        st.altair_chart(charts.spending_by_year_chart(claims), width="stretch")
    with right:
        st.altair_chart(charts.chips_by_org_chart(claims), width="stretch")
    st.caption(f"Totals count each claim once, using {charts.FIGURE_NOTE}.")


# --- review ----------------------------------------------------------------------------------

def event_label(row) -> str:
    return f"{row['org']} · {KIND_LABELS.get(row['kind'], row['kind'])} · {row['name'] or row['amount']} · {row['when']} · {str(row['evidence'])[:70]}"


def correction_form(prefix: str, current: dict) -> dict:
    """Fields to correct, prefilled with the values shown; returns the values entered."""
    columns = st.columns(3)
    values = {
        "org": columns[0].text_input("Organization", current.get("org") or "", key=f"{prefix}_org"),
        "kind": columns[1].selectbox("Kind", KINDS, index=KINDS.index(current.get("kind") or "investment"), key=f"{prefix}_kind"),
        "status": columns[2].selectbox("Status", STATUSES, index=STATUSES.index(current.get("status") or "planned"), key=f"{prefix}_status"),
        "model": columns[0].text_input("Model", _text(current.get("model")), key=f"{prefix}_model"),
        "item": columns[1].text_input("Chip", _text(current.get("item")), key=f"{prefix}_item"),
        "currency": columns[2].text_input("Currency as written", _text(current.get("currency")), key=f"{prefix}_currency"),
        "amount_low": columns[0].text_input("Low (USD or units)", _number(current.get("amount_low")), key=f"{prefix}_low"),
        "amount_high": columns[1].text_input("High (USD or units)", _number(current.get("amount_high")), key=f"{prefix}_high"),
        "date": columns[2].text_input("Date (YYYY-MM-DD)", _text(current.get("date")), key=f"{prefix}_date"),
    }
    precisions = ["", "day", "month", "quarter", "year"]
    values["date_precision"] = columns[0].selectbox(
        "Precision", precisions, index=precisions.index(_text(current.get("date_precision"))), key=f"{prefix}_precision")
    return values


def _text(value) -> str:
    return "" if value is None or value != value else str(value)


def _number(value) -> str:
    return "" if value is None or value != value else f"{float(value):.15g}"


def claim_labels(claims: pd.DataFrame, sources: bool = True, when: bool = True) -> dict:
    """A picker's label for each claim (indexed by claim id): organization, name or amount,
    and its date and number of articles where asked."""
    labels = {}
    for claim_id, org, name, amount, when_, count in zip(claims.index, claims["org"], claims["name"], claims["amount"],
                                                          claims["when"], claims["sources"]):
        label = f"{org} · {name or amount}" + (f" · {when_}" if when else "")
        labels[claim_id] = label + (f" · {count} article(s)" if sources else "")
    return labels


def review_tab(conn, events: pd.DataFrame, claims: pd.DataFrame, articles: list) -> None:
    author = st.session_state.get("reviewer", "").strip()
    if not author:
        st.info("Set your name under Reviewer in the sidebar to correct events: every correction records who made it.")
    event_view, claim_view, merge_view, add_view, log_view = st.tabs(
        ["Correct an event", "Correct a claim", "Merge or split claims", "Add a missed event", "Log"])
    with event_view:
        if events.empty:
            st.info("No events in view.")
        else:
            records = latest(events, CHOICES).set_index("id")
            fields = records[["org", "kind", "name", "amount", "when", "evidence"]].to_dict("records")
            labels = dict(zip(records.index, map(event_label, fields)))
            if len(events) > CHOICES:
                st.caption(f"The {CHOICES:,} most recent of {len(events):,} events in view; narrow the filters to reach others.")
            event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="review_event")
            row = records.loc[event_id]
            st.caption(f"Evidence: {row['evidence']}")
            key = EventKey(row["article_id"], row["fingerprint"])
            with st.form("event_form"):
                values = correction_form("event", row.to_dict())
                saved = st.form_submit_button("Save corrections", disabled=not author)
            if saved:
                _report(lambda: review.correct_event(conn, key, values, row.to_dict(), author), "field(s) corrected")
            left, right = st.columns(2)
            if row.get("rejected"):
                if left.button("Restore this event", disabled=not author):
                    _report(lambda: review.restore_event(conn, key, author), "event restored")
            elif left.button("Reject this event", disabled=not author):
                _report(lambda: review.reject_event(conn, key, author), "event rejected")
    with claim_view:
        if claims.empty:
            st.info("No claims in view.")
        else:
            by_id = claims.sort_values("sources", ascending=False).head(CHOICES).set_index("claim_id")
            claim_id = st.selectbox("Claim", list(by_id.index), key="review_claim", format_func=claim_labels(by_id).get)
            members = events[events["claim_id"] == claim_id]
            with st.form("claim_form"):
                values = correction_form("claim", by_id.loc[claim_id].to_dict())
                saved = st.form_submit_button(f"Save corrections to all {len(members)} event(s) of this claim", disabled=not author)
            if saved:
                keys = [EventKey(a, f) for a, f in zip(members["article_id"], members["fingerprint"])]
                _report(lambda: review.correct_claim(conn, keys, values, members.to_dict("records"), author), "field(s) corrected")
    with merge_view:
        by_id = claims.sort_values("sources", ascending=False).head(CHOICES).set_index("claim_id") if not claims.empty else claims
        chosen = st.multiselect("Claims to merge into one", list(by_id.index), key="merge_claims",
                                format_func=claim_labels(by_id, sources=False).get)
        if st.button("Merge", disabled=not author or len(chosen) < 2):
            members = events[events["claim_id"].isin(chosen)]
            keys = [EventKey(a, f) for a, f in zip(members["article_id"], members["fingerprint"])]
            _report(lambda: review.merge_claims(conn, keys, author), "claims merged")
        split_labels = {"": "", **claim_labels(by_id, when=False)}
        split_from = st.selectbox("Claim to split", list(split_labels), key="split_claim", format_func=split_labels.get)
        if split_from:
            members = events[events["claim_id"] == split_from].set_index("id")
            taken = st.multiselect("Events to take out into a claim of their own", list(members.index), key="split_events",
                                   format_func=lambda i: f"{members.loc[i, 'article_title']} · {members.loc[i, 'amount']} {members.loc[i, 'when']}")
            if st.button("Split", disabled=not author or not taken or len(taken) == len(members)):
                keys = [EventKey(members.loc[i, "article_id"], members.loc[i, "fingerprint"]) for i in taken]
                _report(lambda: review.split_claim(conn, keys, author), "claim split")
    with add_view:
        articles = articles[:CHOICES]
        if articles:
            labels = {a["id"]: f"{a['published'] or ''} · {a['title'] or a['source_name']}"[:110] for a in articles}
            article_id = st.selectbox("Article", list(labels), format_func=labels.get, key="add_article")
            text = queries.load_article(conn, article_id)["text"]
            sentences = find_sentences(text)
            index = st.selectbox("Sentence", range(len(sentences)), key="add_sentence",
                                 format_func=lambda i: sentences[i].text[:160])
            with st.form("add_form"):
                values = correction_form("add", {"kind": "investment", "status": "planned"})
                added = st.form_submit_button("Add this event", disabled=not author)
            if added:
                sentence = sentences[index]
                _report(lambda: review.add_event(conn, article_id, sentence.start, sentence.end, values, author), "event added")
    with log_view:
        log = pd.DataFrame(review.load_corrections(conn), columns=["id", "article_id", "fingerprint", "action", "field", "old_value", "new_value", "author", "created_at"])
        st.dataframe(log.sort_values("id", ascending=False).head(TABLE_ROWS), hide_index=True, width="stretch")


def _report(action, done: str) -> None:
    try:
        result = action()
    except ReviewError as error:
        st.error(str(error))
        return
    st.session_state["review_message"] = f"{result} {done}" if isinstance(result, int) else done.capitalize()
    st.rerun()


def stale_rules_notice(conn) -> None:
    """Offer to re-read articles that older extraction rules read."""
    stale = queries.stale_articles(conn)
    if not stale:
        return
    st.sidebar.warning(f"{stale} articles were read with older extraction rules; their events may differ "
                       f"from what rules {RULES_VERSION} find. Your corrections are kept.")
    if st.sidebar.button(f"Re-read them with rules {RULES_VERSION}"):
        bar = st.sidebar.progress(0.0, text="Re-reading articles…")
        report = ingest.reextract(conn, progress=lambda done, total: bar.progress(done / total, text=f"{done}/{total} articles"),
                                 stale_only=True)
        st.session_state["review_message"] = str(report)
        st.rerun()


# --- the page --------------------------------------------------------------------------------

def main() -> None:
    conn = connection()
    build_store_on_first_run(conn)
    stale_rules_notice(conn)
    upload_section(conn)
    events, accepted, claims, articles_newest_first = load_tables(str(DB), queries.signature(conn))
    filters = filter_section(accepted)
    st.sidebar.header("Reviewer")
    st.sidebar.text_input("Your name (recorded with corrections)", key="reviewer")
    st.sidebar.caption(f"Store: `{DB}` · {queries.count_rows(conn)['articles']} articles")

    st.title("Compute Ledger")
    st.caption("What AI companies say they spend on compute, the chips they count and the models they release, "
               "read from news articles. Every number links back to its sentence.")
    if message := st.session_state.pop("review_message", None):
        st.success(message)
    in_view = apply_filters(accepted, filters)
    claims_in_view = claims_of(claims, in_view)
    headline(claims_in_view, in_view)
    if in_view.empty:
        st.warning("No events match these filters.")
    timeline, totals, evidence, articles, several, reviewing = st.tabs(
        ["Timeline", "Totals", "Evidence", "Articles", "Claims & disputes", "Review"])
    with timeline:
        charts_tab(claims_in_view)
    with totals:
        totals_tab(claims_in_view)
    with evidence:
        evidence_tab(in_view)
    with articles:
        article_tab(conn, in_view, articles_newest_first)
    with several:
        claims_tab(claims_in_view, in_view)
    with reviewing:
        review_scope = events if "reviewed" in filters.review else apply_filters(events, Filters(**{**filters.__dict__, "review": []}))
        review_tab(conn, review_scope, claims_in_view, articles_newest_first)


main()
