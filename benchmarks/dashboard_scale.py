"""The dashboard with 100,000 events in the store: how long one run of the script takes
(the first run, later runs, a filter change, the run after one upload and after one
correction, and both done through the page) and how many rows the charts get.

    .venv/bin/python benchmarks/dashboard_scale.py [--events 100000]

Builds a store from the sample articles, then adds synthetic articles whose events are
copies of the real ones with other organizations, dates and amounts, until the store
holds the number asked for, then groups their claims and stores a snapshot of the event
table once, as a bulk ingest does at its end. Drives dashboard.py with Streamlit's
AppTest. Prints figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extraction import RULES_VERSION  # noqa: E402
from pipeline.paths import DB_ENV  # noqa: E402
from pipeline.store import corrections  # noqa: E402
from pipeline.store.connection import connect  # noqa: E402
from pipeline.store.corrections import EventKey  # noqa: E402
from pipeline.store.ingest import ensure_samples  # noqa: E402
from pipeline.store.queries import count_rows  # noqa: E402
from pipeline.store.transaction import batch as write_batch, write  # noqa: E402
from pipeline.store.uploads import ingest_upload  # noqa: E402

ORGS = ["OpenAI", "Microsoft", "Google", "Meta", "Amazon", "Anthropic", "xAI", "Nvidia", "Oracle", "SoftBank",
        "Apple", "Mistral AI", "DeepSeek", "CoreWeave", "Tesla", "Alibaba", "Tencent", "Baidu", "ByteDance", "IBM"]
UPLOAD = ROOT / "data" / "articles" / "2024-07-24-meta-llama-3-1.txt"  # seven events, about Meta


def build(path: Path, target: int, seed: int = 3) -> int:
    conn = connect(path)
    ensure_samples(conn)
    real = [dict(r) for r in conn.execute("SELECT * FROM events")]
    rng = random.Random(seed)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    count = len(real)
    with write_batch(conn):  # claims and the snapshot once, at the end, as a bulk ingest does
        count = _add_synthetic(conn, real, rng, now, count, target)
    return count_rows(conn)["events"]


def _add_synthetic(conn, real: list[dict], rng: random.Random, now: str, count: int, target: int) -> int:
    article = 0
    while count < target:
        batch = []
        with write(conn):
            for _ in range(1000):
                article += 1
                article_id = f"synthetic{article:08d}"
                published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 8 * 365))
                conn.execute(
                    "INSERT INTO articles (id, title, url, outlet, published, published_source, source_name, format, text,"
                    " rules_version, ingested_at, uploaded) VALUES (?, ?, NULL, NULL, ?, 'metadata', ?, 'txt', ?, ?, ?, 0)",
                    (article_id, f"Synthetic article {article}", published.isoformat(), f"synthetic-{article}.txt",
                     "Synthetic text for the scale benchmark.", RULES_VERSION, now))
                for n in range(rng.randrange(3, 8)):
                    event = dict(rng.choice(real))
                    scale = rng.choice([0.5, 0.8, 1, 1.2, 2, 3])
                    for key in ("amount_low", "amount_high"):
                        if event[key] is not None:
                            event[key] = round(event[key] * scale, 2)
                    day = published - dt.timedelta(days=rng.randrange(0, 200))
                    event.update(article_id=article_id, fingerprint=f"s{article}-{n}", org=rng.choice(ORGS),
                                 date=day.isoformat() if event["date"] else None)
                    batch.append(event)
            columns = [c for c in real[0] if c != "id"]
            conn.executemany(f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             [tuple(e[c] for c in columns) for e in batch])
        count += len(batch)
    return count


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.db"
        started = time.perf_counter()
        events = build(path, args.events)
        print(f"store: {events:,} events, built in {time.perf_counter() - started:.1f} s")
        os.environ[DB_ENV] = str(path)
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            app.run()
            runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        app.multiselect(key="f_orgs").set_value(["Meta", "Google"]).run()
        filtered = time.perf_counter() - started
        sizes = [sum(len(d.data.data) for d in c.proto.datasets) + len(c.proto.data.data) for c in app.get("vega_lite_chart")]
        tables = [len(d.value) for d in app.dataframe]
        claims = next(m.value for m in app.metric if m.label == "Claims in view")
        assert not app.exception, [e.message for e in app.exception]

        next(b for b in app.sidebar.button if b.label == "Reset filters").click().run()
        conn = connect(path)
        text = UPLOAD.read_bytes()
        started = time.perf_counter()
        result = ingest_upload(conn, "upload-1.txt", text + b"\n\nFirst copy.\n", dt.date.today(), upload_dir=path.parent)
        upload_write = time.perf_counter() - started
        assert result.events == 7, result
        after_upload = timed(app.run)
        target = conn.execute("SELECT article_id, fingerprint FROM events WHERE org = 'Meta' AND kind = 'investment'"
                              " ORDER BY id LIMIT 1").fetchone()
        started = time.perf_counter()
        corrections.reject_event(conn, EventKey(*target), "Benchmark")
        correction_write = time.perf_counter() - started
        after_correction = timed(app.run)

        app.sidebar.file_uploader[0].set_value([("upload-2.txt", text + b"\n\nSecond copy.\n", "text/plain")]).run()
        page_upload = timed(next(b for b in app.sidebar.button if b.label == "Add to the store").click().run)
        assert any("7 events found" in m.value for m in app.sidebar.success), [m.value for m in app.sidebar.success]
        app.session_state["reviewer"] = "Benchmark"
        app.run()
        page_reject = timed(next(b for b in app.button if b.label == "Reject this event").click().run)
        assert any(m.value == "Event rejected" for m in app.success), [m.value for m in app.success]
        assert not app.exception, [e.message for e in app.exception]

        bare = Path(folder) / "no-snapshot.db"  # the same store without its snapshot, in a new cache
        conn.execute("VACUUM INTO ?", (str(bare),))
        connect(bare).execute("DELETE FROM event_snapshot")  # outside a write transaction: no hook stores a new one
        os.environ[DB_ENV] = str(bare)
        cold = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        without_snapshot = timed(cold.run)
        assert not cold.exception, [e.message for e in cold.exception]
    print(f"first run (loads the event table's snapshot, reads claims): {first:.2f} s;"
          f" on a store without a snapshot (reads every event): {without_snapshot:.2f} s")
    print(f"later runs: {', '.join(f'{r:.2f}' for r in runs)} s; a filter change: {filtered:.2f} s")
    print(f"the run after one upload (an article with 7 events; the upload itself took {upload_write:.2f} s):"
          f" {after_upload:.2f} s")
    print(f"the run after one correction (an event rejected; the correction itself took {correction_write:.2f} s):"
          f" {after_correction:.2f} s")
    print(f"through the page, click to page updated: Add to the store {page_upload:.2f} s (the upload, then a run);"
          f" Reject this event {page_reject:.2f} s (a run up to the button, the correction, then a run)")
    print(f"after the filter ({claims} claims in view): chart data sent {', '.join(f'{b / 1024:.0f} KB' for b in sizes)};"
          f" table rows sent {tables}")


if __name__ == "__main__":
    main()
