"""Parquet: one row per event with typed columns, written through pyarrow.

Columns, in order:
- ACLED's 31 columns (:data:`warlog.export.acled.COLUMNS`) with the same values as the CSV,
  typed: ``event_date`` date32, ``year``/``time_precision``/``iso``/``geo_precision``/
  ``fatalities`` int32, ``latitude``/``longitude`` float64, ``timestamp`` int64, the rest
  strings; missing values are nulls.
- warlog's own: ``warlog_event_id``, ``document_id``, ``document_url``, ``outlet``,
  ``published`` (date32), ``date_end`` (date32), ``certainty``, the numeric
  ``inter1_code``/``inter2_code``/``interaction_code`` (int32).
- the nested lists as proper Arrow types, not JSON strings, so they can be queried
  (DuckDB, Polars, pandas' ArrowDtype): ``locations``, ``actors``, ``fatalities_reported``,
  ``sources`` (list<struct>) and ``evidence`` (list<list<int64>>).
The schema is fixed (:data:`SCHEMA`), so an empty export and a full one have the same one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from warlog.export._common import ExportResult, Row
from warlog.export.acled import COLUMNS, acled_records, interaction_code

_INT32 = {"year", "time_precision", "iso", "geo_precision", "fatalities"}
_TYPES: dict[str, pa.DataType] = {c: pa.string() for c in COLUMNS}
_TYPES.update({c: pa.int32() for c in _INT32})
_TYPES.update(event_date=pa.date32(), latitude=pa.float64(), longitude=pa.float64(),
              timestamp=pa.int64())

_SPANS = pa.list_(pa.list_(pa.int64()))
LOCATION = pa.struct([
    ("text", pa.string()), ("name", pa.string()), ("geonames_id", pa.int64()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
    ("admin1", pa.string()), ("admin2", pa.string()), ("geo_precision", pa.int32()),
    ("evidence", _SPANS),
])
ACTOR = pa.struct([
    ("role", pa.string()), ("name", pa.string()), ("text", pa.string()), ("inter", pa.int32()),
    ("evidence", _SPANS),
])
FIGURE = pa.struct([
    ("value", pa.int64()), ("qualifier", pa.string()), ("party", pa.string()),
    ("text", pa.string()), ("source", pa.string()), ("evidence", _SPANS),
])
SOURCE = pa.struct([
    ("speaker", pa.string()), ("affiliation", pa.string()), ("cue", pa.string()),
    ("text", pa.string()), ("evidence", _SPANS),
])

SCHEMA = pa.schema(
    [(c, _TYPES[c]) for c in COLUMNS]
    + [("warlog_event_id", pa.string()), ("document_id", pa.string()),
       ("document_url", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
       ("date_end", pa.date32()), ("certainty", pa.string()),
       ("inter1_code", pa.int32()), ("inter2_code", pa.int32()),
       ("interaction_code", pa.int32()),
       ("locations", pa.list_(LOCATION)), ("actors", pa.list_(ACTOR)),
       ("fatalities_reported", pa.list_(FIGURE)), ("sources", pa.list_(SOURCE)),
       ("evidence", _SPANS)],
    metadata={b"warlog.format": b"acled-parquet/1"},
)

_BATCH = 5000


def _dump(items, fields: pa.StructType) -> list[dict[str, Any]]:
    names = [f.name for f in fields]
    out = []
    for item in items:
        d = item.model_dump(mode="python")
        out.append({n: ([list(s) for s in d[n]] if n == "evidence" else d.get(n)) for n in names})
    return out


def _row(doc, event, rec: dict[str, Any]) -> dict[str, Any]:
    row = dict(rec)
    a1 = next((a for a in event.actors if a.role == "actor1"), None)
    a2 = next((a for a in event.actors if a.role == "actor2"), None)
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    row.update(
        warlog_event_id=event.id, document_id=doc.id, document_url=doc.url, outlet=doc.outlet,
        published=doc.published, date_end=event.date.end, certainty=event.certainty,
        inter1_code=inter1, inter2_code=inter2,
        interaction_code=interaction_code(event, inter1, inter2),
        locations=_dump(event.locations, LOCATION), actors=_dump(event.actors, ACTOR),
        fatalities_reported=_dump(event.fatalities, FIGURE),
        sources=_dump(event.sources, SOURCE),
        evidence=[list(s) for s in event.evidence],
    )
    return row


def write_parquet(rows: Iterable[Row], out: Path | str | IO[bytes], *,
                  timestamp: int | None = None) -> int:
    """Write one Parquet file (schema :data:`SCHEMA`). Returns rows written."""
    if isinstance(out, (str, Path)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        out = str(out)
    n = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for doc, event, rec in acled_records(rows, timestamp):
            batch.append(_row(doc, event, rec))
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            n += len(batch)
    return ExportResult(n)
