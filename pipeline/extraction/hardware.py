"""Hardware: counts of AI chips bought, deployed or planned, read sentence by sentence.

A count is hardware when it counts a chip the reference tables name ("100,000 H100s",
"50,000 of Nvidia's newer GPUs"); its organization is who has or buys the chips, not the
chipmaker that sells them.
"""
from __future__ import annotations

import re

from .amounts import Quantity, find_counts
from .chips import GAP, NOT_A_COUNT_AFTER, UNLISTED_HINT, ChipMention
from .clauses import clause_bounds, segment_end, segment_start
from .context import ArticleContext, SentenceView, amount_scope, iso, names_a_party
from .cues import DIGIT, COUNT_WORD_PARTS, COUNT_WORD, SELLERS, SUPPLY_TO, POOLED_COUNT, COMPARISON_BEFORE
from .figures import chip_measure
from .organizations import PERSON
from .patterns import CaseBlind, compiled
from .record import MAX_TRIGGERS_PER_SENTENCE, Event, amount_problem

_TO = compiled(r"\bto\s+")
_EQUIVALENT_BEFORE = CaseBlind(r"equivalent\s+(?:to|of)\s+(?:\w+\s+)?$")
_EQUIVALENT_AFTER = CaseBlind(r"^\s*-?equivalents?\b")
_OF_ITS_OWN = compiled(r"\s+of\s+(?:its|their)\b")
_PASSIVE = compiled(r"\b(?:be|been|being|are|were|is)\s+(?:\w+ly\s+)?\w+ed\b")
_BREAKDOWN = CaseBlind(r"\s*(?:of|out\s+of)\s+(?:the|these|those|its|their|that)\s+(?P<total>\d[\d,.]*(?:\s+(?:million|thousand))?)\s")
_MACHINE_AFTER = compiled(r"\s+(?:clusters?|supercomputers?|systems?|machines?|installations?|deployments?)\b")
MIN_CHIP_COUNT = 100
MIN_SYSTEM_COUNT = 10  # a machine holds many chips: "16 CS-2 systems"


