"""Run documents through the extraction pipeline into a store, one transaction each.

Used by ``warlog ingest``. A document whose content hash is stored is skipped before any
NLP runs (so a re-run over the same collection costs one lookup per document), unless
``reextract`` is set and it was processed by an older extraction version. Documents go to
``Extractor.process_many`` in batches (spaCy's ``nlp.pipe``) and each is committed as soon as
it comes out, so an interruption loses at most the documents not yet committed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from warlog.errors import WarlogError
from warlog.ingest.files import RawDocument, document_id
from warlog.schema import ProcessedDocument
from warlog.store import core
from warlog.store.core import Store, is_older


@dataclass
class IngestStats:
    stored: int = 0          # new documents
    reextracted: int = 0     # stored documents processed again
    skipped: int = 0         # already stored (or twice in the inputs)
    failed: int = 0          # inputs that could not be read or extracted
    events: int = 0          # events in the documents stored or re-extracted
    started: float = field(default_factory=time.monotonic)

    @property
    def processed(self) -> int:
        return self.stored + self.reextracted

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.processed / elapsed if elapsed > 0 else 0.0


@dataclass
class Hooks:
    progress: Callable[[IngestStats], None] = lambda stats: None
    error: Callable[[WarlogError], None] = lambda exc: None
    warning: Callable[[str, str], None] = lambda where, message: None


def stale_documents(store: Store, version: str | None = None) -> Iterator[RawDocument]:
    """Stored documents extracted by an older version (default: the current
    ``EXTRACTION_VERSION``), rebuilt from the stored text."""
    version = version or core.EXTRACTION_VERSION
    for doc in list(store.documents(older_than=version)):
        found = store.document(doc.id)
        if found is None:
            continue
        _, text = found
        yield RawDocument(text=text, path=doc.file or doc.id, title=doc.title, url=doc.url,
                          outlet=doc.outlet, published=doc.published, language=doc.language)


def ingest(store: Store, items: Iterable[RawDocument | WarlogError],
           extractor_factory: Callable[[], object], *, reextract: bool = False,
           batch_size: int = 16, version: str | None = None, delay: float = 0.0,
           hooks: Hooks | None = None, stats: IngestStats | None = None) -> IngestStats:
    version = version or core.EXTRACTION_VERSION
    hooks = hooks or Hooks()
    stats = stats or IngestStats()
    extractor = None
    pending: list[tuple[RawDocument, bool]] = []
    seen: set[str] = set()

    def flush() -> None:
        nonlocal extractor
        if not pending:
            return
        if extractor is None:
            extractor = extractor_factory()  # loading spaCy is slow: only when needed
        batch = list(pending)
        pending.clear()
        done = 0
        try:
            for processed in extractor.process_many([raw for raw, _ in batch],
                                                    batch_size=batch_size):
                _commit(store, batch[done], processed, version, delay, stats, hooks)
                done += 1
        except WarlogError as exc:
            # A storage failure is not the document's fault: nothing later would succeed.
            if exc.code == "W006":
                raise
            _one_by_one(store, extractor, batch[done:], version, delay, stats, hooks)
        except Exception:
            # One document broke the batch; retry the rest alone so only that one is lost.
            _one_by_one(store, extractor, batch[done:], version, delay, stats, hooks)

    for item in items:
        if isinstance(item, WarlogError):
            stats.failed += 1
            hooks.error(item)
            hooks.progress(stats)
            continue
        doc_id = document_id(item.text)
        if doc_id in seen:
            stats.skipped += 1
            hooks.progress(stats)
            continue
        seen.add(doc_id)
        stored_version = store.extraction_version(doc_id)
        if stored_version is not None and not (reextract and is_older(stored_version, version)):
            stats.skipped += 1
            hooks.progress(stats)
            continue
        pending.append((item, stored_version is not None))
        if len(pending) >= batch_size:
            flush()
    flush()
    return stats


def _one_by_one(store, extractor, batch, version, delay, stats, hooks) -> None:
    for entry in batch:
        raw = entry[0]
        try:
            processed = next(iter(extractor.process_many([raw], batch_size=1)))
        except Exception as exc:  # the pipeline's failure on one text must not stop the run
            stats.failed += 1
            hooks.error(_ExtractionError(
                f"extraction failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})",
                raw.path))
            hooks.progress(stats)
            continue
        _commit(store, entry, processed, version, delay, stats, hooks)


class _ExtractionError(WarlogError):
    code = "W001"


def _commit(store: Store, entry: tuple[RawDocument, bool], processed: ProcessedDocument,
            version: str, delay: float, stats: IngestStats, hooks: Hooks) -> None:
    raw, was_stored = entry
    if delay:
        time.sleep(delay)  # test hook (WARLOG_INGEST_DELAY) so a kill lands mid-run
    store.add(processed, raw.text, version)
    if was_stored:
        stats.reextracted += 1
    else:
        stats.stored += 1
    stats.events += len(processed.events)
    for warning in processed.warnings:
        hooks.warning(raw.path, warning)
    hooks.progress(stats)
