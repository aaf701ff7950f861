"""Filters applied to tables: the claims of the events in view; no filter, every row."""
import pandas as pd

from pipeline.views.filters import Filters, apply_filters, claims_of

EVENTS = pd.DataFrame({"claim_id": ["c2", "c2", None, "c3"], "org": ["Meta", "Meta", "Google", "xAI"]})
CLAIMS = pd.DataFrame({"claim_id": ["c1", "c2", "c3", "c4"], "sources": [1, 2, 1, 1]})


def test_claims_of_keeps_the_claims_of_the_events_in_view_in_table_order():
    assert list(claims_of(CLAIMS, EVENTS)["claim_id"]) == ["c2", "c3"]
    assert list(claims_of(CLAIMS, EVENTS[EVENTS["org"] == "Google"])["claim_id"]) == []


def test_apply_filters_without_a_filter_keeps_every_row():
    assert apply_filters(EVENTS, Filters()).equals(EVENTS)
    assert list(apply_filters(EVENTS, Filters(orgs=["Meta"])).index) == [0, 1]
