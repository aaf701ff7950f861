"""The language of financial news, as the extraction reads it: which words mark compute
spending, which mark something else (revenue, valuations, stakes, prices, estimates,
pooled totals), which say a plan or a fact, which release a model, and how sentences
point at organizations. Regular expressions only; `events.py` decides with them.
"""
from __future__ import annotations


from .amounts import CURRENCY_CODES
from .patterns import CaseBlind, compiled



# Sellers of compute: a deal or contract with one of them is a purchase of compute, though
# the sentence names no chip or data center ("signed a $11.9 billion deal with CoreWeave").
# Matched on the name as written, so that "AWS" counts and "Amazon" (a buyer too) does not.
COMPUTE_SELLER_NAMES = frozenset({"CoreWeave", "Nebius", "Lambda", "Lambda Labs", "Crusoe", "Nscale", "Fluidstack",
                                  "Together AI", "Vultr", "IREN", "Applied Digital", "Core Scientific", "Oracle Cloud",
                                  "OCI", "AWS", "Amazon Web Services", "Azure", "Microsoft Azure", "Google Cloud"})
DEAL_NOUNS = r"deals?|contracts?|agreements?|pacts?|partnerships?|commitments?"
DEAL_WORD = CaseBlind(rf"\b(?:{DEAL_NOUNS})\b")
COMPUTE_CUE = CaseBlind(
    r"\b(?:capex|capital\s+(?:expenditures?|spending|investments?|projects|outlays?|budgets?|plans?)|"
    r"data[- ]?cent(?:er|re)s?|infrastructure|computing|compute|supercomputers?|clusters?|"
    r"servers?|chips?|GPUs?|graphics\s+processors|accelerators|training\s+(?:runs?|costs?|compute)|"
    r"to\s+train|trained|training|campus(?:es)?|gigafactor(?:y|ies)|AI\s+factor(?:y|ies)|"
    r"build[- ]?out|cloud\s+(?:capacity|services|contract|computing|regions?)|capacity|(?<!office\s)(?<!retail\s)(?<!manufacturing\s)facilit(?:y|ies)|"
    r"power\s+plants?|purchases\s+of|(?:chip|GPU|hardware|server|Nvidia)\s+purchases|"
    r"AI\s+(?:spending|investments?|capex)|"
    r"(?:build|train|develop)\w*\s+(?:a|an|its|the|their|our)\s+(?:[\w“”\"'’-]+\s+){0,3}?(?:models?|LLMs?|AI\s+systems?)\b|"
    r"cost\w*\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|more\s+than\s+|some\s+)?\S+(?:\s+(?:million|billion))?\s+to\s+(?:build|train|develop|construct)\b|"
    r"(?:spend\w*|invest\w*|mobili[sz]\w*|pour\w*|put|puts|putting)\s+(?:\S+\s+){0,4}?(?:on|in|for|into)\s+(?:AI|artificial\s+intelligence)\b(?!\s+(?:start-?ups|companies|firms)))"
)
SPEND_WORD = CaseBlind(
    r"\b(?:spend\w*|spent|invest\w*|deploy\w*|commit\w*|pour\w*|pump\w*|allocat\w*|earmark\w*|"
    r"mobili[sz]\w*|unlock\w*|capex|outlays?|budget\w*|costs?|costing|pledg\w*|promis\w*|vow\w*|"
    r"plow\w*|plough\w*|contracts?|agreements?|deals?|purchas\w*|buy\w*|bought|guidance|forecast|outlook)\b"
)
# Spending words that are about spending whatever the sentence's other words are.
PLAIN_SPEND_WORD = CaseBlind(
    r"\b(?:spend\w*|spent|invest\w*|deploy\w*|capex|outlays?|pour\w*|allocat\w*|earmark\w*|contracts?|agreements?|"
    r"deals?|purchas\w*|buy\w*|bought)\b")
# Auxiliaries that put what follows them in the future.
MODAL = CaseBlind(
    r"\b(?:will|would|'ll|’ll|shall|should|plans?\s+to|intends?\s+to|expects?\s+to|expected\s+to|aims?\s+to|"
    r"set\s+to|going\s+to|due\s+to|to\s+be\s+\w+ed)\b")
