"""Human review: corrections an analyst makes, kept apart from what the extraction produced.

Every correction is one row in an append-only log (who, when, the old and the new value)
naming its event by article and fingerprint, which depend only on where the event was
read, not on what the rules read there. Corrections therefore survive re-ingesting and
re-extracting; the latest correction of a field wins. Kinds of correction:

- `set`: a new value for one field of an event (organization, kind, model, item,
  amounts, currency, date, precision, status);
- `reject` / `restore`: an event that is wrong, and undoing that;
- `add`: an event the extraction missed, picked from a sentence of the article;
- `claim`: which claim an event belongs to (merging and splitting claims).

Two people correcting different events at once both land: each correction is an insert.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from .display import format_amount, format_date
from .store import write

EDITABLE_FIELDS = ("org", "kind", "model", "item", "amount_low", "amount_high", "currency", "date",
                   "date_precision", "status")
KINDS = ("model_release", "investment", "hardware")
PRECISIONS = ("day", "month", "quarter", "year")


class ReviewError(ValueError):
    """A correction that cannot be stored as given; the message says why."""


@dataclass(frozen=True)
class EventKey:
    article_id: str
    fingerprint: str


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")


def _check_author(author: str) -> str:
    author = (author or "").strip()
    if not author:
        raise ReviewError("set your name before correcting: every correction records who made it")
    return author[:100]


def validate(field: str, value: object) -> object:
    """The value as stored, or a ReviewError saying what is wrong with it."""
    if field not in EDITABLE_FIELDS:
        raise ReviewError(f"'{field}' cannot be corrected")
    if value in ("", None):
        if field in ("org", "kind", "status"):
            raise ReviewError(f"{field} cannot be empty")
        return None
    if field == "kind" and value not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if field == "status" and value not in ("done", "planned"):
        raise ReviewError("status must be done or planned")
    if field == "date_precision" and value not in PRECISIONS:
        raise ReviewError(f"precision must be one of {', '.join(PRECISIONS)}")
    if field == "date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ReviewError(f"'{value}' is not a date in the form YYYY-MM-DD") from None
    if field in ("amount_low", "amount_high"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ReviewError(f"'{value}' is not a number") from None
        if number < 0 or number != number:
            raise ReviewError("amounts cannot be negative")
        return number
    return str(value).strip()[:200]


def _log(conn: sqlite3.Connection, key: EventKey, action: str, field: str | None, old: object, new: object,
         author: str, now: dt.datetime | None = None) -> None:
    conn.execute(
        "INSERT INTO corrections (article_id, fingerprint, action, field, old_value, new_value, author, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (key.article_id, key.fingerprint, action, field, json.dumps(old), json.dumps(new), _check_author(author), _now(now)),
    )


def correct_event(conn: sqlite3.Connection, key: EventKey, changes: dict[str, object], current: dict[str, object],
                  author: str, now: dt.datetime | None = None) -> int:
    """Record new values for fields of one event; `current` holds the values shown to the
    analyst (the old values in the log). Returns how many fields changed."""
    _check_author(author)
    cleaned = {field: validate(field, value) for field, value in changes.items()}
    changed = {f: v for f, v in cleaned.items() if v != _plain(current.get(f))}
    with write(conn):
        for field, value in changed.items():
            _log(conn, key, "set", field, _plain(current.get(field)), value, author, now)
    return len(changed)


def correct_claim(conn: sqlite3.Connection, keys: Iterable[EventKey], changes: dict[str, object],
                  currents: Iterable[dict], author: str, now: dt.datetime | None = None) -> int:
    """Apply the same corrections to every event of a claim, in one transaction."""
    _check_author(author)
    cleaned = {field: validate(field, value) for field, value in changes.items()}
    count = 0
    with write(conn):
        for key, current in zip(keys, currents):
            for field, value in cleaned.items():
                if value != _plain(current.get(field)):
                    _log(conn, key, "set", field, _plain(current.get(field)), value, author, now)
                    count += 1
    return count


def reject_event(conn: sqlite3.Connection, key: EventKey, author: str, now: dt.datetime | None = None) -> None:
    """Mark an event as wrong: it leaves charts, totals and exports of accepted events."""
    with write(conn):
        _log(conn, key, "reject", None, False, True, author, now)


def restore_event(conn: sqlite3.Connection, key: EventKey, author: str, now: dt.datetime | None = None) -> None:
    """Undo a rejection."""
    with write(conn):
        _log(conn, key, "restore", None, True, False, author, now)


def add_event(conn: sqlite3.Connection, article_id: str, start: int, end: int, values: dict[str, object],
              author: str, now: dt.datetime | None = None) -> EventKey:
    """An event the extraction missed, read by the analyst from the sentence at [start, end)."""
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ReviewError("that article is not in the store")
    text = row["text"]
    if not (0 <= start < end <= len(text)):
        raise ReviewError("pick a sentence of the article")
    record = {field: validate(field, values.get(field)) for field in EDITABLE_FIELDS}
    record.update(evidence=text[start:end], span_start=start, span_end=end)
    digest = hashlib.sha1(json.dumps([article_id, start, end, record], sort_keys=True).encode()).hexdigest()[:14]
    key = EventKey(article_id, f"manual-{digest}")
    with write(conn):
        _log(conn, key, "add", None, None, record, author, now)
    return key


def assign_claim(conn: sqlite3.Connection, keys: Iterable[EventKey], claim_key: str, author: str,
                 now: dt.datetime | None = None) -> None:
    """Put events into the claim named `claim_key` (an empty key hands them back to the rules)."""
    with write(conn):
        for key in keys:
            _log(conn, key, "claim", "claim_key", None, claim_key or None, author, now)


def merge_claims(conn: sqlite3.Connection, keys: Iterable[EventKey], author: str, now: dt.datetime | None = None) -> str:
    """One claim from the events of several: returns the new claim's key."""
    keys = list(keys)
    claim_key = "merged-" + hashlib.sha1("|".join(sorted(k.fingerprint for k in keys)).encode()).hexdigest()[:10]
    assign_claim(conn, keys, claim_key, author, now)
    return claim_key


