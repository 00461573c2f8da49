"""The spaCy pipeline, loaded once per process.

Every stage works on the same ``spacy.tokens.Doc``; character offsets of tokens
(``token.idx``) are offsets into the document text as read.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from warlog.errors import ModelError

MODELS = {"fr": "fr_core_news_md"}


@lru_cache(maxsize=None)
def load(language: str = "fr") -> Language:
    name = MODELS.get(language)
    if name is None:
        raise ModelError(f"no spaCy model configured for language {language!r}")
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run `make install` "
            f"(it is a pinned dependency in pyproject.toml)"
        ) from exc
