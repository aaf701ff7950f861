"""Organizations an article names only by what they do.

News introduces a new company every week without a table to look it up in: "Vireo Labs
said on Tuesday it would spend $1.2 billion", "Quantum Leap Cloud has installed 8,000
H200 GPUs", "Orbital Minds unveiled Halcyon-2". A capitalized name that is the subject of
a verb of saying, spending, buying, building, training or releasing is taken for an
organization unless it is a person's name ("Jensen Huang said": a given name, a title
before it, a role after it), a word that merely opens a sentence ("Analysts said"), or a
name the tables already know as something else (a model, a chip).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import compiled

# Words that end only an organization's name ("Vireo Labs", "Northwind Compute").
ORG_ENDINGS = frozenset(
    """Labs Lab AI Cloud Compute Computing Group Holdings Technologies Technology Tech Systems Networks Capital
    Partners Ventures Robotics Semiconductor Semiconductors Data Dynamics Intelligence Research Digital Energy
    Industries Corporation Corp Inc Ltd LLC plc PLC GmbH AG SA Co Infrastructure Telecom Communications Platforms
    Software Solutions Analytics Motors Electronics Power Fund Foundation Institute Mission Initiative Consortium
    Alliance Authority Ministry Agency Bank University Datacenters Hyperscale Microsystems Devices Instruments
    Interactive Media Mobile Services Sciences Technologies Works Computers Supercomputing""".split())
# Words that end the name of a newspaper or news service.
PRODUCT_ENDINGS = frozenset("Cloud Platform Service Services Model Assistant App Chip Cluster Supercomputer Factory "
                             "Center Centre Campus Park Hub Region Zone".split())
NEWS_ENDINGS = frozenset("Times Journal Post News Herald Tribune Gazette Daily Magazine Review Reuters Bloomberg "
                         "Insider Wire Press Telegraph Guardian Economist Observer Chronicle Register Week".split())
# Capitalized words that open sentences without naming anyone.
SENTENCE_OPENERS = frozenset(
    """The A An It In On At But And Its This That These Those There Here He She They We I You Our Their His Her
    What Why How When Where Who Which While After Before Since Until Although Though If As For From With Without
    Under Over Into By To Of Both Other Some Many Most All Several Each Such Last Next Earlier Later Meanwhile
    However Separately Still Overall Together Also Then Now Today Yesterday Tomorrow Instead Indeed Finally First
    Second Third One Two Three Four Five Six Seven Eight Nine Ten Hundreds Thousands Millions Billions According
    Asked Speaking Including Like Unlike Despite Given Among During Neither Either Shares Analysts Investors
    Executives Officials Sources Critics Researchers Companies Startups Experts Demand Spending Capex Revenue
    Sales Profit Prices Costs Plans Data Chips Chip Lawmakers Regulators Governments Customers Users People
    Employees Workers Engineers Developers Scientists Investment Investments Big Tech Mr Ms Mrs Dr Chief President
    Minister CEO CFO Reporting Additional Editing Writing Read More See Photo Image Source Sign Subscribe Click
    Related Updated Published January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Q1 Q2 Q3 Q4 AI GPU GPUs US U.S. UK EU""".split())
# Words of a role that make the name beside them a person's ("Jane Doe, chief executive of").
_ROLE = (r"(?:chief|CEO|CFO|CTO|COO|founder|co-founder|cofounder|president|chair(?:man|woman)?|head|director|"
         r"executive|analyst|spokes(?:man|woman|person)|professor|minister|secretary|senator|governor|mayor|"
         r"partner|manager|officer|vice|general\s+manager|lead|researcher|engineer|economist|strategist)")
_TITLE_BEFORE = compiled(rf"\b{_ROLE}\w*\s+(?:[\w&'’.-]+\s+){{0,4}}$", re.IGNORECASE)
_ROLE_AFTER = compiled(rf"^,?\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+|[A-Z][\w&.-]*['’]s\s+)?(?:[\w-]+\s+){{0,2}}{_ROLE}\b",
                       re.IGNORECASE)
# A run of name words: capitalized words (also "xAI", "G42"), joined by "&" or "of".
_NAME_RUN = compiled(
    r"(?<![\w&'’.-])(?:[A-Z][\w&'’-]{0,40}|[a-z]{1,3}[A-Z][\w-]{0,40})(?:\.(?:[A-Za-z]{1,3}))?"
    r"(?:\s+(?:[A-Z][\w&'’-]{0,40}(?:\.[A-Za-z]{1,3})?|&|of(?=\s+[A-Z])|de(?=\s+[A-Z])|[0-9]{1,4}(?=\s+[A-Z]))){0,5}")
# Verbs only people and organizations do: saying, deciding, spending, buying, releasing ...
AGENT_VERBS = (
    r"said|says|told|announced|announces|unveiled|unveils|launched|launches|released|releases|introduced|"
    r"introduces|debuted|debuts|publishes|open-sourced|open-sources|rolled\s+out|rolls\s+out|plans|planned|"
    r"expects|intends|intended|aims|aimed|spent|spends|invested|invests|bought|buys|purchased|purchases|ordered|"
    r"orders|deployed|deploys|installed|installs|signed|signs|agreed|agrees|committed|commits|pledged|pledges|"
    r"trained|trains|built|builds|opened|opens|operates|owns|secured|secures|struck|inked|began|begins|"
    r"started|starts|completed|doubled|expanded|expands|broke\s+ground|leased|leases|rented|rents|tapped|taps|"
    r"selected|chose|developed|develops|revealed|reveals|disclosed|discloses|confirmed|confirms|posted|wrote|"
    r"raised|filed|named|hired|partnered|teamed\s+up|joined|won")  # not "reported": a newspaper reports
# ... and the same after an auxiliary: "has installed", "will spend", "is building", "plans to build".
_AUXILIARY = r"(?:will|would|has|have|had|is|are|was|were|can|could|may|might|also|now|recently|previously|already|just|then|still)"
# Stems, so that every form reads: "release" would miss "releasing", "use" would match "usually"
_ACTING = (r"(?:(?:spend|invest|buy|purchas|order|deploy|install|sign|agre|commit|pledg|train|build|open|operat|"
           r"own|secur|begin|start|complet|doubl|expand|leas|rent|develop|releas|launch|unveil|introduc|"
           r"debut|publish|roll|mak|add|bring|run|offer|announc|reveal|disclos|confirm|rais)\w*(?:\s+out)?"
           r"|us(?:e|es|ed|ing))")
# Between a name and its verb may stand a time ("Orbital Minds on Tuesday released") or an
# aside ("Granite Peak, which operates data centers in Texas, said").
_BETWEEN = (r"(?:\s+(?:on|last|this|earlier|later|in)\s+[\w-]+(?:\s+\d{1,2})?(?:,\s*\d{4})?|"
            r",\s+(?:which|who|that|a|an|the|its|one|based|headquartered|founded|backed)\b[^,;]{1,120},)?")
_VERB_AFTER = compiled(rf"{_BETWEEN}\s+(?:\w+ly\s+|each\s+|both\s+|now\s+|also\s+|still\s+|again\s+)?(?:(?:{AGENT_VERBS})\b"
                       rf"|{_AUXILIARY}\s+(?:\w+ly\s+|not\s+|been\s+|each\s+|both\s+|jointly\s+)?{_ACTING}\b"
                       rf"|(?:plans|intends|aims|expects|wants|agreed|is\s+set|is\s+poised|is\s+preparing)\s+to\s+\w+"
                       rf"|(?:has|have|had|runs|operates|uses|now\s+has)\s+(?:about|roughly|some|nearly|around|more\s+than|over)?\s*\d)")
# "Vireo's chief executive said": the possessor of a role is an organization.
_VERB_WORD = compiled(rf"(?<=\s)(?:{AGENT_VERBS})(?=\s|$)", re.IGNORECASE)
_ROLE_OF = compiled(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{_ROLE}\b", re.IGNORECASE)
_ROLE_WORD = compiled(rf"^{_ROLE}$", re.IGNORECASE)
_VERB_AFTER_ANY_CASE = compiled(_VERB_AFTER.pattern, re.IGNORECASE)  # a Title Case headline
# A name shaped like a model's or a product's ("GPT-3", "MPT-7B", "Grok 3"): no company's.
_MODEL_SHAPED = compiled(r"^[A-Za-z][\w.]*[- ]\d|\d+(?:\.\d+)?[BMK]?$")
# Where a clause can start: the sentence's start, past a leading phrase ("On Tuesday, "), a
# dateline ("SAN FRANCISCO (Reuters) - "), "that" or "and" before a new subject.
_CAPITAL = compiled(r"[A-Z]")
_CLAUSE_START = compiled(r"^|,\s+|;\s+|:\s+|\s[-–—]\s+|—|\)\s+|\b(?:that|and|but|while|as|when|after|because)\s+")
_AND_NAME = compiled(r"\s+(?:and|&)\s+(?P<name>[A-Z][\w&'’-]{0,40}(?:\s+[A-Z][\w&'’-]{0,40}){0,3})")
_WE_AT = compiled(r"\bwe\s+at\s+(?P<name>[A-Z][\w&'’-]{0,40}(?:\s+[A-Z][\w&'’-]{0,40}){0,3})"
                  r"|^At\s+(?P<at>[A-Z][\w&'’-]{0,40}(?:\s+[A-Z][\w&'’-]{0,40}){0,3}),\s+(?:we|our)\b")
# A name that ends as only an organization's does, anywhere inside a sentence ("chips to
# Pinecrest Cloud"): the first word capitalized mid-sentence, so no sentence opener.
_HEADED = compiled(r"(?<=[\w,;:)]\s)(?P<name>[A-Z][\w&'’-]{1,40}(?:\s+[A-Z][\w&'’-]{0,40}){0,2}\s+"
                   r"(?:Labs|Lab|AI|Cloud|Compute|Computing|Technologies|Systems|Networks|Robotics|Semiconductor|"
                   r"Dynamics|Intelligence|Datacenters|Data\s+Centers|Supercomputing|Microsystems|Analytics))\b(?![\w-])")
# "Ravelin released Sable-Coder 1.1": who releases a model-shaped name (a digit or a hyphen in it) makes models
_RELEASES_A_MODEL = compiled(r"\s+(?:has\s+|have\s+|is\s+)?(?:released|releases|releasing|launched|launches|launching|"
                             r"unveiled|unveils|introduced|introduces|open-sourced|debuted|shipped)\s+(?:its\s+|the\s+|a\s+)?"
                             r"(?:new\s+|latest\s+)?[A-Z][\w.]*(?:-[\w.]+|\s\d[\w.]*|\d[\w.]*)")
_LISTED_AFTER_OF = compiled(r"\b(?:of|for|from|with|to|by)\s+[A-Z][\w&'’.-]*(?:,\s+[A-Z][\w&'’.-]*)*(?:,\s+|,?\s+(?:and|&)\s+)$")
_CAPITALIZED_BEFORE = compiled(r"(?<![\w'’-])[A-Z][\w&'’-]*\s$")
# Where an organization shows itself in a single word: "at X", "X's shares".
_ORG_CONTEXT = compiled(
    r"\b(?:at|by|from|with|for|of)\s+(?P<after>[A-Z][\w&'’-]{1,40})\b(?!\s+[A-Z])"
    r"|\b(?P<owner>[A-Z][\w&'’-]{1,40})['’]s\s+(?:[\w-]+\s+)?"
    r"(?:shares|stock|revenue|business|data\s+cent(?:er|re)s?|cluster|servers|engineers|researchers|"
    r"employees|customers|investors|board|headquarters|platform|models?|chips|capex|spending|plans?|"
    r"valuation|funding|deal|partnership|cloud)\b")


@dataclass(frozen=True)
class PersonNames:
    """Given names, and family names written first ("Liang Wenfeng"), that tell a person
    from an organization."""
    given: frozenset[str] = field(default_factory=frozenset)
    family_first: frozenset[str] = field(default_factory=frozenset)

    def looks_like_person(self, words: list[str]) -> bool:
        if len(words) < 2 or len(words) > 4:
            return False
        if words[-1] in ORG_ENDINGS:
            return False
        return words[0] in self.given or (len(words) == 2 and words[0] in self.family_first)


def discover_agents(text: str, spans: list[tuple[int, int]], known: set[str], people: PersonNames,
                    person_words: set[str]) -> dict[str, str]:
    """Organizations the article names as the subject of an acting verb and that no table
    knows, alias to name. `known` are names the tables already know, lower-cased
    (organizations, people, models, chips), `person_words` the words of people's names."""
    found: dict[str, str] = {}
    proper = _proper_nouns(text, spans)
    proper_in_context = {m.group("after") or m.group("owner") for m in _ORG_CONTEXT.finditer(text)} & proper
    person_words = person_words | _people_named(text, spans, people)
    known = known | _things_named(text)
    for number, (start, end) in enumerate(spans):
        if not _CAPITAL.search(text, start, end):
            continue  # every name sought here is written with a capital
        sentence = text[start:end]
        headline = number == 0
        for clause in _CLAUSE_START.finditer(sentence):
            run = _NAME_RUN.match(sentence, clause.end())
            if run is None:
                continue
            if _LISTED_AFTER_OF.search(sentence, max(0, clause.start() - 80), clause.end()):
                continue  # "The parent of Facebook, Instagram and WhatsApp now expects": the parent acts
            if headline:  # a Title Case headline runs name and verb together: "Yandex Publishes YaLM 100B"
                verb = _VERB_WORD.search(run.group())
                if verb and verb.start() > 0:
                    run = _NAME_RUN.match(sentence[:run.start() + verb.start()].rstrip(), clause.end())
            words = run.group().split()
            role = next((i for i, word in enumerate(words) if _ROLE_WORD.match(word)), None)
            if role is not None:  # "Vireo Labs CEO Jane Doe said": the organization before the role
                name = _usable(" ".join(words[:role]), known) if role else None
                if name is not None and not people.looks_like_person(name.split()) and _VERB_AFTER.match(sentence, run.end()):
                    found.setdefault(name, name)
                continue
            if words[-1].endswith(("'s", "’s")) and _ROLE_OF.match(sentence, run.end() - 2):
                name = _usable(re.sub(r"['’]s$", "", run.group()), known)  # "Vireo's chief executive"
                if name is not None and not people.looks_like_person(name.split()) \
                        and not any(word in person_words for word in name.split()):
                    found.setdefault(name, name)
                continue
            acting = _VERB_AFTER_ANY_CASE if headline else _VERB_AFTER
            partner = _AND_NAME.match(sentence, run.end())  # "Vireo Labs and Northwind Compute will each deploy"
            if partner and acting.match(sentence, partner.end()):
                for name in (_usable(run.group(), known), _usable(partner.group("name"), known)):
                    if name is not None and _names_an_organization(name, sentence, run.start(), run.end(), people,
                                                                   person_words, proper, headline):
                        found.setdefault(name, name)
                continue
            if not acting.match(sentence, run.end()):
                continue
            name = _usable(run.group(), known)
            # a headline's subject need only be written as a name in the story too ("Yandex Publishes
            # YaLM 100B", then "Yandex Search"); in the story, where names act, it must look like one
            shown = proper if headline else proper_in_context
            releases_a_model = name is not None and bool(_RELEASES_A_MODEL.match(sentence, run.end())) \
                and not people.looks_like_person(name.split()) and not any(w in person_words for w in name.split())
            if name is None or not (releases_a_model or _names_an_organization(name, sentence, run.start(), run.end(),
                                                                                 people, person_words, shown, headline)):
                continue
            found.setdefault(name, name)
        for we_at in _WE_AT.finditer(sentence):  # "Today, we at Orbital Minds are releasing", "At X, we"
            name = _usable(we_at.group("name") or we_at.group("at"), known)
            if name is not None:
                found.setdefault(name, name)
        for headed in _HEADED.finditer(sentence):
            if _CAPITALIZED_BEFORE.search(sentence, max(0, headed.start() - 40), headed.start()):
                continue  # "Industrial AI Cloud": the name runs on before, and is no one's "AI Cloud"
            name = _usable(headed.group("name") + _more_endings(sentence, headed.end()), known)
            if name is not None and len(name.split()) > 1 and not people.looks_like_person(name.split()[:-1]):
                found.setdefault(name, name)
    return found


