"""Putting articles into the store and taking them out: ingesting files (each article in
one transaction, whole or not at all), removing an article, and reading stored articles
again with the current rules. An article's id is a hash of its text, so ingesting the
same article twice adds nothing."""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import ArticleError
from ..extraction import RULES_VERSION, Event, Reference, extract_events
from ..extraction.record import VALUE_FIELDS, amount_problem, date_problem
from ..paths import default_sample_dir
from ..readers.article import DEFAULT_MAX_BYTES, FORMATS, Article, read_article
from ..readers.reference_tables import shipped_reference
from .corrections import orphaned_corrections
from .transaction import batch, write

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
                  uploaded: bool = False, now: dt.datetime | None = None,
                  reference: Reference | None = None, stored_file: str | None = None) -> IngestResult:
    """Store an article and its events (extracted here unless given) in one transaction;
    nothing if it is already there. `stored_file` names the copy an upload was kept as."""
    if events is None:
        events = extract_events(article.text, article.published or dt.date.today(), reference or shipped_reference())
    now = now or dt.datetime.now(dt.timezone.utc)
    for event in events:
        problem = amount_problem(event.kind, event.amount_low, event.amount_high) or date_problem(event.date)
        if problem:
            raise ArticleError(article.source_name, f"gave an event that cannot be stored ({problem})")
    with write(conn):
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            return IngestResult(article.source_name, PRESENT, article.id)
        conn.execute(
            "INSERT INTO articles (id, title, url, outlet, published, published_source, source_name, format,"
            " text, rules_version, ingested_at, uploaded, stored_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.url, article.outlet,
             article.published.isoformat() if article.published else None, article.published_source,
             article.source_name, article.format, article.text, RULES_VERSION,
             now.isoformat(timespec="seconds"), int(uploaded), stored_file),
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
    columns = ("article_id", "fingerprint", *VALUE_FIELDS, "amount_text", "speaker", "evidence", "span_start", "span_end",
               "rules_version")
    conn.executemany(
        f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [(article_id, fingerprint(article_id, e), *(getattr(e, name) for name in VALUE_FIELDS), e.amount_text,
          e.speaker, e.evidence, e.start, e.end, e.rules_version) for e in events],
    )


def find_article_files(paths: Iterable[Path | str]) -> list[Path]:
    """The files to ingest: files as given, and files with a supported extension inside
    folders (recursively), including ones that cannot be read (a broken link, a pipe), so
    that each is reported rather than skipped without a word."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS and not p.is_dir())
        else:
            found.append(path)
    return found


def ingest_files(conn: sqlite3.Connection, paths: Iterable[Path | str], published: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """Ingest files and folders; a file that fails is reported and the rest still go in.
    Each article goes in on its own transaction, in one `batch`: claims and the snapshot
    are brought up to date once, at the end."""
    files = find_article_files(paths)
    reference = shipped_reference()
    results = []
    with batch(conn):
        for number, path in enumerate(files, start=1):
            try:
                article = read_article(path, published=published, max_bytes=max_bytes)
                result = store_article(conn, article, reference=reference)
            except ArticleError as error:
                result = IngestResult(path.name, FAILED, error=str(error))
            results.append(result)
            if progress:
                progress(number, len(files), result)
    return results


def ensure_samples(conn: sqlite3.Connection, sample_dir: Path | None = None,
                   progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """On a new store, ingest the sample articles ($COMPUTE_LEDGER_SAMPLES, else data/articles)."""
    if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        return []
    sample_dir = sample_dir or default_sample_dir()
    return ingest_files(conn, [sample_dir], progress=progress)


def delete_article(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove an article and its events; True if it was there."""
    with write(conn):
        cursor = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return cursor.rowcount > 0


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


def reextract(conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None,
              stale_only: bool = False) -> ReextractReport:
    """Run the current rules over every stored article (or only those read with other
    rules) and replace its extracted events, one article per transaction. Corrections live
    apart and apply again afterwards; claims are regrouped once, at the end."""
    report = ReextractReport()
    reference = shipped_reference()
    where = " WHERE rules_version != ?" if stale_only else ""
    ids = [r["id"] for r in conn.execute(f"SELECT id FROM articles{where} ORDER BY id", (RULES_VERSION,) if stale_only else ())]
    with batch(conn):
        for number, article_id in enumerate(ids, start=1):
            _reextract_article(conn, article_id, reference, report)
            if progress:
                progress(number, len(ids))
    report.orphaned_corrections = orphaned_corrections(conn)
    return report


def _reextract_article(conn: sqlite3.Connection, article_id: str, reference: Reference, report: ReextractReport) -> None:
    """Replace one article's extracted events with what the current rules read, and count the changes."""
    article = conn.execute("SELECT text, published FROM articles WHERE id = ?", (article_id,)).fetchone()
    published = dt.date.fromisoformat(article["published"]) if article["published"] else dt.date.today()
    new_events = extract_events(article["text"], published, reference)
    with write(conn):
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
    report.changed += sum(any(old[f][c] != new[f][c] for c in VALUE_FIELDS) for f in old.keys() & new.keys())
