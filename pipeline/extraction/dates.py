"""Date phrases in news text, resolved against the article's publication date.

`find_dates(text, context)` returns every date phrase in a sentence with the date it
stands for and how precise the text is: "on Tuesday" is a day, "in April" a month,
"the fourth quarter" a quarter, "in fiscal 2025" or "later this year" a year, and
"by year's end" a deadline (the last day of the year, at year precision).

The common forms are parsed by the grammar below, which is fast and knows the traps
(dateparser turns "in April" into the 14th and reads none of "by year's end",
"mid-2024" or "the second half of 2025"). Rare relative forms ("three weeks ago")
go to dateparser's `DateDataParser`, which also reports the precision it read.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .patterns import CaseBlind, compiled, lower_cased

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "a couple of": 2, "several": 3}
HOLIDAYS = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
            "independence day": (7, 4), "valentine's day": (2, 14)}

# Roles: what a phrase says about time.
POINT = "point"        # a day or a month: "on Tuesday", "in April"
PERIOD = "period"      # a quarter or a year: "in the fourth quarter", "in fiscal 2025"
DEADLINE = "deadline"  # "by year's end", "by 2030": the last day of the period
SPAN = "span"          # several years: "over the next four years"
VAGUE = "vague"        # "in a few months", "soon": no date
DATELINE = "dateline"  # "SEATTLE, Feb 7 -": the article's own date


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str | None
    role: str
    since: dt.date | None = None  # a span's first and last day: "over the next four years"
    until: dt.date | None = None


@dataclass
class DateContext:
    """What a resolver needs besides the phrase: the publication date, the fiscal
    calendar of the organization in question, and what the article said before
    ("the same quarter", "by then")."""

    published: dt.date
    fiscal_last_month: int = 12
    last_event: dict[str, DateMention] = field(default_factory=dict)
    in_sentence: dict[str, DateMention] = field(default_factory=dict)
    lookback: "Callable[[str], DateMention | None] | None" = None  # finds one in earlier sentences

    def remember(self, mention: DateMention) -> None:
        """Keep a date that dated an event, for "the same quarter" or "by then" later on."""
        if mention.date is None:
            return
        self.last_event[mention.precision] = mention
        if mention.role == DEADLINE:
            self.last_event["deadline"] = mention

    def recall(self, key: str) -> DateMention | None:
        """The date "the same quarter" or "that month" refers to: one named earlier in the
        same sentence, else one that dated an event, else the latest named before."""
        found = self.in_sentence.get(key)
        if found is None and key in ("day", "month") and self.lookback is not None:
            found = self.lookback(key)  # "that month", "the same day": the one just named
        return found or self.last_event.get(key) or (self.lookback(key) if self.lookback else None)


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_QUARTER_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_NUMWORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a|several|\d+)"
_HOLIDAY = r"(?:Christmas(?:\s+Day|\s+Eve)?|New\s+Year[’']s\s+(?:Day|Eve)|Halloween|Independence\s+Day|Valentine[’']s\s+Day|Labor\s+Day|Thanksgiving)"

_GRAMMAR = rf"""
  (?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)
