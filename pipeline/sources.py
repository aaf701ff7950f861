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
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from .errors import BinaryFile, EmptyFile, NoText, TooLarge, Undecodable, UnsupportedFile

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 500

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


def read_article(path: Path, published: dt.date | None = None, assumed: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, today: dt.date | None = None) -> Article:
    """Read a file from disk. The publication date comes from the file's own metadata, else
    `published` (the user's), else `assumed` (say the file's modification date)."""
    path = Path(path)
    name = path.name
    _check_format(name)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnsupportedFile(name, f"cannot be read ({error.strerror or error})") from None
    if path.is_dir():
        raise UnsupportedFile(name, "is a folder, not a file")
    if size > max_bytes:
        raise TooLarge(name, f"is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnsupportedFile(name, f"cannot be read ({error.strerror or error})") from None
    if assumed is None and published is None:
        assumed = dt.date.fromtimestamp(path.stat().st_mtime)
    return read_bytes(data, name, published=published, assumed=assumed, max_bytes=max_bytes, today=today)


def read_bytes(data: bytes, name: str, published: dt.date | None = None, assumed: dt.date | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, today: dt.date | None = None) -> Article:
    """Read an article from the bytes of a file called `name` (an upload, say)."""
    fmt = _check_format(name)
    if len(data) > max_bytes:
        raise TooLarge(name, f"is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit")
    if not data.strip():
        raise EmptyFile(name, "is empty")
    today = today or dt.date.today()
    if fmt == "pdf":
        text, meta = _read_pdf(data, name)
    else:
        raw = decode_text(data, name)
        if fmt == "html":
            text, meta = _read_html(raw, name, today)
        else:
            text, meta = _read_plain(raw)
    text = normalize_text(text, fmt)
    if not text.strip():
        raise NoText(name, "has no article text")
    date = meta.get("published")
    source = METADATA if date else None
    if date is None and published is not None:
        date, source = published, USER
    if date is None and assumed is not None:
        date, source = assumed, ASSUMED
    return Article(text=text, source_name=name, format=fmt, title=meta.get("title"), url=meta.get("url"),
                   published=date, published_source=source, outlet=meta.get("outlet"))


def _check_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted({s for s in FORMATS if s in (".txt", ".md", ".html", ".pdf")}))
        shown = f"'{suffix}'" if suffix else "no extension"
        raise UnsupportedFile(name, f"has {shown}; supported: {known}")
    return FORMATS[suffix]


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


# --- text and encodings -------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise BinaryFile(name, "is binary, not text")
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


def normalize_text(text: str, fmt: str) -> str:
    """One form of the text for every format: NFC, plain spaces and line breaks, no
    control characters; lines that a PDF or a hard-wrapped file broke are joined."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = re.sub(r"[ ]+\n", "\n", text)
    text = _unwrap(text, aggressive=(fmt == "pdf"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_BULLET = re.compile(r"^\s*(?:[-*•▪]|\d+[.)]|#{1,6})\s")


def _unwrap(text: str, aggressive: bool) -> str:
    """Join lines that continue a sentence. PDF text breaks every line; plain text only
    when the next line starts in lower case. Split words ("multi-\\nyear") are mended."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and not _BULLET.match(line):
            previous = out[-1].rstrip()
            ends_sentence = previous.endswith((".", "!", "?", ":", '"', "”", "’"))
            continues = line.lstrip()[:1].islower() or line.lstrip()[:1] in "$€£¥(,;"
            if previous.endswith("-") and continues and re.search(r"[A-Za-z]-$", previous):
                out[-1] = previous + line.lstrip()  # "multi-\nyear" -> "multi-year"
                continue
            if continues and not ends_sentence or aggressive and not ends_sentence and len(previous) > 45:
                out[-1] = previous + " " + line.lstrip()
                continue
        out.append(line)
    return "\n".join(out)


