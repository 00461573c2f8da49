"""The web UI in Debian's chromium: map, timeline, event panel, reading view, untrusted text
and offline operation, checked against what the API says about the same store."""

from __future__ import annotations

import httpx
import pytest

def api(server: str, path: str, **params) -> dict:
    return httpx.get(f"{server}{path}", params=params, timeout=30).json()


def mapped_events(server: str, **params) -> list[dict]:
    items = api(server, "/api/events", limit=1000, **params)["items"]
    return [e for e in items if e["lat"] is not None]


def expand_clusters(page, wanted: int = 1) -> None:
    """Click clusters (zooming in, then spiderfying) until markers show."""
    for _ in range(12):
        if page.locator(".event-marker").count() >= wanted or not page.locator(".cluster").count():
            return
        page.locator(".cluster").first.click()
        page.wait_for_timeout(600)


def events_on_map(page) -> set[str]:
    """Ids of the events on the map: markers shown alone and those inside a cluster."""
    return set(page.evaluate("""() => {
        const ids = [];
        window.warlogUI.map.eachLayer(l => {
            if (l.getAllChildMarkers) l.getAllChildMarkers().forEach(m => ids.push(m.event.id));
            else if (l.event) ids.push(l.event.id);
        });
        return ids; }"""))


def day_x(page, day: str) -> float:
    """Where a day falls on the timeline, in pixels from the plot's left edge."""
    return page.evaluate(
        "day => window.warlogUI.timeline().valToPos(Date.parse(day + 'T00:00:00Z') / 1000, 'x')", day)


def shown_event_ids(page) -> set[str]:
    return set(page.eval_on_selector_all("#panel .event-list li", "els => els.map(e => e.dataset.eventId)"))


def wait_for_ids(page, expected: set[str]) -> None:
    """Wait until the list shows exactly these events (a count alone can match the list from
    before the filter changed)."""
    page.wait_for_function(
        "ids => { const shown = [...document.querySelectorAll('#panel .event-list li')]"
        ".map(e => e.dataset.eventId).sort(); return JSON.stringify(shown) === JSON.stringify(ids); }",
        arg=sorted(expected))


def test_map_shows_every_located_event_over_the_offline_basemap(ui, server, output_dir):
    page = ui.open()
    events = mapped_events(server)
    assert len(events) >= 8  # the sample's 7 and the Malian report's
    # Every located event is on the map: as a marker or inside a cluster's count.
    assert events_on_map(page) == {e["id"] for e in events}
    assert shown_event_ids(page) == {e["id"] for e in api(server, "/api/events", limit=1000)["items"]}
    # The basemap: Natural Earth country outlines plus Syria's and Mali's governorates.
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    assert page.locator("#summary").inner_text().startswith(f"{api(server, '/api/events')['total']} events")
    page.screenshot(path=str(output_dir / "map.png"))
    assert (output_dir / "map.png").stat().st_size > 10_000
    assert not ui.errors and not ui.external_requests()


def test_clicking_a_marker_opens_its_event_with_sources_hedges_and_evidence(ui, server):
    page = ui.open()
    page.evaluate("() => window.warlogUI.map.setView([35.3, 36.5], 9)")  # the sample's front
    page.wait_for_timeout(500)
    expand_clusters(page)
    marker = page.locator(".event-marker").first
    marker.click()
    page.wait_for_selector(".event-detail")
    event_id = page.locator(".event-detail").get_attribute("data-event-id")
    assert marker.get_attribute("data-event-id") == event_id
    detail = api(server, f"/api/events/{event_id}")
    record = detail["record"]
    panel = page.locator(".event-detail").inner_text()
    for actor in record["actors"]:
        assert actor["name"] in panel
    for source in record["sources"]:
        assert source["speaker"] in panel
    for figure in record["fatalities"]:
        assert str(figure["value"]) in panel
    # Every span the record cites has a link in the panel.
    spans = {tuple(s) for s in record["date"]["evidence"]}
    for key in ("locations", "actors", "fatalities", "participants", "materiel", "sources"):
        for item in record[key]:
            spans |= {tuple(s) for s in item["evidence"]}
    links = {(int(a["start"]), int(a["end"])) for a in page.eval_on_selector_all(
        ".event-detail a.evidence", "els => els.map(e => ({start: e.dataset.start, end: e.dataset.end}))")}
    assert spans <= links


