"""Actors and places named by the stored events, with counts, for filter pickers; the
vocabulary's readable labels."""

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


@router.get("/vocabulary")
def vocabulary() -> dict:
    """Readable labels for the codes the API returns: ACLED's event types, sub-event types and
    country names (by ISO alpha-2), and warlog's materiel kinds."""
    from warlog.export._vocab import vocab
    from warlog.extract.notes import MATERIEL_NAMES

    v = vocab()
    return {"event_types": v.event_types, "sub_event_types": v.sub_event_types,
            "countries": {code: c.name for code, c in v.countries.items()},
            "materiel": MATERIEL_NAMES}
