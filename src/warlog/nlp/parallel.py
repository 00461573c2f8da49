"""Parsing in a separate process, so a long job analyses one batch while the next ones parse.

spaCy's parser holds the GIL for most of its run, so a thread cannot overlap it with warlog's
rule stages (measured: a worker thread gave 0.72 of bare ``nlp.pipe`` against 0.71 with no
thread at all). A second process can. The child loads the same model, parses batches with
``nlp.pipe`` and sends each Doc back serialised; the parent rebuilds them on its own vocab,
which gives the same annotations, token for token, as parsing in the parent.

It only pays for long jobs: the child needs seconds to load the model. The standard library's
``ProcessPoolExecutor`` does the process and pipe handling (its own thread drains the pipe
while the parent analyses). The child is started with ``forkserver`` where the platform has
it, else ``spawn``, never a bare ``fork`` of a process that may be running threads (a server).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from spacy.tokens import Doc

# The tensor is the parser's internal state, not an annotation any stage reads; leaving it
# out halves what crosses the pipe.
_EXCLUDE = ["tensor"]
_NLP = None  # the child's model


def _load(language: str) -> None:
    global _NLP
    from warlog.nlp.pipeline import load

    _NLP = load(language)


def _parse(texts: list[str], batch_size: int) -> list[bytes]:
    return [doc.to_bytes(exclude=_EXCLUDE) for doc in _NLP.pipe(texts, batch_size=batch_size)]


def _ready() -> bool:
    return _NLP is not None


def _usage() -> tuple[float, float]:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss / 1024


class ParseProcess:
    """One child process that parses for this one; reuse it for every batch of a job."""

    def __init__(self, language: str = "fr"):
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context,
                                         initializer=_load, initargs=(language,))

    def wait_ready(self) -> None:
        """Block until the child has loaded its model (so a benchmark does not time it)."""
        self._pool.submit(_ready).result()

    def usage(self) -> tuple[float, float]:
        """The child's CPU seconds so far and its peak RSS in MB. It is the fork server's
        child, not ours, so ``RUSAGE_CHILDREN`` would not count it."""
        return self._pool.submit(_usage).result()

    def pipe(self, texts: Iterable[str], vocab, batch_size: int = 16,
             ahead: int = 2) -> Iterator[Doc]:
        """Docs for ``texts``, in order. Up to ``ahead`` batches are parsed ahead of the one
        being consumed, which bounds the memory held in flight."""
        texts = iter(texts)
        pending: deque[Future] = deque()
        try:
            while True:
                while len(pending) <= ahead:
                    batch = list(islice(texts, batch_size))
                    if not batch:
                        break
                    pending.append(self._pool.submit(_parse, batch, batch_size))
                if not pending:
                    return
                for data in pending.popleft().result():
                    yield Doc(vocab).from_bytes(data, exclude=_EXCLUDE)
        finally:
            for future in pending:  # the consumer stopped early: drop what is queued
                future.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