def test_reading_view_highlights_the_events_spans_both_ways(ui, server, output_dir):
    page = ui.open()
    events = api(server, "/api/events", limit=1000)["items"]
    sample = [e for e in events if e["document"]["title"] is None]
    killed = max(sample, key=lambda e: e["fatalities_best"] or 0)
    page.locator(f'#panel li[data-event-id="{killed["id"]}"]').click()
    page.click("#open-reading")
    page.wait_for_selector("#doc-text mark.active")
    assert page.locator("#map").is_hidden() and page.locator("#reading").is_visible()

    doc = api(server, f"/api/documents/{killed['document']['id']}")
    text = doc["text"]
    active = page.eval_on_selector_all(
        "#doc-text mark.active", "els => els.map(e => [+e.dataset.start, +e.dataset.end])")
    covered = set()
    for start, end in active:
        covered.update(range(start, end))
    mine = next(e for e in doc["events"] if e["id"] == killed["id"])
    for span in mine["evidence"]:
        assert set(range(span["start"], span["end"])) <= covered, span
    # The marks render the document's own text, at the API's offsets.
    first = page.locator("#doc-text mark.active.field").first
    start, end = int(first.get_attribute("data-start")), int(first.get_attribute("data-end"))
    assert first.inner_text() == text[start:end]
    assert page.locator("#doc-text").inner_text().replace("\n", "") == text.replace("\n", "")
    page.screenshot(path=str(output_dir / "reading.png"))

    # Click a highlight of another event: the panel switches to that event.
    other = next(e for e in doc["events"] if e["id"] != killed["id"]
                 and any(s["field"] != "event" for s in e["evidence"]))
    span = next(s for s in other["evidence"] if s["field"] != "event")
    mark = page.locator(f'#doc-text mark.field[data-start="{span["start"]}"]').first
    mark.click()
    page.wait_for_selector(f'.event-detail[data-event-id="{other["id"]}"]')
    assert "active" in (page.locator(
        f'#doc-text mark.field[data-start="{span["start"]}"]').first.get_attribute("class"))
    assert not ui.errors


def test_an_evidence_link_focuses_its_span_in_the_article(ui, server):
    page = ui.open()
    event = next(e for e in api(server, "/api/events", limit=1000)["items"]
                 if e["record"]["fatalities"])
    page.locator(f'#panel li[data-event-id="{event["id"]}"]').click()
    figure = event["record"]["fatalities"][0]
    start, end = figure["evidence"][0]
    page.locator(f'.event-detail a.evidence[data-start="{start}"][data-end="{end}"]').first.click()
    page.wait_for_selector("#doc-text mark.focus")
    focused = "".join(page.eval_on_selector_all("#doc-text mark.focus", "els => els.map(e => e.textContent)"))
    assert focused == figure["text"]


def test_the_timeline_filters_the_map(ui, server):
    from datetime import date

    page = ui.open()
    days = api(server, "/api/stats/daily")["days"]
    assert int(page.locator("#timeline").get_attribute("data-days")) == len(days)
    # Click the bar of the day farthest from any other (over years, neighbouring days share
    # a pixel).
    ordinals = [date.fromisoformat(d["date"]).toordinal() for d in days]
    lonely = max(range(len(days)), key=lambda i: min(abs(ordinals[i] - o)
                                                      for j, o in enumerate(ordinals) if j != i))
    day = days[lonely]["date"]
    box = page.locator("#timeline .u-over").bounding_box()
    x = day_x(page, day)
    page.mouse.click(box["x"] + x + 1, box["y"] + box["height"] - 5)
    # The bar is that day's, week's or month's, by the span the chart covers.
    page.wait_for_function("() => document.getElementById('f-until').value !== ''")
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert since <= day <= until
    unit = page.locator("#timeline").get_attribute("data-unit")
    assert (date.fromisoformat(until) - date.fromisoformat(since)).days + 1 <= {"day": 1, "week": 7, "month": 31}[unit]
    expected = {e["id"] for e in api(server, "/api/events", since=since, until=until, limit=1000)["items"]}
    wait_for_ids(page, expected)
    assert shown_event_ids(page) == expected
    assert 0 < len(expected) < api(server, "/api/events")["total"]
    assert events_on_map(page) == {e["id"] for e in mapped_events(server, since=since, until=until)}
    page.click("#range-clear")
    page.wait_for_function("n => document.querySelectorAll('#panel .event-list li').length === n",
                           arg=api(server, "/api/events")["total"])

    # Dragging across the chart selects a range of days.
    first, last = days[0]["date"], days[1]["date"]
    x0, x1 = day_x(page, first), day_x(page, last)
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + x0 - 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + x1 + 3, y, steps=5)
    page.mouse.up()
    page.wait_for_function("day => document.getElementById('f-since').value !== ''")
    since = page.input_value("#f-since")
    until = page.input_value("#f-until")
    assert since <= first and until >= last


