"""`warlog extract` on good and bad files: one clear line per bad file, never a traceback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from warlog.cli import app

REPORT = (
    "Bamako, 14 mars (AFP) - Des jihadistes ont attaqué mardi un poste de l'armée malienne "
    "près de Gao, tuant au moins six soldats, a indiqué l'armée dans un communiqué.\n"
)

runner = CliRunner()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes(REPORT.encode("cp1252"))
    (tmp_path / "garbage.txt").write_bytes(b"\xc3\x28\xa0\xa1\x81" * 50 + b"\x00\x01\x02" * 100)
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return tmp_path


def test_cli_extract_folder_mixing_bad_and_good_files(folder):
    result = runner.invoke(app, ["extract", str(folder), "--published", "2024-03-14",
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    err_lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    for name in ("empty.txt", "binary.txt", "huge.txt", "garbage.txt"):
        assert sum(name in line for line in err_lines) == 1, (name, result.stderr)
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    files = sorted(d["document"]["file"].rsplit("/", 1)[-1] for d in docs)
    assert files == ["good.txt", "latin1.txt"]
    good = next(d for d in docs if d["document"]["file"].endswith("good.txt"))
    assert good["events"], "the good report's attack was not found"


def test_cli_extract_fails_only_when_nothing_processed(folder):
    result = runner.invoke(app, ["extract", str(folder / "empty.txt"), str(folder / "binary.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_cli_extract_missing_file_is_one_line(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_cli_extract_writes_json_and_prints_table(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out" / "r.json"
    result = runner.invoke(app, ["extract", str(report), "--published", "2024-03-14",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "events" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["document"]["published"] == "2024-03-14"
    event = data["events"][0]
    assert event["event_type"] == "battles"
    assert event["date"]["start"] == "2024-03-12"  # "mardi" before Thursday 14 March


def test_cli_extract_without_publication_date_warns(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "no publication date" in result.stderr
    data = json.loads(result.stdout)
    assert data["events"][0]["date"]["precision"] is None


def test_cli_extract_rejects_bad_published(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(report), "--published", "14/03/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