class HardwareReader:
    """Reads the chip counts in each sentence of one article."""

    def __init__(self, article: ArticleContext):
        self.article = article

    def read(self, sentence: SentenceView) -> list[Event]:
        """The chip counts the sentence states."""
        return self._hardware_events(sentence)

    def _hardware_events(self, sentence: SentenceView) -> list[Event]:
        text = sentence.text
        table = self.article.reference.chips
        listed = table.mentions_any(sentence.lower)
        if not _may_count(sentence) or not (listed or UNLISTED_HINT.search(sentence.lower)):
            return []
        counts = find_counts(text, MAX_TRIGGERS_PER_SENTENCE)
        if not counts:
            return []
        chips = table.find(text, generic=True) if listed else []
        if not chips and not any(table.unlisted_after(text, c.end) for c in counts):
            return []
        events = []
        triggers = [(c.start, c.end) for c in counts if not _looks_like_year(c)]  # "in May 2020" is no count
        counted: ChipMention | None = None  # the chip the last count counted
        for index, count in enumerate(counts):
            chip = _counted_chip(text, count, chips)
            elliptical = chip is None and counted is not None and _continues_count(text, counted, count)
            if elliptical:
                chip = counted  # "had 35,000 H100s and expected to have roughly 85,000 by the end of the year"
            if chip is None:
                chip = _chip_numbered_before(text, count, chips)  # "the number of GPUs to 16,000"
            if chip is None and not _looks_like_year(count):
                chip = self.article.reference.chips.unlisted_after(text, count.end)  # "16 CS-2 systems"
            if chip is None:
                continue
            counted = chip
            biggest = max(v for v in (count.low, count.high) if v is not None)
            if biggest < (MIN_SYSTEM_COUNT if chip.item.endswith(" systems") else MIN_CHIP_COUNT) or amount_problem("hardware", count.low, count.high) or _is_specification(text, count):
                continue
            if _MODEL_NUMBER_BEFORE.search(text, max(0, count.start - 12), count.start) and "," not in count.text:
                continue  # "RTX PRO 6000 Blackwell GPUs": a model's number, not a count
            if _POWER_OR_COMPUTE_UNIT.match(text, count.end):
                continue  # "at least 10 gigawatts of Nvidia systems": power, not a number of systems
            if _is_comparison(text, count) or _is_a_rate(text, count, chip):
                continue  # "trained on 256 GPUs compared to Megatron's 1,024", "as 100,000 H100s consume 70 MW"
            if count.vague and not names_a_party(sentence):
                continue  # "campuses now plan for hundreds of thousands of GPUs"
            if sentence.has_cue(POOLED_COUNT, *amount_scope(text, count)):
                continue  # "Nvidia said it and its partners would deploy 120,000 GPUs": no one's own
            item = f"{chip.item} equivalents" if _is_equivalent(text, count, chip) else chip.item
            whole = self._whole_of(text, count)  # "Of the 18,693 GPUs, 12,896 are H100": part of a count told before
            org = events[-1].org if elliptical and events else whole.org if whole else self._buyer(sentence, count.start, count.end)
            if org is None:
                continue
            previous_end = counts[index - 1].end if index else 0
            next_start = counts[index + 1].start if index + 1 < len(counts) else len(text)
            date = self.article.date_for(sentence, count.start, chip.end, triggers)
            period = self.article.period_for(sentence, count.start, chip.end, date, org, triggers)
            status = self.article.status(sentence, count.start, chip.end, date, previous_end, next_start, default="done",
                                         covers_until=period[1])
            measure = chip_measure(text, count.start, chip.end, clause_bounds(text, count.start))
            inferred = date is None
            if date is None:
                date = self.article.fallback_date(sentence, status, self.article.index)
            each = self.article.each_of(sentence, count.start)
            for position, buyer in ([(m.start, m.org) for m in each] or [(count.start, org)]):
                events.append(Event(  # each buyer's event keeps a trigger of its own: where it is named
                    kind="hardware", org=buyer, item=item, amount_low=count.low, amount_high=count.high,
                    amount_text=text[count.start:chip.end].strip(), date=iso(date),
                    date_precision=date.precision if date else None, status=status, measure=measure,
                    period_start=period[0], period_end=period[1],
                    speaker=self.article.speaker(sentence), vague=count.vague, date_inferred=inferred and date is not None,
                    trigger=position if each else count.start,
                ))
                if whole is not None:  # the parts are as planned or done, and as dated, as the whole
                    events[-1].status, events[-1].date = whole.status, whole.date
                    events[-1].date_precision, events[-1].date_inferred = whole.date_precision, True
        if any(not e.item.endswith(" systems") for e in events):  # "760 DGX A100 systems packing 6,080 A100 GPUs"
            events = [e for e in events if not e.item.endswith(" systems")]
        return events

    def _whole_of(self, text: str, count: Quantity) -> Event | None:
        """The count told before that a sentence breaks down ("Of the 18,693 GPUs, 12,896
        are H100, 1,480 H200"): its parts are the same organization's."""
        opening = _BREAKDOWN.match(text)
        if opening is None or count.start < opening.end():
            return None
        totals = find_counts(opening.group("total"))
        if not totals:
            return None
        for found in reversed(self.article.found_in):
            for event in reversed(found):
                if event.kind == "hardware" and event.amount_low == totals[0].low:
                    return event
        return None

    def _buyer(self, sentence: SentenceView, start: int, end: int) -> str | None:
        """Who has or buys the chips counted at [start, end): "supply Humain with 18,000
        chips" is Humain; a chipmaker is the buyer only when no one else is in view."""
        text = sentence.text
        for mention in sentence.orgs:
            if mention.end <= start and re.fullmatch(r"\s+with\s+(?:\w+\s+){0,3}", text[mention.end:start]) \
                    and SUPPLY_TO.search(text[max(0, mention.start - 40):mention.start]):
                return mention.org
        org = self.article.spender(sentence, start, end, money=False)
        if org in SELLERS:
            others = [m for m, inside in zip(sentence.orgs, sentence.in_phrase)
                      if m.org not in SELLERS and m.start < start and not inside]
            if others:
                return others[-1].org
            if SUPPLY_TO.search(text[max(0, start - 40):start]):
                return _recipient(sentence, end)  # "Nvidia will supply 260,000 GPUs to Korea's government"
            if self.article.topic not in SELLERS and self.article.topic is not None and sentence.subject != org:
                return self.article.topic
            if _OF_ITS_OWN.match(text, end) and _PASSIVE.search(text, end, end + 80):
                return None  # "120,000 of its Blackwell GPUs would be deployed across Britain": what it sells, others deploy
            if any(m.org == org for m in self.article.mentions[sentence.index]) and not any(m.org == org for m in sentence.orgs):
                # named only as the maker of the chips ("runs 5,448 Nvidia GH200s"): someone else's
                # machine; whose, if the sentence before names one buyer ("Nvidia said Humain would
                # build AI factories. The first phase will be a supercomputer built from 18,000 Nvidia chips")
                previous = self.article.analysed[-1] if self.article.analysed else None
                before = {m.org for m, inside in zip(previous.orgs, previous.in_phrase)
                          if m.org not in SELLERS and m.type != PERSON and not inside} if previous else set()
                return before.pop() if len(before) == 1 else None
        return org

