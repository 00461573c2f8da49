"""``warlog serve``: the store as a JSON API (FastAPI), read-only unless a token is set."""

from warlog.serve.app import create_app

__all__ = ["create_app"]
