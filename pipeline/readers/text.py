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
    proportion to them."""
    out: list[list[str]] = []  # each line out, as the pieces it was joined from
    length = 0  # of the last line out
    for line in text.split("\n"):
        if out and line.strip() and not _BULLET.match(line):
            pieces = out[-1]
            last = pieces[-1].rstrip()
            if len(pieces) > 1 or last:  # the line before is not blank
                tail = ("".join(pieces[-3:-1]) + last)[-2:]  # the last two characters before the break
                previous_length = length - (len(pieces[-1]) - len(last))
                ends_sentence = tail.endswith((".", "!", "?", ":", '"', "”", "’"))
                continues = line.lstrip()[:1].islower() or line.lstrip()[:1] in "$€£¥(,;"
                if tail.endswith("-") and continues and re.fullmatch(r"[A-Za-z]-", tail):
                    pieces[-1:] = [last, line.lstrip()]  # "multi-\nyear" -> "multi-year"
                    length = previous_length + len(pieces[-1])
                    continue
                if continues and not ends_sentence or aggressive and not ends_sentence and previous_length > 45:
                    pieces[-1:] = [last, " ", line.lstrip()]
                    length = previous_length + 1 + len(pieces[-1])
                    continue
        out.append([line])
        length = len(line)
    return "\n".join("".join(pieces) for pieces in out)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
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
    else:
        lines = raw.lstrip("\ufeff").split("\n")
        consumed = 0
        for line in lines:
            header = _HEADER_LINE.match(line.strip())
            if not header:
                break
            fields[header.group("key").lower()] = header.group("value").strip()
            consumed += 1
        if consumed and (consumed == len(lines) or not lines[consumed].strip()):
            body = "\n".join(lines[consumed:])
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
        first = next((line.strip().lstrip("# ").strip() for line in body.splitlines() if line.strip()), None)
        meta["title"] = first[:200] if first else None
    return body, meta


