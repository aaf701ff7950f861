"""AI chip names and their canonical items: "H100s", "Nvidia H100 GPUs" and "Nvidia Corp.
H100 graphics processors" are all `Nvidia H100`; "graphics processors" are `GPUs`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import SPACES, CaseBlind, compiled, lower_cased
from .record import GENERIC_ITEMS

VENDORS = r"(?:Nvidia|NVIDIA|AMD|Intel|Google|Amazon|AWS|Huawei|Microsoft|Meta)"
# Words that may stand between a count and the chip it counts: "50,000 of Nvidia's newer H200s",
# "85,000 equivalent units of the H100".
_FILLER = (
    r"(?:of|its|their|his|the|own|new|newer|newest|latest|most|more|advanced|high-end|top-end|top|"
    r"cutting-edge|next-generation|next-gen|current-generation|powerful|additional|extra|"
    r"specialized|specialised|custom|in-house|homegrown|AI|artificial|intelligence|data-center|"
    r"data-centre|high-performance|leading-edge|state-of-the-art|units|equivalent|"
    r"[A-Z][a-z]+['’]s|Nvidia|AMD|Intel|Google|Amazon|Huawei)"
)
GAP = compiled(rf"""^(?:-|\s*+)(?:["'”’]\s*+)?(?:(?:are|were)\s+)?(?:{_FILLER}\s+){{0,5}}$""")  # "Of these, 12,896 are H100s"
# What makes a chip word something else: "GPU hours", "GPU servers", "chip exports".
NOT_A_COUNT_AFTER = compiled(
    r"^(?:-|\s)?(?:hours?|hrs|-hours?|servers?|racks?|nodes?|instances?|clusters?|cloud|exports?|"
    r"sales|revenue|shipments?|orders?|prices?|market|demand|supply|makers?|designers?|startups?|"
    r"companies|firms|stocks?|shares?|per|equivalents?|-equivalents?)\b",
    re.IGNORECASE,
)


_TOKEN = compiled(r"[a-z0-9]+")
# A count, then up to five words, then what it counts: "of Tesla's Dojo AI wafer-sized chips".
_UNLISTED = compiled(
    r"\s+(?:of\s+)?(?:(?:its|their|his|our|the|[A-Z][\w-]*['’]s)\s+)?(?P<words>(?:[\w().'’,-]+\s+){0,5}?)"
    r"(?P<noun>GPUs|graphics\s+cards|chips|accelerators|superchips|processors|systems)\b")
# Words that make the count something else ("GPU hours on", "processor cores and") or end the phrase.
_NOT_CHIP_WORDS = compiled(r"\b(?:on|per|than|as|hours?|cores?|parameters|tokens|"
                           r"servers?|nodes?|racks?|users|people|employees|companies|countries|times)\b|\d,\d",
                           re.IGNORECASE)
UNLISTED_HINT = compiled(r"gpus|graphics cards|chips|accelerators|processors|systems")  # in lower-cased text
# A word of a product's name: "P800", "A-100(80GB)", "CS-2", "Kunlun", "Dojo", "TPU".
_NAME_WORD = compiled(r"[A-Z][A-Za-z]*\d[\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z]+(?:-\d+)?|[A-Z]-\d+")
_NOT_NAME_WORDS = {"AI", "GPU", "CPU", "The", "A", "An", "Its", "Their", "New", "US", "U.S", "HPC"}


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class ChipMention:
    start: int
    end: int
    text: str
    item: str
    vendor_start: int  # where a vendor name written with the chip begins ("Nvidia H100")


class ChipTable:
    def __init__(self, rows: list[tuple[str, str]]):
        self.items = {name.lower(): item for name, item in rows}
        names = sorted(self.items, key=len, reverse=True)
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        self._pattern = CaseBlind(
            rf"(?P<vendor>{VENDORS}(?:\s+Corp\.?)?(?:['’]s)?\s+)?"
            rf"[\"“]?(?P<name>(?:(?<![\w-])|(?<=\d-))(?:{alternatives}))(?P<plural>s|['’]s)?[\"”]?(?:-(?:generation|class|based|series))?"
            rf"(?P<noun>\s+(?:GPUs?|graphics\s+processors?|graphics\s+processing\s+units?|chips?|"
            rf"accelerators?|processors?|superchips?|units))?(?:-(?:generation|class|based|series))?(?![\w-])"
        )
        named = sorted({re.split(r"\s+", n)[0] for n, item in self.items.items() if item not in GENERIC_ITEMS}, key=len, reverse=True)
        every = sorted({re.split(r"\s+", n)[0] for n in self.items}, key=len, reverse=True)
        self._starts = CaseBlind(rf"(?<![\w-])(?:{VENDORS}|{'|'.join(re.escape(f) for f in named)})")
        self._first_tokens = {f.lower() for f in every} | {f.lower() + "s" for f in every}
        self._all_starts = CaseBlind(rf"(?:(?<![\w-])|(?<=\d-))(?:{VENDORS}|{'|'.join(re.escape(f) for f in every)})")  # "10,000-GPU"

    def unlisted_after(self, text: str, position: int) -> ChipMention | None:
        """A chip the table does not list, counted at `position`: "7,360 A-100(80GB) GPUs"
        (a listed one written otherwise), "30,000 of its third generation P800 Kunlun chips",
        "16 CS-2 systems". Its item is its name as written, "<name> systems" for machines,
        or "GPUs" / "AI chips" when no name is given."""
        m = _UNLISTED.match(text, position)
        if m is None or _NOT_CHIP_WORDS.search(m.group("words")):
            return None
        noun = SPACES.sub(" ", m.group("noun").lower())
        words = [re.sub(r"\(.*?\)$|\(.*$", "", w) for w in m.group("words").replace(",", " ").split()]
        names = [w for w in words if _NAME_WORD.fullmatch(w) and w not in _NOT_NAME_WORDS]
        if not names:
            if noun == "systems":
                return None  # "16 systems": of what, the text does not say
            item = "GPUs" if noun.startswith(("gpu", "graphics")) else "AI chips"
        else:
            written = (" and " if {"and", "or"} & set(words) else " ").join(names)  # "H100 and H200 GPUs"
            item = self.items.get(written.lower().replace("-", "")) or self.items.get(written.lower()) or written
            if noun == "systems":
                item = f"{item} systems"
        start = m.start("words") if m.group("words") else m.start("noun")
        return ChipMention(start, m.end(), text[start:m.end()], item, start)

    def mentions_any(self, lowered: str) -> bool:
        """Whether lower-cased text names any chip at all (a cheap test before `find`)."""
        return not self._first_tokens.isdisjoint(_TOKEN.findall(lowered))

    def find(self, text: str, generic: bool = False) -> list[ChipMention]:
        """Chip mentions in `text`, each with its canonical item. Generic words ("GPUs",
        "chips") count only with `generic` or behind a vendor ("Nvidia's chips"). The
        pattern is tried only where a vendor or a chip's first word starts."""
        mentions = []
        position = 0
        starts = self._all_starts if generic else self._starts
        subject, lowered = lower_cased(text)  # read lower-cased; a mention's text is as written
        starts, pattern = starts.for_text(lowered), self._pattern.for_text(lowered)
        for start in starts.finditer(subject):
            if start.start() < position:
                continue
            m = pattern.match(subject, start.start())
            if not m:
                continue
            position = m.end()
            name = SPACES.sub(" ", m.group("name")).lower()
            item = self.items.get(name) or self.items.get(name.rstrip("s"), name)
            noun = (m.group("noun") or "").strip().lower()
            if item == "AI chips" and noun.startswith(("gpu", "graphics")):
                item = "GPUs"
            vendor_start = m.start("vendor") if m.group("vendor") else m.start("name")
            mentions.append(ChipMention(m.start(), m.end(), text[m.start():m.end()], item, vendor_start))
        return mentions
