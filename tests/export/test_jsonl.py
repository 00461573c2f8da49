from __future__ import annotations

import io
import json

from warlog.export import write_jsonl
from warlog.schema import Document, Event


def test_round_trip(rows, tmp_path):
    path = tmp_path / "events.jsonl"
    assert write_jsonl(rows, path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line, (doc, event) in zip(lines, rows):
        rec = json.loads(line)
        assert set(rec) == {"document", "event"}
        assert Event.model_validate(rec["event"]) == event
        assert Document.model_validate(rec["document"]) == doc


def test_non_ascii_kept_verbatim(battle):
    buf = io.StringIO()
    write_jsonl([battle], buf)
    assert "Tall Milḩ" in buf.getvalue()
