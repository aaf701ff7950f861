"""Tests for pipeline.sources: bad input gives one clear line naming the file, good input
gives the article text and what the file says about itself."""
from __future__ import annotations

import datetime as dt
import io
import tracemalloc
from pathlib import Path

import pytest

from pipeline.errors import (
    ArticleError,
    BinaryFile,
    EmptyFile,
    NoText,
    TooLarge,
    Undecodable,
    UnsupportedFile,
)
from pipeline.readers.article import read_article, read_bytes

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2025, 6, 1)
USER_DATE = dt.date(2024, 1, 2)
ASSUMED_DATE = dt.date(2023, 5, 6)


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF drawn by hand: Helvetica text, one line per entry."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n".encode())
    out.write(b"0000000000 65535 f \n")
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _assert_one_line_naming(error: ArticleError, name: str) -> None:
    message = str(error)
    assert message.startswith(f"{name}: ")
    assert "\n" not in message
    assert len(message) > len(name) + 2
    assert "Traceback" not in message


# --- bad input ----------------------------------------------------------------------------

BAD_BYTES = [
    ("empty.txt", b"", EmptyFile),
    ("blank.txt", b"   \n\t\r\n  \n", EmptyFile),
    ("blank.md", b"\n\n\n", EmptyFile),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00", BinaryFile),
    ("nul.txt", b"Meta will spend\x00\x00\x00 more\x00 on\x00 chips", BinaryFile),
    ("legacy.txt", b"Spending rose \x81\x8d\x8f\x90\x9d sharply in the quarter.", Undecodable),
    ("report.docx", b"Meta will spend $40 billion.", UnsupportedFile),
    ("noextension", b"Meta will spend $40 billion.", UnsupportedFile),
    ("scan.pdf", _blank_pdf(), NoText),
    ("picture.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", BinaryFile),
    ("picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", BinaryFile),
    ("legacy.md", b"# Plan\n\nSpending rose \x81\x8d\x8f\x90\x9d sharply.", Undecodable),
    ("legacy.html", b"<html><body><p>Spending \x81\x8d\x8f\x90\x9d rose.</p></body></html>", Undecodable),
]


@pytest.mark.parametrize("name,data,error", BAD_BYTES, ids=[n for n, _, _ in BAD_BYTES])
def test_read_bytes_bad_input_raises_one_line_error_naming_file(name, data, error):
    with pytest.raises(error) as caught:
        read_bytes(data, name, published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, name)


@pytest.mark.parametrize("name,data,error", BAD_BYTES, ids=[n for n, _, _ in BAD_BYTES])
def test_read_article_bad_file_raises_one_line_error_naming_file(tmp_path, name, data, error):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_article(path, published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, name)


