"""Ingesting 10,000 articles into a new store: time and peak memory of the ingest process.

    .venv/bin/python benchmarks/ingest_memory.py [--articles 10000]

Writes ~5 KB .txt articles (built as in extraction_speed.py, each with its own
publication date) to a temporary folder, then runs `python -m pipeline ingest` on it in a
child process and reads the child's peak resident memory. Prints its figures.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_speed import five_kb_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        articles = folder / "articles"
        articles.mkdir()
        for number, (text, published) in enumerate(five_kb_articles(args.articles, seed=11)):
            (articles / f"{number:05d}.txt").write_text(f"Published: {published}\n\n{text}", encoding="utf-8")
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(articles), "--db", str(folder / "events.db"), "--quiet"],
                                cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = (folder / "events.db").stat().st_size / 1024 / 1024
    print(f"ingest of {args.articles:,} articles: {result.stdout.strip()} (exit {result.returncode})")
    print(f"time {took:.1f} s ({args.articles / took:.0f} articles/s), peak memory of the ingest process {peak_mb:.0f} MB, store {size_mb:.0f} MB")


if __name__ == "__main__":
    main()
