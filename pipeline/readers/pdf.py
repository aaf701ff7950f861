"""A PDF's text layer (pypdf), its title, and a date line in its masthead."""
from __future__ import annotations

import datetime as dt
import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError

from ..errors import BinaryFile, NoText
from ..extraction.dates import parse_date

MAX_PDF_PAGES = 500

def read_pdf(data: bytes, name: str) -> tuple[str, dict]:
    if not data.lstrip()[:5] == b"%PDF-":
        raise BinaryFile(name, "is not a PDF (it does not start with %PDF-)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened_without_password(reader):
            raise NoText(name, "is encrypted (a PDF locked with a password cannot be read)")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip() if hasattr(info, "get") else ""
    except NoText:
        raise
    except DependencyError:
        raise NoText(name, "is encrypted (AES), which this reader cannot decrypt") from None
    except Exception as error:  # a broken or hostile PDF can make pypdf raise almost anything
        raise NoText(name, f"could not be read as a PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise NoText(name, "has no text layer (a scanned PDF needs OCR first)")
    first_lines = [line.strip() for line in text.splitlines() if line.strip()][:8]
    meta = {"title": title or (first_lines[0][:200] if first_lines else None)}
    meta["published"] = next((d for d in (date_line(line) for line in first_lines) if d), None)
    return text, meta


def _opened_without_password(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with the empty password (many only restrict printing)."""
    return bool(reader.decrypt(""))


def date_line(line: str) -> dt.date | None:
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
