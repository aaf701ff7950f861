"""The extraction core: article text and its publication date in, events out.

`extract_events(text, published)` reads an article sentence by sentence. A sentence
yields an event when it has a trigger (an amount of money, a count of chips, a model
name next to a release verb) and the words around the trigger say what it is:

- an **investment** is money spent, committed or planned on AI compute (capex, data
  centers, chips, training); revenue, valuations, funding rounds, stakes, prices of a
  unit, fines and analysts' estimates are not;
- **hardware** is a count of chips with the chip named ("100,000 H100s");
- a **model_release** is a named model with a release or development verb.

Each event gets the organization that spends, buys or releases (by the grammar of the
sentence, then the sentence's subject, then the article's topic), the date the text
gives with its precision, done/planned status, and the sentence it came from.

No I/O and no clock: the reference tables come in a `Lexicon`, "today" is `published`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable

from .amounts import Quantity, find_counts, find_money, to_usd
from .dates import DATELINE, DEADLINE, PERIOD, POINT, SPAN, VAGUE, DateContext, DateMention, find_dates
from .lexicon import Lexicon, default_lexicon
from .organizations import DESCRIPTOR, GOVERNMENT, PERSON, OrgMention, discover_names
from .releases import ModelMention
from .sentences import Sentence, find_sentences

RULES_VERSION = "1.0"
KINDS = ("model_release", "investment", "hardware")

# --- the vocabulary of financial news -------------------------------------------------

COMPUTE_CUE = re.compile(
    r"\b(?:capex|capital\s+(?:expenditures?|spending|investments?|projects|outlays?|budgets?|plans?)|"
    r"data[- ]?cent(?:er|re)s?|infrastructure|computing|compute|supercomputers?|clusters?|"
    r"servers?|chips?|GPUs?|graphics\s+processors|accelerators|training\s+(?:runs?|costs?|compute)|"
    r"to\s+train|trained|training|campus(?:es)?|gigafactor(?:y|ies)|AI\s+factor(?:y|ies)|"
    r"build[- ]?out|cloud\s+capacity|capacity|facilit(?:y|ies)|power\s+plants?|"
    r"AI\s+(?:spending|investments?|capex)|"
    r"(?:spend\w*|invest\w*|mobili[sz]\w*|pour\w*)\s+(?:\S+\s+){0,4}?(?:on|in|for|into)\s+(?:AI|artificial\s+intelligence)\b(?!\s+(?:start-?ups|companies|firms)))",
    re.IGNORECASE,
)
SPEND_VERB = re.compile(
    r"\b(?:spend\w*|spent|invest\w*|deploy\w*|commit\w*|pour\w*|pump\w*|allocat\w*|earmark\w*|"
    r"mobili[sz]\w*|unlock\w*|capex|outlays?|budget\w*|costs?|costing|pledg\w*|promis\w*|vow\w*|"
    r"plow\w*|plough\w*)\b",
    re.IGNORECASE,
)
# Words just before an amount that make it something other than compute spending.
NOT_SPENDING_BEFORE = re.compile(
    r"\b(?:valu(?:ed|ing|ation)|worth|market\s+(?:value|cap\w*)|revenues?|sales|sold|income|"
    r"profits?|earnings|ebitda|funding|round|stake|fined?|fines|penalty|"
    r"settle\w*|damages|salar(?:y|ies)|pay(?:ing)?\s+package|compensation|bonus|sells?\s+for|"
    r"priced\s+at|price\s+(?:of|tag)|analysts?|estimates?|consensus|expected\s+by|lost|losses|wiped|"
    r"erased|shed|acquir\w*|acquisition|buy(?:ing)?\s+(?:out|back)|buyback|merger|takeover|"
    r"dividend|loans?|bonds?|secured|assets|manages|managing|grants?|subsid\w*|tax\w*|tariffs?|"
    r"backlog|bookings|cash|reserves|lawsuit|refund)\b"
    r"|\brais(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
NOT_SPENDING_AFTER = re.compile(
    r"^(?:\s*(?:-|–)?\s*(?:a|an|per|each|apiece|/)\s+(?:[\w-]+\s+)?(?:share|unit|GPU|chip|hour|token|"
    r"month|user|piece|server|card|seat|subscriber|person|employee|gigawatt|megawatt)s?\b"
    r"|\s*apiece|\s*each\b|\s+(?:in\s+)?(?:market\s+(?:value|cap\w*)|revenues?|sales|valuation|"
    r"funding|round|stake|assets|annual\s+revenue|cash|profits?|fines?|equity\b|of\s+equity|"
    r"of\s+debt|in\s+debt|loans?|bonds?|(?:worth\s+)?of\s+(?:stock|shares))"
    r"|\s+(?:funding|financing)\s+round|\s+(?:equity|debt)\s+(?:stake|investment|round|raise)"
    r"|\s+(?:[\w-]+\s+){0,2}?(?:valuation|market\s+value|IPO|initial\s+public\s+offering|acquisition|buyout|takeover|fine|penalty|settlement|"
    r"opportunit(?:y|ies)|market|industry|question|economy|funding|round|stake|revenue|sales)\b)",
    re.IGNORECASE,
)
# A deal that fell through is no event.
COLLAPSED = re.compile(r"\b(?:fell\s+(?:apart|through)|collapsed|scrapped|cancel(?:l)?ed|abandoned|called\s+off|walked\s+away|shelved)\b", re.IGNORECASE)
# An amount compared with another: "up from $39bn", "versus $12bn a year earlier".
COMPARISON_BEFORE = re.compile(r"\b(?:up|down|rising|falling|increase|decrease)?\s*from\s*$|\b(?:compared\s+(?:with|to)|versus|vs\.?|against)\s*$", re.IGNORECASE)
CONVERSION_GAP = re.compile(r"^\s*(?:\(|,\s*or|\bor\b)\s*(?:about|around|roughly|some|approximately|nearly|almost|~)?\s*$", re.IGNORECASE)

FUTURE_CUE = re.compile(
    r"\b(?:will|would|'ll|’ll|shall|plans?|planning|planned|intends?|intending|expects?|expected|"
    r"expecting|aims?|aiming|set\s+to|is\s+to|are\s+to|on\s+track|due|going\s+to|seeks?|seeking|"
    r"looking\s+to|forecasts?|forecasting|projected|projecting|projects\s+(?:\w+\s+)?to|guid(?:ance|ed|es)|"
    r"outlook|budget(?:ed|s)?|pledg\w*|promis\w*|commit\w*|earmark\w*|target\w*|proposed?|"
    r"announc\w*|unveil\w*|launch\w*|could|may|might|intention|to\s+(?:spend|invest|build|buy|"
    r"acquire|deploy|mobili[sz]e|unlock|bring|add|install|purchase|double|raise)|"
    r"building|constructing|developing|preparing|ordered|on\s+order)\b",
    re.IGNORECASE,
)
PAST_CUE = re.compile(
    r"\b(?:spent|invested|poured|pumped|was|were|had|totall?ed|came\s+to|comes\s+to|reached|paid|"
    r"bought|purchased|acquired|deployed|installed|built|completed|finished|used|trained|consumed|"
    r"required|ran|has|have|runs|operates|owns|contracted|rented|took|up\s+and\s+running|"
    r"currently|already|trains|brought)\b",
    re.IGNORECASE,
)

RELEASE_VERB = re.compile(
    r"\b(?:releas(?:ed|ing)|unveil(?:ed|s|ing)|launch(?:ed|es|ing)|introduc(?:ed|es|ing)|"
    r"debut(?:ed|s|ing)|roll(?:ed|s|ing)\s+out|ship(?:ped|s|ping)|announc(?:ed|es|ing)|"
    r"came\s+out|comes\s+out|arriv(?:ed|es|ing)|put(?:s|ting)?\s+out|unleash(?:ed|es)|"
    r"show(?:ed|s)\s+off|open-sourc(?:ed|es)|made\s+available|be\s+out|published|"
    r"follow(?:ed|s)(?:\s+up)?(?:\s+with)?|preview(?:ed|s)|went\s+live|goes\s+live|"
    r"(?:will|would|'ll|’ll|should|could|may|might|to|and)\s+(?:\w+\s+)?(?:release|unveil|launch|introduce|debut|"
    r"roll\s+out|ship|announce|come\s+out|arrive|put\s+out|unleash|show\s+off|open-source|"
    r"follow(?:\s+up)?(?:\s+with)?|preview|go\s+live))\b",
    re.IGNORECASE,
)
PRODUCT_NOUN = re.compile(
    r"^\s+(?:features?|app|apps|chatbot|assistant|users|subscribers|subscriptions?|integration|API|team|"
    r"brand|products?|platform|ecosystem|family\s+of\s+apps)\b", re.IGNORECASE)
DEVELOPMENT_VERB = re.compile(
    r"\b(?:work(?:ing|s)?\s+on|training|developing|building|preparing|testing)\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
MODAL_BEFORE = re.compile(
    r"\b(?:will|would|'ll|’ll|should|shall|could|may|might|plans?\s+to|planning\s+to|intends?\s+to|"
    r"expected\s+to|expects\s+to|set\s+to|is\s+to|due\s+to|going\s+to|aims?\s+to|hopes?\s+to|"
    r"ready\s+to|preparing\s+to|about\s+to)\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|announced|announces|wrote|writes|told|tells|posted|disclosed|revealed|"
    r"confirmed|stated|added|asked|unveiled|unveil|declared)\b",
    re.IGNORECASE,
)
PERFECT_ATTRIBUTION = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:said|announced|written|told|disclosed)\b", re.IGNORECASE)

PREPOSITIONS = frozenset(
    "in into for with to than against like about over on at of including from via through "
    "toward towards behind versus vs among between alongside unlike after before beside besides "
    "during under within without".split()
)
# Words after an organization that make it the one acting: "Meta said", "Alphabet spent".
ACTING = re.compile(
    r"^(?:['’]s\s+\w+\s+)?\s*(?:,\s*(?:which|who)\b|(?:\w+ly\s+)?(?:said|says|is|was|are|were|has|have|had|will|would|'ll|"
    r"plans?|expects?|intends?|aims?|spent|spends|invested|invests|announced|announces|unveiled|"
    r"launched|released|introduced|reported|forecast|committed|pledged|raised|bought|built|"
    r"operates|owns|runs|trains|told|wrote|posted|\w+ed|\w+s)\b)",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(
    r"^(?:[^,]{0,40},\s+)?(?:it|its|he|she|they|their|we|our|the\s+(?:[\w-]+\s+){0,2}?"
    r"(?:company|firm|group|start-?up|business|giant|maker|lab|partnership|venture|partners|"
    r"chipmaker|conglomerate|provider|developer|operator|corporation|platform|organi[sz]ation|"
    r"unit|division|subsidiary|team|project|initiative|fund|consortium|alliance|carrier|retailer))\b",
    re.IGNORECASE,
)
DEFINITE_DESCRIPTION = re.compile(r"\bthe\s+(partnership|venture|fund|project|initiative|consortium|alliance|joint\s+venture)\b", re.IGNORECASE)
RELATIVE_START = re.compile(
    r"^(?:which|who|that|whose|(?:a|an|the)\s+(?:[\w'’-]+\s+){0,6}?(?:that|which|who|whose|they|it)\b|"
    r"(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:company|venture|firm|fund|initiative|partnership|project|"
    r"startup|start-up|group|consortium|programme|program|plan))",
    re.IGNORECASE,
)
SEGMENT_BREAK = re.compile(r",\s|;\s*|:\s|\s[-–—]\s|\s\(|\)\s?|—")
CLAUSE_BREAK = re.compile(r";\s*|:\s|\s[-–—]\s|—")
MIN_SPENDING_USD = 100_000
MIN_CHIP_COUNT = 100


@dataclass
class Event:
    kind: str
    org: str
    model: str | None = None
    item: str | None = None
    amount_low: float | None = None
    amount_high: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str = "done"
    speaker: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    rules_version: str = RULES_VERSION
    vague: bool = field(default=False, repr=False)

    def as_record(self, article: str | None = None) -> dict:
        """The event as a plain dict in the shape of `EVENTS.md`."""
        record = asdict(self)
        record.pop("vague")
        record["article"] = article
        return record


def extract_events(text: str, published: dt.date, lexicon: Lexicon | None = None) -> list[Event]:
    """Every event in an article, one per claim, in the order the article makes them."""
    return _ArticleReader(text, published, lexicon or default_lexicon()).read()


@dataclass
class _Sentence:
    """One sentence and what it mentions, positions relative to the sentence."""

    span: Sentence
    orgs: list[OrgMention]
    in_phrase: list[bool]  # per org mention: object of a preposition ("in OpenAI")
    dates: list[DateMention]
    subject: str | None
    pronoun_subject: bool

    @property
    def text(self) -> str:
        return self.span.text


class _ArticleReader:
    def __init__(self, text: str, published: dt.date, lexicon: Lexicon):
        self.text = text
        self.published = published
        self.lexicon = lexicon
        self.sentences = find_sentences(text)
        discovered = discover_names(text, lexicon.organizations)
        self.organizations = lexicon.organizations.with_names(discovered) if discovered else lexicon.organizations
        self.mentioned = {m.org for m in self.organizations.find(text) if m.type != PERSON}
        self.topic = self._main_organization()
        self.date_context = DateContext(published)
        self.lead_has_cue = any(COMPUTE_CUE.search(s.text) for s in self.sentences[:4])
        self.previous: _Sentence | None = None
        self.previous_announcement: DateMention | None = None
        self.lead_announcement: DateMention | None = None
        self.seen_orgs: list[str] = []
        self.reported: list[Event] = []

    # --- article level ----------------------------------------------------------------

    def _main_organization(self) -> str | None:
        """The organization the article is about: most named, the headline counting triple."""
        counts: dict[str, float] = {}
        for index, sentence in enumerate(self.sentences):
            weight = 3.0 if index == 0 else 2.0 if index < 3 else 1.0
            for mention in self.organizations.find(sentence.text, self.mentioned):
                counts[mention.org] = counts.get(mention.org, 0) + weight
        return max(counts, key=counts.get) if counts else None

    def read(self) -> list[Event]:
        events: list[Event] = []
        for span in self.sentences:
            sentence = self._analyse(span)
            found = []
            found += self._model_events(sentence)
            found += self._money_events(sentence)
            found += self._hardware_events(sentence)
            for event in found:
                event.evidence = span.text
                event.start, event.end = span.start, span.end
            events += found
            self.reported += [e for e in found if e.kind == "investment"]
            self._remember(sentence, found)
        return _one_per_claim(events)

    def _analyse(self, span: Sentence) -> _Sentence:
        text = span.text
        orgs = self.organizations.find(text, self.mentioned)
        in_phrase = []
        for index, mention in enumerate(orgs):
            inherited = False
            if index and re.fullmatch(r"\s*(?:,|and|,\s*and|or|&)?\s*", text[orgs[index - 1].end:mention.start]):
                inherited = in_phrase[index - 1]  # "with SoftBank's Son, OpenAI's Altman and ..."
            in_phrase.append(inherited or _after_preposition(text, mention.start))
        pronoun_subject = bool(PRONOUN_SUBJECT.match(text))
        subject = None
        if not pronoun_subject:
            subject = next((m.org for m, inside in zip(orgs, in_phrase) if not inside and _is_subject(text, m)), None)
        dates = find_dates(text, self._date_context_for(orgs))
        return _Sentence(span, orgs, in_phrase, dates, subject, pronoun_subject)

    def _date_context_for(self, orgs: list[OrgMention]) -> DateContext:
        """The article's date context, with the fiscal calendar of the sentence's organization."""
        org = orgs[0].org if orgs else self.topic
        self.date_context.fiscal_last_month = self.organizations.fiscal_last_month.get(org or "", 12)
        return self.date_context

    def _remember(self, sentence: _Sentence, found: list[Event]) -> None:
        for mention in sentence.dates:
            self.date_context.remember(mention)
        for event in found:
            used = next((d for d in sentence.dates if d.date and d.date.isoformat() == event.date), None)
            if used:
                self.date_context.remember(used, dated_an_event=True)
        announcement = self._announcement_date(sentence)
        self.previous_announcement = announcement
        if announcement and self.lead_announcement is None and (self.published - announcement.date).days <= 14:
            self.lead_announcement = announcement
        if sentence.subject:
            self.topic = sentence.subject
        elif found and found[-1].kind != "model_release":
            self.topic = found[-1].org
        for mention in sentence.orgs:
            if mention.type != PERSON:
                self.seen_orgs.append(mention.org)
        self.previous = sentence

    def _announcement_date(self, sentence: _Sentence) -> DateMention | None:
        """A day the sentence says something was announced ("On Monday, Musk announced")."""
        if not ATTRIBUTION.search(sentence.text) and "today" not in sentence.text.lower():
            return None
        days = [d for d in sentence.dates if d.precision == "day" and d.role in (POINT, DATELINE) and d.date and d.date <= self.published]
        return days[0] if days else None

    # --- organizations ----------------------------------------------------------------

    def _resolve_pronoun(self, sentence: _Sentence, position: int) -> str | None:
        """Who "it", "the company" or "the partnership" is at `position`."""
        before = sentence.text[:position]
        description = None
        for description in DEFINITE_DESCRIPTION.finditer(before):
            pass
        if description:
            head = description.group(1).split()[-1].lower()
            for org in reversed(self.seen_orgs + [m.org for m in sentence.orgs if m.start < position]):
                if head in org.lower():
                    return org
        if sentence.subject and not sentence.pronoun_subject:
            return sentence.subject
        return self.topic

    def _spender(self, sentence: _Sentence, start: int, end: int, money: bool = True) -> str | None:
        """The organization that spends or buys what the trigger at [start, end) names.
        A chipmaker named with its chip ("Nvidia H800") is the seller, never the spender."""
        text = sentence.text
        segment_start = _segment_start(text, start)
        vendors = [(c.vendor_start, c.start + len(c.text)) for c in self.lexicon.chips.find(text) if c.vendor_start < c.start + len(c.text)]
        eligible = [
            (m, inside) for m, inside in zip(sentence.orgs, sentence.in_phrase)
            if not any(v_start <= m.start < v_end and m.end <= v_end for v_start, v_end in vendors)
        ]
        # 1. the nearest organization before the trigger in its own segment
        for mention, inside in reversed(eligible):
            if segment_start <= mention.start < start and not inside:
                return mention.org
        # 2. a relative or appositive clause: "Stargate, a new company that intends to invest"
        head = text[segment_start:start]
        if RELATIVE_START.match(head) or re.match(r"^(?:which|who)\b", head, re.IGNORECASE):
            window_start = max(0, segment_start - 80)
            for mention, _ in reversed(eligible):
                if window_start <= mention.start < segment_start:
                    return mention.org
        # 3. money "from the Canadian asset manager Brookfield", "spending by Meta"
        after = text[end:_clause_end(text, end)]
        for mention, _ in eligible if money else ():
            if mention.start >= end and mention.start - end <= len(after):
                gap = text[end:mention.start]
                if re.search(r"\b(?:from|by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", gap):
                    return mention.org
                break
        # 4. the subject of the sentence, else what the article is talking about
        return self._resolve_pronoun(sentence, start)

    def _speaker(self, sentence: _Sentence) -> str | None:
        people = [m for m in sentence.orgs if m.type == PERSON]
        return people[0].text.rstrip("'’s") if people else None

    # --- dates and status -------------------------------------------------------------

    def _date_for(self, sentence: _Sentence, start: int, end: int, triggers: list[tuple[int, int]]) -> DateMention | None:
        """The date the sentence gives for the trigger at [start, end)."""
        text = sentence.text
        usable = [d for d in sentence.dates if d.role not in (DATELINE, SPAN, VAGUE) and d.date is not None
                  and not (start <= d.start < end)]
        if not usable:
            return None
        segments = _segments(text)
        own = _segment_index(segments, start)

        def distance(d: DateMention) -> int:
            return d.start - end if d.start >= end else start - d.end

        def rank(d: DateMention) -> tuple:
            return (d.role == POINT, distance(d))

        in_own = [d for d in usable if _segment_index(segments, d.start) == own]
        if in_own:
            return min(in_own, key=rank)
        busy = {_segment_index(segments, s) for s, _ in triggers}
        neighbours = [d for d in usable if abs(_segment_index(segments, d.start) - own) == 1
                      and _segment_index(segments, d.start) not in busy]
        if neighbours:
            return min(neighbours, key=distance)
        periods = [d for d in usable if d.role in (PERIOD, DEADLINE) and _segment_index(segments, d.start) in busy]
        if periods:
            return min(periods, key=distance)
        free = [d for d in usable if _segment_index(segments, d.start) not in busy]
        return min(free, key=distance) if free else None

    def _fallback_date(self, sentence: _Sentence, status: str) -> DateMention | None:
        """For spending and chips the text gives no time for: the day it was announced."""
        attributed = ATTRIBUTION.search(sentence.text) and not PERFECT_ATTRIBUTION.search(sentence.text)
        if self.previous_announcement is not None and (attributed or status == "planned"):
            return self.previous_announcement
        if status == "planned" and attributed and self.lead_announcement is not None:
            return self.lead_announcement
        return None

    def _status(self, sentence: _Sentence, start: int, end: int, date: DateMention | None) -> str:
        text = sentence.text
        clause_start, clause_end = _clause_bounds(text, start)
        segment_start = _segment_start(text, start)
        local = text[segment_start:_segment_end(text, end)]
        clause = text[clause_start:clause_end]
        if date is not None and date.date is not None and date.role != POINT:
            ends = _period_end(date)
            if ends < self.published and not FUTURE_CUE.search(local):
                return "done"
            if date.date > self.published and date.role != POINT or date.date > self.published + dt.timedelta(days=1):
                return "planned"
        for scope in (local, clause, text):
            future, past = FUTURE_CUE.search(scope), PAST_CUE.search(scope)
            if future and (not past or scope is not local or future.start() >= past.start() or _infinitive_plan(scope)):
                return "planned"
            if past:
                return "done"
        return "planned"

    # --- investments ------------------------------------------------------------------

    def _money_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        quantities = find_money(text)
        if not quantities:
            return []
        quantities = _without_conversions(text, quantities)
        if COLLAPSED.search(text):
            return []
        has_cue = bool(COMPUTE_CUE.search(text))
        if not has_cue:
            spends = SPEND_VERB.search(text)
            previous_cue = self.previous is not None and COMPUTE_CUE.search(self.previous.text)
            if not (spends and (previous_cue or self.lead_has_cue)):
                return []
        triggers = [(q.start, q.end) for q in quantities]
        events = []
        for index, quantity in enumerate(quantities):
            usd = to_usd(quantity, self.lexicon.usd_per_unit)
            biggest = max(v for v in (usd.low, usd.high) if v is not None)
            if biggest < MIN_SPENDING_USD:
                continue
            previous_end = quantities[index - 1].end if index else 0
            next_start = quantities[index + 1].start if index + 1 < len(quantities) else len(text)
            if self._is_not_spending(sentence, quantity, previous_end, next_start):
                continue
            if self._refers_back(text, quantity, usd):
                continue
            org = self._spender(sentence, quantity.start, quantity.end)
            if org is None:
                continue
            date = self._date_for(sentence, quantity.start, quantity.end, triggers)
            status = self._status(sentence, quantity.start, quantity.end, date)
            if date is None:
                date = self._fallback_date(sentence, status)
            events.append(Event(
                kind="investment", org=org, amount_low=usd.low, amount_high=usd.high,
                currency=quantity.currency, amount_text=quantity.text.strip(),
                date=_iso(date), date_precision=date.precision if date else None,
                status=status, speaker=self._speaker(sentence), vague=quantity.vague,
            ))
        return events

    def _refers_back(self, text: str, quantity: Quantity, usd: Quantity) -> bool:
        """"the €200bn", "that $80 billion figure": an amount the article already reported."""
        if not re.search(r"\b(?:the|that|this|those|these)\s+$", text[max(0, quantity.start - 8):quantity.start], re.IGNORECASE):
            return False
        return any(_close(e.amount_low, usd.low) and _close(e.amount_high, usd.high) for e in self.reported)

    def _is_not_spending(self, sentence: _Sentence, quantity: Quantity, previous_end: int, next_start: int) -> bool:
        text = sentence.text
        before_start = max(previous_end, _segment_start(text, quantity.start), quantity.start - 60)
        before = text[before_start:quantity.start]
        after = text[quantity.end:min(next_start, quantity.end + 50)]
        if NOT_SPENDING_BEFORE.search(before) or NOT_SPENDING_AFTER.match(after):
            return True
        if COMPARISON_BEFORE.search(before) and previous_end:
            return True
        # "invested $13 billion in OpenAI", "a $4 billion investment in Anthropic": a stake
        for mention in sentence.orgs:
            if quantity.end <= mention.start <= quantity.end + 45 and mention.type != GOVERNMENT:
                gap = text[quantity.end:mention.start]
                if re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}?(?:in|into)\s+(?:the\s+)?", gap) and "AI" not in gap:
                    if not re.match(r"\s*(?:['’]s\s+)?(?:data|infrastructure|compute|computing|cloud|AI\s+infrastructure)", text[mention.end:mention.end + 30]):
                        return True
                break
        return False

    # --- hardware ---------------------------------------------------------------------

    def _hardware_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        chips = self.lexicon.chips.find(text)
        if not chips:
            return []
        counts = find_counts(text)
        events = []
        triggers = [(c.start, c.end) for c in counts]
        for count in counts:
            chip = _counted_chip(text, count, chips)
            if chip is None:
                continue
            biggest = max(v for v in (count.low, count.high) if v is not None)
            if biggest < MIN_CHIP_COUNT or _is_specification(text, count):
                continue
            item = chip.item
            if _is_equivalent(text, count, chip):
                item = f"{item} equivalents"
            org = self._spender(sentence, count.start, count.end, money=False)
            if org is None:
                continue
            date = self._date_for(sentence, count.start, chip.end, triggers)
            status = self._status(sentence, count.start, chip.end, date)
            if date is None:
                date = self._fallback_date(sentence, status)
            events.append(Event(
                kind="hardware", org=org, item=item, amount_low=count.low, amount_high=count.high,
                amount_text=text[count.start:chip.end].strip(), date=_iso(date),
                date_precision=date.precision if date else None, status=status,
                speaker=self._speaker(sentence), vague=count.vague,
            ))
        return events

    # --- model releases ---------------------------------------------------------------

    def _model_events(self, sentence: _Sentence) -> list[Event]:
        text = sentence.text
        models = [m for m in self.lexicon.models.find(text, self.mentioned)
                  if m.versioned or not PRODUCT_NOUN.match(text[m.end:m.end + 20])]
        if not models:
            return []
        events = []
        for index, model in enumerate(models):
            verb = _release_verb(text, models, index)
            if verb is None:
                continue
            verb_start, verb_end, developing = verb
            pair = (min(verb_start, model.start), max(verb_end, model.end))
            date = self._release_date(sentence, pair, models, index)
            status = "planned" if developing else self._release_status(text, verb_start, model, date)
            if status == "planned" and date is not None and date.role == POINT and _follows_attribution(text, date):
                date = None
            events.append(Event(
                kind="model_release", org=model.org, model=model.name, date=_iso(date),
                date_precision=date.precision if date else None, status=status,
                speaker=self._speaker(sentence),
            ))
        return events

    def _release_date(self, sentence: _Sentence, pair: tuple[int, int], models: list[ModelMention], index: int) -> DateMention | None:
        text = sentence.text
        segments = _segments(text)
        others = {_segment_index(segments, m.start) for i, m in enumerate(models) if i != index
                  and not _coordinated(text, models, i, index)}
        candidates = [d for d in sentence.dates if d.role not in (DATELINE, SPAN)
                      and _segment_index(segments, d.start) not in others - {_segment_index(segments, pair[0])}]
        if not candidates:
            return None

        def distance(d: DateMention) -> int:
            return d.start - pair[1] if d.start >= pair[1] else max(0, pair[0] - d.end)

        nearest = min(candidates, key=distance)
        if nearest.role == VAGUE or distance(nearest) > 90:
            return None
        return nearest

    def _release_status(self, text: str, verb_start: int, model: ModelMention, date: DateMention | None) -> str:
        before = text[max(0, verb_start - 40):verb_start]
        if MODAL_BEFORE.search(before) or re.match(r"(?:will|would|'ll|’ll|should|could|may|might|to)\b", text[verb_start:], re.IGNORECASE):
            return "planned"
        if date is not None and date.date is not None and date.date > self.published:
            return "planned"
        if re.search(r"\b(?:next|upcoming|forthcoming|coming)\b", text[max(0, model.start - 40):model.end + 40], re.IGNORECASE) and not re.search(r"\b(?:released|launched|unveiled|introduced|debuted)\b", text, re.IGNORECASE):
            return "planned"
        return "done"


# --- helpers ----------------------------------------------------------------------------


def _after_preposition(text: str, position: int) -> bool:
    """Whether a name at `position` is the object of a preposition ("in OpenAI",
    "than any cluster Meta"), looking back three words within its segment."""
    segment = text[_segment_start(text, position):position]
    words = re.findall(r"[\w'’]+", segment)[-3:]
    return any(word.lower() in PREPOSITIONS for word in words)


def _is_subject(text: str, mention: OrgMention) -> bool:
    """An organization near the start of its sentence, or followed by a verb, acts in it."""
    lead = re.sub(r"^[^,]{0,40},\s+", "", text[:mention.start]) if "," in text[:mention.start] else text[:mention.start]
    if len(lead.split()) <= 3:
        return True
    return bool(ACTING.match(text[mention.end:mention.end + 40]))


def _iso(mention: DateMention | None) -> str | None:
    return mention.date.isoformat() if mention and mention.date else None


def _period_end(mention: DateMention) -> dt.date:
    day = mention.date
    if mention.role == DEADLINE or mention.precision == "day":
        return day
    if mention.precision == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if mention.precision == "quarter":
        month = day.month + 2
        return (dt.date(day.year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(day.year, 12, 31)


def _segments(text: str) -> list[int]:
    """Start positions of the comma- and dash-separated segments of a sentence."""
    return [0] + [m.end() for m in SEGMENT_BREAK.finditer(text)]


def _segment_index(starts: list[int], position: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= position:
            index = i
    return index


def _segment_start(text: str, position: int) -> int:
    starts = _segments(text)
    return starts[_segment_index(starts, position)]


def _segment_end(text: str, position: int) -> int:
    m = SEGMENT_BREAK.search(text, position)
    return m.start() if m else len(text)


def _clause_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for m in CLAUSE_BREAK.finditer(text):
        if m.end() <= position:
            start = m.end()
        else:
            return start, m.start()
    return start, len(text)


def _clause_end(text: str, position: int) -> int:
    return _clause_bounds(text, position)[1]


def _infinitive_plan(scope: str) -> bool:
    return bool(re.search(r"\bto\s+(?:spend|invest|mobili[sz]e|deploy|build|unlock)\b", scope, re.IGNORECASE))


def _without_conversions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Drop an article's own conversions: "380bn yuan (US$53bn)", "€4bn, or about $4.3bn"."""
    kept: list[Quantity] = []
    for quantity in quantities:
        if kept and kept[-1].currency != quantity.currency and CONVERSION_GAP.match(text[kept[-1].end:quantity.start]):
            continue
        kept.append(quantity)
    return kept


