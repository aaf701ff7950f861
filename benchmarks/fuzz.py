"""A fuzz run of the command line: random bytes, random Unicode and random repeats of news
tokens, written as article files, through `python -m pipeline extract` and `ingest` into one
store, then `export`. Prints how many inputs of each kind went in, what each command made of
them, and how many tracebacks it wrote (the answer should be none).

    .venv/bin/python benchmarks/fuzz.py [--inputs 20000] [--seed 1]

Every input is a file of its own; a file the pipeline cannot read must be one line naming it
on stderr, and the rest of the batch must still go in.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = [".txt", ".md", ".html", ".pdf"]
WEIGHTS = [45, 35, 12, 8]   # HTML and PDF are read in a child process each: fewer of them
NEWS_TOKENS = ["Meta ", "said on Tuesday ", "$5 billion ", "$60 billion to $65 billion ", "hundreds of millions ",
               "10,000 Nvidia H100 GPUs ", "Llama 3.1 ", "GPT-4, ", "in April ", "by year's end ", "Q3 2024 ",
               "fiscal 2025 ", "capital expenditures ", "will spend ", "released ", "U.S. ", "Inc. ", "(", ")", '"',
               "—", "\n", ". ", "<p>", "</p>", "<meta ", "# ", "Published: 2025-01-0", "€", "¥", "1.", "%PDF-1.4 "]
UNICODE_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
                  (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x1F300, 0x1F6FF), (0x0, 0x1F),
                  (0x200B, 0x202E), (0xFFF0, 0xFFFD)]


def random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice([0, 1, 7, 100, 1000, 4096, 20000]))


def random_unicode(rng: random.Random) -> bytes:
    chars = []
    for _ in range(rng.randint(0, 3000)):
        low, high = rng.choice(UNICODE_RANGES)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars).encode(rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-32"]), errors="surrogatepass")


def news_repeats(rng: random.Random) -> bytes:
    pieces = rng.sample(NEWS_TOKENS, rng.randint(1, 6))
    size = rng.choice([10, 1000, 10_000, 60_000])
    text = ""
    while len(text) < size:
        text += rng.choice(pieces) * rng.randint(1, 50)
    return text[:size].encode(rng.choice(["utf-8", "utf-8", "latin-1", "cp1252"]), errors="replace")


def news_with_noise(rng: random.Random) -> bytes:
    words = [rng.choice(NEWS_TOKENS) for _ in range(rng.randint(5, 400))]
    for _ in range(rng.randint(0, 20)):
        words.insert(rng.randrange(len(words) + 1), rng.randbytes(rng.randint(1, 12)).decode("latin-1"))
    return "".join(words).encode("utf-8", errors="surrogatepass")


KINDS = {"random bytes": random_bytes, "random Unicode": random_unicode, "repeated news tokens": news_repeats,
         "news tokens with noise": news_with_noise}


def write_inputs(folder: Path, count: int, seed: int) -> Counter:
    rng = random.Random(seed)
    kinds: Counter = Counter()
    for number in range(count):
        kind = rng.choice(list(KINDS))
        kinds[kind] += 1
        extension = rng.choices(EXTENSIONS, WEIGHTS)[0]
        (folder / f"{number:05d}{extension}").write_bytes(KINDS[kind](rng))
    return kinds


def run(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
    return result, time.perf_counter() - started


def tracebacks(result: subprocess.CompletedProcess) -> int:
    return result.stderr.count("Traceback (most recent call last)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        home = Path(home)
        inputs = home / "inputs"
        inputs.mkdir()
        kinds = write_inputs(inputs, args.inputs, args.seed)
        print(f"{args.inputs:,} inputs (seed {args.seed}): " + ", ".join(f"{n:,} {kind}" for kind, n in kinds.items()))

        extracted, took = run("extract", "--json", "--published", "2025-01-01", str(inputs))
        events = [json.loads(line) for line in extracted.stdout.split("\n") if line.strip()]
        errors = [line for line in extracted.stderr.splitlines() if line.startswith("error: ")]
        print(f"extract: exit {extracted.returncode} in {took:.0f} s; {len(events):,} events from "
              f"{len({e['article'] for e in events}):,} files; {len(errors):,} files refused, one line each; "
              f"{tracebacks(extracted)} tracebacks")
        reasons = Counter(line.split(": ", 2)[-1].split(" (")[0][:60] for line in errors)
        for reason, n in reasons.most_common(6):
            print(f"  {n:>6,}  {reason}")

        db = home / "events.db"
        ingested, took = run("ingest", str(inputs), "--db", str(db), "--published", "2025-01-01", "--quiet")
        summary = ingested.stdout.strip().splitlines()[-1] if ingested.stdout.strip() else ingested.stderr.strip()[-200:]
        print(f"ingest: exit {ingested.returncode} in {took:.0f} s; {summary}; {tracebacks(ingested)} tracebacks")

        exported, took = run("export", "--db", str(db), "--format", "json")
        rows = json.loads(exported.stdout) if exported.returncode == 0 else []
        print(f"export: exit {exported.returncode} in {took:.0f} s; {len(rows):,} events; {tracebacks(exported)} tracebacks")
        claims, _ = run("claims", "--db", str(db), "--format", "json")
        print(f"claims: exit {claims.returncode}; {claims.stderr.strip()}; {tracebacks(claims)} tracebacks")


if __name__ == "__main__":
    main()
