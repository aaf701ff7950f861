"""The store: one SQLite file holding articles, their events, analysts' corrections and
what is derived from them (claims, a snapshot for readers).

- `connection`: opening a file, refusing what is not a store; `schema`: its migrations;
- `transaction`: the write transaction and its before-commit hooks;
- `claims` and `snapshot`: the hooks, kept current by every write;
- `ingest`, `uploads`, `corrections`: the writers; `queries`: small reads.
"""
from . import claims, snapshot  # noqa: F401  (the before-commit hooks, in the order they run)
