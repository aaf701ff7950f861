"""One event per claim within an article: what an article repeats (in its headline, lead
and body) is merged, keeping the mention that says most."""
from __future__ import annotations

import math
import re
from collections import defaultdict

from .record import GENERIC_ITEMS, PRECISION_RANK, Event, model_key

SHELF = 0.01  # log10 units: amounts within 2% of each other sit on the same or the next shelf


def one_per_claim(events: list[Event], headline_end: int = 0) -> list[Event]:
    """Merge what an article repeats: the same model, or the same amount for the same
    organization, kind and item (a vague amount only with the same date). A headline
    that names the spender otherwise than the story ("IndiaAI lines up 18,693 GPUs", then
    "India will make 18,693 GPUs available") repeats it too. Each event is compared only
    with the claims kept so far that it can repeat (`_Kept`), so that an article of
    thousands of figures takes time in proportion to them."""
    kept = _Kept(headline_end)
    for event in events:
        position = next((p for p in kept.candidates(event) if _same_claim(kept.events[p], event)
                         or _headline_repeat(kept.events[p], event, headline_end)), None)
        if position is None:
            kept.add(event)
            continue
        twin = kept.events[position]
        best, other = (event, twin) if _better(event, twin) else (twin, event)
        if best.kind == "model_release" and "done" in (best.status, other.status):
            best.status = "done"
        if best.kind == "model_release" and len(other.model or "") > len(best.model or ""):
            best.model = other.model  # "DeepSeek-R1" over "R1": the name in full
        _fill_from(best, other)
        kept.replace(position, best)
    return _without_bare_families(kept.events)


def _fill_from(best: Event, other: Event) -> None:
    """What a figure is, where only the other mention says it: "Meta spent $39.2 billion
    in 2024" in a headline, "capital expenditures ... $39.23 billion" in the story."""
    best.category = best.category or other.category
    best.counterparty = best.counterparty or other.counterparty
    best.measure = best.measure or other.measure
    if best.period_start is None and best.period_end is None:
        best.period_start, best.period_end = other.period_start, other.period_end


class _Kept:
    """The claims kept so far, in order, indexed by organization, kind and model or amount."""

    def __init__(self, headline_end: int):
        self.events: list[Event] = []
        self.headline_end = headline_end
        self._index: dict[tuple, set[int]] = defaultdict(set)
        self._headline: dict[str, list[int]] = defaultdict(list)  # kind: kept events read in the headline

    def add(self, event: Event) -> None:
        self.events.append(event)
        self.replace(len(self.events) - 1, event)
        if event.start < self.headline_end and event.kind != "model_release":
            self._headline[event.kind].append(len(self.events) - 1)

    def replace(self, position: int, event: Event) -> None:
        self.events[position] = event
        for key in _keys(event):
            self._index[key].add(position)

    def candidates(self, event: Event) -> list[int]:
        """The positions of kept events `event` may repeat, in the order they were kept."""
        found = set(self._headline.get(event.kind, ()))
        for key in _keys(event, neighbours=True):
            found |= self._index.get(key, set())
        return sorted(found)


def _keys(event: Event, neighbours: bool = False) -> list[tuple]:
    subject = (event.kind, event.org)
    if event.kind == "model_release":
        return [(*subject, model_key(event.org, event.model))]
    shelves = {_shelf(value) for value in (event.amount_low, event.amount_high) if value is not None} or {None}
    if neighbours:
        shelves |= {shelf + step for shelf in shelves if shelf is not None for step in (-1, 1)}
    return [(*subject, shelf) for shelf in shelves]


def _shelf(value: float) -> int | None:
    return int(math.floor(math.log10(value) / SHELF)) if value > 0 else None


def _same_claim(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.org != b.org:
        return False
    if a.kind == "model_release":
        return model_key(a.org, a.model) == model_key(b.org, b.model)
    if a.item != b.item and not (a.item in GENERIC_ITEMS or b.item in GENERIC_ITEMS):
        return False
    same_amount = close_amounts(a.amount_low, b.amount_low) and close_amounts(a.amount_high, b.amount_high)
    if a.vague or b.vague:
        return same_amount and a.date == b.date
    if same_amount:
        return True
    # "$60-65B" then "the $65 billion"; "more than 1.3 million GPUs" then "1.3 million GPUs"
    # "as much as $40bn" then "$35bn to $40bn": a figure or bound that is an end of a range
    def closed_range(e: Event) -> bool:
        return e.amount_low is not None and e.amount_high is not None and e.amount_low != e.amount_high
    if closed_range(a) and closed_range(b):
        return False
    matches_end = ((a.amount_low is not None and close_amounts(a.amount_low, b.amount_low))
                   or (a.amount_high is not None and close_amounts(a.amount_high, b.amount_high))
                   or (a.amount_low is not None and a.amount_low == a.amount_high and close_amounts(a.amount_low, b.amount_high))
                   or (b.amount_low is not None and b.amount_low == b.amount_high and close_amounts(b.amount_low, a.amount_high)))
    same_year = a.date is None or b.date is None or a.date[:4] == b.date[:4]
    return matches_end and same_year


def _headline_repeat(a: Event, b: Event, headline_end: int) -> bool:
    """The same exact amount and item, one in the headline and one in the story, whoever
    each names."""
    if a.kind == "model_release" or a.kind != b.kind or a.vague or b.vague or a.item != b.item:
        return False
    if (a.start < headline_end) == (b.start < headline_end):
        return False
    return a.amount_low == a.amount_high and close_amounts(a.amount_low, b.amount_low) and close_amounts(a.amount_high, b.amount_high)


def close_amounts(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _better(candidate: Event, incumbent: Event) -> bool:
    """Whether a repeat says more than the first mention: a range or bound where the
    first gave one figure, else a date where it gave none or a finer one."""
    def is_exact(e: Event) -> bool:
        return e.amount_low == e.amount_high

    if candidate.kind == "hardware" and candidate.item != incumbent.item:
        return incumbent.item in GENERIC_ITEMS  # the named chip says more
    def closed_range(e: Event) -> bool:
        return e.amount_low is not None and e.amount_high is not None and e.amount_low != e.amount_high
    if candidate.kind != "model_release" and closed_range(candidate) != closed_range(incumbent):
        return closed_range(candidate)
    if candidate.kind != "model_release" and is_exact(candidate) != is_exact(incumbent):
        return is_exact(incumbent)
    if candidate.date and incumbent.date and candidate.date_inferred != incumbent.date_inferred:
        return incumbent.date_inferred  # a date the text gives over the story's day
    if PRECISION_RANK[candidate.date_precision] != PRECISION_RANK[incumbent.date_precision]:
        return PRECISION_RANK[candidate.date_precision] > PRECISION_RANK[incumbent.date_precision]
    return _digits(candidate.amount_text) > _digits(incumbent.amount_text)  # "$39.23 billion" over "$39.2 billion"


def _digits(amount_text: str | None) -> int:
    return len(re.findall(r"\d", amount_text or ""))


def _without_bare_families(events: list[Event]) -> list[Event]:
    """"Google unveils Gemini" is the same launch as "Gemini 1.0" in the same article."""
    versioned = {(e.org, re.split(r"[\s-]", e.model)[0]) for e in events
                 if e.kind == "model_release" and e.model and re.search(r"[\d\s-]", e.model)}
    return [e for e in events if not (e.kind == "model_release" and e.model and not re.search(r"[\d\s-]", e.model)
                                      and (e.org, e.model) in versioned)]
