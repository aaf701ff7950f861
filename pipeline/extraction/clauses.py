"""The shape of a sentence, as far as the extraction needs it: where its clauses and
comma-separated segments start and end, and whether a name sits inside a prepositional
phrase ("in OpenAI") or acts ("Meta said"). Plain string positions, no parser.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

from .patterns import CaseBlind, compiled

# A segment ends at a comma, semicolon, colon, dash or bracket, and before a second verb
# phrase joined by "and" ("Tesla had 35,000 H100s and expected to have 85,000 by ...").
SEGMENT_BREAK = CaseBlind(
    r",\s|;\s*|:\s|\s[-–—]\s|\s\(|\)\s?|—"
    r"|\s(?=and\s+(?:expect|expects|expected|will|would|plans|planned|said|says|told|aims|intends|is|was|are|were|has|had)\b)"
)
CLAUSE_BREAK = compiled(r";\s*|:\s|\s[-–—]\s|—")
PREPOSITIONS = frozenset(
    "in into for with to than against like about over on at of including from via through "
    "toward towards behind versus vs among between alongside unlike after before beside besides "
    "during under within without".split()
)
# Words after a name that make it the one acting: "Meta said", "Alphabet spent".
ACTING = CaseBlind(
    r"^(?:['’]s\s+\w+\s+)?\s*(?:,\s*(?:which|who)\b|(?:\w+ly\s+)?(?:said|says|is|was|are|were|has|have|had|will|would|'ll|"
    r"plans?|expects?|intends?|aims?|spent|spends|invested|invests|announced|announces|unveiled|"
    r"launched|released|introduced|reported|forecast|committed|pledged|raised|bought|built|"
    r"operates|owns|runs|trains|told|wrote|posted|\w+ed|\w+s)\b)"
)
_LEADING_ADVERBIAL = compiled(r"^[^,]{0,40},\s+")
# Where a name starts afresh after a phrase: a coordination, a relative clause, or the end of
# a time phrase ("In December xAI said": the preposition governs "December", not xAI).
_COORDINATION = compiled(
    r"\b(?:and|or|but|that|which|who|whom|whose|while|when|where|because|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|"
    r"year|quarter|morning|afternoon|evening|weekend)\b|\d")
_WORD = compiled(r"[\w'’-]+")


@lru_cache(maxsize=256)
def segment_starts(text: str) -> tuple[int, ...]:
    """Start positions of the segments of a sentence."""
    return (0, *(m.end() for m in SEGMENT_BREAK.finditer(text)))


def segment_index(starts: tuple[int, ...], position: int) -> int:
    """Which segment `position` falls in."""
    return bisect_right(starts, position) - 1


def segment_start(text: str, position: int) -> int:
    starts = segment_starts(text)
    return starts[segment_index(starts, position)]


def segment_end(text: str, position: int) -> int:
    """Where the segment holding `position` ends (the next break at or after it)."""
    breaks = _segment_break_starts(text)
    at = bisect_left(breaks, position)
    return breaks[at] if at < len(breaks) else len(text)


@lru_cache(maxsize=256)
def _segment_break_starts(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in SEGMENT_BREAK.finditer(text))


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause around `position`: between semicolons, colons and dashes."""
    start = 0
    for break_start, break_end in _clause_breaks(text):
        if break_end <= position:
            start = break_end
        else:
            return start, break_start
    return start, len(text)


@lru_cache(maxsize=256)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in CLAUSE_BREAK.finditer(text))


def after_preposition(text: str, position: int) -> bool:
    """Whether a name at `position` is the object of a preposition ("in OpenAI",
    "than any cluster Meta", "with the London start-up Nscale"), looking back four
    words within its segment."""
    start = segment_start(text, position)
    coordinations = _coordination_ends(text)
    last = bisect_right(coordinations, position) - 1  # the last coordination ending before the name
    if last >= 0 and coordinations[last] > start:
        start = coordinations[last]
    starts, words = _words(text)
    first = max(bisect_left(starts, start), bisect_left(starts, position) - 4)
    return any(word in PREPOSITIONS for word in words[first:bisect_left(starts, position)])


@lru_cache(maxsize=256)
def _coordination_ends(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _COORDINATION.finditer(text))


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Where each word of a sentence starts, and the words lower-cased."""
    found = list(_WORD.finditer(text))
    return tuple(m.start() for m in found), tuple(m.group().lower() for m in found)


def acts(text: str, start: int, end: int) -> bool:
    """A name at [start, end) near the start of its sentence, or followed by a verb, acts in it."""
    before = text[:start]
    lead = _LEADING_ADVERBIAL.sub("", before) if "," in before else before
    if len(lead.split()) <= 3:
        return True
    return bool(ACTING.match(text[end:end + 40]))