def split_claim(conn: sqlite3.Connection, keys: Iterable[EventKey], author: str, now: dt.datetime | None = None) -> str:
    """Take events out of their claim into a claim of their own: returns its key."""
    keys = list(keys)
    claim_key = "split-" + hashlib.sha1(("|".join(sorted(k.fingerprint for k in keys)) + _now(now)).encode()).hexdigest()[:10]
    assign_claim(conn, keys, claim_key, author, now)
    return claim_key


def load_corrections(conn: sqlite3.Connection) -> pd.DataFrame:
    """The whole log, oldest first."""
    return pd.read_sql_query("SELECT * FROM corrections ORDER BY id", conn)


def _plain(value: object) -> object:
    """pandas' NaN and numpy scalars as plain Python values."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def apply_corrections(events: pd.DataFrame, corrections: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The event table as reviewed: corrected values in place, `corrected_fields` naming
    them, `reviewed` set where any correction touched the event, `rejected` set for
    rejected events, analysts' added events appended (once each, and only while their
    article is in `articles`), and `claim_key` where an analyst grouped events into claims."""
    events = events.copy()
    events["corrected_fields"] = ""
    events["reviewed"] = False
    events["rejected"] = False
    events["claim_key"] = None
    events["origin"] = "rules"
    if corrections.empty:
        return events
    added = []
    adds = corrections[corrections["action"] == "add"].drop_duplicates(["article_id", "fingerprint"])
    if articles is not None:  # an analyst's event goes with its article
        adds = adds[pd.Index(articles["id"]).get_indexer(adds["article_id"]) >= 0]
    for row in adds.itertuples():
        record = json.loads(row.new_value)
        added.append({"article_id": row.article_id, "fingerprint": row.fingerprint, **record, "origin": "analyst"})
    if added:
        extra = pd.DataFrame(added)
        if articles is not None:
            extra = extra.merge(articles, left_on="article_id", right_on="id", how="left", suffixes=("", "_article"))
            extra = extra.drop(columns=[c for c in ("id",) if c in extra])
        next_id = (int(events["id"].max()) + 1) if len(events) else 1
        extra["id"] = range(next_id, next_id + len(extra))
        extra["evidence"] = extra["evidence"].fillna("")
        extra["corrected_fields"] = "added"
        extra["reviewed"] = True
        extra["rejected"] = False
        extra["claim_key"] = None
        events = pd.concat([events, extra], ignore_index=True)
    edits = corrections[corrections["action"] != "add"]
    named = np.flatnonzero(events["fingerprint"].isin(edits["fingerprint"].unique()).to_numpy())  # rows corrected
    index = {(a, f): i for i, a, f in zip(named, events["article_id"].to_numpy()[named], events["fingerprint"].to_numpy()[named])}
    positions = events.index.to_numpy()
    for row in edits.itertuples():
        where = index.get((row.article_id, row.fingerprint))
        if where is None:
            continue  # the rules no longer read this event; the correction waits in the log
        at = positions[where]
        value = json.loads(row.new_value)
        if row.action == "set":
            events.at[at, row.field] = value
            fields = [f for f in events.at[at, "corrected_fields"].split(", ") if f]
            if row.field not in fields:
                fields.append(row.field)
            events.at[at, "corrected_fields"] = ", ".join(fields)
        elif row.action in ("reject", "restore"):
            events.at[at, "rejected"] = row.action == "reject"
        elif row.action == "claim":
            events.at[at, "claim_key"] = value
        events.at[at, "reviewed"] = True
    corrected = events["corrected_fields"] != ""
    if corrected.any():
        events.loc[corrected, "amount"] = [format_amount(k, lo, hi) for k, lo, hi in zip(
            events.loc[corrected, "kind"], events.loc[corrected, "amount_low"], events.loc[corrected, "amount_high"])]
        events.loc[corrected, "when"] = [format_date(d, p) for d, p in zip(events.loc[corrected, "date"], events.loc[corrected, "date_precision"])]
        events.loc[corrected, "name"] = events.loc[corrected, "model"].fillna(events.loc[corrected, "item"]).fillna("")
        events.loc[corrected, "figure"] = events.loc[corrected, "amount_low"].fillna(events.loc[corrected, "amount_high"])
    return events


