"""The command line: its output and exit status for each command, run in this process, and
the real entry point (`python -m pipeline` in a subprocess) as a user runs it."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from pipeline.cli import build_parser
from pipeline.views.export import events_to_csv, safe_cell

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Meta plans to spend $60 billion to $65 billion on capital expenditures this year.\n"


run = run_cli


def test_python_m_pipeline_runs_the_command_line_and_reports_failure_in_one_line(tmp_path, article):
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--json", "--published", "2025-01-25",
                             str(article), str(tmp_path / "missing.txt")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and json.loads(result.stdout)["org"] == "Meta"
    assert result.stderr.strip().splitlines() == ["error: missing.txt: does not exist"]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "meta.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_extract_json_prints_one_event_per_line_with_the_record_fields(article):
    result = run("extract", "--json", "--published", "2025-01-25", str(article))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    expected = {"kind", "org", "model", "amount_low", "amount_high", "currency", "item", "date",
                "date_precision", "status", "speaker", "evidence", "article", "start", "end", "rules_version"}
    assert expected <= set(records[0])
    assert (records[0]["org"], records[0]["date"], records[0]["status"]) == ("Meta", "2025-01-01", "planned")


def test_extract_writes_one_line_per_event_even_when_its_sentence_holds_a_line_separator(tmp_path):
    path = tmp_path / "separators.txt"
    path.write_text("Meta plans to spend $60 billion\u2028to $65 billion\x85on capital expenditures this year.\n",
                    encoding="utf-8")
    result = run("extract", "--json", "--published", "2025-01-25", str(path))
    lines = result.stdout.splitlines()  # str.splitlines breaks at U+2028 and U+0085 too
    assert len(lines) == 1 and "\u2028" in json.loads(lines[0])["evidence"]


def test_extract_bad_files_give_one_line_each_and_exit_one(tmp_path, article):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    result = run("extract", "--json", "--published", "2025-01-25", str(tmp_path / "empty.txt"),
                 str(tmp_path / "image.txt"), str(tmp_path / "notes.docx"), str(article))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: empty.txt: is empty", "error: image.txt: is binary, not text",
                     "error: notes.docx: has '.docx'; supported: .html, .md, .pdf, .txt"]
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 1  # the good file still went through


def test_extract_malformed_published_date_is_a_clear_usage_error(article):
    result = run("extract", "--published", "24/07/2024", str(article))
    assert result.returncode == 2
    assert "'24/07/2024' is not a date in the form YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_then_ingest_again_reports_already_present(tmp_path, article):
    db = tmp_path / "store.db"
    first = run("ingest", str(article), "--db", str(db), "--published", "2025-01-25")
    second = run("ingest", str(article), "--db", str(db), "--published", "2025-01-25")
    assert first.returncode == 0 and second.returncode == 0
    assert first.stdout.strip() == "1 added, 0 already present, 0 failed; 1 events"
    assert second.stdout.strip() == "0 added, 1 already present, 0 failed; 0 events"


def test_ingest_with_a_failing_file_exits_one_and_keeps_the_others(tmp_path, article):
    db = tmp_path / "store.db"
    (tmp_path / "empty.md").write_bytes(b"  \n")
    result = run("ingest", str(tmp_path), "--db", str(db), "--published", "2025-01-25")
    assert result.returncode == 1
    assert "error: empty.md: is empty" in result.stderr
    assert result.stdout.strip() == "1 added, 0 already present, 1 failed; 1 events"


def test_export_csv_and_json_list_the_stored_events(tmp_path, article):
    db = tmp_path / "store.db"
    run("ingest", str(article), "--db", str(db), "--published", "2025-01-25")
    as_csv = run("export", "--format", "csv", "--db", str(db))
    as_json = run("export", "--format", "json", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    records = json.loads(as_json.stdout)
    assert [r["org"] for r in rows] == ["Meta"] == [r["org"] for r in records]
    assert rows[0]["source_name"] == "meta.txt" and rows[0]["evidence"] == TEXT.strip()


def test_extract_without_published_warns_once_for_each_file_whose_date_it_assumed(tmp_path, article):
    dated = tmp_path / "dated.txt"
    dated.write_text("Title: Plan\nPublished: 2025-01-25\n\n" + TEXT, encoding="utf-8")
    result = run("extract", "--json", str(article), str(dated))
    assert result.returncode == 0
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("warning: meta.txt: gives no publication date; assumed ")
    assert "--published" in warnings[0]
    assert run("extract", "--json", "--published", "2025-01-25", str(article)).stderr == ""


def test_extract_reads_the_article_files_in_a_folder_as_ingest_does(tmp_path, article):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article file: left out, as ingest leaves it
    result = run("extract", "--json", "--published", "2025-01-25", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["org"] for line in result.stdout.splitlines()] == ["Meta"]


def test_extract_folder_without_article_files_is_one_line_and_exit_one(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("extract", "--json", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'empty'}: a folder with no article files in it (.html, .md, .pdf, .txt)"]


def test_export_to_a_path_that_cannot_be_written_is_one_line_naming_it(tmp_path, article):
    db = tmp_path / "store.db"
    run("ingest", str(article), "--db", str(db), "--published", "2025-01-25")
    target = tmp_path / "missing" / "events.csv"
    result = run("export", "--db", str(db), "--output", str(target))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"error: {target}: cannot write there (No such file or directory)"]


def test_export_from_a_store_that_does_not_exist_is_refused_and_creates_none(tmp_path):
    result = run("export", "--db", str(tmp_path / "missing.db"))
    assert result.returncode == 2 and "no store here" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("command", ["extract", "ingest", "export", "claims", "totals", "history", "reextract"])
def test_help_for_each_command_exits_zero(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_readme_documents_every_command_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"README does not mention {name} {option}"


@pytest.mark.parametrize("value,shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("Meta", "Meta"), (65e9, 65e9),
])
def test_safe_cell_neutralizes_formula_starts(value, shown):
    assert safe_cell(value) == shown


def test_events_to_csv_writes_neutralized_evidence():
    text = events_to_csv([{"org": "=cmd|'/c calc'!A0", "evidence": "-1 billion"}], columns=("org", "evidence"))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"org": "'=cmd|'/c calc'!A0", "evidence": "'-1 billion"}


def test_totals_give_a_years_capex_and_its_history(tmp_path):
    db = tmp_path / "store.db"
    plan, actual = tmp_path / "plan.txt", tmp_path / "actual.txt"
    plan.write_text("Meta expects capital expenditures of $60 billion to $65 billion this year.\n", encoding="utf-8")
    actual.write_text("Meta said its capital expenditures were $72.2 billion in 2025.\n", encoding="utf-8")
    run("ingest", str(plan), "--db", str(db), "--published", "2025-01-25")
    run("ingest", str(actual), "--db", str(db), "--published", "2026-01-29")
    [row] = list(csv.DictReader(io.StringIO(run("totals", "--db", str(db)).stdout)))
    assert (row["org"], row["year"], row["basis"], float(row["figure_low"]), float(row["guidance_high"])) == (
        "Meta", "2025", "actual", 72.2e9, 65e9)
    history = json.loads(run("history", "--org", "Meta", "--format", "json", "--db", str(db)).stdout)
    assert [(h["kind_of_figure"], h["reported"]) for h in history] == [("guidance", "2025-01-25"), ("actual", "2026-01-29")]
    assert json.loads(run("history", "--org", "Meta", "--year", "2024", "--format", "json", "--db", str(db)).stdout) == []
    unknown = run("history", "--org", "Nobody", "--db", str(db))
    assert unknown.returncode == 0 and "Nobody" in unknown.stderr and "Meta" in unknown.stderr