# Dates counted from the story's own events rather than from publication: "a day earlier".
RELATIVE_TO_STORY = CaseBlind(r"\b(?:earlier|later|before|after|ago)\b")
# Words before an amount that make it something other than compute spending.
NOT_SPENDING_BEFORE = CaseBlind(
    r"\b(?:valu(?:ed|ing|ation)|market\s+(?:value|cap\w*)|revenues?|sales|sold|income|"
    r"profits?|earnings|ebitda|funding|round|stake|fined?|fines|penalty|(?<!capital\s)expenses|borrow\w*|"
    r"(?:now|currently|(?:which|who|it|company|firm|start-?up|group|business)\s+(?:is|was))\s+(?:\w+\s+)?worth|"
    r"short\s+selling|turnover|trading\s+volume|"
    r"settle\w*|damages|salar(?:y|ies)|pay(?:ing)?\s+package|compensation|bonus|sells?\s+for|"
    r"priced\s+at|price\s+(?:of|tag)|lists?\s+(?:at|for)|retails?\s+(?:at|for)|(?<!told\s)(?<!tells\s)(?<!telling\s)(?<!briefed\s)analysts?|consensus|Wall\s+Street(?!\s+Journal)|expected\s+by|lost|losses|wiped|"
    r"erased|shed|acquir\w*|acquisition|buy(?:ing)?\s+(?:out|back)|buyback|merger|takeover|"
    r"dividend|loans?|bonds?|secured|assets|manages|managing|grants?|subsid\w*|tax\w*|tariffs?|"
    r"backlog|bookings|reserves|lawsuit|refund|(?:net\s+)?loss|gain|write-?down|impairment|charge|"
    r"(?:free\s+|operating\s+)?cash\s+flow|remaining\s+performance\s+obligations|RPO|impl(?:y|ies|ied|ying)|"
    r"inventor(?:y|ies)|attract\w*)\b"
    r"|\brais(?:e|es|ed|ing)\s+(?!(?:\w+\s+){0,2}?(?:spending|capex|capital|investments?|budgets?|forecasts?|outlook|"
    r"guidance|expenditures?)\b)(?:\w+\s+){0,2}$"
    r"|\b(?:enough\s+to\s+buy|the\s+price\s+of|the\s+cost\s+of\s+(?:a|an|one))\s+(?:\w+\s+){0,3}$"
    r"|\b(?:company|startup|start-up|firm|stake|shares?|it|which)\s+(?:is|was|are|were|now|now\s+is)?\s*worth\s+(?:\w+\s+)?$"
    r"|\bin\s+which\s+(?:\w+\s+){0,3}invest\w*\s+(?:\w+\s+)?$"
    r"|\b(?:according\s+to|per)\s+(?:\w+\s+){0,3}(?:estimates?|data|figures|analysis|research|projections?|forecasts?)\b"
    r"|\bestimates?\s+compiled"
    r"|\bestimat\w*\s+that\b|\blicens\w*|\bvalues?\s+(?:\w+\s+){0,3}?at\b|\b(?:we|they|analysts?|it)\s+(?:now\s+)?see\s+(?:\w+\s+)?$"
)
NOT_SPENDING_AFTER = CaseBlind(
    r"^(?:\s*(?:-|–)?\s*(?:a|an|per|each|apiece|/)\s+(?:[\w-]+\s+)?(?:share|unit|GPU|chip|hour|token|"
    r"month|user|piece|server|card|seat|subscriber|person|employee|gigawatt|megawatt)s?\b"
    r"|\s*apiece|\s*each\b|\s+(?:in\s+)?(?:market\s+(?:value|cap\w*)|revenues?|sales|valuation|"
    r"funding|round|stake|assets|annual\s+revenue|profits?|fines?|equity\b|of\s+equity|"
    r"of\s+debt|in\s+debt|loans?|bonds?|worth\s+of\s+(?:[\w-]+\s+){0,2}?(?:stock|shares|inventory)|of\s+(?:stock|shares))"
    r"|\s+(?:in\s+)?(?:(?:additional|restructuring|one-time|non-cash|impairment|severance|legal|pre-?tax|after-?tax)\s+)?(?:charges?|expenses|write-?downs|impairments|severance|gains?|losses)\b"
    r"|\s+(?:funding|financing)\s+round|\s+(?:[\w'’.-]+\s+){0,2}?(?:raised|borrowed)\b|\s+(?:equity|debt)\s+(?:stake|investment|round|raise)"
    r"|\s+(?:[\w'’-]+\s+){0,2}?(?:valuation|market\s+value|IPO|initial\s+public\s+offering|acquisition|"
    r"buyout|takeover|fine|penalty|settlement|opportunit(?:y|ies)|market|industry|question|economy|"
    r"funding|round|stake|revenue|sales|backlog|bookings|remaining\s+performance\s+obligations|RPO|"
    r"(?:free\s+|operating\s+)?cash\s+flow|GDP|gross\s+domestic\s+product|mark|milestone|threshold)\b"
    r"|\s+(?:more|less|higher|lower)\s+than\s+(?:it|they|the\s+company|previously|expected|forecast|planned|analysts|"
    r"a\s+year|last\s+year|the\s+previous|its\s+(?:previous|prior|earlier))\b"  # "$10 billion more than it projected"
    r"|\s+(?:[\w-]+\s+){0,2}?with\s+(?:\w+\s+){0,3}?(?:customers?|clients?)\b"
    r"|\s+(?:in|into|on)\s+(?:[\w-]+\s+){0,2}?(?:talent|hiring|recruit\w*|researchers|engineers|salar(?:y|ies))\b"  # people, not compute
    r"|\s+(?:[\w-]+\s+){0,5}?(?:to\s+)?licens\w*"
    r"|\s+of\s+(?:\w+\s+)?investments?\s+in\s+(?:the\s+)?(?:US|U\.S\.|United\s+States|America|Britain|UK|Europe|"
    r"the\s+country|the\s+kingdom)\b)")
