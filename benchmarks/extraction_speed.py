"""Extraction speed: 1,000 news articles of about 5 KB, against dateparser.search_dates
run over the same texts in the same run (the baseline the issue names), then the same for
articles dense with figures (every paragraph with an amount or a count).

    .venv/bin/python benchmarks/extraction_speed.py [--articles 1000] [--baseline-sample 1000]

The articles are the shipped samples and test fixtures, cut or joined to about 5 KB and
each given its own publication date, so no two inputs are the same. Prints its figures;
asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateparser.search import search_dates  # noqa: E402

from pipeline.extraction import extract_events  # noqa: E402
from pipeline.extraction.amounts import find_counts, find_money  # noqa: E402
from pipeline.readers.article import read_article  # noqa: E402
from pipeline.readers.reference_tables import shipped_reference  # noqa: E402

TARGET_BYTES = 5_000


def corpus_texts() -> list[str]:
    texts = []
    for folder in (ROOT / "data" / "articles", ROOT / "tests" / "corpus", ROOT / "tests" / "fixtures" / "samples"):
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".md", ".html", ".pdf"):
                texts.append(read_article(path, published=dt.date(2025, 1, 1)).text)
    return texts


def five_kb_articles(count: int, seed: int = 7, dense: bool = False) -> list[tuple[str, dt.date]]:
    """`count` distinct ~5 KB articles: paragraphs drawn from the samples, shuffled; with
    `dense`, only paragraphs that hold an amount of money or a count."""
    rng = random.Random(seed)
    paragraphs = [p for text in corpus_texts() for p in text.split("\n") if len(p) > 80]
    if dense:
        paragraphs = [p for p in paragraphs if find_money(p) or find_counts(p)]
    articles = []
    for _ in range(count):
        parts, size = [], 0
        while size < TARGET_BYTES:
            paragraph = rng.choice(paragraphs)
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 8 * 365))
        articles.append(("\n\n".join(parts), published))
    return articles


def measure(name: str, articles: list[tuple[str, dt.date]], baseline_sample: int, reference) -> None:
    """Time `extract_events` over the articles and dateparser over a sample of them; print both."""
    size = sum(len(text.encode("utf-8")) for text, _ in articles) / len(articles)
    started = time.perf_counter()
    events = sum(len(extract_events(text, published, reference)) for text, published in articles)
    ours = time.perf_counter() - started
    sample = articles[:baseline_sample]
    started = time.perf_counter()
    for text, published in sample:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(published.year, published.month, published.day)})
    baseline = (time.perf_counter() - started) / len(sample) * len(articles)
    print(f"{name}: {len(articles)} of {size / 1000:.1f} KB on average, one core")
    print(f"  extract_events: {ours:.2f} s, {len(articles) / ours:.0f} articles/s, {ours / len(articles) * 1000:.2f} ms/article, {events} events")
    print(f"  dateparser.search_dates (languages=['en']) on {len(sample)} of them: {baseline:.2f} s for {len(articles)}"
          f" ({baseline / len(articles) * 1000:.1f} ms/article)")
    print(f"  speed-up over the baseline: {baseline / ours:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--baseline-sample", type=int, default=1000,
                        help="how many of the articles to run the (slow) dateparser baseline on")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    reference = shipped_reference()  # the tables are read once, as a running service would
    measure("news articles", five_kb_articles(args.articles), args.baseline_sample, reference)
    measure("articles dense with figures", five_kb_articles(args.articles, seed=8, dense=True), args.baseline_sample,
            reference)

if __name__ == "__main__":
    main()
