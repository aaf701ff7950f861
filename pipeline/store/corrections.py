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
import math
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..errors import ReviewError
from ..extraction.record import (CATEGORIES, KINDS, MEASURES, PRECISIONS, STATUSES, VALUE_FIELDS, amount_problem,
                                 date_problem, plain)
from .transaction import write

EDITABLE_FIELDS = VALUE_FIELDS


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
    if field == "status" and value not in STATUSES:
        raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
    if field == "date_precision" and value not in PRECISIONS:
        raise ReviewError(f"precision must be one of {', '.join(PRECISIONS)}")
    if field == "category" and value not in CATEGORIES:
        raise ReviewError(f"category must be one of {', '.join(CATEGORIES)}")
    if field == "measure" and value not in MEASURES:
        raise ReviewError(f"measure must be one of {', '.join(MEASURES)}")
    if field in ("date", "period_start", "period_end"):
        problem = date_problem(str(value).strip())
        if problem:
            raise ReviewError(problem)
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    if field in ("amount_low", "amount_high"):
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise ReviewError(f"'{value}' is not a number") from None
        if not math.isfinite(number):
            raise ReviewError(f"'{value}' is not a finite number")
        problem = amount_problem("investment", number, None)
        if problem:
            raise ReviewError(problem)
        return number
    return str(value).strip()[:200]


def validate_changes(changes: Mapping[str, object], current: Mapping[str, object]) -> dict[str, object]:
    """Every changed field validated, and the event they would make checked whole: its
    amount within bounds for its kind and its low end not above its high end."""
    cleaned = {field: validate(field, value) for field, value in changes.items()}
    after = {**{field: plain(current.get(field)) for field in EDITABLE_FIELDS}, **cleaned}
    problem = amount_problem(after.get("kind") or "investment", after.get("amount_low"), after.get("amount_high"))
    if problem:
        raise ReviewError(problem)
    if after.get("period_start") and after.get("period_end") and after["period_start"] > after["period_end"]:
        raise ReviewError("the period starts after it ends")
    return cleaned


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
    cleaned = validate_changes(changes, current)
    changed = {f: v for f, v in cleaned.items() if v != plain(current.get(f))}
    with write(conn):
        for field, value in changed.items():
            _log(conn, key, "set", field, plain(current.get(field)), value, author, now)
    return len(changed)


def correct_claim(conn: sqlite3.Connection, keys: Iterable[EventKey], changes: dict[str, object],
                  currents: Iterable[dict], author: str, now: dt.datetime | None = None) -> int:
    """Apply the same corrections to every event of a claim, in one transaction."""
    _check_author(author)
    keys, currents = list(keys), list(currents)
    cleaned = {field: validate(field, value) for field, value in changes.items()}
    for current in currents:
        validate_changes(cleaned, current)
    count = 0
    with write(conn):
        for key, current in zip(keys, currents):
            for field, value in cleaned.items():
                if value != plain(current.get(field)):
                    _log(conn, key, "set", field, plain(current.get(field)), value, author, now)
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
    record = validate_changes({field: values.get(field) for field in EDITABLE_FIELDS}, {})
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


def load_corrections(conn: sqlite3.Connection) -> list[dict]:
    """The whole log, oldest first, one dict per correction."""
    cursor = conn.execute("SELECT * FROM corrections ORDER BY id")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def replay(events: Iterable[Mapping], corrections: Iterable[Mapping],
           published: Mapping[str, str | None]) -> list[dict]:
    """Events as reviewed: the one place the correction log is applied.

    `events` are extracted events (with at least article_id and fingerprint); `corrections`
    the log rows that name their articles, oldest first; `published` the publication date
    of each of those articles still in the store, for the events analysts added there.
    Returns one record per event (extracted events first, in their order, then added ones),
    each with the corrected values and `rejected`, `claim_key`, `added` (the id of the
    correction that added it, else None), `reviewed` (any correction touched it) and
    `corrected_fields` (the fields set, in the order first set; "added" for an added
    event). A log row that cannot be read is skipped: a bad row never stops a read."""
    records = {(e["article_id"], e["fingerprint"]): {**e, "rejected": False, "claim_key": None, "added": None,
                                                      "reviewed": False, "corrected_fields": ""}
               for e in events}
    corrections = [row for row in corrections if _readable(row)]
    for row in corrections:
        key = (row["article_id"], row["fingerprint"])
        if row["action"] == "add" and row["article_id"] in published and key not in records:
            records[key] = {"id": None, "article_id": key[0], "fingerprint": key[1], **json.loads(row["new_value"]),
                            "published": published[key[0]], "rejected": False, "claim_key": None, "added": row["id"],
                            "reviewed": True, "corrected_fields": "added"}
    for row in corrections:
        record = records.get((row["article_id"], row["fingerprint"]))
        if record is None or row["action"] == "add":
            continue
        value = json.loads(row["new_value"])
        if row["action"] == "set":
            record[row["field"]] = value
            fields = [f for f in record["corrected_fields"].split(", ") if f]
            if row["field"] not in fields:
                record["corrected_fields"] = ", ".join([*fields, row["field"]])
        elif row["action"] in ("reject", "restore"):
            record["rejected"] = row["action"] == "reject"
        elif row["action"] == "claim":
            record["claim_key"] = value
        record["reviewed"] = True
    return list(records.values())


def _readable(row: Mapping) -> bool:
    """Whether a log row holds a value this code can apply (the writers validate every
    value; a row written otherwise is left in the log, unapplied)."""
    try:
        value = json.loads(row["new_value"]) if row["new_value"] is not None else None
    except (TypeError, ValueError):
        return False
    if row["action"] == "add":
        if not isinstance(value, dict):
            return False
        try:
            validate_changes({f: value.get(f) for f in EDITABLE_FIELDS}, {})
        except ReviewError:
            return False
        return isinstance(value.get("span_start"), int) and isinstance(value.get("span_end"), int)
    if row["action"] == "set":
        try:
            validate(row["field"], value)
        except ReviewError:
            return False
    return row["action"] in ("set", "reject", "restore", "claim")


def orphaned_corrections(conn: sqlite3.Connection) -> int:
    """Corrections whose event the current rules no longer produce (kept, not applied)."""
    return conn.execute(
        "SELECT COUNT(*) FROM corrections c WHERE c.action != 'add' AND NOT EXISTS ("
        " SELECT 1 FROM events e WHERE e.article_id = c.article_id AND e.fingerprint = c.fingerprint)"
        " AND NOT EXISTS (SELECT 1 FROM corrections a WHERE a.action = 'add' AND a.fingerprint = c.fingerprint)"
    ).fetchone()[0]
