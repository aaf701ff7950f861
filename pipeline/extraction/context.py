"""The article context every reader of an event kind shares (`ArticleContext`): its
sentences, the organizations, chips and dates in them, who the article is about, and how
a sentence says who acts, when and whether it is done or planned.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from .agents import discover_agents
from .amounts import Quantity
from .chips import ChipMention
from .clauses import acts, after_preposition, clause_bounds, segment_end, segment_index, segment_start, segment_starts
from .cues import (
    MODAL, RELATIVE_TO_STORY, COMPUTE_CUE, SPENDING_NOUN_AFTER, SELLERS, PURCHASE, FUTURE_CUE, PAST_CUE,
    PAST_COMMITMENT, ATTRIBUTION, PERFECT_ATTRIBUTION, REPORTED, FOUNDED, PRONOUN_SUBJECT, DEFINITE_DESCRIPTION,
    RELATIVE_START, OWNER_OF_SPENDING, VENDOR_MODIFIER,
)
from .dates import DATELINE, DEADLINE, PERIOD, POINT, SPAN, VAGUE, DateContext, DateMention, find_dates, fiscal_label
from .figures import period_of
from .organizations import GOVERNMENT, PERSON, OrgMention, discover_names
from .patterns import CaseBlind, compiled
from .record import Event
from .reference import Reference
from .sentences import Sentence, find_sentences


_REPORT_OR_FOUNDING = CaseBlind(f"{REPORTED.pattern}|{FOUNDED.pattern}")
_MONEY_BETWEEN = compiled(r"[$€£¥₹₩]\s?\d|\d\s*(?:bn|billion|million|m)\b")
_NEXT_CLAUSE = compiled(r"\s(?:and|while|but)\s|;")
_ANNOUNCED_BEFORE = compiled(r"\b(?:announced|unveiled|said|pledged|promised|disclosed)\s*$")
_GUIDED_FIGURE = CaseBlind(
    r"(?:\b(?:forecast|outlook|guidance|projection|budget|target)\b[^.;$€£¥]{0,80}\b(?:was|were|is|are|stood\s+at|of)"
    r"|\bset\s+(?:[\w-]+\s+){0,4}(?:capital\s+expenditures?|capex|spending|investments?|budget)\s+at)"
    r"\s+(?:about\s+|roughly\s+|around\s+|approximately\s+|nearly\s+|some\s+)?[*_]*\s*$")
_MODAL_NEXT = CaseBlind(r"[^\w]*(?:[\w-]+\s+){0,4}?(?:would|will|could|should|might)\b")  # "$80 billion on data centers would"
_SUPERLATIVE_AFTER = CaseBlind(r"['’]s\s+(?:\w+\s+)?(?:largest|biggest|first|fastest|most|top|leading|best|only)\b")
_RATE_AFTER = CaseBlind(r"\**\s*(?:(?:a|per|each|every)\s+(?:quarter|year|month)|annually|quarterly)\b")
_SUMMING_APPOSITIVE = CaseBlind(r"^[,\s]*(?:a|the)\s+(?:[\w-]+\s+)?(?:tally|total|figure|sum|number)\b")
_CONTRACT = r"(?:contract|agreement|deal|pact|lease)s?"  # what is paid over a term
_VALUE_OF_CONTRACT = CaseBlind(rf"\b{_CONTRACT}\s+(?:[\w'’-]+\s+){{0,4}}?(?:worth|valued\s+at)\s+"
                               r"(?:up\s+to\s+|about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+|over\s+|as\s+much\s+as\s+)?$")
_CONTRACT_VALUE = CaseBlind(rf"(?:-dollar|-euro|-pound)?\s+(?:[\w-]+\s+){{0,2}}?{_CONTRACT}\b")
_SET_ASIDE = CaseBlind(r"\b(?:earmark\w*|set\s+aside|allocat\w*|budgeted|reserved)\b")  # money put by for later
_PLAN_BEFORE = CaseBlind(r"\b(?:promis\w*|pledg\w*|commit\w*|vow\w*|earmark\w*|to\s+(?:spend|invest|build|buy|acquire|deploy|add|install|purchase))\b")
_EACH = compiled(r"\beach\b(?=\s+(?:\w+\s+){0,4}?(?:to\s+)?(?:spend|invest|put|commit|pledge|contribute|plan|will|would|"
                 r"buy|deploy|add|install|order|get|receive|take|provide|chip\s+in)\w*)")
_OWNER_RIGHT_BEFORE = compiled(r"(?:,?\s+(?:Inc|Corp|Ltd|LLC|plc)\.?)?['’]s\s+(?:[\w-]+\s+)?")
_OWNED_RIGHT_BEFORE = compiled(r"\s+(?:[\w-]+\s+)?")
_OPEN_ASIDE = compiled(r"\((?:a|an|the)\s+[^()]*$")  # an amount inside a bracket that describes what is before it
_DESCRIBED_BY_AMOUNT = compiled(r"\s*(?:initiative|project|programme|program|venture|fund|mission)?,\s+(?:a|an)\s+(?:[\w-]+,?\s+){0,4}")
_SOLD_FROM = CaseBlind(r"\b(?:super\s?computers?|clusters?|chips?|GPUs?|processors?|accelerators?|servers?|systems?|"
                       r"capacity|hardware|equipment)\s+(?:[\w-]+\s+){0,2}from\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$")
_COMPANY_SUBJECT = CaseBlind(r"(?:the|this)\s+(?:[\w'’.-]+\s+){0,3}?(?:company|firm|start-?up|provider|operator|developer|"
                             r"maker|conglomerate|business)\b")
_INDUSTRY_ACTS = CaseBlind(
    r"\b(?:hyperscale\s+companies|hyperscalers|tech\s+(?:giants|companies|firms)|big\s+tech|cloud\s+(?:providers|companies)|"
    r"chipmakers|data[- ]cent(?:er|re)\s+(?:operators|developers)|the\s+industry|companies|firms)"
    r"\s+(?:\w+\s+){0,3}?(?:plan|plans|will|are|were|have|expect|intend|spend|spent|invest|invested|pour|poured|could|may|would)\b")
_DESCRIBES_SOMEONE = compiled(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|start-?up|group|provider|"
                               r"operator|developer|maker|lab)\s+(?:for\s+which|in\s+which|which|that|whose|where)\b")
_AFTER_SPENDING = compiled(r"\bafter\s+(?:spending|investing|pouring|plowing|ploughing|sinking)\s+"
                           r"(?:about\s+|nearly\s+|some\s+|roughly\s+|more\s+than\s+|over\s+)?$")
_COMPARED_YEAR = compiled(r"\b(?:than|double|triple|twice|from|versus|vs\.?|compared\s+(?:with|to))\s+"
                           r"(?:its\s+|their\s+|the\s+|last\s+year's\s+)?$")
_MADE_BY = compiled(r"\s+(?:[\w-]+\s+){0,2}?(?:investments?|commitments?|pledges?|spending|outlays?|funding)\s+"
                     r"(?:(?:led|made|backed|funded)\s+)?by\s+(?:the\s+)?")
SET_ASIDE_REACH = 160  # characters from an amount to the programme it is set aside for
NEAR_TRIGGER = 250  # characters either side of a trigger within which its owner is written "right next to it"
_SET_ASIDE_FOR = CaseBlind(r"\b(?:approved|earmarked|allocated|budgeted|set\s+aside|sanctioned|reserved)\b")
_FOR_BEFORE = compiled(r"\bfor\s+(?:the\s+|its\s+)?$")
_PROGRAMME = compiled(r"\b(?:Mission|Programme|Program|Fund|Initiative|Scheme|Project|Plan|Facility|Alliance)\b")
_ABSOLUTE_SUBJECT = compiled(r"\b(?:with|while)\s+(?:the\s+)?$")
_NON_FINITE = compiled(r"(?:['’]s)?\s+(?:\w+ly\s+)?(?:set|poised|expected|due|planning|intending|aiming|preparing|"
                       r"looking|hoping|spending|investing|buying|committing|pledging|building|deploying|adding)\b")
_TODAY = CaseBlind(r"\btoday\b")
_LIST_GAP = compiled(r"\s*+(?:,|and|,\s*and|or|&)?\s*+")  # between names listed together
LONG_AGO_DAYS = 180  # a claim dated this long before the story is history, whatever verbs surround it
NONE: tuple = ()  # what a sentence names or gives, when it is nothing
LEAD_ANNOUNCEMENT_SENTENCES = 6  # the lead whose day dates a story's news
LOOK_BACK_SENTENCES = 40  # how far back "the same quarter" or "by then" is looked for
LEAD_SENTENCES = 8  # a plan stated this early without a date is the story's news, dated by its lead


class SentenceView:
    """One sentence and what it mentions, positions relative to the sentence. Its dates,
    and which of its organizations acts in it, are read on first use: most sentences
    have nothing that needs them."""

    def __init__(self, span: Sentence, index: int, orgs: list[OrgMention], chips: list[ChipMention], article: "ArticleContext"):
        self.span = span
        self.index = index
        self.orgs = orgs
        self.chips = chips
        self.article = article

    @property
    def text(self) -> str:
        return self.span.text

    @cached_property
    def lower(self) -> str:
        """The sentence lower-cased, for the cheap tests that decide whether to look closer."""
        return self.span.text.lower()

    @cached_property
    def _tenses(self) -> dict[tuple[int, int], tuple[list[int], list[int], bool]]:
        return {}

    @cached_property
    def _matches(self) -> dict[CaseBlind, list[re.Match]]:
        return {}

    @property
    def dates(self) -> list[DateMention]:
        return self.article.dates_of(self.index)

    @cached_property
    def in_phrase(self) -> list[bool]:
        """Per organization mention: whether it is the object of a preposition ("in OpenAI")."""
        text, orgs = self.text, self.orgs
        in_phrase: list[bool] = []
        for index, mention in enumerate(orgs):
            inherited = False
            if index and _LIST_GAP.fullmatch(text, orgs[index - 1].end, mention.start):
                inherited = in_phrase[index - 1]  # "with SoftBank's Son, OpenAI's Altman and ..."
            owns_spending = self.owns_spending[index]
            absolute = bool(_ABSOLUTE_SUBJECT.search(text, max(0, mention.start - 10), mention.start)
                            and _NON_FINITE.match(text, mention.end))  # "with Microsoft set to invest"
            in_phrase.append(not owns_spending and not absolute and (inherited or after_preposition(text, mention.start)))
        return in_phrase

    @cached_property
    def owns_spending(self) -> list[bool]:
        """Per organization mention: whether spending follows as its own ("Meta's capex")."""
        text = self.text
        return [bool(OWNER_OF_SPENDING.match(text[m.end:m.end + 60])) for m in self.orgs]

    @cached_property
    def pronoun_subject(self) -> bool:
        """Whether the sentence's subject is a pronoun or a description ("The company said")."""
        text, orgs = self.text, self.orgs
        if not PRONOUN_SUBJECT.match(text):
            return False
        # "Iliad, the telecoms group controlled by Xavier Niel, said"
        return not (orgs and "," in text and orgs[0].start < text.index(","))

    @cached_property
    def lists_names(self) -> bool:
        """Whether the sentence lists three or more organizations one after another."""
        orgs, text = self.orgs, self.text
        run = longest = 1
        for first, second in zip(orgs, orgs[1:]):
            run = run + 1 if _LIST_GAP.fullmatch(text, first.end, second.start) and first.org != second.org else 1
            longest = max(longest, run)
        return longest >= 3

    @cached_property
    def announcing(self) -> bool:
        """Whether the sentence says something was announced or said ("said", "today")."""
        return bool(ATTRIBUTION.search(self.text) or _TODAY.search(self.text))

    @cached_property
    def attributed(self) -> bool:
        """Whether the sentence reports what someone said, and not in the perfect ("has said")."""
        return bool(ATTRIBUTION.search(self.text)) and not PERFECT_ATTRIBUTION.search(self.text)

    def tense_cues(self, start: int, end: int) -> tuple[list[int], list[int], bool]:
        """Where the cues of the future and of the past end in text[start:end] (positions
        relative to `start`), and whether a modal is there; each span read once."""
        key = (start, end)
        if key not in self._tenses:
            scope = self.text[start:end]
            self._tenses[key] = ([m.end() for m in FUTURE_CUE.finditer(scope)], [m.end() for m in PAST_CUE.finditer(scope)],
                                 bool(MODAL.search(scope)))
        return self._tenses[key]

    def has_cue(self, pattern: CaseBlind, start: int, end: int) -> bool:
        """Whether `pattern` matches within text[start:end], its matches over the sentence
        found once (a sentence with many figures asks for many spans of it)."""
        return any(start <= m.start() and m.end() <= end for m in self.matches(pattern))

    def matches(self, pattern: CaseBlind) -> list[re.Match]:
        """The matches of `pattern` over the whole sentence, found once."""
        if pattern not in self._matches:
            self._matches[pattern] = list(pattern.finditer(self.text))
        return self._matches[pattern]

    @cached_property
    def subject(self) -> str | None:
        """The organization that acts in the sentence, if one is named doing so."""
        if self.pronoun_subject:
            return None
        text = self.text
        return next((m.org for m, inside in zip(self.orgs, self.in_phrase) if not inside and acts(text, m.start, m.end)), None)