def test_filters_by_type_actor_and_country(ui, server):
    page = ui.open()
    page.select_option("#f-type", "explosions_remote_violence")
    expected = {e["id"] for e in api(server, "/api/events", type="explosions_remote_violence", limit=1000)["items"]}
    assert expected
    wait_for_ids(page, expected)
    assert shown_event_ids(page) == expected
    page.select_option("#f-type", "")
    page.select_option("#f-country", "ML")
    mali = {e["id"] for e in api(server, "/api/events", country="ML", limit=1000)["items"]}
    wait_for_ids(page, mali)
    assert shown_event_ids(page) == mali
    page.select_option("#f-country", "")
    page.fill("#f-actor", "Hayat Tahrir")
    page.dispatch_event("#f-actor", "change")
    hts = {e["id"] for e in api(server, "/api/events", actor="Hayat Tahrir", limit=1000)["items"]}
    wait_for_ids(page, hts)
    assert shown_event_ids(page) == hts
    assert "actor=Hayat" in page.url  # the view can be shared


def test_one_dot_per_happening_shows_merged_events_and_opens_their_reports(ui, server):
    page = ui.open()
    merged = api(server, "/api/events", merged="true", limit=1000)
    assert merged["total"] < api(server, "/api/events")["total"]  # the two Malian reports
    page.check("#merged")
    page.wait_for_function("() => document.getElementById('summary').textContent.includes('happenings')")
    assert shown_event_ids(page) == {m["id"] for m in merged["items"]}
    assert "merged=1" in page.url
    item = max(merged["items"], key=lambda m: m["report_count"])
    page.locator(f'#panel li[data-event-id="{item["id"]}"]').click()
    page.wait_for_selector(f'.event-detail[data-event-id="{item["representative_id"]}"]')
    assert item["report_count"] > 1
    panel = page.locator(".event-detail").inner_text().lower()
    assert f"told by {item['report_count']} reports" in panel
    for report_id in item["report_ids"]:
        outlet = api(server, f"/api/events/{report_id}")["document"]["outlet"]
        assert outlet.lower() in panel
    stats = api(server, "/api/stats/daily", merged="true")
    assert page.locator("#summary").inner_text().startswith(f"{merged['total']} happenings")
    assert int(page.locator("#timeline").get_attribute("data-days")) == len(stats["days"])


def test_untrusted_text_is_shown_as_text_never_run(ui, server):
    docs = [e["document"] for e in api(server, "/api/events", limit=1000)["items"]]
    hostile = next(d for d in docs if d["title"] and "onerror" in d["title"])
    page = ui.open(f"#doc={hostile['id']}")
    page.wait_for_selector("#doc-text mark")
    reading = page.locator("#reading")
    assert "<script>window.__pwned" in page.locator("#doc-text").inner_text()
    assert "onerror=" in page.locator("#doc-meta").inner_text()
    assert reading.locator("script, img, b, a[href^='javascript']").count() == 0
    page.locator("#panel .event-list li").first.click()
    page.wait_for_selector(".event-detail")
    assert "<b onmouseover" in page.locator(".event-detail").inner_text()
    assert page.locator("a[href^='javascript'], #panel img, #panel b").count() == 0
    page.locator("#doc-meta").hover()
    assert page.evaluate("() => window.__pwned") is None
    assert not ui.errors


def test_nothing_is_fetched_from_outside_until_online_tiles_are_enabled(ui):
    page = ui.open()
    assert not ui.external_requests()
    page.check("#online-tiles")
    page.wait_for_timeout(500)
    assert ui.external_requests() and all(
        u.startswith("https://tile.openstreetmap.org/") for u in ui.external_requests())


def test_api_docs_render_from_local_assets(ui, server):
    page = ui.page
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".opblock-summary-path").filter(has_text="/api/events").count() >= 1
    assert not ui.external_requests()
