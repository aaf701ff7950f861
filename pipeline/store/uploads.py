"""Articles added from the dashboard: uploaded files and pasted text.

An upload is kept under `data/uploads/` by the hash of its content, never under the name
it came with, then read and stored like any other article, flagged as uploaded so it can
be removed again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

from ..errors import ArticleError
from ..paths import DEFAULT_DB, upload_dir as upload_dir_of
from ..readers.article import DEFAULT_MAX_BYTES, FORMATS, read_bytes
from .ingest import FAILED, IngestResult, delete_article, store_article

UPLOAD_DIR = upload_dir_of(DEFAULT_DB)


def saved_upload_path(data: bytes, name: str, upload_dir: Path = UPLOAD_DIR) -> Path:
    """Where an upload's bytes are kept: its content hash and its (checked) extension."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        suffix = ".bin"
    return upload_dir / (hashlib.sha256(data).hexdigest() + suffix)


def ingest_upload(conn: sqlite3.Connection, name: str, data: bytes, published: dt.date,
                  url: str | None = None, upload_dir: Path = UPLOAD_DIR,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Read and store one uploaded file; `published` is used when the file gives no date."""
    try:
        article = read_bytes(data, name, published=published, max_bytes=max_bytes)
    except ArticleError as error:
        return IngestResult(name, FAILED, error=str(error))
    if url and not article.url:
        article = replace(article, url=url.strip())
    path = saved_upload_path(data, name, upload_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(data)
    return store_article(conn, article, uploaded=True)


def ingest_pasted(conn: sqlite3.Connection, text: str, title: str, published: dt.date,
                  url: str | None = None, upload_dir: Path = UPLOAD_DIR) -> IngestResult:
    """Store text pasted into the dashboard as a .txt article."""
    name = "".join(ch if ch.isalnum() or ch in " -_," else " " for ch in (title.strip() or "pasted text"))[:80].strip()
    header = f"Title: {title.strip()}\n\n" if title.strip() else ""
    return ingest_upload(conn, f"{name}.txt", (header + text).encode("utf-8"), published, url, upload_dir)


def remove_upload(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove an article that came in through the dashboard (and only such an article)."""
    row = conn.execute("SELECT uploaded FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or not row["uploaded"]:
        return False
    return delete_article(conn, article_id)

