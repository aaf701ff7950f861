"""The extraction core: article text and its publication date in, events out.

`extract_events(text, published)` reads an article sentence by sentence. A sentence
yields an event when it has a trigger (an amount of money, a count of chips, a model
name next to a release verb) and the words around the trigger say what it is:

- an **investment** is money spent, committed or planned on AI compute (capex, data
  centers, chips, training); revenue, valuations, funding rounds, stakes, prices of a
  unit, fines, totals pooled across many parties and analysts' estimates are not;
- **hardware** is a count of chips with the chip named ("100,000 H100s");
- a **model_release** is a named model with a release or development verb.

Each event gets the organization that spends, buys or releases (by the grammar of the
sentence, then the sentence's subject, then the article's topic), the date the text
gives with its precision (else the day the claim was announced), done/planned status,
and the sentence it came from.

Each kind reads in a unit of its own (`releases`, `investments`, `hardware`) over one shared
article context (`context`); what an article repeats is merged at the end (`repeats`).
No I/O and no clock: the reference tables come in a `Reference`, "today" is `published`.
"""
from __future__ import annotations

import datetime as dt

from .context import ArticleContext
from .hardware import HardwareReader
from .investments import InvestmentReader
from .record import FIRST_YEAR, LAST_YEAR, Event
from .reference import Reference
from .releases import ReleaseReader
from .repeats import one_per_claim

SHORTEST_CLAIM = 12  # characters: no shorter sentence states a claim ("Grok 3 is out." has 14)
# No news article is near this long (the longest in the corpora is under 10,000 characters,
# a long feature about 50,000).
# A longer text (a dump of many stories, a book) is read in pieces of at most this many
# characters, cut at line breaks, so that the memory extraction needs stays bounded.
PIECE = 1_000_000


def extract_events(text: str, published: dt.date, reference: Reference) -> list[Event]:
    """Every event in an article, one per claim, in the order the article makes them."""
    if not FIRST_YEAR <= published.year <= LAST_YEAR:
        raise ValueError(f"publication date {published.isoformat()} out of range ({FIRST_YEAR} to {LAST_YEAR})")
    if len(text) <= PIECE:
        return _claims_of(text, published, reference)
    events: list[Event] = []
    for offset, end in piece_bounds(text, PIECE):
        found = _claims_of(text[offset:end], published, reference)
        for event in found:
            event.start, event.end, event.trigger = event.start + offset, event.end + offset, event.trigger + offset
        events += found
    return one_per_claim(events)  # what the pieces repeat of each other


def piece_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) of consecutive pieces of `text` of at most `size` characters, each
    cut after a line break where one lies in its second half, else after a space."""
    bounds = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit) + 1 or text.rfind(" ", start + size // 2, limit) + 1 or limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _claims_of(text: str, published: dt.date, reference: Reference) -> list[Event]:
    """The events of one text read as a whole, one per claim."""
    article = ArticleContext(text, published, reference)
    readers = (ReleaseReader(article), InvestmentReader(article), HardwareReader(article))
    try:
        events: list[Event] = []
        for index, span in enumerate(article.sentences):
            sentence = article.begin(index)
            found = [event for reader in readers for event in reader.read(sentence)] \
                if len(span.text) >= SHORTEST_CLAIM else []
            for event in found:
                event.evidence = span.text
                event.start, event.end = span.start, span.end
                event.trigger += span.start
            events += found
            article.remember(sentence, found)
        return one_per_claim(events, headline_end=article.headline_end)
    finally:
        article.close()
