"""Exports of (Document, Event) pairs: ACLED CSV, GeoJSON, Parquet and JSON Lines.

Every writer takes an iterable of ``(Document, Event)`` and an output (a path, or a text
stream for the text formats) and returns the number of rows or features written, as an
:class:`ExportResult` (an ``int`` that also carries ``skipped``). See docs/export.md.
"""

from __future__ import annotations

from warlog.export._common import ExportResult
from warlog.export.acled import COLUMNS, conservative_fatalities, write_acled_csv
from warlog.export.geojson import write_geojson
from warlog.export.jsonl import write_jsonl
from warlog.export.parquet import write_parquet

__all__ = ["COLUMNS", "ExportResult", "conservative_fatalities", "write_acled_csv",
           "write_geojson", "write_jsonl", "write_parquet"]
