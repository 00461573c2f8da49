"""Write endpoints: off without a configured token (403), closed to a wrong or missing one
(401), and working with the right one (201)."""

from __future__ import annotations

import pytest

TOKEN = "s3cret-token"  # the same as tests/serve/conftest.py gives the apps below
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = ("Les forces ukrainiennes ont repoussé une offensive près de Bakhmout, 6 soldats tués "
        "selon l'état-major.")
WRITES = [
    ("post", "/api/documents", {"text": TEXT, "published": "2023-01-20"}),
    ("post", "/api/events/{id}/corrections", {"by": "ana", "changes": {"notes": "checked"}}),
]


def first_id(client) -> str:
    return client.get("/api/events", params={"actor": "JNIM"}).json()["items"][0]["id"]


@pytest.mark.parametrize("method, url, body", WRITES)
def test_writes_without_configured_token_are_403(filled_url, client_for, method, url, body):
    client = client_for(filled_url)
    for headers in ({}, AUTH):
        r = client.request(method, url.format(id=first_id(client)), json=body, headers=headers)
        assert r.status_code == 403
        assert r.headers["content-type"].startswith("application/json")
        assert "--token" in r.json()["detail"] and "WARLOG_API_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize("method, url, body", WRITES)
def test_writes_with_wrong_or_missing_token_are_401(filled_url, client_for, method, url, body):
    client = client_for(filled_url, token=TOKEN)
    url = url.format(id=first_id(client))
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        r = client.request(method, url, json=body, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/events").json()["total"] == 8


def test_token_from_environment(filled_url, client_for, monkeypatch):
    monkeypatch.setenv("WARLOG_API_TOKEN", TOKEN)
    from fastapi.testclient import TestClient

    from warlog.serve import create_app

    with TestClient(create_app(filled_url)) as client:
        r = client.post(f"/api/events/{first_id(client)}/corrections", headers=AUTH,
                        json={"by": "ana", "changes": {"notes": "env token"}})
        assert r.status_code == 201


def test_ingest_with_token_stores_the_events(filled_url, client_for, fake_extractor):
    client = client_for(filled_url, token=TOKEN)
    r = client.post("/api/documents", headers=AUTH,
                    json={"text": TEXT, "title": "Bakhmout", "outlet": "AFP",
                          "published": "2023-01-20"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["document"]["title"] == "Bakhmout" and body["text"] == TEXT
    assert len(body["events"]) == 1 and body["events"][0]["date_start"] == "2023-01-20"
    listed = client.get("/api/events", params={"country": "UA"}).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["events"][0]["id"]
    assert client.get("/api/events").json()["total"] == 9
    # The same text again is not extracted twice.
    again = client.post("/api/documents", headers=AUTH, json={"text": TEXT})
    assert again.status_code == 200 and again.json()["events"] == body["events"]
    assert client.get("/api/events").json()["total"] == 9


def test_ingest_rejects_empty_text(filled_url, client_for, fake_extractor):
    client = client_for(filled_url, token=TOKEN)
    for text in ("", "   \n"):
        assert client.post("/api/documents", headers=AUTH, json={"text": text}).status_code == 422


def test_correction_with_token_is_applied_and_kept_in_history(filled_url, client_for):
    client = client_for(filled_url, token=TOKEN)
    event_id = first_id(client)
    r = client.post(f"/api/events/{event_id}/corrections", headers=AUTH,
                    json={"by": "ana", "changes": {"actor1": "Islamic State Sahel Province",
                                                   "fatalities": "9"}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["actor1"] == "Islamic State Sahel Province" and body["fatalities_best"] == 9
    assert body["machine_record"]["actors"][0]["name"] == "Jama'at Nasr al-Islam wal Muslimin"
    detail = client.get(f"/api/events/{event_id}").json()
    assert [(c["field"], c["new_value"], c["by"]) for c in detail["corrections"]] == [
        ("actor1", "Islamic State Sahel Province", "ana"), ("fatalities", "9", "ana")]
    assert detail["corrections"][0]["old_value"] == "Jama'at Nasr al-Islam wal Muslimin"
    # Filters read the corrected values (the mention "JNIM" stays the text's).
    assert client.get("/api/events", params={"actor": "Nasr al-Islam"}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": "Sahel Province"}).json()["total"] == 1


def test_bad_corrections(filled_url, client_for):
    client = client_for(filled_url, token=TOKEN)
    event_id = first_id(client)
    url = f"/api/events/{event_id}/corrections"
    r = client.post(url, headers=AUTH, json={"by": "ana", "changes": {"colour": "red"}})
    assert r.status_code == 422 and "colour" in r.json()["detail"]
    r = client.post(url, headers=AUTH, json={"by": "ana", "changes": {"date": "hier"}})
    assert r.status_code == 422
    assert client.post(url, headers=AUTH, json={"by": "", "changes": {"notes": "x"}}
                       ).status_code == 422
    assert client.post(url, headers=AUTH, json={"by": "ana", "changes": {}}).status_code == 422
    r = client.post("/api/events/nope/corrections", headers=AUTH,
                    json={"by": "ana", "changes": {"notes": "x"}})
    assert r.status_code == 404
    assert client.get(f"/api/events/{event_id}").json()["corrections"] == []
