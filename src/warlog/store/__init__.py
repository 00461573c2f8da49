"""The event store: documents, event reports and analyst corrections in SQLite or PostgreSQL
(see ``docs/store.md``)."""

from warlog.store.core import EXTRACTION_VERSION, Store, is_older
from warlog.store.corrections import FIELDS as CORRECTABLE_FIELDS
from warlog.store.corrections import Correction, CorrectionError
from warlog.store.db import StoreError, resolve_url
from warlog.store.queries import EventFilter, parse_bbox

__all__ = ["CORRECTABLE_FIELDS", "Correction", "CorrectionError", "EXTRACTION_VERSION",
           "EventFilter", "Store", "StoreError", "is_older", "parse_bbox", "resolve_url"]
