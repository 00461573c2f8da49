"""The web UI's routes: the page and its assets come from the package itself (nothing from a
CDN), a clear page when the npm packages are missing, admin-1 boundaries by ISO code, the
vocabulary labels, and Swagger UI from the local copy."""

from __future__ import annotations

import re

import pytest

from warlog.serve import ui

needs_vendor = pytest.mark.skipif(bool(ui.missing_vendor_files()),
                                  reason="the web UI's npm packages are not installed: run "
                                         "`make install`")


@needs_vendor
def test_index_is_served_with_a_strict_content_security_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # Every script and stylesheet the page loads is local and exists.
    assets = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert assets and all(a.startswith("/static/") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


@needs_vendor
def test_swagger_ui_loads_its_assets_from_the_package(client):
    r = client.get("/docs")
    assert r.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)|url: *['"]([^'"]+)""", r.text)
    flat = [u for pair in urls for u in pair if u]
    assert flat and not [u for u in flat if u.startswith(("http:", "https:", "//"))]
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js",
                  "/static/vendor/swagger-ui/swagger-ui.css"):
        assert asset in r.text and client.get(asset).status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "warlog"


def test_a_missing_front_end_gives_a_page_that_says_how_to_install_it(client, monkeypatch,
                                                                      tmp_path):
    monkeypatch.setattr(ui, "VENDOR", tmp_path / "vendor")
    r = client.get("/")
    assert r.status_code == 503 and "make install" in r.text
    assert client.get("/api/events").status_code == 200  # the API does not need them


@needs_vendor
@pytest.mark.parametrize("code, name", [("SY", "Hamah"), ("ml", "Mopti")])
def test_admin1_boundaries_by_iso_alpha2(client, code, name):
    r = client.get(f"/ui/admin1/{code}.topo.json")
    assert r.status_code == 200
    topo = r.json()
    assert topo["type"] == "Topology"
    names = {g["properties"]["name"] for o in topo["objects"].values() for g in o["geometries"]}
    assert name in names


@pytest.mark.parametrize("code", ["XX", "S1", "../../etc", "SYR"])
def test_unknown_admin1_codes_are_404(client, code):
    assert client.get(f"/ui/admin1/{code}.topo.json").status_code == 404


def test_vocabulary_gives_readable_labels(client):
    v = client.get("/api/vocabulary").json()
    assert v["event_types"]["explosions_remote_violence"] == "Explosions/Remote violence"
    assert v["sub_event_types"]["armed_clash"] == "Armed clash"
    assert v["countries"]["SY"] == "Syria"
    assert v["materiel"]["ifv"] == "infantry fighting vehicle"
