"""Filters applied to tables (the claims of the events in view; no filter, every row; the
time selection), and filters through the URL and back."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.views.filters import (Filters, apply_filters, brush_bounds, claims_of, filters_from_query, filters_to_query,
                                    period_from_brush)

EVENTS = pd.DataFrame({"claim_id": ["c2", "c2", None, "c3"], "org": ["Meta", "Meta", "Google", "xAI"]})
CLAIMS = pd.DataFrame({"claim_id": ["c1", "c2", "c3", "c4"], "sources": [1, 2, 1, 1]})


def test_claims_of_keeps_the_claims_of_the_events_in_view_in_table_order():
    assert list(claims_of(CLAIMS, EVENTS)["claim_id"]) == ["c2", "c3"]
    assert list(claims_of(CLAIMS, EVENTS[EVENTS["org"] == "Google"])["claim_id"]) == []


def test_apply_filters_without_a_filter_keeps_every_row():
    assert apply_filters(EVENTS, Filters()).equals(EVENTS)
    assert list(apply_filters(EVENTS, Filters(orgs=["Meta"])).index) == [0, 1]


def test_filters_round_trip_through_the_url_query_with_the_time_selection():
    filters = Filters(orgs=["Meta", "Google"], kinds=["investment"], statuses=["planned"], date_from=dt.date(2024, 1, 1),
                      date_to=dt.date(2025, 6, 30), amount_min=1.23456789e9, amount_max=65e9, text="capital, spending",
                      articles=["a1b2"], review=["unreviewed"], period=(dt.date(2024, 3, 1), dt.date(2024, 9, 30)))
    query = filters_to_query(filters)
    assert query["period"] == "2024-03-01..2024-09-30"
    assert filters_from_query(query) == filters
    assert query["org"] == ["Meta", "Google"]  # repeated keys: ?org=Meta&org=Google
    assert filters_from_query({"org": ["Alphabet, Inc."], "kind": "investment,hardware"}) == Filters(
        orgs=["Alphabet, Inc."], kinds=["investment", "hardware"])  # a name keeps its comma; a kind list may be one
    assert filters_from_query({}) == Filters() and filters_to_query(Filters()) == {}


@pytest.mark.parametrize("value", ["2024-09-30..2024-03-01", "2024-03-01", "soon..later", "2024-03-01..", ".."])
def test_a_period_that_is_not_one_is_dropped_from_the_url(value):
    assert filters_from_query({"period": value, "org": "Meta"}) == Filters(orgs=["Meta"])


def test_a_brushed_interval_in_epoch_milliseconds_is_the_utc_days_it_covers_and_back():
    start = dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc).timestamp() * 1000
    end = dt.datetime(2024, 9, 30, 18, tzinfo=dt.timezone.utc).timestamp() * 1000
    assert period_from_brush([end, start]) == (dt.date(2024, 3, 1), dt.date(2024, 9, 30))
    assert period_from_brush(brush_bounds((dt.date(2024, 3, 1), dt.date(2024, 9, 30)))) == (dt.date(2024, 3, 1),
                                                                                            dt.date(2024, 9, 30))
    assert period_from_brush(None) is None and period_from_brush([]) is None


DATED = pd.DataFrame({"claim_id": ["a", "b", "c", "d"], "date": ["2024-02-29", "2024-03-01", "2024-09-30", None],
                      "org": ["Meta"] * 4})


def test_the_time_selection_keeps_the_dated_rows_of_its_days_both_ends_included():
    kept = apply_filters(DATED, Filters(period=(dt.date(2024, 3, 1), dt.date(2024, 9, 30))))
    assert list(kept["claim_id"]) == ["b", "c"]
    narrowed = apply_filters(DATED, Filters(period=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), date_to=dt.date(2024, 3, 1)))
    assert list(narrowed["claim_id"]) == ["a", "b"]
    assert Filters(period=(dt.date(2024, 1, 1), dt.date(2024, 1, 2))).without_period() == Filters()
