"""Investments: money spent, committed or planned on AI compute, read sentence by sentence.

An amount of money is an investment when the words around it speak of compute (capex,
data centers, chips, training) and say it is spent rather than earned, valued, raised,
fined or pooled across many parties; its organization is who spends it.
"""
from __future__ import annotations

import datetime as dt
import re

from .amounts import Quantity, find_money, to_usd
from .clauses import clause_bounds, segment_start
from .context import ArticleContext, SentenceView, amount_scope, iso, names_a_party, period_end
from .cues import (
    PLAIN_SPEND_WORD, COMPUTE_CUE, SPEND_WORD, NOT_SPENDING_BEFORE, NOT_SPENDING_AFTER, UNIT_AFTER,
    CURRENCY_MARKS, CURRENCY_WORD, STAKE_IN_DESCRIBED, POOLED, COLLAPSED, COMPARISON_BEFORE, CONVERSION_GAP,
    ANAPHORIC_AMOUNT, RELATIVE_TO_STORY, COMPUTE_SELLER_NAMES, DEAL_NOUNS, DEAL_WORD, SELLERS,
)
from .dates import PERIOD, VAGUE
from .figures import spending_category
from .organizations import GOVERNMENT, PERSON, OrgMention
from .patterns import CaseBlind, compiled
from .record import MAX_TRIGGERS_PER_SENTENCE, Event, amount_problem
from .repeats import close_amounts

_OLD_FORECAST = compiled(r"(?:^|,)\s*(?:up\s+|down\s+)?from\s+\S+(?:\s+\S+)?\s+to\s*$")  # ", from $35 billion to"
# A forecast that a newer one replaced: "its previous range of", "up from its January outlook of",
# "the $16 billion to $18 billion range it had guided to", "the $75 billion it started the year with".
_SUPERSEDED_BEFORE = CaseBlind(
    r"\b(?:previous|prior|earlier|initial|original|old|last|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|spring|summer|autumn|fall|winter)\s+(?:outlook|forecast|guidance|range|"
    r"estimate|target|projection|view)\s+(?:of|was|had\s+been)\s+(?:about\s+|roughly\s+|around\s+)?[*_]*\s*$")
_SUPERSEDED_AFTER = CaseBlind(
    r"^[*_]*\s*(?:(?:range|forecast|estimate|outlook|target|figure)\s+)?(?:that\s+|which\s+)?(?:it|they|the\s+company|\w+)\s+"
    r"(?:had\s+(?:previously\s+|initially\s+|originally\s+)?(?:forecast|guided|projected|predicted|expected|estimated|"
    r"planned|budgeted|targeted|set)|(?:previously|initially|originally)\s+(?:forecast|guided|projected|expected|set)|"
    r"started\s+the\s+year\s+with)\b")
_FORECAST_NOUN = CaseBlind(r"\b(?:outlook|forecast|guidance|range|estimate|target|projection|plan|expected|expectations?)\b")
_PERIOD_GAP = compiled(r"[*_]*\s*(?:(?:(?:it|the\s+company)\s+)?(?:spent|reported|recorded|posted)\s+)?(?:(?:in|for|during)\s+)?")
# A figure given as guidance: "narrowed its guidance to", "expects capital expenditures of".
# Words of a capex forecast, for a forecast given without its year.
_CAPEX_GUIDANCE = CaseBlind(r"\b(?:capex|capital\s+(?:expenditures?|spending|investments?|outlays?|budget)|guidance|outlook|"
                            r"forecast|spending\s+plans?)\b")
_GUIDANCE = CaseBlind(r"\b(?:guidance|forecast|outlook|target|guided|expects?|projects?|plans?\s+to|budget(?:ed)?)\b")
_OF_A_KIND = CaseBlind(r"\b(?:such|these|those|large|larger|frontier|big|bigger|many)\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:models|systems|clusters|networks)\b[^.;]{0,30}?\b(?:requires?|costs?|needs?|takes?)\s+$")
_INDEFINITE_ARTICLE = compiled(r"\b(?:a|an)\s*$")
MIN_SPENDING_USD = 100_000


