from __future__ import annotations

import io
import json

import geopandas as gpd
import pytest

from warlog.export import write_geojson

from .conftest import STAMP


def test_feature_collection_rfc7946(rows, tmp_path):
    path = tmp_path / "events.geojson"
    n = write_geojson(rows, path, timestamp=STAMP)
    # Battle: two located places → two features; protest has no coordinates; bare no place.
    assert n == 2 and n.skipped == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert [f["geometry"]["type"] for f in data["features"]] == ["Point", "Point"]
    # lon, lat order
    assert data["features"][0]["geometry"]["coordinates"] == [36.51962, 35.30566]


def test_read_back_with_geopandas(rows, tmp_path):
    path = tmp_path / "events.geojson"
    write_geojson(rows, path, timestamp=STAMP)
    gdf = gpd.read_file(path)
    assert len(gdf) == 2
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    assert gdf.geometry.x.tolist() == pytest.approx([36.51962, 36.55])
    assert gdf.geometry.y.tolist() == pytest.approx([35.30566, 35.32])
    first, second = gdf.iloc[0], gdf.iloc[1]
    # Both features belong to the same event and share its ACLED id; each has its own place.
    assert first.event_id_cnty == second.event_id_cnty == "SYR1"
    assert first.warlog_event_id == second.warlog_event_id == "d" * 64 + ":0"
    assert (first.location, second.location) == ("Tall Milḩ", "Jibbīn")
    assert (first.location_index, second.location_index) == (0, 1)
    assert first.event_type == "Battles" and first.sub_event_type == "Armed clash"
    assert first.fatalities == 12 and first.country == "Syria"
    assert str(first.event_date).startswith("2019-06-06")


def test_properties_carry_evidence(battle):
    buf = io.StringIO()
    write_geojson([battle], buf, timestamp=STAMP)
    props = json.loads(buf.getvalue())["features"][0]["properties"]
    assert props["evidence"] == [[304, 496]]
    assert props["location_evidence"] == [[475, 483]]
    assert props["document_id"] == "d" * 64
    assert props["inter1"] == "Rebel group"


def test_empty_export_is_a_valid_collection():
    buf = io.StringIO()
    assert write_geojson([], buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}
