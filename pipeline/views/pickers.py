"""What a picker offers: a label for each event, claim or article that says what it is in
a line (what it says, where, its state), and the rows behind the labels."""
from __future__ import annotations

import pandas as pd

from .display import count_phrase, kind_label, plain_text
from .tables import latest


def event_labels(events: pd.DataFrame) -> dict:
    """A label for each event (`events` indexed by id): organization, kind, what it says,
    when, whether it is rejected or has a date to check, and the start of its sentence."""
    labels = {}
    columns = [events[name].tolist() for name in ("org", "kind", "name", "amount", "when", "evidence", "rejected", "flag")]
    for event_id, org, kind, name, amount, when, sentence, rejected, flag in zip(events.index.tolist(), *columns):
        state = " · rejected" if rejected else ""
        check = f" · check: {flag}" if flag else ""
        labels[event_id] = f"{org} · {kind_label(kind)} · {name or amount} · {when}{state}{check} · {plain_text(sentence)[:70]}"
    return labels


def claim_labels(claims: pd.DataFrame, sources: bool = True, when: bool = True) -> dict:
    """A label for each claim (`claims` indexed by claim id): organization, what it says,
    when, and how many articles report it."""
    labels = {}
    columns = [claims[name].tolist() for name in ("org", "name", "amount", "when", "sources")]
    for claim_id, org, name, amount, when_, count in zip(claims.index.tolist(), *columns):
        label = f"{org} · {name or amount}" + (f" · {when_}" if when else "")
        labels[claim_id] = label + (f" · {count_phrase(count, 'article')}" if sources else "")
    return labels


def article_labels(articles: pd.DataFrame, limit: int, width: int = 120) -> dict[str, str]:
    """A label for each of the first `limit` articles (`newest_articles`): date and title."""
    shown = articles.head(limit)
    published = shown["published"].astype(object).where(shown["published"].notna(), None)
    titles = shown["title"].astype(object).where(shown["title"].notna(), None)
    return {article_id: f"{day or 'no date'} · {title or name}"[:width]
            for article_id, day, title, name in zip(shown["id"], published, titles, shown["source_name"])}


def event_choices(events: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, dict]:
    """The `limit` most recent events (indexed by id) and their labels."""
    records = latest(events, limit).set_index("id")
    return records, event_labels(records)


def claim_choices(claims: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, dict, dict]:
    """The `limit` most reported claims (indexed by claim id), their labels, and shorter
    labels (without the number of articles) for merging."""
    by_id = claims.sort_values("sources", ascending=False, kind="stable").head(limit).set_index("claim_id")
    return by_id, claim_labels(by_id), claim_labels(by_id, sources=False)
