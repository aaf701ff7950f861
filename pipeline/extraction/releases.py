"""Model releases: a named model with a verb that releases it or says it is in development.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile

from .clauses import segment_index, segment_starts
from .context import ArticleContext, SentenceView, iso, is_report_date
from .cues import (
    RELEASE_VERB, RELEASE_NOUN_AFTER, RELEASE_NOUN_BEFORE, DEVELOPMENT_BEFORE, DEVELOPMENT_AFTER, MODAL_BEFORE,
    MAYBE_NAMED_MODEL, PRODUCT_NOUN, NAMED_MODEL,
)
from .dates import DATELINE, POINT, SPAN, VAGUE, DateMention
from .models import VERSION, ModelMention, discover_models
from .patterns import SPACES, CaseBlind, compiled
from .record import MAX_TRIGGERS_PER_SENTENCE, Event

_POWERED = compiled(r"-(?:powered|based|backed|driven|enabled)\b")  # "its DeepSeek-V3-powered assistant": another product
_MAY_INTRODUCE = compiled(r"releas|unveil|launch|introduc|debut|open-sourc|publish|roll|ship|preview|train|announc|"
                          r"available|model|llm|called|named|dubbed")
_CLAUSE_STOP = compiled(r";|\s[-–—]\s")
_MODEL_LIST_GAP = compiled(r"\s*+(?:,|and|or|,\s*and|&)\s*+")  # "Claude 3.5 Haiku and Claude 3.5 Opus"
# A model named as a yardstick, not released: "since GPT-2", "than Gemini", "successor to GPT-4"
# (a predecessor may be released in the same breath: "its predecessor, Llama 3, released in April").
_MODEL_REFERENCE = CaseBlind(r"\b(?:since|than|like|unlike|versus|vs\.?|rivals?|rivalling|rivaling|successor\s+to|"
                             r"over\s+(?:its|their|the)\s+(?:predecessor|previous\s+model|prior\s+model)[,\s]+)\s*(?:\w+['’]s\s+)?$")


class ReleaseReader:
    """Reads the model releases in each sentence of one article."""

    def __init__(self, article: ArticleContext):
        self.article = article
        self.discovered: dict[str, str] = {}  # models the article introduced that no table knows: name to organization
        self._families: dict[str, str] = {}  # their first words: family to organization
        self._not_models = article.reference.known_names | {alias.lower() for alias in article.organizations.aliases}

    def read(self, sentence: SentenceView) -> list[Event]:
        """The model releases the sentence states."""
        return self._model_events(sentence)

    def _model_mentions(self, sentence: SentenceView) -> list[ModelMention]:
        text = sentence.text
        models = [m for m in self.article.reference.models.find(text, self.article.mentioned)
                  if (m.versioned or not PRODUCT_NOUN.match(text[m.end:m.end + 20])) and not _POWERED.match(text, m.end)]
        known = [(m.start, m.end) for m in models]
        for mention in self._discovered_mentions(sentence):
            if not any(s < mention.end and mention.start < e for s, e in known):
                models.append(mention)
                known.append((mention.start, mention.end))
        named = ("model" in text or "LLM" in text) and MAYBE_NAMED_MODEL.search(text)
        for match in NAMED_MODEL.finditer(text) if named else ():
            group = "name" if match.group("name") else "name2"
            start, end = match.span(group)
            name = match.group(group)
            if any(s <= start < e for s, e in known) or name in self.article.organizations.aliases or name in ("AI", "GPU", "LLM"):
                continue
            org = self.article.spender(sentence, start, end, money=False)
            if org:
                models.append(ModelMention(start, end, name, name, org, True))
        return sorted(models, key=lambda m: m.start)

    def _discovered_mentions(self, sentence: SentenceView) -> list[ModelMention]:
        """Mentions of models the article introduces itself ("Orbital Minds unveiled
        Halcyon-2"): each new name takes the organization that releases it, and later
        mentions of it, or of its family with another version ("Mosaic 2.5 Flash" after
        "Mosaic 2.5 Pro"), are models too."""
        text = sentence.text
        if _MAY_INTRODUCE.search(sentence.lower):
            for start, end, name in discover_models(text, self._not_models, self.article.reference.model_makers):
                if name in self.discovered:
                    continue
                org = self.article.spender(sentence, start, end, money=False)
                if org is not None and org.lower() != name.lower():
                    self.discovered[name] = org
                    self._families.setdefault(re.split(r"[\s-]", name)[0], org)
        if not self._families:
            return []
        mentions = []
        for family, org in self._families.items():
            # its names as introduced ("Sarvam-M"; not the start of a longer name: "Global AI Infrastructure"),
            # and the family with any version ("Sarvam 2")
            names = sorted((n for n in self.discovered if re.split(r"[\s-]", n)[0] == family), key=len, reverse=True)
            written = f"(?:{'|'.join(map(re.escape, names))})(?!\\s+[A-Z])|" if names else ""
            for match in re.finditer(rf"(?<![\w-])(?:{written}{re.escape(family)}(?:{VERSION})*)(?![\w-])", text):
                name = SPACES.sub(" ", match.group()).strip()
                if name in self.discovered or match.group() != family:
                    mentions.append(ModelMention(match.start(), match.end(), name, family, self.discovered.get(name, org),
                                                 bool(re.search(r"\d", name))))
        return mentions

    def _model_events(self, sentence: SentenceView) -> list[Event]:
        text = sentence.text
        models = self._model_mentions(sentence)[:MAX_TRIGGERS_PER_SENTENCE]
        if not models:
            return []
        lists = _ModelLists(text, models)
        events = []
        for index, model in enumerate(models):
            if _MODEL_REFERENCE.search(text, max(0, model.start - 60), model.start):
                continue  # "its first open models since GPT-2", "faster than Gemini 1.5"
            verb = _release_verb(text, models, index, lists)
            if verb is None:
                continue
            verb_start, verb_end, developing = verb
            if verb_start > model.end and any(model.end <= m.start < verb_start and m.org != model.org for m in sentence.orgs):
                continue  # "GPT-2, and on the same Tuesday Anthropic shipped": another's verb
            pair = (min(verb_start, model.start), max(verb_end, model.end))
            date = self._release_date(sentence, pair, models, index, lists)
            status = "planned" if developing else self._release_status(text, verb_start, model, date)
            if status == "planned" and date is not None and date.role == POINT and _follows_attribution(text, date):
                date = None
            inferred = False
            if date is None and status == "done" and _NEWS_VERB.match(text, verb_start, verb_end) \
                    and not _BACKGROUND_BEFORE.search(text, max(0, verb_start - 25), verb_start):
                date = self.article.news_date(sentence)  # "Li also unveiled Ernie 4.5 Turbo", in a story of Friday's news
                if date is None and self.article.index <= LEAD_NEWS_SENTENCES \
                        and _NEWS_NOW.search(text, max(0, verb_start - 12), verb_end):
                    date = self.article.story_day()  # "Alibaba has unveiled Qwen 2.5-Max", opening the story
                inferred = date is not None
            events.append(Event(
                kind="model_release", org=model.org, model=model.name, date=iso(date),
                date_precision=date.precision if date else None, status=status,
                speaker=self.article.speaker(sentence), trigger=model.start, date_inferred=inferred,
            ))
        return events

    def _release_date(self, sentence: SentenceView, pair: tuple[int, int], models: list[ModelMention], index: int,
                      lists: "_ModelLists") -> DateMention | None:
        text = sentence.text
        dated = [d for d in sentence.dates if d.role not in (DATELINE, SPAN)]
        if not dated:
            return None
        starts = segment_starts(text)
        own_pair = segment_index(starts, pair[0])
        candidates = [d for d in dated if not is_report_date(text, d)
                      and (segment_index(starts, d.start) == own_pair
                           or not lists.other_model_in_segment(segment_index(starts, d.start), index))]
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
        if date is not None and date.date is not None and date.date > self.article.published:
            return "planned"
        near = text[max(0, model.start - 40):model.end + 40]
        if re.search(r"\b(?:next|upcoming|forthcoming)\b", near, re.IGNORECASE) and not re.search(r"\b(?:released|launched|unveiled|introduced|debuted)\b", text, re.IGNORECASE):
            return "planned"
        return "done"


class _ModelLists:
    """Which of a sentence's models are listed together ("Claude 3.5 Haiku and Claude 3.5
    Opus"), and which segments of the sentence hold models: worked out once a sentence,
    so that a sentence naming many models is read in time proportional to them."""

    def __init__(self, text: str, models: list[ModelMention]):
        self.linked = [bool(_MODEL_LIST_GAP.fullmatch(text, a.end, b.start)) for a, b in zip(models, models[1:])]
        self.first: list[int] = []
        for index in range(len(models)):
            self.first.append(self.first[-1] if index and self.linked[index - 1] else index)
        self.last = [0] * len(models)
        for index in range(len(models) - 1, -1, -1):
            self.last[index] = self.last[index + 1] if index + 1 < len(models) and self.linked[index] else index
        starts = segment_starts(text)
        self.segment = [segment_index(starts, m.start) for m in models]
        self.in_segment = Counter(self.segment)

    def other_model_in_segment(self, segment: int, index: int) -> bool:
        """Whether a model other than `index` and those listed right beside it sits in `segment`."""
        near = [index] + [i for i in (index - 1, index + 1) if 0 <= i < len(self.segment) and self.linked[min(i, index)]]
        return self.in_segment[segment] > sum(self.segment[i] == segment for i in near)


def _release_verb(text: str, models: list[ModelMention], index: int, lists: _ModelLists) -> tuple[int, int, bool] | None:
    """The release or development verb that governs model `index`: (start, end, developing)."""
    # left: "released Claude 3.5 Sonnet", "follow up with Claude 3.5 Haiku and Claude 3.5 Opus"
    j = lists.first[index] - 1
    left_limit = models[j + 1].start
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
        # "released the latest version of its flagship model -- Claude 3.7 --": the model named in apposition,
        # after a description that may run long ("launched the world's first open-source ... model, MiniMax-M1")
        apposition = _APPOSITION_BEFORE.search(text, window_start, left_limit)
        reach = 10 if apposition else 5
        verb_start = max(models[j].end if j >= 0 else 0, left_limit - 130) if apposition else window_start
        verbs = list(takewhile(lambda v: v.start() < left_limit, RELEASE_VERB.finditer(text, verb_start, left_limit + 80)))
        if verbs and len(text[verbs[-1].end():left_limit].split()) <= reach:
            return verbs[-1].start(), verbs[-1].end(), False
    # right: "GPT-4o, which debuted in May", "Grok-3 should be out", "Behemoth ... is still in training"
    k = lists.last[index] + 1
    right_end = models[k - 1].end
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


_APPOSITION_BEFORE = CaseBlind(r"\b(?:model|models|version|LLM|system|chatbot)\s*(?:--|—|–|,|:)\s*[\"“]?$")
# A verb that makes a release news: the story's day dates it when the sentence gives none.
_NEWS_VERB = CaseBlind(r"(?:unveil|launch|releas|introduc|announc|debut|roll|open-sourc|publish|show|present)(?:ed|es|s|ing)\b"
                       r"(?!\s+of\b)")  # a verb: "DeepSeek's release of R1" is a noun, told in passing
# Told in the present or present perfect at the top of a story, a release is the day's news.
_NEWS_NOW = CaseBlind(r"\b(?:ha(?:s|ve)\s+(?:just\s+|now\s+)?\w+ed|(?:unveil|launch|releas|introduc|debut|roll)(?:es|s)|"
                      r"(?:is|are)\s+(?:releasing|launching|introducing|unveiling|rolling)|introducing)\b")
LEAD_NEWS_SENTENCES = 2  # the headline and the sentences right after it
# ... unless the release is background: "which released", "since launching", "after it unveiled".
_BACKGROUND_BEFORE = CaseBlind(r"\b(?:which|that|who|since|after|before|when|had|previously|first|once|originally)\s+(?:\w+\s+)?$")


def _follows_attribution(text: str, date: DateMention) -> bool:
    return bool(re.search(r"\b(?:said|says|told|wrote|announced)\s*$", text[max(0, date.start - 20):date.start]))
