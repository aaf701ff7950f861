"""Review: correct an event or a claim, reject or restore an event, merge or split claims,
add an event the extraction missed, and the log. Each tab is a fragment and every action
runs in its button's callback, so an action reruns only its tab: you stay where you were."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from dashboard_pages import context
from pipeline.errors import ReviewError
from pipeline.extraction.record import KINDS, STATUSES
from pipeline.extraction.sentences import find_sentences
from pipeline.store import corrections as review, queries
from pipeline.store.connection import connect
from pipeline.store.corrections import EventKey
from pipeline.views.event_cache import positions
from pipeline.views.display import count_phrase, escape_markdown, kind_label, plain_text, status_label
from pipeline.views.pickers import article_labels, claim_labels, event_labels

TABS = ["Correct an event", "Correct a claim", "Merge or split claims", "Add a missed event", "Log"]
PRECISIONS = ["", "day", "month", "quarter", "year"]
FIELDS = ("org", "kind", "status", "model", "item", "currency", "amount_low", "amount_high", "date", "date_precision")


def author() -> str:
    return st.session_state.get("reviewer", "").strip()


def _run(place: str, action: Callable[[], object], done: str) -> None:
    """Do a review action and leave the line that says what it did (or why it could not) for `place`."""
    try:
        result = action()
    except ReviewError as error:
        st.session_state[f"{place}_error"] = str(error)
        return
    st.session_state[f"{place}_message"] = f"{result} {done}" if isinstance(result, int) else done.capitalize()


def _outcome(place: str) -> None:
    if message := st.session_state.pop(f"{place}_message", None):
        st.success(escape_markdown(message))
    if error := st.session_state.pop(f"{place}_error", None):
        st.error(escape_markdown(error))


def _text(value) -> str:
    return "" if value is None or value != value else str(value)


def _number(value) -> str:
    return "" if value is None or value != value else f"{float(value):.15g}"


def correction_form(prefix: str, current: dict) -> None:
    """Fields to correct, prefilled with the values shown; their values are read by key."""
    columns = st.columns(3)
    columns[0].text_input("Organization", current.get("org") or "", key=f"{prefix}_org")
    columns[1].selectbox("Kind", KINDS, index=KINDS.index(current.get("kind") or "investment"), format_func=kind_label,
                         key=f"{prefix}_kind")
    columns[2].selectbox("Status", STATUSES, index=STATUSES.index(current.get("status") or "planned"),
                         format_func=status_label, key=f"{prefix}_status")
    columns[0].text_input("Model", _text(current.get("model")), key=f"{prefix}_model")
    columns[1].text_input("Chip", _text(current.get("item")), key=f"{prefix}_item")
    columns[2].text_input("Currency as written", _text(current.get("currency")), key=f"{prefix}_currency")
    columns[0].text_input("Low (USD or units)", _number(current.get("amount_low")), key=f"{prefix}_amount_low")
    columns[1].text_input("High (USD or units)", _number(current.get("amount_high")), key=f"{prefix}_amount_high")
    columns[2].text_input("Date (YYYY-MM-DD)", _text(current.get("date")), key=f"{prefix}_date")
    columns[0].selectbox("Precision", PRECISIONS, index=PRECISIONS.index(_text(current.get("date_precision"))),
                         key=f"{prefix}_date_precision")


def form_values(prefix: str) -> dict:
    return {field: st.session_state.get(f"{prefix}_{field}") for field in FIELDS}


def members_of(shown: context.View, claim_ids: list) -> pd.DataFrame:
    """The events in view of these claims that are not rejected, with every column (their
    keys and the values a correction records as old)."""
    rows = shown.reviewable
    return rows[(positions(rows["claim_id"], claim_ids) >= 0) & ~rows["rejected"].to_numpy()]


def keys_of(events: pd.DataFrame) -> list[EventKey]:
    return [EventKey(a, f) for a, f in zip(events["article_id"], events["fingerprint"])]


@st.fragment
def correct_event() -> None:
    _outcome("event")
    data, scope = context.tables(), context.view().reviewable
    records, labels = context.derived("review_events")
    linked = st.session_state.get("review_event")
    if linked is not None and linked not in labels:  # a link reaches beyond the filters
        extra = data.events[data.events["id"] == linked].set_index("id")
        records, labels = pd.concat([extra, records]), {**event_labels(extra), **labels}
    if records.empty:
        st.info("No events in view.")
        return
    if len(scope) > context.CHOICES:
        st.caption(f"The {context.CHOICES:,} most recent of {count_phrase(len(scope), 'event')} in view; narrow the "
                   "filters to reach others.")
    event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="review_event")
    row = records.loc[event_id]
    current = row.to_dict()
    st.text(f"Sentence: {plain_text(row['evidence'])}")
    st.text(f"Source: {row['article_title'] or row['source_name']} · published {row['published'] or 'no date'}"
            + (f" · check: {row['flag']}" if row["flag"] else ""))
    key = EventKey(row["article_id"], row["fingerprint"])
    with st.form(f"event_form_{event_id}"):
        correction_form(f"event_{event_id}", current)
        st.form_submit_button("Save corrections", disabled=not author(), on_click=lambda: _run(
            "event", lambda: review.correct_event(context.connection(), key, form_values(f"event_{event_id}"), current, author()),
            "field(s) corrected"))
    if row["rejected"]:
        st.button("Restore this event", disabled=not author(),
                  on_click=lambda: _run("event", lambda: review.restore_event(context.connection(), key, author()), "event restored"))
    else:
        st.button("Reject this event", disabled=not author(),
                  on_click=lambda: _run("event", lambda: review.reject_event(context.connection(), key, author()), "event rejected"))


@st.fragment
def correct_claim() -> None:
    _outcome("claim")
    shown = context.view()
    if shown.claims.empty:
        st.info("No claims in view.")
        return
    by_id, labels, _ = context.derived("review_claims")
    claim_id = st.selectbox("Claim", list(by_id.index), key="review_claim", format_func=labels.get)
    members = members_of(shown, [claim_id])
    current = by_id.loc[claim_id].to_dict()
    prefix = f"claim_{claim_id}"
    with st.form(f"claim_form_{claim_id}"):
        correction_form(prefix, current)
        st.form_submit_button(
            f"Save corrections to all {count_phrase(len(members), 'event')} of this claim", disabled=not author(),
            on_click=lambda: _run("claim", lambda: review.correct_claim(
                context.connection(), keys_of(members), form_values(prefix), members.to_dict("records"), author()), "field(s) corrected"))


@st.fragment
def merge_or_split() -> None:
    _outcome("merge")
    shown = context.view()
    by_id, _, short = context.derived("review_claims")
    chosen = st.multiselect("Claims to merge into one", list(by_id.index), key="merge_claims", format_func=short.get)
    members = members_of(shown, chosen)
    st.button("Merge", disabled=not author() or len(chosen) < 2, on_click=lambda: _run(
        "merge", lambda: review.merge_claims(context.connection(), keys_of(members), author()), "claims merged"))
    split_labels = {"": "", **claim_labels(by_id, when=False)}
    split_from = st.selectbox("Claim to split", list(split_labels), key="split_claim", format_func=split_labels.get)
    if split_from:
        parts = members_of(shown, [split_from]).set_index("id")
        taken = st.multiselect("Events to take out into a claim of their own", list(parts.index), key="split_events",
                               format_func=lambda i: f"{parts.loc[i, 'article_title']} · {parts.loc[i, 'amount']} "
                                                     f"{parts.loc[i, 'when']}")
        st.button("Split", disabled=not author() or not taken or len(taken) == len(parts), on_click=lambda: _run(
            "merge", lambda: review.split_claim(context.connection(), keys_of(parts.loc[taken]), author()), "claim split"))


@st.cache_data(max_entries=32, show_spinner=False)
def article_sentences(path: str, article_id: str) -> list[tuple[int, int, str]]:
    """An article's sentences (start, end, text), read once per article: an article's id is
    the hash of its text, so its sentences never change."""
    row = queries.load_article(connect(path), article_id)
    return [(s.start, s.end, s.text) for s in find_sentences(row["text"])] if row else []


@st.fragment
def add_missed() -> None:
    _outcome("add")
    labels = article_labels(context.tables().articles, context.CHOICES, width=110)
    if not labels:
        st.info("No articles in the store yet.")
        return
    article_id = st.selectbox("Article", list(labels), index=None, placeholder="Pick the article the event is in",
                              format_func=labels.get, key="add_article")
    if article_id is None:
        return
    sentences = article_sentences(str(context.db_path()), article_id)
    index = st.selectbox("Sentence", range(len(sentences)), key=f"add_sentence_{article_id}",
                         format_func=lambda i: sentences[i][2][:160])
    with st.form("add_form"):
        correction_form("add", {"kind": "investment", "status": "planned"})
        st.form_submit_button("Add this event", disabled=not author() or index is None, on_click=lambda: _run(
            "add", lambda: review.add_event(context.connection(), article_id, sentences[index][0], sentences[index][1],
                                            form_values("add"), author()), "event added"))


def log() -> None:
    rows = queries.latest_corrections(context.connection(), context.TABLE_ROWS)
    st.dataframe(pd.DataFrame([dict(r) for r in rows], columns=["id", "article_id", "fingerprint", "action", "field",
                                                                "old_value", "new_value", "author", "created_at"]),
                 hide_index=True, width="stretch")


if "event" in st.query_params:  # a link to one event ("Correct" after an upload)
    try:
        st.session_state["review_event"] = int(st.query_params["event"])
        st.session_state["review_tab"] = TABS[0]
    except ValueError:
        pass
    del st.query_params["event"]
if not author():
    st.info("Set your name under Reviewer in the sidebar to correct events: every correction records who made it.")
tabs = st.tabs(TABS, key="review_tab", on_change="rerun")
for tab, body in zip(tabs, (correct_event, correct_claim, merge_or_split, add_missed, log)):
    with tab:
        if tab.open:
            body()
