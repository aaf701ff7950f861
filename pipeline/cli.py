"""The command line: the same functions the dashboard calls.

    python -m pipeline extract --json [--published YYYY-MM-DD] FILE...
    python -m pipeline ingest PATH... [--db FILE] [--published YYYY-MM-DD]
    python -m pipeline export --format csv|json [--db FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .errors import ArticleError, BadDate
from .events import extract_events
from .sources import DEFAULT_MAX_BYTES, read_article


def parse_published(value: str) -> dt.date:
    """A YYYY-MM-DD date for --published."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Turn news articles into AI-spending events.")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print the events in files", description="Print the events found in each file.")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--json", action="store_true", help="one JSON object per event and line (the default)")
    extract.add_argument("--published", type=parse_published, metavar="YYYY-MM-DD",
                         help="publication date for files whose metadata gives none")
    extract.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES", help="largest file to read")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        return run_extract(args)
    return 2


def run_extract(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            article = read_article(path, published=args.published, max_bytes=args.max_size)
        except ArticleError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        for event in extract_events(article.text, article.published):
            print(json.dumps(event.as_record(article.id), ensure_ascii=False))
    return 1 if failed else 0
