"""Hostile text: 100 KB of one token repeated, for each token that once made a reader slow
and each kind of text news is made of, through the whole extraction (`extract_events`).
Prints the slowest tokens against the target (under 1 s each, the best of three runs) and,
beside them, how long 5 KB of ordinary news takes in the same run (the baseline: this
machine's speed drifts).

    .venv/bin/python benchmarks/repeated_tokens.py [--size 100000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_speed import five_kb_articles  # noqa: E402
from pipeline.extraction import extract_events  # noqa: E402
from pipeline.readers.reference_tables import shipped_reference  # noqa: E402

TARGET_SECONDS = 1.0
PUBLISHED = dt.date(2025, 1, 1)
TOKENS = [".", "!", "?", " ", "\n", "\n\n", "a\n", "-", ",", "$", "9", "(", '"', "é", "—", "€", "¥1", "GPT-4 ",
          "GPT-4, GPT-4 and ", "10,000 H100 chips, ", "Nvidia sold 10,000 H100 chips, ", "$5 billion ", "$5bn-",
          "Q3 2024 ", "in April ", "on Tuesday ", "by year's end ", "fiscal 2025 ", "Meta ", "Meta said ",
          "Microsoft said ", "Llama 3.1 ", "hundreds of millions ", "Inc. ", "U.S. ", "Mr. ", "A-B-C-", "<meta ",
          "Scout, Maverick and ", "Microsoft spent $5 million. ", "Meta will spend $5 billion that month. ",
          "Meta will spend $5 billion on chips ", "Abcdefghijklmnop ", "1.", "a.a.", "a-\n", "x" + " " * 50 + "\n",
          "The Paris-based start-up ", "its newest model, ", "the ChatGPT maker ", "up from $72 billion ",
          "GPT-" + "9" * 30 + "zz ", "Meta will release a model with the " + "A" * 30 + "x. "]


def seconds(text: str, reference, runs: int = 3) -> float:
    """The best of `runs` extractions of `text`: the machine's own noise (other processes,
    frequency changes) only ever adds time."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        extract_events(text, PUBLISHED, reference)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters of each repeated text")
    args = parser.parse_args()
    reference = shipped_reference()
    news = [text for text, _ in five_kb_articles(20, seed=3)]
    baseline_before = min(seconds(text, reference) for text in news)
    timings = sorted(((seconds((token * (args.size // len(token) + 1))[:args.size], reference), token)
                      for token in TOKENS), reverse=True)
    baseline_after = min(seconds(text, reference) for text in news)
    baseline = (baseline_before + baseline_after) / 2
    print(f"baseline: 5 KB of ordinary news extracts in {baseline * 1000:.1f} ms "
          f"({baseline_before * 1000:.1f} ms before the tokens, {baseline_after * 1000:.1f} ms after)")
    slowest, token = timings[0]
    verdict = "met" if slowest < TARGET_SECONDS else "NOT met"
    print(f"{len(TOKENS)} tokens repeated to {args.size:,} characters: slowest {slowest:.2f} s (best of 3) "
          f"({slowest / baseline:.0f}x the 5 KB baseline) for {token!r}; target < {TARGET_SECONDS:.0f} s: {verdict}")
    for took, token in timings[:8]:
        print(f"  {took:6.2f} s  {took / baseline:6.0f}x  {token!r:.50}")


if __name__ == "__main__":
    main()
