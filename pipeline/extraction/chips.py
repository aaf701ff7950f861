"""AI chip names and their canonical items: "H100s", "Nvidia H100 GPUs" and "Nvidia Corp.
H100 graphics processors" are all `Nvidia H100`; "graphics processors" are `GPUs`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import SPACES, CaseBlind, compiled, lower_cased
from .record import GENERIC_ITEMS

VENDORS = r"(?:Nvidia|NVIDIA|AMD|Intel|Google|Amazon|AWS|Huawei|Microsoft|Meta)"
# Words that may stand between a count and the chip it counts: "50,000 of Nvidia's newer H200s".
_FILLER = (
    r"(?:of|its|their|his|the|own|new|newer|newest|latest|most|more|advanced|high-end|top-end|top|"
    r"cutting-edge|next-generation|next-gen|current-generation|powerful|additional|extra|"
    r"specialized|specialised|custom|in-house|homegrown|AI|artificial|intelligence|data-center|"
    r"data-centre|high-performance|leading-edge|state-of-the-art|"
    r"[A-Z][a-z]+['’]s|Nvidia|AMD|Intel|Google|Amazon|Huawei)"
)
GAP = compiled(rf"""^\s*+(?:["'”’]\s*+)?(?:(?:are|were)\s+)?(?:{_FILLER}\s+){{0,5}}$""")  # "Of these, 12,896 are H100s"
# What makes a chip word something else: "GPU hours", "GPU servers", "chip exports".
NOT_A_COUNT_AFTER = compiled(
    r"^(?:-|\s)?(?:hours?|hrs|-hours?|servers?|racks?|nodes?|instances?|clusters?|cloud|exports?|"
    r"sales|revenue|shipments?|orders?|prices?|market|demand|supply|makers?|designers?|startups?|"
    r"companies|firms|stocks?|shares?|per|equivalents?|-equivalents?)\b",
    re.IGNORECASE,
)


_TOKEN = compiled(r"[a-z0-9]+")


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
            rf"(?P<name>(?<![\w-])(?:{alternatives}))(?P<plural>s|['’]s)?(?:-(?:generation|class|based|series))?"
            rf"(?P<noun>\s+(?:GPUs?|graphics\s+processors?|graphics\s+processing\s+units?|chips?|"
            rf"accelerators?|processors?|superchips?|units))?(?:-(?:generation|class|based|series))?(?![\w-])"
        )
        named = sorted({re.split(r"\s+", n)[0] for n, item in self.items.items() if item not in GENERIC_ITEMS}, key=len, reverse=True)
        every = sorted({re.split(r"\s+", n)[0] for n in self.items}, key=len, reverse=True)
        self._starts = CaseBlind(rf"(?<![\w-])(?:{VENDORS}|{'|'.join(re.escape(f) for f in named)})")
        self._first_tokens = {f.lower() for f in every} | {f.lower() + "s" for f in every}
        self._all_starts = CaseBlind(rf"(?<![\w-])(?:{VENDORS}|{'|'.join(re.escape(f) for f in every)})")

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
