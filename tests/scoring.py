"""Scoring extraction against a gold corpus in the form of `tests/corpus/gold.jsonl`:
one line per article, {"file", "published", "events": [...]}, events in the record of the
README. A found event matches a gold one with the same kind and organization (or one of
its `org_alt`) and the same model (releases) or overlapping amounts (the rest); it is
right when amounts (within 2%), the date to the gold precision and the status agree.
Gold events marked `optional` count neither when found nor when missed."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.extraction import extract_events
from pipeline.readers.reference_tables import shipped_reference
from pipeline.readers.article import read_article

REFERENCE = shipped_reference()

LEGAL = re.compile(r"\b(inc|corp|co|ltd|llc|plc|platforms|group|holdings)\b\.?")


def _org(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", LEGAL.sub(" ", (name or "").lower()))


def _model(name: str | None) -> str:
    return re.sub(r"[^a-z0-9.]+", "", (name or "").lower())


def _close(a, b) -> bool:
    a = None if a == 0 else a
    b = None if b == 0 else b
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _overlap(g: dict, p: dict) -> bool:
    lo1, hi1 = g.get("amount_low") or float("-inf"), g.get("amount_high") or float("inf")
    lo2, hi2 = p.get("amount_low") or float("-inf"), p.get("amount_high") or float("inf")
    return lo2 <= hi1 * 1.02 and lo1 <= hi2 * 1.02


def _same_model(g: dict, p: dict) -> bool:
    a, b = _model(g.get("model")), _model(p.get("model"))
    return a == b or (a and b and (a.endswith(b) or b.endswith(a)) and _model(g.get("org")) in (a + b))


def found(g: dict, p: dict) -> bool:
    orgs = {_org(o) for o in [g.get("org")] + list(g.get("org_alt") or [])}
    if g["kind"] != p["kind"] or _org(p["org"]) not in orgs:
        return False
    return _same_model(g, p) if g["kind"] == "model_release" else _overlap(g, p)


def _same_date(g: dict, p: dict) -> bool:
    for alt in [g] + list(g.get("date_alt") or []):
        gd, pd, precision = alt.get("date"), p.get("date"), alt.get("date_precision")
        if gd is None and pd is None:
            return True
        if gd is None or pd is None or p.get("date_precision") != precision:
            continue
        width = {"year": 4, "month": 7, "day": 10}.get(precision)
        if width and gd[:width] == pd[:width]:
            return True
        if precision == "quarter" and gd[:4] == pd[:4] and (int(gd[5:7]) - 1) // 3 == (int(pd[5:7]) - 1) // 3:
            return True
    return False


def right(g: dict, p: dict) -> bool:
    amount = g["kind"] == "model_release" or (_close(g.get("amount_low"), p.get("amount_low")) and _close(g.get("amount_high"), p.get("amount_high")))
    return amount and _same_date(g, p) and g["status"] == p["status"]


@dataclass
class Score:
    core_f1: float
    strict_f1: float


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score_corpus(folder: Path) -> Score:
    """The score over a folder of articles with its gold.jsonl."""
    documents = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        article = read_article(folder / doc["file"], published=dt.date.fromisoformat(doc["published"]))
        documents.append((article.text, article.published, doc["events"]))
    return score_documents(documents)


def score_documents(documents: list[tuple[str, dt.date, list[dict]]]) -> Score:
    """The score over (text, publication date, gold events) triples."""
    core = [0, 0, 0]
    strict = [0, 0, 0]
    for text, published, gold in documents:
        doc = {"events": gold}
        predicted = [e.as_record() for e in extract_events(text, published, REFERENCE)]
        pairs, used = [], set()
        for i, g in enumerate(doc["events"]):
            options = [j for j, p in enumerate(predicted) if j not in used and found(g, p)]
            if options:
                j = max(options, key=lambda j: right(g, predicted[j]))
                used.add(j)
                pairs.append((i, j))
        optional = {i for i, g in enumerate(doc["events"]) if g.get("optional")}
        matched = {i for i, _ in pairs}
        counted = [(i, j) for i, j in pairs if i not in optional]
        extra = len(predicted) - len(pairs)
        missed = len([i for i in range(len(doc["events"])) if i not in matched and i not in optional])
        core[0] += len(counted)
        core[1] += extra
        core[2] += missed
        good = sum(right(doc["events"][i], predicted[j]) for i, j in counted)
        strict[0] += good
        strict[1] += extra + len(counted) - good
        strict[2] += missed + len(counted) - good
    return Score(_f1(*core), _f1(*strict))