class ArticleContext:
    """What every reader of an article shares: its sentences and the organizations, chips and
    dates in them, who the article is about, and the state the readers leave as they go
    (the sentences read so far, what each gave, the topic)."""

    def __init__(self, text: str, published: dt.date, reference: Reference):
        self.published = published
        self.reference = reference
        self.sentences = find_sentences(text)
        spans = [(s.start, s.end) for s in self.sentences]
        discovered = discover_names(text, reference.organizations, spans)
        known = reference.known_names | {name.lower() for name in discovered}
        discovered.update(discover_agents(text, spans, known, reference.people, reference.person_words))
        self.organizations = reference.organizations.with_names(discovered) if discovered else reference.organizations
        # per-sentence lists that are empty share one empty tuple: most sentences name no one,
        # and fewer objects kept alive means less work for the garbage collector
        self.mentions = [self.organizations.find(s.text) or NONE for s in self.sentences]
        self.mentioned = {m.org for found in self.mentions for m in found if m.type != PERSON}
        self.mentions = [self._people_resolved(found) for found in self.mentions]
        # chips matter here only to tell a chipmaker named with its chip ("Nvidia H100")
        self.chips = [self.reference.chips.find(s.text) or NONE if any(m.org in SELLERS for m in found) else NONE
                      for s, found in zip(self.sentences, self.mentions)]
        # per sentence, the organizations named as more than the maker of what is sold
        self.acting = [[m for m in found if not _is_vendor(s.text, m, chips)] if found else NONE
                       for s, found, chips in zip(self.sentences, self.mentions, self.chips)]
        self.main_org = self._main_organization()
        self.date_context = DateContext(published, lookback=self._look_back)
        self.lead_has_cue = any(COMPUTE_CUE.search(s.text) for s in self.sentences[:4])
        self.analysed: list[SentenceView] = []
        self.found_in: list[list[Event]] = []
        self._dates: dict[int, list[DateMention]] = {}
        self._looked_back: dict[int, list[DateMention]] = {}  # dates read out of context by `_look_back`
        self._lead: DateMention | None = None
        self._lead_known = False
        self.seen_orgs: list[str] = []
        self.seen_governments: list[str] = []
        self._topics: dict[int, str | None] = {}  # sentence index: the topic it sets
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
        for index in range(self.index - 1, max(-1, self.index - 1 - LOOK_BACK_SENTENCES), -1):
            mentions = self._dates.get(index)
            if mentions is None:
                mentions = self._looked_back.get(index)
            if mentions is None:
                mentions = self._looked_back[index] = find_dates(self.sentences[index].text, context)
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
        announced = self.announcement_date(previous, allow_month=True)
        quiet = not self.found_in[-back] and announced is not None and announced.role == POINT
        return announced if announced and (ATTRIBUTION.search(previous.text) or quiet) else None

    def _lead_announcement(self) -> DateMention | None:
        """The day the story's lead (its first sentences) says its news was announced;
        kept once the whole lead has been read."""
        if self._lead_known:
            return self._lead
        lead_size = min(LEAD_ANNOUNCEMENT_SENTENCES, len(self.sentences))
        days = (self.announcement_date(sentence, lead=True) for sentence in self.analysed[:lead_size]
                if not _is_dateline_only(sentence))
        lead = next((d for d in days if d and (self.published - d.date).days <= 14), None)
        if len(self.analysed) >= lead_size:
            self._lead, self._lead_known = lead, True
        return lead

    def _main_organization(self) -> str | None:
        """The organization the article is about: most named, the headline counting triple."""
        counts: dict[str, float] = {}
        for index, found in enumerate(self.acting):
            weight = 3.0 if index == 0 else 2.0 if index < 3 else 1.0
            for mention in found:
                counts[mention.org] = counts.get(mention.org, 0) + weight
        return max(counts, key=counts.get) if counts else None

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
            if sentence.lists_names and not found:
                index -= 1
                continue  # "These are Jio Platforms, Tata Communications, ...": a list is about no one
            if sentence.subject or (found and found[-1].kind != "model_release"):
                topic = sentence.subject or found[-1].org
                break
            index -= 1
        for seen in visited:
            self._topics[seen] = topic
        return topic

    def remember(self, sentence: SentenceView, found: list[Event]) -> None:
        """Note what a sentence gave, once every reader has read it."""
        for event in found:
            used = next((d for d in sentence.dates if d.date and d.date.isoformat() == event.date), None)
            if used:
                self.date_context.remember(used)
        self.analysed.append(sentence)
        self.found_in.append(found or NONE)
        for mention in sentence.orgs:
            if mention.type != PERSON:
                self.seen_orgs.append(mention.org)
            if mention.type == GOVERNMENT:
                self.seen_governments.append(mention.org)

    def announcement_date(self, sentence: SentenceView, allow_month: bool = False, lead: bool = False) -> DateMention | None:
        """The day (or month) the sentence says something was announced or said, not a
        day a newspaper reported it: "On Monday, Musk announced", "said last week". A
        story's lead dates its news whatever its verb ("struck deals on Tuesday")."""
        text = sentence.text
        if not sentence.announcing and not allow_month and not lead:
            return None
        precisions = ("day", "month") if allow_month else ("day",)
        candidates = [d for d in sentence.dates if d.precision in precisions and d.role in (POINT, DATELINE)
                      and d.date and d.date <= self.published and not is_report_date(text, d)]
        candidates.sort(key=lambda d: (d.role == DATELINE, bool(RELATIVE_TO_STORY.search(d.text))))
        return candidates[0] if candidates else None

    def resolve_pronoun(self, sentence: SentenceView, position: int) -> str | None:
        """Who "it", "the company" or "the partnership" is at `position`."""
        description = None
        for found in sentence.matches(DEFINITE_DESCRIPTION):
            if found.end() > position:
                break
            if not _SUPERLATIVE_AFTER.match(sentence.text, found.end()):
                description = found  # not "the country's largest supercomputer": a ranking, no owner
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
        if _COMPANY_SUBJECT.match(sentence.text) and not any(m.start < position and not inside and m.type != GOVERNMENT
                                                              for m, inside in zip(sentence.orgs, sentence.in_phrase)):
            # "The Osaka-based company, an alternative in Japan to ..., is seeking to buy": the company
            # the story is about, never a place named in an aside
            governments = set(self.seen_governments) | {m.org for m in sentence.orgs if m.type == GOVERNMENT}
            for org in (self.topic, self.main_org):
                if org and org not in governments:
                    return org
        if sentence.subject and not sentence.pronoun_subject:
            return sentence.subject
        if re.match(r"(?:[^,]{0,40},\s+)?(?:we|our|us)\b", sentence.text, re.IGNORECASE) or re.search(r"^[^:]{0,80}:\s*(?:we|our)\b", sentence.text, re.IGNORECASE):
            return self.main_org or self.topic
        if re.match(r"(?:those|these|the)\s+(?:\w+\s+)?(?:agreements|deals|contracts|pacts|commitments|plans)\b", sentence.text, re.IGNORECASE):
            return self.main_org or self.topic
        return self.topic

    def spender(self, sentence: SentenceView, start: int, end: int, money: bool = True) -> str | None:
        """The organization that spends or buys what the trigger at [start, end) names."""
        text = sentence.text
        aside = _OPEN_ASIDE.search(text, max(0, start - 60), start)
        if aside:  # "agreements with Amazon AWS (a seven-year, $380 billion deal)": whose the agreements are
            start = end = aside.start()
        first = segment_start(text, start)
        mentions = list(zip(sentence.orgs, sentence.in_phrase))
        # steps 0 to 0c read a few words either side of the trigger: only names that near are tried
        near = [m for m, _ in mentions if start - NEAR_TRIGGER <= m.end <= start or end <= m.start <= end + NEAR_TRIGGER]
        # 0. an owner written right before the amount: "in Cohere Inc.'s $725 million project"
        for mention in near:
            possessive = mention.text.endswith(("'s", "’s"))
            if (_OWNED_RIGHT_BEFORE if possessive else _OWNER_RIGHT_BEFORE).fullmatch(text, mention.end, start):
                return mention.org
        # 0b. what an appositive describes: "OpenAI's Stargate initiative, a multi-phase, $500 billion project"
        for mention in near:
            if mention.end <= start and _DESCRIBED_BY_AMOUNT.fullmatch(text, mention.end, start):
                return mention.org
        # 0c. an investment made or led by someone named after it: "a €1 billion investment by
        # Deutsche Telekom", "a €500 million joint investment led by the EuroHPC JU"
        for mention in near:
            if end <= mention.start <= end + 60 and _MADE_BY.fullmatch(text, end, mention.start):
                return mention.org
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
                    if re.search(r"\b(?:from|by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", between) and not _MONEY_BETWEEN.search(between) \
                            and not _SOLD_FROM.search(between):  # "a supercomputer from Nvidia": who sells it
                        return mention.org  # not when the "from" belongs to another amount ("to buy $30bn ... from Microsoft")
                    break
        # 3b. money "approved for the IndiaAI Mission", "earmarked for the fund": the programme's
        for mention in near:
            if end <= mention.start <= end + SET_ASIDE_REACH and _PROGRAMME.search(mention.text) \
                    and _SET_ASIDE_FOR.search(text, end, mention.start) \
                    and _FOR_BEFORE.search(text, max(end, mention.start - 12), mention.start):
                return mention.org
        # 4. whose plan it is: "Amazon Web Services' plan, announced in January, to invest"
        clause_start = clause_bounds(text, start)[0]
        owners = [m for m, owns in zip(sentence.orgs, sentence.owns_spending) if clause_start <= m.start < start and owns]
        if owners:
            return owners[-1].org
        # 5. no one, when a whole industry acts: "hyperscale companies plan to spend $490 billion"
        if _INDUSTRY_ACTS.search(text, max(0, clause_start - 40), start):
            return None
        # 6. the subject of the sentence, else what the article is talking about
        return self.resolve_pronoun(sentence, start)

    def speaker(self, sentence: SentenceView) -> str | None:
        people = [m for m in sentence.orgs if m.type == PERSON]
        return re.sub(r"['’]s$", "", people[0].text) if people else None

    def date_for(self, sentence: SentenceView, start: int, end: int, triggers: list[tuple[int, int]]) -> DateMention | None:
        """The date the sentence gives for the trigger at [start, end)."""
        text = sentence.text
        usable = [d for d in sentence.dates if d.role not in (DATELINE, SPAN, VAGUE) and d.date is not None
                  and not (start <= d.start < end) and not is_report_date(text, d)]
        usable = [d for d in usable if not _belongs_to_another(sentence, d, start, triggers, usable)]
        # "... with CoreWeave, a company for which Microsoft accounted for 62% of its revenue in 2024":
        # a date in a clause that describes someone else is theirs
        described = _DESCRIBES_SOMEONE.search(text, end)
        if described:
            usable = [d for d in usable if d.start < described.start()]
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
        modifiers = [d for d in usable if d.precision == "year" and SPENDING_NOUN_AFTER.match(text[d.end:d.end + 40])
                     and not _COMPARED_YEAR.search(text, max(0, d.start - 30), d.start)]  # "double its 2025 spending"
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

    def fallback_date(self, sentence: SentenceView, status: str, index: int) -> DateMention | None:
        """When the text gives no time for spending or chips: the day the claim was made,
        said in the sentence, the one before it, or (for a plan) the story's lead."""
        text = sentence.text
        attributed = sentence.attributed
        if not (attributed or status == "planned"):
            return None
        own = self.announcement_date(sentence)
        if own is not None:
            return own
        anchor = self._previous_anchor()
        if anchor is not None:
            return anchor
        told_early = index < LEAD_SENTENCES and not PAST_COMMITMENT.search(text)
        if status == "planned" and (attributed or told_early):
            return self._lead_announcement()
        return None

    def story_day(self) -> DateMention:
        """The day the story was published, as a date phrase."""
        return DateMention(-1, -1, "today", self.published, "day", POINT)

    def news_date(self, sentence: SentenceView) -> DateMention | None:
        """The day of the news a sentence tells without a date of its own: the day it says
        something was announced, the one the sentence before says, or (early in the story)
        the day its lead gives."""
        return (self.announcement_date(sentence) or self._previous_anchor()
                or (self._lead_announcement() if self.index < LEAD_SENTENCES else None))

    def status(self, sentence: SentenceView, start: int, end: int, date: DateMention | None,
                previous_end: int, next_start: int, default: str = "planned", covers_until: str | None = None) -> str:
        """"planned" or "done", from the verb that governs the trigger, else its date.
        `covers_until` is the last day of the period the figure covers, where known."""
        text = sentence.text
        clause_start, clause_end = clause_bounds(text, start)
        lead_in = text[max(clause_start, previous_end, start - 120):start]
        follow = text[end:min(next_start, clause_end, end + 60)]
        follow = _NEXT_CLAUSE.split(follow)[0]
        def last_day(mention: DateMention) -> dt.date:  # of the period the figure covers: a fiscal year's own
            return dt.date.fromisoformat(covers_until) if covers_until and mention is date else period_end(mention)

        if _GUIDED_FIGURE.search(lead_in):
            return "planned"  # "its forecast for 2024, given in October, was $38 billion": a forecast
        if _AFTER_SPENDING.search(lead_in):
            return "done"  # "capex would decline after spending $37.5 billion last quarter": spent
        announced = date is not None and _ANNOUNCED_BEFORE.search(text[max(0, date.start - 20):date.start])
        if date is not None and date.date is not None and date.role != POINT and not announced:
            if last_day(date) < self.published and not FUTURE_CUE.search(lead_in) and not _MODAL_NEXT.match(follow):
                return "done"
            if date.date > self.published:
                return "planned"
        if _CONTRACT_VALUE.match(text, end) or _VALUE_OF_CONTRACT.search(lead_in):
            return "planned"  # "signed a five-year, $9.7 billion contract", "the contract was worth $17.4bn": paid over the years to come
        if date is not None and date.date is not None and (self.published - period_end(date)).days > LONG_AGO_DAYS \
                and not MODAL.search(lead_in) and not _PLAN_BEFORE.search(lead_in) and not FUTURE_CUE.search(follow) \
                and not _SET_ASIDE.search(text, end, clause_end):
            return "done"  # "in January 2022 it unveiled a cluster that started with 6,080 GPUs", told years later
        future = [m.end() for m in FUTURE_CUE.finditer(lead_in)]
        past = [m.end() for m in PAST_CUE.finditer(lead_in)]
        if future or past:
            return "planned" if max(future, default=-1) >= max(past, default=-1) else "done"
        future = [m.end() for m in FUTURE_CUE.finditer(follow)]
        past = [m.end() for m in PAST_CUE.finditer(follow)]
        if future or past:
            return "planned" if future and (not past or min(future) <= min(past)) else "done"
        for scope in ((clause_start, clause_end), (0, len(text))):
            future, past, modal = sentence.tense_cues(*scope)
            if future or past:
                if modal:
                    return "planned"  # "would begin coming online": the modal governs what follows
                if max(future, default=-1) >= max(past, default=-1):
                    return "planned"
                # a verb elsewhere in the sentence ("confirmed the outlook ...: capex of $60
                # billion in 2025") does not make a year that has not ended spent
                unfinished = date is not None and date.role == PERIOD and last_day(date) >= self.published
                return "planned" if scope[0] == 0 and unfinished else "done"
        if date is not None and date.date is not None and period_end(date) < self.published and not announced:
            return "done"
        return default

    def period_for(self, sentence: SentenceView, start: int, end: int, date: DateMention | None,
                   org: str | None, triggers: list[tuple[int, int]]) -> tuple[str | None, str | None]:
        """The span the figure at [start, end) covers: a span of years in its clause ("over
        the next four years"), else the period of the date the text gives it, fiscal years
        by the calendar of `org`; none for a rate ("$22 billion a quarter")."""
        if _RATE_AFTER.match(sentence.text, end):
            return None, None
        clause = clause_bounds(sentence.text, start)
        spans = [d for d in sentence.dates if d.role == SPAN and d.since and clause[0] <= d.start < clause[1]
                 and not _belongs_to_another(sentence, d, start, triggers, sentence.dates)]
        chosen = min(spans, key=lambda d: abs(d.start - start)) if spans else date
        return period_of(chosen, self.organizations.fiscal_last_month.get(org or "", 12), self.published)

    def current_fiscal_year(self, org: str | None) -> DateMention:
        """The fiscal year of `org` under way on the day of the story, as a date phrase."""
        year = fiscal_label(self.published, self.organizations.fiscal_last_month.get(org or "", 12))
        return DateMention(-1, -1, "this fiscal year", dt.date(year, 1, 1), "year", PERIOD)

    def each_of(self, sentence: SentenceView, position: int) -> list[OrgMention]:
        """The organizations listed before "each" that governs the trigger at `position`
        ("Microsoft and OpenAI each plan to put $10 billion"): one claim for each of them."""
        text = sentence.text
        each = _EACH.search(text, max(0, position - 80), position)
        if each is None:
            return []
        listed = [m for m in sentence.orgs if m.end <= each.start() and m.type != PERSON]
        chain: list[OrgMention] = []
        for mention in reversed(listed):
            gap = text[mention.end:chain[-1].start] if chain else text[mention.end:each.start()]
            if not re.fullmatch(r"\s*(?:,|,?\s+and|&)\s*" if chain else r"\s+(?:(?:will|would|are|have|also)\s+)?", gap):
                break
            chain.append(mention)
        return list(reversed(chain)) if len({m.org for m in chain}) > 1 else []

    def begin(self, index: int) -> SentenceView:
        """The sentence at `index`, about to be read."""
        self.index = index
        return SentenceView(self.sentences[index], index, self.acting[index], self.chips[index], self)

    @property
    def headline_end(self) -> int:
        """Where the first sentence (the headline, where there is one) ends."""
        return self.sentences[0].end if self.sentences else 0


