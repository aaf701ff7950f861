"""What every page reads: the store, its tables as reviewed, the filters in force and what
they select. Each is computed once per store version (and filters, and day) and shared by
every session: a rerun with nothing changed reads only the store's version.

- `tables()`: every event and claim as reviewed, with the dates to check flagged, the
  palettes and the pickers' choices; read again only when the store changes, and then
  only the articles that changed and the claims of what they report (`ReviewedCache`).
- `view()`: the events and claims the filters select (and, for the timeline's strip, the
  claims before the time selection).
- `derived(name)`: what a page draws from the view (a table, a chart's spec), cached the
  same way; the builders are in `BUILDERS`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from pipeline.paths import default_db_path
from pipeline.store import queries
from pipeline.store.connection import connect
from pipeline.views import charts, pickers, tables as table_views, totals
from pipeline.views.display import claim_flags, date_flags, kind_label
from pipeline.views.event_cache import positions
from pipeline.views.filters import Filters, apply_filters, claims_of, filters_from_query
from pipeline.views.palette import Palette, chip_palette, org_palette
from pipeline.views.reviewed import ReviewedCache, reviewed_tables

# Altair checks each chart against the Vega-Lite schema as it is built (a third of the time
# a chart takes to build here); the unit tests check every chart's spec instead.
alt.utils.schemapi.disable_debug_mode()

TABLE_ROWS = 5000     # rows a table shows; downloads hold every row in view
CHOICES = 1000        # options a picker offers; narrow the filters to reach the rest
DISPUTES_SHOWN = 50   # disputed claims shown with each source's version
# The columns of an event the pages read (filters, headline, tables, charts): a view carries
# only these, half the event table's, so selecting its rows takes half the time. A download
# takes every column of the same rows from `Tables.events` (`full_rows`).
VIEW_COLUMNS = ["id", "article_id", "claim_id", "org", "kind", "status", "date", "amount_low", "amount_high", "name",
                "amount", "when", "evidence", "article_title", "published", "claim_sources", "corrected_fields",
                "reviewed", "flag"]
FILTERS_KEY = "filters"


def db_path() -> Path:
    """--db after `--` on the command line, else $COMPUTE_LEDGER_DB, else data/events.db."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db", type=Path)
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.db or default_db_path()



def connection() -> sqlite3.Connection:
    """A connection for this run (opening one costs about a millisecond; one kept across
    Streamlit's threads would not be safe)."""
    return connect(db_path())


def today() -> dt.date:
    return dt.date.today()


@dataclass(frozen=True)
class Tables:
    events: pd.DataFrame      # every event as reviewed, rejected ones included, each with its `flag`
    accepted: pd.DataFrame    # the events not rejected, with the columns pages read (`VIEW_COLUMNS`)
    claims: pd.DataFrame      # claims of the accepted events, each with its `flag`
    articles: pd.DataFrame    # id, title, source_name, published; newest first (`newest_articles`)
    orgs: Palette
    chips: Palette
    org_names: list[str]
    article_titles: dict[str, str]  # the newest `CHOICES` articles with events, by id
    articles_stored: int
    stale: int                # articles read with older extraction rules

    @cached_property
    def capex_reports(self) -> pd.DataFrame:
        """The accepted capex reports of a year or a quarter (`totals.capex_reports`): made
        once per store version, and only by a page that shows capex (not Review or Articles)."""
        return totals.capex_reports(self.events)


@st.cache_resource
def _event_cache(path: str) -> ReviewedCache:
    """The store's events and claims, kept between changes: a change reads only what it touched."""
    return ReviewedCache()


@st.cache_resource(max_entries=2, show_spinner="Reading the store…")
def _tables(path: str, version: tuple, day: dt.date) -> Tables:
    cache = _event_cache(path)
    conn = connect(path)
    events, claims = reviewed_tables(conn, cache)
    events = events.assign(flag=date_flags(events, day))
    accepted = events[VIEW_COLUMNS][~events["rejected"].to_numpy()]
    claims = claims.assign(flag=claim_flags(claims, accepted))
    articles = cache.newest_articles()
    recent = articles[positions(articles["id"], accepted["article_id"].unique()) >= 0].head(CHOICES)  # with events
    return Tables(events=events, accepted=accepted, claims=claims, articles=articles,
                  orgs=org_palette(claims), chips=chip_palette(claims),
                  org_names=sorted(accepted["org"].dropna().unique()),
                  article_titles=dict(zip(recent["id"], recent["title"].fillna(""))),
                  articles_stored=queries.count_rows(conn)["articles"], stale=queries.stale_articles(conn))


def full_rows(events: pd.DataFrame) -> pd.DataFrame:
    """The rows of a view's `events` with every column of the event table (for downloads)."""
    return tables().events.loc[events.index]


def version() -> tuple:
    """The store's version: what every cache here is keyed by."""
    conn = connection()
    try:
        return queries.signature(conn)
    finally:
        conn.close()


def tables() -> Tables:
    return _tables(str(db_path()), version(), today())


def filters() -> Filters:
    """The filters in force, as the sidebar set them this run."""
    return st.session_state.get(FILTERS_KEY) or Filters()


@dataclass(frozen=True)
class View:
    filters: Filters
    events: pd.DataFrame       # accepted events the filters select
    claims: pd.DataFrame       # their claims
    strip_claims: pd.DataFrame  # the claims the filters select before the time selection
    reviewable: pd.DataFrame   # events the filters select, rejected ones included (the review page's)
    source: Tables             # what the filters selected from

    @cached_property
    def capex_reports(self) -> pd.DataFrame:
        """The capex reports of the events selected (`totals.capex_reports`)."""
        reports = self.source.capex_reports
        return reports[reports.index.isin(self.events.index)]

    @cached_property
    def capex(self) -> pd.DataFrame:
        """`totals.capex_figures` of the reports in view: made once for the headline and the
        Totals page alike (views are cached, so once per store version and filters)."""
        return totals.capex_figures(self.capex_reports)