UNIT_AFTER = CaseBlind(r"^\s*(?:[\w-]+\s+)?(?:server|system|chip|GPU|card|board|machine|workstation|computer|device|rack|box|appliance|subscription)\b")
SPENDING_NOUN_AFTER = CaseBlind(
    r"^\s*(?:full-year\s+|fiscal\s+)?(?:capital\s+(?:expenditures?|spending|investments?)|capex|spending|budget|"
    r"investments?|outlays?|guidance|forecast)\b")
# Every amount of money names its currency: a sign or a currency word (`CURRENCY_MARKS`,
# tested with `in`), or a word that is a currency only on its own ("euro", not "Europe";
# "franc", not "Francisco"). Searched in lower-cased text.
CURRENCY_MARKS = ("$", "€", "£", "¥", "₹", "₩", "dollar", "sterling", "yuan", "renminbi", "rupee", "crore", "lakh", "riyal",
                  "dirham")
CURRENCY_WORD = compiled(  # a code may touch its figure: "RMB76.8bn"
    rf"\b(?:euros?|pounds?|francs?|yen|won)\b|\b(?:{'|'.join(CURRENCY_CODES)})(?:\b|(?=\d))"
)
# Every count has a digit or a number word (`COUNT_WORD`, searched in lower-cased text
# that has one of `COUNT_WORD_PARTS`).
DIGIT = compiled(r"\d")
COUNT_WORD_PARTS = ("hundred", "tens", "thousand", "several", "few", "half", "one", "million")
COUNT_WORD = compiled(r"\b(?:hundreds|tens|thousands|several|a\s+few|half\s+a|a\s+hundred|one|million)\b")
STAKE_IN_DESCRIBED = CaseBlind(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:in|into)\s+(?:(?:the|its|a|an)\s+(?:[\w-]+\s+)?(?:lab|laboratory|start-?up|company|firm|developer|maker|rival)\b"
    r"|(?:[\w-]+\s+){0,2}(?:labs|start-?ups|companies|firms|developers)\b)")  # "into British AI start-ups"
# Companies that sell chips and servers: named with a count, they are the seller unless
# nobody else is.
SELLERS = frozenset({"Nvidia", "AMD", "Intel", "Broadcom", "Qualcomm", "Arm", "TSMC", "Supermicro", "Dell", "HPE",
                     "Cerebras", "Groq", "Samsung", "SK Hynix", "Micron", "Foxconn"})