def _counted_chip(text: str, count: Quantity, chips) -> object | None:
    """The chip a count counts: "100,000 Nvidia H100 chips", "50,000 of Nvidia's newer H200s"."""
    for chip in chips:
        if chip.start < count.end:
            continue
        if not GAP_OK(text[count.end:chip.start]):
            return None
        following = text[chip.end:chip.end + 15]
        from .chips import NOT_A_COUNT_AFTER
        if NOT_A_COUNT_AFTER.match(following) and not re.match(r"^\s*(?:-)?equivalents?", following, re.IGNORECASE):
            return None
        return chip
    return None


def GAP_OK(gap: str) -> bool:  # noqa: N802
    from .chips import GAP
    return bool(GAP.match(gap))


def _is_equivalent(text: str, count: Quantity, chip) -> bool:
    before = text[max(0, count.start - 25):count.start]
    after = text[chip.end:chip.end + 15]
    return bool(re.search(r"equivalent\s+(?:to|of)\s+(?:\w+\s+)?$", before, re.IGNORECASE) or re.match(r"^\s*-?equivalents?\b", after, re.IGNORECASE))


def _is_specification(text: str, count: Quantity) -> bool:
    """"each v5p pod links 8,960 chips", "8 GPUs per server": a product's make-up, not a purchase."""
    before = text[max(0, count.start - 40):count.start]
    return bool(re.search(r"\beach\b[^,;]*$|\bper\s+\w+\s*$|\bmaximum\b[^,;]*$|\bup\s+to\b.*\bper\b", before, re.IGNORECASE))


