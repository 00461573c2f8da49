"""Gazetteer speed: lookups/s and import rows/s, each against a baseline taken in the same run.

Run: .venv/bin/python benchmarks/gazetteer.py [--rows N] [--rounds N]

* lookups: ``Gazetteer.lookup`` on a fixed list of names (exact, spelling variant, fuzzy,
  unknown) with cold caches (cleared before every call) and warm ones; the ratio is what the
  memo buys when names repeat across documents. Uses the store ``Gazetteer.open()`` finds
  (``WARLOG_GAZETTEER`` / ``WARLOG_GAZETTEER_DEFAULT``).
* import: a generated GeoNames-format dump of ``--rows`` rows (in a temporary directory)
  imported into a fresh store, against the raw rate of reading, decoding and splitting the
  same file, the floor any importer pays.
* peak RSS of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

EXACT = ["Alep", "Hama", "Goma", "Kidal", "Damas", "Moscou", "Venezuela", "Idlib", "Niamey",
         "Gao"]
VARIANT = ["Jisr al-Choghour", "Tal Melh", "Joubbaïne", "Hamah", "Maarat al-Nouman",
           "Deir ez-Zor", "Khan Cheikhoun", "Bakhmout", "Ouagadougou", "Tombouktou"]
FUZZY = ["Ouahigouyaa", "Tombouctouu", "Rutshuruu", "Kharkivv", "Ménakka"]
UNKNOWN = ["Observatoire", "Xqzwvbr", "Mohammed", "Selon", "Gouvernement"]
NAMES = EXACT + VARIANT + FUZZY + UNKNOWN


def bench_lookups(rounds: int) -> None:
    from warlog.resolve.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    gaz.lookup("Alep")  # opens the stores and warms SQLite's page cache
    for name in NAMES:
        gaz.lookup(name)
    t = time.perf_counter()
    n = 0
    for _ in range(max(1, rounds // 10)):
        for name in NAMES:
            gaz.clear_cache()
            gaz.lookup(name)
            n += 1
    cold = n / (time.perf_counter() - t)
    t = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for name in NAMES:
            gaz.lookup(name)
            n += 1
    warm = n / (time.perf_counter() - t)
    print(f"lookup   uncached {cold:10.0f} lookups/s   cached {warm:10.0f} lookups/s   "
          f"ratio {warm / cold:6.1f}x   ({len(NAMES)} names: {len(EXACT)} exact, "
          f"{len(VARIANT)} variant, {len(FUZZY)} fuzzy, {len(UNKNOWN)} unknown)")
    per_kind = []
    for label, names in (("exact", EXACT), ("variant", VARIANT), ("fuzzy", FUZZY),
                         ("unknown", UNKNOWN)):
        t = time.perf_counter()
        for name in names:
            gaz.clear_cache()
            gaz.lookup(name)
        per_kind.append(f"{label} {1000 * (time.perf_counter() - t) / len(names):.2f}")
    print("         uncached ms/lookup: " + ", ".join(per_kind))
    gaz.close()


_SYL = ["ba", "ka", "ta", "ma", "sha", "dje", "ou", "al", "ra", "mi", "kha", "za", "bou", "ne",
        "di", "lo", "gha", "ya", "fa", "te", "sou", "ri", "ham", "dir", "tal", "kou"]


def _name(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        w = "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4)))
        words.append(w.capitalize())
    return " ".join(words)


def generate(path: Path, rows: int, seed: int = 11) -> None:
    """A GeoNames dump (19 tab-separated columns) with plausible names and alternates."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            name = _name(rng)
            alts = ",".join(_name(rng) for _ in range(rng.choice((0, 0, 1, 2, 3))))
            fclass, fcode = rng.choice((("P", "PPL"), ("P", "PPL"), ("P", "PPLA2"),
                                        ("A", "ADM2"), ("H", "STM"), ("T", "MT")))
            fh.write("\t".join((
                str(1_000_000 + i), name, name, alts, f"{rng.uniform(-60, 70):.5f}",
                f"{rng.uniform(-180, 180):.5f}", fclass, fcode, rng.choice(("SY", "ML", "CD")),
                "", f"{rng.randint(1, 14):02d}", str(rng.randint(1, 99)), "", "",
                str(rng.choice((0, 0, 120, 5400, 80000))), "", "350", "Asia/Damascus",
                "2019-06-01")) + "\n")


def bench_import(rows: int) -> None:
    from warlog.resolve.gazetteer import import_files

    with tempfile.TemporaryDirectory(prefix="warlog-gazbench-") as tmp:
        src = Path(tmp) / "XX.txt"
        generate(src, rows)
        t = time.perf_counter()
        n = 0
        with src.open("rb") as fh:
            for raw in fh:
                cols = raw.decode("utf-8").rstrip("\r\n").split("\t")
                n += len(cols) == 19
        raw_rate = n / (time.perf_counter() - t)
        report = import_files([src], Path(tmp) / "bench.sqlite")
        rate = report.rows / report.seconds
        print(f"import   {rate:10.0f} rows/s   raw read+split {raw_rate:10.0f} rows/s   "
              f"ratio {rate / raw_rate:6.3f}   ({report.rows} rows, "
              f"{src.stat().st_size / 1e6:.0f} MB, {report.seconds:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    bench_lookups(args.rounds)
    bench_import(args.rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