SUPPLY_TO = compiled(r"\b(?:supply|supplies|supplied|sell|sells|sold|ship|ships|shipped|deliver|delivers|delivered|provide|provides|provided)\s+$")
PURCHASE = CaseBlind(r"\b(?:buy\w*|bought|purchas\w*|rent\w*|leas\w*|contract\w*|order\w*)\b")
# Totals across many parties are no one's spending: "taken together", "a tally that combines".
POOLED = CaseBlind(
    r"\b(?:taken\s+together|combined|collectively|all\s+told|altogether|in\s+aggregate|between\s+them|and\s+(?:its|their)\s+partners|"
    r"tall(?:y|ied)|lumps?\s+together|(?:wave|raft|slew|flurry|string|spate|series|trio|pair|handful|batch)\s+of\s+(?:investments|pledges|commitments|deals|contracts|agreements|projects|announcements)|global|worldwide|industry-wide|sector-wide|across\s+the\s+industry|"
    r"many\s+(?:parties|investors|companies|firms|players|backers)|together(?!\s+with)|add(?:ed|s)?\s+up\s+to|"
    r"(?:commitments|pledges|investments?|spending|projects)\s+(?:\w+\s+){0,2}(?:from|by|of)\s+(?:\w+\s+){0,2}(?:companies|firms|investors|groups)|"
    r"(?:companies|firms|groups|investors)\s+(?:have\s+|had\s+)?(?:committed|pledged|announced|promised)|"
    r"(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w.-]+\s+){0,2}(?:pledges|companies|firms|groups|"
    r"hyperscalers|giants|providers|investors|countries|spenders|buyers|builders|players))\b"
)
# The same for counts of chips, without the cues that name many parties ("ten companies will
# supply 18,693 GPUs" names the suppliers, not the buyers).
POOLED_COUNT = CaseBlind(
    r"\b(?:taken\s+together|combined|collectively|all\s+told|altogether|in\s+aggregate|between\s+them|"
    r"and\s+(?:its|their)\s+partners)\b"
)
# A deal that fell through is no event.
COLLAPSED = CaseBlind(r"\b(?:fell\s+(?:apart|through)|collapsed|scrapped|cancel(?:l)?ed|abandoned|called\s+off|walked\s+away|shelved)\b")
# An amount compared with another: "up from $39bn", "compared with the roughly $25bn".
COMPARISON_BEFORE = CaseBlind(
    r"\b(?:(?:up|down|rising|falling|increase|decrease|raised|lifted|cut|lowered)\s+)?(?:from|compar(?:ed|es|ing)\s+(?:with|to)|versus|vs\.?|against)"
    r"\s+(?:(?:the|an?|its|our|their)\s+)?(?:(?:earlier|previous|prior|initial|original)\s+)?(?:(?:estimate|forecast|guidance|plan|target|outlook|range|projection|view|run[- ]rate|pace)\s+of\s+)?"
    r"(?:roughly|about|around|some|nearly|approximately|almost)?\s*$"
)
CONVERSION_GAP = CaseBlind(r"^\s*+(?:\(|,\s*or|\bor\b)\s*+(?:about|around|roughly|some|approximately|nearly|almost|~)?\s*+$")
ANAPHORIC_AMOUNT = CaseBlind(r"\b(?:the|that|this|those|these)\s+$")

FUTURE_CUE = CaseBlind(
    r"\b(?:(?:will|would|'ll|’ll|shall)\s+have\s+\w+(?:ed|en|t)|will|would|'ll|’ll|shall|plans?|planning|planned|intends?|intending|expects?|expected|"
    r"expecting|aims?|aiming|set\s+to|is\s+to|are\s+to|on\s+track|due|going\s+to|seeks?|seeking|"
    r"looking\s+to|forecasts?|forecasting|projected|projecting|projects\s+(?:\w+\s+)?to|guid(?:ance|ed|es)|"
    r"outlook|budget(?:ed|s)?|pledg\w*|promis\w*|commit\w*|earmark\w*|target\w*|proposed?|goal|ambition|"
    r"announc\w*|unveil\w*|launch\w*|could|(?-i:may)|might|intention|to\s+(?:spend|invest|build|buy|"
    r"acquire|deploy|mobili[sz]e|unlock|bring|add|install|purchase|double|raise|reach|have|supply|take)|"
    r"to\s+be\s+\w+|building|constructing|developing|preparing|ordered|on\s+order|approv\w*|outlay|"
    r"(?:is|are)\s+(?:\w+ly\s+)?(?:buying|purchasing|ordering|acquiring|installing|adding|starting\s+with)|deploying|"
    r"calls?\s+for|calling\s+for|"
    r"contracts?|deals?|agreements?|pacts?|(?<!finance\s)leases?|commitments?|agree\w*\s+to|"
    r"over\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:\w+\s+)?years)\b")
