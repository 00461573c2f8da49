"""`warlog ingest`, `warlog events` and `warlog correct` from the command line.

The extraction pipeline is replaced by a fast fake (tests/testkit/fake.py) except where noted;
the store tests (tests/store/) cover the store itself on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from testkit import fake
from warlog.cli import app

HERE = Path(__file__).resolve().parent
FEEDS = HERE / "data" / "feeds"
RUN_CLI = HERE / "testkit" / "run_cli.py"

runner = CliRunner()


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch, tmp_path):
    import warlog.pipeline

    monkeypatch.setattr(warlog.pipeline, "Extractor", fake.FakeExtractor)
    monkeypatch.delenv("WARLOG_DB", raising=False)
    monkeypatch.chdir(tmp_path)


def run(*args: str):
    return runner.invoke(app, list(args))


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error")]


def write_reports(folder: Path, n: int, seed: int = 11) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i, (body, published) in enumerate(fake.generated_reports(n, seed)):
        (folder / f"r{i:04d}.txt").write_text(body, encoding="utf-8")
        (folder / f"r{i:04d}.meta.json").write_text(
            json.dumps({"published": published.isoformat(), "outlet": "Générateur"}))
        texts.append(body)
    return texts


# -- bad inputs ------------------------------------------------------------------------------

def test_bad_files_feeds_and_lines_are_one_line_each(tmp_path):
    (tmp_path / "good.txt").write_text(
        "Des jihadistes du JNIM ont attaqué un poste de l'armée malienne près de Gao.",
        encoding="utf-8")
    result = run("ingest", "good.txt", str(FEEDS / "malformed.xml"),
                 str(FEEDS / "sans-corps.html"), str(FEEDS / "collection.jsonl"),
                 str(FEEDS / "rss.xml"), str(FEEDS / "atom.xml"), "absent.txt", "--no-fetch")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = errors(result)
    expected = ["malformed.xml: malformed feed XML", "sans-corps.html: HTML has no main text",
                "collection.jsonl:2: malformed JSON", "collection.jsonl:4: no 'text'",
                "collection.jsonl:6: 'published'", "absent.txt: no such file"]
    for needle in expected:
        assert sum(needle in line for line in lines) == 1, (needle, result.stderr)
    assert len(lines) == len(expected)
    # good.txt + 2 JSONL lines + 2 RSS entries + 2 Atom entries
    assert "7 new documents" in result.stderr
    from warlog.store import Store

    with Store.open("warlog.db") as store:
        docs = {d.title: d for d in store.documents()}
        assert docs["Frappe près de Hodeida"].outlet == "Dépêches de test"
        assert str(docs["Frappe près de Hodeida"].published) == "2022-07-06"
        assert docs["Combats autour de Goma"].outlet == "Chronique des Grands Lacs"
        assert str(docs["Combats autour de Goma"].published) == "2024-02-02"
        assert docs["Manifestation à Niamey"].language == "fr"

    again = run("ingest", "good.txt", str(FEEDS / "malformed.xml"), "--no-fetch")
    assert again.exit_code == 0 and "0 new documents" in again.stderr
    assert "1 already stored" in again.stderr


def test_nothing_processable_exits_non_zero_and_keeps_the_store(tmp_path):
    (tmp_path / "good.txt").write_text("Des manifestants se sont rassemblés à Niamey.",
                                       encoding="utf-8")
    assert run("ingest", "good.txt").exit_code == 0
    result = run("ingest", str(FEEDS / "malformed.xml"), str(FEEDS / "sans-corps.html"))
    assert result.exit_code == 1 and "nothing ingested" in result.stderr
    listed = run("events", "--format", "json")
    assert len(json.loads(listed.stdout)) == 1


def test_glob_and_folder_inputs(tmp_path):
    write_reports(tmp_path / "news" / "a", 3)
    write_reports(tmp_path / "news" / "b", 2, seed=5)
    result = run("ingest", "news/**/*.txt")
    assert result.exit_code == 0, result.output
    assert "5 new documents" in result.stderr
    assert "0 new documents" in run("ingest", "news").stderr
    assert "no file matches" in run("ingest", "news/*.rss").stderr


# -- feeds over HTTP -------------------------------------------------------------------------

class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        path = FEEDS / "site" / self.path.lstrip("/")
        if self.path.endswith(".xml"):
            path = FEEDS / self.path.lstrip("/")
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes().replace(b"HOST", self.headers["Host"].encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml" if path.suffix == ".xml"
                         else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def http_base():
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feeds_over_local_http_fetch_each_page(http_base):
    result = run("ingest", f"{http_base}/rss.xml", f"{http_base}/atom.xml",
                 f"{http_base}/malformed.xml", f"{http_base}/missing.xml")
    assert result.exit_code == 0, result.output
    lines = errors(result)
    assert len(lines) == 3, result.stderr
    assert any("sans-corps.html: HTML has no main text" in line for line in lines)
    assert any("malformed.xml: malformed feed XML" in line for line in lines)
    assert any("missing.xml: HTTP 404" in line for line in lines)
    assert "3 new documents" in result.stderr
    from warlog.store import Store

    with Store.open("warlog.db") as store:
        docs = list(store.documents())
        gao = next(d for d in docs if d.title == "Attaque près de Gao")
        assert gao.url == f"{http_base}/attaque-gao.html"
        _, text = store.document(gao.id)
        # The fetched page's main text, not the feed summary and not the navigation.
        assert "repoussés après deux heures" in text and "Accueil" not in text


def test_web_page_url(http_base):
    result = run("ingest", f"{http_base}/goma.html")
    assert result.exit_code == 0, result.output
    assert "1 new document " in result.stderr


# -- events and corrections ------------------------------------------------------------------

@pytest.fixture
def stocked(tmp_path):
    rows = [
        {"text": "Les jihadistes du JNIM ont attaqué un poste de l'armée malienne près de Gao, "
                 "tuant 7 soldats.", "published": "2021-05-03", "title": "Gao"},
        {"text": "Des affrontements ont opposé les rebelles du M23 aux Forces armées de la RDC "
                 "près de Goma.", "published": "2023-02-10", "title": "Goma"},
        {"text": "Une frappe de drone a visé un convoi au nord d'Idlib, faisant 4 morts.",
         "published": "2019-06-08", "title": "Idlib"},
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                      encoding="utf-8")
    assert run("ingest", "c.jsonl").exit_code == 0
    return tmp_path


@pytest.mark.parametrize("args, titles", [
    ([], {"Gao", "Goma", "Idlib"}),
    (["--since", "2020-01-01"], {"Gao", "Goma"}),
    (["--until", "2020-01-01"], {"Idlib"}),
    (["--country", "CD"], {"Goma"}),
    (["--admin1", "hama"], set()),
    (["--type", "explosions_remote_violence"], {"Idlib"}),
    (["--type", "armed_clash", "--actor", "jnim"], {"Gao"}),
    (["--bbox", "35,34,38,37"], {"Idlib"}),
    (["--text", "CONVOI"], {"Idlib"}),
])
def test_events_filters(stocked, args, titles):
    result = run("events", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert {item["document"]["title"] for item in json.loads(result.stdout)} == titles


def test_events_formats_and_bad_options(stocked):
    table = runner.invoke(app, ["events"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "armed_clash" in table.stdout and "3 events" in table.stderr
    rows = list(csv.DictReader(io.StringIO(run("events", "-f", "csv").stdout)))
    assert len(rows) == 3 and rows[0]["event_id"] and "fatalities" in rows[0]
    for bad in (["--since", "hier"], ["--bbox", "1,2,3"], ["--type", "war"]):
        result = run("events", *bad)
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_correct_history_and_reextract(stocked, monkeypatch):
    events = json.loads(run("events", "-f", "json", "--country", "ML").stdout)
    eid = events[0]["event"]["id"]
    result = run("correct", eid, "fatalities=9", "actor2=Military Forces of Mali (2021-)",
                 "--by", "alice")
    assert result.exit_code == 0, result.output
    assert f"{eid}: fatalities 7 → 9 (by alice)" in result.stderr
    for bad, message in ((["fatalities=beaucoup"], "whole number"),
                         (["colour=red"], "unknown field"), (["notes"], "FIELD=VALUE"),
                         (["event_type=protests"], "not a sub-type")):
        out = run("correct", eid, *bad, "--by", "bob")
        assert out.exit_code == 1 and message in out.stderr and len(errors(out)) == 1
    assert "--by NAME" in run("correct", eid, "notes=x").stderr
    assert "no event" in run("correct", "nope-0", "notes=x", "--by", "a").stderr

    monkeypatch.setattr("warlog.store.core.EXTRACTION_VERSION", "999")
    again = run("ingest", "--reextract")
    assert again.exit_code == 0 and "3 re-extracted" in again.stderr, again.stderr
    csv_rows = list(csv.DictReader(io.StringIO(run("events", "-f", "csv", "--country",
                                                   "ML").stdout)))
    assert csv_rows[0]["fatalities"] == "9"
    assert csv_rows[0]["actor2"] == "Military Forces of Mali (2021-)"
    assert csv_rows[0]["corrected"] == "actor2 fatalities"
    history = run("correct", "--history", eid)
    assert history.exit_code == 0 and "alice" in history.stdout and "fatalities" in history.stdout
    assert "✎" in run("events", "--country", "ML").stdout


# -- kill -9 and resume ----------------------------------------------------------------------

def _cli(args: list[str], env_extra: dict, **kw) -> subprocess.Popen:
    env = {**os.environ, **env_extra}
    return subprocess.Popen([sys.executable, str(RUN_CLI), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def snapshot(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        def rows(sql):
            return sorted(conn.execute(sql).fetchall())
        return {
            "documents": rows("SELECT id, text, metadata, extraction_version, event_count "
                              "FROM documents"),
            "events": rows("SELECT * FROM events"),
            "places": rows("SELECT event_id, position, name, lat, lon FROM places"),
            "actors": rows("SELECT event_id, position, role, name FROM actors"),
            "speakers": rows("SELECT event_id, position, speaker FROM speakers"),
            "evidence": rows('SELECT event_id, field, start, "end", text FROM evidence'),
        }


def test_kill_9_mid_ingest_then_resume_equals_uninterrupted_run(tmp_path):
    n = 60
    write_reports(tmp_path / "news", n)
    # Uninterrupted reference run, as if on a terminal: the progress bar must show.
    ref = _cli(["ingest", "news", "--db", "ref.db", "--batch-size", "8"],
               {"TTY_COMPATIBLE": "1", "COLUMNS": "200", "WARLOG_INGEST_DELAY": "0.02"},
               cwd=tmp_path)
    _, ref_err = ref.communicate(timeout=300)
    assert ref.returncode == 0, ref_err
    assert "docs/s" in ref_err and "events" in ref_err
    assert _count(tmp_path / "ref.db") == n

    victim = _cli(["ingest", "news", "--db", "killed.db", "--batch-size", "8"],
                  {"WARLOG_INGEST_DELAY": "0.1"}, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while _count(tmp_path / "killed.db") < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    stored = _count(tmp_path / "killed.db")
    assert 12 <= stored < n

    resumed = _cli(["ingest", "news", "--db", "killed.db"], {}, cwd=tmp_path)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert f"{n - stored} new documents" in err and f"{stored} already stored" in err
    assert snapshot(tmp_path / "killed.db") == snapshot(tmp_path / "ref.db")
