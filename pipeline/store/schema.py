"""The store's schema: the migrations that build it, one per version, and how a file is
brought up to the current version. `PRAGMA user_version` records the version and
`PRAGMA application_id` marks the file as this project's store."""
from __future__ import annotations

import sqlite3

from ..extraction.record import FIRST_YEAR, LAST_YEAR, MAX_UNITS, MAX_USD
from .transaction import batch, write

APPLICATION_ID = 0x434C4447  # "CLDG": a Compute Ledger store
# The events whose values can stand (`record.amount_problem`, `record.date_problem`), as SQL
# over `events e`: readers leave out any other row (none is written by this code; an older
# version or another program may have) and say how many they left out.
_LIMIT = f"(CASE e.kind WHEN 'hardware' THEN {MAX_UNITS:g} ELSE {MAX_USD:g} END)"
SOUND_EVENT = (f"(e.amount_low IS NULL OR e.amount_low BETWEEN 0 AND {_LIMIT})"
               f" AND (e.amount_high IS NULL OR e.amount_high BETWEEN 0 AND {_LIMIT})"
               f" AND (e.date IS NULL OR e.date BETWEEN '{FIRST_YEAR:04d}-01-01' AND '{LAST_YEAR:04d}-12-31')")

MIGRATIONS = [
    # 1: articles and the events extracted from them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        published_source TEXT CHECK (published_source IN ('metadata', 'user', 'assumed')),
        source_name TEXT NOT NULL,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        rules_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        uploaded INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('model_release', 'investment', 'hardware')),
        org TEXT NOT NULL,
        model TEXT,
        item TEXT,
        amount_low REAL,
        amount_high REAL,
        currency TEXT,
        amount_text TEXT,
        date TEXT,
        date_precision TEXT CHECK (date_precision IN ('day', 'month', 'quarter', 'year') OR date_precision IS NULL),
        status TEXT NOT NULL CHECK (status IN ('done', 'planned')),
        speaker TEXT,
        evidence TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        rules_version TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_kind_org ON events(kind, org);
    CREATE INDEX events_date ON events(date);
    CREATE UNIQUE INDEX events_fingerprint ON events(article_id, fingerprint);
    """,
    # 2: analysts' corrections, an append-only log kept apart from extracted events
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('set', 'reject', 'restore', 'add', 'claim')),
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX corrections_event ON corrections(article_id, fingerprint);
    """,
    # 3: claims kept up to date (pipeline/claim_store.py): each accepted event as reviewed, with
    # the values it is grouped by and its claim; one row per claim; and the articles whose
    # events or corrections changed since claims were last grouped, marked by triggers (the
    # sequence of marks counts every change)
    """
    CREATE TABLE claim_events (
        article_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        added INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        published TEXT,
        kind TEXT NOT NULL,
        org TEXT NOT NULL,
        model TEXT,
        item TEXT,
        amount_low REAL,
        amount_high REAL,
        currency TEXT,
        date TEXT,
        date_precision TEXT,
        status TEXT NOT NULL,
        claim_key TEXT,
        subject TEXT NOT NULL,
        claim_id TEXT,
        opened INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, fingerprint)
    );
    CREATE INDEX claim_events_subject ON claim_events(subject);
    CREATE TABLE claims (
        subject TEXT NOT NULL,
        id TEXT NOT NULL,
        manual INTEGER NOT NULL,
        kind TEXT NOT NULL,
        org TEXT NOT NULL,
        model TEXT,
        item TEXT,
        amount_low REAL,
        amount_high REAL,
        currency TEXT,
        date TEXT,
        date_precision TEXT,
        status TEXT NOT NULL,
        first_reported TEXT,
        disputed_fields TEXT NOT NULL,
        sources INTEGER NOT NULL,
        lead_article_id TEXT NOT NULL,
        lead_fingerprint TEXT NOT NULL,
        opened_published TEXT,
        opened_added INTEGER NOT NULL,
        opened_seq INTEGER NOT NULL,
        PRIMARY KEY (subject, id)
    );
    CREATE TABLE claims_stale (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL UNIQUE);
    CREATE TRIGGER articles_added_stale AFTER INSERT ON articles
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (new.id); END;
    CREATE TRIGGER articles_removed_stale AFTER DELETE ON articles
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (old.id); END;
    CREATE TRIGGER articles_changed_stale AFTER UPDATE ON articles
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (old.id), (new.id); END;
    CREATE TRIGGER events_added_stale AFTER INSERT ON events
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (new.article_id); END;
    CREATE TRIGGER events_removed_stale AFTER DELETE ON events
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (old.article_id); END;
    CREATE TRIGGER events_changed_stale AFTER UPDATE ON events
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (old.article_id), (new.article_id); END;
    CREATE TRIGGER corrections_added_stale AFTER INSERT ON corrections
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (new.article_id); END;
    CREATE TRIGGER corrections_removed_stale AFTER DELETE ON corrections
        BEGIN INSERT OR REPLACE INTO claims_stale (article_id) VALUES (old.article_id); END;
    INSERT INTO claims_stale (article_id) SELECT id FROM articles UNION SELECT article_id FROM corrections
    """,
    # 4: versions for readers' caches: a counter that moves on whenever claims are brought up
    # to date after a change (with a random name for the file), and the version at which each
    # article's events, corrections or claims last changed, so a reader reads only those again
    """
    CREATE TABLE store_version (name TEXT NOT NULL, version INTEGER NOT NULL);
    INSERT INTO store_version VALUES (lower(hex(randomblob(8))), 0);
    CREATE TABLE article_versions (article_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE INDEX article_versions_version ON article_versions(version)
    """,
    # 5: a snapshot of the event table at a version (pipeline/event_table.py), in parts of a
    # few thousand events, for readers that start cold: they load it and read only the
    # articles changed since
    """
    CREATE TABLE event_snapshot (part INTEGER PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL)
    """,
    # 6: the file an upload was kept as (in the uploads folder next to the store), so that
    # removing the article removes the file too
    """
    ALTER TABLE articles ADD COLUMN stored_file TEXT
    """,
    # 7: what a figure is (EVENTS.md): an investment's category and counterparty, the span a
    # figure covers, a chip count's measure; kept for events, grouped reports and claims. The
    # snapshot of the old shape is dropped: the next write stores one of the new
    """
    ALTER TABLE events ADD COLUMN category TEXT
        CHECK (category IN ('capex', 'facility', 'contract', 'training', 'program') OR category IS NULL);
    ALTER TABLE events ADD COLUMN counterparty TEXT;
    ALTER TABLE events ADD COLUMN period_start TEXT;
    ALTER TABLE events ADD COLUMN period_end TEXT;
    ALTER TABLE events ADD COLUMN measure TEXT CHECK (measure IN ('fleet', 'order') OR measure IS NULL);
    ALTER TABLE claim_events ADD COLUMN category TEXT;
    ALTER TABLE claim_events ADD COLUMN counterparty TEXT;
    ALTER TABLE claim_events ADD COLUMN period_start TEXT;
    ALTER TABLE claim_events ADD COLUMN period_end TEXT;
    ALTER TABLE claim_events ADD COLUMN measure TEXT;
    ALTER TABLE claims ADD COLUMN category TEXT;
    ALTER TABLE claims ADD COLUMN counterparty TEXT;
    ALTER TABLE claims ADD COLUMN period_start TEXT;
    ALTER TABLE claims ADD COLUMN period_end TEXT;
    ALTER TABLE claims ADD COLUMN measure TEXT;
    DELETE FROM event_snapshot
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file's schema up to `SCHEMA_VERSION`, one migration at a time; the
    before-commit hooks run once, when every table they need exists."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    with batch(conn):
        for number in range(version, SCHEMA_VERSION):
            # statement by statement: executescript() would commit on its own
            with write(conn):
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={number + 1}")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")


def _statements(script: str) -> list[str]:
    """A script's statements, a trigger's body (BEGIN ... END) kept whole."""
    statements, pending = [], ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().rstrip(";").strip())
            pending = ""
    return statements
