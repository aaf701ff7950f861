"""Alternatives gathered by their first character match what the pattern as written matches."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extraction.models import ModelTable
from pipeline.extraction.patterns import compiled, factor_alternatives


def test_alternatives_that_begin_alike_are_gathered_under_their_first_character():
    assert factor_alternatives(r"\b(?:will|plans?|would)\b") == r"\b(?:(?:will|would)|plans?)\b"


def test_an_alternative_that_does_not_begin_with_a_literal_keeps_its_place():
    # "(?:x|y)z" could match where "wait" does not, so "wait" may not move before it
    assert factor_alternatives(r"will|(?:x|w)z|wait|would") == r"will|(?:x|w)z|(?:wait|would)"
    assert factor_alternatives(r"cats|c?d|cows|dogs") == r"cats|c?d|cows|dogs"


def test_lookbehinds_classes_and_escapes_are_left_as_written():
    source = r"(?<!ab|cd|ae)[a|b]x|\|y|\|z"
    assert factor_alternatives(source) == source


def test_named_groups_are_gathered_inside():
    assert factor_alternatives(r"(?P<verb>said|told|says)") == r"(?P<verb>(?:said|says)|told)"


def test_verbose_patterns_are_compiled_as_written():
    assert compiled(r"a b|a c|a d", re.VERBOSE).pattern == r"a b|a c|a d"


# Small patterns over a small alphabet, so alternatives often begin alike and overlap.
_ATOMS = st.sampled_from(["a", "b", "c", "ab", "a?", "b*", r"\b", r"\s", "[ab]", "(?:a|b)", "(?=a)", "(?<!c)", "(b|c)"])
_ALTERNATIVE = st.lists(_ATOMS, min_size=1, max_size=4).map("".join)
_ALTERNATION = st.lists(_ALTERNATIVE, min_size=1, max_size=7).map("|".join)
_PATTERN = st.one_of(_ALTERNATION, _ALTERNATION.map(lambda s: rf"\b(?:{s})"), _ALTERNATION.map(lambda s: f"x(?:{s})+y"))


@settings(max_examples=400, deadline=None)
@given(source=_PATTERN, text=st.text(alphabet="abcxy ", max_size=30))
def test_factored_pattern_finds_what_the_written_pattern_finds(source, text):
    written, factored = re.compile(source), compiled(source)
    assert [(m.span(), m.groups()) for m in factored.finditer(text)] == [(m.span(), m.groups()) for m in written.finditer(text)]


def test_model_family_counts_only_at_the_start_of_a_word():
    table = ModelTable([("GPT", "OpenAI", False), ("Gemini", "Google", False), ("Llama", "Meta", False)])
    text = "GPT-4o beat Gemini 1.5, not myGPT-4, $Llama 3 or pre-Gemini 2 drafts; then came Llama 3."
    assert [m.name for m in table.find(text, set())] == ["GPT-4o", "Gemini 1.5", "Llama 3"]
