"""Shared fixtures: the project on the path, a fresh store, the shipped reference tables,
and the command line run in this process."""
import contextlib
import io
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# Randomized oracle tests run one seed each for a quick run and all their seeds when
# LEDGER_THOROUGH=1 (as scripts/test sets it), as Hypothesis profiles do for examples.
THOROUGH = os.environ.get("LEDGER_THOROUGH") == "1"


def seeds(thorough: int) -> range:
    """The seeds a randomized test runs: `thorough` of them in a thorough run, else one."""
    return range(thorough if THOROUGH else 1)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.cli import main  # noqa: E402
from pipeline.readers.reference_tables import shipped_reference  # noqa: E402
from pipeline.store.connection import connect  # noqa: E402
from pipeline.store.ingest import ingest_files  # noqa: E402


@pytest.fixture
def conn(tmp_path):
    """A new, empty store in a temporary folder."""
    connection = connect(tmp_path / "events.db")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory) -> Path:
    """A store of the shipped sample articles and the test samples, built once per test
    process (reading them takes a second or two); tests take a copy (`samples_conn`)."""
    path = tmp_path_factory.mktemp("samples") / "events.db"
    connection = connect(path)
    ingest_files(connection, [ROOT / "data" / "articles", FIXTURES / "samples"])
    connection.close()  # the last connection to close folds the write-ahead log into the file
    return path


@pytest.fixture
def samples_conn(tmp_path, samples_store):
    """A copy of `samples_store` of the test's own."""
    shutil.copy(samples_store, tmp_path / "events.db")
    connection = connect(tmp_path / "events.db")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def reference():
    """The reference tables shipped under data/."""
    return shipped_reference()


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """`python -m pipeline ARGS` run in this process (a subprocess costs a second of imports):
    its exit status and what it wrote. An exception that escapes is the test's failure, as a
    traceback on stderr would be the user's. `test_cli.py` runs the real entry point too."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's usage errors and --help
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
    return CliResult(code, out.getvalue(), err.getvalue())
