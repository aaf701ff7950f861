"""A news page's article text and metadata: trafilatura finds the main text (without
navigation, scripts, asides and footers); the page's own tags give its date and URL."""
from __future__ import annotations

import datetime as dt
import json
import re

import trafilatura

from ..errors import NoText
from ..extraction.dates import parse_date

def read_html(raw: str, name: str, today: dt.date) -> tuple[str, dict]:
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
    published = published_meta(raw)
    if published is None and data.get("date"):
        published = parse_date(data["date"])
    if published and published > today:
        published = None
    meta["published"] = published
    return text, meta


# Attributes are read within one tag: [^<>] never runs past the tag, and is bounded, so a
# page of unclosed "<meta " takes time in proportion to its length.
_META_DATE = re.compile(
    r"""<meta[^<>]{1,400}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|pubdate|publish[-_]date|date|dc\.date|DC\.date\.issued|sailthru\.date|parsely-pub-date)["'][^<>]{0,400}>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"'<>]{1,200})["']""", re.IGNORECASE)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{1,100})"')
_CANONICAL = re.compile(r"""<link[^<>]{1,400}?rel\s*=\s*["']canonical["'][^<>]{0,400}>|<meta[^<>]{1,400}?property\s*=\s*["']og:url["'][^<>]{0,400}>""", re.IGNORECASE)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"'<>]{1,2000})["']""", re.IGNORECASE)


def published_meta(raw: str) -> dt.date | None:
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


