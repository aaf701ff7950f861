"""One claim, many articles: events that state the same thing become one claim.

Events are the same claim when they have the same organization and kind, the same model
(releases) or item (chips), and amounts and dates that agree: amounts whose ranges
overlap, dates whose periods overlap ("2025" and "21 January 2025" agree; "2024" and
"2025" do not). Reports close enough to be the same claim but not agreeing ("$10 billion"
against "$13 billion", "May" against "June") stay one claim, marked disputed, unless one is
a plan and the other done ("expects $75 billion in 2024" and "spent $83 billion in 2024")
or both are a year's capex (guidance revised from "$60-65 billion" to "$64-72 billion"):
those are two claims.

An analyst can overrule the rules: events given the same `claim_key` form one claim and
nothing else joins them. Plain functions over plain records, standard library only; no
database here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .extraction.record import GENERIC_ITEMS, PRECISION_RANK, figure as range_figure, model_key

AMOUNT_TOLERANCE = 0.02   # the same figure, rounded differently
OPEN_REACH = 3            # "more than $10bn" can be "$25bn"; "up to $90bn" can be "$30bn"
DISPUTE_RATIO = 1.5       # "$10bn" and "$13bn" of one plan disagree; "$100bn" and "$500bn" are two plans
UNDATED_WINDOW_DAYS = 400  # an undated report joins a dated claim reported within this many days


@dataclass
class Claim:
    id: str
    kind: str
    org: str
    model: str | None
    item: str | None
    amount_low: float | None
    amount_high: float | None
    currency: str | None
    date: str | None
    date_precision: str | None
    status: str
    first_reported: str | None
    category: str | None = None
    counterparty: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    measure: str | None = None
    event_ids: list = field(default_factory=list)
    article_ids: list = field(default_factory=list)
    disputed_fields: list = field(default_factory=list)
    manual: bool = False
    lead_event_id: object = None  # the report whose date the claim shows

    @property
    def sources(self) -> int:
        return len(set(self.article_ids))

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_fields)


def period(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a date stands for at its precision (a deadline's year is its whole year)."""
    if not date:
        return None
    day = dt.date.fromisoformat(date)
    if precision == "day":
        return day, day
    if precision == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    if precision == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return dt.date(day.year, first, 1), _month_end(day.year, first + 2)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def amounts_agree(a: Mapping, b: Mapping) -> bool:
    """Ranges that overlap (an open bound reaches `OPEN_REACH` times out); two missing amounts agree."""
    if _no_amount(a) or _no_amount(b):
        return _no_amount(a) and _no_amount(b)
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return low_a <= high_b * (1 + AMOUNT_TOLERANCE) and low_b <= high_a * (1 + AMOUNT_TOLERANCE)


def amounts_near(a: Mapping, b: Mapping) -> bool:
    """Different figures close enough to be two reports of one claim."""
    if _no_amount(a) or _no_amount(b):
        return False
    x, y = figure(a), figure(b)
    return x > 0 and y > 0 and max(x, y) / min(x, y) <= DISPUTE_RATIO


def _period_of(record: Mapping) -> tuple[dt.date, dt.date] | None:
    if "_period" in record:
        return record["_period"]
    return period(record.get("date"), record.get("date_precision"))


def dates_agree(a: Mapping, b: Mapping) -> bool:
    """Periods that overlap; an undated report agrees with one reported within a year."""
    pa, pb = _period_of(a), _period_of(b)
    if pa is None or pb is None:
        return _reported_near(a, b)
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def dates_near(a: Mapping, b: Mapping) -> bool:
    """Days or months that differ a little ("May" and "June"): one claim, disputed.
    Quarters and years never are: the fourth quarter is a different claim from the third."""
    if a.get("date_precision") not in ("day", "month") or b.get("date_precision") not in ("day", "month"):
        return False
    pa, pb = _period_of(a), _period_of(b)
    gap = max((pb[0] - pa[1]).days, (pa[0] - pb[1]).days)
    return gap <= 62


