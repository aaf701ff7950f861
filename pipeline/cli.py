"""The command line: a thin layer over the same functions the dashboard calls.

    python -m pipeline extract --json [--published YYYY-MM-DD] PATH...
    python -m pipeline ingest PATH... [--db FILE] [--published YYYY-MM-DD]
    python -m pipeline export --format csv|json [--db FILE] [--output FILE]
    python -m pipeline claims [--db FILE] [--format csv|json]
    python -m pipeline totals [--db FILE] [--table capex|commitments|fleets] [--format csv|json]
    python -m pipeline history --org NAME [--year YYYY] [--db FILE] [--format csv|json]
    python -m pipeline reextract [--db FILE]

Exit status is 0 on success and 1 when any file failed; each failure is one line on
stderr naming the file and the problem.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .errors import ArticleError, StoreError
from .extraction import extract_events
from .extraction.record import date_problem
from .paths import DB_ENV
from .readers.article import ASSUMED, DEFAULT_MAX_BYTES, FORMATS, read_article
from .readers.reference_tables import shipped_reference
from .store.connection import connect
from .store.queries import unsound_events
from .store.ingest import ADDED, FAILED, PRESENT, IngestResult, find_article_files, ingest_files, reextract
from .views.export import CLAIM_EXPORT_COLUMNS, events_to_csv, events_to_json
from .views.reviewed import reviewed_tables
from .views.totals import capex_by_year, chip_fleets, commitments, guidance_history

TOTAL_TABLES = ("capex", "commitments", "fleets")


def parse_published(value: str) -> dt.date:
    """A YYYY-MM-DD date for --published, within the years an article can have."""
    problem = date_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return dt.date.fromisoformat(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn news articles into AI-spending events.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    published = argparse.ArgumentParser(add_help=False)
    published.add_argument("--published", type=parse_published, metavar="YYYY-MM-DD",
                           help="publication date for files whose own metadata gives none")
    published.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES",
                           help=f"largest file to read (default {DEFAULT_MAX_BYTES // 1024 // 1024} MB)")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar="FILE",
                          help=f"the store (default ${DB_ENV}, else data/events.db)")

    extract = commands.add_parser("extract", parents=[published], help="print the events found in files",
                                  description="Print the events found in each file (and in each folder's article "
                                              "files, recursively), one JSON object per line.")
    extract.add_argument("files", nargs="+", type=Path, metavar="PATH")
    extract.add_argument("--json", action="store_true", help="JSON lines (the only output form; accepted for clarity)")

    ingest = commands.add_parser("ingest", parents=[published, database], help="add files and folders to the store",
                                 description="Read files and folders (recursively) into the store. An article "
                                             "already stored is skipped; a file that fails does not stop the rest.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--quiet", action="store_true", help="print only the summary and errors")

    export = commands.add_parser("export", parents=[database], help="write every stored event as CSV or JSON",
                                 description="Write every stored event with its sentence and source.")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--output", type=Path, metavar="FILE", help="write here instead of standard output")
    export.add_argument("--include-rejected", action="store_true", help="also write events an analyst rejected")

    claims = commands.add_parser("claims", parents=[database], help="list claims with how many articles report them",
                                 description="One row per claim: events from different articles that state the "
                                             "same thing, with corrections applied and the number of sources.")
    claims.add_argument("--format", choices=("csv", "json"), default="csv")

    totals = commands.add_parser("totals", parents=[database], help="capex per organization and year, commitments, fleets",
                                 description="Totals that can be cited: each organization's capex per (fiscal) year "
                                             "(the actual once reported, else the latest guidance; quarters beside "
                                             "it), multi-year commitments over their own periods, and the latest "
                                             "fleet of each kind of chip. Corrections are applied.")
    totals.add_argument("--table", choices=TOTAL_TABLES, default="capex", help="which table to write (default capex)")
    totals.add_argument("--format", choices=("csv", "json"), default="csv")

    history = commands.add_parser("history", parents=[database], help="how an organization's capex guidance moved",
                                  description="Every capex guidance of an organization for a (fiscal) year in the "
                                              "order it was reported, then the actual, each with its claim and "
                                              "sentence.")
    history.add_argument("--org", required=True, metavar="NAME", help="the organization, as the store names it")
    history.add_argument("--year", type=int, metavar="YYYY", help="one (fiscal) year only")
    history.add_argument("--format", choices=("csv", "json"), default="csv")

    commands.add_parser("reextract", parents=[database], help="run the current rules over every stored article",
                        description="Re-read every stored article with the current extraction rules, keeping "
                                    "analysts' corrections, and report what changed.")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"extract": run_extract, "ingest": run_ingest, "export": run_export, "claims": run_claims,
                "totals": run_totals, "history": run_history, "reextract": run_reextract}
    try:
        return handlers[args.command](args)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# Characters that Python's str.splitlines() (and some readers of JSON lines) take for the end
# of a line: inside a JSON string they are written as escapes, so that one event is one line.
LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def json_line(record: dict) -> str:
    """A record as one line of JSON, non-ASCII text kept readable."""
    return json.dumps(record, ensure_ascii=False).translate(LINE_BREAKS)


def run_extract(args: argparse.Namespace) -> int:
    """Events of each file, and of the article files in each folder (recursively). A file
    whose date had to be assumed gets a warning line: its relative dates hang on it."""
    failed = 0
    for path in args.files:
        if path.is_dir() and not find_article_files([path]):
            kinds = ", ".join("." + name for name in sorted(set(FORMATS.values())))
            print(f"error: {path}: a folder with no article files in it ({kinds})", file=sys.stderr)
            failed += 1
    for path in find_article_files(args.files):
        try:
            article = read_article(path, published=args.published, max_bytes=args.max_size)
        except ArticleError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        if article.published_source == ASSUMED:
            print(f"warning: {article.source_name}: gives no publication date; assumed {article.published.isoformat()} "
                  "(the file's modification date), which relative dates such as 'in April' are read against; "
                  "pass --published YYYY-MM-DD to set it", file=sys.stderr)
        for event in extract_events(article.text, article.published, shipped_reference()):
            print(json_line(event.as_record(article.id)))
    return 1 if failed else 0


def run_ingest(args: argparse.Namespace) -> int:
    conn = connect(args.db)
    show_progress = sys.stderr.isatty() and not args.quiet

    def progress(number: int, total: int, result: IngestResult) -> None:
        if result.status == FAILED:
            print(("\r" if show_progress else "") + f"error: {result.error}", file=sys.stderr)
        elif not args.quiet and not show_progress:
            print(result.describe(), file=sys.stderr)
        if show_progress and total > 1:
            width = 30
            done = int(width * number / total)
            print(f"\r[{'#' * done}{'.' * (width - done)}] {number}/{total}", end="", file=sys.stderr, flush=True)

    results = ingest_files(conn, args.paths, published=args.published, max_bytes=args.max_size,
                                 progress=progress)
    if show_progress:
        print(file=sys.stderr)
    added = [r for r in results if r.status == ADDED]
    present = sum(r.status == PRESENT for r in results)
    failed = sum(r.status == FAILED for r in results)
    events = sum(r.events for r in added)
    print(f"{len(added)} added, {present} already present, {failed} failed; {events} events")
    return 1 if failed else 0


def warn_unsound(conn) -> None:
    """One line on stderr when the store holds events no reader can use."""
    unsound = unsound_events(conn)
    if unsound:
        print(f"warning: {unsound} stored event{'s' if unsound != 1 else ''} with an impossible amount or date"
              " left out (written by another program or an older version; `python -m pipeline reextract` reads"
              " their articles again)", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=False)
    warn_unsound(conn)
    events, _ = reviewed_tables(conn)
    if not args.include_rejected:
        events = events[~events["rejected"]]
    rows = events.to_dict("records")
    text = events_to_csv(rows) if args.format == "csv" else events_to_json(rows)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"error: {args.output}: cannot write there ({error.strerror or error})", file=sys.stderr)
            return 1
        print(f"{len(rows)} events written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_claims(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=False)
    warn_unsound(conn)
    _, claims = reviewed_tables(conn)
    rows = claims.sort_values(["sources", "first_reported"], ascending=[False, True]).to_dict("records")
    text = events_to_csv(rows, CLAIM_EXPORT_COLUMNS) if args.format == "csv" else events_to_json(rows, CLAIM_EXPORT_COLUMNS)
    sys.stdout.write(text)
    disputed = sum(bool(r["disputed"]) for r in rows)
    print(f"{len(rows)} claims, {sum(r['sources'] > 1 for r in rows)} reported by several articles, {disputed} disputed",
          file=sys.stderr)
    return 0


def run_totals(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=False)
    warn_unsound(conn)
    events, claims = reviewed_tables(conn)
    table = {"capex": lambda: capex_by_year(events), "commitments": lambda: commitments(claims),
             "fleets": lambda: chip_fleets(claims)}[args.table]()
    write_table(table, args.format)
    return 0


def run_history(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=False)
    warn_unsound(conn)
    events, _ = reviewed_tables(conn)
    table = guidance_history(events, args.org, args.year)
    if table.empty:
        known = sorted(set(capex_by_year(events)["org"]))
        print(f"no capex guidance or actual stored for {args.org!r}"
              + (f" in {args.year}" if args.year else "") + (f"; organizations with some: {', '.join(known)}" if known else ""),
              file=sys.stderr)
    write_table(table, args.format)
    return 0


def write_table(table, form: str) -> None:
    rows, columns = table.to_dict("records"), list(table.columns)
    sys.stdout.write(events_to_csv(rows, columns) if form == "csv" else events_to_json(rows, columns))


def run_reextract(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=False)
    report = reextract(conn)
    print(report.describe())
    return 0
