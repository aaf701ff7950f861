"""Sentences about organizations and models that no reference table knows are read like
sentences about known ones: the organization from what it does and how news introduces
it, the model from how it is released or named. The cases are invented companies and
models in the styles of news (tests/fixtures/unseen_names.py, written for this project)."""
import datetime as dt

import pytest

from fixtures.unseen_names import CASES
from pipeline.extraction import extract_events
from pipeline.readers.reference_tables import shipped_reference
from scoring import score_documents

REFERENCE = shipped_reference()


def events(text: str, published: str = "2025-03-06") -> list[tuple]:
    """(kind, org, model or item, low, high, status) of each event, in order."""
    return [(e.kind, e.org, e.model or e.item, e.amount_low, e.amount_high, e.status)
            for e in extract_events(text, dt.date.fromisoformat(published), REFERENCE)]


@pytest.mark.parametrize("text,expected", [
    # an organization as the subject of a verb of saying, spending, installing or releasing
    ("Vireo Labs said on Tuesday it would spend $1.2 billion on a GPU cluster in Ohio.",
     [("investment", "Vireo Labs", None, 1.2e9, 1.2e9, "planned")]),
    ("Quantum Leap Cloud has installed 8,000 Nvidia H200 GPUs at its Oslo site.",
     [("hardware", "Quantum Leap Cloud", "Nvidia H200", 8000, 8000, "done")]),
    ("Orbital Minds unveiled Halcyon-2, its newest language model, on Friday.",
     [("model_release", "Orbital Minds", "Halcyon-2", None, None, "done")]),
    # a supercomputing or research centre is an institution, not a building
    ("The Alpine Supercomputing Centre said it bought 4,000 Nvidia H100 GPUs.",
     [("hardware", "Alpine Supercomputing Centre", "Nvidia H100", 4000, 4000, "done")]),
    ("The Alpine Supercomputing Centre has released Edelweiss, a fully open large language model.",
     [("model_release", "Alpine Supercomputing Centre", "Edelweiss", None, None, "done")]),
    # every form of the verb: "is releasing", "is introducing", "has rolled out"
    ("Today Tern Research is releasing Gull-Lite, a 3-billion-parameter model small enough for a laptop.",
     [("model_release", "Tern Research", "Gull-Lite", None, None, "done")]),
    # one word that releases a model-shaped name makes models
    ("Ravelin released Sable-Coder 1.1, a code model, alongside a new chat app.",
     [("model_release", "Ravelin", "Sable-Coder 1.1", None, None, "done")]),
    # a time or an aside between the organization and its verb
    ("Orbital Minds on Tuesday released Halcyon-2, a large language model.",
     [("model_release", "Orbital Minds", "Halcyon-2", None, None, "done")]),
    ("Granite Peak, which operates data centers in Texas, said it would add 12,000 Nvidia B200 chips.",
     [("hardware", "Granite Peak", "Nvidia B200", 12000, 12000, "planned")]),
    # a name that ends as only a company's does, wherever it stands
    ("Nvidia has delivered 4,000 B200 chips to Pinecrest Cloud for a new cluster in Iowa.",
     [("hardware", "Pinecrest Cloud", "Nvidia B200", 4000, 4000, "done")]),
    # a company post in the first person
    ("At Brackenridge, we brought our second cluster online today: 2,048 Nvidia H200 GPUs in Reykjavik.",
     [("hardware", "Brackenridge", "Nvidia H200", 2048, 2048, "done")]),
    # "each": one claim per organization
    ("Microsoft and OpenAI each plan to put $10 billion into the data center project.",
     [("investment", "Microsoft", None, 1e10, 1e10, "planned"), ("investment", "OpenAI", None, 1e10, 1e10, "planned")]),
    ("Vireo Labs and Northwind Compute will each deploy 20,000 Nvidia H200 GPUs in Texas.",
     [("hardware", "Vireo Labs", "Nvidia H200", 20000, 20000, "planned"),
      ("hardware", "Northwind Compute", "Nvidia H200", 20000, 20000, "planned")]),
    # models listed, versioned and named
    ("Kestrel AI released Kestrel-7B and Kestrel-70B on Monday.",
     [("model_release", "Kestrel AI", "Kestrel-7B", None, None, "done"),
      ("model_release", "Kestrel AI", "Kestrel-70B", None, None, "done")]),
    ("Introducing Lodestar 2, the most capable model we at Lumen Thread have built.",
     [("model_release", "Lumen Thread", "Lodestar 2", None, None, "done")]),
])
def test_names_in_no_table_are_read_from_what_they_do(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Jensen Huang said on Tuesday the company would spend $1.2 billion on a GPU cluster.",  # a person, not a company
    "The Financial Times reported that the start-up would spend $2 billion on data centers.",  # who reports
    "Shares of the cloud provider rose 4% after it said it would buy 5,000 GPUs.",  # a word that opens a sentence
])
def test_people_newspapers_and_sentence_openers_are_no_organizations(text):
    assert all(org not in ("Jensen Huang", "Financial Times", "Shares") for _, org, *_ in events(text))


def test_invented_names_read_like_known_ones_above_the_floor():
    documents = [(case["text"], dt.date.fromisoformat(case["published"]), case["expected"]) for case in CASES]
    score = score_documents(documents)
    assert score.core_f1 >= 0.85, score
    assert score.strict_f1 >= 0.80, score