def _more_endings(sentence: str, end: int) -> str:
    """The words after a name's ending that end names too: "Nordic Compute Alliance",
    "Pinecrest Cloud Holdings"."""
    more = ""
    for word in _NEXT_WORD.finditer(sentence, end):
        if word.start() != end + len(more) or word.group("word") not in ORG_ENDINGS:
            break
        more += word.group()
    return more


# A centre that is an institution, not a building: "the Swiss National Supercomputing Centre"
_RESEARCH_CENTRE = compiled(r"\b(?:Supercomputing|Computing|Research)\s+Cent(?:re|er)$")
_NEXT_WORD = compiled(r"\s+(?P<word>[A-Z][\w&'’-]*)")


def _usable(name: str, known: set[str]) -> str | None:
    """The name without words that open sentences or trail it; None when nothing is left,
    the tables know it, or it holds a name they know ("Microsoft Azure", "Rival AMD")."""
    words = name.split()
    if any(re.search(r"['’]s$", word) for word in words):
        return None  # "Vireo's engineers said", "Big Tech's AI bill": the possessor is named before what acts
    while words and words[0] in SENTENCE_OPENERS:
        words = words[1:]
    while words and words[-1] in ("&", "of", "de"):
        words = words[:-1]
    name = " ".join(words)
    if len(name) < 2 or name.upper() == name and len(name) > 6:
        return None  # nothing left, or a shouted heading
    lowered = [re.sub(r"['’]s$", "", word).lower() for word in words]
    if any(" ".join(lowered[i:j]) in known for i in range(len(words)) for j in range(i + 1, len(words) + 1)):
        return None
    return name


