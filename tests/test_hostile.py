"""Hostile and careless input: every bad file, value or store path gives one line naming
what is wrong, the rest of a batch still goes in, and nothing that got into a store can
make a later read fail."""
import datetime as dt
import io
import json
import os
import sqlite3

import pytest
from pypdf import PdfWriter

from conftest import ROOT, run_cli
from pipeline.errors import ArticleError, ReviewError, StoreError
from pipeline.readers.article import read_article, read_bytes
from pipeline.store import corrections, ingest, queries, schema
from pipeline.store.connection import connect
from pipeline.store.corrections import EventKey
from pipeline.store.uploads import ingest_upload
from pipeline.views.export import events_to_json
from pipeline.views.reviewed import reviewed_tables

CAPEX = "Microsoft said on Tuesday it will spend $80 billion on AI data centers this fiscal year."


def pdf_with_encryption(dictionary: str) -> bytes:
    """A one-page PDF whose trailer names the given /Encrypt dictionary."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", dictionary]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{'00' * 16}> <{'00' * 16}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out


def aes_pdf() -> bytes:
    """AES-256 (revision 6), as Acrobat writes it; reading it needs a cryptography library."""
    hexed = lambda size: "<" + bytes(range(size)).hex() + ">"  # noqa: E731
    return pdf_with_encryption(
        f"<< /Filter /Standard /V 5 /R 6 /Length 256 /O {hexed(48)} /U {hexed(48)} /OE {hexed(32)} /UE {hexed(32)}"
        f" /P -4 /Perms {hexed(16)} /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >>"
        " /StmF /StdCF /StrF /StdCF >>")


def password_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", "owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name,data,problem", [
    ("locked.pdf", aes_pdf(), "is encrypted"),
    ("password.pdf", password_pdf(), "is encrypted"),
    ("future.txt", b"Published: 9999-12-31\n\n" + CAPEX.encode(), "publication date 9999-12-31 out of range"),
    ("ancient.md", b"---\ntitle: x\ndate: 0001-01-01\n---\n\n" + CAPEX.encode(), "publication date 0001-01-01 out of range"),
    ("zeros.txt", b"\x00\x01" * 500, "binary"),
])
def test_read_bytes_bad_file_is_one_line_naming_the_file(name, data, problem):
    with pytest.raises(ArticleError) as caught:
        read_bytes(data, name, published=dt.date(2025, 1, 1))
    assert str(caught.value).startswith(f"{name}: ") and problem in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_read_bytes_utf16_without_a_byte_order_mark_is_read(encoding):
    text = "Published: 2025-01-07\n\nMicrosoft said it will spend €80 billion on AI data centres."
    article = read_bytes(text.encode(encoding), "memo.txt")
    assert article.text.endswith("€80 billion on AI data centres.") and article.published == dt.date(2025, 1, 7)


def special_files(folder):
    """A pipe, a link to a device and a broken link, each named like an article."""
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return {"pipe.txt": "not a regular file", "zero.txt": "not a regular file", "gone.txt": "broken link"}


def test_read_article_refuses_pipes_devices_and_broken_links_without_reading_them(tmp_path):
    for name, problem in special_files(tmp_path).items():
        with pytest.raises(ArticleError, match=problem):
            read_article(tmp_path / name, published=dt.date(2025, 1, 1))


def test_ingest_folder_reports_each_file_it_cannot_read_and_stores_the_rest(conn, tmp_path):
    expected = special_files(tmp_path)
    (tmp_path / "good.txt").write_text("Published: 2025-01-07\n\n" + CAPEX, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Published: 2025-01-07\n\nMicrosoft said it will spend $" + "9" * 400
                                       + " billion on AI data centers.", encoding="utf-8")
    results = {r.source: r for r in ingest.ingest_files(conn, [tmp_path])}
    assert {name for name, r in results.items() if r.status == ingest.FAILED} == set(expected)
    assert all(expected[name] in results[name].error for name in expected)
    assert results["good.txt"].events == 1 and results["huge.txt"].events == 0  # 400 digits: no amount


def poison(conn) -> None:
    """Events no writer of this project stores: an infinite amount, and a NaN with a date in year 9999."""
    row = dict(conn.execute("SELECT * FROM events WHERE kind = 'investment' LIMIT 1").fetchone())
    row.pop("id")
    for fingerprint, low, high, date in (("inf", float("inf"), float("inf"), row["date"]),
                                         ("nan", float("nan"), 1e300, "9999-12-31")):
        values = {**row, "fingerprint": fingerprint, "amount_low": low, "amount_high": high, "date": date}
        conn.execute(f"INSERT INTO events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                     list(values.values()))


def test_rows_no_event_can_have_are_left_out_counted_and_never_break_a_read(conn, tmp_path):
    (tmp_path / "a.txt").write_text("Published: 2025-01-07\n\n" + CAPEX, encoding="utf-8")
    ingest.ingest_files(conn, [tmp_path])
    poison(conn)
    (tmp_path / "b.txt").write_text("Published: 2025-02-07\n\nGoogle will spend $75 billion on data centers.",
                                    encoding="utf-8")
    ingest.ingest_files(conn, [tmp_path / "b.txt"])  # a later write regroups claims over the bad rows
    events, claims = reviewed_tables(conn)
    assert queries.unsound_events(conn) == 2
    assert sorted(events["org"]) == ["Google", "Microsoft"] and len(claims) == 2
    json.loads(events_to_json(events.to_dict("records")))  # valid JSON: no Infinity, no NaN


@pytest.mark.parametrize("changes,problem", [
    ({"date": "9999-12-31", "date_precision": "year"}, "outside the years"),
    ({"amount_low": "inf"}, "not a finite number"),
    ({"amount_low": "nan"}, "not a finite number"),
    ({"amount_low": "1e400"}, "not a finite number"),
    ({"amount_low": 5e9, "amount_high": 1e9}, "low end of the amount is above its high end"),
    ({"amount_low": 1e15, "amount_high": 1e15}, "beyond any plausible amount"),
    ({"kind": "hardware"}, "beyond any plausible chip count"),  # $80 billion read as chips
])
def test_correction_with_an_impossible_value_is_refused_with_a_reason(conn, tmp_path, changes, problem):
    (tmp_path / "a.txt").write_text("Published: 2025-01-07\n\n" + CAPEX, encoding="utf-8")
    ingest.ingest_files(conn, [tmp_path])
    events, _ = reviewed_tables(conn)
    row = events.iloc[0]
    with pytest.raises(ReviewError, match=problem):
        corrections.correct_event(conn, EventKey(row["article_id"], row["fingerprint"]), changes, row.to_dict(), "Ana")
    assert corrections.load_corrections(conn) == []


def test_failed_upload_leaves_no_file_behind(conn, tmp_path):
    uploads = tmp_path / "uploads"
    bad = ingest_upload(conn, "future.txt", b"Published: 9999-12-31\n\n" + CAPEX.encode(), upload_dir=uploads)
    good = ingest_upload(conn, "good.txt", b"Published: 2025-01-07\n\n" + CAPEX.encode(), upload_dir=uploads)
    assert bad.status == ingest.FAILED and "out of range" in bad.error
    assert good.status == ingest.ADDED and len(list(uploads.iterdir())) == 1


def other_application_db(path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (body TEXT)")
    raw.commit()
    raw.close()


def newer_store(path) -> None:
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    raw.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
    raw.close()


@pytest.mark.parametrize("make,argument,problem", [
    (lambda folder: (folder / "notes.txt").write_text("not a database " * 100), "notes.txt", "not a SQLite database"),
    (lambda folder: (folder / "sub").mkdir(), "sub", "is a folder"),
    (lambda folder: None, "/dev/null", "not a regular file"),
    (lambda folder: None, "", "no store path given"),
    (lambda folder: newer_store(folder / "new.db"), "new.db", "newer version"),
    (lambda folder: other_application_db(folder / "other.db"), "other.db", "another application"),
    (lambda folder: None, "missing.db", "no store here"),
])
def test_store_path_problem_is_one_line_naming_the_path(tmp_path, make, argument, problem):
    make(tmp_path)
    path = argument if argument.startswith("/") or not argument else str(tmp_path / argument)
    result = run_cli("export", "--db", path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and problem in result.stderr and "Traceback" not in result.stderr


def test_another_applications_database_is_left_unchanged(tmp_path):
    path = tmp_path / "other.db"
    other_application_db(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        connect(path)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files: nothing to refuse")
def test_read_only_store_is_one_line(tmp_path):
    path = tmp_path / "events.db"
    connect(path).close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        connect(path)


def test_upload_over_its_time_budget_is_refused_in_one_line_and_the_store_still_answers(conn, tmp_path, monkeypatch):
    from pipeline.readers import sandbox

    monkeypatch.setattr(sandbox, "extract_events", lambda *args: __import__("time").sleep(30))
    started = dt.datetime.now()
    result = ingest_upload(conn, "slow.txt", b"Published: 2025-01-07\n\n" + CAPEX.encode(), upload_dir=tmp_path,
                           budget=sandbox.Budget(seconds=1))
    assert result.status == ingest.FAILED and "took longer than 1 s" in result.error
    assert (dt.datetime.now() - started).total_seconds() < 10 and queries.count_rows(conn)["articles"] == 0


def test_upload_over_its_memory_budget_is_refused_in_one_line(conn, tmp_path, monkeypatch):
    from pipeline.readers import sandbox

    monkeypatch.setattr(sandbox, "extract_events", lambda *args: bytearray(400 * 1024 * 1024))
    result = ingest_upload(conn, "big.txt", b"Published: 2025-01-07\n\n" + CAPEX.encode(), upload_dir=tmp_path,
                           budget=sandbox.Budget(memory_bytes=100 * 1024 * 1024))
    assert result.status == ingest.FAILED and "more memory" in result.error


def test_upload_within_its_budget_is_read_as_inline(conn, tmp_path):
    from pipeline.readers import sandbox

    result = ingest_upload(conn, "a.txt", b"Published: 2025-01-07\n\n" + CAPEX.encode(), upload_dir=tmp_path,
                           budget=sandbox.Budget())
    assert result.status == ingest.ADDED and result.events == 1
