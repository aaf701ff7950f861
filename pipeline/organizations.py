"""Organization names: the alias table in `data/organizations.csv`, and names an article
introduces itself ("the Global AI Infrastructure Investment Partnership (GAIIP)",
"the Canadian asset manager Brookfield", "Acme Robotics Inc.").

`find_organizations` returns every mention of an organization, a person who speaks for
one ("Zuckerberg" is Meta) or a phrase that names one ("Facebook's parent").
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

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
_NAME = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)?(?:\s+(?:[A-Z][\w&'’-]*|of|for|and|&)){0,4}"
NOT_NAMES = frozenset(
    """The A An It In On At But And Its This That These Those He She They We I Our Their His Her
    Mr Ms Mrs Dr Chief President Minister Analysts Investors January February March April May June
    July August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday AI GPU GPUs CEO CFO US U.S. UK EU""".split()
)


@dataclass(frozen=True)
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
        self._pattern = _alias_pattern(self.aliases)

    @classmethod
    def from_csv(cls, aliases_path: Path, fiscal_path: Path | None = None) -> "OrganizationTable":
        rows = [(r["alias"].strip(), r["organization"].strip(), (r.get("type") or ORG).strip())
                for r in _read_csv(aliases_path)]
        fiscal = {}
        if fiscal_path and fiscal_path.exists():
            fiscal = {r["organization"].strip(): int(r["last_month"]) for r in _read_csv(fiscal_path)}
        return cls(rows, fiscal)

    def with_names(self, names: dict[str, str]) -> "OrganizationTable":
        """A copy that also knows `names` (alias to canonical), e.g. names an article introduced."""
        known = [(a, o, k) for a, entries in self.aliases.items() for o, k in entries]
        extra = [(alias, org, ORG) for alias, org in names.items() if alias not in self.aliases]
        table = OrganizationTable(known + extra, self.fiscal_last_month)
        return table

    def find(self, text: str, prefer: set[str] | None = None) -> list[OrgMention]:
        """Mentions of known organizations in `text`; a person with several organizations
        resolves to one in `prefer` (those the article names) when it can."""
        mentions = []
        for m in self._pattern.finditer(text):
            alias = m.group("alias")
            entries = self.aliases.get(alias) or self.aliases.get(_fold(alias, self.aliases)) or []
            if not entries:
                continue
            org, kind = entries[0]
            if len(entries) > 1 and prefer:
                org, kind = next(((o, k) for o, k in entries if o in prefer), entries[0])
            mentions.append(OrgMention(m.start(), m.end(), m.group(), org, kind))
        return mentions


def _fold(alias: str, aliases: dict) -> str:
    """The table's spelling of an alias matched with a different apostrophe."""
    return alias.replace("’", "'")


def _alias_pattern(aliases: dict) -> re.Pattern:
    names = sorted(aliases, key=len, reverse=True)
    parts = []
    for name in names:
        escaped = re.escape(name).replace("'", "['’]")
        parts.append(escaped)
    return re.compile(rf"(?<![\w.@-])(?P<alias>{'|'.join(parts)})(?:{LEGAL_SUFFIX})?(?![\w@]|-\w)(?:['’]s)?")


def _read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


_ACRONYM_DEFINITION = re.compile(rf"(?P<name>{_NAME})\s+\((?P<acronym>[A-Z][A-Za-z0-9&.-]{{1,7}})\)")
_LEGAL_NAME = re.compile(rf"(?P<name>{_NAME}){LEGAL_SUFFIX}")
_INTRODUCED = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{INTRODUCERS})\s+(?P<name>{_NAME})")
_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:{INTRODUCERS})\b"
    r"(?!\s+(?:said|says|has|had|is|was|will|would|announced|added|told|plans|expects))")


def discover_names(text: str, table: OrganizationTable) -> dict[str, str]:
    """Organizations an article introduces that the table does not know, alias to name."""
    found: dict[str, str] = {}

    def usable(name: str) -> str | None:
        name = name.strip()
        words = name.split()
        while words and (words[0] in NOT_NAMES or words[0].lower() in ("of", "for", "and", "&")):
            words = words[1:]
        while words and words[-1].lower() in ("of", "for", "and", "&"):
            words = words[:-1]
        name = " ".join(words)
        if not name or name in table.aliases or len(name) < 3:
            return None
        return name

    for m in _ACRONYM_DEFINITION.finditer(text):
        name = usable(m.group("name"))
        if name and re.search(rf"\b(?:{ORG_HEADS})$", name):
            canonical = name
            found.setdefault(name, canonical)
            acronym = m.group("acronym")
            if acronym not in table.aliases:
                found.setdefault(acronym, canonical)
    for pattern in (_LEGAL_NAME, _INTRODUCED, _APPOSITIVE):
        for m in pattern.finditer(text):
            name = usable(m.group("name"))
            if name and name.split()[0] not in NOT_NAMES:
                found.setdefault(name, name)
    return found
