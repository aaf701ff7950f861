"""Ingesting 10,000 articles into a new store: time and peak memory of the ingest process;
or, with --one-file-mb N, one article of N MB (the size limit is 20 MB).

    .venv/bin/python benchmarks/ingest_memory.py [--articles 10000]
    .venv/bin/python benchmarks/ingest_memory.py --one-file-mb 19.9

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


def ingest(articles: Path, db: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """`python -m pipeline ingest` in a child process: its result, seconds, peak memory in MB."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(articles), "--db", str(db), "--quiet"],
                            cwd=ROOT, capture_output=True, text=True)
    return result, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--one-file-mb", type=float, help="ingest one article of this many MB instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        articles = folder / "articles"
        articles.mkdir()
        if args.one_file_mb:
            parts, size = [], 0
            for text, _ in five_kb_articles(int(args.one_file_mb * 1e6 / 5000) + 1, seed=11):
                parts.append(text)
                size += len(text.encode("utf-8")) + 2
                if size > args.one_file_mb * 1e6 - 6000:
                    break
            (articles / "long.txt").write_text("Published: 2025-01-01\n\n" + "\n\n".join(parts), encoding="utf-8")
            result, took, peak_mb = ingest(articles, folder / "events.db")
            megabytes = (articles / "long.txt").stat().st_size / 1e6
            print(f"ingest of one {megabytes:.1f} MB article: {result.stdout.strip() or result.stderr.strip()} "
                  f"(exit {result.returncode})")
            print(f"time {took:.1f} s, peak memory of the ingest process {peak_mb:.0f} MB")
            return
        for number, (text, published) in enumerate(five_kb_articles(args.articles, seed=11)):
            (articles / f"{number:05d}.txt").write_text(f"Published: {published}\n\n{text}", encoding="utf-8")
        result, took, peak_mb = ingest(articles, folder / "events.db")
        size_mb = (folder / "events.db").stat().st_size / 1024 / 1024
    print(f"ingest of {args.articles:,} articles: {result.stdout.strip()} (exit {result.returncode})")
    print(f"time {took:.1f} s ({args.articles / took:.0f} articles/s), peak memory of the ingest process {peak_mb:.0f} MB, store {size_mb:.0f} MB")

if __name__ == "__main__":
    main()
