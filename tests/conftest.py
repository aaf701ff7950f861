"""Shared fixtures: the project on the path, a fresh store, the shipped reference tables."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.readers.reference_tables import shipped_reference  # noqa: E402
from pipeline.store.connection import connect  # noqa: E402


@pytest.fixture
def conn(tmp_path):
    """A new, empty store in a temporary folder."""
    connection = connect(tmp_path / "events.db")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def reference():
    """The reference tables shipped under data/."""
    return shipped_reference()