class InvestmentReader:
    """Reads the investments in each sentence of one article."""

    def __init__(self, article: ArticleContext):
        self.article = article
        self.reported: list[Event] = []  # the investments read so far, for "that $80 billion figure"
        self._cue_paragraphs: set[int] = set()  # paragraphs read so far that speak of compute
        self._cues_read = 0  # how many of the article's sentences were looked at for that

    def read(self, sentence: SentenceView) -> list[Event]:
        """The investments the sentence states."""
        found = self._money_events(sentence)
        self.reported += found
        return found

    def _money_events(self, sentence: SentenceView) -> list[Event]:
        text = sentence.text
        if not _may_name_money(sentence) or not self._about_spending(sentence) or COLLAPSED.search(text):
            return []
        quantities = find_money(text, MAX_TRIGGERS_PER_SENTENCE)
        if not quantities:
            return []
        quantities = _without_conversions(text, quantities)
        triggers = [(q.start, q.end) for q in quantities]
        events = []
        rejected_before = False
        for index, quantity in enumerate(quantities):
            usd = to_usd(quantity, self.article.reference.usd_per_unit)
            previous_end = quantities[index - 1].end if index else 0
            next_start = quantities[index + 1].start if index + 1 < len(quantities) else len(text)
            rejected = self._is_not_spending(sentence, quantity, previous_end, next_start)
            if not rejected and rejected_before and _continues_list(text, previous_end, quantity.start):
                rejected = True  # "revenue would climb to $18bn ... then to $32bn, $73bn"
            rejected_before = rejected
            biggest = max(v for v in (usd.low, usd.high) if v is not None)
            if rejected or biggest < MIN_SPENDING_USD or amount_problem("investment", usd.low, usd.high) or self._refers_back(text, quantity, usd):
                continue
            if quantity.vague and not names_a_party(sentence):
                continue  # "pledges worth tens of billions of pounds": commentary, no one's claim
            org = self.article.spender(sentence, quantity.start, quantity.end)
            if org is None or (org in SELLERS and _ORDERS_AFTER.match(text, quantity.end)):
                continue  # "Nvidia unveiled $500 billion in AI chip orders": orders a seller takes, not spending
            seller = None
            buyer = self._buyer_from_seller(sentence, quantity, org)
            if buyer is not None:
                seller, org = org, buyer  # "CoreWeave has secured a contract worth $14.2B with Meta": Meta buys
            date = self.article.date_for(sentence, quantity.start, quantity.end, triggers)
            period = self.article.period_for(sentence, quantity.start, quantity.end, date, org, triggers)
            status = self.article.status(sentence, quantity.start, quantity.end, date, previous_end, next_start,
                                         covers_until=period[1])
            clause = clause_bounds(text, quantity.start)
            category, counterparty = spending_category(text, quantity.start, quantity.end, clause, org, sentence.orgs)
            if seller is not None:
                category, counterparty = "contract", seller
            guided = _GUIDANCE.search(text, clause[0], quantity.start) is not None
            if category is None and self._continues_capex(org, period, guided):
                category = "capex"  # "Capital expenditures were $14.3 billion ... The company spent $52.5 billion in 2024"
            inferred = date is None
            if date is None and period == (None, None) and category == "capex" and status == "planned" and guided \
                    and not quantity.vague and _CAPEX_GUIDANCE.search(text) \
                    and not any(d.role == VAGUE and clause[0] <= d.start < clause[1] for d in sentence.dates):
                # "Alphabet raised its capex forecast to $91 billion": the (fiscal) year under way
                date = self.article.current_fiscal_year(org)
                period = self.article.period_for(sentence, quantity.start, quantity.end, date, org, triggers)
            if date is None:
                date = self.article.fallback_date(sentence, status, self.article.index)
            each = self.article.each_of(sentence, quantity.start)
            for position, spender in ([(m.start, m.org) for m in each] or [(quantity.start, org)]):
                events.append(Event(  # each spender's event keeps a trigger of its own: where it is named
                    kind="investment", org=spender, amount_low=usd.low, amount_high=usd.high,
                    currency=quantity.currency, amount_text=quantity.text.strip(),
                    date=iso(date), date_precision=date.precision if date else None,
                    status=status, category=category, counterparty=counterparty, period_start=period[0],
                    period_end=period[1], speaker=self.article.speaker(sentence), vague=quantity.vague,
                    date_inferred=inferred and date is not None,
                    trigger=position if each else quantity.start,
                ))
        return events

    def _about_spending(self, sentence: SentenceView) -> bool:
        """Whether the sentence (or, for a spending verb, the one before it, its paragraph or
        the story's lead) speaks of AI compute: data centers, chips, capex, training."""
        text = sentence.text
        if COMPUTE_CUE.search(text):
            return True
        if DEAL_WORD.search(text) and any(_sells_compute(m) for m in sentence.orgs):
            return True  # "signed a five-year, $11.9 billion deal with CoreWeave"
        if not SPEND_WORD.search(text):
            return False
        previous_cue = bool(self.article.analysed) and COMPUTE_CUE.search(self.article.analysed[-1].text)
        if previous_cue:
            return True
        if not PLAIN_SPEND_WORD.search(text):
            return False
        # "Start with what the companies are spending. Alphabet raised its capex forecast ...
        # Microsoft spent $24.2 billion": the paragraph is about it
        return self.article.lead_has_cue or sentence.span.paragraph in self._paragraphs_with_cue()

    def _paragraphs_with_cue(self) -> set[int]:
        """The paragraphs whose sentences read so far speak of compute, each sentence
        looked at once."""
        analysed = self.article.analysed
        for sentence in analysed[self._cues_read:]:
            if sentence.span.paragraph not in self._cue_paragraphs and COMPUTE_CUE.search(sentence.text):
                self._cue_paragraphs.add(sentence.span.paragraph)
        self._cues_read = len(analysed)
        return self._cue_paragraphs

    def _refers_back(self, text: str, quantity: Quantity, usd: Quantity) -> bool:
        """"the €200bn", "that $80 billion figure": an amount the article already reported."""
        if not ANAPHORIC_AMOUNT.search(text[max(0, quantity.start - 8):quantity.start]):
            return False
        return any(close_amounts(e.amount_low, usd.low) and close_amounts(e.amount_high, usd.high) for e in self.reported)

    def _buyer_from_seller(self, sentence: SentenceView, quantity: Quantity, org: str) -> str | None:
        """Who buys from a seller of compute (`org`) in a deal it made "with" them; None when
        `org` sells no compute or no deal names a buyer."""
        text = sentence.text
        if not DEAL_WORD.search(text) or not any(m.org == org and _sells_compute(m) for m in sentence.orgs):
            return None
        for mention in sentence.orgs:
            if mention.org == org or mention.type == PERSON or _sells_compute(mention):
                continue
            if quantity.end <= mention.start <= quantity.end + 60 and _WITH_AFTER.fullmatch(text, quantity.end, mention.start):
                return mention.org
            if mention.end <= quantity.start and _DEAL_WITH_BEFORE.search(text, max(0, mention.start - 30), mention.start):
                return mention.org
        return None

    def _buys_a_company(self, sentence: SentenceView, quantity: Quantity) -> bool:
        """Whether the amount is the price of an organization bought: a verb of buying, an
        organization as its object, then "for" and the amount."""
        text = sentence.text
        for mention in sentence.orgs:
            if mention.end <= quantity.start and _FOR_PRICE.fullmatch(text, mention.end, quantity.start):
                buying = list(_BUYING.finditer(text, max(0, mention.start - 80), mention.start))
                # the organization is what is bought ("buy chip designer Arm"), not where from ("GPUs from Nvidia")
                if buying and _DESCRIBES_OBJECT.fullmatch(text, buying[-1].end(), mention.start):
                    return True
        return False

    def _continues_capex(self, org: str, period: tuple[str | None, str | None], guided: bool) -> bool:
        """Whether a figure for one quarter or year, or a guided one, continues a story about
        `org`'s capex: the last investment of `org` read in the article's previous sentences
        was capex."""
        if period[0] is None or period[1] is None:
            if not guided:
                return False
        else:
            days = (dt.date.fromisoformat(period[1]) - dt.date.fromisoformat(period[0])).days
            if not (80 <= days <= 100 or 330 <= days <= 400):
                return False
        earlier = [e for e in self.reported if e.org == org] or (self.reported[-1:] if guided else [])
        return bool(earlier) and earlier[-1].category == "capex"  # guidance in a run of companies' capex

    def _past_actual(self, sentence: SentenceView, quantity: Quantity, before: str) -> bool:
        """Whether a figure compared with is an actual for a named period that has ended
        ("up from $72.2 billion in 2025", "the $91.4 billion spent in 2025"), not an old forecast."""
        if _FORECAST_NOUN.search(before):
            return False
        text = sentence.text
        for mention in sentence.dates:
            if mention.start >= quantity.end and _PERIOD_GAP.fullmatch(text, quantity.end, mention.start):
                return (mention.role == PERIOD and mention.precision in ("quarter", "year")
                        and not RELATIVE_TO_STORY.search(mention.text)
                        and period_end(mention) < self.article.published)
        return False

    def _is_not_spending(self, sentence: SentenceView, quantity: Quantity, previous_end: int, next_start: int) -> bool:
        text = sentence.text
        opens = max(previous_end, segment_start(text, quantity.start), quantity.start - 90)
        before = text[opens:quantity.start]
        after = text[quantity.end:min(next_start, quantity.end + 50)]
        if NOT_SPENDING_AFTER.match(after):
            return True
        marked = NOT_SPENDING_BEFORE.search(before)
        if marked and not (marked.group().lower().startswith("valu")  # the noun may stand before a comma: "the data center, valued at"
                           and _DEAL_VALUED.search(text, max(previous_end, quantity.start - 90), opens + marked.start())) \
                and not (marked.group().lower() == "secured" and _deal_of(text, before, marked.end(), quantity.end)):
            # but "a deal potentially valued at up to $14 billion" is the deal's size, no valuation, and
            # "secured a contract worth $14.2B" a deal's, no loan
            return True
        if _MILESTONE_BEFORE.search(before) and _MARKET_VALUE.search(text):
            return True  # "Nvidia's $5 trillion valuation, ... after it crossed $4 trillion": a mark its value passed
        if COMPARISON_BEFORE.search(before) and (previous_end or re.search(r"\bfrom\s", before[-25:])) \
                and not self._past_actual(sentence, quantity, before):
            return True  # "up from $72.2 billion in 2025", an actual of a period that has ended, is kept
        if quantity.vague and _OF_A_KIND.search(before):
            return True  # "training such models requires millions of dollars": what a kind of thing costs
        if _OLD_FORECAST.search(before) or _SUPERSEDED_BEFORE.search(before) or _SUPERSEDED_AFTER.match(after):
            return True  # "from $35 billion to $40 billion", "its previous range of", "the range it had guided to"
        if _INDEFINITE_ARTICLE.search(before) and UNIT_AFTER.match(after):
            return True  # "a $199,000 server": the price of one unit
        if sentence.has_cue(POOLED, *amount_scope(text, quantity)):
            return True
        if quantity.vague and _two_orgs_share(sentence, quantity.start):
            return True  # "Microsoft and Google ... announcing billions of pounds"
        if STAKE_IN_DESCRIBED.match(after):
            return True  # "invested $1 billion in the lab"
        if _DELTA_BEFORE.search(before) and _DELTA_AFTER.match(after) or _CHANGE_OF.search(before):
            return True  # "up $1bn from the last earnings call", "a year-over-year increase of $50.9bn": a change
        if _MOVED_TO.search(before[-12:]):
            moved = text[max(previous_end, quantity.start - 200):quantity.start]
            last = None
            for last in _EARNINGS_MOVED.finditer(moved):
                pass
            if last is not None and not _SPENDING_WORD.search(moved, last.end()):
                return True  # "Revenue from its cloud rose 45% in the quarter, to $2.2 billion": a result, not spending
        if self._buys_a_company(sentence, quantity) or _DEAL_TO_BUY_A_COMPANY.match(text, quantity.end):
            # "agreed to buy chip designer Arm Holdings for up to $40 billion", "a $40 billion deal to
            # buy Aligned Data Centers": an acquisition
            return True
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


