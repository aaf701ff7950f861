"""Every reader of text takes time in proportion to its input: adversarial repeats of one
token, at two sizes, must not take more than about four times as long at four times the
size. A quadratic pattern or loop takes sixteen times as long, so the bound below (eight)
tells the two apart with room for a busy machine. Each measure is the best of three runs of
the process's CPU time (not the wall clock, which other work on the machine stretches)."""
import datetime as dt
import gc
import signal
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.extraction import extract_events
from pipeline.extraction.amounts import find_counts, find_money
from pipeline.extraction.dates import DateContext, find_dates
from pipeline.extraction.sentences import find_sentences
from pipeline.readers.html import published_meta
from pipeline.readers.text import normalize_text
from pipeline.readers.reference_tables import shipped_reference

REFERENCE = shipped_reference()
PUBLISHED = dt.date(2025, 1, 1)
SMALL, LARGE = 3_000, 12_000  # characters
GROWTH = 8.0
QUICK = 0.01  # seconds
STUCK = 5.0  # seconds

# Tokens that once made a reader quadratic, and the kinds of text news is made of.
TOKENS = [".", "!", "?", " ", "\n", "a\n", "-", ",", "$", "9", "(", '"', "é", "—", "GPT-4 ", "GPT-4, GPT-4 and ",
          "10,000 H100 chips, ", "Nvidia sold 10,000 H100 chips, ", "$5 billion ", "Q3 2024 ", "in April ", "Meta ",
          "Microsoft said ", "Llama 3.1 ", "hundreds of millions ", "Inc. ", "U.S. ", "Mr. ", "A-B-C-", "<meta ",
          "Scout, Maverick and ", "Microsoft spent $5 million. ", "Meta will spend $5 billion that month. ",
          "Microsoft spent $5 million in the same quarter. ", "Meta will spend $5 billion on chips ",
          "Abcdefghijklmnop", "1.", "a.a.", "a-\n", "x" + " " * 50 + "\n", "<link ", "<!-- <meta ",
          "GPT-" + "9" * 30 + "zz ", "Meta will release a model with the " + "A" * 30 + "x. "]


def timings(read, text: str, runs: int = 3):
    """The CPU time of each of `runs` reads of `text`, yielded as each ends; a read that
    runs past `STUCK` seconds fails at once (an exponential pattern would not end in any
    time worth waiting)."""
    signal.signal(signal.SIGALRM, _stuck)
    gc.disable()  # a collection of other tests' garbage is no part of the reader's time
    try:
        for _ in range(runs):
            signal.setitimer(signal.ITIMER_REAL, STUCK)
            started = time.process_time()  # this process's CPU time: other work on a busy machine is no part of it
            try:
                read(text)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            yield time.process_time() - started
    finally:
        gc.enable()


def _stuck(*_):
    raise TimeoutError(f"a read of {LARGE:,} characters took more than {STUCK} s")


def grows_linearly(read, token: str) -> bool:
    """Whether four times as many repeats of `token` take less than `GROWTH` times as long,
    each size timed at its best of three runs. A read of the large text under `QUICK`
    seconds passes as it is: nothing that grows with the square of its input reads this
    much text that fast. A large read under the bound ends the measure (the best of three
    would be under it too)."""
    small_text, large_text = token * (SMALL // len(token)), token * (LARGE // len(token))
    for _ in range(3):  # a busy machine can slow one measure; a super-linear reader stays slow every time
        bound = None
        for large in timings(read, large_text):
            if large < QUICK:
                return True
            if bound is None:
                bound = GROWTH * min(timings(read, small_text))
            if large < bound:
                return True
    return False


READERS = {
    "sentences": find_sentences,
    "money": find_money,
    "counts": find_counts,
    "dates": lambda text: find_dates(text, DateContext(PUBLISHED)),
    "chips": lambda text: REFERENCE.chips.find(text, generic=True),
    "models": lambda text: REFERENCE.models.find(text, {"OpenAI", "Meta"}),
    "organizations": REFERENCE.organizations.find,
    "html metadata": published_meta,
    "text normalization": lambda text: normalize_text(text, "pdf"),
    "extraction": lambda text: extract_events(text, PUBLISHED, REFERENCE),
}


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("token", TOKENS)
def test_reader_time_grows_in_proportion_to_repeats_of_a_known_token(reader, token):
    assert grows_linearly(READERS[reader], token)


@pytest.mark.parametrize("reader", list(READERS))
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token=st.lists(st.sampled_from(list("aA9 .,$-(\n") + ["GPT-4", "H100", "Meta", "billion", "said"]),
                      min_size=1, max_size=8).map("".join))
def test_reader_time_grows_in_proportion_to_repeats_of_any_token(reader, token):
    assert grows_linearly(READERS[reader], token)
