from __future__ import annotations

from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from warlog.export import COLUMNS, write_parquet
from warlog.export.parquet import SCHEMA

from .conftest import STAMP


def test_schema_types_and_rows(rows, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet(rows, path, timestamp=STAMP) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.schema.names[:len(COLUMNS)] == list(COLUMNS)
    assert table.schema.equals(SCHEMA, check_metadata=False)
    s = table.schema
    assert s.field("event_date").type == pa.date32()
    assert s.field("year").type == pa.int32() and s.field("fatalities").type == pa.int32()
    assert s.field("latitude").type == pa.float64() and s.field("timestamp").type == pa.int64()
    assert pa.types.is_list(s.field("actors").type)
    assert pa.types.is_struct(s.field("actors").type.value_type)


def test_values(rows, tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(rows, path, timestamp=STAMP)
    recs = pq.read_table(path).to_pylist()
    b, p, bare = recs
    assert b["event_date"] == date(2019, 6, 6) and b["year"] == 2019
    assert b["event_type"] == "Battles" and b["interaction"] == "State forces-Rebel group"
    assert b["interaction_code"] == 12 and b["inter1_code"] == 2
    assert b["fatalities"] == 12 and b["iso"] == 760 and b["latitude"] == 35.30566
    assert [a["name"] for a in b["actors"]][:2] == ["Hayat Tahrir al-Sham",
                                                   "Turkistan Islamic Party"]
    assert [f["value"] for f in b["fatalities_reported"]] == [12, 30]
    assert [loc["name"] for loc in b["locations"]] == ["Tall Milḩ", "Jibbīn"]
    assert b["evidence"] == [[304, 496]]
    assert p["latitude"] is None and p["tags"] == "crowd size=at least 500"
    assert bare["event_date"] is None and bare["actors"] == [] and bare["iso"] is None
    assert bare["fatalities"] == 0


def test_empty_export_keeps_schema(tmp_path):
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(SCHEMA, check_metadata=False)
