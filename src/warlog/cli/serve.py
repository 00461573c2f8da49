"""``warlog serve``: the store as a web UI and a JSON API on a local port."""

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
    """Serve the store: the web UI at / (map, timeline, event panel, annotated reading view),
    the JSON API under /api (events, documents, actors, places, daily stats) and its OpenAPI
    docs at /docs, all from this process and offline. Read-only unless a token is given."""
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
    from warlog.serve.ui import missing_vendor_files

    mode = "writes enabled with the token" if token else "read-only"
    api = f"API at {url}/api, docs at {url}/docs ({mode}); Ctrl-C stops it"
    if missing_vendor_files():
        err.print(f"[yellow]warning[/]: the web UI's npm packages are not installed (run `make "
                  f"install`); serving the API only", markup=True)
        err.print(f"warlog {api}")
    else:
        err.print(f"warlog at {url}/ (map, timeline, reading view); {api}")
    uvicorn.run(app, host=host, port=port, log_level="info")