_LIST_GAP = compiled(r"[\s*_]*(?:,|,?\s*\band\b|\bor\b|\bto\b)?(?:\s*[A-Z][\w&.'’-]*){0,3}[\s*_]*")  # ", ", " and Meta "
_OWNING_GAP = compiled(r"[^\d,;:$€£¥₹]{0,40}")


def _owner(text: str, mention: DateMention, triggers: list[tuple[int, int]]) -> int | None:
    """The start of the trigger a date follows closely, with no comma or figure between
    ("$39.2 billion for the full year 2024"): the date is that figure's."""
    before = [(s, e) for s, e in triggers if e <= mention.start]
    if not before:
        return None
    start, end = max(before, key=lambda t: t[1])
    gap = text[end:mention.start]
    return start if _OWNING_GAP.fullmatch(gap) and not re.search(r"\band\b", gap) else None


def _belongs_to_another(sentence: SentenceView, mention: DateMention, start: int,
                        triggers: list[tuple[int, int]], dates: list[DateMention]) -> bool:
    """Whether a date in the clause of the trigger at `start` is another figure's, the one
    it closely follows: "$14.8 billion in the fourth quarter and $39.2 billion for the
    full year", "spent $39.2 billion in 2024 and sticks to its $60 billion plan", "$88
    billion ..., up from $55.7 billion in fiscal 2024". Figures listed together share a
    date that follows them ("$20.0 billion, $22.6 billion and $21.4 billion in 2024"), and
    a figure of another organization shares one before it ("$75 billion this year, with
    Microsoft set to invest $80 billion")."""
    text = sentence.text
    if mention.start < clause_bounds(text, start)[0]:
        return False
    owner = _owner(text, mention, triggers)
    if owner in (None, start):
        return False
    if mention.start > start:  # after: a later figure's, unless a list of figures leads to it ("$20 and $22 billion in 2024")
        between = sorted(s for s, _ in triggers if start <= s <= owner)
        ends = dict(triggers)
        return not all(_LIST_GAP.fullmatch(text, ends[a], b) for a, b in zip(between, between[1:]))
    own_date = any(d.start > start and _owner(text, d, triggers) == start for d in dates)
    named_between = any(owner < m.start < start and m.type != PERSON for m in sentence.orgs)
    return own_date or not named_between


