"""Throughput of the full extraction pipeline against bare ``nlp.pipe`` on the same corpus.

Run with ``make bench``. Both are measured in this one run on the same generated corpus
(≥ 100k words), so the ratio is meaningful on any machine. Target: ratio ≥ 0.8.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000, help="corpus size in words")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from warlog.ingest import RawDocument
    from warlog.pipeline import Extractor

    docs = corpus(args.words)
    words = sum(len(text.split()) for text, _ in docs)
    extractor = Extractor()
    raws = [RawDocument(text=text, path=f"generated-{i}", title=None, url=None, outlet=None,
                        published=published, language="fr", encoding=None, warnings=())
            for i, (text, published) in enumerate(docs)]
    # Load the model, lexicons and gazetteer before timing, as a long-running job would.
    extractor.process(raws[0])

    t0 = time.perf_counter()
    for _ in extractor.nlp.pipe((text for text, _ in docs), batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = 0
    for processed in extractor.process_many(raws, batch_size=args.batch_size):
        events += len(processed.events)
    full = time.perf_counter() - t0

    bare_wps, full_wps = words / bare, words / full
    print(f"corpus: {len(docs)} documents, {words} words")
    print(f"bare nlp.pipe:  {bare_wps:10.0f} words/s ({bare:.1f} s)")
    print(f"full pipeline:  {full_wps:10.0f} words/s ({full:.1f} s), {events} events")
    print(f"ratio full/bare: {full_wps / bare_wps:.2f} (target >= 0.80)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
