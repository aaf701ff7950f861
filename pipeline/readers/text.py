"""Article text from bytes: the encoding read, the text brought to one form, and the
header block or front matter of a plain-text or Markdown file."""
from __future__ import annotations

import re
import unicodedata

from ..errors import BinaryFile, Undecodable
from ..extraction.dates import parse_date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when
    every other byte of a Latin-script text is zero), else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        candidates = [_utf16_without_bom(data, name)]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
            raise BinaryFile(name, "is binary, not text")
        return text
    raise Undecodable(name, "is not valid text in UTF-8, UTF-16 or Windows-1252 (cp1252)")


def _utf16_without_bom(data: bytes, name: str) -> str:
    """The byte order of UTF-16 written without its mark, told by where the zero bytes of
    ASCII characters fall; anything else with zero bytes in it is binary."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if len(data) % 2 == 0 and half and odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if len(data) % 2 == 0 and half and even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    raise BinaryFile(name, "is binary, not text")


def normalize_text(text: str, fmt: str) -> str:
    """One form of the text for every format: NFC, plain spaces and line breaks, no
    control characters; lines that a PDF or a hard-wrapped file broke are joined."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = _SPACES_BEFORE_BREAK.sub("\n", text)
    text = _unwrap(text, aggressive=(fmt == "pdf"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_SPACES_BEFORE_BREAK = re.compile(r"(?<![ ])[ ]+\n")  # tried from the first space of a run only: linear
_BULLET = re.compile(r"^\s*(?:[-*•▪]|\d+[.)]|#{1,6})\s")


def _unwrap(text: str, aggressive: bool) -> str:
    """Join lines that continue a sentence. PDF text breaks every line; plain text only
    when the next line starts in lower case. Split words ("multi-\\nyear") are mended.
    A joined line is kept as its pieces, so that joining many lines takes time in
    proportion to them; a text with nothing to join is returned as it is, never copied."""
    out: list[str] | None = None  # the lines out before the current one, once a line was joined
    pieces: list[str] = []  # the current line out, as the pieces it was joined from
    length = 0  # of the current line out
    for start, line in _lines(text):
        if pieces and line.strip() and not _BULLET.match(line):
            last = pieces[-1].rstrip()
            if len(pieces) > 1 or last:  # the line before is not blank
                tail = ("".join(pieces[-3:-1]) + last)[-2:]  # the last two characters before the break
                previous_length = length - (len(pieces[-1]) - len(last))
                ends_sentence = tail.endswith((".", "!", "?", ":", '"', "”", "’"))
                continues = line.lstrip()[:1].islower() or line.lstrip()[:1] in "$€£¥(,;"
                mended = tail.endswith("-") and continues and re.fullmatch(r"[A-Za-z]-", tail)
                if mended or continues and not ends_sentence or aggressive and not ends_sentence and previous_length > 45:
                    if out is None:  # the first join: the lines before the current one are the text's own
                        out = [text[:current_start - 1]] if current_start else []
                    pieces[-1:] = [last, line.lstrip()] if mended else [last, " ", line.lstrip()]  # "multi-year"
                    length = previous_length + (0 if mended else 1) + len(pieces[-1])
                    continue
        if out is not None and pieces:
            out.append("".join(pieces))
        pieces, length, current_start = [line], len(line), start
    if out is None:
        return text
    out.append("".join(pieces))
    return "\n".join(out)


def _lines(text: str):
    """Each line of `text` with where it starts, one at a time (as `text.split("\\n")` gives them)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, text[start:]
            return
        yield start, text[start:end]
        start = end + 1


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIRST_LINE = re.compile(r"\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")  # the first line that is not blank
_HEADER_LINE = re.compile(r"^(?P<key>Title|Headline|Published|Date|Source|Outlet|URL|Link|Author|By)\s*:\s*(?P<value>.+)$", re.IGNORECASE)


def read_plain(raw: str) -> tuple[str, dict]:
    """Front matter or a header block, then the text."""
    meta: dict = {}
    fields: dict[str, str] = {}
    match = _FRONT_MATTER.match(raw.lstrip("\ufeff"))
    if match:
        for line in match.group("body").splitlines():
            key, sep, value = line.partition(":")
            if sep and not line.startswith((" ", "\t", "-")):
                fields[key.strip().lower()] = value.strip().strip("'\"")
        body = raw.lstrip("\ufeff")[match.end():]
    else:  # header lines, read one at a time: the text after them is copied once, not split
        raw = raw.lstrip("\ufeff")
        body_start, blank_after = len(raw), True  # where the text after the header starts
        for start, line in _lines(raw):
            header = _HEADER_LINE.match(line.strip())
            if header is None:
                body_start, blank_after = start, not line.strip()
                break
            fields[header.group("key").lower()] = header.group("value").strip()
        if fields and blank_after:  # the header ends with a blank line, or the file with it
            body = raw[body_start:]
        else:
            fields, body = {}, raw
    meta["title"] = fields.get("title") or fields.get("headline") or None
    meta["url"] = fields.get("url") or fields.get("link") or None
    meta["outlet"] = fields.get("source") or fields.get("outlet") or None
    for key in ("published", "date"):
        if fields.get(key):
            meta["published"] = parse_date(fields[key])
            if meta["published"]:
                break
    if meta.get("title") is None:
        first = _FIRST_LINE.search(body)  # not `body.splitlines()`, which copies the whole text
        title = first.group().strip().lstrip("# ").strip() if first else None
        meta["title"] = title[:200] if title else None
    return body, meta


