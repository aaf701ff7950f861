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
# A size word that opens "large language model" is no variant: "three Llama-2 large language models".
VERSION = rf"(?:[- ]?(?:\d++(?:\.\d++)*(?:[a-z](?![a-z]))?(?:[BMK]\b)?|[A-Z]\d++(?:\.\d++)?[a-z]?(?:[BMK]\b)?)|[- ](?:{_VARIANTS})\b(?![- ][Ll]anguage\b)|-[A-Z][a-z]{{1,9}}\b)"


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
        self._pattern = compiled(rf"(?P<family>{_names_after_a_word_break(self.families)})(?P<version>{VERSION}*)(?![\w]|\.\d)")

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


# --- models no table knows ---------------------------------------------------------------------

# A model's name as news writes one: a capitalized word, with a version or size and variant
# words ("Halcyon-2", "Kestrel-7B", "Mosaic 2.5 Pro", "Brisa 1 Mini").
_DISCOVERED = (
    r"[\"“]?(?P<name>(?!(?:AI|API|GPU|GPUs|CPU|LLM|LLMs|TPU|The|A|An|Its|Their|It|This|That|New|Today|"
    r"USD|EUR|GBP|INR|JPY|CNY|RMB|KRW|AED|SAR|CHF|CAD|AUD|SGD|HKD|Rs|US|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[A-Z][A-Za-z0-9]{0,30}(?:[-.][A-Za-z0-9]{1,20}){0,4}"
    rf"(?:\s+(?:\d+(?:\.\d+)*[A-Za-z]?|[A-Z]\d+[\w.]*|[A-Z]{{2,5}}|(?:{_VARIANTS}))(?![\w&-])){{0,3}})[\"”]?"
)
_RELEASING = (
    r"(?i:released|releases|releasing|release|unveiled|unveils|unveiling|unveil|launched|launches|launching|launch|"
    r"introduced|introduces|introducing|debuted|debuts|open-sourced|open-sources|published|publishes|"
    r"rolled\s+out|rolls\s+out|rolling\s+out|shipped|ships|previewed|previews|trained|trains|training|"
    r"announced|announces|made\s+available|is\s+training|began\s+training)")
_DESCRIBING = (r"(?i:(?:its|their|the|a|an|our)\s+)?(?:(?:new|newest|latest|next|first|second|third|open|open-source|"
               r"open-weight|flagship|largest|smallest|compact|small|reasoning|multimodal|frontier|coding|"
               r"[\d.,]+-(?:billion|million|trillion)-parameter|[\w.-]+-parameter|AI|language|foundation|video|"
               r"image|speech|generative)\s+){0,4}")
_MODEL_NOUN = r"(?:model|models|LLM|LLMs|language\s+model|foundation\s+model|AI\s+model|system|family)"
MODEL_INTRODUCTIONS = tuple(compiled(source) for source in (
    rf"\b{_RELEASING}\s+{_DESCRIBING}(?:{_MODEL_NOUN}\s+(?:called|named|dubbed|known\s+as)\s+)?{_DISCOVERED}",
    rf"\b{_MODEL_NOUN}[\"”]?\s*(?:[—–,]\s*)?(?:(?:is|was|will\s+be|has\s+been|tentatively|provisionally|internally)\s+)?"
    rf"(?:called|named|dubbed|known\s+as|codenamed)\s+{_DISCOVERED}",
    rf"(?:^|(?<=[.;:!?]\s)){_DISCOVERED}(?=,\s+(?:a|an|its|their|the|our)\s+(?:[\w-]+\s+){{0,4}}?{_MODEL_NOUN}\b)",
    rf"\b(?:its|their|our)\s+{_DISCOVERED}\s+(?:[\w-]+\s+)?{_MODEL_NOUN}\b",
    # "the world's first open-source hybrid inference model, MiniMax-M1, with ...": named after a long description
    rf"\b{_MODEL_NOUN},\s+{_DISCOVERED}(?=\s*[,.;)]|\s*$)",
))
# A maker's model named by its release: "DeepSeek's V4 release", "Mistral's Medium 3 launch" (never
# "Apple's iPhone 16 launch": only where the maker is one that makes models)
_MAKERS_RELEASE = compiled(rf"(?P<maker>[A-Z][\w&-]*)['’]s\s+{_DISCOVERED}\s+(?:release|launch|debut|rollout)\b")
# Names listed after "models": "three models: Ember, Cinder and Blaze"
_LISTED = r"[A-Z][\w-]{0,40}(?:\.\d+){0,3}"
MODEL_LIST = compiled(rf"\bmodels?(?:\s+(?:on|in|this|last|each|so|for)\s+\w+)?\s*(?::|—|–|,\s*(?:called|named))\s*(?P<list>{_LISTED}(?:\s*,\s*(?:and\s+)?{_LISTED})*"
                      rf"(?:,?\s+and\s+{_LISTED}))")