def figure(record: Mapping) -> float:
    """The figure a total counts for a report's amount (`record.figure`), 0 without one."""
    return range_figure(record.get("amount_low"), record.get("amount_high")) or 0.0


def _no_amount(record: Mapping) -> bool:
    return record.get("amount_low") is None and record.get("amount_high") is None


def _bounds(record: Mapping) -> tuple[float, float]:
    """A report's range; an open bound reaches `OPEN_REACH` times past the one given ("more
    than 16,000 GPUs" is not "more than 1.3 million GPUs")."""
    low, high = record.get("amount_low"), record.get("amount_high")
    if low is None and high is None:
        return float("-inf"), float("inf")
    return (low if low is not None else high / OPEN_REACH, high if high is not None else low * OPEN_REACH)


def _reported_near(a: Mapping, b: Mapping) -> bool:
    pa, pb = a.get("published"), b.get("published")
    if not pa or not pb:
        return True
    return abs((dt.date.fromisoformat(pa[:10]) - dt.date.fromisoformat(pb[:10])).days) <= UNDATED_WINDOW_DAYS




def _different_ranges(a: Mapping, b: Mapping) -> bool:
    """Two closed ranges that do not end in the same places."""
    def closed(r: Mapping) -> bool:
        return r.get("amount_low") is not None and r.get("amount_high") is not None and r["amount_low"] != r["amount_high"]
    if not (closed(a) and closed(b)):
        return False
    same = lambda x, y: abs(x - y) <= AMOUNT_TOLERANCE * max(abs(x), abs(y))  # noqa: E731
    return not (same(a["amount_low"], b["amount_low"]) and same(a["amount_high"], b["amount_high"]))


def _subject(record: Mapping) -> tuple:
    """What a claim is about, before amounts and dates. Chips are compared by item in
    `same_claim`, where "GPUs" or "AI chips" can be any named chip."""
    name = record.get("model") if record["kind"] == "model_release" else None
    return record["kind"], record["org"], model_key(record["org"], name)


def subject_key(record: Mapping) -> str:
    """Which reports are grouped together, as text: those an analyst gave one claim key,
    or those of one subject the rules compare (kind, organization, model)."""
    if record.get("claim_key"):
        return json.dumps(["manual", record["claim_key"]])
    return json.dumps(["rules", *_subject(record)])


def manual_key(subject: str) -> str | None:
    """The analyst's claim key of a `subject_key`, or None for a subject the rules group."""
    kind, *rest = json.loads(subject)
    return rest[0] if kind == "manual" else None


def _same_item(a: Mapping, b: Mapping) -> bool:
    item_a, item_b = a.get("item") or "", b.get("item") or ""
    return item_a == item_b or item_a in GENERIC_ITEMS or item_b in GENERIC_ITEMS


def same_claim(a: Mapping, b: Mapping) -> bool:
    """Whether two reports state the same claim (agreeing, or close enough to dispute)."""
    if (a.get("_subject") or _subject(a)) != (b.get("_subject") or _subject(b)) or not _same_item(a, b):
        return False
    if a["kind"] == "model_release":
        return True
    if a.get("category") == b.get("category") == "capex" and (_different_ranges(a, b) or a.get("status") != b.get("status")):
        return False  # "$60-65 billion", then "$64-72 billion": the guidance moved; then "$72.2 billion" spent
    if amounts_agree(a, b):
        return dates_agree(a, b) or dates_near(a, b)
    # a forecast and the actual that followed it differ without disputing each other, and a
    # year's capex guidance revised ("$20-24B", then "$26-30B") is a new forecast, not a dispute
    if a.get("status") != b.get("status") or a.get("category") == b.get("category") == "capex":
        return False
    return amounts_near(a, b) and dates_agree(a, b)


