"""Opening the store: one SQLite file (by default `data/events.db`).

WAL mode, a busy timeout and foreign keys, so the dashboard can read while a CLI ingest
writes. A file is opened only when it is this project's store (or a new, empty file): a
SQLite file another application made is refused, never migrated. Every problem is a
`StoreError` naming the path and what is wrong, in one line.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from ..errors import StoreError
from ..paths import default_db_path
from .schema import APPLICATION_ID, SCHEMA_VERSION, migrate

BUSY_TIMEOUT_SECONDS = 30
OUR_TABLES = {"articles", "events"}  # what a store made before it was marked as ours has


def connect(path: Path | str | None = None, create: bool = True) -> sqlite3.Connection:
    """Open the store at `path` (default: $COMPUTE_LEDGER_DB, else data/events.db),
    creating it when `create` and it does not exist, and migrating an older one."""
    if path is not None and not str(path).strip():
        raise StoreError("", "no store path given")
    path = Path(path) if path is not None else default_db_path()
    _check_path(path, create)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        _check_ours(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(path, _plain_problem(error)) from None
    return conn


def _check_path(path: Path, create: bool) -> None:
    """Refuse what cannot be a store file before SQLite touches it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not create:
            raise StoreError(path, "no store here (build one with `python -m pipeline ingest`)") from None
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(path, f"cannot create its folder ({error.strerror or error})") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(path, "its folder is not writable")
        return
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(path, "is a folder, not a store file")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(path, "is not a regular file (a device, a pipe or a socket)")
    if not os.access(path, os.R_OK):
        raise StoreError(path, "is not readable")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(path, "is read-only (the store and its folder must be writable)")


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse another application's database, and a store a newer version wrote."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    ours = application_id == APPLICATION_ID or (
        application_id == 0 and (not tables and version == 0 or OUR_TABLES <= tables and 0 < version <= SCHEMA_VERSION))
    if not ours:
        raise StoreError(path, "is a SQLite database of another application, not a Compute Ledger store; "
                               "it was left unchanged")
    if version > SCHEMA_VERSION:
        raise StoreError(path, f"was written by a newer version of this project (schema {version}; "
                               f"this one knows {SCHEMA_VERSION})")


def _plain_problem(error: sqlite3.DatabaseError) -> str:
    """SQLite's message as a person reads it."""
    message = str(error)
    if "not a database" in message:
        return "is not a SQLite database (is it a text file or another kind of file?)"
    if "readonly" in message or "read-only" in message:
        return "is read-only (the store and its folder must be writable)"
    if "unable to open" in message:
        return "cannot be opened (check the folder exists and is writable)"
    if "locked" in message or "busy" in message:
        return "is locked by another program; try again in a moment"
    if "malformed" in message or "corrupt" in message:
        return "is damaged (SQLite reports a malformed database)"
    return f"cannot be used ({message})"
