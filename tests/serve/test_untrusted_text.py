"""Article text and metadata are data: the API hands them back as JSON strings, byte for
byte, never as HTML a browser would run."""

from __future__ import annotations

import json

from warlog.store import EXTRACTION_VERSION, Store

from testkit import fake

SCRIPT = "<script>alert(1)</script>"
ONERROR = '<img src=x onerror="alert(document.cookie)">'
JS_URL = "javascript:alert(1)"
TEXT = (f"{SCRIPT} Les jihadistes du JNIM ont attaqué Kidal, 3 soldats tués {ONERROR}.\n"
        f'<a href="{JS_URL}">Lire la suite</a> Une frappe a visé Gao.')
META = {"title": f"Attaque {ONERROR}", "url": JS_URL, "outlet": SCRIPT}
TOKEN = "s3cret-token"


def _json(r) -> dict:
    assert r.status_code in (200, 201), r.text
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    return json.loads(r.content)


def _same_strings(doc: dict) -> None:
    assert (doc["title"], doc["url"], doc["outlet"]) == (META["title"], META["url"],
                                                         META["outlet"])


def _check_every_view(client, doc_id: str) -> None:
    body = _json(client.get(f"/api/documents/{doc_id}"))
    assert body["text"] == TEXT
    _same_strings(body["document"])
    assert body["events"], "the fake extractor finds the attack"
    for event in body["events"]:
        for span in event["evidence"]:
            assert TEXT[span["start"]:span["end"]] == span["text"]

    listed = _json(client.get("/api/events", params={"text": "onerror="}))
    assert listed["total"] == len(body["events"])
    _same_strings(listed["items"][0]["document"])
    detail = _json(client.get(f"/api/events/{listed['items'][0]['id']}"))
    _same_strings(detail["document"])
    search = _json(client.get("/api/events", params={"text": SCRIPT}))
    assert search["total"] == len(body["events"])


def test_hostile_document_round_trips_as_inert_json(store_url, client_for):
    from warlog.ingest import RawDocument

    raw = RawDocument(text=TEXT, path="hostile.html", language="fr", **META)
    with Store.open(store_url) as store:
        processed = fake.process(raw, None)
        store.add(processed, TEXT, EXTRACTION_VERSION)
    _check_every_view(client_for(store_url), processed.document.id)


def test_hostile_text_posted_to_ingest_round_trips(store_url, client_for, fake_extractor):
    client = client_for(store_url, token=TOKEN)
    body = _json(client.post("/api/documents", json={"text": TEXT, **META},
                             headers={"Authorization": f"Bearer {TOKEN}"}))
    assert body["text"] == TEXT
    _check_every_view(client, body["document"]["id"])


def test_errors_echoing_hostile_ids_are_json(store_url, client_for):
    client = client_for(store_url)
    hostile = "<img src=x onerror=alert(1)>"  # no "/": it would split the path
    for url in (f"/api/documents/{hostile}", f"/api/events/{hostile}"):
        r = client.get(url)
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/json"
        assert hostile in r.json()["detail"]
