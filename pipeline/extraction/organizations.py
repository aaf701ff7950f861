"""Organization names: the alias table in `data/organizations.csv`, and names an article
introduces itself ("the Global AI Infrastructure Investment Partnership (GAIIP)",
"the Canadian asset manager Brookfield", "Acme Robotics Inc.").

`find_organizations` returns every mention of an organization, a person who speaks for
one ("Zuckerberg" is Meta) or a phrase that names one ("Facebook's parent").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .patterns import compiled

ORG, PERSON, DESCRIPTOR, GOVERNMENT = "org", "person", "descriptor", "government"

# Words that end the name of an organization rather than of a thing.
ORG_HEADS = (
    "Partnership|Partners|Fund|Group|Capital|Holdings|Corporation|Company|Ventures|Labs|Lab|"
    "Institute|Commission|Authority|Ministry|Agency|Initiative|Project|Alliance|Consortium|"
    "Technologies|Systems|Networks|Bank|Investments|Management|Industries|Energy|AI"
)
LEGAL_SUFFIX = r"(?:,?\s+(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|SA|AG|SE|NV|GmbH|Limited|Incorporated)\b\.?)"
# Nouns that introduce a name: "the Canadian asset manager Brookfield", "Nscale, a British startup".
INTRODUCERS = (
    r"asset\s+manager|investor|investment\s+firm|fund|company|firm|start-?up|developer|operator|"
    r"provider|chipmaker|chip\s+designer|lab|laboratory|group|conglomerate|giant|cloud\s+provider|"
    r"data[- ]cent(?:er|re)\s+(?:operator|developer|company)|neocloud|insurer|bank|utility"
)
# A name's first word is read to at most 60 characters: from every capital inside a longer
# run ("A-B-C-...") the pattern would otherwise read to the run's end.
_NAME = r"[A-Z][\w&'’-]{0,60}(?:\.[A-Za-z]+)?(?:\s+(?:[A-Z][\w&'’-]*|of|for|and|&)){0,4}"
_NAME_ALONE = r"[A-Z][\w&'’-]{0,60}(?:\.[A-Za-z]+)?(?:\s+(?:[A-Z][\w&'’-]*|of|for)){0,4}"  # no "and": one name, not a list
NOT_NAMES = frozenset(
    """The A An It In On At But And Its This That These Those He She They We I Our Their His Her
    Mr Ms Mrs Dr Chief President Minister Analysts Investors January February March April May June
    July August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday AI GPU GPUs CEO CFO US U.S. UK EU""".split()
)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class OrgMention:
    start: int
    end: int
    text: str
    org: str
    type: str


class OrganizationTable:
    """Aliases to canonical names, with the fiscal year each organization keeps."""

    def __init__(self, rows: list[tuple[str, str, str]], fiscal_last_month: dict[str, int] | None = None):
        self.aliases: dict[str, list[tuple[str, str]]] = {}
        for alias, org, kind in rows:
            self.aliases.setdefault(alias, []).append((org, kind))
            if alias.startswith("the "):
                capitalized = "The" + alias[3:]
                self.aliases.setdefault(capitalized, []).append((org, kind))
            if kind == PERSON and " " in alias:
                self.aliases.setdefault(alias.upper(), []).append((org, kind))  # transcripts: "SATYA NADELLA:"
        self.fiscal_last_month = fiscal_last_month or {}
        self.canonical = {org for entries in self.aliases.values() for org, _ in entries}
        self._by_first_word = _index_by_first_word(self.aliases)
        self._lower_word = _lower_case_words(self._by_first_word)
        self._lower_aliases = sorted({alias.replace("’", "'") for alias in self.aliases if alias[:1].islower()})

    def with_names(self, names: dict[str, str]) -> "OrganizationTable":
        """A table that also knows `names` (alias to canonical), e.g. names an article
        introduced. The shared table is not rebuilt: the new names get a small table of
        their own that `find` consults as well."""
        extra = [(alias, org, ORG) for alias, org in names.items() if alias not in self.aliases]
        if not extra:
            return self
        table = OrganizationTable.__new__(OrganizationTable)
        table.__dict__.update(self.__dict__)
        table.aliases = {**self.aliases, **{alias: [(org, kind)] for alias, org, kind in extra}}
        table.canonical = self.canonical | {org for _, org, _ in extra}
        table._extra = OrganizationTable(extra)
        table._extra_words = {_first_word(alias.replace("’", "'")) for alias, _, _ in extra}
        table._extra_words |= {word.replace("'", "’") for word in table._extra_words}
        return table

    _extra: "OrganizationTable | None" = None
    _extra_words: set[str] = set()  # the first words of the extra names, to skip sentences without any

    def find(self, text: str, prefer: set[str] | None = None) -> list[OrgMention]:
        """Mentions of known organizations in `text`; a person with several organizations
        resolves to one in `prefer` (those the article names) when it can."""
        mentions = self._find(text)
        if prefer:
            mentions = [self.prefer(m, prefer) for m in mentions]
        if self._extra is not None and (len(self._extra_words) > 24 or any(word in text for word in self._extra_words)):
            taken = [(m.start, m.end) for m in mentions]
            mentions += [m for m in self._extra.find(text) if not any(s < m.end and m.start < e for s, e in taken)]
            mentions.sort(key=lambda m: m.start)
        return mentions

    def prefer(self, mention: OrgMention, orgs: set[str]) -> OrgMention:
        """A person who speaks for several organizations ("Musk"), resolved to one in `orgs`."""
        if mention.type != PERSON:
            return mention
        alias = _POSSESSIVE.sub("", mention.text).replace("’", "'")
        entries = self.aliases.get(alias) or self.aliases.get(alias.replace("'", "’")) or []
        if len(entries) < 2:
            return mention
        org, kind = next(((o, k) for o, k in entries if o in orgs), entries[0])
        return OrgMention(mention.start, mention.end, mention.text, org, kind)

    def _find(self, text: str) -> list[OrgMention]:
        """Look each word up by itself, then try the aliases that start with it, longest
        first: a dictionary walk, much cheaper than one regex of every alias."""
        mentions = []
        position = 0
        folded = text.replace("’", "'")
        words = _CAPITALIZED_WORD.finditer(folded)
        if any(map(folded.__contains__, self._lower_aliases)):  # "the ChatGPT maker", "xAI"
            words = sorted([*words, *self._lower_word.finditer(folded)], key=lambda word: word.start())
        for word in words:
            start = word.start()
            if start < position:
                continue
            for alias in self._by_first_word.get(word.group(), ()):
                end = start + len(alias)
                if not folded.startswith(alias, start) or (end < len(text) and _continues_name(folded, end)):
                    continue
                suffix = _AFTER_ALIAS.match(folded, end)
                end = suffix.end() if suffix else end
                entries = self.aliases[alias] if alias in self.aliases else self.aliases[alias.replace("'", "’")]
                org, kind = entries[0]
                mentions.append(OrgMention(start, end, text[start:end], org, kind))
                position = end
                break
        return mentions


_POSSESSIVE = compiled(r"(?:,?\s+(?:Inc|Corp|Co|Ltd|LLC|plc)\.?)?['’]s$")
_WORD = compiled(r"(?<![\w.@-])[\w.&'-]+")
_AFTER_ALIAS = compiled(rf"(?:{LEGAL_SUFFIX})?(?:'s)?")


# Words that can start an alias: capitalized or numeric ones (the check for a word break
# sits after the first letter, so that `re` skips straight to capitals) ...
_CAPITALIZED_WORD = compiled(r"[A-Z0-9ÀÉÖÜ](?<![\w.@-].)[\w.&'-]*")


def _lower_case_words(index: dict[str, list[str]]) -> re.Pattern:
    """... and the few that start in lower case ("the ChatGPT maker", "xAI")."""
    lower = sorted({key for key in index if key[:1].islower()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in lower)
    return compiled(rf"(?<![\w.@-])(?:{alternatives})(?![\w])")


def _first_word(alias: str) -> str:
    return _WORD.match(alias).group() if _WORD.match(alias) else alias


def _index_by_first_word(aliases: dict) -> dict[str, list[str]]:
    """Aliases (with plain apostrophes) grouped by the word they start with, longest first.
    A word is looked up as written and without a trailing possessive or full stop."""
    index: dict[str, list[str]] = {}
    for alias in aliases:
        plain = alias.replace("’", "'")
        first = _first_word(plain)
        for key in {first, first + "'s", first + ".", first + ",", first + "'"}:
            index.setdefault(key, []).append(plain)
    for key in index:
        index[key] = sorted(set(index[key]), key=len, reverse=True)
    return index


def _continues_name(text: str, end: int) -> bool:
    """Whether the text at `end` continues a longer word ("Metaverse", "Apple-branded" are not "Meta", "Apple")."""
    following = text[end]
    return following.isalnum() or following in "@_" or (following == "-" and end + 1 < len(text) and text[end + 1].isalnum())


# Cheap tests (a literal first, so the engine skips ahead) that say a pattern below can match.
_LEGAL_CUE = compiled(r"(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|SA|AG|SE|NV|GmbH|Limited|Incorporated)\b")
_ACRONYM_CUE = compiled(r"\([A-Z][A-Za-z0-9&.-]{1,7}\)")
_INTRODUCER_CUE = compiled(rf"\b(?:{INTRODUCERS})\s+[A-Z]|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:{INTRODUCERS})\b")
_ACRONYM_DEFINITION = compiled(rf"(?P<name>{_NAME})\s+\((?P<acronym>[A-Z][A-Za-z0-9&.-]{{1,7}})\)")
_LEGAL_NAME = compiled(rf"(?P<name>{_NAME}){LEGAL_SUFFIX}")
_INTRODUCED = compiled(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{INTRODUCERS})\s+(?P<name>{_NAME})")
_BASED = compiled(rf"\b[A-Z][\w.-]{{0,60}}-based\s+(?P<name>{_NAME})")  # "Bengaluru-based Sarvam AI"
# "Saudi data-center developer DataVolt", "French start-up Mistral": no article before the noun.
_INTRODUCED_BARE = compiled(rf"\b[A-Z][a-z]+\s+(?:[\w-]+\s+){{0,2}}?(?:{INTRODUCERS})\s+(?P<name>{_NAME_ALONE})")
# "Hyundai Motor Group", "Reliance Industries": a name that ends as only a company's does.
GROUP_HEADS = ("Group", "Holdings", "Corporation", "Industries", "Ventures")
_HEADED_NAME = compiled(rf"\b(?P<name>[A-Z][\w&'’-]{{0,60}}(?:\s+[A-Z][\w&'’-]{{0,60}}){{0,2}}\s+(?:{'|'.join(GROUP_HEADS)}))\b")
_APPOSITIVE = compiled(
    rf"(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:{INTRODUCERS})\b"
    r"(?!\s+(?:said|says|has|had|is|was|will|would|announced|added|told|plans|expects))")
_BASED_CUE = compiled(r"-based\s")
# "Korea's Ministry of Science and ICT", "the Department for Science, Innovation and Technology"
_BODY_OF = compiled(r"\b(?P<name>(?:Ministry|Department|Agency|Office|Commission|Authority)\s+(?:of|for)\s+(?:the\s+)?"
                    r"[A-Z][\w&]*(?:(?:,\s+|\s+and\s+|\s+&\s+|\s+)[A-Z][\w&]*){0,4})")
_BODY_CUE = compiled(r"\b(?:Ministry|Department|Agency|Office|Commission|Authority)\s+(?:of|for)\s")
_HEAD_CUE = compiled(rf"\s(?:{'|'.join(GROUP_HEADS)})\b")
_LINE = compiled(r"[^\n]+")
# Each way of introducing a name, with a cheap search for words it cannot match without.
_INTRODUCTIONS = (
    (_ACRONYM_DEFINITION, _ACRONYM_CUE), (_LEGAL_NAME, _LEGAL_CUE), (_INTRODUCED, _INTRODUCER_CUE),
    (_APPOSITIVE, _INTRODUCER_CUE), (_INTRODUCED_BARE, _INTRODUCER_CUE), (_BASED, _BASED_CUE), (_HEADED_NAME, _HEAD_CUE),
    (_BODY_OF, _BODY_CUE),
)


def discover_names(text: str, table: OrganizationTable, spans: list[tuple[int, int]] | None = None) -> dict[str, str]:
    """Organizations an article introduces that the table does not know, alias to name.
    `spans` are the article's sentences (its lines if not given): each way of introducing
    a name is looked for only in the sentences that have the words it needs."""
    found: dict[str, str] = {}
    if spans is None:
        spans = [m.span() for m in _LINE.finditer(text)]
    starts = [start for start, _ in spans]

    def usable(name: str) -> str | None:
        name = re.sub(r"['’]s$", "", name.strip())  # "conglomerate YTL's utilities unit": YTL
        words = name.split()
        while words and (words[0] in NOT_NAMES or words[0].lower() in ("of", "for", "and", "&")):
            words = words[1:]
        while words and words[-1].lower() in ("of", "for", "and", "&"):
            words = words[:-1]
        name = " ".join(words)
        if not name or name in table.aliases or len(name) < 3:
            return None
        return name

    cued_by: dict[re.Pattern, list[int]] = {}  # a cue searched once for the patterns that share it
    for pattern, cue in _INTRODUCTIONS:
        if cue not in cued_by:
            cued_by[cue] = sorted({bisect_right(starts, m.start()) - 1 for m in cue.finditer(text)})
        for start, end in (spans[index] for index in cued_by[cue] if index >= 0):
            for m in pattern.finditer(text, start, end):
                name = usable(m.group("name"))
                if name is None:
                    continue
                if pattern is _ACRONYM_DEFINITION:
                    if re.search(rf"\b(?:{ORG_HEADS})$", name):
                        found.setdefault(name, name)
                        if m.group("acronym") not in table.aliases:
                            found.setdefault(m.group("acronym"), name)
                elif name.split()[0] not in NOT_NAMES:
                    found.setdefault(name, name)
    return found
