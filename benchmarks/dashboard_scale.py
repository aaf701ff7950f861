"""The dashboard with 100,000 events in the store: how long a run of each page takes (the
first run of a new process, a rerun with nothing changed, a filter change, a time
selection) and how long from a click to the page updated after a review action and after
an upload, against the targets of issue #11; and how many rows the charts and tables get.

    .venv/bin/python benchmarks/dashboard_scale.py [--events 100000] [--store FILE] [--baseline DIR]

Builds a store from the sample articles, then adds synthetic articles whose events are
copies of the real ones with other organizations, dates and amounts, until the store
holds the number asked for, then groups their claims and stores a snapshot of the event
table once, as a bulk ingest does at its end (`--store FILE` keeps that store and reuses
it on later runs; each run works on a copy). Drives dashboard.py with Streamlit's AppTest,
each measure `REPEATS` times, and prints the median and the range.

AppTest always runs the whole script: a click inside a fragment (the review forms, the
upload form) reruns only that fragment in a browser, so the click figures here are upper
bounds.

This machine's speed drifts (other work shares its two cores), so the run also times a
fixed piece of work (`calibrate`) and, with `--baseline DIR` (a checkout of an earlier
commit, e.g. from `git archive`), measures that version's dashboard on the same store in
the same conditions: ratios between the two hold where absolute figures drift.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `--measure APP_DIR STORE` (the child process `measure_in_child` starts) imports the
# pipeline of the version measured, never this one's.
APP = Path(sys.argv[sys.argv.index("--measure") + 1]).resolve() if "--measure" in sys.argv else ROOT
sys.path.insert(0, str(APP))

from pipeline.extraction import RULES_VERSION  # noqa: E402
from pipeline.paths import DB_ENV  # noqa: E402
from pipeline.store.connection import connect  # noqa: E402
from pipeline.store.ingest import ensure_samples  # noqa: E402
from pipeline.store.queries import count_rows  # noqa: E402
from pipeline.store.transaction import batch as write_batch, write  # noqa: E402

ORGS = ["OpenAI", "Microsoft", "Google", "Meta", "Amazon", "Anthropic", "xAI", "Nvidia", "Oracle", "SoftBank",
        "Apple", "Mistral AI", "DeepSeek", "CoreWeave", "Tesla", "Alibaba", "Tencent", "Baidu", "ByteDance", "IBM"]
UPLOAD = ROOT / "data" / "articles" / "2024-07-24-meta-llama-3-1.txt"  # seven events, about Meta
REPEATS = 5
TARGETS = {"first run of a new process": 2.0, "rerun, nothing changed": 0.3, "filter change": 0.5, "time selection": 0.5,
           "review action, click to page updated": 1.0, "upload, click to page updated": 1.0}


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


def calibrate(repeats: int = 5) -> float:
    """Seconds a fixed piece of Python and pandas work takes (the best of `repeats`): this
    machine's speed right now, for comparing runs made at different times."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"k": rng.integers(0, 500, 200_000), "v": rng.random(200_000)})
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        frame.groupby("k")["v"].sum()
        frame.sort_values("v")
        sum(i * i for i in range(1_000_000))
        best = min(best, time.perf_counter() - started)
    return best


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def page_path(app_dir: Path, name: str) -> str | None:
    """The page's script, or None for a single-page dashboard (an earlier version)."""
    path = app_dir / "dashboard_pages" / f"{name}.py"
    return str(path.relative_to(app_dir)) if path.exists() else None