def _sells_compute(mention: OrgMention) -> bool:
    """Whether a name is one of a seller of compute (CoreWeave, AWS, Azure ...), as written."""
    return re.sub(r"['’]s$", "", mention.text) in COMPUTE_SELLER_NAMES


def _deal_of(text: str, before: str, after_mark: int, amount_end: int) -> bool:
    """Whether a deal is what is named between a mark and an amount ("secured a contract worth"),
    or right after the amount ("secured a $14.2B contract")."""
    return bool(DEAL_WORD.search(before, after_mark)) or bool(_CONTRACT_AFTER.match(text, amount_end))


# "a $40 billion deal to buy Aligned Data Centers", but not "a $10 billion deal to buy Nvidia chips"
_DEAL_TO_BUY_A_COMPANY = compiled(
    r"(?:-dollar)?\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|offer|bid)\s+to\s+(?:buy|acquire|purchase|take\s+over)\s+"
    r"(?:the\s+)?(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*(?!['’]s\b)(?![\w&.'’-])(?!\s+(?:[\w-]+\s+)?(?:chips?|GPUs?|processors?|"
    r"accelerators?|servers?|systems?|hardware|capacity|compute|computing|supercomputers?|clusters?|cloud|equipment)\b)")
_MILESTONE_BEFORE = CaseBlind(r"\b(?:crossed|crosses|topped|tops|surpassed|surpasses|passed|hit|hits|breached|"
                              r"(?:breaks|broke|break)(?:\s+through)?)\s+(?:the\s+)?$")
