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


def test_parse_process_gives_the_same_records_as_parsing_here():
    raws = [_raw(i, t) for i, t in enumerate(TEXTS * 3)]
    here = Extractor(parse_process=False)
    aside = Extractor(parse_process=True)
    try:
        expected = [p.model_dump() for p in here.process_many(raws, batch_size=4)]
        assert [p.model_dump() for p in aside.process_many(raws, batch_size=4)] == expected
        # The process is kept for the next job.
        process = aside.parse_process()
        assert [p.model_dump() for p in aside.process_many(raws[:2])] == expected[:2]
        assert aside.parse_process() is process
    finally:
        aside.close()


def test_stopping_early_then_closing_leaves_no_child_process():
    import multiprocessing

    extractor = Extractor(parse_process=True)
    raws = [_raw(i, t) for i, t in enumerate(TEXTS * 4)]
    stream = extractor.process_many(raws, batch_size=2)
    assert next(stream).document.file == "t0"
    stream.close()
    extractor.close()
    assert not [c for c in multiprocessing.active_children() if c.is_alive()]


def test_short_jobs_parse_in_this_process(monkeypatch):
    import os

    from warlog import pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("a short job must not start a parse process")

    extractor = Extractor(parse_process=None)
    monkeypatch.setattr(pipeline, "ParseProcess", refuse)
    assert len(list(extractor.process_many([_raw(0, TEXTS[0])] * 3))) == 3
    multi_core = (os.cpu_count() or 1) > 1
    assert extractor.parses_aside(pipeline.PARSE_PROCESS_MIN_DOCS) is multi_core
    assert extractor.parses_aside(pipeline.PARSE_PROCESS_MIN_DOCS - 1) is False
    # The library default parses here whatever the size: see Extractor's docstring.
    assert Extractor().parses_aside(10 * pipeline.PARSE_PROCESS_MIN_DOCS) is False