def _release_verb(text: str, models: list[ModelMention], index: int) -> tuple[int, int, bool] | None:
    """The release or development verb that governs model `index`: (start, end, developing)."""
    model = models[index]
    # left: "released Claude 3.5 Sonnet", "follow up with Claude 3.5 Haiku and Claude 3.5 Opus"
    left_limit = model.start
    j = index - 1
    while j >= 0 and _coordinated(text, models, j, j + 1):
        left_limit = models[j].start
        j -= 1
    previous_model_end = models[j].end if j >= 0 else 0
    window_start = max(previous_model_end, left_limit - 70)
    window = text[window_start:left_limit]
    if not re.search(r"[;]", window):
        developing = DEVELOPMENT_VERB.search(window)
        if developing and not re.search(r"\bwith\s*$", window):
            return window_start + developing.start(), window_start + developing.end(), True
        verbs = list(RELEASE_VERB.finditer(window))
        if verbs:
            verb = verbs[-1]
            words_between = len(window[verb.end():].split())
            if words_between <= 5:
                return window_start + verb.start(), window_start + verb.end(), False
    # right: "GPT-4o, which debuted in May", "Grok-3 should be out", "DeepSeek-V3, a model the company put out"
    k = index + 1
    right_end = model.end
    while k < len(models) and _coordinated(text, models, k - 1, k):
        right_end = models[k].end
        k += 1
    next_model_start = models[k].start if k < len(models) else len(text)
    window = text[right_end:min(next_model_start, right_end + 90)]
    window = re.split(r"[;]|\s[-–—]\s", window)[0]
    for verb in RELEASE_VERB.finditer(window):
        words_between = len(window[:verb.start()].split())
        if words_between <= 8:
            return right_end + verb.start(), right_end + verb.end(), False
        break
    return None