_MARKET_VALUE = CaseBlind(r"\b(?:valuation|market\s+(?:value|cap\w*)|share\s+price|stock\s+price)\b")
_ORDERS_AFTER = compiled(r"\s+(?:in|of|worth\s+of)\s+(?:[\w-]+\s+){0,3}?(?:orders|bookings)\b")
_CONTRACT_AFTER = CaseBlind(rf"(?:-dollar)?\s+(?:[\w-]+\s+){{0,2}}?(?:{DEAL_NOUNS})\b")
# a seller of compute's deal made "with" its buyer: "CoreWeave has secured a contract worth $14.2B with
# Meta", "The deal with Meta is ... the contract CoreWeave has landed"
_WITH_AFTER = compiled(r"(?:\s+[\w-]+){0,3}?\s+with\s+(?:the\s+)?")
_DEAL_WITH_BEFORE = CaseBlind(rf"\b(?:{DEAL_NOUNS})\s+with\s+(?:the\s+)?$")
_DELTA_BEFORE = CaseBlind(r"\b(?:up|down|an?\s+(?:increase|rise|jump|drop|cut|reduction)\s+of)\s+(?:by\s+)?(?:about\s+|roughly\s+|some\s+)?$")
# what a deal or a project is "valued at" is its size, no company's valuation: "a deal valued at up to
# $14 billion", "the data center, valued at $1 billion"
_DEAL_VALUED = CaseBlind(rf"\b(?:{DEAL_NOUNS}|engagements?|projects?|facilit(?:y|ies)|data\s+cent(?:er|re)s?|campus(?:es)?|"
                         rf"clusters?|supercomputers?)[,\s]+(?:\w+\s+){{0,2}}$")
