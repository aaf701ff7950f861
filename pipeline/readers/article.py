"""Reading articles from files: .txt, .md, .html and .pdf become an `Article`, the text
the extraction reads plus what the file says about itself (title, URL, publication date).

- `.txt`: an optional header block ("Title:", "Published:", "Source:", "URL:") or YAML
  front matter, then the text;
- `.md`: YAML front matter (`title`, `date`, `url`, `source`), then the text;
- `.html`: the article's main text, without navigation, scripts, asides or footers, by
  trafilatura; title, date and URL from the page's metadata;
- `.pdf`: the text layer, by pypdf, with hard line breaks and split words mended.

Text in UTF-8, UTF-8 with a BOM, UTF-16 with a BOM or cp1252 is read right. Anything
else raises one of the errors in `errors.py`, each naming the file and the problem.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadPublicationDate, EmptyFile, NoText, TooLarge, UnsupportedFile
from ..extraction.record import FIRST_YEAR, LAST_YEAR
from .html import read_html
from .pdf import read_pdf
from .text import decode_text, normalize_text, read_plain

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

METADATA, USER, ASSUMED = "metadata", "user", "assumed"


@dataclass(frozen=True)
class Article:
    text: str
    source_name: str
    format: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # metadata | user | assumed
    outlet: str | None = None

    @property
    def id(self) -> str:
        """A stable id from the text: the same article read twice has the same id."""
        return article_id(self.text)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_NOT_BLANK = re.compile(rb"\S")


def read_article(path: Path, published: dt.date | None = None, assumed: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, today: dt.date | None = None) -> Article:
    """Read a file from disk. The publication date comes from the file's own metadata, else
    `published` (the user's), else `assumed` (say the file's modification date). Only a
    regular file is read (never a pipe or a device), and never more than `max_bytes`,
    whatever its size claims to be."""
    path = Path(path)
    name = path.name
    _check_format(name)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnsupportedFile(name, "is a broken link" if path.is_symlink() else "does not exist") from None
    except OSError as error:
        raise UnsupportedFile(name, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnsupportedFile(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnsupportedFile(name, "is not a regular file (a pipe, a device or a socket)")
    if info.st_size > max_bytes:
        raise TooLarge(name, f"is {_megabytes(info.st_size)}, over the {_megabytes(max_bytes)} limit")
    if assumed is None and published is None:
        assumed = dt.date.fromtimestamp(info.st_mtime)
    # the bytes are passed on, not kept here, so that `read_bytes` lets them go once decoded
    return read_bytes(_capped_bytes(path, max_bytes), name, published=published, assumed=assumed,
                      max_bytes=max_bytes, today=today)


def _capped_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, never more than one past `max_bytes` whatever its size claims to be."""
    try:
        with open(path, "rb", opener=lambda file, flags: os.open(file, flags | os.O_NONBLOCK)) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise UnsupportedFile(path.name, f"cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise TooLarge(path.name, f"is over the {_megabytes(max_bytes)} limit")
    return data


def read_bytes(data: bytes, name: str, published: dt.date | None = None, assumed: dt.date | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, today: dt.date | None = None) -> Article:
    """Read an article from the bytes of a file called `name` (an upload, say)."""
    fmt = _check_format(name)
    if len(data) > max_bytes:
        raise TooLarge(name, f"is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit")
    if not _NOT_BLANK.search(data):  # not `data.strip()`, which copies the file
        raise EmptyFile(name, "is empty")
    today = today or dt.date.today()
    # each step lets go of what the one before gave it, so that a file near the size limit
    # is held in memory about twice at most, never once per step
    if fmt == "pdf":
        text, meta = read_pdf(data, name)
    elif fmt == "html":
        text, meta = read_html(decode_text(data, name), name, today)
    else:
        text, meta = read_plain(decode_text(data, name))
    del data
    text = normalize_text(text, fmt)
    if not text.strip():
        raise NoText(name, "has no article text")
    date = meta.get("published")
    source = METADATA if date else None
    if date is None and published is not None:
        date, source = published, USER
    if date is None and assumed is not None:
        date, source = assumed, ASSUMED
    if date is not None and not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise BadPublicationDate(name, f"publication date {date.isoformat()} out of range ({FIRST_YEAR} to {LAST_YEAR})")
    return Article(text=text, source_name=name, format=fmt, title=meta.get("title"), url=meta.get("url"),
                   published=date, published_source=source, outlet=meta.get("outlet"))


def format_problem(name: str) -> str | None:
    """Why a file called `name` cannot be read for its kind ("has '.png'; supported: ..."),
    else None: the line an upload shows before anything is read."""
    try:
        _check_format(name)
    except UnsupportedFile as error:
        return error.problem
    return None


def _check_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted({s for s in FORMATS if s in (".txt", ".md", ".html", ".pdf")}))
        shown = f"'{suffix}'" if suffix else "no extension"
        raise UnsupportedFile(name, f"has {shown}; supported: {known}")
    return FORMATS[suffix]


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


