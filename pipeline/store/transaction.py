"""The write transaction: all of it lands, or none of it.

Every write runs inside `BEGIN IMMEDIATE` and, just before it commits, the store's
before-commit hooks (`before_commit`): they keep what is derived from the data (claims,
the snapshot readers start from) current in the same transaction that changed the data,
so that reading never has to write. A `batch` of many writes (a bulk ingest) runs the
hooks once, at its end.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Callable, Iterator

Hook = Callable[[sqlite3.Connection], None]
_BEFORE_COMMIT: list[Hook] = []
_BATCHED: dict[int, int] = {}  # id of a connection in a batch: how deep


def before_commit(hook: Hook) -> Hook:
    """Run `hook(conn)` inside every write transaction, before it commits (hooks run in
    the order they were registered)."""
    _BEFORE_COMMIT.append(hook)
    return hook


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, with the before-commit hooks (unless inside a `batch`)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        if id(conn) not in _BATCHED:
            for hook in _BEFORE_COMMIT:
                hook(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def batch(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Many write transactions whose before-commit hooks run once, in a transaction of
    their own when the batch ends (also when it ends early: what did land is brought up
    to date). Readers meanwhile see derived tables as of the last hook run."""
    _BATCHED[id(conn)] = _BATCHED.get(id(conn), 0) + 1
    try:
        yield conn
    finally:
        _BATCHED[id(conn)] -= 1
        if not _BATCHED[id(conn)]:
            del _BATCHED[id(conn)]
            if not conn.in_transaction:
                with write(conn):
                    pass


@contextmanager
def read(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One consistent state of the store for every query inside; never writes."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
