"""What pages show: sentences as plain text, counts that agree in number, the dates to
check, and what an uploaded article gave."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.views.display import (ASSUMED_DATE, FUTURE_DONE, FUTURE_PUBLICATION, claim_flags, count_phrase, date_flags,
                                    format_headline_usd, format_period, kind_label, plain_text, status_label)
from pipeline.views.tables import article_report, claims_table, evidence_table


@pytest.mark.parametrize("sentence,shown", [
    ("- **Nvidia** said it would deploy 120,000 GPUs.", "Nvidia said it would deploy 120,000 GPUs."),
    ("## Meta raises its plan", "Meta raises its plan"),
    ("See [the filing](https://example.com/10-K) for $65 billion.", "See the filing for $65 billion."),
    ("1. Alphabet: __$75 billion__ in `2025`", "Alphabet: $75 billion in 2025"),
    ("Compute rose 5*3 times; a * b.", "Compute rose 5*3 times; a * b."),
    ("<script>alert(1)</script> stays text", "<script>alert(1)</script> stays text"),
    (None, ""),
])
def test_plain_text_leaves_out_markdown_markup_and_keeps_every_word(sentence, shown):
    assert plain_text(sentence) == shown


@pytest.mark.parametrize("count,noun,shown", [(1, "claim", "1 claim"), (0, "claim", "0 claims"),
                                              (2, "claim", "2 claims"), (1204, "event", "1,204 events")])
def test_count_phrase_agrees_in_number(count, noun, shown):
    assert count_phrase(count, noun) == shown


@pytest.mark.parametrize("low,high,shown", [(72.22e9, 72.22e9, "$72.22B"), (165.4e9, 170.4e9, "$165-170B"),
                                             (60e9, 65e9, "$60-65B"), (850e6, 1.2e9, "$0.85-1.2B"), (5e6, 8e6, "$5-8M")])
def test_headline_dollars_keep_a_range_a_range_in_few_characters(low, high, shown):
    assert format_headline_usd(low, high) == shown


@pytest.mark.parametrize("start,end,shown", [
    ("2025-01-01", "2025-12-31", "2025"), ("2025-04-01", "2025-06-30", "Q2 2025"),
    ("2024-07-01", "2025-06-30", "Jul 2024 to Jun 2025"),  # Microsoft's fiscal 2025
    ("2025-09-10", "2029-09-09", "Sep 2025 to Sep 2029"), (None, None, ""),
])
def test_a_period_reads_as_a_year_a_quarter_or_its_first_and_last_months(start, end, shown):
    assert format_period(start, end) == shown


def test_kinds_and_statuses_have_one_name_each():
    assert [kind_label(k) for k in ("investment", "hardware", "model_release")] == ["Investment", "Chips", "Model release"]
    assert [status_label(s) for s in ("done", "planned")] == ["Done", "Planned"]


EVENTS = pd.DataFrame({
    "id": [1, 2, 3, 4, 5], "article_id": ["a", "a", "b", "c", "d"], "claim_id": ["k1", "k2", "k1", "k3", "k3"],
    "published": ["2024-07-24", "2024-07-24", "2026-12-02", "2027-01-05", "2025-01-01"],
    "published_source": ["metadata", "metadata", "assumed", "metadata", "user"],
    "status": ["done", "planned", "done", "done", "done"],
    "date": ["2024-07-23", "2027-01-01", "2026-04-01", "2026-01-01", "2027-03-01"],
})


def test_date_flags_name_an_assumed_date_a_publication_after_today_and_a_done_event_after_today():
    flags = date_flags(EVENTS, dt.date(2026, 12, 2))
    assert list(flags) == ["", "", ASSUMED_DATE, FUTURE_PUBLICATION, FUTURE_DONE]
    claims = pd.DataFrame({"claim_id": ["k1", "k2", "k3"]})
    assert list(claim_flags(claims, EVENTS.assign(flag=flags))) == [ASSUMED_DATE, "", FUTURE_PUBLICATION]


def reviewed(**columns) -> pd.DataFrame:
    base = {"id": [1, 2, 3], "article_id": ["new", "new", "old"], "claim_id": ["k1", "k2", "k1"],
            "kind": ["model_release", "hardware", "model_release"], "org": ["Meta"] * 3,
            "name": ["Llama 3.1", "Nvidia H100", "Llama 3.1"], "amount": ["", "16,000", ""],
            "when": ["Jul 2024"] * 3, "status": ["done"] * 3, "evidence": ["**Meta** released Llama 3.1.", "16,000 H100s.",
                                                                           "Llama 3.1 is out."],
            "rejected": [False, False, False], "flag": ["", "", ""], "span_start": [10, 50, 0],
            "published": ["2024-07-24", "2024-07-24", None], "corrected_fields": ["", "", ""], "claim_sources": [2, 1, 2],
            "article_title": ["New", "New", "Old"]}
    return pd.DataFrame({**base, **columns})


def test_article_report_says_which_events_joined_a_claim_and_which_made_a_new_one():
    claims = pd.DataFrame({"claim_id": ["k1", "k2"], "sources": [2, 1]})
    report = article_report(reviewed(), claims, "new")
    assert list(report["claim"]) == ["joined a claim 1 other article reports", "a new claim"]
    assert list(report["evidence"]) == ["Meta released Llama 3.1.", "16,000 H100s."]
    assert list(report["kind"]) == ["Model release", "Chips"] and list(report["id"]) == [1, 2]


def test_tables_show_kinds_statuses_and_sentences_as_people_read_them():
    events = evidence_table(reviewed())
    assert list(events["Kind"]) == ["Model release", "Chips", "Model release"]
    assert list(events["Status"]) == ["Done"] * 3 and events["Sentence"].iloc[0] == "Meta released Llama 3.1."
    assert list(events["What"]) == ["Llama 3.1", "16,000 Nvidia H100", "Llama 3.1"]
    assert events["Published"].iloc[2] == "no date"
    claims = claims_table(reviewed().assign(sources=[2, 1, 2], disputed_fields=["", "", ""]))
    assert list(claims.columns) == list(events.columns[:7]) + ["Articles", "Disputed"]
