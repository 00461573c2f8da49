"""JSON Lines: the full record, ``{"document": …, "event": …}``, one event per line.

Nothing is flattened or dropped, so each line validates back into :class:`warlog.schema.Event`
and :class:`~warlog.schema.Document`; dates are ISO strings, spans ``[start, end]`` lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from warlog.export._common import ExportResult, Row, open_text


def write_jsonl(rows: Iterable[Row], out: Path | IO[str]) -> int:
    n = 0
    with open_text(out) as fh:
        for doc, event in rows:
            record = {"document": doc.model_dump(mode="json"),
                      "event": event.model_dump(mode="json")}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return ExportResult(n)