def measure(app_dir: Path, store: Path) -> dict:
    """Every figure, for the dashboard in `app_dir` over a copy of `store` (this process)."""
    from streamlit.testing.v1 import AppTest

    os.environ[DB_ENV] = str(store)
    figures: dict[str, list[float]] = {}

    def new_app() -> AppTest:
        return AppTest.from_file(str(app_dir / "dashboard.py"), default_timeout=600)

    def go(app: AppTest, name: str) -> AppTest:
        page = page_path(app_dir, name)
        return app.switch_page(page) if page else app

    app = new_app()
    figures["first run of a new process"] = [timed(app.run)]
    assert not app.exception, [e.message for e in app.exception]
    for name in ("timeline", "totals", "evidence", "claims", "review"):
        go(app, name).run()  # each page's first run, then reruns with nothing changed
        figures[f"rerun, nothing changed ({name})"] = [timed(app.run) for _ in range(REPEATS)]
    figures["rerun, nothing changed"] = figures["rerun, nothing changed (timeline)"]
    go(app, "timeline").run()
    changes = []
    for n in range(REPEATS):
        changes.append(timed(app.multiselect(key="f_orgs").set_value([ORGS[n], ORGS[n + 5]]).run))
        app.multiselect(key="f_orgs").set_value([]).run()
    figures["filter change"] = changes
    sizes = [sum(len(d.data.data) for d in c.proto.datasets) + len(c.proto.data.data) for c in app.get("vega_lite_chart")]
    if page_path(app_dir, "timeline"):  # a period brushed on the strip (the callback sets this state)
        selections = []
        for n in range(REPEATS):
            app.session_state["f_period"] = (dt.date(2020 + n, 1, 1), dt.date(2020 + n, 6, 30))
            selections.append(timed(app.run))
        figures["time selection"] = selections
        app.session_state["f_period"] = None
        app.run()
    go(app, "evidence").run()
    rows = [len(d.value) for d in app.dataframe]
    assert not app.exception, [e.message for e in app.exception]

    app.session_state["reviewer"] = "Benchmark"
    go(app, "review").run()
    rejects = []
    latest = [row[0] for row in connect(store).execute(  # among the most recent the picker offers
        "SELECT id FROM events WHERE date IS NOT NULL ORDER BY date DESC, id LIMIT ?", (REPEATS,))]
    for event_id in latest:
        app.selectbox(key="review_event").set_value(event_id).run()
        button = next(b for b in app.button if b.label == "Reject this event")
        rejects.append(timed(button.click().run))
        assert any(m.value == "Event rejected" for m in app.success), [m.value for m in app.success]
    figures["review action, click to page updated"] = rejects
    text = UPLOAD.read_bytes()
    uploads = []
    for n in range(REPEATS):
        app.sidebar.file_uploader[0].set_value([(f"upload-{n}.txt", text + f"\n\nCopy {n}.\n".encode(), "text/plain")]).run()
        uploads.append(timed(next(b for b in app.sidebar.button if b.label == "Add to the store").click().run))
        assert any("7 events found" in m.value for m in app.sidebar.success), [m.value for m in app.sidebar.success]
    figures["upload, click to page updated"] = uploads
    assert not app.exception, [e.message for e in app.exception]
    return {"figures": figures, "chart_bytes": sizes, "table_rows": rows}


def measure_in_child(app_dir: Path, store: Path) -> dict:
    """`measure` in a new process (its first run is then a new process's, and an earlier
    version's modules never mix with these)."""
    result = subprocess.run([sys.executable, __file__, "--measure", str(app_dir), str(store)], cwd=app_dir,
                            capture_output=True, text=True)
    line = next((l for l in result.stdout.splitlines() if l.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"the measurement in {app_dir} failed:\n{result.stderr[-3000:]}")
    return json.loads(line[len("RESULT"):])


def describe(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f} s"
    return f"{statistics.median(values):.2f} s (median; {min(values):.2f}-{max(values):.2f})"


def main() -> None:
    if "--measure" in sys.argv:
        at = sys.argv.index("--measure")
        print("RESULT" + json.dumps(measure(Path(sys.argv[at + 1]), Path(sys.argv[at + 2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="keep the built store here and reuse it on later runs")
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier version to measure the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        built = args.store or Path(folder) / "built.db"
        if not built.exists():
            started = time.perf_counter()
            events = build(built, args.events)
            print(f"store: {events:,} events, built in {time.perf_counter() - started:.1f} s")
        else:
            print(f"store: {count_rows(connect(built, create=False))['events']:,} events, reused from {built}")
        speed = calibrate()
        copy = Path(folder) / "run" / "events.db"
        copy.parent.mkdir()
        shutil.copy(built, copy)
        result = measure_in_child(ROOT, copy)
        baseline = None
        if args.baseline:
            shutil.copy(built, copy)
            shutil.rmtree(copy.parent / "uploads", ignore_errors=True)
            baseline = measure_in_child(args.baseline.resolve(), copy)
        speed_after = calibrate()
    load = os.getloadavg()[0]
    print(f"machine speed: a fixed piece of work took {speed:.3f} s before the measures and {speed_after:.3f} s after"
          f" (best of five; load average {load:.1f} on {os.cpu_count()} cores)")
    for name, values in result["figures"].items():
        target = TARGETS.get(name)
        verdict = "" if target is None else f"   target <= {target:.1f} s: {'met' if statistics.median(values) <= target else 'NOT met'}"
        before = ""
        if baseline and name in baseline["figures"]:
            old = statistics.median(baseline["figures"][name])
            before = f"   before: {describe(baseline['figures'][name])}, {old / statistics.median(values):.1f}x"
        print(f"{name}: {describe(values)}{verdict}{before}")
    print(f"chart data sent on the timeline: {', '.join(f'{b / 1024:.0f} KB' for b in result['chart_bytes'])};"
          f" table rows sent on the evidence page: {result['table_rows']}")


if __name__ == "__main__":
    main()
