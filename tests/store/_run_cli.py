"""Run the warlog CLI with the fake extractor (for subprocess tests: kill -9, progress bar)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _fake  # noqa: E402

import warlog.pipeline  # noqa: E402

warlog.pipeline.Extractor = _fake.FakeExtractor

from warlog.cli import main  # noqa: E402

sys.argv[0] = "warlog"
main()
