"""The sidebar, the same on every page: adding articles (a fragment: picking a file or
typing a headline reruns only it), the filters (kept in the URL, so they carry from page
to page and a view can be shared) and the reviewer's name."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard_pages import context
from pipeline.extraction import RULES_VERSION
from pipeline.extraction.record import KINDS, STATUSES
from pipeline.paths import upload_dir
from pipeline.readers.article import format_problem
from pipeline.readers.sandbox import Budget
from pipeline.store import ingest
from pipeline.store.uploads import ingest_pasted, ingest_upload, remove_upload
from pipeline.views.display import escape_markdown, kind_label, status_label
from pipeline.views.filters import REVIEW_STATES, Filters, filters_from_query, filters_to_query

UPLOAD_BUDGET = Budget(seconds=60, memory_bytes=1024 * 1024 * 1024)  # per file, read in a child process
FILTER_KEYS = ("f_orgs", "f_kinds", "f_statuses", "f_from", "f_to", "f_min", "f_max", "f_text", "f_articles", "f_review")
URL_KEYS = ("org", "kind", "status", "from", "to", "min", "max", "q", "article", "review", "period")
PERIOD_KEY = "f_period"
UPLOADS_KEY = "upload_results"   # what the last "Add to the store" did, for the sidebar and the report panel


# --- adding articles ---------------------------------------------------------------------------

def _forget_results() -> None:
    """A new file or text: the lines about the last ones go."""
    st.session_state[UPLOADS_KEY] = []


def _date_note(chosen: dt.date | None, today: dt.date, pasted: bool) -> None:
    if chosen:
        st.caption(f"An article that gives no date of its own is dated {chosen.isoformat()}, as you set.")
    else:
        st.warning(f"No date set: an article that gives none of its own will be dated today, {today.isoformat()}, "
                   "marked **assumed** and flagged wherever it shows. Set its publication date above."
                   + (" Pasted text gives a date only in a 'Published:' line at its top." if pasted else ""))


@st.fragment
def add_articles() -> None:
    """Upload files or paste text, with the date an article without its own will take."""
    state = st.session_state
    state.setdefault("upload_round", 0)
    state.setdefault(UPLOADS_KEY, [])
    state.setdefault("my_uploads", {})
    today = context.today()
    st.header("Add articles")
    files = st.file_uploader("Files (.txt, .md, .html, .pdf)", accept_multiple_files=True, key=f"uploader_{state.upload_round}",
                             on_change=_forget_results, help="Up to 20 MB each. The publication date comes from the file "
                                                             "when it has one.")
    refused = [(f, format_problem(f.name)) for f in files or [] if format_problem(f.name)]
    for upload, problem in refused:
        st.error(escape_markdown(f"{upload.name}: {problem}"))
    readable = [f for f in files or [] if not format_problem(f.name)]
    with st.expander("…or paste an article", expanded=bool(state.get(f"paste_text_{state.upload_round}"))):
        title = st.text_input("Headline", key=f"paste_title_{state.upload_round}", on_change=_forget_results)
        pasted = st.text_area("Article text", key=f"paste_text_{state.upload_round}", height=140, on_change=_forget_results)
    chosen = st.date_input("Publication date, for an article that gives none", value=None, max_value=today,
                           key=f"upload_date_{state.upload_round}", format="YYYY-MM-DD")
    if readable or pasted.strip():
        _date_note(chosen, today, bool(pasted.strip()))
    url = st.text_input("Source URL (optional)", key=f"upload_url_{state.upload_round}")
    if st.button("Add to the store", type="primary", disabled=not (readable or pasted.strip())):
        _add(readable, title, pasted, chosen, today, url)
    for line in state[UPLOADS_KEY]:
        {"added": st.success, "present": st.info, "failed": st.error}[line["status"]](escape_markdown(line["line"]))
    if state.my_uploads:
        st.caption("Added in this session")
        for article_id, name in list(state.my_uploads.items()):
            if st.button(f"Remove {escape_markdown(name[:40])}", key=f"remove_{article_id}", icon=":material/delete:"):
                remove_upload(context.connection(), article_id, upload_dir(context.db_path()))
                del state.my_uploads[article_id]
                state[UPLOADS_KEY] = [{"status": "present", "line": f"{name}: removed from the store", "article_id": None}]
                st.rerun()


def _add(files: list, title: str, pasted: str, chosen: dt.date | None, today: dt.date, url: str) -> None:
    """Store the files and the text; the user's date only where they set one, else today as assumed."""
    state = st.session_state
    conn = context.connection()
    uploads = upload_dir(context.db_path())  # kept by content hash next to the store
    dates = {"published": chosen, "assumed": None if chosen else today}
    results = [ingest_upload(conn, f.name, f.getvalue(), url=url or None, upload_dir=uploads, budget=UPLOAD_BUDGET, **dates)
               for f in files]
    if pasted.strip():
        results.append(ingest_pasted(conn, pasted, title, url=url or None, upload_dir=uploads, budget=UPLOAD_BUDGET, **dates))
    state[UPLOADS_KEY] = [{"status": r.status, "line": r.describe(), "article_id": r.article_id, "source": r.source}
                          for r in results]
    for r in results:
        if r.status == ingest.ADDED:
            state.my_uploads[r.article_id] = r.source
    state.upload_round += 1  # a fresh uploader: the same files can be dropped again
    state["upload_report_open"] = any(r.status != ingest.FAILED for r in results)
    st.rerun(scope="app" if state["upload_report_open"] else "fragment")