def group_claims(events: Iterable[Mapping]) -> list[Claim]:
    """Claims from event records (each with id, fingerprint, kind, org, model, item,
    amount_low, amount_high, currency, date, date_precision, status, category, article_id,
    published and, where an analyst set one, claim_key). Earliest reports first."""
    records = sorted(events, key=lambda r: (r.get("published") or "", r["id"]))
    groups: list[list[Mapping]] = []
    manual: dict[str, list[Mapping]] = defaultdict(list)
    shelves: dict[tuple, dict[tuple, list[list[Mapping]]]] = defaultdict(lambda: defaultdict(list))
    for order, record in enumerate(records):
        if record.get("claim_key"):
            manual[record["claim_key"]].append(record)
            continue
        record = _prepared(record, order)
        subject = shelves[record["_subject"]]
        home = _find_home(subject, record)
        if home is None:
            home = _open_claim(subject, record)
            groups.append(home)
        else:
            home.append(record)
    claims = [build_claim(group, rule_claim_id(group[0])) for group in groups]
    claims += [build_claim(group, key, manual=True) for key, group in manual.items()]
    return claims


def regroup_subject(records: Sequence[Mapping], previous: Sequence[int | None] | None = None) -> list[int]:
    """The claims `group_claims` forms from the reports of one subject, given in its order
    (earliest published first, then by id): for each report, the position of the report
    that opened its claim (its own position when it opened one).

    `previous[i]`, where given, is the position of the report that opened report i's claim
    in an earlier grouping of the same subject, when neither report has changed since
    (values or order); None otherwise. A report's claim depends only on the claims opened
    before it, so such a report keeps its claim unless a claim opened since could take it
    or its own claim no longer stands; only those reports are compared again."""
    previous = previous if previous is not None else [None] * len(records)
    subject: dict[tuple, list[list[Mapping]]] = defaultdict(list)
    opened: list[int] = []
    standing: set[int] = set()  # claims opened before and still open, by the same report
    fresh: list[Mapping] = []   # claims opened by reports that did not open one before
    for position, record in enumerate(records):
        before = previous[position]
        if before is not None and not any(same_claim(first, record) for first in fresh):
            if before == position:
                _open_claim(subject, _prepared(record, position))
                standing.add(position)
                opened.append(position)
                continue
            if before in standing:
                opened.append(before)
                continue
        prepared = _prepared(record, position)
        home = _find_home(subject, prepared)
        if home is None:
            _open_claim(subject, prepared)
            if before == position:
                standing.add(position)
            else:
                fresh.append(prepared)
            opened.append(position)
        else:
            opened.append(home[0]["_order"])
    return opened


def _prepared(record: Mapping, order: int) -> dict:
    return {**record, "_order": order, "_subject": _subject(record), "_shelf": _shelf(record),
            "_period": period(record.get("date"), record.get("date_precision"))}


def _find_home(subject: dict[tuple, list[list[Mapping]]], record: Mapping) -> list[Mapping] | None:
    """The earliest claim of the subject whose first report states the same claim as
    `record`. A report is compared only with claims whose figure is within the dispute
    ratio of its own and whose year is next to its own; open-ended amounts and undated
    reports are compared with every claim of their subject."""
    year = record["_period"][0].year if record["_period"] else None
    years = _neighbour_years(record["_period"], record.get("date_precision"))
    home = None
    for groups in _nearby(subject, record["_shelf"], year, years):
        first = next((group for group in groups if same_claim(group[0], record)), None)
        if first is not None and (home is None or first[0]["_order"] < home[0]["_order"]):
            home = first
    return home


def _open_claim(subject: dict[tuple, list[list[Mapping]]], record: Mapping) -> list[Mapping]:
    """A new claim of the subject, opened by `record`."""
    year = record["_period"][0].year if record["_period"] else None
    group = [record]
    subject[(record["_shelf"], year)].append(group)
    return group


def _nearby(subject: dict, shelf: int | None, year: int | None, years: set[int]) -> list[list]:
    """The lists of claims a report can belong to: figures within the dispute ratio, years
    next to its own; everything of the subject for an open-ended or undated report."""
    if shelf is None or year is None:
        return [groups for (group_shelf, group_year), groups in subject.items()
                if (shelf is None or group_shelf is None or abs(group_shelf - shelf) <= 2)
                and (year is None or group_year is None or group_year in years)]
    keys = [(s, y) for s in range(shelf - 2, shelf + 3) for y in (*years, None)]
    keys += [(None, y) for y in (*years, None)]
    return [subject[key] for key in keys if key in subject]


