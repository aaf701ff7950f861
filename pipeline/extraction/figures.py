"""What a figure is: the kind of spending an investment is (capex, a facility, a contract
with its counterparty, a training run, a programme), whether a count of chips is a fleet
or an order, and the span of time the money or chips cover.

Without these no total is honest: a year's capex guidance is not added to the quarters
that make it up, a multi-year pledge lands over its years rather than in one, and a
fleet is not added to the orders that built it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from .dates import DEADLINE, POINT, SPAN, DateMention
from .organizations import OrgMention
from .patterns import CaseBlind

# Training a model: "cost $100 million to train", "its training run".
_TRAINING = CaseBlind(r"\b(?:to\s+train|train(?:ed|ing)?\s+(?:the|its|a|an|their)\s+(?:[\w-]+\s+){0,3}?(?:models?|LLMs?|system)|"
                      r"training\s+(?:run|runs|costs?|compute|bill)|final\s+training|pre-?training|"
                      r"cost\w*\s+(?:\w+\s+){0,6}?to\s+(?:train|build\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){0,2}?model))\b"
                      r"|^(?=.*\btrain(?:ing|ed)?\b)(?=.*\b(?:cost|costs|costing|price|bill)\b)")
# Compute bought or leased from a seller.
_CONTRACT = CaseBlind(r"\b(?:contracts?|deals?|agreements?|pacts?|leases?|leasing|leased|rent\w*|"
                      r"(?:cloud|computing|compute|GPU)\s+(?:capacity|services|contract|deal)|capacity|offtake|"
                      r"(?:buy|buys|bought|purchase\w*|procure\w*)\s+(?:\w+\s+){0,3}?(?:compute|capacity|cloud))\b")
_COUNTERPARTY_BEFORE = CaseBlind(r"\b(?:with|from|by|through|via)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}$")
_PROVIDES = CaseBlind(r"^\s*(?:['’]s\s+)?(?:\w+\s+){0,2}?(?:will\s+|would\s+|to\s+)?(?:provide|supply|deliver|host|offer|build|run)\w*\b")
# A year's capital spending: guidance or actual for a period.
_CAPEX = CaseBlind(r"\b(?:capex|capital\s+(?:expenditures?|spending|investments?|outlays?|budget)|property\s+and\s+equipment|"
                   r"spending\s+(?:forecast|guidance|outlook|plans?\s+for\s+(?:the|this|next)\s+(?:fiscal\s+)?year))\b")
# A fund, a joint venture or a national programme that spends on compute.
_PROGRAM = CaseBlind(r"\b(?:fund|joint\s+venture|programme|program|initiative|mission|scheme|consortium)\b")
_PROGRAM_NAME = re.compile(r"\b(?:Fund|Mission|Programme|Program|Initiative|Scheme|Project|Stargate|Alliance|"
                           r"Partnership|Consortium|InvestAI)\b")
# A building, a campus, a cluster or a region: one place.
_FACILITY = CaseBlind(r"\b(?:data\s*cent(?:er|re)s?|campus(?:es)?|sites?|facilit(?:y|ies)|clusters?|super\s?computers?|"
                      r"super\s?clusters?|cloud\s+regions?|AI\s+factor(?:y|ies)|gigafactor(?:y|ies)|server\s+farms?|"
                      r"hyperscale\s+(?:campus|site)|power\s+plants?)\b")
_ONE_SITE = CaseBlind(r"\b(?:a|an|the|its|their|one|new|first|second)\s+(?:[\w.,'’-]+\s+){0,3}?(?:data\s*cent(?:er|re)|campus|site|"
                      r"facility|cluster|super\s?computer|super\s?cluster|cloud\s+region|AI\s+factory|gigafactory|"
                      r"server\s+farm|power\s+plant)\b(?!s)")
_INFRASTRUCTURE = CaseBlind(r"\b(?:AI\s+infrastructure|servers|chips|GPUs|compute\s+capacity)\b")
# A count of everything an organization runs, against one purchase.
_FLEET = CaseBlind(r"\b(?:have|has|had|having|own\w*|operat\w*|runs?|running|fleet|in\s+total|total\s+of|reach\w*|"
                   r"bring\s+(?:its|the)\s+(?:total|fleet|number)|number\s+of|equivalents?|cluster\s+of|comprising|"
                   r"links?|connect\w*|houses?|powered\s+by|uses?|using|installed\s+base|end\s+(?:the|this|next)\s+year\s+with)\b")
_ORDER = CaseBlind(r"\b(?:bought|buy|buys|buying|purchas\w*|order\w*|acquir\w*|deliver\w*|ship\w*|receiv\w*|secur\w*|"
                   r"add(?:s|ed|ing)?|another|additional|more(?!\s+than\b)|deal|contract|supply|supplies|supplied|sell|sells|sold|"
                   r"rent\w*|lease\w*|get|gets|got)\b")


def spending_category(text: str, start: int, end: int, clause: tuple[int, int], spender: str | None,
                      orgs: list[OrgMention]) -> tuple[str | None, str | None]:
    """The category of the investment whose amount is at [start, end) in `text`, and the
    counterparty of a contract (the seller of the compute), canonical name."""
    training, contract, capex, one_site, facility = _clause_words(text[clause[0]:clause[1]])
    if training:
        return "training", None
    if contract:
        seller = _counterparty(text, clause, spender, orgs)
        if seller is not None:
            return "contract", seller
    if capex:
        return "capex", None
    if spender and _PROGRAM_NAME.search(spender) or _PROGRAM.search(text, max(clause[0], start - 60), min(clause[1], end + 80)):
        return "program", None
    if one_site:
        return "facility", None  # one site; data centers in general, over a year or years, are capex
    if facility:
        return "capex", None
    return None, None


@lru_cache(maxsize=256)
def _clause_words(scope: str) -> tuple[bool, bool, bool, bool, bool]:
    """Which words of a category a clause holds (training, contract, capex, one site, a
    facility or infrastructure): read once for every amount in the clause."""
    return (bool(_TRAINING.search(scope)), bool(_CONTRACT.search(scope)), bool(_CAPEX.search(scope)),
            bool(_ONE_SITE.search(scope)), bool(_FACILITY.search(scope) or _INFRASTRUCTURE.search(scope)))


def _counterparty(text: str, clause: tuple[int, int], spender: str | None, orgs: list[OrgMention]) -> str | None:
    """The other side of a deal in the clause: named after "with" or "from", or as the one
    that provides the compute."""
    for mention in orgs:
        if not clause[0] <= mention.start < clause[1] or mention.org == spender or mention.type == "person":
            continue
        if _COUNTERPARTY_BEFORE.search(text, max(clause[0], mention.start - 40), mention.start) \
                or _PROVIDES.match(text, mention.end, min(clause[1], mention.end + 40)):
            return mention.org
    return None


def chip_measure(text: str, start: int, end: int, clause: tuple[int, int]) -> str | None:
    """Whether the count at [start, end) is a fleet (all an organization runs) or an order
    (a purchase or a delivery), from the words that govern it."""
    lead_in = text[max(clause[0], start - 80):start]
    follow = text[end:min(clause[1], end + 40)]
    orders = [m.end() for m in _ORDER.finditer(lead_in)]
    fleets = [m.end() for m in _FLEET.finditer(lead_in)]
    if orders or fleets:
        return "order" if max(orders, default=-1) > max(fleets, default=-1) else "fleet"
    if _FLEET.search(follow):
        return "fleet"
    if _ORDER.search(follow):
        return "order"
    return None


_COUNTED_BACK = CaseBlind(r"\b(?:earlier|ago|before)\b")


def period_of(mention: DateMention | None, fiscal_last_month: int, announced: dt.date) -> tuple[str | None, str | None]:
    """The first and last day the money or chips cover, as ISO dates: a span as written,
    a deadline from `announced` to it, a quarter, a calendar year or the organization's
    fiscal year (a year named "fiscal"); none for a day or a month (when something was
    said or done) or a moment counted back ("a year earlier")."""
    if mention is None:
        return None, None
    if mention.role == SPAN or mention.since:  # as written: "over the next four years", "its fiscal year to June"
        return _iso(mention.since), _iso(mention.until)
    day, precision = mention.date, mention.precision
    if day is None or precision in (None, "day") or mention.role == POINT or _COUNTED_BACK.search(mention.text):
        return None, None  # the day or month something was said or done; "a year earlier" is a moment
    if mention.role == DEADLINE:
        return (_iso(announced), _iso(day)) if announced <= day else (None, None)
    if precision == "month":
        return _iso(day.replace(day=1)), _iso(_month_end(day.year, day.month))
    if precision == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return _iso(dt.date(day.year, first, 1)), _iso(_month_end(day.year, first + 2))
    fiscal = bool(re.search(r"\b(?:fiscal|financial\s+year|fy)", mention.text, re.IGNORECASE))
    if fiscal and fiscal_last_month != 12:  # Microsoft's fiscal 2025: July 2024 to June 2025
        start_month = fiscal_last_month % 12 + 1
        return _iso(dt.date(day.year - 1, start_month, 1)), _iso(_month_end(day.year, fiscal_last_month))
    return _iso(dt.date(day.year, 1, 1)), _iso(dt.date(day.year, 12, 31))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