def _names_an_organization(name: str, sentence: str, start: int, end: int, people: PersonNames,
                           person_words: set[str], proper: set[str], headline: bool) -> bool:
    words = name.split()
    if words[-1] in NEWS_ENDINGS:
        return False  # "the Financial Times said": who reports, not who spends
    if words[-1] in ORG_ENDINGS or _RESEARCH_CENTRE.search(name):
        return True
    if words[-1] in PRODUCT_ENDINGS:
        return False  # "Industrial AI Cloud will house": a product or a place acts in sentences too
    if _MODEL_SHAPED.search(name):
        return False  # "GPT-3 was", "MPT-7B is": models and products act in sentences too
    if people.looks_like_person(words) or any(word in person_words for word in words):
        return False
    if _TITLE_BEFORE.search(sentence[max(0, start - 60):start]) or _ROLE_AFTER.match(sentence[end:end + 80]):
        return False
    if len(words) > 1:
        return not headline or len(words) <= 3
    word = words[0]
    # one word: shaped like a company's name ("xAI", "G42", "DataVolt"), or a proper noun the
    # article also shows as an organization ("at Nebius", "Nebius's data centers"): `proper`
    if re.search(r"\d|[a-z][A-Z]|^[a-z]+[A-Z]", word):
        return True
    return word in proper