def _within_reach(segment: int, own: int, busy: set[int]) -> bool:
    """Whether `segment` is next to `own`, or two away with no trigger in between."""
    gap = abs(segment - own)
    return gap == 1 or (gap == 2 and (segment + own) // 2 not in busy)


def iso(mention: DateMention | None) -> str | None:
    return mention.date.isoformat() if mention and mention.date else None


def period_end(mention: DateMention) -> dt.date:
    day = mention.date
    if mention.role == DEADLINE or mention.precision == "day":
        return day
    months = {"month": 1, "quarter": 3}.get(mention.precision or "", 12)
    if months == 12:
        return dt.date(day.year, 12, 31)
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def is_report_date(text: str, mention: DateMention) -> bool:
    """"The Wall Street Journal reported on Wednesday": the day of a report, not of the
    claim; "a start-up founded last year": the day of a founding."""
    return bool(_REPORT_OR_FOUNDING.search(text[max(0, mention.start - 40):mention.start]))


def _is_dateline_only(sentence: SentenceView) -> bool:
    """A line that is only a date ("Wednesday 17 September 2025"): the day of the paper."""
    rest = sentence.text
    for mention in sorted(sentence.dates, key=lambda d: d.start, reverse=True):
        rest = rest[:mention.start] + rest[mention.end:]
    return len(re.findall(r"[A-Za-z]+", rest)) < 3


def _is_vendor(text: str, mention: OrgMention, chips: list[ChipMention]) -> bool:
    """A chipmaker named with what it sells ("Nvidia H100", "Tesla's Nvidia purchases")."""
    inside_chip = any(c.start <= mention.start and mention.end <= c.end for c in chips)
    return inside_chip or bool(VENDOR_MODIFIER.match(text[mention.end:mention.end + 20]))


def amount_scope(text: str, quantity: Quantity) -> tuple[int, int]:
    """Where the words that can say whose an amount is lie: its clause up to the end of its
    segment, and a following appositive that sums it up ("..., a tally that combines ...")."""
    clause_start, clause_end = clause_bounds(text, quantity.start)
    end = min(segment_end(text, quantity.end), clause_end)
    if _SUMMING_APPOSITIVE.match(text[end:clause_end]):
        end = clause_end
    return clause_start, end


def names_a_party(sentence: SentenceView) -> bool:
    """Whether the sentence names who acts: an organization or a pronoun for one."""
    return bool(sentence.orgs) or sentence.pronoun_subject
