"""Claims kept in the store, up to date with the events and the review log.

Grouping every event of the store into claims takes seconds at 100,000 events, so the
store keeps the result (schema 3): `claim_events` holds each accepted event as reviewed,
with the values it is grouped by, its subject and its claim; `claims` one row per claim.
Triggers mark an article in `claims_stale` whenever its events or corrections change,
in the same transaction as the change.

`update_claims` brings the rows of stale articles up to date and regroups only the
subjects they touch (`claims.subject_key`), and within a subject only the reports whose
claim can have changed (`claims.regroup_subject`): the claims are exactly those
`claims.group_claims` forms over the whole store. It then moves the store's version on
and records in `article_versions` the articles that changed or whose events changed
claim, for readers that keep the event table (`views.event_cache`). It is a
before-commit hook of every write transaction (`transaction.before_commit`); a `batch`
of writes runs it once, at its end.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Mapping

from ..claims import build_claim, manual_key, regroup_subject, rule_claim_id, subject_key
from ..extraction.record import VALUE_FIELDS
from .corrections import replay
from .schema import SOUND_EVENT
from .transaction import before_commit
GROUPED_FIELDS = ("added", "seq", "published", *VALUE_FIELDS, "claim_key", "subject")
CLAIM_FIELDS = ("subject", "id", "manual", *VALUE_FIELDS, "first_reported", "disputed_fields", "sources",
                "lead_article_id", "lead_fingerprint", "opened_published", "opened_added", "opened_seq")
STALE_AT_ONCE = 500  # stale articles read in one query


def report_order(row: Mapping) -> tuple:
    """The order `group_claims` reads reports in: earliest published first, then an
    article's extracted events by id, then analysts' events in the order they were added
    (their ids in the event table follow every extracted event's)."""
    return (row["published"] or "", row["added"], row["seq"])


@before_commit
def update_claims(conn: sqlite3.Connection) -> int:
    """Inside the caller's write transaction: regroup what the stale articles' changes
    touch, and clear the marks. Returns how many articles were stale."""
    stale = [row[0] for row in conn.execute("SELECT article_id FROM claims_stale")]
    if not stale:
        return 0
    touched: dict[str, set[str | None]] = defaultdict(set)
    moved: set[str] = set()  # articles whose events changed claim
    for start in range(0, len(stale), STALE_AT_ONCE):
        moved |= _sync(conn, stale[start:start + STALE_AT_ONCE], touched)
    for subject, claim_ids in touched.items():
        moved |= _regroup(conn, subject, claim_ids)
    # readers that keep the event table read again the articles that changed or whose events changed claim
    conn.execute("UPDATE store_version SET version = version + 1")
    conn.executemany("INSERT OR REPLACE INTO article_versions SELECT ?, version FROM store_version",
                     [(article_id,) for article_id in set(stale) | moved])
    conn.execute("DELETE FROM claims_stale")
    return len(stale)


def _records(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _sync(conn: sqlite3.Connection, article_ids: list[str], touched: dict[str, set[str | None]]) -> set[str]:
    """Make the `claim_events` rows of these articles those of their accepted events as
    reviewed; note in `touched` each subject whose reports changed, with the claims that
    lost or changed a report (None where a report joined). Returns the articles whose
    rows changed."""
    marks = ", ".join("?" * len(article_ids))
    events = _records(conn, f"SELECT e.id, e.article_id, e.fingerprint, {', '.join('e.' + f for f in VALUE_FIELDS)},"
                            f" a.published FROM events e JOIN articles a ON a.id = e.article_id"
                            f" WHERE e.article_id IN ({marks}) AND {SOUND_EVENT}", article_ids)
    corrections = _records(conn, f"SELECT * FROM corrections WHERE article_id IN ({marks}) ORDER BY id", article_ids)
    published = dict(conn.execute(f"SELECT id, published FROM articles WHERE id IN ({marks})", article_ids).fetchall())
    wanted = {}
    for record in replay(events, corrections, published):
        if record["rejected"]:
            continue
        added = record["added"] is not None
        wanted[(record["article_id"], record["fingerprint"])] = {
            "article_id": record["article_id"], "fingerprint": record["fingerprint"], "added": int(added),
            "seq": record["added"] if added else record["id"], "published": record["published"],
            **{field: record.get(field) for field in VALUE_FIELDS},
            "claim_key": record["claim_key"] or None, "subject": subject_key(record),
        }
    current = {(row["article_id"], row["fingerprint"]): row
               for row in _records(conn, f"SELECT * FROM claim_events WHERE article_id IN ({marks})", article_ids)}
    old = [row for key, row in current.items()
           if key not in wanted or any(row[f] != wanted[key][f] for f in GROUPED_FIELDS)]
    new = [row for key, row in wanted.items()
           if key not in current or any(current[key][f] != row[f] for f in GROUPED_FIELDS)]
    for row in old:
        touched[row["subject"]].add(row["claim_id"])
    for row in new:
        touched[row["subject"]].add(None)
    conn.executemany("DELETE FROM claim_events WHERE article_id = ? AND fingerprint = ?",
                     [(row["article_id"], row["fingerprint"]) for row in old])
    conn.executemany(f"INSERT INTO claim_events ({', '.join(GROUPED_FIELDS)}, article_id, fingerprint)"
                     f" VALUES ({', '.join('?' * (len(GROUPED_FIELDS) + 2))})",
                     [tuple(row[f] for f in (*GROUPED_FIELDS, "article_id", "fingerprint")) for row in new])
    return {row["article_id"] for row in old + new}


def _regroup(conn: sqlite3.Connection, subject: str, stale_claims: set[str | None]) -> set[str]:
    """Group one subject's reports again, keeping what cannot have changed, and rewrite
    the claims that gained, lost or changed a report. Returns the articles whose events
    changed claim."""
    rows = sorted(_records(conn, "SELECT * FROM claim_events WHERE subject = ?", (subject,)), key=report_order)
    key = manual_key(subject)
    if key is not None:
        claim_ids, opened = [key] * len(rows), [False] * len(rows)
    else:
        opener = {row["claim_id"]: position for position, row in enumerate(rows) if row["opened"] and row["claim_id"]}
        openers = regroup_subject(rows, [opener.get(row["claim_id"]) for row in rows])
        ids = {position: rule_claim_id(rows[position]) for position in set(openers)}
        claim_ids = [ids[position] for position in openers]
        opened = [position == own for own, position in enumerate(openers)]
    touched = set(stale_claims)
    updates = []
    for row, claim_id, opens in zip(rows, claim_ids, opened):
        if (row["claim_id"], bool(row["opened"])) != (claim_id, opens):
            touched |= {row["claim_id"], claim_id}
            updates.append((claim_id, int(opens), row["article_id"], row["fingerprint"]))
    conn.executemany("UPDATE claim_events SET claim_id = ?, opened = ? WHERE article_id = ? AND fingerprint = ?", updates)
    touched.discard(None)
    members: dict[str, list[dict]] = defaultdict(list)
    for row, claim_id in zip(rows, claim_ids):
        if claim_id in touched:
            members[claim_id].append({**row, "id": (row["article_id"], row["fingerprint"])})
    conn.executemany("DELETE FROM claims WHERE subject = ? AND id = ?",
                     [(subject, claim_id) for claim_id in touched if claim_id not in members])
    conn.executemany(f"INSERT OR REPLACE INTO claims ({', '.join(CLAIM_FIELDS)}) VALUES ({', '.join('?' * len(CLAIM_FIELDS))})",
                     [_claim_row(subject, claim_id, group, key is not None) for claim_id, group in members.items()])
    return {article_id for _, _, article_id, _ in updates}


def _claim_row(subject: str, claim_id: str, group: list[dict], manual: bool) -> tuple:
    claim = build_claim(group, claim_id, manual=manual)
    first = group[0]
    lead_article_id, lead_fingerprint = claim.lead_event_id
    return (subject, claim.id, int(manual), *(getattr(claim, name) for name in VALUE_FIELDS), claim.first_reported,
            ", ".join(claim.disputed_fields), claim.sources, lead_article_id, lead_fingerprint,
            first["published"], first["added"], first["seq"])
