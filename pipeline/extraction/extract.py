"""The extraction core: article text and its publication date in, events out.

`extract_events(text, published)` reads an article sentence by sentence. A sentence
yields an event when it has a trigger (an amount of money, a count of chips, a model
name next to a release verb) and the words around the trigger say what it is:

- an **investment** is money spent, committed or planned on AI compute (capex, data
  centers, chips, training); revenue, valuations, funding rounds, stakes, prices of a
  unit, fines, totals pooled across many parties and analysts' estimates are not;
- **hardware** is a count of chips with the chip named ("100,000 H100s");
- a **model_release** is a named model with a release or development verb.

Each event gets the organization that spends, buys or releases (by the grammar of the
sentence, then the sentence's subject, then the article's topic), the date the text
gives with its precision (else the day the claim was announced), done/planned status,
and the sentence it came from.

No I/O and no clock: the reference tables come in a `Reference`, "today" is `published`.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from itertools import takewhile

from .amounts import Quantity, find_counts, find_money, to_usd
from .chips import GAP, NOT_A_COUNT_AFTER, ChipMention
from .clauses import acts, after_preposition, clause_bounds, segment_end, segment_index, segment_start, segment_starts
from .dates import DATELINE, DEADLINE, PERIOD, POINT, SPAN, VAGUE, DateContext, DateMention, find_dates
from .reference import Reference
from .organizations import GOVERNMENT, PERSON, OrgMention, discover_names
from .patterns import CaseBlind, compiled
from .models import ModelMention
from .record import FIRST_YEAR, GENERIC_ITEMS, LAST_YEAR, PRECISION_RANK, Event, amount_problem
from .sentences import Sentence, find_sentences
from .cues import (
    MODAL, RELATIVE_TO_STORY,
    PLAIN_SPEND_WORD,
    COMPUTE_CUE, SPEND_WORD, NOT_SPENDING_BEFORE, NOT_SPENDING_AFTER, UNIT_AFTER,
    SPENDING_NOUN_AFTER, CURRENCY_MARKS, CURRENCY_WORD, DIGIT, COUNT_WORD_PARTS, COUNT_WORD, STAKE_IN_DESCRIBED, SELLERS, SUPPLY_TO, PURCHASE,
    POOLED, POOLED_COUNT, COLLAPSED, COMPARISON_BEFORE, CONVERSION_GAP, ANAPHORIC_AMOUNT, FUTURE_CUE, PAST_CUE,
    PAST_COMMITMENT, RELEASE_VERB, RELEASE_NOUN_AFTER, RELEASE_NOUN_BEFORE, DEVELOPMENT_BEFORE,
    DEVELOPMENT_AFTER, MODAL_BEFORE, MAYBE_NAMED_MODEL, PRODUCT_NOUN, NAMED_MODEL, ATTRIBUTION,
    PERFECT_ATTRIBUTION, REPORTED, FOUNDED, PRONOUN_SUBJECT, DEFINITE_DESCRIPTION, RELATIVE_START,
    OWNER_OF_SPENDING, VENDOR_MODIFIER,
)

_REPORT_OR_FOUNDING = CaseBlind(f"{REPORTED.pattern}|{FOUNDED.pattern}")
_TO = compiled(r"\bto\s+")
_MONEY_BETWEEN = compiled(r"[$€£¥₹₩]\s?\d|\d\s*(?:bn|billion|million|m)\b")
_NEXT_CLAUSE = compiled(r"\s(?:and|while|but)\s|;")
_ANNOUNCED_BEFORE = compiled(r"\b(?:announced|unveiled|said|pledged|promised|disclosed)\s*$")
_EQUIVALENT_BEFORE = CaseBlind(r"equivalent\s+(?:to|of)\s+(?:\w+\s+)?$")
_EQUIVALENT_AFTER = CaseBlind(r"^\s*-?equivalents?\b")
_OLD_FORECAST = compiled(r",\s*(?:up\s+|down\s+)?from\s+\S+(?:\s+\S+)?\s+to\s*$")  # ", from $35 billion to"
_INDEFINITE_ARTICLE = compiled(r"\b(?:a|an)\s*$")
_SUMMING_APPOSITIVE = CaseBlind(r"^[,\s]*(?:a|the)\s+(?:[\w-]+\s+)?(?:tally|total|figure|sum|number)\b")
_CLAUSE_STOP = compiled(r";|\s[-–—]\s")
_CONTRACT_VALUE = CaseBlind(r"(?:-dollar|-euro|-pound)?\s+(?:[\w-]+\s+){0,2}?(?:contract|agreement|deal|pact|lease)s?\b")
_PLAN_BEFORE = CaseBlind(r"\b(?:promis\w*|pledg\w*|commit\w*|vow\w*|to\s+(?:spend|invest|build|buy|acquire|deploy|add|install|purchase))\b")
_OF_ITS_OWN = compiled(r"\s+of\s+(?:its|their)\b")
_PASSIVE = compiled(r"\b(?:be|been|being|are|were|is)\s+(?:\w+ly\s+)?\w+ed\b")
_MODEL_LIST_GAP = compiled(r"\s*(?:,|and|or|,\s*and|&)\s*")  # "Claude 3.5 Haiku and Claude 3.5 Opus"
# A model named as a yardstick, not released: "since GPT-2", "than Gemini", "successor to GPT-4"
# (a predecessor may be released in the same breath: "its predecessor, Llama 3, released in April").
_MODEL_REFERENCE = CaseBlind(r"\b(?:since|than|like|unlike|versus|vs\.?|rivals?|rivalling|rivaling|successor\s+to)\s+(?:\w+['’]s\s+)?$")
_LIST_GAP = compiled(r"\s*(?:,|and|,\s*and|or|&)?\s*")  # between names listed together
MIN_SPENDING_USD = 100_000
MIN_CHIP_COUNT = 100
LONG_AGO_DAYS = 180  # a claim dated this long before the story is history, whatever verbs surround it
LEAD_ANNOUNCEMENT_SENTENCES = 6  # the lead whose day dates a story's news
LEAD_SENTENCES = 8  # a plan stated this early without a date is the story's news, dated by its lead

def extract_events(text: str, published: dt.date, reference: Reference) -> list[Event]:
    """Every event in an article, one per claim, in the order the article makes them."""
    if not FIRST_YEAR <= published.year <= LAST_YEAR:
        raise ValueError(f"publication date {published.isoformat()} out of range ({FIRST_YEAR} to {LAST_YEAR})")
    reader = _ArticleReader(text, published, reference)
    try:
        return reader.read()
    finally:
        reader.close()


class _Sentence:
    """One sentence and what it mentions, positions relative to the sentence. Its dates,
    and which of its organizations acts in it, are read on first use: most sentences
    have nothing that needs them."""

    def __init__(self, span: Sentence, index: int, orgs: list[OrgMention], chips: list[ChipMention], reader: "_ArticleReader"):
        self.span = span
        self.index = index
        self.orgs = orgs
        self.chips = chips
        self.reader = reader

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def lower(self) -> str:
        """The sentence lower-cased, for the cheap tests that decide whether to look closer."""
        return self.reader.lowered[self.index]

    @property
    def dates(self) -> list[DateMention]:
        return self.reader.dates_of(self.index)

    @cached_property
    def in_phrase(self) -> list[bool]:
        """Per organization mention: whether it is the object of a preposition ("in OpenAI")."""
        text, orgs = self.text, self.orgs
        in_phrase: list[bool] = []
        for index, mention in enumerate(orgs):
            inherited = False
            if index and _LIST_GAP.fullmatch(text, orgs[index - 1].end, mention.start):
                inherited = in_phrase[index - 1]  # "with SoftBank's Son, OpenAI's Altman and ..."
            owns_spending = bool(OWNER_OF_SPENDING.match(text[mention.end:mention.end + 60]))
            in_phrase.append(not owns_spending and (inherited or after_preposition(text, mention.start)))
        return in_phrase

    @cached_property
    def pronoun_subject(self) -> bool:
        """Whether the sentence's subject is a pronoun or a description ("The company said")."""
        text, orgs = self.text, self.orgs
        if not PRONOUN_SUBJECT.match(text):
            return False
        # "Iliad, the telecoms group controlled by Xavier Niel, said"
        return not (orgs and "," in text and orgs[0].start < text.index(","))

    @cached_property
    def subject(self) -> str | None:
        """The organization that acts in the sentence, if one is named doing so."""
        if self.pronoun_subject:
            return None
        text = self.text
        return next((m.org for m, inside in zip(self.orgs, self.in_phrase) if not inside and acts(text, m.start, m.end)), None)


