"""The pure extraction core: article text, its publication date and the reference tables
in, events out. No I/O and no clock."""
from .extract import extract_events
from .record import RULES_VERSION, Event
from .reference import Reference

__all__ = ["Event", "RULES_VERSION", "Reference", "extract_events"]