# Names the article gives to things: "the Research SuperCluster (RSC)", "a supercomputer called
# Andromeda", "the Colossus cluster".
_THING = (r"(?:super\s?computers?|super\s?clusters?|clusters?|systems?|machines?|models?|chips?|processors?|"
          r"accelerators?|data\s+cent(?:er|re)s?|campus(?:es)?|facilit(?:y|ies)|platforms?|products?|apps?|"
          r"assistants?|chatbots?|services?|programmes?|programs?|projects?)")
_THING_NAMED = compiled(
    rf"\b{_THING}\s+(?:called|named|dubbed|known\s+as)\s+[\"“]?(?P<called>[A-Z][\w-]{{0,40}}(?:\s+[A-Z][\w-]{{0,40}}){{0,2}})"
    r"|\b(?:the|its|their|a|an)\s+(?P<before>[A-Z][\w-]{0,40}(?:\s+[A-Z][\w-]{0,40}){0,2})\s+(?:super\s?computer|super\s?cluster|cluster)\b"
    r"|(?P<full>[A-Z][\w-]{0,40}(?:\s+[A-Z][\w-]{0,40}){1,4})\s+\((?P<acronym>[A-Z][A-Za-z0-9]{1,7})\)")


def _things_named(text: str) -> set[str]:
    """Lower-cased names the article gives to things that are no organization."""
    names = set()
    for m in _THING_NAMED.finditer(text):
        if m.group("acronym"):
            if m.group("full").split()[-1] not in ORG_ENDINGS:
                names.add(m.group("acronym").lower())
        else:
            names.add((m.group("called") or m.group("before")).lower())
    return names


