"""Reading an untrusted upload within a budget: in a child process with a deadline and a
memory cap, so that one hostile or enormous file cannot stall the page for everyone else
or exhaust the server's memory. The child reads the file and extracts its events; the
parent gets them back, or one line saying which budget the file went over."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection

from ..errors import ArticleError
from ..extraction import Event, Reference, extract_events
from .article import DEFAULT_MAX_BYTES, Article, read_bytes


@dataclass(frozen=True)
class Budget:
    seconds: float = 60.0                 # reading and extraction together
    memory_bytes: int = 1024 * 1024 * 1024  # beyond what the child starts with


class OverBudget(ArticleError):
    """A file that took longer, or needed more memory, than an upload may."""


def read_within_budget(data: bytes, name: str, reference: Reference, budget: Budget,
                       published: dt.date | None = None, assumed: dt.date | None = None,
                       max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Article, list[Event]]:
    """`read_bytes` and `extract_events` in a child process held to `budget`."""
    context = multiprocessing.get_context("fork")  # the child shares the loaded code and tables
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, daemon=True,
                            args=(sender, data, name, reference, budget, published, assumed, max_bytes))
    child.start()
    sender.close()
    try:
        if not receiver.poll(budget.seconds):
            raise OverBudget(name, f"took longer than {budget.seconds:g} s to read; split it into smaller "
                                   "files, or add it with `python -m pipeline ingest`")
        try:
            outcome = receiver.recv()
        except EOFError:
            raise OverBudget(name, "could not be read: the reader stopped without an answer "
                                   "(it may have needed more memory than an upload may use)") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if isinstance(outcome, ArticleError):
        raise outcome
    return outcome


def _read_in_child(sender: Connection, data: bytes, name: str, reference: Reference, budget: Budget,
                   published: dt.date | None, assumed: dt.date | None, max_bytes: int) -> None:
    _cap_memory(budget.memory_bytes)
    try:
        article = read_bytes(data, name, published=published, assumed=assumed, max_bytes=max_bytes)
        outcome: object = (article, extract_events(article.text, article.published or dt.date.today(), reference))
    except ArticleError as error:
        outcome = error
    except MemoryError:
        outcome = OverBudget(name, "needs more memory to read than an upload may use; add it with "
                                   "`python -m pipeline ingest`")
    except Exception as error:  # noqa: BLE001  (one line for the person who uploaded it, never a traceback)
        outcome = ArticleError(name, f"could not be read ({type(error).__name__})")
    sender.send(outcome)
    sender.close()


def _cap_memory(extra: int) -> None:
    """Let the child's address space grow by at most `extra` bytes past what it inherited."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    current = pages * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + extra if hard == resource.RLIM_INFINITY else min(hard, current + extra)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
