"""Time each extraction stage separately on the generated corpus (after one warm-up document).

Run: .venv/bin/python benchmarks/stages.py [--words N]. Prints ms per document per stage and
the bare spaCy time for comparison, to find what keeps the pipeline from the 0.8 ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=20_000)
    args = parser.parse_args()

    from warlog.extract.dates import find_dates
    from warlog.extract.quantities import find_counts
    from warlog.extract.triggers import find_triggers
    from warlog.extract.weapons import find_weapons
    from warlog.nlp.tokens import tokens
    from warlog.pipeline import Extractor
    from warlog.resolve.places import find_places
    from warlog.resolve.sources import find_attributions, find_hedges

    ex = Extractor()
    docs = corpus(args.words)
    t0 = time.perf_counter()
    parsed = list(ex.nlp.pipe(text for text, _ in docs))
    bare = time.perf_counter() - t0
    stages = {
        # Built once per Doc and shared by the stages below: timed on its own, first.
        "token table": lambda d, p: tokens(d),
        "dates": lambda d, p: find_dates(tokens(d).doc_text, p),
        "quantities": lambda d, p: find_counts(d),
        "triggers": lambda d, p: find_triggers(d),
        "weapons": lambda d, p: find_weapons(tokens(d).doc_text),
        "places": lambda d, p: find_places(d, ex.gazetteer),
        "actors": lambda d, p: ex.registry.find(d, None),
        "attributions": lambda d, p: find_attributions(d),
        "hedges": lambda d, p: find_hedges(d),
    }
    for fn in stages.values():  # warm-up: lexicons and matchers load once per process
        fn(parsed[0], docs[0][1])
    spent: dict[str, float] = defaultdict(float)
    for doc, (_, published) in zip(parsed, docs):
        for name, fn in stages.items():
            t = time.perf_counter()
            fn(doc, published)
            spent[name] += time.perf_counter() - t
    n = len(docs)
    print(f"{n} documents; bare nlp.pipe {1000 * bare / n:.1f} ms/doc")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:13s} {1000 * seconds / n:7.1f} ms/doc")
    print(f"  {'total':13s} {1000 * sum(spent.values()) / n:7.1f} ms/doc "
          f"(budget for ratio 0.8: {250 * bare / n:.1f} ms/doc)")


if __name__ == "__main__":
    main()