class _ArticleReader:
    def __init__(self, text: str, published: dt.date, reference: Reference):
        self.published = published
        self.reference = reference
        self.sentences = find_sentences(text)
        self.lowered = [s.text.lower() for s in self.sentences]
        discovered = discover_names(text, reference.organizations, [(s.start, s.end) for s in self.sentences])
        self.organizations = reference.organizations.with_names(discovered) if discovered else reference.organizations
        self.mentions = [self.organizations.find(s.text) for s in self.sentences]
        self.mentioned = {m.org for found in self.mentions for m in found if m.type != PERSON}
        self.mentions = [self._people_resolved(found) for found in self.mentions]
        # chips matter here only to tell a chipmaker named with its chip ("Nvidia H100")
        self.chips = [self.reference.chips.find(s.text) if any(m.org in SELLERS for m in found) else []
                      for s, found in zip(self.sentences, self.mentions)]
        # per sentence, the organizations named as more than the maker of what is sold
        self.acting = [[m for m in found if not _is_vendor(s.text, m, chips)]
                       for s, found, chips in zip(self.sentences, self.mentions, self.chips)]
        self.main_org = self._main_organization()
        self.date_context = DateContext(published, lookback=self._look_back)
        self.lead_has_cue = any(COMPUTE_CUE.search(s.text) for s in self.sentences[:4])
        self.analysed: list[_Sentence] = []
        self.found_in: list[list[Event]] = []
        self._dates: dict[int, list[DateMention]] = {}
        self._lead: DateMention | None = None
        self._lead_known = False
        self.seen_orgs: list[str] = []
        self.seen_governments: list[str] = []
        self._topics: dict[int, str | None] = {}  # sentence index: the topic it sets
        self.reported: list[Event] = []
        self.index = 0

    def close(self) -> None:
        """Let go of the sentences and the date context, which point back at the reader,
        so that the article's objects are freed at once rather than by the garbage collector
        (which otherwise costs about a twentieth of the extraction time)."""
        self.analysed.clear()
        self.date_context.lookback = None

    def _people_resolved(self, found: list[OrgMention]) -> list[OrgMention]:
        """A person who speaks for several organizations ("Musk") stands for the one named
        in the same sentence ("On Tesla's call, Musk said"), else one the article names."""
        if all(m.type != PERSON for m in found):
            return found
        named_here = {m.org for m in found if m.type != PERSON}
        resolved = []
        for mention in found:
            here = self.organizations.prefer(mention, named_here)
            resolved.append(here if here.org in named_here else self.organizations.prefer(mention, self.mentioned))
        return resolved

    # --- dates, read when needed ------------------------------------------------------

    def dates_of(self, index: int) -> list[DateMention]:
        """The date phrases of sentence `index`, resolved in the article's context."""
        if index not in self._dates:
            sentence = self.sentences[index]
            orgs = self.mentions[index]
            org = orgs[0].org if orgs else self.topic
            self.date_context.fiscal_last_month = self.organizations.fiscal_last_month.get(org or "", 12)
            self._dates[index] = find_dates(sentence.text, self.date_context)
        return self._dates[index]

    def _look_back(self, key: str) -> DateMention | None:
        """The latest date of a precision ("quarter", "deadline") named before the current
        sentence, for "the same quarter" or "by then". Read with a context of its own, so
        the sentence being read keeps its state."""
        context = DateContext(self.published)
        for index in range(self.index - 1, -1, -1):
            mentions = self._dates.get(index)
            if mentions is None:
                mentions = find_dates(self.sentences[index].text, context)
            for mention in reversed(mentions):
                if mention.date is None:
                    continue
                if mention.precision == key or (key == "deadline" and mention.role == DEADLINE):
                    return mention
        return None

    def _previous_anchor(self) -> DateMention | None:
        """The day or month the sentence before this one says something was announced; past
        a line that only leads into a list ("The July 15 summit produced a blizzard of
        pledges. Two stood out:" then "Google said it would invest $25bn")."""
        back = 1
        if len(self.analysed) > 1 and self.analysed[-1].text.endswith(":") and not self.found_in[-1]:
            back = 2
        if len(self.analysed) < back:
            return None
        previous = self.analysed[-back]
        if not previous.dates:
            return None
        announced = self._announcement_date(previous, allow_month=True)
        quiet = not self.found_in[-back] and announced is not None and announced.role == POINT
        return announced if announced and (ATTRIBUTION.search(previous.text) or quiet) else None

    def _lead_announcement(self) -> DateMention | None:
        """The day the story's lead (its first sentences) says its news was announced;
        kept once the whole lead has been read."""
        if self._lead_known:
            return self._lead
        lead_size = min(LEAD_ANNOUNCEMENT_SENTENCES, len(self.sentences))
        days = (self._announcement_date(sentence, lead=True) for sentence in self.analysed[:lead_size]
                if not _is_dateline_only(sentence))
        lead = next((d for d in days if d and (self.published - d.date).days <= 14), None)
        if len(self.analysed) >= lead_size:
            self._lead, self._lead_known = lead, True
        return lead

    # --- article level ----------------------------------------------------------------

    def _main_organization(self) -> str | None:
        """The organization the article is about: most named, the headline counting triple."""
        counts: dict[str, float] = {}
        for index, found in enumerate(self.acting):
            weight = 3.0 if index == 0 else 2.0 if index < 3 else 1.0
            for mention in found:
                counts[mention.org] = counts.get(mention.org, 0) + weight
        return max(counts, key=counts.get) if counts else None

    def read(self) -> list[Event]:
        events: list[Event] = []
        for index, span in enumerate(self.sentences):
            self.index = index
            sentence = self._analyse(span)
            found = self._model_events(sentence) + self._money_events(sentence) + self._hardware_events(sentence)
            for event in found:
                event.evidence = span.text
                event.start, event.end = span.start, span.end
                event.trigger += span.start
            events += found
            self.reported += [e for e in found if e.kind == "investment"]
            self._remember(sentence, found, index)
        return _one_per_claim(events, headline_end=self.sentences[0].end if self.sentences else 0)

    def _analyse(self, span: Sentence) -> _Sentence:
        return _Sentence(span, self.index, self.acting[self.index], self.chips[self.index], self)

    @property
    def topic(self) -> str | None:
        """Who the article is talking about before the current sentence: the last sentence's
        acting organization or spender, else the organization the article is about."""
        return self._topic_after(len(self.analysed) - 1)

    def _topic_after(self, index: int) -> str | None:
        """The topic once sentence `index` has been read: the last sentence up to it that
        names an acting organization or a spender (remembered once worked out)."""
        visited = []
        topic = self.main_org
        while index >= 0:
            if index in self._topics:
                topic = self._topics[index]
                break
            visited.append(index)
            sentence, found = self.analysed[index], self.found_in[index]
            if sentence.subject or (found and found[-1].kind != "model_release"):
                topic = sentence.subject or found[-1].org
                break
            index -= 1
        for seen in visited:
            self._topics[seen] = topic
        return topic

    def _remember(self, sentence: _Sentence, found: list[Event], index: int) -> None:
        for event in found:
            used = next((d for d in sentence.dates if d.date and d.date.isoformat() == event.date), None)
            if used:
                self.date_context.remember(used)
        self.analysed.append(sentence)
        self.found_in.append(found)
        for mention in sentence.orgs:
            if mention.type != PERSON:
                self.seen_orgs.append(mention.org)
            if mention.type == GOVERNMENT:
                self.seen_governments.append(mention.org)

    def _announcement_date(self, sentence: _Sentence, allow_month: bool = False, lead: bool = False) -> DateMention | None:
        """The day (or month) the sentence says something was announced or said, not a
        day a newspaper reported it: "On Monday, Musk announced", "said last week". A
        story's lead dates its news whatever its verb ("struck deals on Tuesday")."""
        text = sentence.text
        announcing = ATTRIBUTION.search(text) or re.search(r"\btoday\b", text, re.IGNORECASE)
        if not announcing and not allow_month and not lead:
            return None
        precisions = ("day", "month") if allow_month else ("day",)
        candidates = [d for d in sentence.dates if d.precision in precisions and d.role in (POINT, DATELINE)
                      and d.date and d.date <= self.published and not _is_report_date(text, d)]
        candidates.sort(key=lambda d: (d.role == DATELINE, bool(RELATIVE_TO_STORY.search(d.text))))
        return candidates[0] if candidates else None

    # --- organizations ----------------------------------------------------------------

    def _resolve_pronoun(self, sentence: _Sentence, position: int) -> str | None:
        """Who "it", "the company" or "the partnership" is at `position`."""
        description = None
        for description in DEFINITE_DESCRIPTION.finditer(sentence.text[:position]):
            pass
        if description:
            head = description.group(1).split()[-1].lower()
            if head in ("government", "ministry", "kingdom", "country") and not after_preposition(sentence.text, description.start()):
                # "the government will deploy": the government the article last named
                named = self.seen_governments + [m.org for m in sentence.orgs if m.start < position and m.type == GOVERNMENT]
                if named:
                    return named[-1]
            for org in reversed(self.seen_orgs + [m.org for m in sentence.orgs if m.start < position]):
                if head in org.lower():
                    return org
        if sentence.subject and not sentence.pronoun_subject:
            return sentence.subject
        if re.match(r"(?:[^,]{0,40},\s+)?(?:we|our|us)\b", sentence.text, re.IGNORECASE) or re.search(r"^[^:]{0,80}:\s*(?:we|our)\b", sentence.text, re.IGNORECASE):
            return self.main_org or self.topic
        if re.match(r"(?:those|these|the)\s+(?:\w+\s+)?(?:agreements|deals|contracts|pacts|commitments|plans)\b", sentence.text, re.IGNORECASE):
            return self.main_org or self.topic
        return self.topic

    def _spender(self, sentence: _Sentence, start: int, end: int, money: bool = True) -> str | None:
        """The organization that spends or buys what the trigger at [start, end) names."""
        text = sentence.text
        first = segment_start(text, start)
        mentions = list(zip(sentence.orgs, sentence.in_phrase))
        # 1. the nearest organization before the trigger in its own segment
        for mention, inside in reversed(mentions):
            if first <= mention.start < start and not inside:
                return mention.org
        # 2. a relative or appositive clause: "Stargate, a new company that intends to invest"
        head = text[first:start]
        if RELATIVE_START.match(head):
            window = [(m, inside) for m, inside in mentions if max(0, first - 80) <= m.start < first]
            acting = [m for m, inside in window if not inside]
            if window:
                return (acting or [m for m, _ in window])[-1].org
        # 3. money "from the Canadian asset manager Brookfield", "paid by the EuroHPC JU"
        if money and not PURCHASE.search(text[first:start]):
            limit = clause_bounds(text, end)[1]
            for mention, _ in mentions:
                if end <= mention.start < limit:
                    between = text[end:mention.start]
                    if re.search(r"\b(?:from|by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", between) and not _MONEY_BETWEEN.search(between):
                        return mention.org  # not when the "from" belongs to another amount ("to buy $30bn ... from Microsoft")
                    break
        # 4. whose plan it is: "Amazon Web Services' plan, announced in January, to invest"
        clause_start = clause_bounds(text, start)[0]
        owners = [m for m in sentence.orgs if clause_start <= m.start < start and OWNER_OF_SPENDING.match(text[m.end:m.end + 60])]
        if owners:
            return owners[-1].org
        # 5. the subject of the sentence, else what the article is talking about
        return self._resolve_pronoun(sentence, start)

    def _buyer(self, sentence: _Sentence, start: int, end: int) -> str | None:
        """Who has or buys the chips counted at [start, end): "supply Humain with 18,000
        chips" is Humain; a chipmaker is the buyer only when no one else is in view."""
        text = sentence.text
        for mention in sentence.orgs:
            if mention.end <= start and SUPPLY_TO.search(text[:mention.start]) and re.fullmatch(r"\s+with\s+(?:\w+\s+){0,3}", text[mention.end:start]):
                return mention.org
        org = self._spender(sentence, start, end, money=False)
        if org in SELLERS:
            others = [m for m, inside in zip(sentence.orgs, sentence.in_phrase)
                      if m.org not in SELLERS and m.start < start and not inside]
            if others:
                return others[-1].org
            if SUPPLY_TO.search(text[:start]):
                return _recipient(sentence, end)  # "Nvidia will supply 260,000 GPUs to Korea's government"
            if self.topic not in SELLERS and self.topic is not None and sentence.subject != org:
                return self.topic
            if _OF_ITS_OWN.match(text, end) and _PASSIVE.search(text, end, end + 80):
                return None  # "120,000 of its Blackwell GPUs would be deployed across Britain": what it sells, others deploy
            if any(m.org == org for m in self.mentions[sentence.index]) and not any(m.org == org for m in sentence.orgs):
                # named only as the maker of the chips ("runs 5,448 Nvidia GH200s"): someone else's
                # machine; whose, if the sentence before names one buyer ("Nvidia said Humain would
                # build AI factories. The first phase will be a supercomputer built from 18,000 Nvidia chips")
                previous = self.analysed[-1] if self.analysed else None
                before = {m.org for m, inside in zip(previous.orgs, previous.in_phrase)
                          if m.org not in SELLERS and m.type != PERSON and not inside} if previous else set()
                return before.pop() if len(before) == 1 else None
        return org

    def _speaker(self, sentence: _Sentence) -> str | None:
        people = [m for m in sentence.orgs if m.type == PERSON]
        return re.sub(r"['’]s$", "", people[0].text) if people else None

    # --- dates and status -------------------------------------------------------------

    def _date_for(self, sentence: _Sentence, start: int, end: int, triggers: list[tuple[int, int]]) -> DateMention | None:
        """The date the sentence gives for the trigger at [start, end)."""
        text = sentence.text
        usable = [d for d in sentence.dates if d.role not in (DATELINE, SPAN, VAGUE) and d.date is not None
                  and not (start <= d.start < end) and not _is_report_date(text, d)]
        if not usable:
            return None
        starts = segment_starts(text)
        own = segment_index(starts, start)

        def distance(d: DateMention) -> int:
            return d.start - end if d.start >= end else start - d.end

        in_own = [d for d in usable if segment_index(starts, d.start) == own]
        if in_own:
            return min(in_own, key=lambda d: (d.role == POINT, distance(d)))
        busy = {segment_index(starts, s) for s, _ in triggers}
        modifiers = [d for d in usable if d.precision == "year" and SPENDING_NOUN_AFTER.match(text[d.end:d.end + 40])]
        if len(modifiers) == 1 and segment_index(starts, modifiers[0].start) not in busy:
            return modifiers[0]
        # a date in a segment of its own next to the trigger's, or past an aside that
        # holds no other trigger ("spent $24.2 billion, including leases, in the June quarter")
        neighbours = [d for d in usable if segment_index(starts, d.start) not in busy
                      and _within_reach(segment_index(starts, d.start), own, busy)]
        if neighbours:
            return min(neighbours, key=distance)
        periods = [d for d in usable if d.role == PERIOD and segment_index(starts, d.start) in busy]
        if periods:
            return min(periods, key=distance)
        free = [d for d in usable if segment_index(starts, d.start) not in busy and d.role in (POINT, DEADLINE)]
        return min(free, key=distance) if free else None

    def _fallback_date(self, sentence: _Sentence, status: str, index: int) -> DateMention | None:
        """When the text gives no time for spending or chips: the day the claim was made,
        said in the sentence, the one before it, or (for a plan) the story's lead."""
        text = sentence.text
        attributed = bool(ATTRIBUTION.search(text)) and not PERFECT_ATTRIBUTION.search(text)
        if not (attributed or status == "planned"):
            return None
        own = self._announcement_date(sentence)
        if own is not None:
            return own
        anchor = self._previous_anchor()
        if anchor is not None:
            return anchor
        told_early = index < LEAD_SENTENCES and not PAST_COMMITMENT.search(text)
        if status == "planned" and (attributed or told_early):
            return self._lead_announcement()
        return None

    def _status(self, sentence: _Sentence, start: int, end: int, date: DateMention | None,
                previous_end: int, next_start: int, default: str = "planned") -> str:
        """"planned" or "done", from the verb that governs the trigger, else its date."""
        text = sentence.text
        clause_start, clause_end = clause_bounds(text, start)
        lead_in = text[max(clause_start, previous_end, start - 120):start]
        follow = text[end:min(next_start, clause_end, end + 60)]
        follow = _NEXT_CLAUSE.split(follow)[0]
        announced = date is not None and _ANNOUNCED_BEFORE.search(text[max(0, date.start - 20):date.start])
        if date is not None and date.date is not None and date.role != POINT and not announced:
            if _period_end(date) < self.published and not FUTURE_CUE.search(lead_in):
                return "done"
            if date.date > self.published:
                return "planned"
        if _CONTRACT_VALUE.match(text, end):
            return "planned"  # "signed a five-year, $9.7 billion contract": paid over the years to come
        if date is not None and date.date is not None and (self.published - _period_end(date)).days > LONG_AGO_DAYS \
                and not MODAL.search(lead_in) and not _PLAN_BEFORE.search(lead_in) and not FUTURE_CUE.search(follow):
            return "done"  # "in January 2022 it unveiled a cluster that started with 6,080 GPUs", told years later
        future = [m.end() for m in FUTURE_CUE.finditer(lead_in)]
        past = [m.end() for m in PAST_CUE.finditer(lead_in)]
        if future or past:
            return "planned" if max(future, default=-1) >= max(past, default=-1) else "done"
        for scope in (follow, text[clause_start:clause_end], text):
            future = [m.end() for m in FUTURE_CUE.finditer(scope)]
            past = [m.end() for m in PAST_CUE.finditer(scope)]
            if future or past:
                if scope is follow:
                    return "planned" if future and (not past or min(future) <= min(past)) else "done"
                if MODAL.search(scope):
                    return "planned"  # "would begin coming online": the modal governs what follows
                return "planned" if max(future, default=-1) >= max(past, default=-1) else "done"
        if date is not None and date.date is not None and _period_end(date) < self.published and not announced:
            return "done"
        return default

    # --- investments ------------------------------------------------------------------

    def _money_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        if not _may_name_money(sentence) or not self._about_spending(sentence) or COLLAPSED.search(text):
            return []
        quantities = find_money(text)
        if not quantities:
            return []
        quantities = _without_conversions(text, quantities)
        triggers = [(q.start, q.end) for q in quantities]
        events = []
        rejected_before = False
        for index, quantity in enumerate(quantities):
            usd = to_usd(quantity, self.reference.usd_per_unit)
            previous_end = quantities[index - 1].end if index else 0
            next_start = quantities[index + 1].start if index + 1 < len(quantities) else len(text)
            rejected = self._is_not_spending(sentence, quantity, previous_end, next_start)
            if not rejected and rejected_before and _continues_list(text, previous_end, quantity.start):
                rejected = True  # "revenue would climb to $18bn ... then to $32bn, $73bn"
            rejected_before = rejected
            biggest = max(v for v in (usd.low, usd.high) if v is not None)
            if rejected or biggest < MIN_SPENDING_USD or amount_problem("investment", usd.low, usd.high) or self._refers_back(text, quantity, usd):
                continue
            if quantity.vague and not _names_a_party(sentence):
                continue  # "pledges worth tens of billions of pounds": commentary, no one's claim
            org = self._spender(sentence, quantity.start, quantity.end)
            if org is None:
                continue
            date = self._date_for(sentence, quantity.start, quantity.end, triggers)
            status = self._status(sentence, quantity.start, quantity.end, date, previous_end, next_start)
            if date is None:
                date = self._fallback_date(sentence, status, self.index)
            events.append(Event(
                kind="investment", org=org, amount_low=usd.low, amount_high=usd.high,
                currency=quantity.currency, amount_text=quantity.text.strip(),
                date=_iso(date), date_precision=date.precision if date else None,
                status=status, speaker=self._speaker(sentence), vague=quantity.vague, trigger=quantity.start,
            ))
        return events

    def _about_spending(self, sentence: _Sentence) -> bool:
        """Whether the sentence (or, for a spending verb, the one before it, its paragraph or
        the story's lead) speaks of AI compute: data centers, chips, capex, training."""
        text = sentence.text
        if COMPUTE_CUE.search(text):
            return True
        if not SPEND_WORD.search(text):
            return False
        previous_cue = bool(self.analysed) and COMPUTE_CUE.search(self.analysed[-1].text)
        if previous_cue:
            return True
        if not PLAIN_SPEND_WORD.search(text):
            return False
        # "Start with what the companies are spending. Alphabet raised its capex forecast ...
        # Microsoft spent $24.2 billion": the paragraph is about it
        paragraph = sentence.span.paragraph
        earlier = takewhile(lambda s: s.span.paragraph == paragraph, reversed(self.analysed))
        return self.lead_has_cue or any(COMPUTE_CUE.search(s.text) for s in earlier)

    def _refers_back(self, text: str, quantity: Quantity, usd: Quantity) -> bool:
        """"the €200bn", "that $80 billion figure": an amount the article already reported."""
        if not ANAPHORIC_AMOUNT.search(text[max(0, quantity.start - 8):quantity.start]):
            return False
        return any(_close(e.amount_low, usd.low) and _close(e.amount_high, usd.high) for e in self.reported)

    def _is_not_spending(self, sentence: _Sentence, quantity: Quantity, previous_end: int, next_start: int) -> bool:
        text = sentence.text
        before = text[max(previous_end, segment_start(text, quantity.start), quantity.start - 90):quantity.start]
        after = text[quantity.end:min(next_start, quantity.end + 50)]
        if NOT_SPENDING_BEFORE.search(before) or NOT_SPENDING_AFTER.match(after):
            return True
        if COMPARISON_BEFORE.search(before) and (previous_end or re.search(r"\bfrom\s", before[-25:])):
            return True
        if _OLD_FORECAST.search(before):
            return True  # "to $37-40 billion, from $35 billion to $40 billion": the old forecast
        if _INDEFINITE_ARTICLE.search(before) and UNIT_AFTER.match(after):
            return True  # "a $199,000 server": the price of one unit
        if POOLED.search(_amount_scope(text, quantity)):
            return True
        if quantity.vague and _two_orgs_share(sentence, quantity.start):
            return True  # "Microsoft and Google ... announcing billions of pounds"
        if STAKE_IN_DESCRIBED.match(after):
            return True  # "invested $1 billion in the lab"
        # "invested $13 billion in OpenAI", "a $4 billion investment in Anthropic": a stake
        for mention in sentence.orgs:
            if quantity.end <= mention.start <= quantity.end + 45 and mention.type != GOVERNMENT:
                gap = text[quantity.end:mention.start]
                if re.fullmatch(r"\s+(?:[\w'’-]+\s+){0,3}?(?:in|into)\s+(?:the\s+)?", gap) and "AI" not in gap:
                    if not re.match(r"\s*(?:['’]s\s+)?(?:data|infrastructure|compute|computing|cloud|AI\s+infrastructure)", text[mention.end:mention.end + 30]):
                        return True
                if re.search(r"\b(?:in|into|on|for|to|with|from)\b", gap):
                    break  # else look past the one who puts it in: "the $1 billion Microsoft put into OpenAI"
        return False

    # --- hardware ---------------------------------------------------------------------

    def _hardware_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        if not _may_count(sentence) or not self.reference.chips.mentions_any(sentence.lower):
            return []
        counts = find_counts(text)
        if not counts:
            return []
        chips = self.reference.chips.find(text, generic=True)
        if not chips:
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
            if chip is None:
                continue
            counted = chip
            biggest = max(v for v in (count.low, count.high) if v is not None)
            if biggest < MIN_CHIP_COUNT or amount_problem("hardware", count.low, count.high) or _is_specification(text, count):
                continue
            if count.vague and not _names_a_party(sentence):
                continue  # "campuses now plan for hundreds of thousands of GPUs"
            if POOLED_COUNT.search(_amount_scope(text, count)):
                continue  # "Nvidia said it and its partners would deploy 120,000 GPUs": no one's own
            item = f"{chip.item} equivalents" if _is_equivalent(text, count, chip) else chip.item
            org = events[-1].org if elliptical and events else self._buyer(sentence, count.start, count.end)
            if org is None:
                continue
            previous_end = counts[index - 1].end if index else 0
            next_start = counts[index + 1].start if index + 1 < len(counts) else len(text)
            date = self._date_for(sentence, count.start, chip.end, triggers)
            status = self._status(sentence, count.start, chip.end, date, previous_end, next_start, default="done")
            if date is None:
                date = self._fallback_date(sentence, status, self.index)
            events.append(Event(
                kind="hardware", org=org, item=item, amount_low=count.low, amount_high=count.high,
                amount_text=text[count.start:chip.end].strip(), date=_iso(date),
                date_precision=date.precision if date else None, status=status,
                speaker=self._speaker(sentence), vague=count.vague, trigger=count.start,
            ))
        return events

    # --- model releases ---------------------------------------------------------------

    def _model_mentions(self, sentence: _Sentence) -> list[ModelMention]:
        text = sentence.text
        models = [m for m in self.reference.models.find(text, self.mentioned)
                  if m.versioned or not PRODUCT_NOUN.match(text[m.end:m.end + 20])]
        known = [(m.start, m.end) for m in models]
        named = ("model" in text or "LLM" in text) and MAYBE_NAMED_MODEL.search(text)
        for match in NAMED_MODEL.finditer(text) if named else ():
            group = "name" if match.group("name") else "name2"
            start, end = match.span(group)
            name = match.group(group)
            if any(s <= start < e for s, e in known) or name in self.organizations.aliases or name in ("AI", "GPU", "LLM"):
                continue
            org = self._spender(sentence, start, end, money=False)
            if org:
                models.append(ModelMention(start, end, name, name, org, True))
        return sorted(models, key=lambda m: m.start)

    def _model_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        models = self._model_mentions(sentence)
        events = []
        for index, model in enumerate(models):
            if _MODEL_REFERENCE.search(text, 0, model.start):
                continue  # "its first open models since GPT-2", "faster than Gemini 1.5"
            verb = _release_verb(text, models, index)
            if verb is None:
                continue
            verb_start, verb_end, developing = verb
            if verb_start > model.end and any(model.end <= m.start < verb_start and m.org != model.org for m in sentence.orgs):
                continue  # "GPT-2, and on the same Tuesday Anthropic shipped": another's verb
            pair = (min(verb_start, model.start), max(verb_end, model.end))
            date = self._release_date(sentence, pair, models, index)
            status = "planned" if developing else self._release_status(text, verb_start, model, date)
            if status == "planned" and date is not None and date.role == POINT and _follows_attribution(text, date):
                date = None
            events.append(Event(
                kind="model_release", org=model.org, model=model.name, date=_iso(date),
                date_precision=date.precision if date else None, status=status,
                speaker=self._speaker(sentence), trigger=model.start,
            ))
        return events

    def _release_date(self, sentence: _Sentence, pair: tuple[int, int], models: list[ModelMention], index: int) -> DateMention | None:
        text = sentence.text
        starts = segment_starts(text)
        others = {segment_index(starts, m.start) for i, m in enumerate(models)
                  if i != index and not _coordinated(text, models, i, index)}
        others.discard(segment_index(starts, pair[0]))
        candidates = [d for d in sentence.dates if d.role not in (DATELINE, SPAN)
                      and segment_index(starts, d.start) not in others and not _is_report_date(text, d)]
        if not candidates:
            return None

        def distance(d: DateMention) -> int:
            return d.start - pair[1] if d.start >= pair[1] else max(0, pair[0] - d.end)

        model = models[index]
        own = segment_index(starts, model.start)
        after_model = [d for d in candidates if d.start >= model.end and segment_index(starts, d.start) == own]
        if after_model and model.start > pair[0]:
            candidates = after_model  # "Grok 3 came out on Feb. 17, and Grok 4 on July 9": its own date
        nearest = min(candidates, key=distance)
        if nearest.role == VAGUE or distance(nearest) > 90:
            return None
        return nearest

    def _release_status(self, text: str, verb_start: int, model: ModelMention, date: DateMention | None) -> str:
        before = text[max(0, verb_start - 40):verb_start]
        if MODAL_BEFORE.search(before) or re.match(r"(?:will|would|'ll|’ll|should|could|(?-i:may)|might|to)\b", text[verb_start:], re.IGNORECASE):
            return "planned"
        if date is not None and date.date is not None and date.date > self.published:
            return "planned"
        near = text[max(0, model.start - 40):model.end + 40]
        if re.search(r"\b(?:next|upcoming|forthcoming)\b", near, re.IGNORECASE) and not re.search(r"\b(?:released|launched|unveiled|introduced|debuted)\b", text, re.IGNORECASE):
            return "planned"
        return "done"


