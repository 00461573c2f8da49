"""Events: the filtered, paginated list, one event in full, and analyst corrections."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from warlog.serve import queries
from warlog.serve.dependencies import event_filter, get_store, require_token
from warlog.store import CORRECTABLE_FIELDS, EventFilter, Store

router = APIRouter(tags=["events"])


@router.get("/events")
def list_events(f: EventFilter = Depends(event_filter),
                merged: bool = Query(False, description="One item per merged event (a "
                                     "happening told by several reports) instead of per report."),
                limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                store: Store = Depends(get_store)) -> dict:
    """Matching events by date (undated last), with the total for paging. Report items carry
    the summary columns, the document and the effective (corrected) record; merged items the
    reconciled tolls and their report ids."""
    page = queries.merged_page if merged else queries.events_page
    total, items = page(store, f, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "merged": merged,
            "items": items}


@router.get("/events/{event_id}")
def get_event(event_id: str, store: Store = Depends(get_store)) -> dict:
    """An event report (with its evidence spans, corrections history and the merged event it
    belongs to, reports included) or, for an ``m-…`` id, a merged event with its reports."""
    detail = queries.event_detail(store, event_id)
    if detail is not None:
        merged_id = detail["merged_id"]
        detail["merged"] = queries.merged_detail(store, merged_id) if merged_id else None
        return {"kind": "report", **detail}
    merged = queries.merged_detail(store, event_id)
    if merged is not None:
        return {"kind": "merged", **merged}
    raise HTTPException(404, f"no event or merged event {event_id!r}")


class CorrectionIn(BaseModel):
    by: str = Field(..., min_length=1, description="Who makes the correction.")
    changes: dict[str, str] = Field(
        ..., min_length=1, description=f"FIELD → VALUE; fields: {', '.join(CORRECTABLE_FIELDS)}. "
                                       "Several are checked together (a type and its sub-type).",
        examples=[{"actor1": "Hayat Tahrir al-Sham"}])


@router.post("/events/{event_id}/corrections", status_code=201,
             dependencies=[Depends(require_token)])
def correct_event(event_id: str, body: CorrectionIn, store: Store = Depends(get_store)) -> dict:
    """Correct fields of an event report (needs the bearer token). The machine record is kept;
    the answer is the event with the correction applied and its history."""
    if store.event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r}")
    # A CorrectionError (bad field or value) becomes a 422 in the app's error handler.
    store.correct_many(event_id, list(body.changes.items()), body.by)
    return queries.event_detail(store, event_id)