# --- plain text and markdown ------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADER_LINE = re.compile(r"^(?P<key>Title|Headline|Published|Date|Source|Outlet|URL|Link|Author|By)\s*:\s*(?P<value>.+)$", re.IGNORECASE)


def _read_plain(raw: str) -> tuple[str, dict]:
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


# --- HTML -----------------------------------------------------------------------------------

def _read_html(raw: str, name: str, today: dt.date) -> tuple[str, dict]:
    import trafilatura  # loaded on first use: importing it takes a second

    try:
        extracted = trafilatura.extract(
            raw, output_format="json", with_metadata=True, include_comments=False,
            include_tables=True, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "max_date": today.isoformat()},
        )
    except Exception as error:  # trafilatura raises many kinds on hostile markup
        raise NoText(name, f"could not be read as an HTML page ({type(error).__name__})") from None
    if not extracted:
        raise NoText(name, "has no article text (only scripts, navigation or an empty page)")
    data = json.loads(extracted)
    text = data.get("text") or ""
    if len(text.split()) < 5:
        raise NoText(name, "has no article text (only scripts, navigation or an empty page)")
    meta = {"title": data.get("title"), "outlet": data.get("sitename")}
    meta["url"] = data.get("url") or _canonical_url(raw)
    published = _published_meta(raw)
    if published is None and data.get("date"):
        published = parse_date(data["date"])
    if published and published > today:
        published = None
    meta["published"] = published
    return text, meta


_META_DATE = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|pubdate|publish[-_]date|date|dc\.date|DC\.date\.issued|sailthru\.date|parsely-pub-date)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_CANONICAL = re.compile(r"""<link[^>]+rel\s*=\s*["']canonical["'][^>]*>|<meta[^>]+property\s*=\s*["']og:url["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _published_meta(raw: str) -> dt.date | None:
    """The page's own publication date: a meta tag, else JSON-LD `datePublished`."""
    head = raw[:200_000]
    for tag in _META_DATE.finditer(head):
        content = _CONTENT.search(tag.group())
        if content:
            day = parse_date(content.group(1))
            if day:
                return day
    json_ld = _JSON_LD_DATE.search(head)
    return parse_date(json_ld.group(1)) if json_ld else None


def _canonical_url(raw: str) -> str | None:
    tag = _CANONICAL.search(raw[:200_000])
    if not tag:
        return None
    href = _HREF.search(tag.group())
    return href.group(1) if href and href.group(1).startswith(("http://", "https://")) else None


# --- PDF --------------------------------------------------------------------------------------

def _read_pdf(data: bytes, name: str) -> tuple[str, dict]:
    if not data.lstrip()[:5] == b"%PDF-":
        raise BinaryFile(name, "is not a PDF (it does not start with %PDF-)")
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NoText(name, "is an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        info = reader.metadata or {}
        title = (info.get("/Title") or "").strip() if hasattr(info, "get") else ""
    except NoText:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as error:
        raise NoText(name, f"could not be read as a PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise NoText(name, "has no text layer (a scanned PDF needs OCR first)")
    first_lines = [line.strip() for line in text.splitlines() if line.strip()][:8]
    meta = {"title": title or (first_lines[0][:200] if first_lines else None)}
    meta["published"] = next((d for d in (_date_line(line) for line in first_lines) if d), None)
    return text, meta


def _date_line(line: str) -> dt.date | None:
    """A line near the top that carries the document's date: a date alone ("March 18,
    2024"), after a label ("Published: 2024-03-18"), or in a masthead of short fields
    ("Ridgeline Research | Company update | March 19, 2024")."""
    fields = [f.strip() for f in re.split(r"\s[|·•]\s", line)]
    for field in fields:
        if len(field.split()) <= 6:
            day = parse_date(re.sub(r"^(?:published|date|dated|issued)\s*:?\s*", "", field, flags=re.IGNORECASE))
            if day:
                return day
    return None