PAST_CUE = CaseBlind(  # not a participle after "be": "will be built" is to come
    r"\b(?<!\bbe\s)(?<!\bto\sbe\s)(?:spent|invested|poured|pumped|was|were|had|totall?ed|came\s+to|comes\s+to|reached|paid|"
    r"bought|purchased|acquired|deployed|installed|built(?!\s+(?:on|with|around|from|for|to)\b)|completed|finished|used|trained|consumed|"
    r"required|ran|has|have|runs|operates|owns|contracted|rented|took|went|came\s+online|up\s+and\s+running|"
    r"currently|already|trains|brought|running|operational|online|in\s+operation|live|"
    r"(?<!\ba\s)(?<!the\s)(?<!total\s)(?<!would\s)(?<!will\s)(?<!\bto\s)(?<!could\s)(?<!might\s)cost(?!\s+of\b))\b"
)
PAST_COMMITMENT = CaseBlind(r"\b(?:pledged|committed|promised|agreed|signed|struck|earmarked|allocated|announced|unveiled|launched)\b")

RELEASE_VERB = CaseBlind(
    r"\b(?:releas(?:ed|ing)|(?<!major\s)(?<!its\s)(?<!their\s)(?<!the\s)(?<!new\s)(?<!of\s)(?<!recent\s)(?<!press\s)(?<!product\s)releases(?!\s+(?:of|from|like|such|including)\b)|unveil(?:ed|s|ing)|launch(?:ed|es|ing)|introduc(?:ed|es|ing)|"
    r"debut(?:ed|s|ing)|roll(?:ed|s|ing)\s+out|ship(?:ped|s|ping)|announc(?:ed|es|ing)|"
    r"came\s+out|comes\s+out|arriv(?:ed|es|ing)|put(?:s|ting)?\s+out|unleash(?:ed|es)|"
    r"show(?:ed|s)\s+off|open-sourc(?:ed|es)|made\s+available|be\s+out|publish(?:ed|es)|"
    r"followed(?:\s+up)?(?:\s+with)?|preview(?:ed|s)|went\s+live|goes\s+live|opened(?:\s+up)?|"
    r"appeared|described(?!\s+as)|detailed|demonstrated|showcased|came(?=\s+[A-Z\w])|"
    r"(?:began|begun|begins|started|starts)\s+(?:selling|offering)|(?:sells|sold|offers|offered)\s+access\s+to|"
    r"made(?=\s+(?:[\w.-]+\s+){0,5}available)|"
    r"(?:answered|countered|responded|hit\s+back)\s+(?:\w+\s+){0,3}?with|"
    r"(?:built|developed|created|trained|unveiled|released|launched|introduced|announced|unveils|launches)\s+"
    r"(?:a|an|its|the)\s+(?:[\w-]+\s+){0,3}?(?:model|system|LLM)\s+(?:called|named|dubbed|known\s+as)|"
    r"(?:will|would|'ll|’ll|should|could|(?-i:may)|might|to|and)\s+(?:\w+\s+)?(?:release|unveil|launch|introduce|debut|"
    r"roll\s+out|ship|announce|come\s+out|arrive|put\s+out|unleash|show\s+off|open-source|"
    r"follow(?:\s+up)?(?:\s+with)?|preview|go\s+live))\b")
RELEASE_NOUN_AFTER = CaseBlind(  # "GPT-4o, whose release", "DeepSeek's V4 release"
    r"^[\s,]*(?:(?:[\w,]+\s+){0,3}?(?:whose|its|['’]s)\s+)?(?:release|launch|debut|unveiling|rollout|arrival)\b")
RELEASE_NOUN_BEFORE = CaseBlind(r"\b(?:release|launch|debut|unveiling|rollout|arrival)\s+of\s+(?:the\s+|its\s+)?(?:\w+\s+)?$")
DEVELOPMENT_BEFORE = CaseBlind(
    r"\b(?:(?:is|are|was|were|'s|been|now|currently|still|already|began|begun|started|start|starts)\s+(?:\w+\s+)?training|"
    r"work(?:ing|s)?\s+on|developing|building|preparing|testing)\s+(?:\w+\s+){0,2}?$")
DEVELOPMENT_AFTER = CaseBlind(
    r"^[^;.]{0,60}?\b(?:(?:is|are|remains?)\s+(?:still\s+)?(?:in\s+(?:training|development|testing|preview)|being\s+(?:trained|developed|built|tested)|under\s+development))")
MODAL_BEFORE = CaseBlind(
    r"\b(?:will|would|'ll|’ll|should|shall|could|(?-i:may)|might|plans?\s+to|planning\s+to|intends?\s+to|"
    r"expected\s+to|expects\s+to|set\s+to|is\s+to|due\s+to|going\s+to|aims?\s+to|hopes?\s+to|"
    r"ready\s+to|preparing\s+to|about\s+to)\s+(?:\w+\s+){0,2}?$")
