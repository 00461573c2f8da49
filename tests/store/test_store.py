"""The Store API on SQLite and PostgreSQL: add, replace, query, filters, views, migrations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, text

from warlog.ingest import RawDocument
from warlog.store import EXTRACTION_VERSION, EventFilter, Store, StoreError, is_older

from testkit import fake

TEXTS = {
    "gao": ("Les jihadistes du JNIM ont attaqué une position de l'armée malienne près de Gao, "
            "tuant 7 soldats, a indiqué un porte-parole.\n"
            "Des manifestants se sont rassemblés samedi à Niamey.", date(2021, 5, 3)),
    "goma": ("Des affrontements ont opposé les rebelles du M23 aux Forces armées de la RDC "
             "aux abords de Goma. Au moins 12 civils ont été tués selon des sources locales.",
             date(2023, 2, 10)),
    "idlib": ("Une frappe de drone a visé un convoi de Hayat Tahrir al-Cham au nord d'Idlib, "
              "faisant 4 morts.", date(2019, 6, 8)),
    "menaka": ("Les terroristes de l'EIGS ont enlevé 9 civils près de Ménaka.", None),
}


def raw(key: str) -> RawDocument:
    body, published = TEXTS[key]
    return RawDocument(text=body, path=f"{key}.txt", title=key.capitalize(), outlet="Test",
                       published=published, language="fr")


def add(store: Store, key: str, version: str = EXTRACTION_VERSION):
    r = raw(key)
    processed = fake.process(r, r.published)
    store.add(processed, r.text, version)
    return processed


def test_add_and_read_back(store):
    processed = add(store, "gao")
    doc_id = processed.document.id
    assert store.has_document(doc_id) and not store.has_document("0" * 64)
    assert store.extraction_version(doc_id) == EXTRACTION_VERSION
    doc, body = store.document(doc_id)
    assert doc == processed.document and body == TEXTS["gao"][0]
    got = list(store.events())
    assert [e for _, e in got] == processed.events
    assert store.event(processed.events[0].id) == (processed.document, processed.events[0])
    assert store.count() == (1, 2)


def test_readding_replaces_events_and_keeps_one_document(store):
    add(store, "gao")
    processed = add(store, "gao", version="2")
    assert store.count() == (1, len(processed.events))
    assert store.extraction_version(processed.document.id) == "2"
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM evidence")).scalar() > 0
        orphans = conn.execute(text(
            "SELECT count(*) FROM evidence v LEFT JOIN events e ON e.id = v.event_id "
            "WHERE e.id IS NULL")).scalar()
    assert orphans == 0


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(), {"gao", "goma", "idlib", "menaka"}),
    (EventFilter(since=date(2021, 1, 1)), {"gao", "goma"}),
    (EventFilter(until=date(2021, 12, 31)), {"gao", "idlib"}),
    (EventFilter(country="ml"), {"gao", "menaka"}),
    (EventFilter(admin1="nord-kivu"), {"goma"}),
    (EventFilter(type="battles"), {"gao", "goma"}),
    (EventFilter(type="air_drone_strike"), {"idlib"}),
    (EventFilter(actor="m23"), {"goma"}),
    (EventFilter(actor="military forces of mali"), {"gao"}),
    (EventFilter(bbox=(-5.0, 10.0, 5.0, 20.0)), {"gao", "menaka"}),
    (EventFilter(text="convoi"), {"idlib"}),
    (EventFilter(text="MÉNAKA"), {"menaka"}),
    (EventFilter(text="100%_"), set()),
    (EventFilter(country="ML", type="protests"), set()),
])
def test_filters(store, flt, expected):
    titles = {}
    for key in TEXTS:
        titles[add(store, key).document.id] = key
    found = {titles[doc.id] for doc, _ in store.events(flt)}
    assert found == expected


def test_events_sorted_by_date_undated_last(store):
    for key in TEXTS:
        add(store, key)
    starts = [e.date.start for _, e in store.events()]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated) and starts[-1] is None


def test_documents_older_than(store):
    add(store, "gao", version="1")
    add(store, "goma", version="1.10")
    older = {d.title for d in store.documents(older_than="1.9")}
    assert older == {"Gao"}
    assert is_older("1.9", "1.10") and not is_older("2", "2")


def test_views_are_readable(store):
    add(store, "gao")
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT event_id, event_type, actor1, fatalities, title "
                                 "FROM event_list ORDER BY event_id")).all()
        assert rows[0].event_type == "battles" and rows[0].actor1 == \
            "Jama'at Nasr al-Islam wal Muslimin" and rows[0].fatalities == 7
        for view in ("event_actors", "event_places", "event_sources", "event_evidence",
                     "event_corrections", "document_list"):
            conn.execute(text(f"SELECT * FROM {view}")).all()
        spans = conn.execute(text("SELECT text FROM event_evidence WHERE field = 'event'")).all()
        assert spans[0].text.startswith("Les jihadistes du JNIM")


def test_reopen_is_idempotent_and_records_versions(store_url):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from warlog import __version__
    from warlog.store.db import MIGRATIONS

    with Store.open(store_url) as s:
        add(s, "gao")
    with Store.open(store_url) as s:
        assert s.count()[0] == 1
        with s.engine.connect() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            head = ScriptDirectory.from_config(config).get_current_head()
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
            assert conn.execute(text("SELECT warlog_version FROM documents")).scalar() == __version__


def test_models_match_migrations(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from warlog.store.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert {"documents", "events", "places", "actors", "speakers", "evidence",
            "corrections"} <= set(inspect(store.engine).get_table_names())


def test_bad_locations_are_one_line_errors(tmp_path):
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "missing-folder" / "warlog.db")
    assert "\n" not in str(err.value) and "folder does not exist" in str(err.value)
    with pytest.raises(StoreError) as err:
        Store.open("postgresql://nobody@127.0.0.1:1/none")
    assert "\n" not in str(err.value)


def test_default_location_from_env(tmp_path, monkeypatch):
    from warlog.store import resolve_url

    monkeypatch.setenv("WARLOG_DB", str(tmp_path / "x.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.delenv("WARLOG_DB")
    assert resolve_url(None) == "sqlite:///warlog.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