# A name listed right after one found: "Kestrel-7B and Kestrel-70B"
_NEXT_IN_LIST = compiled(rf"(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+){_DISCOVERED}")
# What follows a thing that is no model: "its Glint chatbot", "Halcyon app".
_NOT_A_MODEL_AFTER = compiled(r"-(?:powered|based|backed|driven|enabled)\b|\s+(?:chatbot|app|apps|assistant|platform|service|cluster|supercomputer|chip|chips|"
                              r"GPUs?|processor|accelerator|server|servers|data\s+cent(?:er|re)|campus|facility|"
                              r"device|phone|fund|programme|program|project|team|unit|division|subsidiary)\b")
# A model named as one right beside its name: "Halcyon, its newest language model", "the Quill model".
_CALLED_A_MODEL = compiled(rf"[\"”]?\s*(?:,\s*(?:a|an|its|their|the|our)\s+(?:[\w.-]+\s+){{0,5}}?|\s+(?:[\w-]+\s+)?){_MODEL_NOUN}\b")
_MODEL_NOUN_BEFORE = compiled(rf"{_MODEL_NOUN}\s*(?:called|named|dubbed|known\s+as|:|—|–|,)?\s*[\"“]?$")  # "an inference model, MiniMax-M1"


def discover_models(text: str, not_models: set[str], makers: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Models a sentence introduces that no table knows: (start, end, name). The object
    of a verb of releasing or training ("unveiled Halcyon-2"), a model "called" something,
    "X, its newest language model", "its X model", names listed after "models:", and a
    maker of models' versioned name with a release ("DeepSeek's V4 release"). A bare word
    without a version counts only where it is called a model.
    `not_models` are lower-cased names known to be something else (organizations, chips);
    `makers` are the names of organizations known to make models, as written."""
    found: list[tuple[int, int, str]] = []
    for match in _MAKERS_RELEASE.finditer(text):
        if match.group("maker") in makers and re.search(r"\d", match.group("name")):
            _add_model(found, text, *match.span("name"), not_models, False)
    for pattern in MODEL_INTRODUCTIONS:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            called = bool(_CALLED_A_MODEL.match(text, end) or _MODEL_NOUN_BEFORE.search(text, match.start(), start))
            _add_model(found, text, start, end, not_models, called)
            while (following := _NEXT_IN_LIST.match(text, end)) and re.search(r"\d", following.group("name")):
                _add_model(found, text, *following.span("name"), not_models, called)  # "Kestrel-7B and Kestrel-70B"
                end = following.end("name")
    for listed in MODEL_LIST.finditer(text):
        for name in re.finditer(_LISTED, listed.group("list")):
            _add_model(found, text, listed.start("list") + name.start(), listed.start("list") + name.end(), not_models, True)
    return sorted(set(found))


def _add_model(found: list, text: str, start: int, end: int, not_models: set[str], called: bool) -> None:
    name = SPACES.sub(" ", text[start:end]).strip().strip("\"“”")
    versioned = bool(re.search(r"\d|[-.][A-Z]|\s", name))
    if name.lower() in not_models or any(word.lower() in not_models for word in name.split()[:1]):
        return
    if _NOT_A_MODEL_AFTER.match(text, end) or not (versioned or called):
        return
    found.append((start, end, name))
