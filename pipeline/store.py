"""The store: one SQLite file (by default `data/events.db`) holding articles and the
events extracted from them.

- WAL mode, a busy timeout and foreign keys, so the dashboard can read while a CLI
  ingest writes; every write runs inside `BEGIN IMMEDIATE`.
- An article's id is a hash of its text: ingesting the same article twice adds nothing.
- Each article goes in whole (article and all its events) or not at all.
- `PRAGMA user_version` records the schema version; `connect` migrates older files.
- Claims are kept grouped in the store as events and corrections change (`claim_store`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ArticleError
from .events import RULES_VERSION, Event, extract_events
from .lexicon import DATA_DIR
from .sources import DEFAULT_MAX_BYTES, FORMATS, Article, read_article

DEFAULT_DB = DATA_DIR / "events.db"
SAMPLE_DIR = DATA_DIR / "articles"
DB_ENV = "COMPUTE_LEDGER_DB"
SAMPLES_ENV = "COMPUTE_LEDGER_SAMPLES"
BUSY_TIMEOUT_SECONDS = 30

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
]
SCHEMA_VERSION = len(MIGRATIONS)


def default_db_path() -> Path:
    """Where the store lives: $COMPUTE_LEDGER_DB, else data/events.db."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (and create or migrate) the store at `path`."""
    path = Path(path) if path else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file's schema up to `SCHEMA_VERSION`, one migration at a time."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"the store was written by a newer version (schema {version}, this code knows {SCHEMA_VERSION})")
    for number in range(version, SCHEMA_VERSION):
        # statement by statement: executescript() would commit on its own; claims are
        # grouped once the last migration has made their tables
        with write(conn, claims=number + 1 == SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")


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


@contextmanager
def write(conn: sqlite3.Connection, claims: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or none of it. Claims follow what it
    changed before it commits (`claim_store.update_claims`), unless `claims` is False:
    then they wait, marked stale, for the next write or read that regroups them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        if claims:
            from .claim_store import update_claims  # claims build on the store
            update_claims(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- ingesting --------------------------------------------------------------------------------

ADDED, PRESENT, FAILED = "added", "present", "failed"


@dataclass(frozen=True)
class IngestResult:
    source: str
    status: str  # added | present | failed
    article_id: str | None = None
    events: int = 0
    error: str | None = None

    def describe(self) -> str:
        """One line for a person: what happened to this file."""
        if self.status == ADDED:
            return f"{self.source}: {self.events} event{'s' if self.events != 1 else ''} found"
        if self.status == PRESENT:
            return f"{self.source}: already in the store"
        return self.error or f"{self.source}: failed"


def fingerprint(article_id: str, event: Event) -> str:
    """A stable name for an extracted event within its article: its kind, its sentence and
    where its amount, count or model name starts. It does not depend on what the rules
    read there (organization, date, status), so a correction finds its event again after
    the rules change."""
    raw = f"{article_id}|{event.kind}|{event.start}|{event.end}|{event.trigger}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def store_article(conn: sqlite3.Connection, article: Article, events: list[Event] | None = None,
                  uploaded: bool = False, now: dt.datetime | None = None, claims: bool = True) -> IngestResult:
    """Store an article and its events in one transaction; nothing if it is already there.
    With `claims` False its claims are left for a later regroup (see `write`)."""
    if events is None:
        events = extract_events(article.text, article.published or dt.date.today())
    now = now or dt.datetime.now(dt.timezone.utc)
    with write(conn, claims=claims):
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            return IngestResult(article.source_name, PRESENT, article.id)
        conn.execute(
            "INSERT INTO articles (id, title, url, outlet, published, published_source, source_name, format,"
            " text, rules_version, ingested_at, uploaded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.url, article.outlet,
             article.published.isoformat() if article.published else None, article.published_source,
             article.source_name, article.format, article.text, RULES_VERSION,
             now.isoformat(timespec="seconds"), int(uploaded)),
        )
        insert_events(conn, article.id, events)
    return IngestResult(article.source_name, ADDED, article.id, len(events))


def insert_events(conn: sqlite3.Connection, article_id: str, events: list[Event]) -> None:
    """Insert extracted events (inside the caller's transaction); a claim read twice from
    the same words is stored once."""
    unique: dict[str, Event] = {}
    for event in events:
        unique.setdefault(fingerprint(article_id, event), event)
    events = list(unique.values())
    conn.executemany(
        "INSERT INTO events (article_id, fingerprint, kind, org, model, item, amount_low, amount_high,"
        " currency, amount_text, date, date_precision, status, speaker, evidence, span_start, span_end,"
        " rules_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, fingerprint(article_id, e), e.kind, e.org, e.model, e.item, e.amount_low, e.amount_high,
          e.currency, e.amount_text, e.date, e.date_precision, e.status, e.speaker, e.evidence, e.start, e.end,
          e.rules_version) for e in events],
    )


