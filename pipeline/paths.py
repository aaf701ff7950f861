"""Where the project's files live: the reference tables and sample articles under `data/`,
the store and the uploads kept next to it. Constants only."""
from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SAMPLE_DIR = DATA_DIR / "articles"
DEFAULT_DB = DATA_DIR / "events.db"
DB_ENV = "COMPUTE_LEDGER_DB"            # another store, for the CLI and the dashboard
SAMPLES_ENV = "COMPUTE_LEDGER_SAMPLES"  # other sample articles for a new store


def default_db_path() -> Path:
    """Where the store lives: $COMPUTE_LEDGER_DB, else data/events.db."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def default_sample_dir() -> Path:
    """The articles a new store is built from: $COMPUTE_LEDGER_SAMPLES, else data/articles."""
    return Path(os.environ.get(SAMPLES_ENV) or SAMPLE_DIR)


def upload_dir(db_path: Path) -> Path:
    """Where uploads are kept: an `uploads/` folder next to the store."""
    return Path(db_path).parent / "uploads"