def stale_rules_notice(stale: int) -> None:
    """Offer to re-read articles that older extraction rules read."""
    if not stale:
        return
    st.sidebar.warning(f"{stale} articles were read with older extraction rules; their events may differ "
                       f"from what rules {RULES_VERSION} find. Your corrections are kept.")
    if st.sidebar.button(f"Re-read them with rules {RULES_VERSION}"):
        bar = st.sidebar.progress(0.0, text="Re-reading articles…")
        report = ingest.reextract(context.connection(), stale_only=True,
                                  progress=lambda done, total: bar.progress(done / total, text=f"{done}/{total} articles"))
        st.session_state["notice"] = report.describe()
        st.rerun()


# --- filters, kept in the URL --------------------------------------------------------------------

def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state[PERIOD_KEY] = None
    st.session_state["filters_from_url"] = Filters()


def clear_period() -> None:
    st.session_state[PERIOD_KEY] = None


def _start(org_names: list[str], articles: dict[str, str]) -> None:
    """On a session's first run, the widgets take the filters in the URL."""
    state = st.session_state
    if "filters_from_url" not in state:
        state.filters_from_url = filters_from_query({k: st.query_params.get_all(k) for k in st.query_params.keys()})
        state[PERIOD_KEY] = state.filters_from_url.period
    start = state.filters_from_url
    defaults = {
        "f_orgs": [o for o in start.orgs if o in org_names], "f_kinds": start.kinds, "f_statuses": start.statuses,
        "f_from": start.date_from, "f_to": start.date_to,
        "f_min": start.amount_min / 1e9 if start.amount_min is not None else None,
        "f_max": start.amount_max / 1e9 if start.amount_max is not None else None,
        "f_text": start.text, "f_articles": [a for a in start.articles if a in articles], "f_review": start.review,
    }
    for key, value in defaults.items():
        state.setdefault(key, value)
    state.setdefault(PERIOD_KEY, None)


def filter_section(data: context.Tables) -> Filters:
    """The filter widgets; returns the filters they set, with the time selection."""
    articles = dict(data.article_titles)
    for article_id in st.session_state.get("filters_from_url", Filters()).articles:  # a shared link keeps older ones
        match = data.events.loc[data.events["article_id"] == article_id, "article_title"]
        if not match.empty:
            articles[article_id] = match.iloc[0] or ""
    _start(data.org_names, articles)
    sidebar = st.sidebar
    sidebar.header("Filters")
    chosen = Filters(
        orgs=sidebar.multiselect("Organization", data.org_names, key="f_orgs", select_all=False),
        kinds=sidebar.multiselect("Kind", KINDS, format_func=kind_label, key="f_kinds"),
        statuses=sidebar.multiselect("Status", STATUSES, format_func=status_label, key="f_statuses"),
    )
    left, right = sidebar.columns(2)
    chosen.date_from = left.date_input("From", key="f_from", format="YYYY-MM-DD")
    chosen.date_to = right.date_input("To", key="f_to", format="YYYY-MM-DD")
    left, right = sidebar.columns(2)
    low = left.number_input("Min amount ($B)", min_value=0.0, key="f_min", step=1.0)
    high = right.number_input("Max amount ($B)", min_value=0.0, key="f_max", step=1.0)
    chosen.amount_min = low * 1e9 if low is not None else None
    chosen.amount_max = high * 1e9 if high is not None else None
    chosen.text = sidebar.text_input("Search the sentences", key="f_text")
    chosen.articles = sidebar.multiselect("Source article", list(articles), format_func=lambda a: articles[a][:70],
                                          key="f_articles", select_all=False)
    chosen.review = sidebar.multiselect("Review", REVIEW_STATES, key="f_review")
    chosen.period = st.session_state.get(PERIOD_KEY)
    if chosen.period:
        start, end = chosen.period
        sidebar.info(f"Time selection: {start:%d %b %Y} to {end:%d %b %Y}. It narrows every page; drag on the "
                     "timeline's strip to change it.")
        sidebar.button("Clear the time selection", on_click=clear_period)
    sidebar.button("Reset filters", on_click=reset_filters)
    return chosen


def sync_url(chosen: Filters) -> None:
    """Write the filters into the URL (a page switch starts from a bare URL; this puts them back)."""
    wanted = {key: value if isinstance(value, list) else [value] for key, value in filters_to_query(chosen).items()}
    current = {key: st.query_params.get_all(key) for key in URL_KEYS if key in st.query_params}
    if wanted != current:
        others = {key: st.query_params.get_all(key) for key in st.query_params.keys() if key not in URL_KEYS}
        st.query_params.from_dict({**others, **wanted})


def render() -> Filters:
    """The whole sidebar; returns the filters in force (also kept for the pages in the session)."""
    data = context.tables()
    stale_rules_notice(data.stale)
    with st.sidebar:
        add_articles()
    chosen = filter_section(data)
    st.session_state[context.FILTERS_KEY] = chosen
    sync_url(chosen)
    st.sidebar.header("Reviewer")
    st.sidebar.text_input("Your name (recorded with corrections)", key="reviewer")
    st.sidebar.caption(escape_markdown(f"Store: {context.db_path()} · {data.articles_stored:,} articles"))
    return chosen