MAYBE_NAMED_MODEL = compiled(r"\b(?:models?|LLM)\b")
PRODUCT_NOUN = CaseBlind(
    r"^\s+(?:features?|app|apps|chatbot|assistant|users|subscribers|subscriptions?|integration|API|team|"
    r"brand|products?|platform|ecosystem|models|family)\b")
# An unnamed family's model named by the article: "Its BLOOM model", "the Turing-NLG language model"
NAMED_MODEL = compiled(
    r"\b(?:its|their|the|a|new|latest)\s+(?P<name>[A-Z](?:[a-z]*+[A-Z][A-Za-z]*+(?:\d[\w.]*+|-[A-Z0-9][\w.]*+)*+"
    r"|[a-z]*+(?:\d[\w.]*+|-[A-Z0-9][\w.]*+)++))"
    r"\s+(?:[\w-]+\s+)?(?:model|models|LLM|language\s+model)\b"
    r"|(?<![\w-])(?P<name2>[A-Z][\w.-]*\d[\w.-]*+(?:\s+[A-Z][a-z]+)?),\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,4}?(?:model|LLM)\b"
)
ATTRIBUTION = CaseBlind(
    r"\b(?:said|says|say|announced|announces|announcing|wrote|writes|told|tells|posted|disclosed|revealed|"
    r"confirmed|stated|added|asked|unveiled|unveil|unveiling|declared)\b"
)
PERFECT_ATTRIBUTION = CaseBlind(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:said|announced|written|told|disclosed)\b")
# The day of a report, not of what it reports: "reported on Wednesday", "Published Nov. 1".
REPORTED = CaseBlind(r"\b(?:reported|reports|report|according\s+to\s+\w+)\s+(?:\w+\s+){0,2}$|\b(?:published|updated|posted)[:\s]\s*(?:on\s+)?$")
# The day of a founding: "a start-up founded last year", "set up in 2021".
FOUNDED = CaseBlind(r"\b(?:founded|established|set\s+up|formed|incorporated|spun\s+out)\s+(?:\w+\s+){0,2}$")
# Pronouns and descriptions that stand for an organization already named.
PRONOUN_SUBJECT = CaseBlind(
    r"^(?:[^,]{0,40},\s+)?(?:it|its|he|she|they|their|we|our|(?:the|those|these|this|that|such)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:company|firm|group|start-?up|business|giant|maker|lab|partnership|venture|partners|"
    r"chipmaker|conglomerate|provider|developer|operator|corporation|platform|organi[sz]ation|"
    r"unit|division|subsidiary|team|project|initiative|fund|consortium|alliance|carrier|retailer|"
    r"agreements?|deals?|contracts?|pacts?|plans?|commitments?|announcements?|investments?|expansions?|build-?outs?|"
    r"orders?|purchases?|government|ministry|kingdom|country))\b")
DEFINITE_DESCRIPTION = CaseBlind(r"\bthe\s+(partnership|venture|fund|project|initiative|consortium|alliance|joint\s+venture|government|ministry|kingdom|country)\b")
RELATIVE_START = CaseBlind(
    r"^(?:which|who|that|whose|(?:a|an|the)\s+(?:[\w'’-]+\s+){0,6}?(?:that|which|who|whose|they|it)\b|"
    r"(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:company|venture|firm|fund|initiative|partnership|project|"
    r"startup|start-up|group|consortium|programme|program|plan))")
# "Tesla's Nvidia purchases", "Meta's capital expenditures": whose spending it is.
OWNER_OF_SPENDING = CaseBlind(  # in common nouns: "Saudi Arabia's Public Investment Fund" names a fund
    r"^(?:['’]s?)?\s+(?-i:(?:(?!(?:to|in|into|for|from|with|of|by|on|at|as|than)\s)[a-z0-9][\w-]*\s+){0,2}?(?:purchases|capex|capital\s+(?:expenditures?|spending)|spending|"
    r"investments?|budget|outlays?|data\s+cent(?:er|re)s?|clusters?|supercomputers?|fleet|chip\s+orders?|plans?|"
    r"pledges?|commitments?))\b")
# A chipmaker named before what is bought from it: "Tesla's Nvidia purchases".
VENDOR_MODIFIER = CaseBlind(r"^(?:['’]s)?\s+(?:(?:newest|latest|new|newer|top|most\s+advanced|advanced|next-generation|flagship|older)\s+)?(?:purchases|chips|GPUs|hardware|servers|orders|processors|accelerators|systems|"
                            r"networking|InfiniBand|NVLink|Spectrum-X|switches|interconnects?|software|CUDA)\b")