| (?P<deadline>\b(?:by|before|until|through|thru)\s+(?:the\s+)?
      (?:(?:end|close)\s+of\s+(?:(?:the\s+)?(?P<dl_fy>fiscal\s+)?(?P<dl_year>{_YEAR})|(?P<dl_rel>this|next|the)?\s*(?:calendar\s+|fiscal\s+)?year|(?P<dl_decade>the\s+decade))
      |(?:year[’']s\s+end|year-end|year\s+end)
      |(?P<dl_bare>{_YEAR})\b(?!\s*(?:-|–)\s*\d))
  | \b(?:end|close)\s+(?:the|this)\s+year\b
  | \b(?:at\s+|by\s+)?year[’']s\s+end\b
  | \bby\s+then\b
  | \bby\s+(?P<dlm_month>{_MONTH})(?:\s+(?P<dlm_year>{_YEAR}))?\b)
| (?P<fiscal_ended>\b(?:in\s+|for\s+)?(?:its\s+|the\s+|a\s+)?(?:current\s+)?(?:fiscal|financial)\s+year\s+(?:that\s+|which\s+)?(?P<fe_verb>ends|ending|ended|to|through)\s+(?:in\s+)?(?:(?:last|this|next)\s+)?(?P<fe_month>{_MONTH})(?:\s+{_DAYNUM}(?!\d))?(?:,?\s+(?P<fe_year>{_YEAR}))?)
| (?P<to_date>\b(?:so\s+far\s+(?:this|in\s+the)\s+year|(?:for\s+the\s+)?year[- ]to[- ]date|(?:in\s+|for\s+)?the\s+first\s+(?P<td_months>six|nine)\s+months\s+of\s+(?:(?P<td_year>{_YEAR})|the\s+year))\b)
| (?P<first_quarters>\b(?:in\s+|for\s+|during\s+|over\s+)?(?:the\s+|its\s+)?first\s+(?P<fq_n>two|three)\s+(?:fiscal\s+)?quarters(?:\s+of\s+(?:(?:the\s+|its\s+)?(?:fiscal\s+|financial\s+)?year|(?:fiscal\s+|FY\s*)?(?P<fq_year>{_YEAR})))?\b)
| (?P<quarter_ended>\b(?:in\s+)?(?:the\s+|its\s+)?(?:(?:fiscal\s+)?{_QUARTER_WORD}[- ]quarter\s+|quarter\s+|three\s+months\s+|period\s+)(?:that\s+|which\s+)?(?:ended|ending|to|through)\s+(?:in\s+)?(?:(?P<qe_rel>last|this)\s+)?(?P<qe_month>{_MONTH})(?:\s+{_DAYNUM}(?!\d))?(?:,?\s+(?P<qe_year>{_YEAR}))?)
| (?P<quarter>\b(?:(?P<q_rel>last|this|next|current|previous|same|that|the\s+current|the\s+previous|the\s+same|the\s+latest|the\s+most\s+recent)\s+quarter\b
      | (?:the\s+|its\s+)?(?:fiscal\s+)?(?P<q_ord>{_QUARTER_WORD})[- ](?:fiscal[- ])?quarter(?:\s+of\s+(?:(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s*)?(?P<q_year>{_YEAR})|(?P<q_yrel>this|last|next)\s+(?:fiscal\s+)?year))?
      | (?:the\s+)?(?:current\s+|latest\s+)?(?:{_MONTH}\s*[-–]\s*)?(?P<q_month>January|February|March|April|May|June|July|August|September|October|November|December)\s+quarter
      | \bQ(?P<q_num>[1-4])(?:\s*(?:of\s+(?:fiscal\s+)?)?(?:FY\s*)?['’]?(?P<q_y>{_YEAR}|\d\d))?\b
      | \b{_YEAR}\s*Q(?P<q_num2>[1-4])\b))
| (?P<elliptic_quarter>\b(?:in|for)\s+the\s+(?P<eq_ord>first|second|third|fourth)\b(?![- ]|\s+(?:\w+[- ])?(?:quarter|half|time|of|day|week|month|year|place|round|phase|stage|two|three|four|five|model|version|generation|chip|[a-z]+s\b)))
| (?P<thequarter>\b(?:in|during|for|over)\s+the\s+quarter\b(?!\s+(?:that|which|ended|ending|to)))
| (?P<firstmonths>\b(?:in\s+)?the\s+(?P<fm_ord>first|second|third|last|final|latest)\s+three\s+months\s+of\s+(?:(?P<fm_year>{_YEAR})|the\s+year)\b)
| (?P<half>\b(?:H[12]\s*{_YEAR}|(?:the\s+)?(?:first|second|back|latter)\s+half\s+of\s+(?:(?P<h_year>{_YEAR})|(?P<h_rel>this|next|last|the)\s+year)|(?:the\s+)?(?:first|second)\s+half\b))
| (?P<rough>\b(?P<r_when>early|mid|late|the\s+middle\s+of|the\s+beginning\s+of|the\s+start\s+of)[- ]\s*(?:(?P<r_year>{_YEAR})|(?P<r_rel>this|next|last)\s+year)
      | \b(?:(?P<s_rel>this|last|next)\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<s_year>{_YEAR}))?\b)
| (?P<fiscal>\b(?:fiscal(?:\s+year)?|FY)\s*['’]?(?P<f_year>{_YEAR}|\d\d)\b
      | \b(?:(?P<f_rel>this|next|last|current|the\s+current|its\s+current|the\s+next|its\s+next|the\s+coming)\s+fiscal\s+year)
      | \b(?:the\s+|its\s+)?(?P<f_full>full)\s+(?:fiscal|financial)\s+year\b(?!\s+(?:\d|to\b|ending|ended|through|that|which)))
| (?P<span>\b(?:over|in|during|across|for)\s+the\s+(?:next|coming|following|past|last)\s+(?:{_NUMWORD}\s+)?(?:few\s+)?(?:years|decades?)\b
      | \bover\s+(?:the\s+course\s+of\s+|a\s+period\s+of\s+)?(?P<sp_n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\b
      | \b(?:between|over|across|during|in|for|through)\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?{_YEAR}\s+and\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?{_YEAR}\b
      | \b{_YEAR}\s*(?:-|–|to|through)\s*(?:{_YEAR}|\d\d)\b)
| (?P<annual>\b(?:annual|full-year|full\s+year|yearly|this\s+year['’]s)(?=\s+(?:capex|capital|spending|investment|budget|guidance|outlays?)\b))
| (?P<vague>\b(?:in|within|over)\s+(?:the\s+)?(?:a\s+)?(?:couple\s+of|few|coming|next\s+few|next|following)\s+(?:few\s+)?(?:days|weeks|months)\b
      | \bin\s+(?:a|one|two|three|several|six)\s+(?:weeks?|months?)(?:[’']?\s*time)?\b
      | \b(?:soon|shortly|in\s+the\s+near\s+future|in\s+the\s+future|someday|over\s+time|eventually)\b)
| (?P<relyear>\b(?P<ry_mod>later|earlier|early|late)?\s*(?P<ry_rel>this|next|last)\s+year\b
      | \b(?:for|during|in)\s+the\s+year\b
      | \b(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+year\b
      | \b(?:the\s+)?(?:coming|current|past|previous|following)\s+year\b
      | \ba\s+year\s+(?:earlier|ago)\b)
| (?P<relmonth>\b(?:(?:earlier|later)\s+)?(?P<rm_rel>this|next|last|that|the\s+same)\s+month\b|\ba\s+month\s+(?:earlier|ago)\b)
| (?P<relweek>\b(?P<rw_rel>this|next|last)\s+week(?:[’']s)?\b)
| (?P<reldays>\b(?:yesterday|today|tomorrow)\b)
| (?P<sameday>\b(?:the\s+same\s+day|that\s+(?:same\s+)?day|the\s+next\s+day|the\s+following\s+day|a\s+day\s+later)\b)
| (?P<holiday>\b(?:the\s+day\s+(?P<hol_dir>after|before)\s+)?(?P<hol>{_HOLIDAY}))
| (?P<mdy>\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAYNUM})\b(?!\s*(?:%|,\d|\d))(?:,?\s+(?P<mdy_y>{_YEAR}))?)
| (?P<dmy>\b(?:the\s+)?(?P<dmy_d>{_DAYNUM})(?:\s+of)?\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?)
| (?P<my>\b(?:in\s+)?(?P<my_m>{_MONTH})\s+(?:of\s+)?(?:(?P<my_y>{_YEAR})|(?P<my_rel>last|this|next)\s+year)\b)
| (?P<month>\b(?:(?P<m_pre>in|since|during|from|until|through|last|this|next|early|mid|late|end\s+of|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)(?:\s+|-))?(?P<m_m>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)(?![\w-]))
| (?P<weekday>\b(?:(?P<wd_pre>on|last|this|next|since|by|until|from)\s+)?(?P<wd>{_WEEKDAY})\b(?:\s+(?P<wd_part>morning|afternoon|evening|night))?)
| (?P<year>(?:\b(?P<y_pre>in|for|during|by|since|through|of|from|until)\s+)?(?<![$€£¥\d.,])\b(?P<y>{_YEAR})\b(?![,.]\d)(?!\s*(?:%|percent|GPUs|chips|units)))
| (?P<ago>\b(?P<ago_n>{_NUMWORD})\s+(?P<ago_unit>days?|weeks?|months?|years?)\s+(?P<ago_dir>ago|earlier|later|from\s+now)\b)
| (?P<numeric>\b(?:[01]?\d/[0-3]?\d/(?:19|20)?\d\d|(?:19|20)\d\d/[01]?\d/[0-3]?\d)\b)
"""
_PATTERN = CaseBlind(_GRAMMAR, re.VERBOSE)
# "SEATTLE, Feb 7 -" or "NEW YORK and REDMOND, Wash. - September 17, 2024 -" opening a story
_PLACE = r"[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z. ]{1,20}){0,2}"
_DATELINE = compiled(
    rf"""^{_PLACE}(?:\s+and\s+{_PLACE}){{0,3}},?\s*[-–—]?\s*
    (?P<dl_md>{_MONTH}\s+{_DAYNUM}|{_DAYNUM}\s+{_MONTH})(?:,?\s+(?P<dl_y>{_YEAR}))?\s*(?:\([A-Za-z .]+\)\s*)?(?:-|–|—|\(|/)""",
    re.VERBOSE,
)
_CASELESS_MONTH = {k.rstrip("."): v for k, v in MONTHS.items()}

_FUTURE = CaseBlind(
    r"\b(?:will|would|'ll|shall|should|plans?\s+to|planning|planned\s+to|intends?|expects?|expected|aims?|set\s+to|is\s+to|are\s+to|due|going\s+to|scheduled|slated|upcoming|forecasts?|projects?|guid(?:es|ed|ance)|targets?|coming)\b"
)
_PAST = CaseBlind(
    r"\b(?:was|were|had|did|said|announced|released|launched|unveiled|introduced|debuted|arrived|came|spent|reported|posted|took|made|began|put|rolled|shipped|completed|closed|ended|raised|told|wrote|\w+ed)\b"
)


_CLAUSE_END = compiled(r"[;:!?]|\.(?!\d)|\s[-–—]\s")  # a decimal point is none
_SAID = CaseBlind(r"\b(?:said|announced|told|wrote|reported|disclosed|confirmed|revealed|unveiled)\b")


def _tense_before(text: str, position: int) -> str | None:
    """'future' or 'past' from the words just before `position`, else None."""
    window = text[max(0, position - 60):position]
    window = _CLAUSE_END.split(window)[-1]  # "$24.2 billion" is no sentence end
    future = [m.end() for m in _FUTURE.finditer(window)]
    past = [m.end() for m in _PAST.finditer(window) if m.group().lower() not in ("planned", "expected", "scheduled", "slated", "guided")]
    if not future and not past:
        return None
    return "future" if (future and (not past or future[-1] > past[-1])) else "past"


def _tense_after(text: str, position: int) -> str | None:
    """'future' or 'past' from the words just after `position`. The first verb of saying
    governs a date that opens the sentence: "On Feb. 24, Alibaba said it would invest"."""
    window = re.split(r"[;:!?]|\.(?!\d)", text[position:position + 40])[0]
    future = _FUTURE.search(window)
    said = _SAID.search(window)
    if said and (future is None or said.start() < future.start()):
        return "past"
    if future:
        return "future"
    if _PAST.search(window):
        return "past"
    return None


def _governing_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause a date phrase sits in: the words before it, unless those end
    in a verb of saying that opens a clause of its own ("she said first-quarter spending
    would be $16 billion")."""
    before = _tense_before(text, start)
    if before == "past" and _SAID_JUST_BEFORE.search(text, max(0, start - 30), start):
        return _tense_after(text, end) or before
    return before or _tense_after(text, end)


_SAID_JUST_BEFORE = CaseBlind(r"\b(?:said|says|told\s+\w+|added|noted|warned)(?:\s+that)?\s+(?:the\s+|its\s+)?$")
_ANNOUNCING = CaseBlind(r"(?:said|says|announced|announces|unveiled|launched|released|introduced|confirmed|revealed|published|opened|signed|agreed)\s*$")


def _today_is_a_day(text: str, start: int, end: int) -> bool:
    """"Anthropic today announced", "said today", "Today, we release", "is releasing it
    today": the day; "in operation today": nowadays."""
    after = re.match(r"\s*(\w+)", text[end:])
    if not text[:start].strip() and text[end:end + 1] == ",":
        return True  # "Today, we release BLOOM"
    if re.match(r"\s*[.,;]|\s*$", text[end:]) and _RELEASING_NOW.search(text[max(0, start - 80):start]):
        return True  # "we are releasing MPT-7B today."
    return bool(_ANNOUNCING.search(text[max(0, start - 20):start]) or (after and re.fullmatch(r"\w+(?:ed|s)|will|said", after.group(1))))


_RELEASING_NOW = compiled(r"\b(?:is|are|am)\s+(?:\w+\s+)?(?:releasing|launching|announcing|introducing|unveiling|"
                          r"open-sourcing|publishing|rolling\s+out|making)\b|\b(?:release|launch|announce|introduce|unveil)s?\b")


def _year2(value: str) -> int:
    year = int(value)
    return year + 2000 if year < 100 else year


def _quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def _month_occurrence(month: int, published: dt.date, tense: str | None, strict: bool = False) -> int:
    """The year of the named month nearest the publication date, in the tense's direction.
    News does not say "in September" for a month ten or more months away when the same
    month two months away fits: then the nearer one is meant, whatever the tense."""
    past_year = published.year if month <= published.month else published.year - 1
    future_year = published.year if month >= published.month else published.year + 1
    months_back = (published.year - past_year) * 12 + published.month - month
    months_ahead = (future_year - published.year) * 12 + month - published.month
    if tense == "past":
        return future_year if months_back >= 10 and months_ahead <= 2 and not strict else past_year
    if tense == "future":
        return past_year if months_ahead >= 10 and months_back <= 2 and not strict else future_year
    distance = month - published.month
    if distance > 6:
        return published.year - 1
    if distance < -6:
        return published.year + 1
    return published.year


def _day_occurrence(month: int, day: int, published: dt.date, tense: str | None) -> dt.date | None:
    year = _month_occurrence(month, published, tense)
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return None
    if tense == "past" and candidate > published:
        candidate = candidate.replace(year=year - 1)
    elif tense == "future" and candidate < published:
        candidate = candidate.replace(year=year + 1)
    return candidate


def _quarter_occurrence(quarter: int, published: dt.date, tense: str | None) -> int:
    """The year of the named quarter: a past quarter has ended, a future one has not."""
    pub_year, pub_quarter = _quarter_of(published)
    if tense == "future":
        return pub_year if quarter >= pub_quarter else pub_year + 1
    if tense == "past":
        return pub_year if quarter < pub_quarter else pub_year - 1
    if quarter == pub_quarter:
        return pub_year
    return pub_year if quarter < pub_quarter else pub_year - 1


def _month_of(name: str) -> int:
    return _CASELESS_MONTH[name.lower().rstrip(".")]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _holiday(name: str, year: int) -> dt.date:
    lowered = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    if lowered == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if lowered == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    month, day = HOLIDAYS[lowered]
    return dt.date(year, month, day)


def fiscal_label(day: dt.date, last_month: int) -> int:
    """The fiscal year a day falls in, labelled by the calendar year it ends in."""
    return day.year if day.month <= last_month or last_month == 12 else day.year + 1


def find_dates(text: str, context: DateContext) -> list[DateMention]:
    """Date phrases of `text` (one sentence), resolved against `context`."""
    mentions = []
    context.in_sentence = {}
    dateline = _DATELINE.match(text)
    if dateline:
        mentions.append(_resolve_dateline(dateline, context.published))
        text = " " * dateline.end() + text[dateline.end():]
    for match in _candidates(text):
        mention = _resolve(match, text, context)
        if mention is not None:
            if match.string is not text:  # matched lower-cased: the phrase as written
                mention = DateMention(mention.start, mention.end, text[mention.start:mention.end].strip(),
                                      mention.date, mention.precision, mention.role, mention.since, mention.until)
            mentions.append(mention)
            if mention.date is not None:
                context.in_sentence[mention.precision] = mention
    context.in_sentence = {}
    return mentions


# Words that can begin a date phrase; the grammar is tried only where one of them starts.
_STARTERS = frozenset("""
in on by before until through thru the its last this next current previous same that latest most early mid late
later earlier since during from over within across for a an end close year's year-end fiscal fy q1 q2 q3 q4 h1 h2
annual full-year full yearly so year-to-date
first second third fourth 1st 2nd 3rd 4th back latter spring summer fall autumn winter soon shortly eventually
someday coming past following yesterday today tomorrow christmas new halloween independence valentine's labor
thanksgiving one two three four five six seven eight nine ten several between such
""".split()) | {name.lower() for name in MONTHS} | {name + "." for name in MONTHS} | set(WEEKDAYS)
_WORD_START = compiled(r"(?<![\w'’$€£¥.,-])[\w'’.-]+")


# Common words start a date phrase only before a word that can continue one.
_COMMON_STARTERS = ("in", "on", "by", "the", "a", "an", "for", "from", "over", "within", "during", "since", "until",
                    "through", "before", "across", "that", "this", "its", "such", "between", "one", "two", "three",
                    "four", "five", "six", "seven", "eight", "nine", "ten", "several")
_CONTINUATIONS = (
    r"(?:the|a|an|its|this|that|last|next|this|coming|past|previous|following|current|latest|most|same|early|mid|late|"
    r"fiscal|fy|end|close|first|second|third|fourth|back|latter|middle|beginning|start|three|day|days|week|weeks|"
    r"month|months|quarter|quarters|year|years|decade|decades|couple|few|several|summer|spring|fall|autumn|winter|"
    r"two|four|five|six|seven|eight|nine|ten|course|period|"
    r"christmas|new|halloween|independence|valentine|labor|thanksgiving|then|quarter|near|future|"
    r"q[1-4]|h[12]|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
)
_STARTER_SOURCE = (
    r"(?<![\w'’$€£¥.,-])(?:(?:" + "|".join(_COMMON_STARTERS) + r")\s+(?=" + _CONTINUATIONS + r")"
    r"|(?:" + "|".join(re.escape(w) for w in sorted(_STARTERS - set(_COMMON_STARTERS), key=len, reverse=True))
    + r")(?![a-z])|\d)"
)
_STARTER_PATTERN = CaseBlind(r"(?=[\w'’.-])" + _STARTER_SOURCE)  # the lookahead lets `re` skip ahead


def _candidates(text: str):
    """Matches of the grammar where a word that can begin a date phrase starts, left to
    right and without overlaps (what `finditer` would give, at a fraction of the cost)."""
    position = 0
    text, lowered = lower_cased(text)
    starters, grammar = _STARTER_PATTERN.for_text(lowered), _PATTERN.for_text(lowered)
    for start in starters.finditer(text):
        if start.start() < position:
            continue
        match = grammar.match(text, start.start())
        if match and match.end() > match.start():
            position = match.end()
            yield match


def _mention(match: re.Match, day: dt.date | None, precision: str | None, role: str) -> DateMention:
    start, end = match.span()
    text = match.group()
    stripped = len(text) - len(text.lstrip())
    return DateMention(start + stripped, end, text.strip(), day, precision, role)


def _span_bounds(phrase: str, pub: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a span: "over the next four years" from the day of the
    story, "between 2025 and 2029", "2025-2028"; None where the phrase gives no length."""
    lowered = phrase.lower()
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", lowered)]
    short = re.search(r"\b((?:19|20)\d\d)\s*(?:-|–|to|through)\s*(\d\d)\b(?!\d)", lowered)
    if short:
        years = [int(short.group(1)), int(short.group(1)[:2] + short.group(2))]
    if len(years) == 2:
        return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
    count = re.search(r"(next|coming|following|past|last|over|of)\s+(?:(\w+(?:\s+of)?)\s+)?(?:few\s+)?(years|decades?)", lowered)
    if not count:
        return None, None
    word = (count.group(2) or "").replace(" of", "")
    number = NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else 3 if "few" in lowered or word == "several" else None)
    if number is None:
        return None, None
    number *= 10 if count.group(3).startswith("decade") else 1
    if count.group(1) in ("past", "last"):
        return _years_later(pub, -number) + dt.timedelta(days=1), pub
    return pub, _years_later(pub, number) - dt.timedelta(days=1)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _resolve(m: re.Match, text: str, ctx: DateContext) -> DateMention | None:  # noqa: C901
    g = _LoweredGroups(m, text)
    pub = ctx.published
    kind = _top_group(m)

    if kind == "iso":
        try:
            return _mention(m, dt.date.fromisoformat(m.group()), "day", POINT)
        except ValueError:
            return None

    if kind == "deadline":
        phrase = m.group().lower()
        if "then" in phrase:
            last = ctx.recall("deadline")
            return _mention(m, last.date, last.precision, DEADLINE) if last else None
        if g["dlm_month"]:
            month = _month_of(g["dlm_month"])
            tense = "past" if _tense_after(text, m.end()) == "past" and not _tense_before(text, m.start()) == "future" else "future"
            year = int(g["dlm_year"]) if g["dlm_year"] else _month_occurrence(month, pub, tense, strict=True)
            return _mention(m, dt.date(year, month, calendar.monthrange(year, month)[1]), "month", DEADLINE)
        if g["dl_decade"]:
            return _mention(m, dt.date(pub.year // 10 * 10 + 9, 12, 31), "year", DEADLINE)
        year_text = g["dl_year"] or g["dl_bare"]
        if year_text:
            year = int(year_text)
        elif g["dl_rel"] == "next":
            year = pub.year + 1
        else:
            year = pub.year
            if "fiscal" in phrase:
                year = fiscal_label(pub, ctx.fiscal_last_month)
        return _mention(m, dt.date(year, 12, 31), "year", DEADLINE)

    if kind == "fiscal_ended":  # "its fiscal year ending in June": the fiscal year that ends that month
        month = _month_of(g["fe_month"])
        tense = "past" if g["fe_verb"] == "ended" else "future"
        year = int(g["fe_year"]) if g["fe_year"] else _month_occurrence(month, pub, tense, strict=True)
        mention = _mention(m, dt.date(year, 1, 1), "year", PERIOD)
        mention.since = dt.date(year - 1, month, 1) + dt.timedelta(days=calendar.monthrange(year - 1, month)[1])
        mention.until = dt.date(year, month, calendar.monthrange(year, month)[1])
        return mention

    if kind == "to_date":  # "so far this year", "the first nine months of 2025": from January on
        year = int(g["td_year"]) if g["td_year"] else pub.year
        months = {"six": 6, "nine": 9}.get(g["td_months"] or "")
        mention = _mention(m, dt.date(year, 1, 1), "year", PERIOD)  # dated to its year, covering part of it
        mention.since = dt.date(year, 1, 1)
        mention.until = dt.date(year, months, calendar.monthrange(year, months)[1]) if months else pub
        return mention

    if kind == "first_quarters":  # "in the first three quarters": from the (fiscal) year's start
        named = ctx.in_sentence.get("year")
        year = int(g["fq_year"]) if g["fq_year"] else named.date.year if named else fiscal_label(pub, ctx.fiscal_last_month)
        first_month = ctx.fiscal_last_month % 12 + 1
        since = dt.date(year - (1 if first_month != 1 else 0), first_month, 1)
        months = 3 * {"two": 2, "three": 3}[g["fq_n"]]
        index = since.year * 12 + since.month - 1 + months
        mention = _mention(m, None, None, SPAN)
        mention.since, mention.until = since, dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
        return mention

    if kind == "quarter_ended":
        month = _month_of(g["qe_month"])
        year = int(g["qe_year"]) if g["qe_year"] else _month_occurrence(month, pub, "past")
        quarter = (month - 1) // 3 + 1
        return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)

    if kind == "quarter":
        return _resolve_quarter(m, g, text, ctx)

    if kind == "elliptic_quarter":  # "$31.4 billion in the second quarter, after $24.3 billion in the first"
        named = ctx.in_sentence.get("quarter")
        if named is None:
            return None
        quarter = ORDINALS[g["eq_ord"]]
        year = named.date.year if quarter <= (named.date.month - 1) // 3 + 1 else named.date.year - 1
        return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)

    if kind == "thequarter":
        last = ctx.recall("quarter")
        if last is not None:
            return _mention(m, last.date, "quarter", PERIOD)
        year, quarter = _shift_quarter(*_quarter_of(pub), -1)
        return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)

    if kind == "firstmonths":
        quarter = {"first": 1, "second": 2, "third": 3, "last": 4, "final": 4}.get(g["fm_ord"], None)
        year = int(g["fm_year"]) if g["fm_year"] else pub.year
        if quarter is None:  # "the latest three months"
            year, quarter = _shift_quarter(*_quarter_of(pub), -1)
        return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)

    if kind == "half":
        year_text = g["h_year"] or (re.search(_YEAR, m.group()) or [None])[0]
        year = int(year_text) if year_text else pub.year + {"next": 1, "last": -1}.get(g["h_rel"] or "", 0)
        return _mention(m, dt.date(year, 1, 1), "year", PERIOD)

    if kind == "rough":
        year_text = g["r_year"] or g["s_year"]
        relative = g["r_rel"] or g["s_rel"]
        year = int(year_text) if year_text else pub.year + {"next": 1, "last": -1}.get(relative or "", 0)
        return _mention(m, dt.date(year, 1, 1), "year", PERIOD)

    if kind == "fiscal":
        if g["f_year"]:
            year = _year2(g["f_year"])
        elif g["f_full"]:  # "for the full fiscal year it spent": the last one that ended
            past = _governing_tense(text, m.start(), m.end()) != "future"
            year = fiscal_label(pub, ctx.fiscal_last_month) - (1 if past else 0)
        else:
            year = fiscal_label(pub, ctx.fiscal_last_month) + (1 if "next" in (g["f_rel"] or "") or "coming" in (g["f_rel"] or "") else -1 if (g["f_rel"] or "").startswith("last") else 0)
        return _mention(m, dt.date(year, 1, 1), "year", PERIOD)

    if kind == "span":
        mention = _mention(m, None, None, SPAN)
        mention.since, mention.until = _span_bounds(m.group(), pub)
        return mention

    if kind == "annual":  # "annual capex": the year under way (its fiscal year where it keeps one)
        year = pub.year if ctx.fiscal_last_month == 12 or pub.month <= ctx.fiscal_last_month else pub.year + 1
        return _mention(m, dt.date(year, 1, 1), "year", PERIOD)

    if kind == "vague":
        return _mention(m, None, None, VAGUE)

    if kind == "relyear":
        phrase = m.group().lower()
        if "ago" in phrase or "earlier" in phrase and "year earlier" in phrase:
            year = pub.year - 1
        elif "same" in phrase or "that" in phrase:
            last = ctx.recall("year")
            return _mention(m, last.date, "year", PERIOD) if last else None
        else:
            relative = g["ry_rel"] or ""
            if relative == "next" or "coming" in phrase or "following" in phrase:
                year = pub.year + 1
            elif relative == "last" or "past" in phrase or "previous" in phrase:
                year = pub.year - 1
            else:
                year = pub.year
        return _mention(m, dt.date(year, 1, 1), "year", PERIOD)

    if kind == "relmonth":
        relative = g["rm_rel"] or "last"
        if relative in ("that", "the same"):
            last = ctx.recall("month")
            return _mention(m, last.date, "month", POINT) if last else None
        shift = {"this": 0, "next": 1, "last": -1}[relative]
        index = pub.year * 12 + pub.month - 1 + shift
        return _mention(m, dt.date(index // 12, index % 12 + 1, 1), "month", POINT)

    if kind == "relweek":
        shift = {"this": 0, "next": 7, "last": -7}[g["rw_rel"]]
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=shift)
        middle = monday + dt.timedelta(days=3)
        return _mention(m, middle.replace(day=1), "month", POINT)

    if kind == "reldays":
        word = m.group().strip().lower()
        if word == "today" and not _today_is_a_day(text, m.start(), m.end()):
            return None  # "the largest cluster in operation today" means nowadays
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
        return _mention(m, pub + dt.timedelta(days=shift), "day", POINT)

    if kind == "sameday":
        last = ctx.recall("day")
        if last is None:
            return None
        shift = 1 if re.search(r"next|following|later", m.group(), re.IGNORECASE) else 0
        return _mention(m, last.date + dt.timedelta(days=shift), "day", POINT)

    if kind == "holiday":
        tense = _tense_before(text, m.start()) or "past"
        year = pub.year
        day = _holiday(g["hol"], year)
        if tense == "past" and day > pub:
            day = _holiday(g["hol"], year - 1)
        elif tense == "future" and day < pub:
            day = _holiday(g["hol"], year + 1)
        if g["hol_dir"]:
            day += dt.timedelta(days=1 if g["hol_dir"] == "after" else -1)
        return _mention(m, day, "day", POINT)

    if kind == "mdy" or kind == "dmy":
        month_text, day_text, year_text = (g["mdy_m"], g["mdy_d"], g["mdy_y"]) if kind == "mdy" else (g["dmy_m"], g["dmy_d"], g["dmy_y"])
        month, day_number = _month_of(month_text), int(re.sub(r"\D", "", day_text))
        if year_text:
            try:
                return _mention(m, dt.date(int(year_text), month, day_number), "day", POINT)
            except ValueError:
                return None
        tense = _tense_before(text, m.start()) or _tense_after(text, m.end())
        resolved = _day_occurrence(month, day_number, pub, tense)
        return _mention(m, resolved, "day", POINT) if resolved else None

    if kind == "my":
        month = _month_of(g["my_m"])
        if g["my_y"]:
            year = int(g["my_y"])
        else:
            year = pub.year + {"next": 1, "last": -1, "this": 0}[g["my_rel"]]
        return _mention(m, dt.date(year, month, 1), "month", POINT)

    if kind == "month":
        month_name = g["m_m"]
        if not month_name[0].isupper():
            return None  # "may", "march" are verbs
        if month_name == "May" and not g["m_pre"] and m.start("m_m") == 0:
            return None  # "May ..." opening a sentence is usually the verb
        month = _month_of(month_name)
        prefix = (g["m_pre"] or "").strip().lower()
        strict = prefix in ("last", "next")
        if prefix in ("last", "this", "next"):
            tense = {"last": "past", "next": "future", "this": None}[prefix]
        else:
            tense = _tense_before(text, m.start()) or _tense_after(text, m.end())
        year = _month_occurrence(month, pub, tense, strict=strict)
        if prefix == "last" and year == pub.year and month == pub.month:
            year -= 1
        return _mention(m, dt.date(year, month, 1), "month", POINT)

    if kind == "weekday":
        weekday = WEEKDAYS[g["wd"].lower()]
        prefix = (g["wd_pre"] or "").lower()
        tense = "future" if prefix == "next" else "past" if prefix in ("last", "since") else (_tense_before(text, m.start()) or "past")
        if prefix == "by" or prefix == "until":
            tense = "future"
        delta = (pub.weekday() - weekday) % 7
        day = pub - dt.timedelta(days=delta) if tense == "past" else pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
        return _mention(m, day, "day", POINT)

    if kind == "year":
        year = int(g["y"])
        prefix = (g["y_pre"] or "").lower()
        role = DEADLINE if prefix in ("by", "until", "through") else PERIOD
        day = dt.date(year, 12, 31) if role == DEADLINE else dt.date(year, 1, 1)
        if prefix == "since":
            return _mention(m, None, None, SPAN)
        return _mention(m, day, "year", role)

    if kind == "ago":
        return _resolve_ago(m, g, pub)
    if kind == "numeric":
        return _parse_with_dateparser(m)
    return None


def _resolve_ago(m: re.Match, g: _LoweredGroups, pub: dt.date) -> DateMention:
    """"three weeks ago", "two years earlier", "six months from now"."""
    count = NUMBER_WORDS.get(re.sub(r"\s+", " ", g["ago_n"]), None) or int(g["ago_n"])
    sign = -1 if g["ago_dir"] in ("ago", "earlier") else 1
    unit = g["ago_unit"].rstrip("s")
    if unit == "day":
        return _mention(m, pub + dt.timedelta(days=sign * count), "day", POINT)
    if unit == "week":
        day = pub + dt.timedelta(weeks=sign * count)
        return _mention(m, day.replace(day=1), "month", POINT)
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + sign * count
        return _mention(m, dt.date(index // 12, index % 12 + 1, 1), "month", POINT)
    return _mention(m, dt.date(pub.year + sign * count, 1, 1), "year", PERIOD)


def _resolve_dateline(m: re.Match, published: dt.date) -> DateMention:
    parts = m.group("dl_md").replace(".", "").split()
    month, day = (parts[0], parts[1]) if parts[0][0].isalpha() else (parts[1], parts[0])
    if m.group("dl_y"):
        resolved = dt.date(int(m.group("dl_y")), _month_of(month), int(re.sub(r"\D", "", day)))
    else:
        resolved = _day_occurrence(_month_of(month), int(re.sub(r"\D", "", day)), published, "past")
    return DateMention(0, m.end(), m.group(), resolved, "day", DATELINE)


class _LoweredGroups:
    """A match's groups by name, lower-cased (all but "m_m", whose case matters and is
    read from `text`, the sentence as written), read only when asked: the grammar has many
    groups and a date uses few."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match, text: str):
        self._match, self._text = match, text

    def __getitem__(self, name: str) -> str | None:
        if name == "m_m":
            start, end = self._match.span(name)
            return self._text[start:end] if start >= 0 else None
        value = self._match.group(name)
        return value.lower() if value else value


def _top_group(m: re.Match) -> str:
    """Which kind of date phrase matched: every alternative of the grammar is one named
    group, and it closes last, so it is the match's last group."""
    return m.lastgroup or ""


def _resolve_quarter(m: re.Match, g: _LoweredGroups, text: str, ctx: DateContext) -> DateMention | None:
    """"last quarter", "the fourth quarter", "Q3 2024", "the December quarter", "fiscal Q2"."""
    pub = ctx.published
    pub_year, pub_quarter = _quarter_of(pub)
    if g["q_rel"]:
        relative = g["q_rel"].split()[-1].lower()
        if relative in ("same", "that"):
            last = ctx.recall("quarter")
            return _mention(m, last.date, "quarter", PERIOD) if last else None
        named = ctx.in_sentence.get("quarter")
        if relative in ("previous", "prior") and named is not None:  # "the first quarter of fiscal 2025, up from the previous quarter"
            year, quarter = _shift_quarter(*_quarter_of(named.date), -1)
            return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)
        shift = {"last": -1, "previous": -1, "latest": -1, "recent": -1, "this": 0, "current": 0, "next": 1}[relative]
        if shift == 0 and _in_reporting_season(pub) and (_tense_before(text, m.start()) or _tense_after(text, m.end())) == "past":
            shift = -1  # an earnings call in July: "capex was $24bn this quarter" is the quarter it reports
        year, quarter = _shift_quarter(pub_year, pub_quarter, shift)
        return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)
    if g["q_month"]:
        quarter = (MONTHS[g["q_month"].lower()] - 1) // 3 + 1
    elif g["q_num"] or g["q_num2"]:
        quarter = int(g["q_num"] or g["q_num2"])
    else:
        quarter = ORDINALS[g["q_ord"].lower()]
    year_text = g["q_year"] or g["q_y"] or (re.match(_YEAR, m.group()) and m.group()[:4])
    fiscal = bool(re.search(r"\b(?:fiscal|financial\s+year|fy)", m.group(), re.IGNORECASE)) \
        or (not g["q_month"] and ctx.fiscal_last_month != 12 and _FISCAL_WORD.search(text) is not None)  # "Q4 ... for fiscal 2024"
    if year_text:
        year = _year2(year_text)
    elif g["q_yrel"]:
        year = pub_year + {"this": 0, "last": -1, "next": 1}[g["q_yrel"]]
    else:
        year = _quarter_occurrence(quarter, pub, _governing_tense(text, m.start(), m.end()))
    if fiscal and ctx.fiscal_last_month != 12:
        # Fiscal quarter n of fiscal year Y starts (last_month + 1 + 3(n-1)) months into Y-1.
        index = (year - 1) * 12 + ctx.fiscal_last_month + 3 * (quarter - 1)
        if not year_text and not g["q_yrel"]:
            index = _nearest_fiscal_quarter(index, pub, _tense_before(text, m.start()))
        start = dt.date(index // 12, index % 12 + 1, 1)
        return _mention(m, _quarter_start(*_quarter_of(start)), "quarter", PERIOD)
    return _mention(m, _quarter_start(year, quarter), "quarter", PERIOD)


_FISCAL_WORD = CaseBlind(r"\b(?:fiscal|FY\s*['’]?\d\d)")
REPORTING_SEASON_DAYS = 60  # how long after a quarter ends companies report on it (Alibaba and Nvidia: late February)


def _in_reporting_season(day: dt.date) -> bool:
    """Whether `day` falls in the weeks after a quarter's end when results are reported."""
    first = _quarter_start(*_quarter_of(day))
    return (day - first).days < REPORTING_SEASON_DAYS


def _nearest_fiscal_quarter(index: int, pub: dt.date, tense: str | None) -> int:
    """Move a fiscal quarter's start month by whole years to the occurrence the tense implies."""
    pub_index = pub.year * 12 + pub.month - 1
    if tense == "future":
        while index + 3 <= pub_index:
            index += 12
        while index - 12 + 3 > pub_index:
            index -= 12
    else:
        while index + 3 > pub_index + 1:
            index -= 12
        while index + 12 + 3 <= pub_index + 1:
            index += 12
    return index


def _parse_with_dateparser(m: re.Match) -> DateMention | None:
    resolved = _dateparser_period(m.group().strip())
    if resolved is None:
        return None
    day, precision = resolved
    return _mention(m, day, precision, POINT)


@lru_cache(maxsize=4096)
def _dateparser_period(phrase: str) -> tuple[dt.date, str] | None:
    """Numeric dates ("03/05/2024", "2024/03/05") by dateparser, with the precision it
    reports ("week" periods are reported as months)."""
    data = _parser().get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    precision = {"day": "day", "week": "month", "month": "month", "year": "year"}.get(data.period or "day", "day")
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    return day, precision


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser  # imported on first use: it is slow to load

    return DateDataParser(languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first", "DATE_ORDER": "MDY",
    })


def parse_date(text: str) -> dt.date | None:
    """A full calendar date written any common way ("2024-07-24", "July 24, 2024",
    "24 July 2024", "2024-07-24T10:42:00-05:00"); None for anything less precise."""
    text = text.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    found = re.search(rf"({_MONTH})\s+({_DAYNUM}),?\s+({_YEAR})|({_DAYNUM})\s+({_MONTH}),?\s+({_YEAR})", text)
    if not found:
        return None
    month, day, year = (found.group(1), found.group(2), found.group(3)) if found.group(1) else (found.group(5), found.group(4), found.group(6))
    try:
        return dt.date(int(year), _month_of(month), int(re.sub(r"\D", "", day)))
    except ValueError:
        return None
