"""Sanity checks for this folder's gold.jsonl (standard library only).

Run: python tests/corpus/check_gold.py
Checks that every line parses, every file exists, every field has the right
type, and every evidence string occurs verbatim in its article's text (for
HTML pages, in the text of the <article> element; for Markdown, in the body
after the front matter).
"""
import html
import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"model_release", "investment", "hardware"}
PRECISIONS = {"day", "month", "quarter", "year", None}
STATUSES = {"done", "planned"}
CURRENCIES = {"USD", "EUR", "GBP", "CNY", "JPY", "INR"}
REQUIRED = ["kind", "org", "model", "amount_low", "amount_high", "currency",
            "item", "date", "date_precision", "status", "evidence"]
OPTIONAL = {"org_alt", "date_alt", "optional"}


def article_text(path):
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        m = re.search(r"<article\b.*?</article>", raw, re.S)
        if not m:
            raise ValueError("no <article> element")
        raw = html.unescape(re.sub(r"<[^>]+>", " ", m.group(0)))
    elif path.suffix == ".md":
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if not m:
            raise ValueError("no YAML front matter")
        raw = raw[m.end():]
    return re.sub(r"\s+", " ", raw)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_date(value, precision, where, errors):
    if value is None:
        if precision is not None:
            errors.append(f"{where}: precision without date")
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"{where}: bad date {value!r}")
    if precision not in PRECISIONS or precision is None:
        errors.append(f"{where}: bad precision {precision!r}")


def check_event(ev, text, where, errors):
    missing = [k for k in REQUIRED if k not in ev]
    extra = set(ev) - set(REQUIRED) - OPTIONAL
    if missing or extra:
        errors.append(f"{where}: missing {missing} extra {sorted(extra)}")
        return
    kind = ev["kind"]
    if kind not in KINDS:
        errors.append(f"{where}: bad kind {kind!r}")
    if not isinstance(ev["org"], str) or not ev["org"]:
        errors.append(f"{where}: org must be a non-empty string")
    if ev["status"] not in STATUSES:
        errors.append(f"{where}: bad status {ev['status']!r}")
    lo, hi = ev["amount_low"], ev["amount_high"]
    for v in (lo, hi):
        if v is not None and not is_num(v):
            errors.append(f"{where}: amount {v!r} is not a number")
    if is_num(lo) and is_num(hi) and lo > hi:
        errors.append(f"{where}: amount_low > amount_high")
    if kind == "model_release":
        if not isinstance(ev["model"], str) or not ev["model"]:
            errors.append(f"{where}: model_release needs a model name")
        if lo is not None or hi is not None or ev["currency"] or ev["item"]:
            errors.append(f"{where}: model_release must not carry amounts, currency or item")
    else:
        if ev["model"] is not None:
            errors.append(f"{where}: model is set on a {kind}")
        if lo is None and hi is None:
            errors.append(f"{where}: {kind} without any amount")
    if kind == "investment":
        if ev["currency"] not in CURRENCIES or ev["item"] is not None:
            errors.append(f"{where}: investment needs a currency and no item")
    if kind == "hardware":
        if ev["currency"] is not None or not isinstance(ev["item"], str):
            errors.append(f"{where}: hardware needs an item and no currency")
        for v in (lo, hi):
            if is_num(v) and v != int(v):
                errors.append(f"{where}: unit count {v} is not whole")
    check_date(ev["date"], ev["date_precision"], where, errors)
    for alt in ev.get("date_alt", []):
        check_date(alt.get("date"), alt.get("date_precision"), where + " date_alt", errors)
    if "org_alt" in ev and not (isinstance(ev["org_alt"], list)
                                and all(isinstance(o, str) for o in ev["org_alt"])):
        errors.append(f"{where}: org_alt must be a list of strings")
    if "optional" in ev and ev["optional"] is not True:
        errors.append(f"{where}: optional must be true when present")
    evidence = ev["evidence"]
    if not isinstance(evidence, str) or not evidence:
        errors.append(f"{where}: empty evidence")
        return
    if len(evidence.split()) > 12:
        errors.append(f"{where}: evidence longer than 12 words")
    if re.sub(r"\s+", " ", evidence) not in text:
        errors.append(f"{where}: evidence not found verbatim: {evidence!r}")


def main():
    errors = []
    seen = set()
    counts = {k: 0 for k in KINDS}
    lines = (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: {exc}")
            continue
        if set(rec) != {"file", "published", "events"}:
            errors.append(f"line {n}: keys {sorted(rec)}")
            continue
        name = rec["file"]
        if name in seen:
            errors.append(f"line {n}: {name} listed twice")
        seen.add(name)
        try:
            date.fromisoformat(rec["published"])
        except (TypeError, ValueError):
            errors.append(f"line {n}: bad published date")
        path = HERE / name
        if not path.is_file():
            errors.append(f"line {n}: {name} does not exist")
            continue
        try:
            text = article_text(path)
        except ValueError as exc:
            errors.append(f"{name}: {exc}")
            continue
        words = len(text.split())
        if not 150 <= words <= 520:
            errors.append(f"{name}: {words} words")
        for i, ev in enumerate(rec["events"]):
            check_event(ev, text, f"{name}#{i}", errors)
            counts[ev.get("kind")] = counts.get(ev.get("kind"), 0) + 1
    articles = {p.name for p in HERE.iterdir()
                if p.suffix in {".txt", ".html", ".md"} and p.name != "README.md"}
    for name in sorted(articles - seen):
        errors.append(f"{name}: article has no line in gold.jsonl")
    for e in errors:
        print(e)
    total = sum(counts.values())
    print(f"{len(seen)} articles, {total} events: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
