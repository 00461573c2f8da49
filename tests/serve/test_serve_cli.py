"""``warlog serve`` builds the app on the given store and prints the local URL."""

from __future__ import annotations

from typer.testing import CliRunner

from warlog.cli import app


def test_serve_prints_url_and_runs_uvicorn(tmp_path, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: calls.append((a, kw)))
    monkeypatch.delenv("WARLOG_API_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "w.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/api" in result.output and "read-only" in result.output
    served, options = calls[0]
    assert options == {"host": "127.0.0.1", "port": 8123, "log_level": "info"}
    assert served.state.token is None
    served.state.store.close()


def test_serve_token_from_environment(tmp_path, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: calls.append(a))
    monkeypatch.setenv("WARLOG_API_TOKEN", "tok")
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0, result.output
    assert "writes enabled" in result.output
    assert calls[0].state.token == "tok"
    calls[0].state.store.close()


def test_serve_bad_store_is_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "no" / "such" / "w.db")])
    assert result.exit_code == 1
    assert "error" in result.output and "Traceback" not in result.output
