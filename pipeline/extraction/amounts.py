"""Amounts as news writes them: "$1.5bn", "€60-65B", "between $35 billion and $40 billion",
"hundreds of millions of dollars", "more than 1.3 million", "half a trillion dollars".

`find_money` and `find_counts` return `Quantity` values in the units written (currency
units or items); conversion to US dollars happens with `to_usd` and a rate table.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .patterns import SPACES, CaseBlind, compiled, lower_cased

SCALES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7, "cr": 1e7, "lakh crore": 1e12,
}
WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
    "hundred": 100, "half a": 0.5, "a half": 0.5, "a quarter of a": 0.25, "a dozen": 12,
}
# Vague quantities and the range they stand for, as multiples of the scale word.
VAGUE_MULTIPLIERS = {
    "": (1, 10), "several": (1, 10), "many": (1, 10), "a few": (1, 10), "multiple": (1, 10),
    "tens of": (10, 100), "hundreds of": (100, 1000), "several hundred": (100, 1000),
    "a few hundred": (100, 1000),
}
PREFIX_CURRENCIES = {
    "us$": "USD", "$us": "USD", "usd": "USD", "$": "USD", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "s$": "SGD", "nz$": "NZD",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "rs": "INR", "rs.": "INR", "inr": "INR", "₹": "INR",
    "chf": "CHF", "₩": "KRW", "krw": "KRW", "sar": "SAR", "sr": "SAR", "aed": "AED",
}
SUFFIX_CURRENCIES = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR", "won": "KRW",
    "swiss francs": "CHF", "riyals": "SAR", "dirhams": "AED",
}
LOW_BOUNDS = (
    "more than", "over", "at least", "upwards of", "upward of", "north of", "in excess of", "exceeding",
    "above", "greater than", "bigger than", "larger than", "no less than", "a little more than",
    "just over", "well over", "well above", "beyond", "a minimum of", "not less than",
    "exceed", "exceeds", "surpass", "surpasses", "top", "tops", "topping",
)
HIGH_BOUNDS = (
    "up to", "as much as", "as many as", "under", "less than", "below", "no more than",
    "at most", "a maximum of", "just under", "well under", "fewer than", "not more than",
)
APPROXIMATE = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "close to", "some",
    "an estimated", "estimated", "circa", "approx.", "~", "just shy of",
)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class Quantity:
    """An amount found in text: [low, high] in the units written; None is an open bound."""

    start: int
    end: int
    low: float | None
    high: float | None
    currency: str | None
    vague: bool = False
    text: str = ""

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Thousands grouped by commas, or by spaces as South African and French style writes them
# ("3 000", "R14 000"; ordinary, no-break or thin spaces)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?"
_WORDNUM = _alternation(WORD_NUMBERS)
_SCALE_WORDS = r"lakh\s+crore|thousand|million|billion|trillion|crore|lakh|mln|bln|cr"  # "Rs. 20,761 Cr"
_SCALE_SHORT = r"bn|mn|tn|cr|[kmbtKMBT]"
_SCALE = rf"(?:(?:\s*|-)(?:{_SCALE_WORDS})\b|(?:{_SCALE_SHORT})\b)"  # "$720-million" as well
_PREFIX = _alternation(k for k in PREFIX_CURRENCIES if k not in ("rs", "rs."))
_PREFIX = rf"(?:{_PREFIX}|Rs\.?(?=\s?\d))"
_SUFFIX = _alternation(SUFFIX_CURRENCIES)
_BOUND = _alternation(LOW_BOUNDS + HIGH_BOUNDS + APPROXIMATE)
_SEP = r"\s*(?:-|–|—|to|and)\s*"

# "$60bn", "$60-65B", "$16 billion to $18 billion", "US$ 2.5 billion", "€4bn"
_PREFIXED = rf"""
    (?P<cur>{_PREFIX})\s?(?P<n1>{_NUM})(?P<s1>{_SCALE})?
    (?:(?P<sep>{_SEP})(?:{_PREFIX})?\s?(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?
    (?P<plus>-plus\b|\+)?
"""
# "380bn yuan", "1.2 trillion yen", "10,000 crore rupees", "a trillion dollars"
_SUFFIXED = rf"""
    (?P<sn1>{_NUM}|\b(?:{_WORDNUM}))(?P<ss1>{_SCALE})?
    (?:{_SEP}(?P<sn2>{_NUM})(?P<ss2>{_SCALE})?)?
    \s+(?:of\s+)?(?P<scur>{_SUFFIX})\b
"""
# "hundreds of millions of dollars", "billions and many billions of dollars", "$ billions"
_VAGUE = rf"""
    \b(?P<vq>tens\s+of|hundreds\s+of|several\s+hundred|several|many|a\s+few|multiple)?\s*
    (?P<vs>thousands|millions|billions|trillions)
    (?:\s+(?:and|or)\s+(?:many\s+|even\s+)?(?:tens\s+of\s+|hundreds\s+of\s+)?(?:thousands|millions|billions|trillions))?
    \s+of\s+(?P<vcur>{_SUFFIX})\b
"""
# "several billion dollars", "a few million euros"
_FEW = rf"""\b(?P<fq>several|a\s+few|many)\s+(?P<fh>hundred\s+)?(?P<fs>million|billion|trillion)\s+(?P<fcur>{_SUFFIX})\b"""
# "multibillion-dollar", "a multi-billion dollar"
_MULTI = r"\bmulti-?(?P<ms>million|billion|trillion)[- ](?P<mcur>dollar|euro|pound)\b"
_MONEY = CaseBlind(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?:{_PREFIXED}|{_FEW}|{_SUFFIXED}|{_VAGUE}|{_MULTI})(?P<ormore>\s+or\s+more)?",
    re.VERBOSE,
)

# Counts of things: "100,000", "1.3 million", "hundreds of thousands", "half a million"
_COUNT = CaseBlind(
    rf"""(?:(?P<bound>{_BOUND})\s+["'\u201c]?)?(?:
        (?P<vq>tens\s+of|hundreds\s+of|several\s+hundred|a\s+few\s+hundred|several|a\s+few)\s+(?P<vs>thousands?|millions?)
      | (?<![\w.$€£¥₹₩])(?P<n1>{_NUM})(?P<s1>\s*(?:thousand|million)\b|[kK]\b)?(?:\s*(?:-|–|to)\s*(?P<n2>{_NUM})(?P<s2>\s*(?:thousand|million)\b|[kK]\b)?)?
      | \b(?P<w1>{_WORDNUM})\s+(?P<ws>thousand|million)\b
    )(?P<plus>\+)?""",
    re.VERBOSE,
)


MAX_DIGITS = 16  # a figure written with more digits than this is no amount anyone reports


def _number(digits: str) -> float:
    """A written number's value; one too long to be a figure (400 nines) is infinite and
    is dropped by the finders (`_finite`)."""
    plain = digits.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if len(plain.split(".")[0]) > MAX_DIGITS:
        return math.inf
    return float(plain)


def _finite(quantity: "Quantity") -> bool:
    return all(value is None or math.isfinite(value) for value in (quantity.low, quantity.high))


def _to_cents(quantity: "Quantity") -> "Quantity":
    return replace(quantity, low=None if quantity.low is None else round(quantity.low, 2),
                   high=None if quantity.high is None else round(quantity.high, 2))


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    word = SPACES.sub(" ", word.strip().lstrip("-").lower())
    return SCALES.get(word, 1.0)


def _apply_bound(low: float, high: float, bound: str | None, ormore: bool) -> tuple[float | None, float | None]:
    bound = (bound or "").lower()
    if bound in LOW_BOUNDS or ormore:
        return low, None
    if bound in HIGH_BOUNDS:
        return None, high
    return low, high


LOOKBACK_CHARS = 32
# Words an amount or a count can begin with, so that only those are tried before an anchor.
# Currency codes ("usd", "rmb") and the letters before a dollar sign ("us" of "US$").
CURRENCY_CODES = sorted(key for key in PREFIX_CURRENCIES if key.isalpha())
_PREFIX_LETTERS = sorted({*CURRENCY_CODES, *(key.strip("$") for key in PREFIX_CURRENCIES if "$" in key and key != "$")},
                         key=lambda word: (-len(word), word))
_FIRST_WORDS = sorted(
    {phrase.split()[0] for phrase in (*LOW_BOUNDS, *HIGH_BOUNDS, *APPROXIMATE, *WORD_NUMBERS, *VAGUE_MULTIPLIERS) if phrase}
    | {"thousands", "millions", "billions", "trillions", *_PREFIX_LETTERS},
    key=len, reverse=True)
_WORD_BEFORE = CaseBlind(rf"(?<![\w.,-])(?:~|\d|multi|(?:{'|'.join(re.escape(w) for w in _FIRST_WORDS)})(?![a-z]))")

# Where an amount can be (its anchor): a currency sign or a digit that starts a number,
# found by a fast scan; a currency code written against its figure ("USD5bn") or a vague
# scale word ("billions of dollars"), looked for only in sentences that have one. A code
# before a space or a sign ("USD 5bn", "US$5bn") needs no anchor of its own: the figure's
# anchor tries the words before it.
_MONEY_SIGN_OR_DIGIT = compiled(r"[$€£¥₹₩]|\d(?<![\w.,]\d)")
_MONEY_WORD = CaseBlind(
    rf"\b(?:{'|'.join(_PREFIX_LETTERS)})\$?(?=\s?\d)|"
    r"\b(?:thousands|millions|billions|trillions|multi-?(?:million|billion|trillion)|(?:million|billion|trillion)\s+(?:dollars|euros|pounds|yen|yuan))\b"
)
_COUNT_DIGIT = compiled(r"\d(?<![\w.,$€£¥₹₩]\d)")
_COUNT_WORD = CaseBlind(r"\b(?:thousands?|million|hundreds|hundred|tens)\b")
_LETTER_DIGIT = compiled(r"[a-z]\d")


def _anchors(text: str, fast: re.Pattern, words: CaseBlind, has_words) -> list[int]:
    """Where amounts can be: `fast`'s matches, and `words`' where `has_words(lowered)`."""
    starts = [m.start() for m in fast.finditer(text)]
    if has_words(text.lower()):
        starts = sorted(starts + [m.start() for m in words.finditer(text)])
    return starts


def _may_have_money_words(lowered: str) -> bool:
    return "illion" in lowered or "thousand" in lowered or _LETTER_DIGIT.search(lowered) is not None


def _may_have_count_words(lowered: str) -> bool:
    return "thousand" in lowered or "million" in lowered or "hundred" in lowered or "tens" in lowered


def _anchored_money(pattern: CaseBlind, text: str, anchors: list[int]):
    """`pattern`'s matches left to right. Each is looked for around an anchor: starting at
    the earliest word of the few before it, so bounds and number words are included. The
    text is read lower-cased: a match's groups are lower-case, its span is the text's."""
    subject, lowered = lower_cased(text)
    grammar, words_before = pattern.for_text(lowered), _WORD_BEFORE.for_text(lowered)
    position = 0
    for at in anchors:
        if at < position:
            continue
        window_start = max(position, at - LOOKBACK_CHARS)
        starts = [w.start() for w in words_before.finditer(subject, window_start, at)] + [at]
        for start in starts:
            match = grammar.match(subject, start)
            if match and match.end() > at:
                position = match.end()
                yield match
                break


def find_money(text: str, most: int | None = None) -> list[Quantity]:
    """Money amounts in `text`, in the currency written; only the first `most` looked for."""
    found: list[Quantity] = []
    for m in _anchored_money(_MONEY, text, _anchors(text, _MONEY_SIGN_OR_DIGIT, _MONEY_WORD, _may_have_money_words)):
        if most is not None and len(found) >= most:
            break
        g = m.groupdict()
        vague = False
        if g["cur"]:
            currency = PREFIX_CURRENCIES[g["cur"].lower()]
            low, high = _pair(g["n1"], g["s1"], g["n2"], g["s2"])
            if g["sep"] and not _is_range(text, m.start(), g["sep"]):
                # "$13 billion and $9.2 billion": two amounts; "from $75bn to $85bn": the new one
                found.extend(_split_pair(text, m, currency, g))
                continue
            if g["plus"]:
                high = None
        elif g["scur"]:
            currency = SUFFIX_CURRENCIES[g["scur"].lower()]
            first = g["sn1"]
            if first.replace(",", "").replace(".", "").isdigit():
                low, high = _pair(first, g["ss1"], g["sn2"], g["ss2"])
            else:
                value = WORD_NUMBERS[SPACES.sub(" ", first.lower())] * _scale(g["ss1"])
                low = high = value
        elif g["vs"]:
            currency = SUFFIX_CURRENCIES[g["vcur"].lower()]
            lo_mult, hi_mult = VAGUE_MULTIPLIERS[SPACES.sub(" ", (g["vq"] or "").lower())]
            unit = SCALES[g["vs"].lower().rstrip("s")]
            low, high, vague = lo_mult * unit, hi_mult * unit, True
        elif g["fs"]:
            currency = SUFFIX_CURRENCIES[g["fcur"].lower()]
            unit = SCALES[g["fs"].lower()] * (100 if g["fh"] else 1)
            low, high, vague = unit, 10 * unit, True
        else:
            currency = SUFFIX_CURRENCIES[g["mcur"].lower() + "s"]
            unit = SCALES[g["ms"].lower()]
            low, high, vague = unit, 10 * unit, True
        if low is None:
            continue
        if not vague:
            low, high = _apply_bound(low, high, g["bound"], bool(g["ormore"]))
        found.append(Quantity(m.start(), m.end(), low, high, currency, vague, text[m.start():m.end()]))
    # to the cent: 17.01 x 1e9 is 17010000000.000002 in binary floating point
    return [_to_cents(quantity) for quantity in found if _finite(quantity)]


def _is_range(text: str, start: int, separator: str) -> bool:
    """"$60-65B" and "between $35bn and $40bn" are ranges; "from $75bn to $85bn" is a change."""
    before = text[max(0, start - 12):start].lower()
    separator = separator.strip().lower()
    if separator == "and":
        return before.rstrip().endswith("between")
    if separator == "to":
        return not before.rstrip().endswith("from")
    return True


def _split_pair(text: str, m: re.Match, currency: str, g: dict) -> list[Quantity]:
    """The two ends of "X and Y" as separate amounts, or only Y for "from X to Y"."""
    second_start = m.start("n2")
    while second_start > m.start() and text[second_start - 1] not in " -–—":
        second_start -= 1  # back over a repeated currency sign
    first_value = _number(g["n1"]) * _scale(g["s1"] or (g["s2"] if g["sep"].strip() == "to" else None))
    second_value = _number(g["n2"]) * _scale(g["s2"] or g["s1"])
    second = Quantity(second_start, m.end(), second_value, second_value, currency, False, text[second_start:m.end()])
    if g["sep"].strip().lower() == "to":
        return [second]
    first_end = m.end("s1") if g["s1"] else m.end("n1")
    low, high = _apply_bound(first_value, first_value, g["bound"], False)
    first = Quantity(m.start(), first_end, low, high, currency, False, text[m.start():first_end])
    return [first, second]


def _pair(n1: str, s1: str | None, n2: str | None, s2: str | None) -> tuple[float, float]:
    """A number or a range; a scale written once applies to both ends ("$60-65B")."""
    first = _number(n1)
    if n2 is None:
        value = first * _scale(s1)
        return value, value
    second = _number(n2)
    scale1, scale2 = _scale(s1 or s2), _scale(s2 or s1)
    low, high = first * scale1, second * scale2
    return (low, high) if low <= high else (high, low)


_THOUSANDS_BY_STOPS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _stops_as_thousands(digits: str, scale: str | None) -> str:
    """A count written with stops between thousands ("22.000 units", as much of Europe
    writes it) read as thousands: no one counts chips in thousandths."""
    return digits.replace(".", "") if not scale and _THOUSANDS_BY_STOPS.fullmatch(digits) else digits


def find_counts(text: str, most: int | None = None) -> list[Quantity]:
    """Plain counts in `text` ("100,000", "1.3 million", "hundreds of thousands"); only the
    first `most` looked for."""
    found: list[Quantity] = []
    for m in _anchored_money(_COUNT, text, _anchors(text, _COUNT_DIGIT, _COUNT_WORD, _may_have_count_words)):
        if most is not None and len(found) >= most:
            break
        g = m.groupdict()
        if g["vs"]:
            lo_mult, hi_mult = VAGUE_MULTIPLIERS[SPACES.sub(" ", g["vq"].lower())]
            unit = SCALES[g["vs"].lower().rstrip("s")]
            low, high = _apply_bound(lo_mult * unit, hi_mult * unit, g["bound"], False)
            found.append(Quantity(m.start(), m.end(), low, high, None, True, text[m.start():m.end()]))
            continue
        if g["w1"]:
            value = WORD_NUMBERS[SPACES.sub(" ", g["w1"].lower())] * _scale(g["ws"])
            low, high = value, value
        else:
            low, high = _pair(_stops_as_thousands(g["n1"], g["s1"]), g["s1"], g["n2"], g["s2"])
        low, high = _apply_bound(low, high, g["bound"], bool(g["plus"]))
        found.append(Quantity(m.start(), m.end(), low, high, None, False, text[m.start():m.end()]))
    # to the cent: 17.01 x 1e9 is 17010000000.000002 in binary floating point
    return [_to_cents(quantity) for quantity in found if _finite(quantity)]


def to_usd(quantity: Quantity, usd_per_unit: dict[str, float]) -> Quantity:
    """The same quantity in US dollars; unknown currencies are returned unchanged."""
    rate = usd_per_unit.get(quantity.currency or "", None)
    if rate is None or quantity.currency == "USD":
        return quantity
    scale = lambda v: None if v is None else round(v * rate, 2)  # noqa: E731
    return replace(quantity, low=scale(quantity.low), high=scale(quantity.high))


def format_usd(low: float | None, high: float | None) -> str:
    """An amount as people write it: "$1.5B", "$100M-$1B", "more than $100B", "up to $5B"."""

    def short(v: float) -> str:
        for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
            if abs(v) >= size:
                figure = f"{v / size:.2f}".rstrip("0").rstrip(".")
                return f"${figure}{unit}"
        return f"${v:,.0f}"

    return _format_range(low, high, short)


def format_count(low: float | None, high: float | None) -> str:
    """A unit count as people write it: "350,000", "100,000-1,000,000", "more than 1,000"."""
    return _format_range(low, high, lambda v: f"{v:,.0f}")


def _format_range(low: float | None, high: float | None, show) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f"more than {show(low)}"
    if low is None:
        return f"up to {show(high)}"
    if low == high:
        return show(low)
    return f"{show(low)}-{show(high)}"
