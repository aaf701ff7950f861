"""The vocabulary's case-blind patterns find what IGNORECASE finds, at the same places."""
import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline.extraction import cues as vocabulary
from pipeline.readers.article import read_article
from pipeline.extraction.sentences import find_sentences
from pipeline.extraction.patterns import CaseBlind

FIXTURES = Path(__file__).parent / "fixtures"
CASE_BLIND = {name: value for name, value in vars(vocabulary).items() if isinstance(value, CaseBlind)}


def sample_sentences() -> list[str]:
    sentences = []
    for path in sorted((FIXTURES / "samples").iterdir()):
        text = read_article(path, published=dt.date(2025, 1, 1)).text
        sentences += [s.text for s in find_sentences(text)]
        sentences += [s.text.upper() for s in find_sentences(text)]
    return sentences


@pytest.mark.parametrize("name", sorted(CASE_BLIND))
def test_case_blind_pattern_finds_what_ignorecase_finds(name):
    pattern = CASE_BLIND[name]
    reference = re.compile(pattern.pattern, re.IGNORECASE)
    for sentence in sample_sentences():
        assert [m.span() for m in pattern.finditer(sentence)] == [m.span() for m in reference.finditer(sentence)]
        assert bool(pattern.search(sentence)) == bool(reference.search(sentence))


def test_text_that_lowercasing_lengthens_falls_back_with_right_positions():
    text = "İstanbul: the company SAID it would spend more"  # "İ".lower() is two characters
    match = vocabulary.ATTRIBUTION.search(text)
    assert match is not None and text[match.start():match.end()] == "SAID"


def test_escapes_keep_their_case():
    pattern = CaseBlind(r"\S+\s+Capex\b")
    assert pattern.search("THE CAPEX").span() == (0, 9)
    assert pattern.search("   ") is None


def test_a_case_sensitive_part_keeps_its_case():
    pattern = CaseBlind(r"\b(?:will|(?-i:may))\s+(?:spend|invest)\b")
    text = "In May spend rose. It MAY SPEND more; it may invest or WILL SPEND."
    assert [text[m.start():m.end()] for m in pattern.finditer(text)] == ["may invest", "WILL SPEND"]
    assert text[slice(*pattern.search(text).span())] == "may invest"
    assert pattern.match(text, text.index("May")) is None
    assert pattern.match(text, text.index("WILL")).group() == "WILL SPEND"  # a confirmed match keeps the text's case
