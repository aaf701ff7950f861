"""A new store's first build from the sample articles, in a thread of its own.

The dashboard builds the store on its first run. Run in the page's own script, the build
stopped wherever the visitor reloaded or closed the tab, and a store with some articles is
never built again: it stayed half-built. Here the build runs to its end whoever watches
it, and every page that opens meanwhile watches the same build.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .connection import connect
from .ingest import IngestResult, ensure_samples

_BUILDS: dict[str, "SampleBuild"] = {}  # store file: its build, while it runs in this process
_LOCK = threading.Lock()


@dataclass
class SampleBuild:
    """How far a store's first build has gone: articles read of all, the last one's line,
    and, once it has ended, every article's result or the error that stopped it."""
    path: str
    read: int = 0
    total: int = 0
    line: str = ""
    results: list[IngestResult] = field(default_factory=list)
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    @property
    def fraction(self) -> float:
        return self.read / self.total if self.total else 0.0

    def _run(self) -> None:
        try:
            conn = connect(self.path)
            try:
                self.results = ensure_samples(conn, progress=self._progress)
            finally:
                conn.close()
        except Exception as error:  # noqa: BLE001  (shown to the watcher in one line)
            self.error = f"the store could not be built from the samples: {error}"
        finally:
            with _LOCK:
                _BUILDS.pop(self.path, None)
            self.finished.set()

    def _progress(self, read: int, total: int, result: IngestResult) -> None:
        self.read, self.total, self.line = read, total, result.describe()


def sample_build(path: Path | str) -> SampleBuild | None:
    """The first build of the store at `path`: the one running, else a new one started
    when the store holds no article yet; None when there is nothing to build."""
    key = str(path)
    with _LOCK:
        running = _BUILDS.get(key)
        if running is not None:
            return running
        conn = connect(key)
        try:
            if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
                return None
        finally:
            conn.close()
        build = _BUILDS[key] = SampleBuild(key)
    threading.Thread(target=build._run, name=f"sample build of {key}", daemon=True).start()
    return build
