"""Actors and places named by the stored events, with counts, for filter pickers."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from warlog.serve import queries
from warlog.serve.dependencies import event_filter, get_store
from warlog.store import EventFilter, Store

router = APIRouter(tags=["reference"])


@router.get("/actors")
def list_actors(f: EventFilter = Depends(event_filter),
                store: Store = Depends(get_store)) -> dict:
    """Distinct normalised actor names among the matching events, most frequent first."""
    items = queries.actors(store, f)
    return {"total": len(items), "items": items}


@router.get("/places")
def list_places(f: EventFilter = Depends(event_filter),
                store: Store = Depends(get_store)) -> dict:
    """Distinct places (name, admin1, country) among the matching events, most frequent
    first, with a point for the map."""
    items = queries.places(store, f)
    return {"total": len(items), "items": items}