def find_article_files(paths: Iterable[Path | str]) -> list[Path]:
    """The files to ingest: files as given, and supported files inside folders (recursively)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
        else:
            found.append(path)
    return found


def ingest_files(conn: sqlite3.Connection, paths: Iterable[Path | str], published: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """Ingest files and folders; a file that fails is reported and the rest still go in.
    Each article goes in on its own; claims are regrouped once, at the end, and a large
    batch stores a snapshot of the event table for readers."""
    from .claim_store import refresh_claims  # claims and readers' tables build on the store
    from .event_table import refresh_snapshot
    files = find_article_files(paths)
    results = []
    for number, path in enumerate(files, start=1):
        try:
            article = read_article(path, published=published, max_bytes=max_bytes)
            result = store_article(conn, article, claims=False)
        except ArticleError as error:
            result = IngestResult(path.name, FAILED, error=str(error))
        results.append(result)
        if progress:
            progress(number, len(files), result)
    refresh_claims(conn)
    refresh_snapshot(conn)
    return results


def ensure_samples(conn: sqlite3.Connection, sample_dir: Path | None = None,
                   progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """On a new store, ingest the sample articles ($COMPUTE_LEDGER_SAMPLES, else data/articles)."""
    if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        return []
    sample_dir = sample_dir or Path(os.environ.get(SAMPLES_ENV) or SAMPLE_DIR)
    return ingest_files(conn, [sample_dir], progress=progress)


def delete_article(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove an article and its events; True if it was there."""
    with write(conn):
        cursor = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return cursor.rowcount > 0


# --- reading -----------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "e.id, e.article_id, e.fingerprint, e.kind, e.org, e.model, e.item, e.amount_low, e.amount_high, e.currency,"
    " e.amount_text, e.date, e.date_precision, e.status, e.speaker, e.evidence, e.span_start, e.span_end,"
    " e.rules_version, a.title AS article_title, a.source_name, a.url, a.outlet, a.published,"
    " a.published_source, a.uploaded"
)
EVENTS_QUERY = f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date, e.id"


def load_events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every event with its article's title, source and publication date."""
    return conn.execute(EVENTS_QUERY).fetchall()


def load_articles(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every article without its text, newest first."""
    return conn.execute(
        "SELECT a.id, a.title, a.url, a.outlet, a.published, a.published_source, a.source_name, a.format,"
        " a.ingested_at, a.uploaded, a.rules_version, COUNT(e.id) AS events FROM articles a"
        " LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id ORDER BY a.published DESC, a.title"
    ).fetchall()


def load_article(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()


@dataclass
class ReextractReport:
    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    orphaned_corrections: int = 0

    def describe(self) -> str:
        return (f"{self.articles} articles re-read with rules {RULES_VERSION}: {self.events_before} events before, "
                f"{self.events_after} after ({self.added} new, {self.removed} gone, {self.changed} changed); "
                f"{self.orphaned_corrections} corrections no longer match an event and are kept in the log")


COMPARED_FIELDS = ("kind", "org", "model", "item", "amount_low", "amount_high", "currency", "date",
                   "date_precision", "status")


def stale_articles(conn: sqlite3.Connection) -> int:
    """How many stored articles were read with rules other than the current ones."""
    return conn.execute("SELECT COUNT(*) FROM articles WHERE rules_version != ?", (RULES_VERSION,)).fetchone()[0]


def reextract(conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None,
              stale_only: bool = False) -> ReextractReport:
    """Run the current rules over every stored article (or only those read with other
    rules) and replace its extracted events, one article per transaction. Corrections live
    apart and apply again afterwards; claims are regrouped once, at the end."""
    report = ReextractReport()
    where = " WHERE rules_version != ?" if stale_only else ""
    ids = [r["id"] for r in conn.execute(f"SELECT id FROM articles{where} ORDER BY id", (RULES_VERSION,) if stale_only else ())]
    for number, article_id in enumerate(ids, start=1):
        article = conn.execute("SELECT text, published FROM articles WHERE id = ?", (article_id,)).fetchone()
        published = dt.date.fromisoformat(article["published"]) if article["published"] else dt.date.today()
        new_events = extract_events(article["text"], published)
        with write(conn, claims=False):
            old = {r["fingerprint"]: r for r in conn.execute("SELECT * FROM events WHERE article_id = ?", (article_id,))}
            conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            insert_events(conn, article_id, new_events)
            conn.execute("UPDATE articles SET rules_version = ? WHERE id = ?", (RULES_VERSION, article_id))
            new = {r["fingerprint"]: r for r in conn.execute("SELECT * FROM events WHERE article_id = ?", (article_id,))}
        report.articles += 1
        report.events_before += len(old)
        report.events_after += len(new)
        report.added += len(new.keys() - old.keys())
        report.removed += len(old.keys() - new.keys())
        report.changed += sum(any(old[f][c] != new[f][c] for c in COMPARED_FIELDS) for f in old.keys() & new.keys())
        if progress:
            progress(number, len(ids))
    from .claim_store import refresh_claims  # claims, review and readers' tables build on the store
    from .event_table import refresh_snapshot
    from .review import orphaned_corrections
    refresh_claims(conn)
    refresh_snapshot(conn)
    report.orphaned_corrections = orphaned_corrections(conn)
    return report


def signature(conn: sqlite3.Connection) -> tuple:
    """Changes whenever articles, events or corrections change: a cache key for readers.
    The file's name and the number of changes marked for claims so far (see `claim_store`)."""
    return tuple(conn.execute(
        "SELECT name, (SELECT seq FROM sqlite_sequence WHERE name = 'claims_stale') FROM store_version").fetchone())


def count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        "articles": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
    }