_MODEL_NUMBER_BEFORE = compiled(r"\b(?!US\b|UK\b|EU\b|AI\b)[A-Z]{2,}\s$")
_POWER_OR_COMPUTE_UNIT = CaseBlind(
    r"\s*(?:-\s*)?(?:gigawatts?|megawatts?|kilowatts?|terawatts?|GW|MW|petaflops|exaflops|teraflops|PFLOPS|EFLOPS)\b")

def _may_count(sentence: SentenceView) -> bool:
    """Whether the sentence has a digit or a number word: a cheap test before counting."""
    if DIGIT.search(sentence.text):
        return True
    lower = sentence.lower
    return any(map(lower.__contains__, COUNT_WORD_PARTS)) and COUNT_WORD.search(lower) is not None


def _recipient(sentence: SentenceView, end: int) -> str | None:
    """The one organization chips are supplied "to" after `end`; none for several ("to the
    government and four of its largest companies"): a seller's total is no one's purchase."""
    text = sentence.text
    to = _TO.search(text, end, clause_bounds(text, end)[1])
    if to is None:
        return None
    phrase = text[to.end():segment_end(text, to.end())]
    if re.search(r"\b(?:and|or)\b|,", phrase):
        return None
    named = [m for m in sentence.orgs if to.end() <= m.start < to.end() + len(phrase) and m.type != PERSON]
    if len(named) != 1 or not re.fullmatch(r"(?:the\s+)?", text[to.end():named[0].start]):
        return None  # "to Korea as Samsung, SK and Naver build": not who receives them
    return named[0].org


def _counted_chip(text: str, count: Quantity, chips: list[ChipMention]) -> ChipMention | None:
    """The chip a count counts: "100,000 Nvidia H100 chips", "50,000 of Nvidia's newer H200s"."""
    for chip in chips:
        if chip.start < count.end:
            continue
        if not GAP.match(text[count.end:chip.start]):
            return None
        following = text[chip.end:chip.end + 15]
        if text[count.end:chip.start] == "-" and _MACHINE_AFTER.match(following):
            return chip  # "a 10,000-GPU cluster": the count is of the chips the machine holds
        if NOT_A_COUNT_AFTER.match(following) and not _EQUIVALENT_AFTER.match(following):
            return None
        return chip
    return None


def _chip_numbered_before(text: str, count: Quantity, chips: list[ChipMention]) -> ChipMention | None:
    """The chip whose number a count gives: "increase the number of GPUs to 16,000",
    "bring its fleet of H100s to 350,000"."""
    before = [chip for chip in chips if chip.end <= count.start]
    if not before:  # only the chip nearest before the count can be followed by just "to"
        return None
    chip = before[-1]
    if re.fullmatch(r"\s+(?:to|at)\s+", text[chip.end:count.start]):
        if re.search(r"\b(?:number|count|fleet|total|stock)\s+of\s+(?:its\s+|their\s+|the\s+)?$", text[max(0, chip.start - 60):chip.start]):
            return chip
    return None


