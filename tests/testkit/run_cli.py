"""Run the warlog CLI with the fake extractor (for subprocess tests: kill -9, progress bar)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit import fake  # noqa: E402

import warlog.pipeline  # noqa: E402

warlog.pipeline.Extractor = fake.FakeExtractor

from warlog.cli import main  # noqa: E402

sys.argv[0] = "warlog"
main()
