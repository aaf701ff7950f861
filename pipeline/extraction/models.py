"""Model names as people write them: a family from `data/models.csv` and its version
("GPT-4o", "Llama 3.1 405B", "Claude 3.5 Sonnet", "Gemini 2.0 Flash", "DeepSeek-R1")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import SPACES, compiled

_VARIANTS = (
    r"Turbo|Pro|Ultra|Flash(?:-Lite)?|Nano|Mini|mini|Max|Plus|Large|Medium|Small|Sonnet|Opus|Haiku|"
    r"Scout|Maverick|Behemoth|Instruct|Vision|Coder|Omni|Lite|Reasoner|Thinking|Heavy|Preview|"
    r"preview|Code|Math|VL|Next|Air|Edge|Premier|Micro|Canvas|Reel|Sonic|Deep\s+Think|Chat|Base|"
    r"Fast|High|Codex|Sora|Image|Reasoning|Instant|Realtime|Audio|Embedding|Exp|R|V|"
    r"small|medium|large|mini|pro|ultra|max|nano|turbo|flash|lite|instruct|vision"
)
# Digit runs are possessive: a run split across repeats of the group would be tried in 2^n ways.
_VERSION = rf"(?:[- ]?(?:\d++(?:\.\d++)*(?:[a-z](?![a-z]))?(?:[BMK]\b)?|[A-Z]\d++(?:\.\d++)?[a-z]?(?:[BMK]\b)?)|[- ](?:{_VARIANTS})\b|-[A-Z][a-z]{{1,9}}\b)"


def _names_after_a_word_break(names) -> str:
    """An alternation of `names`, longest first, each allowed only where no word, "$" or "-"
    comes before it. The check sits after each name's first character, so the pattern
    begins with that character and `re` skips straight to the places one occurs."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    return "|".join(
        re.escape(first) + r"(?<![\w$-]" + re.escape(first) + ")(?:" + "|".join(re.escape(n[1:]) for n in group) + ")"
        for first, group in by_first.items()
    )


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class ModelMention:
    start: int
    end: int
    name: str
    family: str
    org: str
    versioned: bool


class ModelTable:
    def __init__(self, rows: list[tuple[str, str, bool]], org_aliases: set[str] | None = None):
        self.families = {family: (org, needs_org) for family, org, needs_org in rows}
        self.org_aliases = org_aliases or set()
        self._pattern = compiled(rf"(?P<family>{_names_after_a_word_break(self.families)})(?P<version>{_VERSION}*)(?![\w])")

    def find(self, text: str, orgs_in_article: set[str]) -> list[ModelMention]:
        """Model mentions in `text`. A bare family name counts unless it is also the name of a
        company ("Mistral", "DeepSeek") or of no single model ("GPT"); families that are
        common words ("Nova") count only where their organization is named."""
        mentions = []
        for m in self._pattern.finditer(text):
            family = m.group("family")
            org, needs_org = self.families[family]
            version = m.group("version")
            if needs_org and org not in orgs_in_article:
                continue
            if not version and (family in self.org_aliases or family == "GPT"):
                continue
            name = SPACES.sub(" ", m.group()).strip()
            mentions.append(ModelMention(m.start(), m.end(), name, family, org, bool(version)))
        return mentions