def _continues_count(text: str, chip: ChipMention, count: Quantity) -> bool:
    """Whether `count` counts the chips named just before it without naming them again: a
    few words on, after "have", "reach" or "to", and followed by no noun of its own."""
    gap = text[chip.end:count.start]
    if len(gap.split()) > 12 or ";" in gap or COMPARISON_BEFORE.search(gap) or _looks_like_year(count):
        return False
    if not re.search(r"\b(?:have|has|reach\w*|hit|to|then)\s*$", gap):
        return False
    return bool(re.match(r"\s*(?:by|in|at|within|over|before|this|next|later|[,.;)]|$)", text[count.end:]))


def _looks_like_year(count: Quantity) -> bool:
    return count.low == count.high and count.low is not None and 1900 <= count.low <= 2100 and "," not in count.text


def _is_equivalent(text: str, count: Quantity, chip: ChipMention) -> bool:
    before = text[max(0, count.start - 25):count.start]
    after = text[chip.end:chip.end + 15]
    return bool(_EQUIVALENT_BEFORE.search(before) or _EQUIVALENT_AFTER.match(after))


_COMPARED_WITH = CaseBlind(r"\b(?:compared\s+(?:to|with)|(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!greater\s)(?<!bigger\s)"
                           r"(?<!larger\s)(?<!higher\s)(?<!other\s)(?<!rather\s)than|versus|vs\.?|unlike|comparable\s+(?:\w+\s+)?to|"
                           r"rivals?|rivalling|rivaling|similar\s+to|as\s+(?:big|large)\s+as)\b")
_RELATIVE_HAS = compiled(r",\s+(?:which|that|who)\s+(?:has|had|have|uses|used|runs|ran|contains|contained)\s+"
                         r"(?:about\s+|roughly\s+|some\s+|more\s+than\s+|over\s+)?$")
_AS_A_CAUSE = compiled(r"\b(?:as|since|because|when|if)\s+$")
_RATE_AFTER = compiled(r"\s+(?:would\s+|could\s+|can\s+)?(?:consume|draw|need|require|use|cost|generate)\w*\b")


_YARDSTICK = CaseBlind(r"\b(?:(?:is|was|are|were)\s+(?:only\s+|just\s+|roughly\s+|about\s+)?equivalent\s+to\s+(?:a|an|one)|"
                       r"enough\s+(?:to\s+buy|for))\s+(?:\w+\s+){0,2}$")


def _is_comparison(text: str, count: Quantity) -> bool:
    """A count named to compare with: in the words after "compared to", "than", "versus"
    in its segment ("compared to Megatron-LM's 1,024 GPUs"), or in a relative clause about
    what is compared with ("comparable to the Polaris supercomputer, which has 2,240 GPUs")."""
    segment = text[segment_start(text, count.start):count.start]
    if _COMPARED_WITH.search(segment) or _YARDSTICK.search(text, max(0, count.start - 40), count.start):
        return True  # ... or a yardstick: "only equivalent to a 10k H100 system"
    return bool(_RELATIVE_HAS.search(text, max(0, count.start - 40), count.start)) \
        and bool(_COMPARED_WITH.search(text, max(0, count.start - 200), count.start))


def _is_a_rate(text: str, count: Quantity, chip: ChipMention) -> bool:
    """"as 100,000 H100 GPUs consume around 70 MW": chips named for what they need, not owned."""
    return bool(_AS_A_CAUSE.search(text, max(0, count.start - 12), count.start) and _RATE_AFTER.match(text, chip.end))


def _is_specification(text: str, count: Quantity) -> bool:
    """"each v5p pod links 8,960 chips", "8 GPUs per server": a product's make-up, not a purchase."""
    before = text[max(0, count.start - 40):count.start]
    return bool(re.search(r"\beach\b(?!\s+(?:plan|plans|will|would|to|deploy|buy|get|receive|add|install|order|take|have|has|had|is|are)\b)[^,;]*$|\bper\s+\w+\s*$|\bmaximum\b[^,;]*$|\b(?:pods?|racks?|nodes?|boards?|trays?)\s+of\s+(?:\w+\s+)?$|"
                          r"\b(?:would|could)\s+(?:\w+\s+)?(?:require|need|take)\b[^;]*$|\bcorrespond\w*\s+to\b[^;]*$|\bequal\s+to\b[^;]*$|"
                          r"\boffer\w*\s+(?:[\w-]+\s+){0,3}(?:clusters?|instances?|systems?|pods?)\s+of\s+(?:up\s+to\s+)?$", before, re.IGNORECASE))
