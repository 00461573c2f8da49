"""The FastAPI application: one store per app, routers under ``/api``, docs at ``/docs``,
the web UI at ``/``."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from warlog import __version__
from warlog.errors import WarlogError
from warlog.serve.dependencies import TOKEN_ENV, Writer
from warlog.serve import ui
from warlog.serve.routers import documents, events, reference, stats


def create_app(db: str | None = None, token: str | None = None) -> FastAPI:
    """``db``: SQLite path or database URL (None → ``$WARLOG_DB`` or ``./warlog.db``).
    ``token``: bearer token that unlocks the write endpoints (None → ``$WARLOG_API_TOKEN``;
    unset or empty → the API is read-only)."""
    from warlog.store import Store

    # Opened here rather than in the lifespan so a bad --db fails before uvicorn binds the
    # port, and so TestClient works without entering the lifespan.
    store = Store.open(db)
    if token is None:
        token = os.environ.get(TOKEN_ENV)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="warlog",
        version=__version__,
        description="Conflict events extracted from French news, with their evidence, sources "
                    "and analyst corrections. Read-only unless the server was started with a "
                    "token; write endpoints then take `Authorization: Bearer TOKEN`.",
        lifespan=lifespan,
        # Swagger UI is served from the package's own copy (serve/ui.py), not from a CDN.
        docs_url=None, redoc_url=None,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.writer = Writer()

    @app.exception_handler(WarlogError)
    async def _warlog_error(request: Request, exc: WarlogError) -> JSONResponse:
        # Store and input errors are the client's or the operator's to fix, never a 500
        # with a traceback.
        from warlog.store import StoreError

        status = 503 if isinstance(exc, StoreError) else 422
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=status)

    @app.middleware("http")
    async def _nosniff(request: Request, call_next):
        # Article text travels inside JSON; nosniff stops a browser from ever guessing a
        # response is HTML and running what an article smuggled in.
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    for module in (events, documents, reference, stats):
        app.include_router(module.router, prefix="/api")
    ui.mount(app)
    return app
