"""Reading the store: its articles, their counts, the version readers key their caches on."""
from __future__ import annotations

import sqlite3

from ..extraction import RULES_VERSION
from .schema import SOUND_EVENT


EVENT_COLUMNS = (
    "e.id, e.article_id, e.fingerprint, e.kind, e.org, e.model, e.item, e.amount_low, e.amount_high, e.currency,"
    " e.amount_text, e.date, e.date_precision, e.status, e.speaker, e.evidence, e.span_start, e.span_end,"
    " e.rules_version, a.title AS article_title, a.source_name, a.url, a.outlet, a.published,"
    " a.published_source, a.uploaded"
)
EVENTS_QUERY = f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date, e.id"


def load_events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every extracted event with its article's title, source and publication date, by date
    (undated first), then id."""
    return conn.execute(EVENTS_QUERY).fetchall()


def load_articles(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every article without its text, newest first."""
    return conn.execute(
        "SELECT a.id, a.title, a.url, a.outlet, a.published, a.published_source, a.source_name, a.format,"
        " a.ingested_at, a.uploaded, a.rules_version, COUNT(e.id) AS events FROM articles a"
        " LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id ORDER BY a.published DESC, a.title"
    ).fetchall()


def load_article(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    """One article with its text, or None."""
    return conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()


def stale_articles(conn: sqlite3.Connection) -> int:
    """How many stored articles were read with rules other than the current ones."""
    return conn.execute("SELECT COUNT(*) FROM articles WHERE rules_version != ?", (RULES_VERSION,)).fetchone()[0]


def signature(conn: sqlite3.Connection) -> tuple:
    """Changes whenever articles, events or corrections change: a cache key for readers.
    The file's name and the number of changes marked for claims so far (see `claims`)."""
    return tuple(conn.execute(
        "SELECT name, (SELECT seq FROM sqlite_sequence WHERE name = 'claims_stale') FROM store_version").fetchone())


def count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """How many articles and events the store holds."""
    return {
        "articles": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
    }


def unsound_events(conn: sqlite3.Connection) -> int:
    """How many stored events hold values no event can have (an infinite amount, a date in
    year 9999): readers leave them out. None is written by this code."""
    return conn.execute(f"SELECT COUNT(*) FROM events e WHERE NOT ({SOUND_EVENT})").fetchone()[0]


def latest_corrections(conn: sqlite3.Connection, limit: int) -> list[sqlite3.Row]:
    """The `limit` most recent rows of the review log, newest first."""
    return conn.execute("SELECT id, article_id, fingerprint, action, field, old_value, new_value, author, created_at"
                        " FROM corrections ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
