"""Loading of analyst-editable data files (``warlog/data``).

All YAML lexicons go through :func:`load_yaml` so a broken file always fails the same way:
a :class:`~warlog.errors.LexiconError` naming the file, never a bare YAML traceback.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from warlog.errors import LexiconError

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    path = DATA_DIR / relative
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise LexiconError("data file not found", path) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"invalid YAML: {str(exc).splitlines()[0]}", path) from exc


def require_str_list(data: Any, key: str, path: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"{key!r} must be a list of non-empty strings", DATA_DIR / path)
    return value