def _neighbour_years(span: tuple[dt.date, dt.date] | None, precision: str | None) -> set[int]:
    """Years a claim dated `span` can agree with: its own, and for a day or a month near
    a year's end the next or previous one (dates within the dispute window)."""
    if span is None:
        return set()
    years = set(range(span[0].year, span[1].year + 1))
    if precision not in ("day", "month"):
        return years
    if (span[0] - dt.date(span[0].year, 1, 1)).days <= 62:
        years.add(span[0].year - 1)
    if (dt.date(span[1].year, 12, 31) - span[1]).days <= 62:
        years.add(span[1].year + 1)
    return years


SHELF_WIDTH = 0.1  # log10 units: a shelf holds figures within about 26% of each other


def _shelf(record: Mapping) -> int | None:
    """Which shelf of figures a report sits on; None for open-ended or missing amounts."""
    low, high = record.get("amount_low"), record.get("amount_high")
    if record["kind"] == "model_release" or low is None or high is None or not 0 < low < math.inf:
        return None  # (an infinite or NaN figure, which no writer stores, sits on no shelf either)
    return int(math.log10(low) / SHELF_WIDTH)


def rule_claim_id(first: Mapping) -> str:
    """The id of the claim a report opened."""
    return hashlib.sha1(f"{first['article_id']}|{first['fingerprint']}".encode()).hexdigest()[:12]


def build_claim(group: list[Mapping], claim_id: str, manual: bool = False) -> Claim:
    """The claim its reports make, given in order (earliest published first)."""
    first = group[0]
    best_date = group[max(range(len(group)), key=lambda i: (PRECISION_RANK[group[i].get("date_precision")], -i))]
    amount = _representative_amount(group)
    latest = group[-1]
    disputed = []
    if first["kind"] != "model_release" and any(not amounts_agree(first, r) for r in group):
        disputed.append("amount")
    if any(r.get("date") and not dates_agree(best_date, r) for r in group):
        disputed.append("date")
    items = [r.get("item") for r in group if r.get("item")]
    item = next((i for i in items if i not in GENERIC_ITEMS), items[0] if items else None)
    period = next((r for r in [amount, best_date, *group] if r.get("period_start") or r.get("period_end")), {})
    return Claim(
        category=_most_reported(group, "category"), counterparty=_most_reported(group, "counterparty"),
        measure=_most_reported(group, "measure"), period_start=period.get("period_start"),
        period_end=period.get("period_end"),
        id=claim_id, kind=first["kind"], org=first["org"], model=first.get("model"), item=item,
        amount_low=amount.get("amount_low"), amount_high=amount.get("amount_high"), currency=amount.get("currency"),
        date=best_date.get("date"), date_precision=best_date.get("date_precision"), status=latest["status"],
        first_reported=first.get("published"), event_ids=[r["id"] for r in group],
        article_ids=[r["article_id"] for r in group], disputed_fields=disputed, manual=manual,
        lead_event_id=best_date["id"],
    )


def _most_reported(group: list[Mapping], name: str) -> str | None:
    """The value of `name` most reports give (the earliest on a tie), None where none gives one."""
    values = [r.get(name) for r in group if r.get(name)]
    return Counter(values).most_common(1)[0][0] if values else None


def _representative_amount(group: list[Mapping]) -> Mapping:
    """The tightest range the reports give; where they disagree, the figure most reported."""
    with_amount = [r for r in group if not _no_amount(r)]
    if not with_amount:
        return {}
    if all(amounts_agree(with_amount[0], r) for r in with_amount):
        def width(r: Mapping) -> float:
            low, high = _bounds(r)
            return high - low
        return min(with_amount, key=width)
    counts = Counter((r.get("amount_low"), r.get("amount_high")) for r in with_amount)
    top = counts.most_common(1)[0][0]
    return next(r for r in with_amount if (r.get("amount_low"), r.get("amount_high")) == top)

