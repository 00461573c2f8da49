"""Documents: one article for the reading view, and ingesting a new text."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from warlog.serve import queries
from warlog.serve.dependencies import get_store, require_token
from warlog.store import EXTRACTION_VERSION, Store

router = APIRouter(tags=["documents"])


@router.get("/documents/{doc_id}")
def get_document(doc_id: str, store: Store = Depends(get_store)) -> dict:
    """Metadata, the text exactly as extracted from (evidence offsets index into it) and
    every event with its evidence spans. All of it is untrusted text from the article: a
    client must render it as text, never as HTML."""
    doc = queries.document_row(store, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {**doc, "events": queries.document_events(store, doc_id)}


class DocumentIn(BaseModel):
    text: str = Field(..., min_length=1, description="The article text (plain text).")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = Field(
        None, description="Publication day: relative dates (\"jeudi soir\") resolve against it.")


@router.post("/documents", status_code=201, dependencies=[Depends(require_token)])
def ingest_document(body: DocumentIn, request: Request, response: Response,
                    store: Store = Depends(get_store)) -> dict:
    """Extract a text's events and store them (needs the bearer token). A text already stored
    by the current extraction version is not processed again (200 instead of 201)."""
    from warlog.ingest import RawDocument, document_id

    if not body.text.strip():
        raise HTTPException(422, "text is empty")
    doc_id = document_id(body.text)
    writer = request.app.state.writer
    with writer.lock:
        version = store.extraction_version(doc_id)
        if version == EXTRACTION_VERSION:
            response.status_code = 200
        else:
            raw = RawDocument(text=body.text, path=body.url or "api", title=body.title,
                              url=body.url, outlet=body.outlet, published=body.published,
                              language="fr")
            processed = writer.extractor().process(raw)
            store.add(processed, body.text, EXTRACTION_VERSION)
            doc_id = processed.document.id
    doc = queries.document_row(store, doc_id)
    return {**doc, "events": queries.document_events(store, doc_id)}
