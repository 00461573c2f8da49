"""The pipeline as a whole: batches give the same records as single documents."""

from __future__ import annotations

from datetime import date

from warlog.ingest import RawDocument
from warlog.pipeline import Extractor

TEXTS = [
    "Des jihadistes ont attaqué mardi un poste de l'armée malienne près de Gao, tuant six "
    "soldats, a indiqué l'armée.",
    "Les rebelles du M23 ont pris le contrôle de la localité de Rubaya dimanche, selon des "
    "sources locales.",
    "Une frappe de drone a visé jeudi un convoi près de Kharkiv, faisant trois morts.",
    "Le gouverneur a inauguré un marché à Niamey.",
    "Des manifestants se sont rassemblés samedi à Bamako ; la police a dispersé la foule à "
    "coups de gaz lacrymogène.",
]


def _raw(i: int, text: str) -> RawDocument:
    return RawDocument(text=text, path=f"t{i}", title=None, url=None, outlet=None,
                       published=date(2023, 5, 12), language="fr", encoding=None, warnings=())


def test_pipeline_batch_equals_one_by_one():
    extractor = Extractor()
    raws = [_raw(i, t) for i, t in enumerate(TEXTS)]
    batch = [p.model_dump() for p in extractor.process_many(raws, batch_size=2)]
    single = [extractor.process(r).model_dump() for r in raws]
    assert batch == single
    assert [len(p["events"]) for p in batch][:3] == [1, 1, 1]
    assert batch[3]["events"] == []


def test_pipeline_stopping_early_leaves_no_blocked_worker():
    import threading

    extractor = Extractor()
    raws = [_raw(i, t) for i, t in enumerate(TEXTS * 4)]
    stream = extractor.process_many(raws, batch_size=2)
    next(stream)
    stream.close()
    for thread in threading.enumerate():
        if thread.name == "warlog-nlp":
            thread.join(timeout=10)
            assert not thread.is_alive()