@st.cache_resource(max_entries=24, show_spinner=False)
def _view(path: str, version: tuple, day: dt.date, key: tuple) -> View:
    data = _tables(path, version, day)
    chosen = filters_from_query({k: list(v) if isinstance(v, tuple) else v for k, v in key})
    events = apply_filters(data.accepted, chosen)
    claims = claims_of(data.claims, events)
    # the strip shows the claims before the time selection: the view without it, kept on its own
    strip = claims if chosen.period is None else _view(path, version, day, chosen.without_period().key()).claims
    return View(chosen, events, claims, strip, apply_filters(data.events, chosen), data)


def view() -> View:
    return _view(str(db_path()), version(), today(), filters().key())


# --- what pages draw from the view, cached with it --------------------------------------------------

def vega_spec(chart: alt.TopLevelMixin | dict | None) -> dict | None:
    """A chart (an Altair chart, or a Vega-Lite spec whose datasets are DataFrames) as the
    spec `st.vega_lite_chart` takes, each dataset as Arrow: made once, so that a rerun only
    sends it. Altair's schema check is left to the tests."""
    if chart is None:
        return None
    frames: dict[str, pd.DataFrame] = {}
    spec = dict(chart) if isinstance(chart, dict) else {**charts.view_spec(chart, frames), "$schema": charts.SCHEMA}
    frames.update(spec.get("datasets", {}))
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(frame) for name, frame in frames.items()}
    return spec


def _headline(data: Tables, shown: View) -> dict:
    """Counts of what is in view and the capex to cite for the current (fiscal) year, or
    the latest year before it that has a figure (`totals.headline_capex`)."""
    capex = shown.capex
    years = capex.loc[capex["figure_low"].notna(), "year"]
    current = today().year
    year = current if (years == current).any() else (years[years <= current].max() if (years <= current).any()
                                                       else years.min() if len(years) else None)
    return {"claims": len(shown.claims), "events": len(shown.events), "orgs": shown.claims["org"].nunique(),
            "capex": None if year is None else totals.headline_capex(capex, int(year)),
            "flagged": int((shown.events["flag"] != "").sum())}


def _totals(data: Tables, shown: View) -> dict:
    """The Totals page's figures: capex per organization and year, commitments and fleets,
    each as a table of values (for links to claims), a readable table and a chart spec."""
    capex = shown.capex
    pledged = totals.commitments(shown.claims)
    fleets = totals.chip_fleets(shown.claims)
    return {
        "capex": capex, "capex_table": table_views.capex_table(capex),
        "capex_chart": vega_spec(charts.capex_chart(capex, data.orgs)),
        "commitments": pledged, "commitments_table": table_views.commitments_table(pledged),
        "commitments_chart": vega_spec(charts.commitments_chart(pledged, data.orgs)),
        "fleets_table": table_views.fleets_table(fleets), "fleets_chart": vega_spec(charts.fleets_chart(fleets, data.chips)),
    }


def _several(data: Tables, shown: View) -> tuple[int, pd.DataFrame]:
    """How many claims in view several articles report or dispute, and the table of the
    first `TABLE_ROWS` of them (the most reported first)."""
    several = shown.claims[(shown.claims["sources"] > 1) | shown.claims["disputed"]]
    return len(several), table_views.claims_table(several.sort_values("sources", ascending=False, kind="stable")
                                                  .head(TABLE_ROWS))


def _disputes(data: Tables, shown: View) -> tuple[int, list[tuple[str, pd.DataFrame]]]:
    """How many claims in view are disputed, and for the `DISPUTES_SHOWN` most reported a
    title and each source's version."""
    disputed = shown.claims[shown.claims["disputed"]].sort_values("sources", ascending=False, kind="stable")
    top = disputed.head(DISPUTES_SHOWN)
    reports = shown.events[pd.Index(top["claim_id"]).get_indexer(shown.events["claim_id"]) >= 0]
    grouped = dict(list(reports.groupby("claim_id", sort=False)))
    return len(disputed), [
        (f"{c.org} · {c.name or kind_label(c.kind)} · {c.amount} {c.when} · disputed {c.disputed_fields}",
         table_views.reports_table(grouped[c.claim_id])) for c in top.itertuples() if c.claim_id in grouped]


BUILDERS: dict[str, Callable[[Tables, View], Any]] = {
    "headline": _headline,
    "timeline": lambda data, shown: vega_spec(charts.timeline_chart(shown.strip_claims, data.orgs, shown.filters.period)),
    "timeline_parts": lambda data, shown: charts.timeline_parts(shown.strip_claims, shown.filters.period),
    "totals": _totals,
    "evidence": lambda data, shown: table_views.evidence_table(table_views.latest(shown.events, TABLE_ROWS)),
    "several": _several,
    "disputes": _disputes,
    "review_events": lambda data, shown: pickers.event_choices(shown.reviewable, CHOICES),
    "review_claims": lambda data, shown: pickers.claim_choices(shown.claims, CHOICES),
}


@st.cache_resource(max_entries=64, show_spinner=False)
def _derived(path: str, version: tuple, day: dt.date, key: tuple, name: str) -> Any:
    return BUILDERS[name](_tables(path, version, day), _view(path, version, day, key))


def derived(name: str) -> Any:
    """`BUILDERS[name]` of the tables and the view, once per store version and filters."""
    return _derived(str(db_path()), version(), today(), filters().key(), name)