_MOVED_TO = CaseBlind(r"\bto\s+(?:about\s+|nearly\s+|roughly\s+|some\s+)?$")
_EARNINGS_MOVED = CaseBlind(
    r"\b(?:revenues?|sales|income|profits?|earnings|bookings|backlog|turnover|cash\s+flow)[,\s]+(?:[\w'’%.,-]+\s+){0,6}?"
    r"(?:rose|fell|grew|climbed|jumped|increased|decreased|declined|dropped|surged|soared|slipped|rising|growing|"
    r"climbing|jumping)\b")
_SPENDING_WORD = CaseBlind(r"\b(?:spend\w*|capex|capital|invest\w*|expenditures?|budget|outlays?)\b")
_CHANGE_OF = CaseBlind(r"\b(?:year-over-year|year-on-year|annual|quarterly|sequential)\s+(?:increase|rise|jump|growth|"
                       r"decrease|decline|drop|fall)\s+of\s+(?:about\s+|roughly\s+|some\s+)?$")
_DELTA_AFTER = CaseBlind(r"^\s+(?:from|over|on|versus|compared|year|since)\b")
_FOR_PRICE = compiled(r"(?:,?\s+(?:Holdings|Group|Inc|Corp|Ltd|Limited|plc|LLC|Technologies)\.?)?"
                      r"(?:\s+from(?:\s+[\w.&'’-]+){1,6}?)?"  # "purchase Arm Limited from SBG and SoftBank Vision Fund for"
                      r"\s+(?:in\s+a\s+deal\s+)?(?:for|valued\s+at|worth)\s+(?:up\s+to\s+|about\s+|roughly\s+|around\s+|nearly\s+|some\s+)?$")
_DESCRIBES_OBJECT = compiled(r"\s+(?:(?!(?:from|of|with|to|for|in|on|at)\b)[A-Za-z][\w.'’-]*\s+){0,5}")
_BUYING = CaseBlind(r"\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|purchases|purchased|"
                    r"take\s+over|took\s+over|takeover\s+of)\b")


def _may_name_money(sentence: SentenceView) -> bool:
    """Whether the sentence names a currency: a cheap test before reading amounts."""
    lower = sentence.lower
    return any(map(lower.__contains__, CURRENCY_MARKS)) or CURRENCY_WORD.search(lower) is not None


def _two_orgs_share(sentence: SentenceView, position: int) -> bool:
    """"Microsoft and Google ... announcing billions": an amount two organizations share."""
    before = [m for m in sentence.orgs if m.end <= position and m.type != PERSON]
    for first, second in zip(before, before[1:]):
        if first.org != second.org and re.fullmatch(r"\s*(?:and|&)\s*", sentence.text[first.end:second.start]):
            return True
    return False


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
