"""Articles added from the dashboard: uploaded files and pasted text.

An upload is kept under `data/uploads/` by the hash of its content, never under the name
it came with, then read and stored like any other article, flagged as uploaded so it can
be removed again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

from ..errors import ArticleError
from ..paths import DEFAULT_DB, upload_dir as upload_dir_of
from ..readers.article import DEFAULT_MAX_BYTES, FORMATS, read_bytes
from ..readers.reference_tables import shipped_reference
from ..readers.sandbox import Budget, read_within_budget
from .ingest import ADDED, FAILED, IngestResult, delete_article, store_article

UPLOAD_DIR = upload_dir_of(DEFAULT_DB)


def saved_upload_path(data: bytes, name: str, upload_dir: Path = UPLOAD_DIR) -> Path:
    """Where an upload's bytes are kept: its content hash and its (checked) extension."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        suffix = ".bin"
    return upload_dir / (hashlib.sha256(data).hexdigest() + suffix)


def ingest_upload(conn: sqlite3.Connection, name: str, data: bytes, published: dt.date | None = None,
                  assumed: dt.date | None = None, url: str | None = None, upload_dir: Path = UPLOAD_DIR,
                  max_bytes: int = DEFAULT_MAX_BYTES, budget: Budget | None = None) -> IngestResult:
    """Read and store one uploaded file. When the file gives no date of its own, `published`
    (a date the user set) is used, else `assumed` (recorded as assumed). With a `budget`
    the file is read in a child process held to it (`readers.sandbox`). The file is kept
    only once its article is stored: a failed upload leaves nothing behind."""
    try:
        if budget is None:
            article, events = read_bytes(data, name, published=published, assumed=assumed, max_bytes=max_bytes), None
        else:
            article, events = read_within_budget(data, name, shipped_reference(), budget, published, assumed, max_bytes)
        if url and not article.url:
            article = replace(article, url=url.strip())
        path = saved_upload_path(data, name, upload_dir)
        result = store_article(conn, article, events=events, uploaded=True, stored_file=path.name)
    except ArticleError as error:
        return IngestResult(name, FAILED, error=str(error))
    if result.status == ADDED:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_bytes(data)
        except OSError:
            pass  # the article is stored; only the copy of its file is missing
    return result


def pasted_name(title: str) -> str:
    """A file name for pasted text: its headline as written (no path separators or control
    characters), else "pasted text"."""
    name = re.sub(r"[\\/\x00-\x1f\x7f]+", " ", title).strip()[:80].strip()
    return f"{name or 'pasted text'}.txt"


def ingest_pasted(conn: sqlite3.Connection, text: str, title: str, published: dt.date | None = None,
                  assumed: dt.date | None = None, url: str | None = None, upload_dir: Path = UPLOAD_DIR,
                  budget: Budget | None = None) -> IngestResult:
    """Store text pasted into the dashboard as a .txt article with its headline."""
    header = f"Title: {title.strip()}\n\n" if title.strip() else ""
    return ingest_upload(conn, pasted_name(title), (header + text).encode("utf-8"), published, assumed, url,
                         upload_dir, budget=budget)


def remove_upload(conn: sqlite3.Connection, article_id: str, upload_dir: Path = UPLOAD_DIR) -> bool:
    """Remove an article that came in through the dashboard (and only such an article),
    with the copy of its file."""
    row = conn.execute("SELECT uploaded, stored_file FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or not row["uploaded"]:
        return False
    removed = delete_article(conn, article_id)
    if removed and row["stored_file"]:
        others = conn.execute("SELECT 1 FROM articles WHERE stored_file = ?", (row["stored_file"],)).fetchone()
        if not others:
            (upload_dir / Path(row["stored_file"]).name).unlink(missing_ok=True)
    return removed