@pytest.mark.parametrize("size", [101, 4096])
def test_read_bytes_over_size_limit_raises_too_large(size):
    data = b"Meta will spend more on chips. " * (size // 31 + 1)
    with pytest.raises(TooLarge) as caught:
        read_bytes(data[:size], "big.txt", published=USER_DATE, max_bytes=100, today=TODAY)
    _assert_one_line_naming(caught.value, "big.txt")


def test_read_article_over_size_limit_raises_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Meta will spend more on chips. " * 20)
    with pytest.raises(TooLarge) as caught:
        read_article(path, published=USER_DATE, max_bytes=100, today=TODAY)
    _assert_one_line_naming(caught.value, "big.txt")


def test_read_article_missing_file_raises_one_line_error(tmp_path):
    with pytest.raises(ArticleError) as caught:
        read_article(tmp_path / "missing.txt", published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, "missing.txt")


def test_read_article_folder_raises_one_line_error(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ArticleError) as caught:
        read_article(folder, published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, "folder.txt")


def test_read_article_html_with_only_scripts_raises_no_text():
    with pytest.raises(NoText) as caught:
        read_article(FIXTURES / "scripts_only.html", published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, "scripts_only.html")


def test_read_bytes_pdf_without_text_layer_raises_no_text():
    with pytest.raises(NoText) as caught:
        read_bytes(_blank_pdf(), "scan.pdf", published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, "scan.pdf")


NOT_PDF = [
    ("notes.pdf", b"Meta will spend $40 billion on data centers this year."),
    ("image.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
]


@pytest.mark.parametrize("name,data", NOT_PDF, ids=[n for n, _ in NOT_PDF])
def test_read_bytes_not_a_pdf_named_pdf_raises_article_error(name, data):
    with pytest.raises(ArticleError) as caught:
        read_bytes(data, name, published=USER_DATE, today=TODAY)
    _assert_one_line_naming(caught.value, name)


# --- encodings ------------------------------------------------------------------------------

PHRASE = "Nestl\u00e9\u2019s \u20ac4bn plan for AI servers was approved."

ENCODED = [
    ("utf8.txt", PHRASE.encode("utf-8")),
    ("bom.txt", b"\xef\xbb\xbf" + PHRASE.encode("utf-8")),
    ("windows.txt", PHRASE.encode("cp1252")),
    ("utf16.txt", PHRASE.encode("utf-16")),
]


@pytest.mark.parametrize("name,data", ENCODED, ids=[n for n, _ in ENCODED])
def test_read_bytes_supported_encoding_decodes_right(name, data):
    article = read_bytes(data, name, published=USER_DATE, today=TODAY)
    assert PHRASE in article.text
    assert not article.text.startswith("\ufeff")


def test_read_bytes_cp1252_bytes_are_the_ones_expected():
    # The fixture phrase really is cp1252 and not UTF-8: é 0xE9, ’ 0x92, € 0x80.
    data = PHRASE.encode("cp1252")
    assert b"\xe9" in data and b"\x92" in data and b"\x80" in data
    article = read_bytes(data, "windows.txt", published=USER_DATE, today=TODAY)
    assert article.text == PHRASE


# --- metadata and publication dates -----------------------------------------------------------

def test_read_article_markdown_front_matter_gives_title_date_url_and_body():
    article = read_article(FIXTURES / "front_matter.md", today=TODAY)
    assert article.title == "Harbor Labs doubles its GPU order"
    assert article.published == dt.date(2024, 3, 18)
    assert article.published_source == "metadata"
    assert article.url == "https://example.org/news/harbor-labs-gpu-order"
    assert article.format == "md"
    assert article.source_name == "front_matter.md"
    assert "$2.5 billion" in article.text
    assert "by the end of 2025" in article.text
    assert "title:" not in article.text
    assert "date: 2024-03-18" not in article.text
    assert "---" not in article.text


def test_read_article_txt_header_block_gives_metadata_and_body():
    article = read_article(FIXTURES / "header_block.txt", today=TODAY)
    assert article.title == "Northwind Cloud plans a fourth data center campus"
    assert article.published == dt.date(2024, 7, 24)
    assert article.published_source == "metadata"
    assert article.outlet == "Example Wire"
    assert article.url == "https://example.org/wire/northwind-campus"
    assert article.format == "txt"
    assert article.text.startswith("Northwind Cloud will invest about \u20ac4bn")
    for header in ("Title:", "Published:", "Source:", "URL:"):
        assert header not in article.text


@pytest.mark.parametrize("fixture,metadata_date", [("front_matter.md", dt.date(2024, 3, 18)), ("header_block.txt", dt.date(2024, 7, 24))])
def test_read_article_metadata_date_wins_over_user_date(fixture, metadata_date):
    article = read_article(FIXTURES / fixture, published=USER_DATE, assumed=ASSUMED_DATE, today=TODAY)
    assert (article.published, article.published_source) == (metadata_date, "metadata")


DATE_SOURCES = [
    (USER_DATE, ASSUMED_DATE, USER_DATE, "user"),
    (USER_DATE, None, USER_DATE, "user"),
    (None, ASSUMED_DATE, ASSUMED_DATE, "assumed"),
]


@pytest.mark.parametrize("published,assumed,expected,source", DATE_SOURCES, ids=["user+assumed", "user", "assumed"])
def test_read_article_no_metadata_date_uses_user_else_assumed(published, assumed, expected, source):
    article = read_article(FIXTURES / "plain_no_metadata.txt", published=published, assumed=assumed, today=TODAY)
    assert (article.published, article.published_source) == (expected, source)
    assert article.text.startswith("Quarry Robotics said it had bought 12,000 accelerators")


@pytest.mark.parametrize("published,assumed,expected,source", DATE_SOURCES, ids=["user+assumed", "user", "assumed"])
def test_read_bytes_no_metadata_date_uses_user_else_assumed(published, assumed, expected, source):
    data = (FIXTURES / "plain_no_metadata.txt").read_bytes()
    article = read_bytes(data, "upload.txt", published=published, assumed=assumed, today=TODAY)
    assert (article.published, article.published_source) == (expected, source)


def test_read_article_no_dates_given_assumes_file_modification_date(tmp_path):
    import os

    path = tmp_path / "old.txt"
    path.write_bytes((FIXTURES / "plain_no_metadata.txt").read_bytes())
    stamp = dt.datetime(2023, 5, 6, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    article = read_article(path, today=TODAY)
    assert (article.published, article.published_source) == (dt.date(2023, 5, 6), "assumed")


def test_read_bytes_no_date_at_all_leaves_published_none():
    data = (FIXTURES / "plain_no_metadata.txt").read_bytes()
    article = read_bytes(data, "upload.txt", today=TODAY)
    assert article.published is None
    assert article.published_source is None


# --- HTML ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def html_article():
    return read_article(FIXTURES / "article_page.html", published=USER_DATE, today=TODAY)


def test_read_article_html_keeps_article_text(html_article):
    assert "Lumen Systems will spend $7 billion over the next three years" in html_article.text
    assert "roughly 40,000 accelerators" in html_article.text
    assert "power contracts already signed" in html_article.text
    assert html_article.format == "html"


@pytest.mark.parametrize(
    "boilerplate",
    ["Markets desk", "Subscribe today", "XYZ-TRACKER", "$99 billion", "popcorn-widget", "querySelectorAll",
     "Related coverage", "$3.3 billion", "Orbit Data", "cooling is the next bottleneck", "All rights reserved"],
)
def test_read_article_html_drops_nav_script_aside_footer(html_article, boilerplate):
    assert boilerplate not in html_article.text


def test_read_article_html_published_time_is_metadata_date(html_article):
    assert html_article.published == dt.date(2024, 9, 12)
    assert html_article.published_source == "metadata"


def test_read_article_html_title_from_page(html_article):
    assert html_article.title == "Lumen Systems commits $7 billion to new AI data centers"


# --- PDF ------------------------------------------------------------------------------------------

PDF_LINES = [
    "Orion Compute expands its training fleet.",
    "Orion Compute will spend $3 billion on new GPU clusters.",
]


def test_minimal_pdf_is_valid_for_pypdf():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_minimal_pdf(PDF_LINES)))
    assert len(reader.pages) == 1


def test_read_bytes_pdf_text_layer_yields_text():
    article = read_bytes(_minimal_pdf(PDF_LINES), "brief.pdf", published=USER_DATE, today=TODAY)
    assert article.format == "pdf"
    for line in PDF_LINES:
        assert line in article.text
    assert (article.published, article.published_source) == (USER_DATE, "user")


def test_read_article_pdf_file_yields_text(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(_minimal_pdf(PDF_LINES))
    article = read_article(path, published=USER_DATE, today=TODAY)
    assert "Orion Compute will spend $3 billion on new GPU clusters." in article.text
    assert article.source_name == "brief.pdf"


def test_read_bytes_pdf_date_line_at_top_is_metadata_date():
    data = _minimal_pdf(["March 18, 2024", *PDF_LINES])
    article = read_bytes(data, "dated.pdf", published=USER_DATE, today=TODAY)
    assert (article.published, article.published_source) == (dt.date(2024, 3, 18), "metadata")


def test_read_bytes_same_html_page_read_again_keeps_all_its_text():
    """trafilatura can drop text it has seen before in the process; a page read twice
    must give the same article both times (ingesting again, re-extracting)."""
    page = (FIXTURES / "article_page.html").read_bytes()
    first = read_bytes(page, "page.html").text
    for _ in range(5):
        assert read_bytes(page, "page.html").text == first


@pytest.mark.parametrize("paragraph,copies", [
    ("Meta said it would spend about $65 billion on data centers this year.\n\n", 3.5),  # bytes, text, body
    ("Meta said it’d spend about $65 billion on data centers this year.\n\n", 5.5),    # two bytes a character
    ("Meta said it would spend\nabout $65 billion on data centers this year.\n\n", 4.0),  # lines to join
])
def test_read_bytes_holds_a_large_file_a_few_times_not_once_per_step(paragraph, copies):
    """A file near the size limit must not be copied by every step of reading it (the
    title from its first line, its header, its lines joined): the peak stays a few times
    its size."""
    data = ("Published: 2025-01-01\n\n" + paragraph * (2_000_000 // len(paragraph))).encode("utf-8")
    tracemalloc.start()
    try:
        article = read_bytes(data, "long.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert article.published == dt.date(2025, 1, 1) and article.title.startswith("Meta said")
    assert peak < copies * len(data), f"peak {peak / len(data):.1f} times the file"