def review_records(events: Iterable[Mapping], corrections: Iterable[Mapping],
                   published: Mapping[str, str | None]) -> list[dict]:
    """Events as reviewed, one record each, as `apply_corrections` reviews a table.
    `events` are extracted events (id, article_id, fingerprint, their fields, published);
    `corrections` the log rows naming their articles, oldest first; `published` the date of
    each of those articles still in the store, for the events analysts added there. Each
    record gets `rejected`, `claim_key` and `added` (the id of the correction that added
    it; None for extracted events)."""
    records = {(e["article_id"], e["fingerprint"]): {**e, "rejected": False, "claim_key": None, "added": None}
               for e in events}
    corrections = list(corrections)
    for row in corrections:
        key = (row["article_id"], row["fingerprint"])
        if row["action"] == "add" and row["article_id"] in published and key not in records:
            records[key] = {"id": None, "article_id": key[0], "fingerprint": key[1], **json.loads(row["new_value"]),
                            "published": published[key[0]], "rejected": False, "claim_key": None, "added": row["id"]}
    for row in corrections:
        record = records.get((row["article_id"], row["fingerprint"]))
        if record is None or row["action"] == "add":
            continue
        value = json.loads(row["new_value"])
        if row["action"] == "set":
            record[row["field"]] = value
        elif row["action"] in ("reject", "restore"):
            record["rejected"] = row["action"] == "reject"
        elif row["action"] == "claim":
            record["claim_key"] = value
    return list(records.values())


def orphaned_corrections(conn: sqlite3.Connection) -> int:
    """Corrections whose event the current rules no longer produce (kept, not applied)."""
    return conn.execute(
        "SELECT COUNT(*) FROM corrections c WHERE c.action != 'add' AND NOT EXISTS ("
        " SELECT 1 FROM events e WHERE e.article_id = c.article_id AND e.fingerprint = c.fingerprint)"
        " AND NOT EXISTS (SELECT 1 FROM corrections a WHERE a.action = 'add' AND a.fingerprint = c.fingerprint)"
    ).fetchone()[0]