def _coordinated(text: str, models: list[ModelMention], i: int, j: int) -> bool:
    """Models i and j are listed together ("Claude 3.5 Haiku and Claude 3.5 Opus")."""
    first, second = sorted((i, j))
    if second - first != 1:
        return False
    return bool(re.fullmatch(r"\s*(?:,|and|or|,\s*and|&)\s*", text[models[first].end:models[second].start]))


def _follows_attribution(text: str, date: DateMention) -> bool:
    return bool(re.search(r"\b(?:said|says|told|wrote|announced)\s*$", text[max(0, date.start - 20):date.start]))


# --- one event per claim ----------------------------------------------------------------


def _one_per_claim(events: list[Event]) -> list[Event]:
    """Merge what an article repeats: the same model, or the same amount for the same
    organization, kind and item (a vague amount only with the same date)."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_claim(k, event)), None)
        if twin is None:
            kept.append(event)
        elif _better(event, twin):
            kept[kept.index(twin)] = _merged(event, twin)
        else:
            kept[kept.index(twin)] = _merged(twin, event)
    return _without_bare_families(kept)


def _same_claim(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.org != b.org:
        return False
    if a.kind == "model_release":
        return _model_key(a.model) == _model_key(b.model)
    if a.item != b.item:
        return False
    same_amount = _close(a.amount_low, b.amount_low) and _close(a.amount_high, b.amount_high)
    if a.vague or b.vague:
        return same_amount and a.date == b.date
    if same_amount:
        return True
    # "$60-65B" then "the $65 billion"; "more than 1.3 million GPUs" then "1.3 million GPUs"
    exact, other = (a, b) if a.amount_low == a.amount_high else (b, a)
    if exact.amount_low is None or exact.amount_low != exact.amount_high or other.amount_low == other.amount_high:
        return False
    matches_end = _close(exact.amount_low, other.amount_low) or _close(exact.amount_high, other.amount_high)
    same_year = exact.date is None or other.date is None or exact.date[:4] == other.date[:4]
    return matches_end and same_year


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _model_key(name: str | None) -> str:
    return re.sub(r"[^a-z0-9.]+", "", (name or "").lower())


PRECISION_RANK = {None: 0, "year": 1, "quarter": 2, "month": 3, "day": 4}


def _better(candidate: Event, incumbent: Event) -> bool:
    """Whether a repeat says more than the first mention: a range or bound where the
    first gave one figure, else a date where it gave none or a finer one."""
    def is_exact(e: Event) -> bool:
        return e.amount_low == e.amount_high
    if candidate.kind != "model_release" and is_exact(candidate) != is_exact(incumbent):
        return is_exact(incumbent)
    return PRECISION_RANK[candidate.date_precision] > PRECISION_RANK[incumbent.date_precision]


def _merged(best: Event, other: Event) -> Event:
    if best.kind == "model_release" and best.status == "planned" and other.status == "done":
        best.status = "done"
    return best


def _without_bare_families(events: list[Event]) -> list[Event]:
    """"Google unveils Gemini" is the same launch as "Gemini 1.0" in the same article."""
    versioned = {(e.org, (e.model or "").split()[0].split("-")[0]) for e in events
                 if e.kind == "model_release" and e.model and re.search(r"[\d ]", e.model)}
    return [e for e in events if not (e.kind == "model_release" and e.model and not re.search(r"[\d\s-]", e.model)
                                      and (e.org, e.model) in versioned)]


def events_as_records(events: Iterable[Event], article: str | None) -> list[dict]:
    return [event.as_record(article) for event in events]
