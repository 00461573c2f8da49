"""Daily counts for the timeline."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from warlog.serve import queries
from warlog.serve.dependencies import event_filter, get_store
from warlog.store import EventFilter, Store

router = APIRouter(tags=["stats"])


@router.get("/stats/daily")
def daily(f: EventFilter = Depends(event_filter),
          merged: bool = Query(False, description="Count merged events (reconciled tolls) "
                                                  "instead of reports."),
          store: Store = Depends(get_store)) -> dict:
    """Events and fatalities per day (by start date; undated events are not counted), with
    the same filters as ``/api/events``. Fatalities are the conservative best figure."""
    days = queries.daily(store, f, merged)
    return {"merged": merged, "days": days,
            "events": sum(d["events"] for d in days),
            "fatalities": sum(d["fatalities"] for d in days)}
