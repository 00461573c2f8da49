"""``warlog serve``: the store as a JSON API on a local port."""

from __future__ import annotations

import typer

from warlog.cli._common import stderr_console
from warlog.errors import WarlogError


def serve_command(
    db: str | None = typer.Option(None, "--db", envvar="WARLOG_DB",
                                  help="SQLite file or database URL. Default: ./warlog.db."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on (0.0.0.0 exposes it to the network)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: str | None = typer.Option(
        None, "--token", envvar="WARLOG_API_TOKEN", show_envvar=True,
        help="Bearer token that enables the write endpoints (ingest a text, correct an "
             "event). Without it the API is read-only."),
) -> None:
    """Serve the store as a JSON API (events, documents, actors, places, daily stats) with
    OpenAPI docs at /docs. Read-only unless a token is given."""
    import uvicorn

    from warlog.serve import create_app

    err = stderr_console()
    try:
        app = create_app(db, token=token or "")
    except WarlogError as exc:
        err.print(f"[red]error[/]: {exc}", markup=True)
        raise typer.Exit(1)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}"
    err.print(f"warlog API at {url}/api, docs at {url}/docs "
              f"({'writes enabled with the token' if token else 'read-only'}); Ctrl-C stops it")
    uvicorn.run(app, host=host, port=port, log_level="info")
