"""Ingesting collections into the store (library level; the CLI is in tests/test_cli_ingest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from testkit import fake
from warlog.errors import InputError
from warlog.ingest import RawDocument, document_id
from warlog.store import EXTRACTION_VERSION, EventFilter
from warlog.store.loader import Hooks, ingest, stale_documents


def raws(n: int, seed: int = 11) -> list[RawDocument]:
    return [RawDocument(text=body, path=f"gen-{i}.txt", published=published)
            for i, (body, published) in enumerate(fake.generated_reports(n, seed))]


def test_ingest_1000_generated_documents_then_nothing(store):
    docs = raws(1000)
    extractors = []

    def factory():
        extractors.append(fake.FakeExtractor())
        return extractors[-1]

    seen = []
    stats = ingest(store, docs, factory, batch_size=32,
                   hooks=Hooks(progress=lambda s: seen.append(s.processed)))
    assert stats.stored == 1000 and stats.skipped == 0 and stats.failed == 0
    assert extractors[0].calls == 32  # ceil(1000 / 32) batches through process_many
    n_docs, n_events = store.count()
    assert n_docs == 1000 and n_events == stats.events > 1000
    assert seen[-1] == 1000

    again = ingest(store, docs, factory)
    assert (again.stored, again.skipped, again.events) == (0, 1000, 0)
    assert len(extractors) == 1  # nothing new: the pipeline is not even loaded
    assert store.count() == (n_docs, n_events)


def test_duplicates_within_a_run_are_stored_once(store):
    doc = raws(1)[0]
    stats = ingest(store, [doc, doc, doc], fake.FakeExtractor)
    assert (stats.stored, stats.skipped) == (1, 2)


def test_bad_inputs_and_pipeline_crash_lose_only_themselves(store):
    good = raws(5)
    crash = RawDocument(text="Texte qui fait tomber le pipeline: BOUM-PIPELINE.", path="crash.txt")
    errors = []
    items = [good[0], InputError("unreadable", "bad.txt"), good[1], crash, *good[2:]]
    stats = ingest(store, items, fake.FakeExtractor, batch_size=4,
                   hooks=Hooks(error=lambda e: errors.append(str(e))))
    assert stats.stored == 5 and stats.failed == 2
    assert errors[0] == "bad.txt: unreadable [W001]"
    assert errors[1].startswith("crash.txt: extraction failed (RuntimeError")
    assert not store.has_document(document_id(crash.text))


def test_reextract_processes_only_older_versions(store):
    docs = raws(6)
    ingest(store, docs[:3], fake.FakeExtractor, version="1")
    ingest(store, docs[3:], fake.FakeExtractor, version="2")
    stats = ingest(store, docs, fake.FakeExtractor, version="2")
    assert stats.skipped == 6  # without --reextract nothing is redone
    stats = ingest(store, docs, fake.FakeExtractor, version="2", reextract=True)
    assert (stats.reextracted, stats.skipped) == (3, 3)
    assert {store.extraction_version(document_id(d.text)) for d in docs} == {"2"}
    assert store.count()[0] == 6


def test_reextract_from_the_store_alone_keeps_corrections(store):
    docs = raws(3)
    ingest(store, docs, fake.FakeExtractor, version="1")
    _, event = next(iter(store.events()))
    store.correct(event.id, "fatalities", "42", by="alice")
    stale = list(stale_documents(store, "2"))
    assert {d.text for d in stale} == {d.text for d in docs}
    assert {d.published for d in stale} == {d.published for d in docs}
    stats = ingest(store, stale, fake.FakeExtractor, version="2", reextract=True)
    assert stats.reextracted == 3
    assert [f.value for f in store.event(event.id)[1].fatalities] == [42]
    assert list(stale_documents(store, "2")) == []


def test_real_pipeline_on_a_handful(tmp_path):
    """The real Extractor (spaCy) end to end into a SQLite store."""
    from warlog.pipeline import Extractor
    from warlog.store import Store

    texts = [
        ("Bamako, 14 mars - Des jihadistes ont attaqué mardi un poste de l'armée malienne près "
         "de Gao, tuant au moins six soldats, a indiqué l'armée dans un communiqué.",
         date(2023, 3, 14)),
        ("Goma, 3 février - Des affrontements ont opposé jeudi les rebelles du M23 aux Forces "
         "armées de la RDC aux abords de Goma, faisant une dizaine de morts selon des sources "
         "locales.", date(2024, 2, 3)),
        ("Niamey, 18 mars - Des manifestants se sont rassemblés samedi à Niamey pour dénoncer "
         "la vie chère; la police a dispersé la foule à coups de gaz lacrymogène.",
         date(2023, 3, 18)),
    ]
    items = [RawDocument(text=t, path=f"r{i}.txt", published=p) for i, (t, p) in enumerate(texts)]
    with Store.open(tmp_path / "warlog.db") as store:
        errors = []
        stats = ingest(store, items, Extractor, batch_size=2,
                       hooks=Hooks(error=lambda e: errors.append(str(e))))
        assert errors == [] and stats.stored == 3
        events = list(store.events())
        assert stats.events == len(events) >= 2
        assert {e.event_type for _, e in events} >= {"battles"}
        assert list(store.events(EventFilter(actor="M23")))
        assert all(store.extraction_version(d.id) == EXTRACTION_VERSION
                   for d, _ in events)
