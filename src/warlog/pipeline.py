"""The extraction pipeline: a document in, its events out.

read → nlp → dates → quantities → triggers → places, actors, sources → event assembly →
records. The spaCy model, gazetteer and registries are loaded once per :class:`Extractor`;
batches go through ``nlp.pipe``, long jobs through a parse process (``warlog.nlp.parallel``).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from warlog.extract.dates import find_dates
from warlog.extract.events import (Analysis, attach_orphan_counts, find_candidates, keep,
                                   merge_candidates, refine_type)
from warlog.extract.quantities import find_counts
from warlog.extract.records import build_event
from warlog.extract.triggers import find_triggers
from warlog.extract.weapons import find_weapons
from warlog.ingest import RawDocument, document_id, read_document
from warlog.nlp.parallel import ParseProcess
from warlog.nlp.pipeline import load
from warlog.resolve.actors import ActorRegistry
from warlog.resolve.context import (countries_acting, main_country, named_country, overlaps,
                                    resolve_labels, unqualified_forces)
from warlog.resolve.places import Gazetteer, find_places
from warlog.resolve.sources import find_attributions, find_hedges
from warlog.schema import Document, ProcessedDocument


# Below this many documents a job parses in this process: starting the parse process and
# loading the model in it (seconds) costs more than the overlap saves.
PARSE_PROCESS_MIN_DOCS = 300


class Extractor:
    """Holds the loaded model and reference data; reuse one for many documents.

    ``parse_process``: parse in a second process while this one analyses (see
    ``warlog.nlp.parallel``); ``None`` does so for jobs of at least ``PARSE_PROCESS_MIN_DOCS``
    documents on a machine with more than one CPU. Off by default in the library: the child
    imports the caller's main module, which must then keep its work under
    ``if __name__ == "__main__":`` as any multiprocessing program must. warlog's commands
    pass ``None``."""

    def __init__(self, language: str = "fr", gazetteer: Gazetteer | None = None,
                 registry: ActorRegistry | None = None, parse_process: bool | None = False):
        self.language = language
        self.nlp = load(language)
        self.registry = registry or ActorRegistry.load()
        self._gazetteer = gazetteer
        self._parse_process_wanted = parse_process
        self._parse_process: ParseProcess | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def parse_process(self) -> ParseProcess:
        """The parse process, started on first use and kept for later jobs."""
        if self._parse_process is None:
            self._parse_process = ParseProcess(self.language)
        return self._parse_process

    def close(self) -> None:
        """Stop the parse process, if one was started."""
        if self._parse_process is not None:
            self._parse_process.close()
            self._parse_process = None

    def parses_aside(self, n_docs: int) -> bool:
        """Whether a job of ``n_docs`` documents parses in the parse process."""
        if self._parse_process_wanted is not None:
            return self._parse_process_wanted
        return n_docs >= PARSE_PROCESS_MIN_DOCS and (os.cpu_count() or 1) > 1

    def process(self, raw: RawDocument, published: date | None = None) -> ProcessedDocument:
        return next(self.process_many([raw], published=published))

    def process_many(self, raws: Iterable[RawDocument], published: date | None = None,
                     batch_size: int = 16) -> Iterator[ProcessedDocument]:
        """Extract a batch, in order. Long jobs parse in a second process while this one
        analyses the documents already parsed; short ones parse here, with ``nlp.pipe``."""
        raws = list(raws) if not isinstance(raws, list) else raws
        texts = (r.text for r in raws)
        if self.parses_aside(len(raws)):
            docs = self.parse_process().pipe(texts, self.nlp.vocab, batch_size=batch_size)
        else:
            docs = self.nlp.pipe(texts, batch_size=batch_size)
        for raw, doc in zip(raws, docs):
            yield self.analyse(raw, doc, published or raw.published)

    def analyse(self, raw: RawDocument, doc, published: date | None) -> ProcessedDocument:
        text = raw.text
        warnings = list(raw.warnings)
        if published is None:
            warnings.append("no publication date: relative dates are left unresolved "
                            "(give --published or a .meta.json sidecar)")
        places = find_places(doc, self.gazetteer, keep_unresolved=True)
        # The report's country, from its places, else from the nationalities and countries
        # it names ("l'armée malienne"): descriptions like "l'armée" need it.
        country = main_country(places) or named_country(doc, self.registry)
        places, country_forces = countries_acting(doc, places, self.registry)
        found = self.registry.find(doc, country) + country_forces
        found += unqualified_forces(text, found, self.registry, country)
        actors = resolve_labels(sorted(found, key=lambda m: m.span), self.registry, country, text)
        # A place inside an actor's name ("les forces de Damas") is part of the actor.
        places = [p for p in places if not any(overlaps(p.span, m.span) for m in actors)]
        analysis = Analysis(
            text=text,
            published=published,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            paragraphs=_paragraphs(text),
            triggers=find_triggers(doc),
            dates=find_dates(text, published),
            counts=find_counts(doc),
            actors=actors,
            places=places,
            attributions=find_attributions(doc),
            hedges=find_hedges(doc),
            weapons=find_weapons(text),
            country=country,
        )
        candidates = merge_candidates(analysis, find_candidates(analysis))
        attach_orphan_counts(analysis, candidates)
        candidates = [c for c in candidates if keep(c)]
        document = Document(
            id=document_id(text), title=raw.title, url=raw.url, outlet=raw.outlet,
            language=raw.language or self.language, published=published,
            text_length=len(text), file=raw.path,
        )
        events = []
        for index, cand in enumerate(candidates):
            refine_type(analysis, cand)
            events.append(build_event(analysis, cand, f"{document.id[:16]}-{index}",
                                      self.registry, doc))
        return ProcessedDocument(document=document, events=events, warnings=warnings)


def extract_path(path: Path, published: date | None = None,
                 extractor: Extractor | None = None) -> ProcessedDocument:
    """Read one file and extract its events (``published`` overrides the file's metadata)."""
    raw = read_document(Path(path))
    return (extractor or _default_extractor()).process(raw, published=published)


def extract_text(text: str, published: date | None = None, **meta) -> ProcessedDocument:
    raw = RawDocument(text=text, path=meta.pop("path", "<text>"), title=meta.get("title"),
                      url=meta.get("url"), outlet=meta.get("outlet"), published=published,
                      language=meta.get("language"), encoding=None, warnings=())
    return _default_extractor().process(raw, published=published)


_EXTRACTOR: Extractor | None = None


def _default_extractor() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return spans or [(0, len(text))]
