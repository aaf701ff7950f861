"""Extraction quality on the project's own gold corpus (tests/corpus, written for this
project and annotated by the conventions in its README). A floor, not a target: a change
that makes the extraction worse on it fails here."""
from pathlib import Path

from scoring import score_corpus

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_extraction_on_gold_corpus_stays_above_the_floor():
    score = score_corpus(CORPUS)
    assert score.core_f1 >= 0.90, score
    assert score.strict_f1 >= 0.80, score
