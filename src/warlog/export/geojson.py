"""GeoJSON (RFC 7946): a FeatureCollection with one Point per located event location.

Coordinates are [longitude, latitude] in WGS 84 and there is no ``crs`` member (RFC 7946
§4 removed it). Properties are the flat ACLED fields of :mod:`warlog.export.acled` for that
location, plus warlog's own: the event id, document id and url, the location's index in the
event, the certainty and the evidence spans. An event none of whose locations has
coordinates produces no feature and is counted in the result's ``skipped``.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from warlog.export._common import ExportResult, Row, open_text
from warlog.export.acled import IdAllocator, acled_record, event_country


def _has_point(lat: float | None, lon: float | None) -> bool:
    return (lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def event_features(doc, event, *, event_id_cnty: str, timestamp: int) -> list[dict[str, Any]]:
    features = []
    for index, loc in enumerate(event.locations):
        if not _has_point(loc.lat, loc.lon):
            continue
        props = {k: _jsonable(v) for k, v in acled_record(
            doc, event, event_id_cnty=event_id_cnty, timestamp=timestamp, location=loc).items()}
        props.update({
            "warlog_event_id": event.id,
            "document_id": doc.id,
            "document_url": doc.url,
            "location_index": index,
            "location_count": len(event.locations),
            "certainty": event.certainty,
            "evidence": [list(s) for s in event.evidence],
            "location_evidence": [list(s) for s in loc.evidence],
        })
        features.append({
            "type": "Feature",
            "id": f"{event.id}#{index}",
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": props,
        })
    return features


def write_geojson(rows: Iterable[Row], out: Path | IO[str], *,
                  timestamp: int | None = None) -> int:
    """Write a FeatureCollection. Returns features written (``.skipped``: events skipped)."""
    ids = IdAllocator()
    stamp = int(time.time()) if timestamp is None else timestamp
    written = skipped = 0
    with open_text(out) as fh:
        # Streamed feature by feature so a large store never sits in memory as one document.
        fh.write('{"type": "FeatureCollection", "features": [')
        for doc, event in rows:
            first = event.locations[0] if event.locations else None
            eid = ids(event_country(event, first))
            features = event_features(doc, event, event_id_cnty=eid, timestamp=stamp)
            if not features:
                skipped += 1
                continue
            for feature in features:
                fh.write(",\n" if written else "\n")
                fh.write(json.dumps(feature, ensure_ascii=False))
                written += 1
        fh.write("\n]}\n")
    return ExportResult(written, skipped)
