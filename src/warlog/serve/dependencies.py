"""What the routers share: the app's store, the write token check, the event filter
parameters and the lazily loaded extractor."""

from __future__ import annotations

import secrets
import threading
from datetime import date

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from warlog.store import EventFilter, Store, parse_bbox

TOKEN_ENV = "WARLOG_API_TOKEN"

_bearer = HTTPBearer(auto_error=False, description="The token given to `warlog serve --token`.")


def get_store(request: Request) -> Store:
    return request.app.state.store


def require_token(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """403 when the server has no token (writes are off, whoever asks); 401 when the caller's
    token is missing or wrong."""
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, f"writes are disabled: start `warlog serve` with --token or "
                                 f"set {TOKEN_ENV} to enable them")
    given = credentials.credentials if credentials else ""
    # compare_digest: the time taken must not tell how much of the token was right.
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


def event_filter(
    since: date | None = Query(None, description="Events ending on or after this day."),
    until: date | None = Query(None, description="Events starting on or before this day."),
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code, e.g. SY."),
    admin1: str | None = Query(None, description="First-level admin area, e.g. Hama."),
    type: str | None = Query(None, description="Event type or sub-event type."),
    actor: str | None = Query(None, description="Substring of an actor's name or mention."),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    text: str | None = Query(None, description="Substring of the notes or the article text."),
) -> EventFilter:
    box = None
    if bbox:
        try:
            box = parse_bbox(bbox)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
    return EventFilter(since=since, until=until, country=country or None,
                       admin1=admin1 or None, type=type or None, actor=actor or None,
                       bbox=box, text=text or None)


class Writer:
    """The extraction pipeline, loaded on the first ingest (spaCy takes seconds and most
    servers never write), and a lock so one text is extracted and stored at a time."""

    def __init__(self):
        self.lock = threading.Lock()
        self._extractor = None

    def extractor(self):
        if self._extractor is None:
            from warlog.pipeline import Extractor

            self._extractor = Extractor()
        return self._extractor