def _people_named(text: str, spans: list[tuple[int, int]], people: PersonNames) -> set[str]:
    """The words of the people the article names: a given name and another word ("Andrew
    Feldman"), or a name beside a title or a role ("Union Minister Ashwini Vaishnaw")."""
    words: set[str] = set()
    for start, end in spans:
        if not _CAPITAL.search(text, start, end):
            continue
        for run in _NAME_RUN.finditer(text, start, end):
            names = run.group().split()
            for index in range(len(names) - 1):
                if names[index] in people.given or _ROLE_WORD.match(names[index]):
                    words.update(w for w in names[index + 1:index + 3] if w not in ORG_ENDINGS)
                    break
            if len(names) in (2, 3) and _ROLE_AFTER.match(text[run.end():run.end() + 80]) \
                    and names[-1] not in ORG_ENDINGS:
                words.update(names[1:])
    return {re.sub(r"['’]s$", "", word) for word in words}
_CAPITALIZED = compiled(r"(?<=[\w,;:)\"'’”]\s)[A-Z][\w&'’-]{1,40}")


def _proper_nouns(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Words the article writes capitalized inside its sentences (not at their start)."""
    found: set[str] = set()
    for start, end in spans[1:]:  # the headline may capitalize every word
        if _CAPITAL.search(text, start, end):
            found.update(m.group() for m in _CAPITALIZED.finditer(text, start, end))
    return found
