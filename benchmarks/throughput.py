"""Throughput of the full extraction pipeline against bare ``nlp.pipe`` on the same corpus.

Run with ``make bench``. Both are measured in this one run on the same generated corpus
(≥ 100k words), so the ratio is meaningful on any machine. Target: ratio ≥ 0.8.

The pipeline runs as a long job does: on a machine with two CPUs or more it parses in a
second process (one parser, as bare ``nlp.pipe`` has) while this one analyses, so the ratio
says how much the analysis slows a job that parsing already bounds. The CPU time of both is
printed too: that ratio says what the analysis costs in total, whatever the core count.
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


def cpu_seconds(extractor=None) -> float:
    """CPU time of this process and, when it has one, of the extractor's parse process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    child = extractor._parse_process.usage()[0] if extractor and extractor._parse_process else 0
    return own.ru_utime + own.ru_stime + child


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000, help="corpus size in words")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--parse-process", choices=("auto", "yes", "no"), default="auto",
                        help="parse in a second process: auto (long jobs on >1 CPU), yes, no")
    args = parser.parse_args()

    from warlog.ingest import RawDocument
    from warlog.pipeline import Extractor

    docs = corpus(args.words)
    words = sum(len(text.split()) for text, _ in docs)
    extractor = Extractor(parse_process=None if args.parse_process == "auto"
                          else args.parse_process == "yes")
    raws = [RawDocument(text=text, path=f"generated-{i}", title=None, url=None, outlet=None,
                        published=published, language="fr", encoding=None, warnings=())
            for i, (text, published) in enumerate(docs)]
    # Load the model, lexicons, gazetteer and parse process before timing, as a long-running
    # job would.
    extractor.process(raws[0])
    aside = extractor.parses_aside(len(raws))
    if aside:
        extractor.parse_process().wait_ready()

    t0, c0 = time.perf_counter(), cpu_seconds()
    for _ in extractor.nlp.pipe((text for text, _ in docs), batch_size=args.batch_size):
        pass
    bare, bare_cpu = time.perf_counter() - t0, cpu_seconds() - c0

    c0, own0 = cpu_seconds(extractor), cpu_seconds()
    t0 = time.perf_counter()
    events = 0
    for processed in extractor.process_many(raws, batch_size=args.batch_size):
        events += len(processed.events)
    full = time.perf_counter() - t0
    full_cpu, own_cpu = cpu_seconds(extractor) - c0, cpu_seconds() - own0
    child_rss = extractor._parse_process.usage()[1] if extractor._parse_process else 0
    extractor.close()

    bare_wps, full_wps = words / bare, words / full
    print(f"corpus: {len(docs)} documents, {words} words")
    print(f"bare nlp.pipe:  {bare_wps:10.0f} words/s ({bare:.1f} s)")
    print(f"full pipeline:  {full_wps:10.0f} words/s ({full:.1f} s), {events} events")
    print(f"ratio full/bare: {full_wps / bare_wps:.2f} (target >= 0.80; parsing in "
          f"{'a second process' if aside else 'this process'})")
    print(f"CPU time: bare {bare_cpu:.1f} s, full {full_cpu:.1f} s "
          f"(analysis and hand-over add {full_cpu / bare_cpu - 1:.0%}"
          + (f"; this process {own_cpu:.1f} s, parse process {full_cpu - own_cpu:.1f} s)"
             if aside else ")"))
    print(f"peak RSS: {peak_rss_mb():.0f} MB" + (f", parse process {child_rss:.0f} MB" if aside else ""))


if __name__ == "__main__":
    main()