# --- helpers ----------------------------------------------------------------------------


def _may_name_money(sentence: _Sentence) -> bool:
    """Whether the sentence names a currency: a cheap test before reading amounts."""
    lower = sentence.lower
    return any(map(lower.__contains__, CURRENCY_MARKS)) or CURRENCY_WORD.search(lower) is not None


def _may_count(sentence: _Sentence) -> bool:
    """Whether the sentence has a digit or a number word: a cheap test before counting."""
    if DIGIT.search(sentence.text):
        return True
    lower = sentence.lower
    return any(map(lower.__contains__, COUNT_WORD_PARTS)) and COUNT_WORD.search(lower) is not None


def _within_reach(segment: int, own: int, busy: set[int]) -> bool:
    """Whether `segment` is next to `own`, or two away with no trigger in between."""
    gap = abs(segment - own)
    return gap == 1 or (gap == 2 and (segment + own) // 2 not in busy)


def _iso(mention: DateMention | None) -> str | None:
    return mention.date.isoformat() if mention and mention.date else None


def _period_end(mention: DateMention) -> dt.date:
    day = mention.date
    if mention.role == DEADLINE or mention.precision == "day":
        return day
    months = {"month": 1, "quarter": 3}.get(mention.precision or "", 12)
    if months == 12:
        return dt.date(day.year, 12, 31)
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def _is_report_date(text: str, mention: DateMention) -> bool:
    """"The Wall Street Journal reported on Wednesday": the day of a report, not of the
    claim; "a start-up founded last year": the day of a founding."""
    return bool(_REPORT_OR_FOUNDING.search(text[max(0, mention.start - 40):mention.start]))


def _is_dateline_only(sentence: _Sentence) -> bool:
    """A line that is only a date ("Wednesday 17 September 2025"): the day of the paper."""
    rest = sentence.text
    for mention in sorted(sentence.dates, key=lambda d: d.start, reverse=True):
        rest = rest[:mention.start] + rest[mention.end:]
    return len(re.findall(r"[A-Za-z]+", rest)) < 3


def _is_vendor(text: str, mention: OrgMention, chips: list[ChipMention]) -> bool:
    """A chipmaker named with what it sells ("Nvidia H100", "Tesla's Nvidia purchases")."""
    inside_chip = any(c.start <= mention.start and mention.end <= c.end for c in chips)
    return inside_chip or bool(VENDOR_MODIFIER.match(text[mention.end:mention.end + 20]))


def _amount_scope(text: str, quantity: Quantity) -> str:
    """The words that can say whose an amount is: its clause up to the end of its segment,
    and a following appositive that sums it up ("..., a tally that combines ...")."""
    clause_start, clause_end = clause_bounds(text, quantity.start)
    end = min(segment_end(text, quantity.end), clause_end)
    rest = text[end:clause_end]
    if _SUMMING_APPOSITIVE.match(rest):
        end = clause_end
    return text[clause_start:end]


def _two_orgs_share(sentence: _Sentence, position: int) -> bool:
    """"Microsoft and Google ... announcing billions": an amount two organizations share."""
    before = [m for m in sentence.orgs if m.end <= position and m.type != PERSON]
    for first, second in zip(before, before[1:]):
        if first.org != second.org and re.fullmatch(r"\s*(?:and|&)\s*", sentence.text[first.end:second.start]):
            return True
    return False


def _recipient(sentence: _Sentence, end: int) -> str | None:
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


def _names_a_party(sentence: _Sentence) -> bool:
    """Whether the sentence names who acts: an organization or a pronoun for one."""
    return bool(sentence.orgs) or sentence.pronoun_subject


def _continues_list(text: str, previous_end: int, start: int) -> bool:
    """Whether the text between two amounts only goes on with the same list ("$32bn,
    $73bn and then $114bn", "at $80 billion and the social network at $33 billion"):
    a few words, no new spending word, ending where a figure would."""
    gap = text[previous_end:start]
    if COMPUTE_CUE.search(gap) or SPEND_WORD.search(gap) or len(gap.split()) > 9:
        return False
    return bool(re.fullmatch(r"[\s,]*|[^;:]*?\b(?:and|or|then|to|at|of|for)\s*|[^;:]*?\band\s+(?:[A-Z][\w&.'’-]*\s+){1,3}", gap))


def _without_conversions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Drop an article's own conversions: "380bn yuan (US$53bn)", "€4bn, or about $4.3bn"."""
    kept: list[Quantity] = []
    for quantity in quantities:
        if kept and kept[-1].currency != quantity.currency and CONVERSION_GAP.match(text[kept[-1].end:quantity.start]):
            continue
        kept.append(quantity)
    return kept


def _counted_chip(text: str, count: Quantity, chips: list[ChipMention]) -> ChipMention | None:
    """The chip a count counts: "100,000 Nvidia H100 chips", "50,000 of Nvidia's newer H200s"."""
    for chip in chips:
        if chip.start < count.end:
            continue
        if not GAP.match(text[count.end:chip.start]):
            return None
        following = text[chip.end:chip.end + 15]
        if NOT_A_COUNT_AFTER.match(following) and not re.match(r"^\s*-?equivalents?", following, re.IGNORECASE):
            return None
        return chip
    return None


def _chip_numbered_before(text: str, count: Quantity, chips: list[ChipMention]) -> ChipMention | None:
    """The chip whose number a count gives: "increase the number of GPUs to 16,000",
    "bring its fleet of H100s to 350,000"."""
    for chip in chips:
        if chip.end <= count.start and re.fullmatch(r"\s+(?:to|at)\s+", text[chip.end:count.start]):
            if re.search(r"\b(?:number|count|fleet|total|stock)\s+of\s+(?:its\s+|their\s+|the\s+)?$", text[:chip.start]):
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


def _is_specification(text: str, count: Quantity) -> bool:
    """"each v5p pod links 8,960 chips", "8 GPUs per server": a product's make-up, not a purchase."""
    before = text[max(0, count.start - 40):count.start]
    return bool(re.search(r"\beach\b[^,;]*$|\bper\s+\w+\s*$|\bmaximum\b[^,;]*$|\b(?:pods?|racks?|nodes?|boards?|trays?)\s+of\s+(?:\w+\s+)?$|"
                          r"\b(?:would|could)\s+(?:\w+\s+)?(?:require|need|take)\b[^;]*$|\bcorrespond\w*\s+to\b[^;]*$|\bequal\s+to\b[^;]*$|"
                          r"\boffer\w*\s+(?:[\w-]+\s+){0,3}(?:clusters?|instances?|systems?|pods?)\s+of\s+(?:up\s+to\s+)?$", before, re.IGNORECASE))


def _release_verb(text: str, models: list[ModelMention], index: int) -> tuple[int, int, bool] | None:
    """The release or development verb that governs model `index`: (start, end, developing)."""
    model = models[index]
    # left: "released Claude 3.5 Sonnet", "follow up with Claude 3.5 Haiku and Claude 3.5 Opus"
    j = index - 1
    left_limit = model.start
    while j >= 0 and _coordinated(text, models, j, j + 1):
        left_limit = models[j].start
        j -= 1
    window_start = max(models[j].end if j >= 0 else 0, left_limit - 70)
    window = text[window_start:left_limit]
    if ";" not in window:
        developing = DEVELOPMENT_BEFORE.search(window)
        if developing and not re.search(r"\bwith\s*$", window):
            return window_start + developing.start(), window_start + developing.end(), True
        noun = RELEASE_NOUN_BEFORE.search(window)
        if noun:
            return window_start + noun.start(), window_start + noun.end(), False
        # read on past the model, so that "made its Claude model available" and "came Gemma" are seen whole
        verbs = list(takewhile(lambda v: v.start() < left_limit, RELEASE_VERB.finditer(text, window_start, left_limit + 80)))
        if verbs and len(text[verbs[-1].end():left_limit].split()) <= 5:
            return verbs[-1].start(), verbs[-1].end(), False
    # right: "GPT-4o, which debuted in May", "Grok-3 should be out", "Behemoth ... is still in training"
    k = index + 1
    right_end = model.end
    while k < len(models) and _coordinated(text, models, k - 1, k):
        right_end = models[k].end
        k += 1
    window = text[right_end:min(models[k].start if k < len(models) else len(text), right_end + 140)]
    window = _CLAUSE_STOP.split(window)[0]
    developing = DEVELOPMENT_AFTER.match(window)
    if developing:
        return right_end + developing.start(), right_end + developing.end(), True
    noun = RELEASE_NOUN_AFTER.match(window)
    if noun:
        return right_end + noun.start(), right_end + noun.end(), False
    for verb in RELEASE_VERB.finditer(window):
        between = re.sub(r"^([^,]*),[^,;]{1,90},", r"\1", window[:verb.start()])  # skip an appositive
        if len(between.split()) <= 10:
            return right_end + verb.start(), right_end + verb.end(), False
        break
    return None


def _coordinated(text: str, models: list[ModelMention], i: int, j: int) -> bool:
    """Models i and j are listed together ("Claude 3.5 Haiku and Claude 3.5 Opus")."""
    first, second = sorted((i, j))
    if second - first != 1:
        return False
    return bool(_MODEL_LIST_GAP.fullmatch(text, models[first].end, models[second].start))


def _follows_attribution(text: str, date: DateMention) -> bool:
    return bool(re.search(r"\b(?:said|says|told|wrote|announced)\s*$", text[max(0, date.start - 20):date.start]))


# --- one event per claim ----------------------------------------------------------------


def _one_per_claim(events: list[Event], headline_end: int = 0) -> list[Event]:
    """Merge what an article repeats: the same model, or the same amount for the same
    organization, kind and item (a vague amount only with the same date). A headline
    that names the spender otherwise than the story ("IndiaAI lines up 18,693 GPUs", then
    "India will make 18,693 GPUs available") repeats it too."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_claim(k, event) or _headline_repeat(k, event, headline_end)), None)
        if twin is None:
            kept.append(event)
            continue
        position = kept.index(twin)
        best, other = (event, twin) if _better(event, twin) else (twin, event)
        if best.kind == "model_release" and "done" in (best.status, other.status):
            best.status = "done"
        kept[position] = best
    return _without_bare_families(kept)


def _same_claim(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.org != b.org:
        return False
    if a.kind == "model_release":
        return _model_key(a.model) == _model_key(b.model)
    if a.item != b.item and not (a.item in GENERIC_ITEMS or b.item in GENERIC_ITEMS):
        return False
    same_amount = _close(a.amount_low, b.amount_low) and _close(a.amount_high, b.amount_high)
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
    matches_end = ((a.amount_low is not None and _close(a.amount_low, b.amount_low))
                   or (a.amount_high is not None and _close(a.amount_high, b.amount_high))
                   or (a.amount_low is not None and a.amount_low == a.amount_high and _close(a.amount_low, b.amount_high))
                   or (b.amount_low is not None and b.amount_low == b.amount_high and _close(b.amount_low, a.amount_high)))
    same_year = a.date is None or b.date is None or a.date[:4] == b.date[:4]
    return matches_end and same_year


def _headline_repeat(a: Event, b: Event, headline_end: int) -> bool:
    """The same exact amount and item, one in the headline and one in the story, whoever
    each names."""
    if a.kind == "model_release" or a.kind != b.kind or a.vague or b.vague or a.item != b.item:
        return False
    if (a.start < headline_end) == (b.start < headline_end):
        return False
    return a.amount_low == a.amount_high and _close(a.amount_low, b.amount_low) and _close(a.amount_high, b.amount_high)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _model_key(name: str | None) -> str:
    return re.sub(r"[^a-z0-9.]+", "", (name or "").lower())


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
    return PRECISION_RANK[candidate.date_precision] > PRECISION_RANK[incumbent.date_precision]


def _without_bare_families(events: list[Event]) -> list[Event]:
    """"Google unveils Gemini" is the same launch as "Gemini 1.0" in the same article."""
    versioned = {(e.org, re.split(r"[\s-]", e.model)[0]) for e in events
                 if e.kind == "model_release" and e.model and re.search(r"[\d\s-]", e.model)}
    return [e for e in events if not (e.kind == "model_release" and e.model and not re.search(r"[\d\s-]", e.model)
                                      and (e.org, e.model) in versioned)]
