"""Table-driven tests for pipeline.sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extraction.sentences import find_sentences

FIXTURES = Path(__file__).parent / "fixtures"


def _values(case):
    return case.values if hasattr(case, "values") else case


def _texts(text: str) -> list[str]:
    return [s.text for s in find_sentences(text)]


ABBREVIATIONS = [
    "Nvidia Corp. H100 chips are still scarce.",
    "The deal closed on Jan. 20 after weeks of talks.",
    "The U.S. Commerce Department tightened export rules.",
    "Paul R. Lowry, an analyst, called the plan bold.",
    "Meta Platforms Inc. Chief Executive Mark Zuckerberg set the target.",
    "Mr. Huang said demand was strong.",
    "The lab in St. Louis will open next year.",
    "It is the No. 1 supplier of AI chips.",
    "Microsoft Corp. said it will spend $80 billion.",
    "The site near Redmond, Wash. opens in 2026.",
    pytest.param(
        "J.P. Morgan analysts expect more spending."
    ),
    pytest.param(
        "Big buyers, e.g. Meta and Microsoft, keep ordering chips."
    ),
    "Dr. Lisa Su runs AMD.",
    "Google vs. Microsoft is the rivalry to watch.",
]


@pytest.mark.parametrize("text", ABBREVIATIONS)
def test_find_sentences_abbreviation_does_not_split(text):
    assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Nvidia Corp. H100 chips are scarce. Meta bought them anyway.",
            ["Nvidia Corp. H100 chips are scarce.", "Meta bought them anyway."],
        ),
        (
            "The U.S. Commerce Department acted on Jan. 20. Shares fell.",
            ["The U.S. Commerce Department acted on Jan. 20.", "Shares fell."],
        ),
    ],
)
def test_find_sentences_abbreviation_inside_then_real_end_splits_once(text, expected):
    assert _texts(text) == expected


DECIMALS = [
    "Meta will spend $1.5 billion on the cluster.",
    "Capex rose 3.5 percent to $12.4 billion.",
    "The model, Llama 3.1, has 405 billion parameters.",
    "Version 2.0 of the chip ships in June.",
]


@pytest.mark.parametrize("text", DECIMALS)
def test_find_sentences_decimal_point_does_not_split(text):
    assert _texts(text) == [text]


SPLITS = [
    (
        "Meta will spend $1.5 billion. It said so on Tuesday.",
        ["Meta will spend $1.5 billion.", "It said so on Tuesday."],
    ),
    (
        '"We are good for it," he said. "The money is there." Analysts agreed.',
        ['"We are good for it," he said.', '"The money is there."', "Analysts agreed."],
    ),
    (
        "He said: \u201cWe will build it.\u201d The board agreed.",
        ["He said: \u201cWe will build it.\u201d", "The board agreed."],
    ),
    (
        "Is this a bubble? Some investors think so! Others do not.",
        ["Is this a bubble?", "Some investors think so!", "Others do not."],
    ),
    (
        "The chips cost $30,000 each. $10 billion went to power.",
        ["The chips cost $30,000 each.", "$10 billion went to power."],
    ),
    (
        "Mistral raised money. \u20ac600m came from investors.",
        ["Mistral raised money.", "\u20ac600m came from investors."],
    ),
    (
        "Capex rose (again). 2025 will be bigger.",
        ["Capex rose (again).", "2025 will be bigger."],
    ),
    (
        '"Is it worth it?" the analyst asked. Meta said yes.',
        ['"Is it worth it?" the analyst asked.', "Meta said yes."],
    ),
    (
        "(The figure includes leases.) Meta said more.",
        ["(The figure includes leases.)", "Meta said more."],
    ),
    (
        "It is big. 'Huge,' one analyst said.",
        ["It is big.", "'Huge,' one analyst said."],
    ),
    pytest.param(
        "Musk said the cluster was ready. xAI will double it.",
        ["Musk said the cluster was ready.", "xAI will double it."]
    ),
    (
        "It would rival a vast expansion in the U.S. The projects cost more.",
        ["It would rival a vast expansion in the U.S.", "The projects cost more."],
    ),
]


@pytest.mark.parametrize("text,expected", SPLITS, ids=[_values(c)[1][0] for c in SPLITS])
def test_find_sentences_sentence_end_splits(text, expected):
    assert _texts(text) == expected


LINE_BREAKS = [
    ("Microsoft doubles down on AI\nThe company will spend more.", ["Microsoft doubles down on AI", "The company will spend more."]),
    ("first line without a stop\nsecond line", ["first line without a stop", "second line"]),
    ("A headline\n\nA body sentence. Another one.", ["A headline", "A body sentence.", "Another one."]),
    ("Spending by Nvidia Corp.\nMeta follows.", ["Spending by Nvidia Corp.", "Meta follows."]),
]


@pytest.mark.parametrize("text,expected", LINE_BREAKS, ids=[e[0] for _, e in LINE_BREAKS])
def test_find_sentences_line_break_always_ends_sentence(text, expected):
    assert _texts(text) == expected


def test_find_sentences_paragraph_numbers_follow_lines():
    sentences = find_sentences("Title line\n\nFirst body line. Still first.\nSecond body line.")
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)
    assert paragraphs[1] == paragraphs[2]
    assert len(set(paragraphs)) == 3


SPAN_TEXTS = (
    [_values(t) if isinstance(t, str) else _values(t)[0] for t in ABBREVIATIONS + DECIMALS]
    + [_values(c)[0] for c in SPLITS + LINE_BREAKS]
    + [
        "  Leading spaces. And trailing ones.   \n\n\tTabbed line here.  ",
        "Windows\r\nline endings. Are here.",
        "",
        "   \n \n",
    ]
    + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*")) if p.suffix in (".txt", ".md", ".html")]
)


@pytest.mark.parametrize("text", SPAN_TEXTS, ids=[f"text{i}" for i in range(len(SPAN_TEXTS))])
def test_find_sentences_span_is_original_text(text):
    sentences = find_sentences(text)
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    for before, after in zip(sentences, sentences[1:]):
        assert before.end <= after.start


def test_find_sentences_empty_text_has_no_sentences():
    assert find_sentences("") == []
    assert find_sentences("  \n\n  ") == []
