"""Split article text into sentences, keeping each sentence's character span.

Every event keeps the sentence it was read from and where that sentence sits in the
article, so the splitter never rewrites text: it only finds boundaries.
"""
from __future__ import annotations

from dataclasses import dataclass

from .patterns import compiled

# Words that end with a period without ending a sentence ("Nvidia Corp. H100", "Jan. 20").
ABBREVIATIONS = frozenset(
    """inc corp co ltd llc plc bros jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr prof st sr jr gov sen rep gen col lt vs etc approx est no nos vol fig
    u.s u.k e.u u.n a.m p.m mt ft wash calif mass conn ariz colo fla ill mich minn tenn
    tex va pa n.y n.j d.c e.g i.e cf al""".split()
)

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets),
# then whitespace, then something that can start a sentence.
# ... or a lower-case name written with a capital inside ("xAI", "iPhone", "eBay").
# A run of marks is tried from its first mark only (the look-behind), so a page of dots
# takes time in proportion to its length.
_END = compiled(r"""(?<![.!?])[.!?]+["'\u201d\u2019)\]]*(?=\s+(?:["'\u201c\u2018(\[]?[A-Z0-9$\u20ac\u00a3]|[a-z]+[A-Z]))"""
               # ... or, in text scraped without its spaces, a full stop right before the next
               # sentence's first word ("breakthroughs.The supercomputer")
               r"""|(?<=[a-z\u201d\u2019"')])\.(?=[A-Z][a-z]+\s)""")
_INITIALS = compiled(r"(?:[a-z]\.)*[a-z]")  # "r", "j.p"
_PARAGRAPH = compiled(r"[^\n]+")
_LONGEST_WORD = 24  # how far back a word before a period is read
# No sentence is longer than this: longer runs (a page with no full stop, a table flattened
# to one line) are cut at a space before the limit, so that the work done on a sentence
# stays bounded and an article's reading time grows in proportion to its length. Real
# sentences are far shorter (the longest in the test corpora is about 400 characters).
MAX_SENTENCE = 1000
_SPACE_BACK = compiled(r"\s\S*$")


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen ones are four times slower to make
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _ends_with_abbreviation(line: str, dot: int) -> bool:
    """True when the period at `dot` belongs to an abbreviation or an initial."""
    word_start, limit = dot, max(0, dot - _LONGEST_WORD)
    while word_start > limit and (line[word_start - 1].isalnum() or line[word_start - 1] == "."):
        word_start -= 1
    word = line[word_start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # Initials: a single capital letter ("Paul R. Lowry") or several ("J.P. Morgan").
    return bool(_INITIALS.fullmatch(word)) and line[word_start].isupper()


_PLACE_ABBREVIATIONS = ("u.s", "u.k", "e.u", "u.n")
_OPENS_SENTENCE = compiled(r"\s+(?:The|This|That|These|Those|It|Its|In|A|An|But|And|However|Other|He|She|They|We|"
                           r"There|Some|Many|Most|Such|As|At|On|For|With|While|After|Before|Meanwhile)\b")


def _place_ends_sentence(line: str, dot: int, after: int) -> bool:
    """"... a vast expansion in the U.S. The projects are ...": a place written with stops
    ends a sentence when the next word is one that opens sentences."""
    return line[max(0, dot - 3):dot].lower() in _PLACE_ABBREVIATIONS and bool(_OPENS_SENTENCE.match(line, after))


def find_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; a line break always ends a sentence."""
    sentences: list[Sentence] = []
    for paragraph_number, line_match in enumerate(_PARAGRAPH.finditer(text)):
        line = line_match.group()
        offset = line_match.start()
        start = 0
        if "." not in line and "!" not in line and "?" not in line:  # one sentence: no stop to look at
            _add(sentences, line, offset, 0, len(line), paragraph_number)
            continue
        for end_match in _END.finditer(line):
            first_dot = end_match.start()
            if line[first_dot] == "." and _ends_with_abbreviation(line, first_dot) \
                    and not _place_ends_sentence(line, first_dot, end_match.end()):
                continue
            _add(sentences, line, offset, start, end_match.end(), paragraph_number)
            start = end_match.end()
        _add(sentences, line, offset, start, len(line), paragraph_number)
    return sentences


def _add(out: list[Sentence], line: str, offset: int, start: int, end: int, paragraph: int) -> None:
    if 0 < end - start <= MAX_SENTENCE and not line[start].isspace() and not line[end - 1].isspace():
        out.append(Sentence(offset + start, offset + end, line[start:end], paragraph))  # nothing to trim or cut
        return
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # cut at the last space before the limit, else at the limit
        space = _SPACE_BACK.search(line, start, start + MAX_SENTENCE)
        cut = space.start() if space and space.start() > start else start + MAX_SENTENCE
        _add(out, line, offset, start, cut, paragraph)
        start = cut
        while start < end and line[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(offset + start, offset + end, line[start:end], paragraph))
