"""The read-only API: listing with filters and pages, one event, documents, actors, places,
daily stats, 404s and the OpenAPI docs."""

from __future__ import annotations

from collections import Counter

import pytest


def ids(client, **params) -> list[str]:
    body = client.get("/api/events", params={"limit": 1000, **params}).json()
    assert body["total"] == len(body["items"])
    return [i["id"] for i in body["items"]]


def test_list_all_events_with_summary_document_and_record(client):
    body = client.get("/api/events").json()
    assert body["total"] == 8 and len(body["items"]) == 8
    first = body["items"][0]
    assert {"id", "event_type", "date_start", "lat", "lon", "fatalities_best", "merged_id",
            "document", "record"} <= set(first)
    assert first["record"]["id"] == first["id"]
    # By date, undated last.
    days = [i["date_start"] for i in body["items"]]
    assert days[-1] is None and days[:-1] == sorted(days[:-1])


@pytest.mark.parametrize("params, expected", [
    ({"country": "SY"}, 4),
    ({"country": "sy"}, 4),
    ({"admin1": "Nord-Kivu"}, 1),
    ({"type": "battles"}, 5),
    ({"type": "air_drone_strike"}, 1),
    ({"actor": "JNIM"}, 1),
    ({"actor": "hayat tahrir"}, 4),
    ({"since": "2021-01-01"}, 3),
    ({"until": "2019-12-31"}, 4),
    ({"since": "2019-06-07", "until": "2019-06-08"}, 2),
    ({"bbox": "-5,10,5,20"}, 3),     # Gao, Niamey and the undated Ménaka report
    ({"text": "drone"}, 1),
    ({"country": "SY", "type": "battles"}, 3),
])
def test_filters(client, params, expected):
    found = ids(client, **params)
    assert len(found) == expected, (params, found)


def test_bad_filter_values_are_422(client):
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


def test_pagination_covers_every_event_once(client):
    everything = ids(client)
    pages = []
    for offset in (0, 3, 6, 9):
        body = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert body["total"] == 8 and body["limit"] == 3 and body["offset"] == offset
        pages += [i["id"] for i in body["items"]]
    assert pages == everything
    filtered = client.get("/api/events", params={"country": "SY", "limit": 2}).json()
    assert filtered["total"] == 4 and len(filtered["items"]) == 2


def test_merged_listing_joins_the_three_outlets(client):
    body = client.get("/api/events", params={"merged": "true", "limit": 1000}).json()
    assert body["merged"] is True
    assert body["total"] == len(body["items"]) < 8
    clash = next(i for i in body["items"] if i["report_count"] == 3)
    assert clash["country"] == "SY" and len(clash["report_ids"]) == 3
    assert sum(len(i["report_ids"]) for i in body["items"]) == 8
    syria = client.get("/api/events", params={"merged": "true", "country": "SY"}).json()
    assert syria["total"] == 2  # the clash and the Idlib strike


def test_event_report_detail_has_evidence_corrections_and_merged(client):
    item = client.get("/api/events", params={"actor": "JNIM"}).json()["items"][0]
    body = client.get(f"/api/events/{item['id']}").json()
    assert body["kind"] == "report" and body["id"] == item["id"]
    assert body["corrections"] == []
    doc = client.get(f"/api/documents/{body['document']['id']}").json()
    assert body["evidence"], "the fake extractor gives evidence spans"
    for span in body["evidence"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert {s["field"] for s in body["evidence"]} >= {"event", "locations[0]", "actors[0]"}
    assert body["merged"]["id"] == body["merged_id"]
    assert body["merged"]["reports"][0]["event"]["id"] == item["id"]


def test_merged_event_detail_by_merged_id(client):
    clash = next(i for i in client.get("/api/events", params={"merged": "true"}).json()["items"]
                 if i["report_count"] == 3)
    body = client.get(f"/api/events/{clash['id']}").json()
    assert body["kind"] == "merged"
    assert [r["event"]["id"] for r in body["reports"]] == clash["report_ids"]
    assert all("evidence" in r and "corrections" in r for r in body["reports"])
    assert {r["document"]["outlet"] for r in body["reports"]} == {"AFP", "SANA", "Enab Baladi"}


def test_document_reading_view(client):
    item = client.get("/api/events", params={"text": "manifestants"}).json()["items"][0]
    body = client.get(f"/api/documents/{item['document']['id']}").json()
    assert body["document"]["title"] == "gao" and body["document"]["published"] == "2021-05-03"
    assert body["text"].startswith("Les jihadistes du JNIM")
    assert [e["event_type"] for e in body["events"]] == ["battles", "protests"]
    for event in body["events"]:
        for span in event["evidence"]:
            assert body["text"][span["start"]:span["end"]] == span["text"]


def test_unknown_ids_are_404_with_json(client):
    for url in ("/api/events/nope", "/api/events/m-nope", "/api/documents/nope"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"].startswith("application/json")
        assert "nope" in r.json()["detail"]


def test_actors_and_places_distinct_with_counts(client):
    actors = {a["name"]: a["events"] for a in client.get("/api/actors").json()["items"]}
    assert actors["Hayat Tahrir al-Sham"] == 4
    assert actors["Jama'at Nasr al-Islam wal Muslimin"] == 1
    in_mali = client.get("/api/actors", params={"country": "ML"}).json()["items"]
    assert "Hayat Tahrir al-Sham" not in {a["name"] for a in in_mali}

    places = client.get("/api/places").json()
    names = Counter(p["name"] for p in places["items"])
    assert max(names.values()) == 1, "places are distinct"
    tall = next(p for p in places["items"] if p["name"] == "Tall Milḩ")
    assert tall["events"] == 3 and tall["country"] == "SY" and tall["lat"] is not None
    mali = client.get("/api/places", params={"country": "ML"}).json()["items"]
    assert {p["name"] for p in mali} == {"Gao", "Ménaka"}


def test_daily_stats_sum_the_listed_events(client):
    listed = client.get("/api/events", params={"limit": 1000}).json()["items"]
    stats = client.get("/api/stats/daily").json()
    expected: dict[str, list[int]] = {}
    for e in listed:
        if e["date_start"]:
            day = expected.setdefault(e["date_start"], [0, 0])
            day[0] += 1
            day[1] += e["fatalities_best"] or 0
    assert {d["date"]: [d["events"], d["fatalities"]] for d in stats["days"]} == expected
    assert [d["date"] for d in stats["days"]] == sorted(expected)
    # AFP's "at least 30" and SANA's 12 on the 6th; the undated Ménaka report is not counted.
    assert expected["2019-06-06"] == [2, 42]
    assert stats["events"] == 7 and stats["fatalities"] == 42 + 40 + 4 + 7 + 12

    syria = client.get("/api/stats/daily", params={"country": "SY"}).json()
    assert syria["events"] == 4 and syria["fatalities"] == 42 + 40 + 4


def test_daily_stats_merged_counts_each_happening_once(client):
    merged = client.get("/api/events", params={"merged": "true", "limit": 1000}).json()["items"]
    stats = client.get("/api/stats/daily", params={"merged": "true"}).json()
    dated = [m for m in merged if m["date_start"]]
    assert stats["events"] == len(dated)
    assert stats["fatalities"] == sum(m["fatalities_best"] or 0 for m in dated)
    assert stats["events"] < client.get("/api/stats/daily").json()["events"]


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/events/{event_id}/corrections",
                 "/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/places",
                 "/api/stats/daily"):
        assert path in paths
